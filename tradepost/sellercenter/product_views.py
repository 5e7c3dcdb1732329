"""Seller center: the listing table and its bulk actions, new listing, listing details and texts.

Thin: forms → catalog.services; every read goes through `listings` with the seller's store, so a
product id of another store is a 404 and nothing changes.
"""

from django.contrib import messages
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tradepost import clock
from tradepost.catalog import services
from tradepost.errors import DomainError, RateLimited
from tradepost.sellercenter import editor, listings
from tradepost.sellercenter import product_forms as forms
from tradepost.sellercenter.access import message_error, refuse, run, store_required
from tradepost.shipping import writes as shipping_writes
from tradepost.shipping.template_selectors import template_choices_for_store

PAGE_SIZE = 25
BULK_ACTIONS = {
    "hide": services.hide_product,
    "unhide": services.unhide_product,
    "publish": services.publish_product,
    "remove": services.remove_product,
}


@store_required
def product_list(request, store):
    filters = forms.ListFilterForm(request.GET or None)
    query = status = ""
    if filters.is_valid():
        query, status = filters.cleaned_data["q"], filters.cleaned_data["status"]
    products = listings.list_products_for_store(store=store, query=query, status=status)
    page = Paginator(products, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = editor.listing_rows(page.object_list, store, get_language())
    context = {"store": store, "filters": filters, "page": page, "rows": rows,
               "bulk": forms.BulkForm(), "query": request.GET.urlencode()}  # fmt: skip
    return render(request, "sellercenter/product_list.html", context)


@store_required
@require_POST
def product_bulk(request, store):
    form = forms.BulkForm(request.POST)
    ids = request.POST.getlist("products")
    if not form.is_valid() or not ids:
        messages.error(request, _("Choose an action and at least one listing."))
        return redirect("sellercenter:products")
    action = BULK_ACTIONS[form.cleaned_data["action"]]
    try:
        with transaction.atomic():  # all selected listings change, or none
            for public_id in ids:
                action(store=store, product=public_id, now=clock.now())
    except DomainError as error:
        if error.http_status == 404:
            raise Http404 from None
        message_error(request, error)
    else:
        count = len(ids)
        messages.success(
            request,
            ngettext("%(n)s listing changed.", "%(n)s listings changed.", count) % {"n": count},
        )
    return redirect(request.POST.get("next") or "sellercenter:products")


@store_required
def product_new(request, store):
    initial = {"language": store.original_language, "origin_country": store.country.code}
    templates = template_choices_for_store(store=store)
    form = forms.NewProductForm(request.POST or None, initial=initial, shipping_templates=templates)
    context = {"form": form, "store": store}
    if request.method == "POST" and form.is_valid():
        try:
            product = run(form, lambda: _create(store, form))
        except RateLimited as error:  # over the store's listing quota: nothing was created
            return refuse(request, form, error, "sellercenter/product_new.html", context)
        if product is not None:
            messages.success(request, _("Draft saved. Now add its variants and pictures."))
            return redirect("sellercenter:product_edit", public_id=product.public_id)
    return render(request, "sellercenter/product_new.html", context)


@store_required
def product_edit(request, store, public_id: str):
    product = listings.get_product_for_store(store=store, public_id=public_id)
    if request.method != "POST":
        return editor.render_editor(request, store, product)
    templates = template_choices_for_store(store=store)
    form = forms.ProductDetailsForm(request.POST, shipping_templates=templates)
    if form.is_valid():
        done = run(form, lambda: _update(store, product, form))
        if done is not None:
            messages.success(request, _("Details saved."))
            return redirect(editor.section_url(product, "details"))
    return editor.render_editor(request, store, product, details_form=form)


@transaction.atomic
def _create(store, form):
    """The draft and its shipping template, both or neither."""
    now = clock.now()
    product = services.create_product(store=store, now=now, **form.service_kwargs())
    return shipping_writes.assign_product_template(
        store=store, product=product, template=form.chosen_shipping_template(), now=now
    )


@transaction.atomic
def _update(store, product, form):
    now = clock.now()
    product = services.update_product(
        store=store, product=product, now=now, **form.service_kwargs()
    )
    return shipping_writes.assign_product_template(
        store=store, product=product, template=form.chosen_shipping_template(), now=now
    )


@store_required
@require_POST
def product_text(request, store, public_id: str, language: str):
    product = listings.get_product_for_store(store=store, public_id=public_id)
    if language not in editor.language_codes():
        raise Http404
    form = forms.TextForm(request.POST)
    if form.is_valid():
        done = run(
            form,
            lambda: services.set_product_translation(
                store=store, product=product, language=language, now=clock.now(),
                **form.cleaned_data,
            ),
        )  # fmt: skip
        if done is not None:
            messages.success(request, _("Text saved."))
            return redirect(editor.section_url(product, "texts", lang=language))
    return editor.render_editor(request, store, product, text_form=form, language=language)


@store_required
@require_POST
def product_publish(request, store, public_id: str):
    product = listings.get_product_for_store(store=store, public_id=public_id)
    try:
        product = services.publish_product(store=store, product=product, now=clock.now())
    except DomainError as error:
        if error.http_status == 404:
            raise
        message_error(request, error)
    else:
        if product.status == "pending_review":
            messages.success(request, _("Sent for review. We will check the certificate first."))
        else:
            messages.success(request, _("Published: buyers can see the listing now."))
    return redirect("sellercenter:product_edit", public_id=product.public_id)
