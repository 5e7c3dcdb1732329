"""Raw exchange-rate rows for staff: filter by source, pair and day."""

from django.contrib import admin

from tradepost import clock
from tradepost.money.models import ExchangeRate


@admin.register(ExchangeRate)
class ExchangeRateAdmin(admin.ModelAdmin):
    list_display = ("rate_date", "source", "base", "quote", "rate", "imported_at")
    list_filter = ("source", "base", "quote", "rate_date")
    search_fields = ("quote",)
    date_hierarchy = "rate_date"
    ordering = ("-rate_date", "source", "base", "quote")
    readonly_fields = ("imported_at",)
    list_per_page = 100
    # Rates come from imports (manage.py import_rates); the admin is mostly for reading them.
    show_full_result_count = False

    def save_model(self, request, obj, form, change):
        # A hand-entered or hand-corrected rate is stamped like an import.
        obj.imported_at = clock.now()
        super().save_model(request, obj, form, change)
