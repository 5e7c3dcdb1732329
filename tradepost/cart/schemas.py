"""API shapes of the cart and checkout (buyer only; RELIABILITY.md §8).

Inputs list exactly what a buyer may set (an unknown field is a 422): prices, stores, owners and
the idempotency key are server-owned. Outputs carry public ids only, amounts as integer minor
units with their currency: a line's unit price in the store's currency, everything the buyer
pays in the buyer's currency, with the exchange rate used.
"""

import datetime as dt
from decimal import Decimal
from typing import Annotated

from ninja import Field, Schema
from pydantic import ConfigDict

from tradepost.cart.models import Checkout
from tradepost.cart.pricing import Quote, QuoteGroup, QuoteLine
from tradepost.money.schemas import MAX_MINOR, MoneyOut
from tradepost.orders.schemas import (
    AddressSnapshotOut,
    BuyerOrderSummaryOut,
    StoreRefOut,
    address_out,
    buyer_order_summary_out,
)

MAX_COUPONS = 10
_CURRENCY = "ISO 4217 code of the currency to pay in; default: your display currency"


class _In(Schema):
    model_config = ConfigDict(extra="forbid")


# --- inputs ------------------------------------------------------------------------------------


class CartLineAddIn(_In):
    variant: str = Field(max_length=64, description="public id of the variant")
    quantity: int = Field(description="units to add to what the cart already holds")


class ShippingChoiceIn(_In):
    store: str = Field(max_length=64, description="public id of a store with lines in the cart")
    option: str = Field(max_length=16, description="economy, standard or express")


class CartLineQuantityIn(_In):
    quantity: int = Field(description="the line's new quantity")


class QuoteIn(_In):
    address: str = Field(max_length=64, description="public id of an address in your book")
    currency: str | None = Field(None, max_length=3, description=_CURRENCY)
    coupons: list[Annotated[str, Field(max_length=64)]] = Field(
        default_factory=list, max_length=MAX_COUPONS, description="coupon codes"
    )
    vat_number: str = Field(
        "",
        max_length=32,
        description="A business buyer's VAT number (EU: of the destination member state; GB VAT, "
        "AU ABN, NO org number): reverse charge, no import VAT collected. Refused with "
        "invalid_vat_number when not valid.",
    )


class CheckoutIn(QuoteIn):
    expected_total_minor: int | None = Field(
        None,
        ge=0,
        le=MAX_MINOR,
        description="The total you reviewed (quote): placing refuses with "
        "checkout_total_changed when it differs",
    )


# --- outputs -----------------------------------------------------------------------------------


class ShippingOptionOut(Schema):
    code: str = Field(description="service level: economy, standard or express")
    label: str
    carrier: str = Field(description="carrier code (shipping.carriers), blank when unnamed")
    price: MoneyOut = Field(description="in your currency")
    days_min: int = Field(description="transit business days, after processing")
    days_max: int
    processing_days: int
    arrives_from: dt.date = Field(description="earliest delivery date promised")
    arrives_by: dt.date


class TaxLineOut(Schema):
    label: str
    amount: MoneyOut


class ImportTaxOut(Schema):
    collected: bool = Field(description="the marketplace collects import VAT/GST at checkout")
    regime: str = Field(description="eu_ioss, uk_low_value, au_low_value, no_voec or blank")
    jurisdiction: str
    reverse_charge: bool
    lines: list[TaxLineOut]
    notice: str = Field(description="e.g. import VAT and duties may be charged on delivery")


class CartLineOut(Schema):
    variant: str = Field(description="public id of the variant")
    product: str = Field(description="public id of the product")
    sku: str
    title: str
    variant_label: str
    quantity: int
    unit_price: MoneyOut = Field(description="today's unit price in the store's currency")
    list_unit_price: MoneyOut = Field(description="the variant's own price, before tier or deal")
    seen_unit_price: MoneyOut = Field(description="the unit price you last saw and accepted")
    tier_min_quantity: int | None = Field(description="the wholesale tier applied, if any")
    flash_deal: bool
    original_line_total: MoneyOut = Field(description="unit × quantity, store currency")
    line_total: MoneyOut = Field(description="converted once into your currency")
    problems: list[str] = Field(
        description="why the line cannot be ordered as it is: unavailable, seller_unavailable, "
        "out_of_stock, not_enough_stock, price_changed, quantity_rules, does_not_ship_here, "
        "restricted_in_country"
    )


class CouponShareOut(Schema):
    code: str
    amount: MoneyOut


class GroupOut(Schema):
    """One seller's part of the cart: it becomes one order."""

    store: StoreRefOut
    store_currency: str
    rate: str | None = Field(description="units of your currency per 1 store currency unit")
    rate_date: dt.date | None
    shipping_option: ShippingOptionOut | None = Field(
        description="the chosen (or cheapest) option; null when the parcel cannot ship to the "
        "destination (its lines show does_not_ship_here)"
    )
    shipping_options: list[ShippingOptionOut]
    import_tax: ImportTaxOut | None
    lines: list[CartLineOut]
    coupons: list[CouponShareOut]
    items: MoneyOut
    shipping: MoneyOut
    discount: MoneyOut = Field(description="subtracted from the total")
    tax: MoneyOut
    total: MoneyOut


class CartOut(Schema):
    currency: str
    groups: list[GroupOut]
    unit_count: int
    has_problems: bool
    coupons: list[str]
    items: MoneyOut
    shipping: MoneyOut
    discount: MoneyOut
    tax: MoneyOut
    total: MoneyOut


