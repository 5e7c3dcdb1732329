"""The buyer's cart and checkout over the API.

The caller's own cart only (there is no cart id to send). Amounts are in `currency` (default: the
caller's display currency). Placing a checkout takes an `Idempotency-Key`: a retry with the same
key returns the first checkout, and the key is also the checkout's request key, so even a retry
after the stored answer is gone places nothing twice. Writes go through cart.services.
"""

import secrets

from django.conf import settings
from django.http import HttpResponse
from django.utils.translation import get_language
from ninja import Field, Query, Router, Schema, Status

from tradepost import clock
from tradepost.accounts.errors import AddressNotFound as UnknownAddress
from tradepost.accounts.selectors import get_address_for_user
from tradepost.api.auth import require_scope
from tradepost.api.idempotency import HEADER, idempotent
from tradepost.cart import pricing, selectors, services
from tradepost.cart.errors import AddressNotFound, CartLineNotFound, EmptyCart
from tradepost.cart.pricing import quote
from tradepost.cart.schemas import (
    CartLineAddIn,
    CartLineQuantityIn,
    CartOut,
    CheckoutIn,
    CheckoutOut,
    QuoteIn,
    QuoteOut,
    ShippingChoiceIn,
    cart_out,
    checkout_out,
    empty_cart_out,
    quote_out,
)
from tradepost.money import currencies
from tradepost.money.errors import UnknownCurrency
from tradepost.web.preferences import current_currency

router = Router(tags=["cart"])


class CurrencyQuery(Schema):
    currency: str | None = Field(
        None, max_length=3, description="ISO 4217 code; default: your display currency"
    )


def buyer_currency(request, code: str | None) -> str:
    if not code:  # the caller's display currency, or EUR where it has no rate today
        preferred = request.auth.display_currency or current_currency(request)
        return pricing.payable_currency(preferred, now=clock.now())
    code = code.upper()
    if not currencies.is_known_currency(code):
        raise UnknownCurrency(code, field="currency")
    return code


def buyer_ship_to(request) -> str:
    """Where the API buyer's parcels go before an address is chosen: their profile's country."""
    return str(request.auth.ship_to_country or settings.DEFAULT_SHIP_TO_COUNTRY)


def buyer_language(request) -> str:
    return request.auth.preferred_language or get_language() or "en"


def _cart_view(request, currency: str | None) -> CartOut:
    code = buyer_currency(request, currency)
    cart = services.cart_for(user=request.auth, now=clock.now())
    if cart is None:
        return empty_cart_out(code)
    priced = quote(
        cart=cart, currency=code, language=buyer_language(request), now=clock.now(),
        ship_to=buyer_ship_to(request), buyer=request.auth,
    )  # fmt: skip
    return cart_out(priced)


def _existing_cart(request):
    cart = services.cart_for(user=request.auth, now=clock.now())
    if cart is None:
        raise CartLineNotFound()
    return cart


def _address(request, public_id: str) -> dict:
    try:
        address = get_address_for_user(user=request.auth, public_id=public_id[:24])
    except UnknownAddress:  # the same code; the field named as in the request
        raise AddressNotFound(fields={"address": [str(AddressNotFound.default_message)]}) from None
    fields = ("full_name", "line1", "line2", "city", "region", "postal_code", "phone")
    return {**{name: getattr(address, name) for name in fields}, "country": address.country.code}


@router.get("/cart", response=CartOut)
def get_cart(request, query: Query[CurrencyQuery]):
    """Your cart, grouped by seller; each line says what stops it from being ordered."""
    require_scope(request, "orders:read")
    return _cart_view(request, query.currency)


@router.post("/cart/lines", response={201: CartOut})
@idempotent
def add_cart_line(request, payload: CartLineAddIn, query: Query[CurrencyQuery]):
    """Add units of a variant (to what the cart already holds); returns the cart."""
    require_scope(request, "orders:write")
    cart = services.cart_for(user=request.auth, create=True, now=clock.now())
    services.add_to_cart(
        cart=cart, variant=payload.variant, quantity=payload.quantity, now=clock.now(),
        ship_to=buyer_ship_to(request),
    )  # fmt: skip
    return Status(201, _cart_view(request, query.currency))


