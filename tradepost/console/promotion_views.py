"""Staff console: platform coupons and flash deals on any store's variant.

Only staff with `promotions.manage_promotions` see these pages (others get the console's 404).
"""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tradepost import clock
from tradepost.catalog.errors import VariantNotFound
from tradepost.console import promotion_forms as forms
from tradepost.console.seller_views import permission_required
from tradepost.errors import DomainError
from tradepost.money.currencies import DISPLAY_CURRENCIES
from tradepost.promotions import selectors, services
from tradepost.sellercenter import promotion_rows as rows
from tradepost.sellercenter.access import message_error, run

PAGE_SIZE = 50
COUPON_ROW = "sellercenter/promotions/_coupon_row.html"
DEAL_ROW = "sellercenter/promotions/_deal_row.html"


@permission_required(services.MANAGE_PERMISSION)
def coupon_list(request):
    form = forms.PlatformCouponForm(
        request.POST or None,
        currency_choices=DISPLAY_CURRENCIES,
        initial={"currency": "EUR", "kind": "percent"},
    )
    if request.method == "POST" and form.is_valid():
        coupon = _create_coupon(request, form)
        if coupon is not None:
            messages.success(request, _("Coupon %(code)s created.") % {"code": coupon.code})
            return redirect("console:coupons")
    coupons = selectors.list_platform_coupons()
    page = Paginator(coupons, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"form": form, "page": page, "rows": rows.coupon_rows(page.object_list, clock.now())}
    return render(request, "console/promotions/coupon_list.html", context)


def _create_coupon(request, form):
    stores, unknown = selectors.stores_by_slug(form.cleaned_data["stores"])
    if unknown:
        form.add_error("stores", _("No store at: %(slugs)s") % {"slugs": ", ".join(unknown)})
    data = form.coupon_input()
    if data is None or unknown:
        return None
    return run(
        form,
        lambda: services.create_platform_coupon(
            staff=request.user, data=data, funded_by=form.cleaned_data["funded_by"],
            stores=stores, now=clock.now(),
        ),
    )  # fmt: skip


@permission_required(services.MANAGE_PERMISSION)
@require_POST
def coupon_deactivate(request, public_id: str):
    coupon = services.deactivate_platform_coupon(
        staff=request.user, public_id=public_id, now=clock.now()
    )
    if request.htmx:
        context = {"row": rows.coupon_rows([coupon], clock.now())[0], "console": True,
                   "deactivate_url": "console:coupon_deactivate"}  # fmt: skip
        return render(request, COUPON_ROW, context)
    messages.success(request, _("Coupon %(code)s switched off.") % {"code": coupon.code})
    return redirect("console:coupons")


@permission_required(services.MANAGE_PERMISSION)
def deal_list(request):
    form = forms.StaffFlashDealForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        deal = _create_deal(request, form)
        if deal is not None:
            messages.success(request, _("Flash deal created."))
            return redirect("console:deals")
    page = Paginator(selectors.list_all_deals(), PAGE_SIZE).get_page(request.GET.get("page"))
    language = get_language() or "en"
    context = {"form": form, "page": page,
               "rows": rows.deal_rows(page.object_list, clock.now(), language)}  # fmt: skip
    return render(request, "console/promotions/deal_list.html", context)


def _create_deal(request, form):
    try:
        variant = selectors.get_variant_for_store(
            store=None, public_id=form.cleaned_data["variant"]
        )
    except VariantNotFound as error:
        form.add_error("variant", str(error.message))
        return None
    data = form.deal_input(variant.store.settlement_currency)
    if data is None:
        return None
    return run(
        form,
        lambda: services.create_flash_deal_as_staff(staff=request.user, data=data, now=clock.now()),
    )


@permission_required(services.MANAGE_PERMISSION)
@require_POST
def deal_cancel(request, public_id: str):
    try:
        deal = services.cancel_flash_deal_as_staff(
            staff=request.user, public_id=public_id, now=clock.now()
        )
    except DomainError as error:
        if error.http_status == 404:
            raise
        message_error(request, error)
        return redirect("console:deals")
    if request.htmx:
        row = rows.deal_rows([deal], clock.now(), get_language() or "en")[0]
        context = {"row": row, "console": True, "cancel_url": "console:deal_cancel"}
        return render(request, DEAL_ROW, context)
    messages.success(request, _("Flash deal cancelled."))
    return redirect("console:deals")
