"""Checkout pages: address → review (per-seller shipping, coupons, every amount in the buyer's
currency with the rate used) → place → confirmation. The choices so far (address, coupon codes)
live in the session; placing is `cart.services.place_checkout`, once per review (the review's
one-time token is the request key, so a double-click places one checkout)."""

import secrets

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tradepost import clock
from tradepost.accounts import selectors as accounts
from tradepost.accounts import services as account_services
from tradepost.accounts.addresses import AddressInput
from tradepost.accounts.forms import AddressForm
from tradepost.cart import errors as cart_errors
from tradepost.cart import selectors as cart_selectors
from tradepost.cart import services
from tradepost.errors import DomainError, NotFound
from tradepost.storefront import buyer_cart
from tradepost.storefront.cart_views import error_text
from tradepost.storefront.checkout_forms import (
    AddressChoiceForm,
    CouponForm,
    PlaceForm,
    VatNumberForm,
)
from tradepost.taxes.errors import InvalidVatNumber
from tradepost.web import preferences
from tradepost.web.forms import add_domain_error

SESSION_KEY = "checkout"


def _state(request) -> dict:
    state = request.session.get(SESSION_KEY)
    return state if isinstance(state, dict) else {}


def _save_state(request, **changes) -> None:
    request.session[SESSION_KEY] = {**_state(request), **changes}


def _coupons(request) -> list[str]:
    return [code for code in _state(request).get("coupons", []) if isinstance(code, str)]


def _chosen_address(request):
    """The address chosen for this checkout, or None (never chosen, or deleted since)."""
    try:
        return accounts.get_address_for_user(
            user=request.user, public_id=str(_state(request).get("address") or "")
        )
    except NotFound:
        return None


def _cart_or_none(request):
    cart = buyer_cart.request_cart(request)
    return cart if cart_selectors.line_count(cart) else None


@login_required
def address(request):
    if _cart_or_none(request) is None:
        messages.info(request, _("Your cart is empty."))
        return redirect("storefront:cart")
    addresses = list(accounts.list_addresses_for_user(user=request.user))
    chosen = _chosen_address(request) or next(iter(addresses), None)
    choice = AddressChoiceForm(
        request.POST if "use_address" in request.POST else None,
        addresses=addresses,
        initial={"address": chosen.public_id if chosen else None},
    )
    form = AddressForm(
        request.POST if "add_address" in request.POST else None,
        initial={"country": preferences.current_ship_to(request)},
    )
    if choice.is_bound and choice.is_valid():
        _save_state(request, address=choice.cleaned_data["address"])
        return redirect("storefront:checkout_review")
    if form.is_bound and form.is_valid() and (added := _add_address(request, form)):
        _save_state(request, address=added.public_id)
        return redirect("storefront:checkout_review")
    context = {"addresses": addresses, "choice": choice, "form": form, "chosen": chosen}
    status = 422 if request.method == "POST" else 200
    return render(request, "storefront/checkout_address.html", context, status=status)


def _add_address(request, form):
    fields = {k: v for k, v in form.cleaned_data.items() if k in AddressInput.__dataclass_fields__}
    try:
        return account_services.add_address(
            user=request.user,
            data=AddressInput(**fields),
            make_default=form.cleaned_data["make_default"],
        )
    except DomainError as error:
        add_domain_error(form, error)
        return None


def _vat_number(request) -> str:
    value = _state(request).get("vat_number", "")
    return value if isinstance(value, str) else ""


def _quote(request, cart, ship_to: str, coupon_form: CouponForm | None = None):
    """The cart priced with the session's coupons, shipped to the chosen address's country. A
    coupon that stopped applying (expired, used up, cart changed) is dropped from the session
    and reported on the coupon form."""
    codes = _coupons(request)
    try:
        return buyer_cart.quote_cart(
            request,
            cart,
            coupon_codes=codes,
            buyer=request.user,
            ship_to=ship_to,
            vat_number=_vat_number(request),
        )
    except InvalidVatNumber:  # valid for the last address, not for this one: drop it
        _save_state(request, vat_number="")
        return _quote(request, cart, ship_to, coupon_form)
    except DomainError as error:
        if not codes:
            raise
        _save_state(request, coupons=[])
        if coupon_form is not None:
            coupon_form.add_domain_error(error)
        return buyer_cart.quote_cart(
            request, cart, buyer=request.user, ship_to=ship_to, vat_number=_vat_number(request)
        )


