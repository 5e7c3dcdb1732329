"""The test processor's own pages, served under /gateway/test/: the hosted card page (the only
place a card number and CVC are typed), the 3-D Secure challenge page, and a tokenisation
endpoint for API clients. These are the processor's, not tradepost's: they know a payment by its
processor id and send the buyer back to the return URL the merchant gave."""

import json

from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.debug import sensitive_post_parameters, sensitive_variables
from django.views.decorators.http import require_http_methods, require_POST

from tradepost.payments.gateways.base import ChargeStatus, GatewayError
from tradepost.payments.gateways.test_gateway import cards, processor
from tradepost.payments.gateways.test_gateway.forms import CardForm

CARD_FIELDS = ("number", "cvc")


def _charge_or_404(ref: str):
    try:
        return processor.get_charge(ref)
    except GatewayError:
        raise Http404 from None


def _back(request, charge):
    target = charge.return_url
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = "/"
    return redirect(target)


@sensitive_variables()
def _pay_with(form: CardForm, charge):
    """Tokenise the typed card and pay; the number and CVC end here."""
    data = form.cleaned_data
    card = processor.tokenize(
        number=data["number"], exp_month=data["exp_month"], exp_year=data["exp_year"],
        cvc=data["cvc"],
    )  # fmt: skip
    return processor.confirm(ref=charge.ref, token=card.token, idempotency_key=card.token)


@sensitive_post_parameters(*CARD_FIELDS)
@require_http_methods(["GET", "POST"])
def card_page(request, ref: str):
    charge = _charge_or_404(ref)
    if charge.status != ChargeStatus.REQUIRES_PAYMENT_METHOD:
        return _next(request, charge)
    form = CardForm(request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        try:
            _pay_with(form, charge)
        except cards.CardInvalid as invalid:
            for field, message in invalid.fields.items():
                form.add_error(field if field in form.fields else None, message)
        except GatewayError:
            pass  # changed meanwhile (paid in another tab): show where it stands
        else:
            return _next(request, processor.get_charge(ref))
    context = {"charge": charge, "form": form, "test_cards": cards.TEST_CARDS}
    return render(request, "test_gateway/card.html", context, status=422 if form.is_bound else 200)


def _next(request, charge):
    if charge.status == ChargeStatus.REQUIRES_ACTION:
        return redirect("test_gateway:challenge", ref=charge.ref)
    return _back(request, charge)


@require_http_methods(["GET", "POST"])
def challenge_page(request, ref: str):
    charge = _charge_or_404(ref)
    if charge.status != ChargeStatus.REQUIRES_ACTION:
        return _back(request, charge)
    if request.method == "POST":
        approved = request.POST.get("result") == "approve"
        processor.challenge_result(ref=charge.ref, approved=approved)
        return _back(request, processor.get_charge(ref))
    return render(request, "test_gateway/challenge.html", {"charge": charge})


@sensitive_post_parameters(*CARD_FIELDS)
@csrf_exempt  # a processor's public tokenisation API: no session, nothing to forge
@require_POST
def tokens(request):
    """`POST /gateway/test/tokens` with JSON {number, exp_month, exp_year, cvc} → {token, brand,
    last4, exp_month, exp_year}: for API clients, which then pay with the token."""
    try:
        data = json.loads(request.body)
        form = CardForm(data if isinstance(data, dict) else {})
    except ValueError:
        form = CardForm({})
    if not form.is_valid():
        return JsonResponse({"error": "invalid_card", "fields": sorted(form.errors)}, status=400)
    try:
        card = processor.tokenize(**{name: form.cleaned_data[name] for name in form.fields})
    except cards.CardInvalid as invalid:
        return JsonResponse({"error": "invalid_card", "fields": sorted(invalid.fields)}, status=400)
    return JsonResponse(
        {"token": card.token, "brand": card.brand, "last4": card.last4,
         "exp_month": card.exp_month, "exp_year": card.exp_year},
        status=201,
    )  # fmt: skip
