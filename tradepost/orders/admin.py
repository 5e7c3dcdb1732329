"""Raw order rows for staff, read-only: status changes go through orders.services only."""

from django.contrib import admin

from tradepost.orders.models import Order, OrderCharge, OrderEvent, OrderLine


class _ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


class OrderLineInline(_ReadOnlyInline):
    model = OrderLine
    fields = ("sku", "title", "quantity", "unit_price_minor", "line_total_minor")


class OrderChargeInline(_ReadOnlyInline):
    model = OrderCharge
    fields = ("kind", "label", "amount_minor", "funded_by")


class OrderEventInline(_ReadOnlyInline):
    model = OrderEvent
    fields = ("created_at", "from_status", "to_status", "actor", "reason")


@admin.register(Order)
class OrderAdmin(admin.ModelAdmin):
    list_display = ("public_id", "status", "store", "currency", "total_minor", "created_at")
    list_filter = ("status", "currency")
    search_fields = ("public_id", "checkout__public_id", "tracking_number")
    list_select_related = ("store",)
    inlines = (OrderLineInline, OrderChargeInline, OrderEventInline)
    show_full_result_count = False

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
