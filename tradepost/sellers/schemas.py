"""API shapes of the sellers app.

Public output shows what DSA Art. 30(7) asks buyers to see — (a) name, address, phone, e-mail,
(d) trade register and number, (e) self-certification — and nothing else: never the payout
account, the VAT number, ID numbers of individuals, or review status. The owner's output is a
separate schema and still masks the payout account.
"""

from datetime import date, datetime

from ninja import Field, Schema
from pydantic import ConfigDict

from tradepost.sellers.models import Seller, SellerKind, Store
from tradepost.sellers.validation import PayoutInput, TraderDetailsInput


class _In(Schema):
    model_config = ConfigDict(extra="forbid")


class TraderAddressOut(Schema):
    line1: str
    line2: str
    city: str
    region: str
    postal_code: str
    country: str


class TraderDisclosureOut(Schema):
    kind: str
    legal_name: str
    address: TraderAddressOut
    phone: str
    email: str
    trade_register: str
    registration_number: str = Field(description="Companies only; empty for individuals")
    self_certified: bool = Field(description="Committed to offer only products that comply")


def trader_disclosure(seller: Seller) -> TraderDisclosureOut:
    is_company = seller.kind == SellerKind.COMPANY
    return TraderDisclosureOut(
        kind=seller.kind,
        legal_name=seller.legal_name,
        address=TraderAddressOut(
            line1=seller.address_line1,
            line2=seller.address_line2,
            city=seller.city,
            region=seller.region,
            postal_code=seller.postal_code,
            country=seller.country.code or "",
        ),
        phone=seller.phone,
        email=seller.email,
        trade_register=seller.trade_register if is_company else "",
        registration_number=seller.registration_number if is_company else "",
        self_certified=seller.self_certified_at is not None,
    )


class StorePublicOut(Schema):
    slug: str
    name: str
    country: str
    settlement_currency: str
    original_language: str
    languages_spoken: list[str]
    description: str
    opened_on: date
    logo_url: str | None
    banner_url: str | None
    trader: TraderDisclosureOut


def store_public(store: Store, description: str) -> StorePublicOut:
    return StorePublicOut(
        slug=store.slug,
        name=store.name,
        country=store.country.code,
        settlement_currency=store.settlement_currency,
        original_language=store.original_language,
        languages_spoken=list(store.languages_spoken),
        description=description,
        opened_on=store.opened_on,
        logo_url=store.logo.url if store.logo else None,
        banner_url=store.banner.url if store.banner else None,
        trader=trader_disclosure(store.seller),
    )


class StorePageOut(Schema):
    items: list[StorePublicOut]
    page: int
    page_size: int
    has_next: bool


class PayoutOwnerOut(Schema):
    iban_last4: str = Field(description="Only the last four characters are ever shown")
    account_last4: str
    country: str


class StoreOwnerOut(Schema):
    slug: str
    name: str
    country: str
    settlement_currency: str
    original_language: str
    languages_spoken: list[str]
    opened_on: date


class SellerOwnerOut(Schema):
    public_id: str
    kind: str
    status: str
    status_changed_at: datetime | None
    rejection_reason: str
    legal_name: str
    address_line1: str
    address_line2: str
    city: str
    region: str
    postal_code: str
    country: str
    phone: str
    email: str
    trade_register: str
    registration_number: str
    vat_number: str
    payout: PayoutOwnerOut
    self_certified_at: datetime | None
    store: StoreOwnerOut | None
    created_at: datetime

    @staticmethod
    def resolve_country(seller) -> str:
        return seller.country.code or ""

    @staticmethod
    def resolve_payout(seller) -> PayoutOwnerOut:
        return PayoutOwnerOut(
            iban_last4=seller.payout_iban[-4:],
            account_last4=seller.payout_account[-4:],
            country=seller.payout_country.code or "",
        )

    @staticmethod
    def resolve_store(seller) -> StoreOwnerOut | None:
        store = getattr(seller, "store", None)
        if store is None:
            return None
        return StoreOwnerOut(
            slug=store.slug,
            name=store.name,
            country=store.country.code,
            settlement_currency=store.settlement_currency,
            original_language=store.original_language,
            languages_spoken=list(store.languages_spoken),
            opened_on=store.opened_on,
        )


class ApplicationIn(_In):
    kind: str = Field(description="company or individual", max_length=12)


class TraderDetailsIn(_In):
    legal_name: str = Field(max_length=200)
    address_line1: str = Field(max_length=200)
    address_line2: str = Field("", max_length=200)
    city: str = Field(max_length=120)
    region: str = Field("", max_length=120)
    postal_code: str = Field("", max_length=20)
    country: str = Field(description="ISO 3166-1 alpha-2 code", max_length=2)
    phone: str = Field(max_length=32)
    email: str = Field(max_length=254)
    trade_register: str = Field("", max_length=200)
    registration_number: str = Field(max_length=64)
    vat_number: str = Field("", max_length=32)

    def to_input(self) -> TraderDetailsInput:
        return TraderDetailsInput(**self.model_dump())


class PayoutIn(_In):
    iban: str = Field("", max_length=42)
    account: str = Field("", max_length=200, description="Another scheme, as free text")
    country: str = Field("", max_length=2, description="The other account's country")
    password: str | None = Field(
        None,
        max_length=4096,
        description="The current password: required to replace an account already given",
    )

    def to_input(self) -> PayoutInput:
        return PayoutInput(**self.model_dump(exclude={"password"}))


class StoreIn(_In):
    name: str = Field(max_length=120)
    slug: str = Field(max_length=80)
    country: str = Field(max_length=2)
    settlement_currency: str = Field(max_length=3)
    original_language: str = Field(max_length=8)
    languages_spoken: list[str] = Field(default_factory=list, max_length=20)
    description: str = Field("", max_length=5000)


class SubmitIn(_In):
    self_certified: bool = Field(
        description="I will offer only products that comply with the applicable law"
    )
