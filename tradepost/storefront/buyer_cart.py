"""The request's cart, and a quote laid out for the cart and checkout pages.

A signed-in buyer has their account cart; a visitor has the anonymous cart of the random token
kept in their session (cart.signals.SESSION_KEY), which log-in merges into the account cart.
"""

from dataclasses import dataclass, field

from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django_countries import countries

from tradepost import clock
from tradepost.cart import pricing, selectors, services
from tradepost.cart.pricing import Problem, Quote, QuoteGroup, QuoteLine, convert, rate_text
from tradepost.cart.signals import SESSION_KEY
from tradepost.money.money import Money, format_money
from tradepost.shipping.promise import Promise
from tradepost.shipping.services import ShippingOption
from tradepost.web.preferences import current_currency, current_ship_to


def request_cart(request, *, create: bool = False):
    """The visitor's cart; with `create`, made (and its token kept in the session) if missing."""
    now = clock.now()
    if request.user.is_authenticated:
        return services.cart_for(user=request.user, create=create, now=now)
    token = request.session.get(SESSION_KEY)
    if not token and create:
        token = request.session[SESSION_KEY] = services.new_cart_token()
    return services.cart_for(token=token, create=create, now=now)


def units_in_cart(request) -> int:
    if not request.user.is_authenticated and not request.session.get(SESSION_KEY):
        return 0  # no cart to read: no query
    return selectors.line_count(request_cart(request))


def quote_cart(
    request,
    cart,
    *,
    coupon_codes: list[str] | None = None,
    buyer=None,
    ship_to: str | None = None,
    vat_number: str = "",
) -> Quote:
    """The cart priced in the visitor's display currency and language, shipped to `ship_to`
    (the checkout's address) or else the visitor's ship-to preference."""
    now = clock.now()
    return pricing.quote(
        cart=cart,
        currency=pricing.payable_currency(current_currency(request), now=now),
        language=get_language() or "en",
        now=now,
        ship_to=ship_to or current_ship_to(request),
        buyer_vat_number=vat_number,
        buyer=buyer,
        coupon_codes=coupon_codes,
    )


@dataclass
class LineView:
    line: QuoteLine
    unit: Money  # buyer currency, for reading only (totals convert unit × quantity once)
    total: Money
    store_total: Money
    notices: list[str] = field(default_factory=list)
    price_change: tuple[str, str] | None = None  # (was, now), buyer currency

    @property
    def variant_id(self) -> str:
        return self.line.variant.public_id


@dataclass
class OptionView:
    option: ShippingOption
    price: Money  # buyer currency
    promise: Promise
    chosen: bool


@dataclass
class GroupView:
    group: QuoteGroup
    lines: list[LineView]
    currency: str

    def money(self, minor: int) -> Money:
        return Money(minor, self.currency)

    @property
    def store(self):
        return self.group.store

    @property
    def items(self) -> Money:
        return self.money(self.group.items_minor)

    @property
    def shipping(self) -> Money:
        return self.money(self.group.shipping_minor)

    @property
    def discount(self) -> Money:
        return self.money(self.group.discount_minor)

    @property
    def tax(self) -> Money:
        return self.money(self.group.tax_minor)

    @property
    def total(self) -> Money:
        return self.money(self.group.total_minor)

    @property
    def store_items(self) -> Money:
        return Money(self.group.store_items_minor, self.group.store_currency)

    @property
    def store_shipping(self) -> Money:
        option = self.group.shipping_option
        return Money(option.store_amount_minor if option else 0, self.group.store_currency)

    @property
    def tax_lines(self) -> list[tuple[str, Money]]:
        tax = self.group.tax
        return [(label, self.money(amount)) for label, amount in tax.charges] if tax else []

    @property
    def tax_notice(self) -> str:
        return str(self.group.tax.notice) if self.group.tax else ""

    @property
    def ships(self) -> bool:
        return self.group.shipping_option is not None

    @property
    def options(self) -> list[OptionView]:
        chosen = self.group.shipping_option
        return [
            OptionView(option, self.money(amount), promise, option == chosen)
            for option, amount, promise in self.group.shipping_options
        ]

    @property
    def rate_text(self) -> str:
        return rate_text(self.group.rate)

    @property
    def coupon_lines(self) -> list[tuple[str, Money]]:
        return [(coupon.code, self.money(amount)) for coupon, amount in self.group.discounts]


def _notices(line: QuoteLine) -> list[str]:
    product, variant = line.product, line.variant
    texts = {
        Problem.UNAVAILABLE: _("This item is not for sale any more. Remove it to check out."),
        Problem.SELLER_UNAVAILABLE: _(
            "The seller is not selling at the moment. Remove this item to check out."
        ),
        Problem.OUT_OF_STOCK: _("Out of stock. Remove this item to check out."),
        Problem.NOT_ENOUGH_STOCK: _("Only %(count)s left: lower the quantity.")
        % {"count": variant.stock},
        Problem.RESTRICTED: _(
            "This item cannot be delivered to your country by law. Remove it to check out."
        ),
        Problem.DOES_NOT_SHIP_HERE: _(
            "The seller does not ship this item to your country. Remove it to check out."
        ),
        Problem.QUANTITY_RULES: _(
            "This item is sold from %(minimum)s pieces, in multiples of %(lot)s."
        )
        % {"minimum": product.min_order_quantity, "lot": product.lot_size},
    }
    return [texts[code] for code in line.problems if code in texts]


def _line_view(line: QuoteLine, group: QuoteGroup, currency: str) -> LineView:
    rate = group.rate
    view = LineView(
        line=line,
        unit=Money(convert(line.unit_price_minor, rate), currency),
        total=Money(line.line_total_minor, currency),
        store_total=Money(line.store_line_total_minor, group.store_currency),
        notices=_notices(line),
    )
    if Problem.PRICE_CHANGED in line.problems:
        was = Money(convert(line.cart_line.seen_unit_price_minor, rate), currency)
        view.price_change = (format_money(was), format_money(view.unit))
    return view


@dataclass
class CartView:
    quote: Quote
    groups: list[GroupView]

    def money(self, minor: int) -> Money:
        return Money(minor, self.quote.currency)

    @property
    def ship_to_name(self) -> str:
        return str(countries.name(self.quote.ship_to)) or self.quote.ship_to

    @property
    def items(self) -> Money:
        return self.money(self.quote.items_minor)

    @property
    def shipping(self) -> Money:
        return self.money(self.quote.shipping_minor)

    @property
    def discount(self) -> Money:
        return self.money(self.quote.discount_minor)

    @property
    def tax(self) -> Money:
        return self.money(self.quote.tax_minor)

    @property
    def total(self) -> Money:
        return self.money(self.quote.total_minor)

    @property
    def units(self) -> int:
        return sum(line.quantity for line in self.quote.lines)

    @property
    def has_problems(self) -> bool:
        return self.quote.has_problems

    @property
    def has_price_changes(self) -> bool:
        return any(Problem.PRICE_CHANGED in line.problems for line in self.quote.lines)


def present(quote: Quote) -> CartView:
    currency = quote.currency
    groups = [
        GroupView(
            group=group,
            lines=[_line_view(line, group, currency) for line in group.lines],
            currency=currency,
        )
        for group in quote.groups
    ]
    return CartView(quote=quote, groups=groups)
