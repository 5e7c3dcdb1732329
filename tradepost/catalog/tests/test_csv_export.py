"""CSV export, and export → import round trips."""

import csv
import io

import pytest

from tradepost.catalog import services
from tradepost.catalog.csv_io import COLUMNS, export_products_csv, import_products_csv
from tradepost.catalog.models import Product

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue(make_product, store, category, other_category, clock):
    """Two listings: a tee with two colours and a Korean translation, a mug with a formula-like title."""
    tee = make_product(store, category, title="Cotton T-shirt", brand="Acme", hs_code="610910")
    services.set_product_translation(
        store=store,
        product=tee,
        language="ko",
        title="면 티셔츠",
        description="부드러운",
        now=clock.now(),
    )
    mug = make_product(store, other_category, title="=1+1 mug", variants=False, weight_g=350)
    services.add_variant(
        store=store, product=mug, sku="-MUG", options={"Size": "L"}, price_minor=799,
        stock=4, now=clock.now(),
    )  # fmt: skip
    services.remove_product(
        store=store, product=make_product(store, category, title="Gone"), now=clock.now()
    )
    return tee, mug


def _rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def _content(store):
    """Everything a CSV carries about a store's listings, without ids."""
    result = []
    for product in (
        Product.objects.filter(store=store).exclude(status="removed").order_by("created_at", "id")
    ):
        result.append((
            product.category.slug, product.brand, product.hs_code, product.weight_g,
            product.min_order_quantity, product.lot_size, product.min_price_minor,
            sorted(product.translations.values_list("language", "title", "description")),
            sorted((v.sku, tuple(sorted(v.options.items())), v.price_minor, v.stock)
                   for v in product.variants.filter(is_active=True)),
        ))  # fmt: skip
    return result


def test_export_has_one_row_per_variant_plus_translation_rows(catalogue, store):
    tee, mug = catalogue

    rows = _rows(export_products_csv(store=store))

    assert list(rows[0]) == list(COLUMNS)
    by_ref = {}
    for row in rows:
        by_ref.setdefault(row["product_ref"], []).append(row)
    assert set(by_ref) == {tee.public_id, mug.public_id}  # the removed one is left out
    tee_rows = by_ref[tee.public_id]
    assert [(r["language"], r["sku"] != "", r["options"]) for r in tee_rows] == [
        ("en", True, "Colour=Red"), ("en", True, "Colour=Blue"), ("ko", False, ""),
    ]  # fmt: skip
    assert {r["price"] for r in tee_rows if r["sku"]} == {"15.00"}
    assert tee_rows[0]["category"] == "t-shirts" and tee_rows[0]["hs_code"] == "610910"


def test_cells_that_spreadsheets_would_run_as_formulas_are_escaped(catalogue, store):
    rows = _rows(export_products_csv(store=store))

    mug_row = next(r for r in rows if r["sku"].endswith("MUG"))
    assert (mug_row["title"], mug_row["sku"]) == ("'=1+1 mug", "'-MUG")


def test_export_then_import_into_the_same_store_changes_nothing(catalogue, store, clock):
    before = _content(store)
    exported = export_products_csv(store=store)

    report = import_products_csv(store=store, data=exported.encode(), now=clock.now())

    assert report.ok, report.errors
    assert (report.products_created, report.products_updated, report.variants_created) == (0, 2, 0)
    assert _content(store) == before
    assert export_products_csv(store=store) == exported


def test_export_then_import_into_another_store_copies_the_listings(
    catalogue, store, other_store, clock
):
    report = import_products_csv(
        store=other_store, data=export_products_csv(store=store).encode(), now=clock.now()
    )

    assert report.ok, report.errors
    assert report.products_created == 2
    assert _content(other_store) == _content(store)
    assert set(Product.objects.filter(store=other_store).values_list("status", flat=True)) == {
        "draft"
    }


def test_export_of_another_store_shows_nothing_of_this_one(catalogue, other_store):
    assert _rows(export_products_csv(store=other_store)) == []


def _shirt(make_product, store, category, clock, matrix):
    product = make_product(store, category, title="Shirt", variants=False)
    services.generate_variants(
        store=store, product=product, options=matrix, price_minor=1500, sku_prefix="SHIRT",
        now=clock.now(),
    )  # fmt: skip
    return product


@pytest.mark.parametrize(
    ("matrix", "cells"),
    [
        ({"Size": ["M", "L"], "Colour": ["Blue"]}, ["Size=M;Colour=Blue", "Size=L;Colour=Blue"]),
        ({"Colour": ["Blue"], "Size": ["M", "L"]}, ["Colour=Blue;Size=M", "Colour=Blue;Size=L"]),
    ],
)
def test_options_are_written_in_the_order_the_seller_gave_them(
    make_product, store, category, clock, matrix, cells
):
    _shirt(make_product, store, category, clock, matrix)

    rows = _rows(export_products_csv(store=store))

    assert [row["options"] for row in rows if row["sku"]] == cells


def test_round_trip_into_another_store_keeps_the_option_order(
    make_product, store, other_store, category, clock
):
    matrix = {"Size": ["M", "L"], "Colour": ["Blue", "Red"]}
    _shirt(make_product, store, category, clock, matrix)
    exported = export_products_csv(store=store)

    report = import_products_csv(store=other_store, data=exported.encode(), now=clock.now())

    assert report.ok, report.errors
    copy = Product.objects.get(store=other_store)
    assert copy.option_names == ["Size", "Colour"]
    copied = _rows(export_products_csv(store=other_store))
    assert [r["options"] for r in copied] == [r["options"] for r in _rows(exported)]
    assert copied[0]["options"] == "Size=M;Colour=Blue"
