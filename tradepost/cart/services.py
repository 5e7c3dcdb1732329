"""Cart writes and placing a checkout.

A cart belongs to a buyer, or to an anonymous visitor through a random token kept in the session
(not Django's session key, which changes at log-in); `merge_carts` moves the anonymous lines into
the buyer's cart when they log in.
"""

import datetime as dt
import secrets
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Prefetch
from django.utils.translation import gettext as _
from django_countries import countries

from tradepost.accounts.models import Address
from tradepost.cart import errors
from tradepost.cart.models import Cart, CartLine, Checkout
from tradepost.cart.pricing import Problem, Quote, load_lines, quote, unit_price
from tradepost.catalog.errors import VariantNotFound
from tradepost.catalog.models import Variant, WholesaleTier
from tradepost.catalog.states import ProductStatus
from tradepost.inventory import services as inventory
from tradepost.orders import services as orders
from tradepost.promotions import services as promotions
from tradepost.restrictions import services as restrictions
from tradepost.sellers.models import SellerStatus
from tradepost.shipping import selectors as shipping
from tradepost.shipping.models import ServiceLevel


def new_cart_token() -> str:
    return secrets.token_urlsafe(24)


def cart_for(*, user=None, token: str | None = None, create: bool = False, now: dt.datetime):
    """The buyer's cart, or the anonymous cart of `token`; created on demand, else None."""
    if user is not None and user.is_authenticated:
        if create:
            cart, _created = Cart.objects.get_or_create(
                user=user, defaults={"created_at": now, "updated_at": now}
            )
            return cart
        return Cart.objects.filter(user=user).first()
    if not token:
        return None
    if create:
        cart, _created = Cart.objects.get_or_create(
            session_key=token, defaults={"created_at": now, "updated_at": now}
        )
        return cart
    return Cart.objects.filter(session_key=token).first()


