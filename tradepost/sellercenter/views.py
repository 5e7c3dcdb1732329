"""Seller center: the status page and the onboarding wizard. Thin: forms → sellers.services.

Every page acts on the signed-in user's own application only; no URL names another seller.
"""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from tradepost import clock
from tradepost.errors import DomainError
from tradepost.sellercenter import forms
from tradepost.sellers import selectors, services
from tradepost.sellers.validation import PayoutInput, TraderDetailsInput
from tradepost.web.forms import add_domain_error

STEPS = (
    ("sellercenter:onboarding_kind", gettext_lazy("Seller type")),
    ("sellercenter:onboarding_details", gettext_lazy("Trader details")),
    ("sellercenter:onboarding_payout", gettext_lazy("Payout account")),
    ("sellercenter:onboarding_store", gettext_lazy("Store")),
    ("sellercenter:onboarding_review", gettext_lazy("Review and submit")),
)


@login_required
def home(request):
    seller = selectors.find_seller_for_user(user=request.user)
    if seller is None:
        return redirect("sellercenter:onboarding_kind")
    context = {"seller": seller, "editable": seller.status in services.EDITABLE}
    return render(request, "sellercenter/home.html", context)


@login_required
def onboarding(request):
    """Send the seller to the first step still missing."""
    seller = selectors.find_seller_for_user(user=request.user)
    if seller is None:
        return redirect("sellercenter:onboarding_kind")
    if seller.status not in services.EDITABLE:
        return redirect("sellercenter:home")
    if not seller.legal_name:
        return redirect("sellercenter:onboarding_details")
    if not (seller.payout_iban or seller.payout_account):
        return redirect("sellercenter:onboarding_payout")
    if not hasattr(seller, "store"):
        return redirect("sellercenter:onboarding_store")
    return redirect("sellercenter:onboarding_review")


def _editable_application(view):
    """Steps 2–5 need an application that may still change; others go to the status page."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        seller = selectors.find_seller_for_user(user=request.user)
        if seller is None:
            return redirect("sellercenter:onboarding_kind")
        if seller.status not in services.EDITABLE:
            messages.info(request, _("Your application is being reviewed or already decided."))
            return redirect("sellercenter:home")
        return view(request, seller, *args, **kwargs)

    return login_required(wrapper)


def _step(request, template_step: int, form, **context):
    context = {"form": form, "steps": STEPS, "current": template_step, **context}
    return render(request, context.pop("template", "sellercenter/onboarding_step.html"), context)


def _run(form, action) -> bool:
    """Call the service; a DomainError becomes form errors. True when it succeeded."""
    try:
        action()
    except DomainError as error:
        add_domain_error(form, error)
        return False
    return True


@login_required
def onboarding_kind(request):
    seller = selectors.find_seller_for_user(user=request.user)
    if seller is not None and seller.status not in services.EDITABLE:
        return redirect("sellercenter:home")
    form = forms.KindForm(request.POST or None, initial={"kind": getattr(seller, "kind", None)})
    if request.method == "POST" and form.is_valid():
        kind, now = form.cleaned_data["kind"], clock.now()
        if seller is None:
            action = lambda: services.start_application(user=request.user, kind=kind, now=now)  # noqa: E731
        else:
            action = lambda: services.change_seller_kind(seller=seller, kind=kind, now=now)  # noqa: E731
        if _run(form, action):
            return redirect("sellercenter:onboarding_details")
    return _step(request, 0, form)


@_editable_application
def onboarding_details(request, seller):
    initial = {f: str(getattr(seller, f)) for f in TraderDetailsInput.__dataclass_fields__}
    initial["country"] = initial["country"] or request.user.ship_to_country.code
    form = forms.TraderDetailsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = TraderDetailsInput(**form.cleaned_data)
        if _run(
            form, lambda: services.update_trader_details(seller=seller, data=data, now=clock.now())
        ):
            return redirect("sellercenter:onboarding_payout")
    return _step(request, 1, form, seller=seller)


def payout_initial(seller) -> dict:
    return {"iban": seller.payout_iban, "account": seller.payout_account,
            "country": seller.payout_country.code or ""}  # fmt: skip


def payout_action(form, seller):
    """The service call of a valid payout form: the password goes separately."""
    data = PayoutInput(**form.payout_input())
    password = form.cleaned_data.get("password")
    return lambda: services.update_payout_account(
        seller=seller, data=data, now=clock.now(), password=password
    )


@_editable_application
def onboarding_payout(request, seller):
    form = forms.PayoutForm(
        request.POST or None,
        initial=payout_initial(seller),
        needs_password=services.has_payout_account(seller),
    )
    if request.method == "POST" and form.is_valid():
        if _run(form, payout_action(form, seller)):
            return redirect("sellercenter:onboarding_store")
    return _step(request, 2, form, seller=seller)


def _store_initial(seller) -> dict:
    store = getattr(seller, "store", None)
    if store is None:
        return {"country": seller.country.code, "original_language": get_language()}
    translation = store.translations.filter(language=store.original_language).first()
    return {
        "name": store.name, "slug": store.slug, "country": store.country.code,
        "settlement_currency": store.settlement_currency,
        "original_language": store.original_language,
        "languages_spoken": store.languages_spoken,
        "description": translation.description if translation else "",
    }  # fmt: skip


@_editable_application
def onboarding_store(request, seller):
    form = forms.StoreForm(request.POST or None, initial=_store_initial(seller))
    if request.method == "POST" and form.is_valid():
        save = services.update_store if hasattr(seller, "store") else services.create_store
        if _run(form, lambda: save(seller=seller, now=clock.now(), **form.cleaned_data)):
            return redirect("sellercenter:onboarding_review")
    return _step(request, 3, form, seller=seller)


@_editable_application
def onboarding_review(request, seller):
    form = forms.SubmitForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        certified = form.cleaned_data["self_certified"]
        action = lambda: services.submit_application(  # noqa: E731
            seller=seller, self_certified=certified, now=clock.now()
        )
        if _run(form, action):
            messages.success(request, _("Thank you. Your application was sent for review."))
            return redirect("sellercenter:home")
    store = getattr(seller, "store", None)
    return _step(
        request, 4, form, seller=seller, store=store, template="sellercenter/onboarding_review.html"
    )
