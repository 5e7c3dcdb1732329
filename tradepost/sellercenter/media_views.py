"""Product editor: pictures (uploaded with htmx, progress shown) and certification documents."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tradepost import clock
from tradepost.catalog import services
from tradepost.catalog.images import delete_product_image, ingest_product_image
from tradepost.sellercenter import editor, listings
from tradepost.sellercenter import product_forms as forms
from tradepost.sellercenter.access import run, store_required


@store_required
@require_POST
def product_image(request, store, public_id: str):
    """Upload one picture. htmx gets the refreshed image section; a plain form post the page."""
    product = listings.get_product_for_store(store=store, public_id=public_id)
    form = forms.ImageForm(request.POST, request.FILES, variants=product.variants.all())
    saved = None
    if form.is_valid():
        data = form.cleaned_data
        saved = run(
            form,
            lambda: ingest_product_image(
                store=store, product=product, upload=data["image"], alt_text=data["alt_text"],
                variant=data["variant"] or None, now=clock.now(),
            ),
        )  # fmt: skip
    if saved is not None:
        product = listings.get_product_for_store(store=store, public_id=public_id)
        form = None
    if request.htmx:
        context = editor.image_context(product, form)
        context["uploaded"] = saved is not None
        return render(request, "sellercenter/_images.html", context)
    if saved is not None:
        messages.success(request, _("Picture added."))
        return redirect(editor.section_url(product, "images"))
    return editor.render_editor(request, store, product, image_form=form)


@store_required
@require_POST
def product_image_delete(request, store, public_id: str, image_id: str):
    product = listings.get_product_for_store(store=store, public_id=public_id)
    if not any(image.public_id == image_id for image in product.images.all()):
        raise Http404
    delete_product_image(store=store, image=image_id, now=clock.now())
    if request.htmx:
        product = listings.get_product_for_store(store=store, public_id=public_id)
        return render(request, "sellercenter/_images.html", editor.image_context(product))
    messages.success(request, _("Picture removed."))
    return redirect(editor.section_url(product, "images"))


@store_required
@require_POST
def product_certificate(request, store, public_id: str):
    product = listings.get_product_for_store(store=store, public_id=public_id)
    form = forms.CertificateForm(request.POST, request.FILES)
    if form.is_valid():
        done = run(
            form,
            lambda: services.add_certification_document(
                store=store, product=product, upload=form.cleaned_data["document"],
                description=form.cleaned_data["description"], now=clock.now(),
            ),
        )  # fmt: skip
        if done is not None:
            messages.success(request, _("Document added. You can now send the listing for review."))
            return redirect(editor.section_url(product, "publish"))
    return editor.render_editor(request, store, product, certificate_form=form)
