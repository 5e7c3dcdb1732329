"""Raw ledger and payout rows for staff, read-only: money moves only through ledger.services."""

from django.contrib import admin

from tradepost.ledger.models import (
    Account,
    JournalEntry,
    Payout,
    PayoutBatch,
    PayoutEvent,
    Posting,
)


class _ReadOnly:
    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class _ReadOnlyInline(_ReadOnly, admin.TabularInline):
    extra = 0


class PostingInline(_ReadOnlyInline):
    model = Posting
    fields = ("account", "currency", "amount_minor", "order")
    raw_id_fields = ("order",)


class PayoutEventInline(_ReadOnlyInline):
    model = PayoutEvent
    fields = ("created_at", "from_status", "to_status", "actor", "reason")


@admin.register(Account)
class AccountAdmin(_ReadOnly, admin.ModelAdmin):
    list_display = ("code", "kind", "currency", "seller", "jurisdiction")
    list_filter = ("kind", "currency")
    search_fields = ("code", "name")
    list_select_related = ("seller",)


@admin.register(JournalEntry)
class JournalEntryAdmin(_ReadOnly, admin.ModelAdmin):
    list_display = ("reference", "kind", "effective_at", "memo")
    list_filter = ("kind",)
    search_fields = ("reference", "memo")
    date_hierarchy = "effective_at"
    inlines = (PostingInline,)
    show_full_result_count = False


@admin.register(Posting)
class PostingAdmin(_ReadOnly, admin.ModelAdmin):
    list_display = ("id", "entry", "account", "currency", "amount_minor", "order")
    list_filter = ("currency", "account__kind")
    search_fields = ("entry__reference", "account__code")
    list_select_related = ("entry", "account", "order")
    show_full_result_count = False


@admin.register(Payout)
class PayoutAdmin(_ReadOnly, admin.ModelAdmin):
    list_display = ("public_id", "seller", "status", "currency", "amount_minor", "created_at")
    list_filter = ("status", "currency")
    search_fields = ("public_id",)
    list_select_related = ("seller",)
    inlines = (PayoutEventInline,)


@admin.register(PayoutBatch)
class PayoutBatchAdmin(_ReadOnly, admin.ModelAdmin):
    list_display = ("public_id", "created_at", "created_by", "payout_count")
