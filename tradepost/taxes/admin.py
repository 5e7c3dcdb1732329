from django.contrib import admin

from tradepost.taxes.models import ImportTaxRule, OrderTax


@admin.register(ImportTaxRule)
class ImportTaxRuleAdmin(admin.ModelAdmin):
    """Read-only: the rules change in data/import_tax_rules.json, loaded by a command."""

    list_display = ["kind", "regime", "country", "rate_bps", "threshold_minor",
                    "threshold_currency", "valid_from", "valid_to", "source_date"]  # fmt: skip
    list_filter = ["kind", "regime"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(OrderTax)
class OrderTaxAdmin(admin.ModelAdmin):
    list_display = ["order", "regime", "jurisdiction", "rate_bps", "vat_minor", "duty_minor",
                    "currency", "reverse_charge", "created_at"]  # fmt: skip
    list_filter = ["regime", "jurisdiction", "reverse_charge"]
    list_select_related = ["order"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
