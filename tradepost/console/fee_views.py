"""Staff console: fee programmes (list, create, edit, end) and a seller's own commission.

Only staff with `sellers.manage_fees` (finance, admin) see these pages; others get the 404.
"""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tradepost import clock
from tradepost.console import fee_forms as forms
from tradepost.console.seller_views import permission_required
from tradepost.sellercenter.access import run
from tradepost.sellers import fee_admin, fees, selectors
from tradepost.sellers.models import FeeProgramme

MANAGE = fee_admin.MANAGE_PERMISSION


@permission_required(MANAGE)
def programme_list(request):
    form = forms.FeeProgrammeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.programme_input()
        created = run(
            form,
            lambda: fee_admin.create_programme(staff=request.user, data=data, now=clock.now()),
        )
        if created is not None:
            messages.success(request, _("Fee programme %(name)s created.") % {"name": created.name})
            return redirect("console:fee_programmes")
    today = clock.now().date()
    rows = [(p, p.starts_on <= today < p.ends_on) for p in FeeProgramme.objects.all()]
    return render(request, "console/fees/programme_list.html", {"form": form, "rows": rows})


@permission_required(MANAGE)
def programme_edit(request, public_id: str):
    programme = fee_admin.get_programme(public_id=public_id)
    initial = {name: getattr(programme, name) for name in forms.FeeProgrammeForm.base_fields}
    initial["country"] = programme.country.code
    form = forms.FeeProgrammeForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.programme_input()
        saved = run(
            form,
            lambda: fee_admin.update_programme(
                staff=request.user, public_id=public_id, data=data, now=clock.now()
            ),
        )
        if saved is not None:
            messages.success(request, _("Fee programme saved."))
            return redirect("console:fee_programmes")
    context = {"form": form, "programme": programme}
    return render(request, "console/fees/programme_edit.html", context)


@permission_required(MANAGE)
@require_POST
def programme_end(request, public_id: str):
    programme = fee_admin.end_programme(staff=request.user, public_id=public_id, now=clock.now())
    messages.success(
        request, _("%(name)s no longer applies from %(day)s.") % {
            "name": programme.name, "day": programme.ends_on,
        },
    )  # fmt: skip
    return redirect("console:fee_programmes")


@permission_required(MANAGE)
def seller_commission(request, public_id: str):
    seller = selectors.get_seller_for_review(public_id=public_id)
    form = forms.CommissionForm(
        request.POST or None, initial={"commission_bps": seller.commission_bps_override}
    )
    if request.method == "POST" and form.is_valid():
        bps = form.cleaned_data["commission_bps"]
        saved = run(
            form,
            lambda: fee_admin.set_commission_override(
                staff=request.user, seller=seller, commission_bps=bps, now=clock.now()
            ),
        )
        if saved is not None:
            messages.success(request, _("Commission saved."))
            return redirect("console:seller_commission", public_id=public_id)
    programme = fees.active_programme(seller=seller, on=clock.now().date())
    context = {"form": form, "seller": seller, "programme": programme}
    return render(request, "console/fees/seller_commission.html", context)
