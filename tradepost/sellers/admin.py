"""Raw seller and store rows for staff. Status is read-only here: decisions go through the console
(services.transition_seller writes the event row), never through an admin edit."""

from django.contrib import admin

from tradepost.sellers.models import Seller, SellerEvent, Store, StoreTranslation


class SellerEventInline(admin.TabularInline):
    model = SellerEvent
    extra = 0
    can_delete = False
    fields = ("created_at", "from_status", "to_status", "actor", "reason")
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Seller)
class SellerAdmin(admin.ModelAdmin):
    list_display = ("legal_name", "kind", "status", "country", "status_changed_at", "created_at")
    list_filter = ("status", "kind", "country")
    search_fields = ("legal_name", "email", "user__email", "registration_number", "public_id")
    list_select_related = ("user",)
    readonly_fields = (
        "public_id", "user", "status", "status_changed_at", "self_certified_at",
        "rejection_reason", "created_at",
    )  # fmt: skip
    inlines = [SellerEventInline]
    show_full_result_count = False


class StoreTranslationInline(admin.StackedInline):
    model = StoreTranslation
    extra = 0


@admin.register(Store)
class StoreAdmin(admin.ModelAdmin):
    list_display = ("name", "slug", "country", "settlement_currency", "opened_on")
    list_filter = ("country", "settlement_currency")
    search_fields = ("name", "slug", "seller__legal_name")
    list_select_related = ("seller",)
    readonly_fields = ("public_id", "seller")
    inlines = [StoreTranslationInline]