class QuoteOut(CartOut):
    """The review before placing: every amount in the buyer's currency with the rate used.
    Pass `total.minor` as `expected_total_minor` when placing."""

    shipping_address: AddressSnapshotOut


class CheckoutOut(Schema):
    public_id: str
    currency: str
    items: MoneyOut
    shipping: MoneyOut
    discount: MoneyOut
    tax: MoneyOut
    total: MoneyOut
    shipping_address: AddressSnapshotOut
    coupons: list[str]
    pay_by: dt.datetime
    created_at: dt.datetime
    orders: list[BuyerOrderSummaryOut]


# --- building outputs --------------------------------------------------------------------------


def _money(minor: int, currency: str) -> MoneyOut:
    return MoneyOut(minor=minor, currency=currency)


def rate_text(value: Decimal, same: bool) -> str | None:
    return None if same else format(Decimal(value).normalize(), "f")


def _line_out(line: QuoteLine, currency: str, store_currency: str) -> CartLineOut:
    variant = line.variant
    return CartLineOut(
        variant=variant.public_id,
        product=line.product.public_id,
        sku=variant.sku,
        title=line.title,
        variant_label=line.variant_label,
        quantity=line.quantity,
        unit_price=_money(line.unit_price_minor, store_currency),
        list_unit_price=_money(line.list_unit_price_minor, store_currency),
        seen_unit_price=_money(line.cart_line.seen_unit_price_minor, store_currency),
        tier_min_quantity=line.tier_min_quantity,
        flash_deal=line.deal is not None,
        original_line_total=_money(line.store_line_total_minor, store_currency),
        line_total=_money(line.line_total_minor, currency),
        problems=list(line.problems),
    )


def _option_out(option, amount: int, promise, currency: str) -> ShippingOptionOut:
    return ShippingOptionOut(
        code=option.code, label=option.label, carrier=option.carrier,
        price=_money(amount, currency), days_min=option.days_min, days_max=option.days_max,
        processing_days=option.processing_days, arrives_from=promise.earliest,
        arrives_by=promise.latest,
    )  # fmt: skip


def _tax_out(tax, currency: str) -> ImportTaxOut | None:
    if tax is None:
        return None
    return ImportTaxOut(
        collected=tax.collected, regime=tax.regime, jurisdiction=tax.jurisdiction,
        reverse_charge=tax.reverse_charge, notice=str(tax.notice),
        lines=[TaxLineOut(label=label, amount=_money(amount, currency))
               for label, amount in tax.charges],
    )  # fmt: skip


def _group_out(group: QuoteGroup, currency: str) -> GroupOut:
    rate = group.rate
    options = [_option_out(*each, currency) for each in group.shipping_options]
    chosen = next(
        (out for out, (each, *_rest) in zip(options, group.shipping_options, strict=True)
         if each == group.shipping_option),
        None,
    )  # fmt: skip
    return GroupOut(
        store=StoreRefOut(
            slug=group.store.slug, name=group.store.name, country=group.store.country.code
        ),
        store_currency=group.store_currency,
        rate=rate_text(rate.value, rate.base == rate.quote),
        rate_date=rate.rate_date,
        shipping_option=chosen,
        shipping_options=options,
        import_tax=_tax_out(group.tax, currency),
        lines=[_line_out(line, currency, group.store_currency) for line in group.lines],
        coupons=[
            CouponShareOut(code=coupon.code, amount=_money(amount, currency))
            for coupon, amount in group.discounts
        ],
        items=_money(group.items_minor, currency),
        shipping=_money(group.shipping_minor, currency),
        discount=_money(group.discount_minor, currency),
        tax=_money(group.tax_minor, currency),
        total=_money(group.total_minor, currency),
    )


def cart_out(priced: Quote) -> CartOut:
    currency = priced.currency
    return CartOut(
        currency=currency,
        groups=[_group_out(group, currency) for group in priced.groups],
        unit_count=sum(line.quantity for line in priced.lines),
        has_problems=priced.has_problems,
        coupons=[coupon.code for coupon in priced.coupons],
        items=_money(priced.items_minor, currency),
        shipping=_money(priced.shipping_minor, currency),
        discount=_money(priced.discount_minor, currency),
        tax=_money(priced.tax_minor, currency),
        total=_money(priced.total_minor, currency),
    )


def quote_out(priced: Quote, address: dict) -> QuoteOut:
    return QuoteOut(**cart_out(priced).model_dump(), shipping_address=address_out(address))


def empty_cart_out(currency: str) -> CartOut:
    nothing = _money(0, currency)
    return CartOut(
        currency=currency, groups=[], unit_count=0, has_problems=False, coupons=[],
        items=nothing, shipping=nothing, discount=nothing, tax=nothing, total=nothing,
    )  # fmt: skip


def checkout_out(checkout: Checkout) -> CheckoutOut:
    currency = checkout.currency
    return CheckoutOut(
        public_id=checkout.public_id,
        currency=currency,
        items=_money(checkout.items_minor, currency),
        shipping=_money(checkout.shipping_minor, currency),
        discount=_money(checkout.discount_minor, currency),
        tax=_money(checkout.tax_minor, currency),
        total=_money(checkout.total_minor, currency),
        shipping_address=address_out(checkout.shipping_address),
        coupons=list(checkout.coupon_codes or []),
        pay_by=checkout.pay_by,
        created_at=checkout.created_at,
        orders=[buyer_order_summary_out(order) for order in checkout.orders.all()],
    )
