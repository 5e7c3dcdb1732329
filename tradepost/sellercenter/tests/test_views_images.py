"""Pictures in the product editor: htmx upload, a plain-form fallback, refused files."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tradepost.catalog.models import ProductImage

pytestmark = pytest.mark.django_db


def _url(product) -> str:
    return f"/en/seller/products/{product.public_id}/images/"


def _upload(data: bytes, name="red.png", content_type="image/png"):
    return SimpleUploadedFile(name, data, content_type=content_type)


def test_htmx_upload_returns_the_refreshed_picture_section(
    seller_client, product, png_bytes, clock, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    variant = product.variants.get(sku="HEMD-S")

    response = seller_client.post(
        _url(product),
        {
            "img-image": _upload(png_bytes),
            "img-alt_text": "Red shirt",
            "img-variant": variant.public_id,
        },
        HTTP_HX_REQUEST="true",
    )

    assert response.status_code == 200
    body = response.content.decode()
    assert body.startswith('<div id="image-manager">') and 'alt="Red shirt"' in body
    image = ProductImage.objects.get(product=product)
    assert (image.variant_id, image.width, image.height) == (variant.pk, 64, 48)


def test_upload_without_javascript_redirects_to_the_pictures(
    seller_client, product, png_bytes, clock, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path

    response = seller_client.post(_url(product), {"img-image": _upload(png_bytes)})

    assert response["Location"].endswith("#images")
    assert ProductImage.objects.filter(product=product).count() == 1


def test_a_file_that_is_not_an_image_is_refused_with_a_clear_error(seller_client, product, clock):
    response = seller_client.post(
        _url(product),
        {"img-image": _upload(b"%PDF-1.4 not a picture", name="x.png")},
        HTTP_HX_REQUEST="true",
    )

    assert response.status_code == 200
    assert "The file is not a JPEG, PNG, WebP or GIF image." in response.content.decode()
    assert not ProductImage.objects.filter(product=product).exists()


def test_removes_a_picture(seller_client, product, png_bytes, clock, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    seller_client.post(_url(product), {"img-image": _upload(png_bytes)})
    image = ProductImage.objects.get(product=product)

    response = seller_client.post(
        f"{_url(product)}{image.public_id}/delete/", HTTP_HX_REQUEST="true"
    )

    assert response.status_code == 200
    assert not ProductImage.objects.filter(product=product).exists()
