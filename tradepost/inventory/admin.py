"""Reservation rows for staff, read-only (inventory.services writes them)."""

from django.contrib import admin

from tradepost.inventory.models import Reservation


@admin.register(Reservation)
class ReservationAdmin(admin.ModelAdmin):
    list_display = ("id", "variant", "order_line_id", "quantity", "status", "created_at")
    list_filter = ("status",)
    search_fields = ("variant__sku",)
    list_select_related = ("variant",)
    show_full_result_count = False

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
