"""Seller center: the store's coupons and flash deals — list, create, switch off or cancel.

Thin: forms → promotions.services; every read goes through promotions.selectors with the
seller's store, so another store's coupon or deal is a 404 and nothing changes.
"""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tradepost import clock
from tradepost.errors import DomainError
from tradepost.money.currencies import DISPLAY_CURRENCIES
from tradepost.promotions import selectors, services
from tradepost.sellercenter import promotion_forms as forms
from tradepost.sellercenter import promotion_rows as rows
from tradepost.sellercenter.access import message_error, run, store_required

PAGE_SIZE = 25


def _currencies(store) -> list[str]:
    return [
        store.settlement_currency,
        *(c for c in DISPLAY_CURRENCIES if c != store.settlement_currency),
    ]


@store_required
def coupon_list(request, store):
    form = forms.CouponForm(
        request.POST or None,
        currency_choices=_currencies(store),
        initial={"currency": store.settlement_currency, "kind": "percent"},
    )
    if request.method == "POST" and form.is_valid() and (data := form.coupon_input()):
        now = clock.now()
        coupon = run(
            form,
            lambda: services.create_coupon_for_store(
                store=store, actor=request.user, data=data, now=now
            ),
        )
        if coupon is not None:
            messages.success(request, _("Coupon %(code)s created.") % {"code": coupon.code})
            return redirect("sellercenter:coupons")
    page = Paginator(selectors.list_coupons_for_store(store=store), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    context = {"store": store, "form": form, "page": page,
               "rows": rows.coupon_rows(page.object_list, clock.now())}  # fmt: skip
    return render(request, "sellercenter/promotions/coupon_list.html", context)


@store_required
@require_POST
def coupon_deactivate(request, store, public_id: str):
    coupon = services.deactivate_coupon_for_store(store=store, public_id=public_id, now=clock.now())
    if request.htmx:
        row = rows.coupon_rows([coupon], clock.now())[0]
        return render(
            request,
            "sellercenter/promotions/_coupon_row.html",
            {"row": row, "deactivate_url": "sellercenter:coupon_deactivate"},
        )
    messages.success(request, _("Coupon %(code)s switched off.") % {"code": coupon.code})
    return redirect("sellercenter:coupons")


@store_required
def deal_list(request, store):
    language = get_language() or "en"
    choices = selectors.variant_choices_for_store(store=store, language=language)
    form = forms.FlashDealForm(request.POST or None, variant_choices=choices)
    if request.method == "POST" and form.is_valid():
        data = form.deal_input(store.settlement_currency)
        now = clock.now()
        deal = data and run(
            form,
            lambda: services.create_flash_deal_for_store(
                store=store, actor=request.user, data=data, now=now
            ),
        )
        if deal:
            messages.success(request, _("Flash deal created."))
            return redirect("sellercenter:deals")
    page = Paginator(selectors.list_deals_for_store(store=store), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    context = {"store": store, "form": form, "page": page,
               "rows": rows.deal_rows(page.object_list, clock.now(), language)}  # fmt: skip
    return render(request, "sellercenter/promotions/deal_list.html", context)


@store_required
@require_POST
def deal_cancel(request, store, public_id: str):
    try:
        deal = services.cancel_flash_deal_for_store(
            store=store, public_id=public_id, now=clock.now()
        )
    except DomainError as error:
        if error.http_status == 404:
            raise
        message_error(request, error)
        return redirect("sellercenter:deals")
    if request.htmx:
        row = rows.deal_rows([deal], clock.now(), get_language() or "en")[0]
        return render(
            request,
            "sellercenter/promotions/_deal_row.html",
            {"row": row, "cancel_url": "sellercenter:deal_cancel"},
        )
    messages.success(request, _("Flash deal cancelled."))
    return redirect("sellercenter:deals")
