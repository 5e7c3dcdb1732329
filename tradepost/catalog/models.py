"""The catalog: categories, products (listings), variants (SKUs), wholesale tiers, images."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from tradepost.catalog.states import ProductStatus
from tradepost.ids import new_public_id
from tradepost.sellers.models import Store


class Category(models.Model):
    """A node of the category tree; names are per language (CategoryTranslation)."""

    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    slug = models.SlugField(max_length=80, unique=True)
    depth = models.PositiveSmallIntegerField(default=0)  # 0 for a root; derived from parent
    position = models.PositiveIntegerField(default=0)
    commission_bps = models.PositiveIntegerField(
        _("commission (basis points)"), default=800, help_text=_("800 = 8%")
    )
    restricted = models.BooleanField(
        _("restricted"),
        default=False,
        help_text=_("Listings need a certification document and staff approval."),
    )
    prohibited = models.BooleanField(_("prohibited"), default=False)
    # Alcohol, tobacco and the like: excluded from the low-value import schemes (IOSS, UK
    # £135, AU A$1,000), so no import tax is collected at checkout (taxes.services).
    excise_goods = models.BooleanField(_("excise goods"), default=False)
    # A deposit sellers pay before publishing here (sellers.fees.deposit_required); 0 = none.
    deposit_minor = models.PositiveBigIntegerField(_("seller deposit"), default=0)
    deposit_currency = models.CharField(_("deposit currency"), max_length=3, blank=True)

    class Meta:
        ordering = ["depth", "position", "slug"]
        verbose_name_plural = _("categories")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(commission_bps__lte=10000), name="category_commission_max"
            ),
            models.CheckConstraint(
                condition=models.Q(deposit_minor=0) | ~models.Q(deposit_currency=""),
                name="category_deposit_has_currency",
            ),
        ]

    def __str__(self) -> str:
        return self.slug


class CategoryTranslation(models.Model):
    category = models.ForeignKey(Category, on_delete=models.CASCADE, related_name="translations")
    language = models.CharField(max_length=8, choices=settings.LANGUAGES)
    name = models.CharField(max_length=120)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["category", "language"], name="category_translation_unique"
            )
        ]


class Product(models.Model):
    """A listing of one store. Its variants carry the prices (in the store's currency) and stock."""

    public_id = models.CharField(max_length=24, unique=True, default=new_public_id, editable=False)
    store = models.ForeignKey(Store, on_delete=models.CASCADE, related_name="products")
    category = models.ForeignKey(Category, on_delete=models.PROTECT, related_name="products")
    status = models.CharField(
        max_length=16, choices=ProductStatus.choices, default=ProductStatus.DRAFT, db_index=True
    )
    status_changed_at = models.DateTimeField(null=True, blank=True)
    original_language = models.CharField(max_length=8, choices=settings.LANGUAGES, default="en")
    brand = models.CharField(_("brand"), max_length=120, blank=True)
    attributes = models.JSONField(_("attributes"), default=dict, blank=True)
    # The order its variants' options are shown in, as the seller gave it (catalog.options):
    # a JSON array keeps its order on every database, a variant's jsonb `options` does not.
    option_names = models.JSONField(_("option order"), default=list, blank=True)
    hs_code = models.CharField(_("HS code"), max_length=12, blank=True)
    # None: the store's default template (shipping.selectors.template_for).
    shipping_template = models.ForeignKey(
        "shipping.ShippingTemplate",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="products",
        verbose_name=_("shipping template"),
    )
    origin_country = CountryField(_("country of origin"), blank=True)
    weight_g = models.PositiveIntegerField(_("weight (g)"), default=0)
    length_mm = models.PositiveIntegerField(_("length (mm)"), default=0)
    width_mm = models.PositiveIntegerField(_("width (mm)"), default=0)
    height_mm = models.PositiveIntegerField(_("height (mm)"), default=0)
    min_order_quantity = models.PositiveIntegerField(_("minimum order quantity"), default=1)
    lot_size = models.PositiveIntegerField(
        _("pieces per lot"), default=1, help_text=_("1 = sold by the piece")
    )
    # Lowest active variant price, kept by services for sorting and range filters.
    min_price_minor = models.BigIntegerField(default=0)
    order_count = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField()
    # +1 on every change a buyer could see; cached product pages are keyed by it.
    revision = models.PositiveBigIntegerField(default=1)

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["status", "category", "-created_at"]),
            models.Index(fields=["store", "status"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(min_order_quantity__gte=1) & models.Q(lot_size__gte=1),
                name="product_quantities_positive",
            )
        ]

    def __str__(self) -> str:
        return self.public_id


