"""Sellers (trader details for EU DSA Art. 30 / US INFORM) and their stores."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from tradepost.ids import new_public_id
from tradepost.sellers.states import DepositStatus, SellerStatus

MAX_BPS = 10_000  # 100 %


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
    # Wins over any fee programme and the category's rate (sellers.fees.commission_bps).
    commission_bps_override = models.PositiveIntegerField(
        _("commission override (basis points)"), null=True, blank=True
    )
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["-created_at"]
        permissions = [("review_seller", "Can verify, reject, suspend and reinstate sellers")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=SellerStatus.values), name="seller_status_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(commission_bps_override__lte=MAX_BPS),
                name="seller_commission_override_max",
            ),
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


class FeeProgramme(models.Model):
    """Terms for every seller of one country over a period of days.

    The period is half-open: it applies from `starts_on` (included) up to `ends_on` (excluded),
    so "2024-09-25 → 2029-09-25" is exactly five years and an ended programme has ends_on ≤ today.
    `commission_bps` None leaves the category's rate alone.
    """

    public_id = models.CharField(max_length=24, unique=True, default=new_public_id, editable=False)
    name = models.CharField(_("name"), max_length=120)
    country = CountryField(_("sellers from"))
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on (first day it no longer applies)"))
    commission_bps = models.PositiveIntegerField(
        _("commission (basis points)"), null=True, blank=True
    )
    waives_deposit = models.BooleanField(_("waives category deposits"), default=False)
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField()

    class Meta:
        ordering = ["-starts_on", "-id"]
        permissions = [("manage_fees", "Can manage fee programmes and commission overrides")]
        indexes = [models.Index(fields=["country", "starts_on"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="fee_programme_period_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(commission_bps__lte=MAX_BPS), name="fee_programme_bps_max"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class SellerDeposit(models.Model):
    """Money a seller leaves with us to list in some categories; returned when the store closes.

    Status: required (payment started, not captured) → held → returned; `transition_deposit` is
    the only writer. `payment_ref` is the payment intent's public id once captured.
    """

    public_id = models.CharField(max_length=24, unique=True, default=new_public_id, editable=False)
    seller = models.ForeignKey(Seller, on_delete=models.PROTECT, related_name="deposits")
    currency = models.CharField(max_length=3)
    amount_minor = models.BigIntegerField()
    status = models.CharField(
        max_length=12, choices=DepositStatus.choices, default=DepositStatus.REQUIRED
    )
    payment_ref = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField()
    held_at = models.DateTimeField(null=True, blank=True)
    returned_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount_minor__gt=0), name="seller_deposit_amount_positive"
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=DepositStatus.values), name="seller_deposit_status"
            ),
            models.UniqueConstraint(
                fields=["seller", "currency"],
                condition=models.Q(status=DepositStatus.REQUIRED),
                name="seller_deposit_one_open_per_currency",
            ),
            models.UniqueConstraint(
                fields=["payment_ref"],
                condition=~models.Q(payment_ref=""),
                name="seller_deposit_payment_unique",
            ),
        ]


class SellerDepositEvent(models.Model):
    deposit = models.ForeignKey(SellerDeposit, on_delete=models.CASCADE, related_name="events")
    from_status = models.CharField(max_length=12, choices=DepositStatus.choices)
    to_status = models.CharField(max_length=12, choices=DepositStatus.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.TextField(blank=True)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["created_at", "id"]