def _review_page(
    request,
    *,
    coupon_form: CouponForm | None = None,
    vat_form: VatNumberForm | None = None,
    status: int = 200,
):
    cart = _cart_or_none(request)
    if cart is None:
        return redirect("storefront:cart")
    shipping_address = _chosen_address(request)
    if shipping_address is None:
        return redirect("storefront:checkout")
    coupon_form = coupon_form or CouponForm()
    view = buyer_cart.present(_quote(request, cart, shipping_address.country.code, coupon_form))
    place = PlaceForm(
        initial={
            "request_key": secrets.token_urlsafe(24),
            "expected_total_minor": view.quote.total_minor,
            "currency": view.quote.currency,
        }
    )
    context = {
        "cart": view,
        "address": shipping_address,
        "coupon_form": coupon_form,
        "vat_form": vat_form or VatNumberForm(initial={"vat_number": _vat_number(request)}),
        "coupons": [coupon.code for coupon in view.quote.coupons],
        "place": place,
    }
    return render(request, "storefront/checkout_review.html", context, status=status)


@login_required
def review(request):
    return _review_page(request)


@login_required
@require_POST
def coupon_apply(request):
    form = CouponForm(request.POST)
    cart = _cart_or_none(request)
    if cart is None:
        return redirect("storefront:cart")
    if form.is_valid():
        code = form.cleaned_data["code"]
        codes = [c for c in _coupons(request) if c.casefold() != code.casefold()] + [code]
        chosen = _chosen_address(request)
        try:
            quote = buyer_cart.quote_cart(
                request,
                cart,
                coupon_codes=codes,
                buyer=request.user,
                ship_to=chosen.country.code if chosen else None,
            )
        except DomainError as error:
            form.add_domain_error(error)
        else:
            _save_state(request, coupons=codes)
            applied = [c.code for c in quote.coupons if c.code.casefold() == code.casefold()]
            message = _("The coupon %(code)s was applied.") % {"code": (applied or [code])[0]}
            messages.success(request, message)
            return redirect("storefront:checkout_review")
    return _review_page(request, coupon_form=form, status=422)


@login_required
@require_POST
def shipping_choice(request):
    """One seller's shipping option (radio buttons on the review page; htmx re-renders it)."""
    cart = _cart_or_none(request)
    if cart is None:
        return redirect("storefront:cart")
    try:
        services.choose_shipping(
            cart=cart,
            store=request.POST.get("store"),
            option=request.POST.get("option"),
            now=clock.now(),
        )
    except DomainError as error:
        messages.error(request, error_text(error))
    if request.htmx:
        return _review_page(request)
    return redirect("storefront:checkout_review")


@login_required
@require_POST
def vat_number(request):
    """A business buyer gives (or clears) their VAT number: checked against the address's
    country before it is kept."""
    form = VatNumberForm(request.POST)
    cart, chosen = _cart_or_none(request), _chosen_address(request)
    if cart is None or chosen is None:
        return redirect("storefront:checkout_review")
    if form.is_valid():
        number = form.cleaned_data["vat_number"]
        try:
            buyer_cart.quote_cart(
                request, cart, buyer=request.user, ship_to=chosen.country.code, vat_number=number
            )
        except DomainError as error:
            form.add_domain_error(error)
        else:
            _save_state(request, vat_number=number)
            return redirect("storefront:checkout_review")
    return _review_page(request, vat_form=form, status=422)


@login_required
@require_POST
def coupon_remove(request):
    code = str(request.POST.get("code", "")).casefold()
    _save_state(request, coupons=[c for c in _coupons(request) if c.casefold() != code])
    return redirect("storefront:checkout_review")


@login_required
@require_POST
def place(request):
    form = PlaceForm(request.POST)
    if not form.is_valid() or form.cleaned_data["currency"] != preferences.current_currency(
        request
    ):
        messages.warning(request, str(cart_errors.TotalChanged.default_message))
        return redirect("storefront:checkout_review")
    try:
        checkout = services.place_checkout(
            buyer=request.user,
            cart=buyer_cart.request_cart(request, create=True),
            address_id=_state(request).get("address"),
            currency=form.cleaned_data["currency"],
            language=get_language() or "en",
            request_key="page:" + form.cleaned_data["request_key"],
            now=clock.now(),
            coupon_codes=_coupons(request),
            expected_total_minor=form.cleaned_data["expected_total_minor"],
            buyer_vat_number=_vat_number(request),
        )
    except DomainError as error:
        return _place_failed(request, error)
    _save_state(request, coupons=[])
    return redirect("storefront:checkout_pay", public_id=checkout.public_id)


def _place_failed(request, error: DomainError):
    messages.error(request, error_text(error))
    if isinstance(error, cart_errors.CartNeedsAttention | cart_errors.EmptyCart):
        return redirect("storefront:cart")
    if isinstance(error, cart_errors.AddressNotFound):
        return redirect("storefront:checkout")
    return redirect("storefront:checkout_review")


@login_required
def placed(request, public_id: str):
    checkout = cart_selectors.checkout_for_buyer(request.user, public_id)
    return render(request, "storefront/checkout_placed.html", {"checkout": checkout})
