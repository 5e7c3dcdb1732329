"""Product editor: the option matrix, the variant table and the wholesale tiers of a listing."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tradepost import clock
from tradepost.catalog import services
from tradepost.errors import DomainError
from tradepost.sellercenter import editor, listings
from tradepost.sellercenter import product_forms as forms
from tradepost.sellercenter.access import run, store_required
from tradepost.web.forms import add_domain_error


@store_required
@require_POST
def product_options(request, store, public_id: str):
    """Generate the missing variants of "Colour: Red, Blue / Size: S, M"."""
    product = listings.get_product_for_store(store=store, public_id=public_id)
    form = forms.OptionsForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data

        def generate():
            price = forms.to_minor(data["price"], store.settlement_currency)
            return services.generate_variants(
                store=store, product=product, options=data["options"], price_minor=price,
                stock=data["stock"], sku_prefix=data["sku_prefix"], now=clock.now(),
            )  # fmt: skip

        created = run(form, generate)
        if created is not None:
            messages.success(request, _("%(n)s variants added.") % {"n": len(created)})
            return redirect(editor.section_url(product, "variants"))
    return editor.render_editor(request, store, product, options_form=form)


def _save_variants(store, rows) -> None:
    """Every changed row through update_variant, in one transaction: all rows or none."""
    with transaction.atomic():
        for variant, form in rows:
            changes = {
                "sku": form.cleaned_data["sku"], "price_minor": form.cleaned_data["price"],
                "stock": form.cleaned_data["stock"], "is_active": form.cleaned_data["is_active"],
            }  # fmt: skip
            current = {"sku": variant.sku, "price_minor": variant.price_minor,
                       "stock": variant.stock, "is_active": variant.is_active}  # fmt: skip
            changed = {k: v for k, v in changes.items() if current[k] != v}
            if changed:
                try:
                    services.update_variant(
                        store=store, variant=variant, now=clock.now(), **changed
                    )
                except DomainError as error:
                    if error.http_status != 404:
                        add_domain_error(form, _rename_price(error))
                    raise


def _rename_price(error: DomainError) -> DomainError:
    if "price_minor" in error.fields:
        error.fields = {**error.fields, "price": error.fields["price_minor"]}
        del error.fields["price_minor"]
    return error


@store_required
@require_POST
def product_variants(request, store, public_id: str):
    product = listings.get_product_for_store(store=store, public_id=public_id)
    rows = editor._variant_forms(product, store.settlement_currency, data=request.POST)
    if all(form.is_valid() for _variant, form in rows):
        try:
            _save_variants(store, rows)
        except DomainError as error:
            if error.http_status == 404:
                raise
        else:
            messages.success(request, _("Variants saved."))
            return redirect(editor.section_url(product, "variants"))
    product = listings.get_product_for_store(store=store, public_id=public_id)
    error = _("Some variants could not be saved; nothing was changed.")
    return editor.render_editor(
        request, store, product, variant_forms=_rebind(product, rows), variants_error=error
    )


def _rebind(product, rows):
    """Keep the submitted forms (with their errors) in the order of the reloaded variants."""
    by_id = {variant.public_id: form for variant, form in rows}
    return [(variant, by_id[variant.public_id]) for variant in product.variants.all()]


@store_required
@require_POST
def product_tiers(request, store, public_id: str, variant_id: str):
    product = listings.get_product_for_store(store=store, public_id=public_id)
    variant = next((v for v in product.variants.all() if v.public_id == variant_id), None)
    if variant is None:
        raise Http404
    form = forms.TiersForm(
        request.POST, currency=store.settlement_currency, prefix=f"t-{variant.public_id}"
    )
    if form.is_valid():
        try:
            tiers = form.tiers()
        except ValidationError as error:
            form.add_error(None, error)
        else:
            done = run(
                form,
                lambda: services.set_wholesale_tiers(
                    store=store, variant=variant, tiers=tiers, now=clock.now()
                ),
            )
            if done is not None:
                messages.success(request, _("Wholesale prices saved."))
                return redirect(editor.section_url(product, "wholesale"))
    return editor.render_editor(request, store, product, tiers=(variant.public_id, form))
