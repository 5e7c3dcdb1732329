"""Seller B can neither see nor change seller A's listings through any seller-center page:
every URL naming A's listing is a 404, and nothing changes."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tradepost.catalog.models import ProductImage, ProductTranslation, WholesaleTier

pytestmark = pytest.mark.django_db


def _snapshot(product):
    product.refresh_from_db()
    variants = list(product.variants.order_by("pk").values_list("sku", "price_minor", "stock",
                                                                 "is_active"))  # fmt: skip
    return (product.status, product.brand, product.updated_at, variants,
            ProductTranslation.objects.filter(product=product).count(),
            ProductImage.objects.filter(product=product).count(),
            WholesaleTier.objects.filter(variant__product=product).count(),
            product.certificates.count())  # fmt: skip


def _attempts(product, variant, png_bytes, category):
    base = f"/en/seller/products/{product.public_id}/"
    v = variant.public_id
    return [
        ("get", base, None),
        ("post", base, {"category": category.pk, "brand": "Stolen", "weight_g": 1,
                        "length_mm": 1, "width_mm": 1, "height_mm": 1,
                        "min_order_quantity": 1, "lot_size": 1}),
        ("post", f"{base}text/de/", {"text-title": "Gestohlen"}),
        ("post", f"{base}options/", {"opt-options": "Colour: Red", "opt-price": "1",
                                      "opt-stock": 1}),
        ("post", f"{base}variants/", {f"{v}-sku": "X", f"{v}-price": "1", f"{v}-stock": 0}),
        ("post", f"{base}variants/{v}/tiers/", {f"t-{v}-quantity_1": 5, f"t-{v}-price_1": "1"}),
        ("post", f"{base}images/", {"img-image": SimpleUploadedFile("a.png", png_bytes)}),
        ("post", f"{base}certificates/", {"cert-document": SimpleUploadedFile("a.png", png_bytes)}),
        ("post", f"{base}publish/", {}),
        ("post", "/en/seller/products/bulk/", {"action": "hide", "products": [product.public_id]}),
        ("post", "/en/seller/products/bulk/", {"action": "remove", "products": [product.public_id]}),
    ]  # fmt: skip


def test_every_page_and_action_on_another_sellers_listing_is_404(
    seller_client, other_product, category, png_bytes, clock, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    variant = other_product.variants.get()
    before = _snapshot(other_product)

    for method, url, data in _attempts(other_product, variant, png_bytes, category):
        response = getattr(seller_client, method)(url, data or {})
        assert response.status_code == 404, url

    assert _snapshot(other_product) == before


def test_tiers_of_another_sellers_variant_under_own_listing_is_404(
    seller_client, product, other_product, clock
):
    variant = other_product.variants.get()

    response = seller_client.post(
        f"/en/seller/products/{product.public_id}/variants/{variant.public_id}/tiers/",
        {f"t-{variant.public_id}-quantity_1": 5, f"t-{variant.public_id}-price_1": "1"},
    )

    assert response.status_code == 404
    assert not WholesaleTier.objects.filter(variant=variant).exists()


def test_another_sellers_picture_cannot_be_removed(seller_client, product, other_product, clock):
    from tradepost.catalog.testing import make_image

    image = make_image(other_product)

    response = seller_client.post(
        f"/en/seller/products/{product.public_id}/images/{image.public_id}/delete/"
    )

    assert response.status_code == 404
    assert ProductImage.objects.filter(pk=image.pk).exists()
