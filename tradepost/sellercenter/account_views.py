"""Seller center: the payout account (re-authentication), deposits, closing the store.

Every page acts on the signed-in seller's own store only; no URL names another seller.
"""

from django import forms as django_forms
from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tradepost import clock
from tradepost.catalog.models import Category
from tradepost.errors import DomainError, RateLimited
from tradepost.money.money import Money
from tradepost.sellercenter import forms
from tradepost.sellercenter.access import message_error, refuse, run, store_required
from tradepost.sellercenter.views import payout_action, payout_initial
from tradepost.sellers import closing, deposits, services
from tradepost.sellers.models import SellerDeposit


class CloseForm(django_forms.Form):
    confirm = django_forms.BooleanField(
        label=gettext_lazy("I understand that closing the store is final."), required=True
    )


def _category_name(category: Category, language: str) -> str:
    names = {t.language: t.name for t in category.translations.all()}
    return names.get(language) or names.get("en") or category.slug


def _deposit_categories() -> list[Category]:
    return list(Category.objects.filter(deposit_minor__gt=0).prefetch_related("translations"))


def _due_rows(seller, categories, now) -> list[dict]:
    language = get_language() or "en"
    return [
        {
            "currency": due.currency,
            "required": Money(due.required_minor, due.currency),
            "held": Money(due.held_minor, due.currency),
            "owed": Money(due.owed_minor, due.currency),
            "categories": [_category_name(c, language) for c in due.categories],
        }
        for due in deposits.deposits_due(seller=seller, categories=categories, on=now.date())
    ]


@store_required
def deposit_list(request, store):
    """What the categories ask of this seller, what it holds, and a pay button per currency."""
    seller, now = store.seller, clock.now()
    categories = _deposit_categories()
    if request.method == "POST":
        currency = request.POST.get("currency", "")[:3]
        try:
            intent = deposits.pay_deposit(
                seller=seller, currency=currency, categories=categories, now=now
            )
        except DomainError as error:
            if error.http_status == 404:
                raise
            message_error(request, error)
            return redirect("sellercenter:deposits")
        page = deposits.payment_page(intent)  # the gateway's hosted card page
        if not page:
            messages.info(request, _("The payment is being confirmed. Check again in a moment."))
            return redirect("sellercenter:deposits")
        return redirect(page)
    history = SellerDeposit.objects.filter(seller=seller).order_by("-created_at", "-id")
    context = {
        "store": store,
        "rows": _due_rows(seller, categories, now),
        "history": [(d, Money(d.amount_minor, d.currency)) for d in history],
        "can_pay": seller.can_publish,
    }
    return render(request, "sellercenter/deposits.html", context)


@store_required
def payout_account(request, store):
    """Change the payout account: the current password goes in the same form."""
    seller = store.seller
    editable = seller.status in services.PAYOUT_EDITABLE
    form = forms.PayoutForm(
        request.POST or None,
        initial=payout_initial(seller),
        needs_password=services.has_payout_account(seller),
    )
    context = {"store": store, "seller": seller, "form": form, "editable": editable}
    if request.method == "POST" and editable and form.is_valid():
        try:
            saved = run(form, payout_action(form, seller))
        except RateLimited as error:
            return refuse(request, form, error, "sellercenter/payout_account.html", context)
        if saved is not None:
            messages.success(request, _("Payout account saved."))
            return redirect("sellercenter:payout_account")
    return render(request, "sellercenter/payout_account.html", context)


@store_required
def close_store(request, store):
    """What still keeps the store open; the final confirmation."""
    seller = store.seller
    open_ = seller.status == "verified"
    context = {
        "store": store,
        "seller": seller,
        "form": CloseForm(),
        "can_close": open_,
        "obligations": closing.obligations(seller) if open_ else {},
        "held": [
            Money(d.amount_minor, d.currency)
            for d in SellerDeposit.objects.filter(seller=seller, status="held")
        ],
    }
    return render(request, "sellercenter/close_store.html", context)


@store_required
@require_POST
def close_store_confirm(request, store):
    form = CloseForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Tick the box to confirm that closing is final."))
        return redirect("sellercenter:close_store")
    try:
        services.close_store(seller=store.seller, now=clock.now())
    except DomainError as error:
        if error.http_status == 404:
            raise
        message_error(request, error)
        return redirect("sellercenter:close_store")
    messages.success(request, _("Your store is closed. Held deposits are on their way back."))
    return redirect("sellercenter:home")
