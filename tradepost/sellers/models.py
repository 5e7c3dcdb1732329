"""Sellers (trader details for EU DSA Art. 30 / US INFORM) and their stores."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from tradepost.ids import new_public_id
from tradepost.sellers.states import SellerStatus


class SellerKind(models.TextChoices):
    COMPANY = "company", _("Company")
    INDIVIDUAL = "individual", _("Individual")


class Seller(models.Model):
    """A trader: the person or company behind a store, with the details the law asks us to keep."""

    public_id = models.CharField(max_length=24, unique=True, default=new_public_id, editable=False)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="seller"
    )
    kind = models.CharField(_("seller type"), max_length=12, choices=SellerKind.choices)
    status = models.CharField(
        max_length=12, choices=SellerStatus.choices, default=SellerStatus.DRAFT, db_index=True
    )
    status_changed_at = models.DateTimeField(null=True, blank=True)
    # Trader details (DSA Art. 30 (a), (d); INFORM)
    legal_name = models.CharField(_("legal name"), max_length=200, blank=True)
    address_line1 = models.CharField(_("address line 1"), max_length=200, blank=True)
    address_line2 = models.CharField(_("address line 2"), max_length=200, blank=True)
    city = models.CharField(_("city"), max_length=120, blank=True)
    region = models.CharField(_("state / province / region"), max_length=120, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=20, blank=True)
    country = CountryField(_("country"), blank=True)
    phone = models.CharField(_("phone"), max_length=32, blank=True)
    email = models.EmailField(_("e-mail address"), blank=True)
    trade_register = models.CharField(_("trade register"), max_length=200, blank=True)
    registration_number = models.CharField(
        _("registration or ID number"), max_length=64, blank=True
    )
    vat_number = models.CharField(_("VAT number"), max_length=32, blank=True)
    # Payout account (DSA Art. 30 (c)): an IBAN, or another scheme as free text with its country.
    payout_iban = models.CharField(_("IBAN"), max_length=34, blank=True)
    payout_account = models.CharField(_("other payout account"), max_length=200, blank=True)
    payout_country = CountryField(_("payout account country"), blank=True)
    # DSA Art. 30 (e)
    self_certified_at = models.DateTimeField(null=True, blank=True)
    rejection_reason = models.TextField(blank=True)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["-created_at"]
        permissions = [("review_seller", "Can verify, reject, suspend and reinstate sellers")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=SellerStatus.values), name="seller_status_valid"
            )
        ]

    def __str__(self) -> str:
        return self.legal_name or self.user.email

    @property
    def can_publish(self) -> bool:
        return self.status == SellerStatus.VERIFIED


class SellerEvent(models.Model):
    """One row per status change: who, when, from, to, why."""

    seller = models.ForeignKey(Seller, on_delete=models.CASCADE, related_name="events")
    from_status = models.CharField(max_length=12, choices=SellerStatus.choices)
    to_status = models.CharField(max_length=12, choices=SellerStatus.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.TextField(blank=True)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["created_at", "id"]


class Store(models.Model):
    """The seller's shop front. Its currency is the one the seller prices in and is paid in."""

    public_id = models.CharField(max_length=24, unique=True, default=new_public_id, editable=False)
    seller = models.OneToOneField(Seller, on_delete=models.CASCADE, related_name="store")
    name = models.CharField(_("store name"), max_length=120)
    slug = models.SlugField(_("address"), max_length=80, unique=True)
    logo = models.ImageField(_("logo"), upload_to="stores/logos/", blank=True)
    banner = models.ImageField(_("banner"), upload_to="stores/banners/", blank=True)
    country = CountryField(_("country"))
    settlement_currency = models.CharField(_("currency"), max_length=3)
    original_language = models.CharField(
        _("original language"), max_length=8, choices=settings.LANGUAGES, default="en"
    )
    languages_spoken = models.JSONField(_("languages spoken"), default=list, blank=True)
    opened_on = models.DateField(_("opened on"))

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class StoreTranslation(models.Model):
    store = models.ForeignKey(Store, on_delete=models.CASCADE, related_name="translations")
    language = models.CharField(max_length=8, choices=settings.LANGUAGES)
    description = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["store", "language"], name="store_translation_unique")
        ]
