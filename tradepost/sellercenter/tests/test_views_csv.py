"""CSV export and import through the pages: own rows only, a row-by-row report, all or nothing,
large files in a background job with a progress bar."""

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tradepost.catalog.models import Product, Variant
from tradepost.catalog.testing import make_product
from tradepost.sellercenter import csv_views
from tradepost.sellercenter.tasks import import_products_csv_task

pytestmark = pytest.mark.django_db

EXPORT = "/en/seller/products/export.csv"
IMPORT = "/en/seller/products/import/"
HEADER = ("product_ref,language,title,description,category,brand,hs_code,origin_country,"
          "weight_g,min_order_quantity,lot_size,sku,options,price,stock")  # fmt: skip


def _rows(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text)))


def _upload(text: str, name="products.csv"):
    return SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/csv")


def test_export_downloads_only_the_sellers_own_rows(seller_client, product, other_product):
    response = seller_client.get(EXPORT)

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment;" in response["Content-Disposition"]
    rows = _rows(response.content.decode())
    assert {row["product_ref"] for row in rows} == {product.public_id}
    assert sorted(row["sku"] for row in rows) == ["HEMD-M", "HEMD-S"]
    assert "OTHER-1" not in response.content.decode()


def test_import_with_errors_lists_each_bad_row_and_imports_nothing(
    seller_client, store, category, product, other_product, clock
):
    text = "\n".join([
        HEADER,
        f"new-1,en,Cap,,{category.slug},,,,100,1,1,CAP-1,Colour=Red,-3.00,5",
        "new-2,en,Bag,,no-such-category,,,,100,1,1,BAG-1,,9.00,5",
        f"new-3,en,Sock,,{category.slug},,,,100,1,1,HEMD-S,,2.00,5",
        f"new-4,en,Belt,,{category.slug},,,,100,1,1,BELT-1,,4.00,2",
    ])  # fmt: skip

    response = seller_client.post(IMPORT, {"file": _upload(text)})

    assert response.status_code == 422
    errors = response.context["report"]["errors"]
    assert [(e["row"], e["column"]) for e in errors] == [(2, "price"), (3, "category"), (4, "sku")]
    body = response.content.decode()
    assert body.count('data-testid="report-line"') == 3
    assert "nothing was imported" in body
    assert Product.objects.filter(store=store).count() == 1
    assert not Variant.objects.filter(sku__in=["CAP-1", "BAG-1", "BELT-1"]).exists()


def test_file_with_wrong_columns_or_encoding_is_reported(seller_client, store, product):
    wrong = seller_client.post(IMPORT, {"file": _upload("name,price\nx,1\n")})
    latin1 = SimpleUploadedFile("p.csv", (HEADER + "\nx,en,Caf\xe9").encode("latin-1"))
    broken = seller_client.post(IMPORT, {"file": latin1})

    assert wrong.status_code == broken.status_code == 422
    assert {e["column"] for e in wrong.context["report"]["errors"]} >= {"name", "sku"}
    assert "not UTF-8" in broken.content.decode()


def test_round_trip_export_edit_import(seller_client, store, product, clock):
    # given the seller's export with one price and one stock changed
    rows = _rows(seller_client.get(EXPORT).content.decode())
    for row in rows:
        if row["sku"] == "HEMD-S":
            row["price"], row["stock"] = "17.25", "42"
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=HEADER.split(","))
    writer.writeheader()
    writer.writerows(rows)

    # when it is imported again
    response = seller_client.post(IMPORT, {"file": _upload(buffer.getvalue())})

    # then the listing is updated in place, nothing duplicated
    assert response.status_code == 200
    assert response.context["report"]["products_updated"] == 1
    assert 'data-testid="import-ok"' in response.content.decode()
    variant = Variant.objects.get(store=store, sku="HEMD-S")
    assert (variant.price_minor, variant.stock) == (1725, 42)
    assert Product.objects.filter(store=store).count() == 1


def test_large_file_runs_as_a_job_with_progress(
    seller_client, store, category, clock, monkeypatch, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    monkeypatch.setattr(csv_views, "INLINE_MAX_BYTES", 10)
    lines = [HEADER] + [
        f"new-{n},en,Cap {n},,{category.slug},,,,100,1,1,CAP-{n},,3.00,5" for n in range(30)
    ]

    response = seller_client.post(IMPORT, {"file": _upload("\n".join(lines))})
    job_url = response["Location"]
    waiting = seller_client.get(job_url, HTTP_HX_REQUEST="true").content.decode()
    import_products_csv_task.call_local(job_url.rstrip("/").rsplit("/", 1)[1])
    done = seller_client.get(job_url, HTTP_HX_REQUEST="true")

    assert job_url.startswith(IMPORT)
    assert '<progress id="import-progress"' in waiting and 'hx-trigger="every 1s"' in waiting
    assert done.context["report"]["products_created"] == 30
    assert "hx-trigger" not in done.content.decode()
    assert Product.objects.filter(store=store).count() == 30
    assert seller_client.get(job_url).status_code == 200


def test_another_seller_cannot_follow_a_job(
    client, seller_client, other_store, category, clock, monkeypatch, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    monkeypatch.setattr(csv_views, "INLINE_MAX_BYTES", 10)
    text = f"{HEADER}\nnew-1,en,Cap,,{category.slug},,,,100,1,1,CAP-1,,3.00,5"
    job_url = seller_client.post(IMPORT, {"file": _upload(text)})["Location"]

    client.force_login(other_store.seller.user)

    assert client.get(job_url).status_code == 404


def test_export_of_an_empty_store_has_just_the_header(seller_client, other_product):
    assert seller_client.get(EXPORT).content.decode().strip() == HEADER


def test_import_page_renders_the_form(seller_client, store, category, product):
    make_product(store=store, category=category)

    response = seller_client.get(IMPORT)

    assert response.status_code == 200
    assert 'type="file"' in response.content.decode()
