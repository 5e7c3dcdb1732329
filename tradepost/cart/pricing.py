"""What a cart costs, line by line and seller by seller, in the buyer's currency.

One function, `quote`, used by the cart page, the checkout review and `place_checkout`, so the
amounts a buyer reviews are the amounts an order snapshots. The rules:

- unit price: a running flash deal's price, else the wholesale tier for the quantity, else the
  variant's price (store currency);
- a line's total (unit × quantity, store currency) is converted once into the buyer's currency
  at the store currency's rate (round half to even); so is each group's shipping, priced by the
  seller's shipping templates for the ship-to country (shipping.services);
- coupons are computed in the buyer's currency (promotions.discounts) and never exceed a group's
  items;
- each seller's parcel is one consignment for import tax (taxes.services): the VAT/GST and duty
  the marketplace must collect for the destination are the group's tax lines.
"""

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.db.models import Prefetch
from django.utils.translation import gettext as _

from tradepost.cart.models import Cart, CartLine
from tradepost.catalog import translation
from tradepost.catalog.models import ProductTranslation, WholesaleTier
from tradepost.catalog.options import option_label
from tradepost.catalog.states import ProductStatus
from tradepost.money import currencies, fx
from tradepost.money.errors import ExchangeRateUnavailable, UnknownCurrency
from tradepost.money.money import Money, exact_product, to_minor_units
from tradepost.money.rounding import HALF_EVEN
from tradepost.promotions import discounts as coupon_math
from tradepost.promotions import services as promotions
from tradepost.promotions.models import Coupon, FlashDeal
from tradepost.restrictions import selectors as restrictions
from tradepost.sellers.models import SellerStatus, Store
from tradepost.shipping import regions, zones
from tradepost.shipping import selectors as shipping_reads
from tradepost.shipping import services as shipping
from tradepost.shipping.promise import Promise
from tradepost.taxes import services as taxes
from tradepost.taxes.types import Assessment, ConsignmentLine


class Problem:
    """Why a line cannot be ordered as it is (stable codes: the API shows them)."""

    UNAVAILABLE = "unavailable"
    SELLER_UNAVAILABLE = "seller_unavailable"
    OUT_OF_STOCK = "out_of_stock"
    NOT_ENOUGH_STOCK = "not_enough_stock"
    PRICE_CHANGED = "price_changed"
    QUANTITY_RULES = "quantity_rules"
    DOES_NOT_SHIP_HERE = "does_not_ship_here"
    RESTRICTED = "restricted_in_country"  # the law of the ship-to country (restrictions)


@dataclass
class QuoteLine:
    cart_line: CartLine
    title: str
    variant_label: str
    quantity: int
    list_unit_price_minor: int  # store currency
    unit_price_minor: int  # store currency, after tier or deal
    tier_min_quantity: int | None
    deal: FlashDeal | None
    store_line_total_minor: int
    line_total_minor: int  # buyer currency
    problems: list[str] = field(default_factory=list)

    @property
    def variant(self):
        return self.cart_line.variant

    @property
    def product(self):
        return self.cart_line.variant.product


@dataclass
class QuoteGroup:
    store: Store
    store_currency: str
    rate: fx.Rate
    lines: list[QuoteLine]
    # None when the parcel cannot reach the destination (its lines carry DOES_NOT_SHIP_HERE).
    shipping_option: shipping.ShippingOption | None
    store_items_minor: int
    items_minor: int  # buyer currency
    shipping_minor: int
    discount_minor: int = 0
    tax_minor: int = 0
    # (coupon, amount in buyer currency) of each coupon that applies to this group
    discounts: list[tuple[Coupon, int]] = field(default_factory=list)
    # Every option the parcel could ship by, cheapest first, with its price in buyer currency
    # and its delivery promise.
    shipping_options: list[tuple[shipping.ShippingOption, int, Promise]] = field(
        default_factory=list
    )
    promise: Promise | None = None  # of the chosen option
    # Import VAT/GST and duty the marketplace collects for this parcel (taxes), None when the
    # parcel cannot ship.
    tax: Assessment | None = None

    @property
    def total_minor(self) -> int:
        return self.items_minor + self.shipping_minor + self.tax_minor - self.discount_minor


@dataclass
class Quote:
    currency: str
    groups: list[QuoteGroup]
    coupons: list[Coupon]
    ship_to: str = ""

    @property
    def lines(self) -> list[QuoteLine]:
        return [line for group in self.groups for line in group.lines]

    @property
    def has_problems(self) -> bool:
        return any(line.problems for line in self.lines)

    def _sum(self, name: str) -> int:
        return sum(getattr(group, name) for group in self.groups)

    @property
    def items_minor(self) -> int:
        return self._sum("items_minor")

    @property
    def shipping_minor(self) -> int:
        return self._sum("shipping_minor")

    @property
    def discount_minor(self) -> int:
        return self._sum("discount_minor")

    @property
    def tax_minor(self) -> int:
        return self._sum("tax_minor")

    @property
    def total_minor(self) -> int:
        return self._sum("total_minor")

    def money(self, minor: int) -> Money:
        return Money(minor, self.currency)