def _clean_quantity(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise errors.InvalidQuantity()
    try:
        quantity = int(value)
    except ValueError:
        raise errors.InvalidQuantity() from None
    if quantity < 1:
        raise errors.InvalidQuantity()
    return quantity


def _sellable_variant(public_id: Any) -> Variant:
    variant = (
        Variant.objects.select_related("product__store__seller")
        .prefetch_related(
            Prefetch("tiers", queryset=WholesaleTier.objects.order_by("min_quantity"))
        )
        .filter(public_id=str(public_id)[:24])
        .first()
    )
    if variant is None:
        raise VariantNotFound()
    product = variant.product
    if (
        product.status != ProductStatus.ACTIVE
        or not variant.is_active
        or product.store.seller.status != SellerStatus.VERIFIED
    ):
        raise errors.ItemUnavailable()
    return variant


def _check_ships_to(product, ship_to: str) -> None:
    if not shipping.ships_to(product, ship_to):
        raise errors.DoesNotShipTo(
            _("This item cannot be shipped to %(country)s.")
            % {"country": countries.name(ship_to) or ship_to},
            country=ship_to,
        )


def _check_quantity(variant: Variant, quantity: int, deal) -> None:
    product = variant.product
    maximum = settings.CART_MAX_UNITS_PER_LINE
    if deal is not None and deal.max_per_order:
        maximum = min(maximum, deal.max_per_order)
    if quantity > maximum:
        raise errors.AboveOrderMaximum(
            _("At most %(maximum)s of this item fit in one order.") % {"maximum": maximum},
            maximum=maximum,
        )
    if quantity < product.min_order_quantity:
        raise errors.BelowMinimumOrder(
            _("The minimum order for this item is %(minimum)s.")
            % {"minimum": product.min_order_quantity},
            minimum=product.min_order_quantity,
        )
    if quantity % product.lot_size:
        raise errors.NotALotMultiple(
            _("This item is sold in lots of %(lot)s: choose a multiple of %(lot)s.")
            % {"lot": product.lot_size},
            lot_size=product.lot_size,
        )
    if quantity > variant.stock:
        raise _not_enough(variant.stock)


def _not_enough(available: int) -> errors.NotEnoughStock:
    if available <= 0:
        return errors.NotEnoughStock(_("This item is sold out."), available=0)
    return errors.NotEnoughStock(
        _("Only %(available)s left.") % {"available": available}, available=available
    )


def _priced(variant: Variant, quantity: int, now: dt.datetime) -> int:
    deal = promotions.active_deals([variant.id], now=now).get(variant.id)
    _check_quantity(variant, quantity, deal)
    if deal is not None and deal.quantity - deal.sold < quantity:
        raise _not_enough(deal.quantity - deal.sold)
    return unit_price(variant, quantity, deal)[0]


@transaction.atomic
def add_to_cart(
    *, cart: Cart, variant: Any, quantity: Any, now: dt.datetime, ship_to: str
) -> CartLine:
    """Add `quantity` units (to what the cart already holds of that variant). Refused when the
    product cannot be shipped to `ship_to` (the visitor's ship-to country)."""
    quantity = _clean_quantity(quantity)
    found = _sellable_variant(variant)
    restrictions.check_ship_to(ship_to, now=now)
    restrictions.check_products([found.product], ship_to)
    _check_ships_to(found.product, ship_to)
    line = CartLine.objects.select_for_update().filter(cart=cart, variant=found).first()
    total = quantity + (line.quantity if line else 0)
    unit = _priced(found, total, now)
    if line is None:
        line = CartLine.objects.create(
            cart=cart, variant=found, quantity=total, seen_unit_price_minor=unit, added_at=now
        )
    else:
        line.quantity, line.seen_unit_price_minor = total, unit
        line.save(update_fields=["quantity", "seen_unit_price_minor"])
    Cart.objects.filter(pk=cart.pk).update(updated_at=now)
    return line


def _line(cart: Cart, variant: Any) -> CartLine:
    line = (
        CartLine.objects.select_for_update()
        .filter(cart=cart, variant__public_id=str(variant)[:24])
        .first()
    )
    if line is None:
        raise errors.CartLineNotFound()
    return line


@transaction.atomic
def set_quantity(*, cart: Cart, variant: Any, quantity: Any, now: dt.datetime) -> CartLine:
    """Set a line's quantity; the buyer sees and accepts the unit price for it (tiers)."""
    quantity = _clean_quantity(quantity)
    line = _line(cart, variant)
    found = _sellable_variant(variant)
    line.quantity, line.seen_unit_price_minor = quantity, _priced(found, quantity, now)
    line.save(update_fields=["quantity", "seen_unit_price_minor"])
    Cart.objects.filter(pk=cart.pk).update(updated_at=now)
    return line


@transaction.atomic
def remove_line(*, cart: Cart, variant: Any, now: dt.datetime) -> None:
    _line(cart, variant).delete()
    Cart.objects.filter(pk=cart.pk).update(updated_at=now)


@transaction.atomic
def accept_current_prices(*, cart: Cart, now: dt.datetime) -> int:
    """The buyer accepts today's prices for every line; returns how many lines changed."""
    lines = load_lines(cart, language="en")
    deals = promotions.active_deals([line.variant_id for line in lines], now=now)
    changed = 0
    for line in lines:
        unit, _tier = unit_price(line.variant, line.quantity, deals.get(line.variant_id))
        if line.seen_unit_price_minor != unit:
            CartLine.objects.filter(pk=line.pk).update(seen_unit_price_minor=unit)
            changed += 1
    return changed


@transaction.atomic
def choose_shipping(*, cart: Cart, store: Any, option: Any, now: dt.datetime) -> None:
    """The buyer picks a service level for one seller's parcel (kept until changed; an option
    the parcel stops being offered falls back to the cheapest when priced)."""
    store_id, code = str(store or "")[:24], str(option or "")
    if code not in ServiceLevel.values:
        raise errors.UnknownShippingOption(fields={"option": [_("Choose a shipping option.")]})
    locked = Cart.objects.select_for_update().get(pk=cart.pk)
    if not locked.lines.filter(variant__product__store__public_id=store_id).exists():
        raise errors.CartLineNotFound()
    locked.shipping_choices = {**(locked.shipping_choices or {}), store_id: code}
    locked.updated_at = now
    locked.save(update_fields=["shipping_choices", "updated_at"])
    cart.shipping_choices = locked.shipping_choices


@transaction.atomic
def merge_carts(*, anonymous: Cart, into: Cart, now: dt.datetime) -> None:
    """Move an anonymous cart's lines into the buyer's cart (log-in). A variant in both keeps
    the larger quantity, so merging twice never doubles it. The anonymous cart is deleted."""
    if anonymous.pk == into.pk:
        return
    mine = {line.variant_id: line for line in into.lines.select_for_update()}
    for line in anonymous.lines.all():
        kept = mine.get(line.variant_id)
        if kept is None:
            line.cart = into
            line.save(update_fields=["cart"])
        elif line.quantity > kept.quantity:
            kept.quantity, kept.seen_unit_price_minor = line.quantity, line.seen_unit_price_minor
            kept.save(update_fields=["quantity", "seen_unit_price_minor"])
    anonymous.delete()
    Cart.objects.filter(pk=into.pk).update(updated_at=now)


def _address_snapshot(buyer, address_id: Any) -> dict[str, str]:
    address = Address.objects.filter(user=buyer, public_id=str(address_id or "")[:24]).first()
    if address is None:
        raise errors.AddressNotFound()
    return {
        "full_name": address.full_name,
        "line1": address.line1,
        "line2": address.line2,
        "city": address.city,
        "region": address.region,
        "postal_code": address.postal_code,
        "country": address.country.code,
        "phone": address.phone,
    }


def _refuse_unorderable(priced: Quote) -> None:
    if not priced.groups:
        raise errors.EmptyCart()
    restrictions.check_products(
        [line.product for line in priced.lines if Problem.RESTRICTED in line.problems],
        priced.ship_to,
    )
    if priced.has_problems:
        raise errors.CartNeedsAttention(
            fields={line.variant.public_id: line.problems for line in priced.lines if line.problems}
        )


def place_checkout(
    *,
    buyer,
    cart: Cart,
    address_id: Any,
    currency: str,
    language: str,
    request_key: str,
    now: dt.datetime,
    coupon_codes: list[str] | None = None,
    expected_total_minor: int | None = None,
    buyer_vat_number: str = "",
) -> Checkout:
    """Place the cart: one Checkout, one Order per seller, stock reserved for every line, coupon
    uses and deal units taken, the ordered lines removed from the cart — all in one transaction,
    or nothing. A second call with the same `request_key` returns the first checkout."""
    previous = Checkout.objects.filter(buyer=buyer, request_key=request_key).first()
    if previous is not None:
        return previous
    address = _address_snapshot(buyer, address_id)
    restrictions.check_ship_to(address["country"], now=now)
    priced = quote(
        cart=cart,
        currency=currency,
        language=language,
        now=now,
        ship_to=address["country"],
        buyer=buyer,
        coupon_codes=coupon_codes,
        buyer_vat_number=buyer_vat_number,
    )
    _refuse_unorderable(priced)
    if expected_total_minor is not None and expected_total_minor != priced.total_minor:
        raise errors.TotalChanged(total_minor=priced.total_minor)
    try:
        return _write_checkout(buyer, cart, priced, address, request_key, now, buyer_vat_number)
    except IntegrityError:
        # A concurrent request with the same key won the unique constraint: answer with its
        # checkout. Any other integrity error is a real fault.
        previous = Checkout.objects.filter(buyer=buyer, request_key=request_key).first()
        if previous is None:
            raise
        return previous


@transaction.atomic
def _write_checkout(  # noqa: PLR0913 - one placement's facts
    buyer, cart, priced: Quote, address, request_key, now, vat_number: str
) -> Checkout:
    # The cart row lock serialises two placements of one cart (two tabs, two keys): the second
    # finds its lines gone and orders nothing.
    Cart.objects.select_for_update().filter(pk=cart.pk).exists()
    previous = Checkout.objects.filter(buyer=buyer, request_key=request_key).first()
    if previous is not None:  # the same request, placed while this one waited for the lock
        return previous
    ordered = [line.cart_line.pk for line in priced.lines]
    deleted, _by_model = CartLine.objects.filter(pk__in=ordered).delete()
    if deleted != len(ordered):  # changed since it was priced: the rollback restores the rest
        raise errors.CartNeedsAttention()
    checkout = Checkout.objects.create(
        buyer=buyer,
        currency=priced.currency,
        items_minor=priced.items_minor,
        shipping_minor=priced.shipping_minor,
        discount_minor=priced.discount_minor,
        tax_minor=priced.tax_minor,
        total_minor=priced.total_minor,
        shipping_address=address,
        coupon_codes=[coupon.code for coupon in priced.coupons],
        buyer_vat_number=next(
            (g.tax.vat_number for g in priced.groups if g.tax and g.tax.vat_number),
            vat_number.strip()[:32],
        ),
        request_key=request_key,
        pay_by=now + dt.timedelta(minutes=settings.CHECKOUT_PAY_WITHIN_MINUTES),
        created_at=now,
    )
    holds, deal_takes = orders.create_orders(checkout=checkout, quote=priced, now=now)
    # The contended rows last, so their locks are held for the shortest time: coupons, deal
    # units, then stock (each in id order).
    redemptions: dict[int, tuple[Any, int]] = {}
    for group in priced.groups:
        for coupon, amount in group.discounts:
            previous = redemptions.get(coupon.id, (coupon, 0))[1]
            redemptions[coupon.id] = (coupon, previous + amount)
    if redemptions:
        promotions.redeem_coupons(
            redemptions=list(redemptions.values()), buyer=buyer, checkout_id=checkout.id, now=now
        )
    for deal_id, sku, quantity in sorted(deal_takes):
        if not promotions.take_deal_units(deal_id=deal_id, quantity=quantity, now=now):
            raise errors.NotEnoughStock(
                _("The deal on %(sku)s has no units left.") % {"sku": sku}, available=0
            )
    inventory.reserve(holds=holds, now=now)
    return checkout
