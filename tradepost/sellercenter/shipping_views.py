"""Seller center: shipping templates — list, new, edit with its zones, make default, delete.

Thin: forms → shipping.writes; every read goes through shipping.template_selectors with the
seller's store, so another store's template is a 404 and nothing changes. Zone rows are added
and removed by htmx (`zone_rows` answers with the rows again) or, without JavaScript, by the same
buttons submitting the whole form.
"""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from tradepost import clock
from tradepost.errors import DomainError
from tradepost.sellercenter import shipping_forms as forms
from tradepost.sellercenter import shipping_rows
from tradepost.sellercenter.access import store_required
from tradepost.shipping import template_selectors as selectors
from tradepost.shipping import writes
from tradepost.shipping.template_input import MAX_ZONES

EDITOR = "sellercenter/shipping/template_form.html"
ADD_BUTTON_ID = "add-zone"


@store_required
def template_list(request, store):
    templates = selectors.list_templates_for_store(store=store)
    without = selectors.count_listings_without_template(store=store)
    rows = shipping_rows.template_rows(templates, store.settlement_currency, without)
    context = {"store": store, "rows": rows}
    return render(request, "sellercenter/shipping/template_list.html", context)


@store_required
def template_new(request, store):
    if request.method == "POST":
        return _submit(request, store, None)
    form = forms.TemplateForm(initial={"ship_from_country": store.country.code})
    row = forms.blank_row(store.settlement_currency, initial={"groups": ["WORLD"]})
    return _editor(request, store, form, [row])


@store_required
def template_edit(request, store, public_id: str):
    template = selectors.get_template_for_store(store=store, public_id=public_id)
    if request.method == "POST":
        return _submit(request, store, template)
    form = forms.TemplateForm(
        initial=forms.template_initial(template), is_default=template.is_default
    )
    rows = forms.rows_for_template(template, store.settlement_currency)
    return _editor(request, store, form, rows, template)


def _editor(request, store, form, rows, template=None, *, status=200):
    context = {"store": store, "form": form, "rows": rows, "template": template,
               "currency": store.settlement_currency, "max_zones": MAX_ZONES,
               "add_button_id": ADD_BUTTON_ID,
               "zone_errors": any(row.errors for _key, row in rows)}  # fmt: skip
    return render(request, EDITOR, context, status=status)


def _submit(request, store, template):
    currency = store.settlement_currency
    is_default = bool(template and template.is_default)
    form = forms.TemplateForm(request.POST, is_default=is_default)
    rows = forms.rows_from_post(request.POST, currency)
    if "add_zone" in request.POST or "remove_zone" in request.POST:  # without JavaScript
        rows = [(key, forms.unbound(row, currency=currency)) for key, row in rows]
        rows, _status, _focus = _change_rows(request.POST, rows, currency)
        return _editor(request, store, forms.unbound(form, is_default=is_default), rows, template)
    valid = [form.is_valid(), *(row.is_valid() for _key, row in rows)]
    zones = [row.zone_input() for _key, row in rows] if all(valid) else [None]
    if all(zone is not None for zone in zones):
        saved = _save(store, template, form, rows, forms.template_input(form, zones))
        if saved is not None:
            messages.success(
                request, _("Shipping template “%(name)s” saved.") % {"name": saved.name}
            )
            return redirect("sellercenter:shipping_templates")
    return _editor(request, store, form, rows, template)


def _save(store, template, form, rows, data):
    now = clock.now()
    try:
        if template is None:
            return writes.create_template(store=store, data=data, now=now)
        return writes.update_template(store=store, template=template, data=data, now=now)
    except DomainError as error:
        if error.http_status == 404:
            raise
        forms.show_error(form, rows, error)
        return None


def _change_rows(data, rows, currency):
    """Add a blank row or remove the row named by the pressed button: (rows, what happened for
    screen readers, the id of the element to focus)."""
    removing = data.get("remove_zone")
    if removing:
        kept = [row for row in rows if row[0] != removing]
        text = _("Zone removed.") if len(kept) < len(rows) else ""
        return kept, text, ADD_BUTTON_ID
    if len(rows) >= MAX_ZONES:
        return rows, _("A template can have at most %(n)s zones.") % {"n": MAX_ZONES}, ""
    key, row = forms.blank_row(currency)
    text = _("Zone %(n)s added.") % {"n": len(rows) + 1}
    return [*rows, (key, row)], text, f"id_zone-{key}-countries"


@store_required
@require_POST
def zone_rows(request, store):
    """htmx: the zone rows again, as typed, with one more or one fewer."""
    currency = store.settlement_currency
    rows = [
        (key, forms.unbound(row, currency=currency))
        for key, row in forms.rows_from_post(request.POST, currency)
    ]
    rows, status, focus = _change_rows(request.POST, rows, currency)
    context = {"rows": rows, "status_text": status, "focus": focus, "oob": True}
    return render(request, "sellercenter/shipping/_zone_rows.html", context)


@store_required
@require_POST
def template_default(request, store, public_id: str):
    template = writes.set_default(store=store, template=public_id, now=clock.now())
    messages.success(
        request, _("“%(name)s” is now the default shipping template.") % {"name": template.name}
    )
    return redirect("sellercenter:shipping_templates")


@store_required
def template_delete(request, store, public_id: str):
    template = selectors.get_template_for_store(store=store, public_id=public_id)
    choices = selectors.template_choices_for_store(store=store)
    others = [(c.public_id, c.name) for c in choices if c.pk != template.pk]
    default = next((c.name for c in choices if c.is_default), "")
    data = request.POST if request.method == "POST" else None  # an empty POST is still a POST
    form = forms.DeleteForm(data, new_defaults=others if template.is_default else [])
    if request.method == "POST" and form.is_valid():
        try:
            moved = writes.delete_template(
                store=store, template=template, now=clock.now(),
                new_default=form.cleaned_data.get("new_default") or None,
            )  # fmt: skip
        except DomainError as error:
            if error.http_status == 404:
                raise
            forms.show_error(form, [], error)
        else:
            messages.success(request, _deleted_message(template.name, moved))
            return redirect("sellercenter:shipping_templates")
    listings = template.listing_count
    if template.is_default:
        listings += selectors.count_listings_without_template(store=store)
    context = {"store": store, "template": template, "form": form, "listings": listings,
               "default_name": default, "others": others}  # fmt: skip
    return render(request, "sellercenter/shipping/template_delete.html", context)


def _deleted_message(name: str, moved: int) -> str:
    if moved:
        return ngettext(
            "Shipping template “%(name)s” deleted. Its listing now ships with the default template.",
            "Shipping template “%(name)s” deleted. Its %(n)s listings now ship with the default "
            "template.",
            moved,
        ) % {"name": name, "n": moved}
    return _("Shipping template “%(name)s” deleted.") % {"name": name}
