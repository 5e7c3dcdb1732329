"""Listing and CSV import quotas in the seller center: over them the page answers 429 with
Retry-After and the reason, nothing is created, and another seller is not affected."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tradepost.catalog.csv_io import COLUMNS
from tradepost.catalog.models import Product
from tradepost.sellercenter import csv_views
from tradepost.sellercenter.tasks import import_products_csv_task

pytestmark = pytest.mark.django_db

NEW = "/en/seller/products/new/"
IMPORT = "/en/seller/products/import/"
HOUR = 3600


def _new_listing(category, title="Leinenhemd") -> dict:
    return {"language": "de", "title": title, "category": category.pk, "weight_g": 0,
            "length_mm": 0, "width_mm": 0, "height_mm": 0, "min_order_quantity": 1,
            "lot_size": 1}  # fmt: skip


def _file(*refs: str, category) -> SimpleUploadedFile:
    # product_ref,language,title,description,category,brand,hs_code,origin_country,weight_g,
    # min_order_quantity,lot_size,sku,options,price,stock
    rows = [f"{ref},en,Cap {ref},,{category.slug},,,,100,1,1,CAP-{ref},,3.00,5" for ref in refs]
    text = "\r\n".join([",".join(COLUMNS), *rows]) + "\r\n"
    return SimpleUploadedFile("products.csv", text.encode(), content_type="text/csv")


def test_new_listing_over_the_quota_is_a_429_form_error(
    seller_client, store, category, clock, settings
):
    settings.RATE_LIMIT_LISTINGS = (2, HOUR)
    created = [seller_client.post(NEW, _new_listing(category)) for _ in range(2)]

    refused = seller_client.post(NEW, _new_listing(category, title="Noch eins"))

    assert [r.status_code for r in created] == [302, 302]
    assert refused.status_code == 429
    assert 0 < int(refused["Retry-After"]) <= HOUR
    [reason] = refused.context["form"].non_field_errors()
    assert reason.startswith("Your store can create at most 2 new listings in 1\xa0hour. Try again")
    assert 'value="Noch eins"' in refused.content.decode()  # what the seller typed is kept
    assert Product.objects.filter(store=store).count() == 2


def test_another_seller_can_still_create(
    client, seller_client, store, other_store, category, clock, settings
):
    settings.RATE_LIMIT_LISTINGS = (1, HOUR)
    seller_client.post(NEW, _new_listing(category))
    assert seller_client.post(NEW, _new_listing(category)).status_code == 429

    client.force_login(other_store.seller.user)
    response = client.post(NEW, _new_listing(category))

    assert response.status_code == 302
    assert Product.objects.filter(store=other_store).count() == 1


def test_csv_import_over_the_listing_quota_imports_nothing(
    seller_client, store, category, clock, settings
):
    settings.RATE_LIMIT_LISTINGS = (2, HOUR)
    seller_client.post(NEW, _new_listing(category))

    response = seller_client.post(IMPORT, {"file": _file("a", "b", category=category)})

    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= HOUR
    assert "2 new listings are more than your store may create now (1 left" in (
        response.content.decode()
    )
    assert Product.objects.filter(store=store).count() == 1


def test_csv_imports_past_the_hourly_number_are_refused(
    seller_client, store, category, clock, settings
):
    settings.RATE_LIMIT_CSV_IMPORTS = (2, HOUR)
    imported = [seller_client.post(IMPORT, {"file": _file(ref, category=category)}) for ref in "ab"]

    refused = seller_client.post(IMPORT, {"file": _file("c", category=category)})
    clock.advance(seconds=int(refused["Retry-After"]))
    later = seller_client.post(IMPORT, {"file": _file("d", category=category)})

    assert [r.status_code for r in imported] == [200, 200]
    assert refused.status_code == 429
    assert "Your store can import at most 2 files in 1\xa0hour." in refused.content.decode()
    assert later.status_code == 200
    assert Product.objects.filter(store=store).count() == 3


def test_background_import_over_the_quota_reports_why_and_imports_nothing(
    seller_client, store, category, clock, monkeypatch, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    settings.RATE_LIMIT_LISTINGS = (2, HOUR)
    monkeypatch.setattr(csv_views, "INLINE_MAX_BYTES", 10)

    job_url = seller_client.post(IMPORT, {"file": _file("a", "b", "c", category=category)})[
        "Location"
    ]
    import_products_csv_task.call_local(job_url.rstrip("/").rsplit("/", 1)[1])
    done = seller_client.get(job_url, HTTP_HX_REQUEST="true")

    report = done.context["report"]
    assert (report["ok"], report["code"], report["products_created"]) == (
        False, "rate_limited", 0,
    )  # fmt: skip
    assert "3 new listings are more than your store may create now" in done.content.decode()
    assert not Product.objects.filter(store=store).exists()