def unit_price(variant, quantity: int, deal: FlashDeal | None) -> tuple[int, int | None]:
    """(unit price, tier applied) for `quantity` units; `variant.tiers` sorted ascending."""
    if deal is not None:
        return deal.deal_price_minor, None
    applied = None
    for tier in variant.tiers.all():
        if tier.min_quantity <= quantity:
            applied = tier
    if applied is None:
        return variant.price_minor, None
    return applied.unit_price_minor, applied.min_quantity


def quantity_problem(product, quantity: int) -> bool:
    return (
        quantity < product.min_order_quantity
        or quantity % product.lot_size != 0
        or quantity > settings.CART_MAX_UNITS_PER_LINE
    )


def load_lines(cart: Cart | None, language: str) -> list[CartLine]:
    """The cart's lines with variant, tiers, product, its translations in the language chain,
    store and seller: 3 queries (none without a cart)."""
    if cart is None:
        return []
    return list(
        cart.lines.select_related(
            "variant__product__store__seller", "variant__product__category"
        ).prefetch_related(
            Prefetch("variant__tiers", queryset=WholesaleTier.objects.order_by("min_quantity")),
            Prefetch(
                "variant__product__translations",
                queryset=ProductTranslation.objects.only("product_id", "language", "title"),
            ),
        )
    )


def _title(product, language: str) -> str:
    titles = {row.language: row.title for row in product.translations.all()}
    return translation.resolve(titles, language, product.original_language, default="")


def _line_problems(line: CartLine, unit: int, deal: FlashDeal | None) -> list[str]:
    variant, product = line.variant, line.variant.product
    if product.status != ProductStatus.ACTIVE or not variant.is_active:
        return [Problem.UNAVAILABLE]
    if product.store.seller.status != SellerStatus.VERIFIED:
        return [Problem.SELLER_UNAVAILABLE]
    problems = []
    if variant.stock == 0:
        problems.append(Problem.OUT_OF_STOCK)
    elif variant.stock < line.quantity:
        problems.append(Problem.NOT_ENOUGH_STOCK)
    if deal is not None and deal.quantity - deal.sold < line.quantity:
        problems.append(Problem.NOT_ENOUGH_STOCK)
    if quantity_problem(product, line.quantity):
        problems.append(Problem.QUANTITY_RULES)
    if unit != line.seen_unit_price_minor:
        problems.append(Problem.PRICE_CHANGED)
    return sorted(set(problems))


FALLBACK_CURRENCY = fx.PIVOT


def payable_currency(preferred: str, *, now: dt.datetime) -> str:
    """`preferred` when amounts can be converted into it today, else the rates' pivot currency
    (EUR): a display currency without a published rate (e.g. UAH) still gets a working cart."""
    try:
        fx.get_rate(FALLBACK_CURRENCY, preferred, now.date())
    except (ExchangeRateUnavailable, UnknownCurrency):
        return FALLBACK_CURRENCY
    return preferred


class _Rates:
    """Rates into the buyer's currency, one look-up per store currency."""

    def __init__(self, currency: str, on: dt.date):
        self.currency, self.on, self._rates = currency, on, {}

    def __getitem__(self, store_currency: str) -> fx.Rate:
        if store_currency not in self._rates:
            self._rates[store_currency] = fx.get_rate(store_currency, self.currency, self.on)
        return self._rates[store_currency]


def convert(minor: int, rate: fx.Rate) -> int:
    """`minor` units of the rate's base currency in its quote currency, rounded once (half to
    even), exactly as money.fx.convert does."""
    if rate.base == rate.quote:
        return minor
    product = exact_product(Money(minor, rate.base).amount, rate.value)
    return to_minor_units(product, currencies.exponent(rate.quote), HALF_EVEN)