class ProductTranslation(models.Model):
    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="translations")
    language = models.CharField(max_length=8, choices=settings.LANGUAGES)
    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, allow_unicode=True)
    description = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["product", "language"], name="product_translation_unique"
            )
        ]


class ProductEvent(models.Model):
    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="events")
    from_status = models.CharField(max_length=16, choices=ProductStatus.choices)
    to_status = models.CharField(max_length=16, choices=ProductStatus.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.TextField(blank=True)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["created_at", "id"]


class Variant(models.Model):
    """A SKU: one combination of option values, with its price, stock and weight."""

    public_id = models.CharField(max_length=24, unique=True, default=new_public_id, editable=False)
    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="variants")
    store = models.ForeignKey(Store, on_delete=models.CASCADE, related_name="+")  # for SKU unicity
    sku = models.CharField(_("SKU"), max_length=64)
    options = models.JSONField(_("options"), default=dict, blank=True)  # {"Colour": "Red", …}
    price_minor = models.BigIntegerField(_("price"))  # in the store's settlement currency
    stock = models.PositiveIntegerField(_("stock"), default=0)
    weight_g = models.PositiveIntegerField(_("weight (g)"), null=True, blank=True)
    position = models.PositiveIntegerField(default=0)
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["store", "sku"], name="variant_sku_unique_per_store"),
            models.CheckConstraint(
                condition=models.Q(price_minor__gt=0), name="variant_price_positive"
            ),
        ]

    def __str__(self) -> str:
        return self.sku


class WholesaleTier(models.Model):
    """From `min_quantity` units up, each unit of the variant costs `unit_price_minor`."""

    variant = models.ForeignKey(Variant, on_delete=models.CASCADE, related_name="tiers")
    min_quantity = models.PositiveIntegerField()
    unit_price_minor = models.BigIntegerField()

    class Meta:
        ordering = ["min_quantity"]
        constraints = [
            models.UniqueConstraint(fields=["variant", "min_quantity"], name="tier_unique"),
            models.CheckConstraint(
                condition=models.Q(min_quantity__gte=2) & models.Q(unit_price_minor__gt=0),
                name="tier_valid",
            ),
        ]


class ProductImage(models.Model):
    """An uploaded picture: the cleaned original plus WebP thumbnails ({width: storage path})."""

    public_id = models.CharField(max_length=24, unique=True, default=new_public_id, editable=False)
    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="images")
    variant = models.ForeignKey(
        Variant, null=True, blank=True, on_delete=models.SET_NULL, related_name="images"
    )
    original = models.ImageField(upload_to="products/originals/")
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()
    thumbnails = models.JSONField(default=dict)
    alt_text = models.CharField(_("alt text"), max_length=200, blank=True)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]


class CertificationDocument(models.Model):
    """Proof that a listing in a restricted category may be sold (checked by staff)."""

    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="certificates")
    file = models.FileField(upload_to="products/certificates/")
    description = models.CharField(max_length=200, blank=True)
    uploaded_at = models.DateTimeField()


class PublicVersion(models.Model):
    """The one row that cached public pages and reads are keyed by (catalog.versions).

    It lives in the database, not the cache, so every web process and the worker see a bump
    in the same transaction as the change that caused it.
    """

    listings = models.PositiveBigIntegerField(default=1)  # any listing's public face
    shared = models.PositiveBigIntegerField(default=1)  # categories, stores, exchange rates

    class Meta:
        constraints = [models.CheckConstraint(condition=models.Q(id=1), name="public_version_one")]
