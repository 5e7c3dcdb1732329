"""Read-only admin: outbox rows are written by emit() and the dispatcher only."""

from django.contrib import admin

from tradepost.notifications.models import OutboxDelivery, OutboxEvent


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class DeliveryInline(admin.TabularInline):
    model = OutboxDelivery
    fields = ["handler", "attempts", "next_attempt_at", "delivered_at", "gave_up_at", "last_error"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(OutboxEvent)
class OutboxEventAdmin(ReadOnlyAdmin):
    list_display = ["id", "topic", "created_at"]
    list_filter = ["topic"]
    search_fields = ["=id", "topic"]
    date_hierarchy = "created_at"
    ordering = ["-created_at"]
    inlines = [DeliveryInline]


@admin.register(OutboxDelivery)
class OutboxDeliveryAdmin(ReadOnlyAdmin):
    list_display = [
        "event",
        "handler",
        "attempts",
        "next_attempt_at",
        "delivered_at",
        "gave_up_at",
        "last_error",
    ]
    list_filter = ["handler", ("delivered_at", admin.EmptyFieldListFilter), "gave_up_at"]
    list_select_related = ["event"]
    search_fields = ["=event__id", "handler"]
    ordering = ["-next_attempt_at"]
