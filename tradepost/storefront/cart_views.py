"""The cart pages: add from a product page, change or remove a line, accept today's prices, the
header badge. Each write is a plain POST form (works without JavaScript: redirect back) that htmx
enhances (answers with the fragment to swap and a `cart-changed` event for the header badge)."""

import json

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from tradepost import clock
from tradepost.cart import errors as cart_errors
from tradepost.cart import services
from tradepost.errors import DomainError
from tradepost.storefront import buyer_cart
from tradepost.web import preferences

CART_CHANGED = "cart-changed"


def error_text(error: DomainError) -> str:
    """The error's message, with the number the buyer needs when the error carries one."""
    context = error.context
    if isinstance(error, cart_errors.NotEnoughStock) and "available" in context:
        return _("Not enough stock: %(count)s left.") % {"count": context["available"]}
    if isinstance(error, cart_errors.BelowMinimumOrder) and "minimum" in context:
        return _("The seller sells this item from %(minimum)s pieces.") % {
            "minimum": context["minimum"]
        }
    if isinstance(error, cart_errors.NotALotMultiple) and "lot_size" in context:
        return _("This item is sold in lots of %(lot)s: choose a multiple of %(lot)s.") % {
            "lot": context["lot_size"]
        }
    return str(error.message)


def _changed(response: HttpResponse, units: int) -> HttpResponse:
    response["HX-Trigger"] = json.dumps({CART_CHANGED: {"units": units}})
    return response


def _cart_context(request, *, line_errors=None, status: str = "") -> dict:
    cart = buyer_cart.request_cart(request)
    view = None
    if cart is not None:
        view = buyer_cart.present(buyer_cart.quote_cart(request, cart))
        if not view.groups:
            view = None
    return {"cart": view, "line_errors": line_errors or {}, "status": status}


@require_GET
def cart(request):
    return render(request, "storefront/cart.html", _cart_context(request))


def _cart_answer(request, *, status: str, line_errors=None, http_status: int = 200):
    """htmx: the cart body and the badge event; else back to the cart page (or, on an error,
    the page with the error shown)."""
    context = _cart_context(request, line_errors=line_errors, status=status)
    if request.htmx:
        units = context["cart"].units if context["cart"] else 0
        return _changed(render(request, "storefront/_cart_body.html", context), units)
    if line_errors:
        return render(request, "storefront/cart.html", context, status=http_status)
    return redirect("storefront:cart")


@require_POST
def line_update(request, variant: str):
    cart = buyer_cart.request_cart(request)
    if cart is None:
        return _cart_answer(request, status=_("Your cart is empty."))
    try:
        services.set_quantity(
            cart=cart, variant=variant, quantity=request.POST.get("quantity"), now=clock.now()
        )
    except DomainError as error:
        return _cart_answer(
            request,
            status=error_text(error),
            line_errors={variant: error_text(error)},
            http_status=error.http_status,
        )
    return _cart_answer(request, status=_("Quantity updated."))


@require_POST
def line_remove(request, variant: str):
    cart = buyer_cart.request_cart(request)
    if cart is not None:
        try:
            services.remove_line(cart=cart, variant=variant, now=clock.now())
        except cart_errors.CartLineNotFound:
            pass  # already gone (a second click): the cart shows what is left
    return _cart_answer(request, status=_("Item removed from your cart."))


@require_POST
def accept_prices(request):
    cart = buyer_cart.request_cart(request)
    if cart is not None:
        services.accept_current_prices(cart=cart, now=clock.now())
    return _cart_answer(request, status=_("Your cart now uses today's prices."))


def _back_to_product(request) -> str:
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("storefront:cart")


@require_POST
def add(request):
    """Add from a product page (whose HTML may come from the page cache: the form carries only
    the variant's public id, the quantity and the visitor's own CSRF token)."""
    cart = buyer_cart.request_cart(request, create=True)
    try:
        services.add_to_cart(
            cart=cart,
            variant=request.POST.get("variant", ""),
            quantity=request.POST.get("quantity"),
            now=clock.now(),
            ship_to=preferences.current_ship_to(request),
        )
    except DomainError as error:
        return _add_failed(request, error)
    units = buyer_cart.units_in_cart(request)
    if request.htmx:
        response = render(request, "storefront/_add_result.html", {"added": True, "units": units})
        return _changed(response, units)
    return redirect("storefront:cart")


def _add_failed(request, error: DomainError):
    message = error_text(error)
    if request.htmx:
        return render(request, "storefront/_add_result.html", {"error": message})
    messages.error(request, message)
    return redirect(_back_to_product(request))


@require_GET
def badge(request):
    """The header's cart count (units), fetched by the header on load and on `cart-changed`."""
    units = buyer_cart.units_in_cart(request)
    response = render(request, "storefront/_cart_badge.html", {"units": units})
    response["Cache-Control"] = "no-store"
    return response