def quote(
    *,
    cart: Cart | None,
    currency: str,
    language: str,
    now: dt.datetime,
    ship_to: str,
    buyer=None,
    coupon_codes: list[str] | None = None,
    buyer_vat_number: str = "",
) -> Quote:
    """Price the cart for a buyer paying in `currency` whose parcels go to `ship_to`. Raises
    money errors for an unknown currency or a missing rate, and promotions errors for a coupon
    that cannot be used."""
    lines = load_lines(cart, language)
    deals = promotions.active_deals([line.variant_id for line in lines], now=now)
    rates = _Rates(currency, now.date())
    by_store: dict[int, list[QuoteLine]] = {}
    stores: dict[int, Store] = {}
    for line in lines:
        variant, product = line.variant, line.variant.product
        deal = deals.get(variant.id)
        unit, tier = unit_price(variant, line.quantity, deal)
        rate = rates[product.store.settlement_currency]
        store_total = unit * line.quantity
        by_store.setdefault(product.store_id, []).append(
            QuoteLine(
                cart_line=line,
                title=_title(product, language),
                variant_label=option_label(variant.options, product.option_names),
                quantity=line.quantity,
                list_unit_price_minor=variant.price_minor,
                unit_price_minor=unit,
                tier_min_quantity=tier,
                deal=deal,
                store_line_total_minor=store_total,
                line_total_minor=convert(store_total, rate),
                problems=_line_problems(line, unit, deal),
            )
        )
        stores[product.store_id] = product.store

    blocked = restrictions.blocked_products([line.variant.product for line in lines], ship_to)
    for line in (line for group in by_store.values() for line in group):
        if line.product.id in blocked:
            line.problems = sorted({*line.problems, Problem.RESTRICTED})
    templates = zones.templates_for_stores(list(stores))
    choices = (cart.shipping_choices or {}) if cart is not None else {}
    groups = []
    for store_id, group_lines in by_store.items():
        store = stores[store_id]
        rate = rates[store.settlement_currency]
        store_items = sum(line.store_line_total_minor for line in group_lines)
        options = shipping.options_for_group(
            store=store,
            lines=[_parcel_line(line) for line in group_lines],
            destination=ship_to,
            store_items_minor=store_items,
            templates=templates[store_id],
        )
        option = shipping.choose(options, choices.get(store.public_id))
        if option is None:
            for line in group_lines:
                line.problems = sorted({*line.problems, Problem.DOES_NOT_SHIP_HERE})
        groups.append(
            QuoteGroup(
                store=store,
                store_currency=store.settlement_currency,
                rate=rate,
                lines=group_lines,
                shipping_option=option,
                store_items_minor=store_items,
                items_minor=sum(line.line_total_minor for line in group_lines),
                shipping_minor=convert(option.store_amount_minor, rate) if option else 0,
                shipping_options=[
                    (each, convert(each.store_amount_minor, rate), promise_for(each, now, ship_to))
                    for each in options
                ],
                promise=promise_for(option, now, ship_to) if option else None,
            )
        )
    coupons = promotions.lookup_coupons(coupon_codes, now=now) if coupon_codes else []
    _apply_coupons(groups, coupons, currency=currency, buyer=buyer, now=now)
    for group in groups:
        if group.shipping_option is not None:
            _assess_import_tax(group, ship_to, currency, buyer_vat_number, now)
    return Quote(currency=currency, groups=groups, coupons=coupons, ship_to=ship_to)


def _assess_import_tax(group: QuoteGroup, ship_to: str, currency, vat_number, now) -> None:
    """The parcel is one consignment: its intrinsic value is the seller's item prices (before
    shipping, in the seller's currency); VAT applies to what the buyer pays for it (items after
    discounts, plus shipping). A parcel that does not cross a customs border (same country, or
    within the EU) is no import: nothing collected. Raises taxes.errors.InvalidVatNumber for a
    bad VAT number."""
    origin = group.shipping_option.ship_from
    if origin == ship_to or (origin in regions.EU and ship_to in regions.EU):
        group.tax = Assessment(
            collected=False, regime="", jurisdiction="", rate_bps=0, vat_minor=0, duty_minor=0,
            currency=currency,
        )  # fmt: skip
        return
    group.tax = taxes.assess_consignment(
        destination=ship_to,
        lines=[
            ConsignmentLine(
                hs_code=line.product.hs_code,
                quantity=line.quantity,
                excise=line.product.category.excise_goods,
                unit_value_minor=line.unit_price_minor,
            )
            for line in group.lines
        ],
        value_minor=group.store_items_minor,
        value_currency=group.store_currency,
        taxable_minor=group.items_minor - group.discount_minor + group.shipping_minor,
        currency=currency,
        business_vat_number=vat_number,
        on=now.date(),
    )
    group.tax_minor = group.tax.total_minor


def promise_for(option: shipping.ShippingOption, now: dt.datetime, ship_to: str) -> Promise:
    return shipping_reads.promise_for(option, today=now.date(), destination=ship_to)


def _parcel_line(line: QuoteLine) -> shipping.ParcelLine:
    product = line.product
    return shipping.ParcelLine(
        template_id=product.shipping_template_id, quantity=line.quantity, weight_g=product.weight_g
    )


def _apply_coupons(groups: list[QuoteGroup], coupons, *, currency, buyer, now) -> None:
    subtotals = [
        coupon_math.GroupSubtotal(store_id=group.store.id, items_minor=group.items_minor)
        for group in groups
    ]
    by_store = {group.store.id: group for group in groups}
    for coupon in coupons:
        shares = coupon_math.coupon_discounts(
            coupon, groups=subtotals, currency=currency, buyer=buyer, now=now
        )
        for store_id, amount in shares.items():
            group = by_store[store_id]
            amount = min(amount, group.items_minor - group.discount_minor)
            if amount > 0:
                group.discount_minor += amount
                group.discounts.append((coupon, amount))


def rate_text(rate: fx.Rate) -> str:
    """ "1 CNY = 0.1279 EUR" for the review page."""
    if rate.base == rate.quote:
        return ""
    return _("1 %(base)s = %(value)s %(quote)s") % {
        "base": rate.base,
        "value": format(Decimal(rate.value).normalize(), "f"),
        "quote": rate.quote,
    }
