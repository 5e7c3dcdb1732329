"""Staff console: country restrictions (deliveries to a country off or on, categories and listings
restricted for ship-to countries, lifting). Every change records its legal basis and reason.

Only staff with `restrictions.manage_restrictions` (trust & safety, admin) see these pages; others
get the console's 404.
"""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tradepost import clock
from tradepost.console import restriction_forms as forms
from tradepost.console.seller_views import permission_required
from tradepost.restrictions import selectors, services
from tradepost.restrictions.errors import RestrictionAlreadyLifted, country_name
from tradepost.restrictions.models import MANAGE_PERMISSION, CategoryRestriction
from tradepost.sellercenter.access import message_error, run

PAGE_SIZE = 50
LIFTED_SHOWN = 20


@permission_required(MANAGE_PERMISSION)
def country_list(request):
    form = forms.CountryPolicyForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and _save_policy(request, form):
        return redirect("console:restrictions")
    now = clock.now()
    history = Paginator(selectors.list_country_policies(), PAGE_SIZE)
    context = {"form": form, "tab": "countries", "states": selectors.country_states(now=now),
               "history": history.get_page(request.GET.get("page")), "now": now}  # fmt: skip
    return render(request, "console/restrictions/countries.html", context)


def _save_policy(request, form) -> bool:
    data = form.cleaned_data
    policy = run(
        form,
        lambda: services.set_country_availability(
            staff=request.user, country=data["country"], available=data["availability"] == "on",
            legal_ref=data["legal_ref"], reason=data["reason"],
            effective_from=data["effective_from"], now=clock.now(),
        ),
    )  # fmt: skip
    if policy is None:
        return False
    text = (_("Deliveries to %(country)s switched on.") if policy.buy_enabled
            else _("Deliveries to %(country)s switched off."))  # fmt: skip
    messages.success(request, text % {"country": country_name(policy.country.code)})
    return True


@permission_required(MANAGE_PERMISSION)
def category_list(request):
    form = forms.CategoryRestrictionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        created = run(form, lambda: services.restrict_category(
            staff=request.user, category_id=form.cleaned_data["category"],
            countries=form.country_codes(), now=clock.now(), **_basis(form)))  # fmt: skip
        if created is not None:
            _report(request, created, form.country_codes())
            return redirect("console:restrictions_categories")
    context = {"form": form, "tab": "categories",
               "active": selectors.list_category_restrictions(),
               "lifted": selectors.list_category_restrictions(active=False)[:LIFTED_SHOWN]}  # fmt: skip
    return render(request, "console/restrictions/categories.html", context)


@permission_required(MANAGE_PERMISSION)
def listing_list(request):
    form = forms.ListingRestrictionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        created = run(form, lambda: services.restrict_listing(
            staff=request.user, product_public_id=form.cleaned_data["product"],
            countries=form.country_codes(), now=clock.now(), **_basis(form)))  # fmt: skip
        if created is not None:
            _report(request, created, form.country_codes())
            return redirect("console:restrictions_listings")
    page = Paginator(selectors.list_listing_restrictions(), PAGE_SIZE)
    context = {"form": form, "tab": "listings", "page": page.get_page(request.GET.get("page")),
               "lifted": selectors.list_listing_restrictions(active=False)[:LIFTED_SHOWN]}  # fmt: skip
    return render(request, "console/restrictions/listings.html", context)


def _basis(form) -> dict:
    return {"legal_ref": form.cleaned_data["legal_ref"], "reason": form.cleaned_data["reason"]}


def _report(request, created: list, asked: list[str]) -> None:
    made = [row.country.code for row in created]
    if made:
        messages.success(request, _("Restricted for: %(countries)s.") % {
            "countries": ", ".join(country_name(code) for code in made)})  # fmt: skip
    skipped = [c for c in dict.fromkeys(code.upper() for code in asked) if c not in made]
    if skipped:
        messages.info(request, _("Already restricted for: %(countries)s.") % {
            "countries": ", ".join(country_name(code) for code in skipped)})  # fmt: skip


@permission_required(MANAGE_PERMISSION)
@require_POST
def lift(request, public_id: str):
    try:
        restriction = services.lift_restriction(
            staff=request.user, public_id=public_id, now=clock.now()
        )
    except RestrictionAlreadyLifted as error:
        message_error(request, error)
        return redirect("console:restrictions")
    messages.success(request, _("Restriction lifted for %(country)s.") % {
        "country": country_name(restriction.country.code)})  # fmt: skip
    if isinstance(restriction, CategoryRestriction):
        return redirect("console:restrictions_categories")
    return redirect("console:restrictions_listings")