@router.patch("/cart/lines/{variant}", response=CartOut)
def set_cart_line_quantity(
    request, variant: str, payload: CartLineQuantityIn, query: Query[CurrencyQuery]
):
    """Set a line's quantity; you accept its unit price for that quantity."""
    require_scope(request, "orders:write")
    services.set_quantity(
        cart=_existing_cart(request), variant=variant, quantity=payload.quantity, now=clock.now()
    )
    return _cart_view(request, query.currency)


@router.delete("/cart/lines/{variant}", response={204: None})
def remove_cart_line(request, variant: str):
    require_scope(request, "orders:write")
    services.remove_line(cart=_existing_cart(request), variant=variant, now=clock.now())
    return HttpResponse(status=204)


@router.post("/cart/accept-prices", response=CartOut)
def accept_prices(request, query: Query[CurrencyQuery]):
    """Accept today's prices of every line (after `price_changed`)."""
    require_scope(request, "orders:write")
    cart = services.cart_for(user=request.auth, now=clock.now())
    if cart is not None:
        services.accept_current_prices(cart=cart, now=clock.now())
    return _cart_view(request, query.currency)


@router.post("/cart/shipping", response=CartOut)
def choose_shipping(request, payload: ShippingChoiceIn, query: Query[CurrencyQuery]):
    """Choose one seller's shipping service (the cheapest is used until you choose; a choice
    the parcel stops being offered falls back to the cheapest). Returns the cart."""
    require_scope(request, "orders:write")
    services.choose_shipping(
        cart=_existing_cart(request), store=payload.store, option=payload.option, now=clock.now()
    )
    return _cart_view(request, query.currency)


@router.post("/checkout/quote", response=QuoteOut)
def quote_checkout(request, payload: QuoteIn):
    """The review: what placing the cart now would cost, seller by seller, with the rates used.
    Nothing is reserved."""
    require_scope(request, "orders:read")
    code = buyer_currency(request, payload.currency)
    address = _address(request, payload.address)
    cart = services.cart_for(user=request.auth, now=clock.now())
    if cart is None or not cart.lines.exists():
        raise EmptyCart()
    priced = quote(
        cart=cart, currency=code, language=buyer_language(request), now=clock.now(),
        ship_to=address["country"], buyer=request.auth, coupon_codes=payload.coupons,
        buyer_vat_number=payload.vat_number,
    )  # fmt: skip
    return quote_out(priced, address)


@router.post("/checkouts", response={201: CheckoutOut})
@idempotent
def place_checkout(request, payload: CheckoutIn):
    """Place the cart: one order per seller, stock reserved, payment due by `pay_by`. All or
    nothing; send an Idempotency-Key to retry safely."""
    require_scope(request, "orders:write")
    code = buyer_currency(request, payload.currency)
    cart = services.cart_for(user=request.auth, now=clock.now())
    if cart is None:
        raise EmptyCart()
    checkout = services.place_checkout(
        buyer=request.auth, cart=cart, address_id=payload.address, currency=code,
        language=buyer_language(request),
        request_key=request.headers.get(HEADER) or secrets.token_urlsafe(24),
        coupon_codes=payload.coupons, expected_total_minor=payload.expected_total_minor,
        buyer_vat_number=payload.vat_number, now=clock.now(),
    )  # fmt: skip
    return Status(201, checkout_out(selectors.checkout_for_buyer(request.auth, checkout.public_id)))


@router.get("/checkouts/{public_id}", response=CheckoutOut)
def get_checkout(request, public_id: str):
    require_scope(request, "orders:read")
    return checkout_out(selectors.checkout_for_buyer(request.auth, public_id))
