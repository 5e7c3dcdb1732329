"""Admin for raw catalog data. Categories are edited here; listings are read-only, and their
status changes only through the services (the actions below call them)."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from tradepost import clock
from tradepost.catalog import services, versions
from tradepost.catalog.models import (
    Category,
    CategoryTranslation,
    CertificationDocument,
    Product,
    ProductEvent,
    ProductImage,
    ProductTranslation,
    Variant,
    WholesaleTier,
)
from tradepost.errors import DomainError
from tradepost.notifications.outbox import emit


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False
    show_change_link = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


class CategoryTranslationInline(admin.TabularInline):
    model = CategoryTranslation
    extra = 1


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = (
        "slug",
        "parent",
        "depth",
        "position",
        "commission_bps",
        "restricted",
        "prohibited",
    )
    list_filter = ("depth", "restricted", "prohibited")
    search_fields = ("slug", "translations__name")
    list_select_related = ("parent",)
    raw_id_fields = ("parent",)
    inlines = [CategoryTranslationInline]

    def save_model(self, request, obj, form, change):
        obj.depth = obj.parent.depth + 1 if obj.parent_id else 0
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        versions.bump(shared=True)  # names, flags and the tree show on every page
        # its names are searched in every language and its flags decide what is public
        emit("category.changed", {"category_id": form.instance.pk})

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        versions.bump(shared=True)

    def delete_queryset(self, request, queryset):
        super().delete_queryset(request, queryset)
        versions.bump(shared=True)


class ProductTranslationInline(ReadOnlyInline):
    model = ProductTranslation
    fields = ("language", "title", "slug", "description")
    readonly_fields = fields


class VariantInline(ReadOnlyInline):
    model = Variant
    fields = ("sku", "options", "price_minor", "stock", "weight_g", "is_active")
    readonly_fields = fields


class ImageInline(ReadOnlyInline):
    model = ProductImage
    fields = ("original", "width", "height", "alt_text", "variant", "position")
    readonly_fields = fields


class CertificateInline(ReadOnlyInline):
    model = CertificationDocument
    fields = ("file", "description", "uploaded_at")
    readonly_fields = fields


class EventInline(ReadOnlyInline):
    model = ProductEvent
    fields = ("created_at", "from_status", "to_status", "actor", "reason")
    readonly_fields = fields


@admin.register(Product)
class ProductAdmin(admin.ModelAdmin):
    list_display = ("public_id", "store", "category", "status", "min_price_minor", "created_at")
    list_filter = ("status", "category__restricted")
    search_fields = ("public_id", "translations__title", "variants__sku", "store__name")
    list_select_related = ("store", "category")
    show_full_result_count = False
    inlines = [
        ProductTranslationInline, VariantInline, ImageInline, CertificateInline, EventInline,
    ]  # fmt: skip
    actions = ["approve_selected", "remove_selected"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def _each(self, request, queryset, action, done_message):
        done = 0
        for product in queryset:
            try:
                action(staff=request.user, product=product, reason="admin", now=clock.now())
                done += 1
            except DomainError as error:
                self.message_user(request, f"{product}: {error}", messages.WARNING)
        self.message_user(request, done_message % {"count": done})

    @admin.action(description=_("Approve selected listings pending review"))
    def approve_selected(self, request, queryset):
        self._each(request, queryset, services.approve_product, _("%(count)s approved."))

    @admin.action(description=_("Remove selected listings"))
    def remove_selected(self, request, queryset):
        self._each(request, queryset, services.remove_product, _("%(count)s removed."))


@admin.register(WholesaleTier)
class WholesaleTierAdmin(admin.ModelAdmin):
    list_display = ("variant", "min_quantity", "unit_price_minor")
    raw_id_fields = ("variant",)

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
