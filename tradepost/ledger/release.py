"""The money rule of an escrow release (DESIGN.md §5.1 step 6), as legs for `post()`.

For an order holding E (buyer currency B) in escrow, out of `total_minor` captured (k = E/total:
partial refunds before release shrink every part pro rata, rounded half to even):

  B: escrow                      + E                     (debit: the buyer's money leaves escrow)
  B: platform_promotions         + k·platform discount   (the platform pays its coupons)
  B: tax_payable[destination]    − k·tax
  S: seller_payable[seller]      − (gross − commission)
  S: commission_revenue          − commission

gross (store currency S, what the seller priced) = k·(store items + store shipping − seller-
funded discount converted into S). Commission = Σ per line of k·line store total × bps / 10 000
(shipping and discounts do not change it), capped at gross so the payable is never negative.

Same currency: gross is simply E + platform discount − tax, no conversion. Otherwise B and S meet
in the FX accounts: fx_difference[B] − (E + platform − tax) and fx_difference[S] + that amount
converted at the order's rate (store → buyer, so divided by it), plus an explicit rounding leg
fx_difference[S] + (gross − converted) for the minor units the per-line conversion at checkout
rounded away. Every currency balances.
"""

import datetime as dt
from dataclasses import dataclass
from fractions import Fraction

from tradepost.ledger import accounts
from tradepost.ledger.errors import LedgerError
from tradepost.ledger.journal import Leg
from tradepost.money import currencies
from tradepost.money.rounding import HALF_EVEN, divide
from tradepost.sellers import fees

BPS = 10_000


@dataclass(frozen=True)
class Split:
    """All amounts positive; `escrow`, `platform_discount`, `tax`, `converted_from` in the buyer's
    currency; `gross`, `commission`, `converted` in the store's."""

    escrow: int
    platform_discount: int
    tax: int
    gross: int
    commission: int
    converted_from: int = 0  # cross-currency only: the buyer-currency amount converted
    converted: int = 0  # ... and what it is worth in the store's currency at the order's rate

    @property
    def payable(self) -> int:
        return self.gross - self.commission


def to_store_currency(order, buyer_minor: int) -> int:
    """Buyer-currency minor units in the store's currency at the order's rate, half to even."""
    exact = (
        Fraction(buyer_minor)
        * 10 ** currencies.exponent(order.store_currency)
        / (10 ** currencies.exponent(order.currency) * Fraction(order.fx_rate))
    )
    return divide(exact.numerator, exact.denominator, HALF_EVEN)


def _discounts(order) -> tuple[int, int]:
    """(platform-funded, seller-funded) discounts of the order, positive, buyer currency."""
    platform = seller = 0
    for charge in order.charges.all():
        if charge.kind != "discount":
            continue
        if charge.funded_by == "platform":
            platform -= charge.amount_minor
        else:
            seller -= charge.amount_minor
    return platform, seller


def _commission(order, scale, on: dt.date) -> int:
    seller, rates, total = order.store.seller, {}, 0
    for line in order.lines.select_related("product__category"):
        category = line.product.category
        if category.pk not in rates:
            rates[category.pk] = fees.commission_bps(seller=seller, category=category, on=on)
        total += scale(line.store_line_total_minor * rates[category.pk], BPS)
    return total


def split(order, escrow_minor: int, on: dt.date) -> Split:
    """How `escrow_minor` of `order` is released (see the module docstring)."""
    if order.total_minor <= 0:
        raise LedgerError(order=order.public_id)

    def scale(amount: int, per: int = 1) -> int:
        return divide(amount * escrow_minor, order.total_minor * per, HALF_EVEN)

    platform, seller_funded = _discounts(order)
    platform, tax = scale(platform), scale(order.tax_minor)
    from_buyer = escrow_minor + platform - tax
    if order.currency == order.store_currency:
        gross, converted = from_buyer, {}
    else:
        store_total = (
            order.store_items_minor
            + order.store_shipping_minor
            - to_store_currency(order, seller_funded)
        )
        gross = max(scale(store_total), 0)
        converted = {
            "converted_from": from_buyer,
            "converted": to_store_currency(order, from_buyer),
        }
    commission = min(_commission(order, scale, on), gross)
    return Split(escrow_minor, platform, tax, gross, commission, **converted)


def legs(order, part: Split) -> list[Leg]:
    buyer, store, oid = order.currency, order.store_currency, order.pk
    out = [
        Leg(accounts.escrow(buyer), part.escrow, oid),
        Leg(accounts.seller_payable(order.store.seller, store), -part.payable, oid),
    ]
    if part.commission:
        out.append(Leg(accounts.commission_revenue(store), -part.commission, oid))
    if part.platform_discount:
        out.append(Leg(accounts.platform_promotions(buyer), part.platform_discount, oid))
    if part.tax:
        country = (order.shipping_address or {}).get("country", "")
        out.append(Leg(accounts.tax_payable(country, buyer), -part.tax, oid))
    if buyer != store:
        out += [
            Leg(accounts.fx_difference(buyer), -part.converted_from, oid),
            Leg(accounts.fx_difference(store), part.converted, oid),
            Leg(accounts.fx_difference(store), part.gross - part.converted, oid),
        ]
    return out
