"""CSV import: every bad row is reported with its column and nothing is written; good files apply."""

import pytest

from tradepost.catalog import services
from tradepost.catalog.csv_io import COLUMNS, export_products_csv, import_products_csv
from tradepost.catalog.errors import InvalidCsv
from tradepost.catalog.models import Product, ProductTranslation, Variant
from tradepost.notifications.models import OutboxEvent

pytestmark = pytest.mark.django_db

HEADER = ",".join(COLUMNS)


def _csv(*rows: str, header: str = HEADER) -> bytes:
    return ("\r\n".join([header, *rows]) + "\r\n").encode("utf-8")


# product_ref,language,title,description,category,brand,hs_code,origin_country,weight_g,
# min_order_quantity,lot_size,sku,options,price,stock
GOOD = _csv(
    "tee,en,Cotton Tee,Soft cotton,t-shirts,Acme,6109.10,CN,180,2,1,TEE-R-S,Colour=Red;Size=S,12.50,5",
    "tee,en,Cotton Tee,Soft cotton,t-shirts,Acme,6109.10,CN,180,2,1,TEE-R-M,Colour=Red;Size=M,13,0",
    "tee,es,Camiseta,Algodón suave,,,,,,,,,,,",
    'mug,en,"Mug, large","A ""big"" mug",mugs,,,,350,,,MUG-1,,7.99,100',
)


def _errors(report):
    return [(error.row, error.column) for error in report.errors]


def _nothing_written():
    return (
        not Product.objects.exists()
        and not Variant.objects.exists()
        and not OutboxEvent.objects.exists()
    )


def test_good_file_creates_draft_products_variants_and_translations(
    store, category, other_category, clock
):
    progress = []

    report = import_products_csv(
        store=store, data=GOOD, progress=lambda done, total: progress.append((done, total)),
        now=clock.now(),
    )  # fmt: skip

    assert report.ok and report.code is None
    assert (report.rows_total, report.products_created, report.variants_created) == (4, 2, 3)
    tee = Product.objects.get(translations__title="Cotton Tee")
    assert (tee.status, tee.category, tee.brand, tee.hs_code, tee.origin_country.code) == (
        "draft", category, "Acme", "610910", "CN",
    )  # fmt: skip
    assert (tee.weight_g, tee.min_order_quantity, tee.original_language) == (180, 2, "en")
    assert tee.min_price_minor == 1250
    assert sorted(tee.variants.values_list("sku", "price_minor", "stock")) == [
        ("TEE-R-M", 1300, 0), ("TEE-R-S", 1250, 5),
    ]  # fmt: skip
    assert tee.variants.get(sku="TEE-R-S").options == {"Colour": "Red", "Size": "S"}
    assert ProductTranslation.objects.get(product=tee, language="es").title == "Camiseta"
    mug = Product.objects.get(category=other_category)
    assert mug.translations.get().description == 'A "big" mug'
    assert progress[0] == (0, 4) and progress[-1] == (4, 4)
    assert OutboxEvent.objects.filter(topic="product.created").count() == 2


def test_prices_use_the_store_currency_exponent(make_store, category, clock):
    yen = make_store("yen@example.com", currency="JPY")
    data = _csv(
        "a,en,Fan,,t-shirts,,,,,,,FAN-1,,1500,1",
        "b,en,Fan 2,,t-shirts,,,,,,,FAN-2,,12.5,1",
    )

    report = import_products_csv(store=yen, data=data, now=clock.now())

    assert _errors(report) == [(3, "price")]
    assert _nothing_written()
    ok = import_products_csv(
        store=yen, data=_csv("a,en,Fan,,t-shirts,,,,,,,FAN-1,,1500,1"), now=clock.now()
    )
    assert ok.ok
    assert Variant.objects.get(sku="FAN-1").price_minor == 1500


def test_wrong_header_columns_are_each_reported(store, category, clock):
    header = HEADER.replace(",price", ",colour").replace("stock", "stock,stock")

    report = import_products_csv(store=store, data=_csv(header=header), now=clock.now())

    assert report.code == "invalid_csv"
    assert sorted(_errors(report)) == [(1, "colour"), (1, "price"), (1, "stock")]
    assert _nothing_written()


@pytest.mark.parametrize(
    ("row", "column"),
    [
        ("x,en,T,,t-shirts,,,,,,,S1,,-5,1", "price"),
        ("x,en,T,,t-shirts,,,,,,,S1,,abc,1", "price"),
        ("x,en,T,,t-shirts,,,,,,,S1,,1.005,1", "price"),
        ("x,en,T,,t-shirts,,,,,,,S1,,,1", "price"),
        ("x,en,T,,t-shirts,,,,,,,S1,,0,1", "price"),
        ("x,en,T,,t-shirts,,,,,,,S1,,1,-2", "stock"),
        ("x,en,T,,t-shirts,,,,,,,S1,,1,1.5", "stock"),
        ("x,en,T,,no-such-category,,,,,,,S1,,1,1", "category"),
        ("x,en,T,,weapons,,,,,,,S1,,1,1", "category"),
        ("x,en,T,,,,,,,,,S1,,1,1", "category"),
        ("x,xx,T,,t-shirts,,,,,,,S1,,1,1", "language"),
        ("x,en,,,t-shirts,,,,,,,S1,,1,1", "title"),
        ("x,en,T,,t-shirts,,12ab,,,,,S1,,1,1", "hs_code"),
        ("x,en,T,,t-shirts,,,ZZ,,,,S1,,1,1", "origin_country"),
        ("x,en,T,,t-shirts,,,,,0,,S1,,1,1", "min_order_quantity"),
        ("x,en,T,,t-shirts,,,,,,,S1,Colour,1,1", "options"),
        ("x,en,T,,t-shirts,,,,,,,,,1,1", "sku"),
        ("x,en,T,,t-shirts,,,,,,,,,,", "sku"),  # a new product needs a variant
        (",en,T,,t-shirts,,,,,,,S1,,1,1", "product_ref"),
        ("x,en,T,,t-shirts,,,,,,,S1,,1", ""),  # too few cells
    ],
)
def test_each_bad_cell_is_reported_with_row_and_column_and_nothing_is_imported(
    store, category, prohibited_category, clock, row, column
):
    data = _csv("ok,en,Fine,,t-shirts,,,,,,,OK-1,,1,1", row)

    report = import_products_csv(store=store, data=data, now=clock.now())

    assert (3, column) in _errors(report)
    assert all(error.row == 3 for error in report.errors)
    assert all(error.reason for error in report.errors)
    assert _nothing_written()


def test_every_bad_row_is_listed_not_only_the_first(store, category, clock):
    data = _csv(
        "a,en,A,,t-shirts,,,,,,,A-1,,-1,1",
        "b,en,B,,t-shirts,,,,,,,B-1,,1,1",
        "c,en,C,,nowhere,,,,,,,C-1,,1,1",
        "d,en,D,,t-shirts,,,,,,,D-1,,x,y",
    )

    report = import_products_csv(store=store, data=data, now=clock.now())

    assert _errors(report) == [(2, "price"), (4, "category"), (5, "price"), (5, "stock")]
    assert _nothing_written()


def test_duplicate_sku_within_the_file_is_reported_on_the_later_row(store, category, clock):
    data = _csv("a,en,A,,t-shirts,,,,,,,SAME,,1,1", "b,en,B,,t-shirts,,,,,,,SAME,,1,1")

    report = import_products_csv(store=store, data=data, now=clock.now())

    assert _errors(report) == [(3, "sku")]
    assert "2" in report.errors[0].reason
    assert _nothing_written()


def test_sku_of_another_product_of_the_store_is_refused(draft, store, category, clock):
    taken = draft.variants.first().sku
    before = Variant.objects.count()

    report = import_products_csv(
        store=store, data=_csv(f"new,en,New,,t-shirts,,,,,,,{taken},,1,1"), now=clock.now()
    )

    assert _errors(report) == [(2, "sku")]
    assert Variant.objects.count() == before


def test_another_stores_sku_is_no_clash(draft, other_store, category, clock):
    taken = draft.variants.first().sku

    report = import_products_csv(
        store=other_store, data=_csv(f"new,en,Neu,,t-shirts,,,,,,,{taken},,1,1"), now=clock.now()
    )

    assert report.ok


def test_same_options_twice_in_a_product_are_refused(store, category, clock):
    data = _csv("a,en,A,,t-shirts,,,,,,,A-1,Size=M,1,1", "a,en,A,,t-shirts,,,,,,,A-2,size=m,1,1")

    report = import_products_csv(store=store, data=data, now=clock.now())

    assert _errors(report) == [(3, "options")]


def test_rows_of_one_product_must_agree_on_product_columns(store, category, other_category, clock):
    data = _csv("a,en,A,,t-shirts,,,,,,,A-1,Size=S,1,1", "a,en,A,,mugs,,,,,,,A-2,Size=M,1,1")

    report = import_products_csv(store=store, data=data, now=clock.now())

    assert _errors(report) == [(3, "category")]


def test_broken_encoding_is_reported_with_its_line(store, category, clock):
    data = _csv(
        "a,en,Plain,,t-shirts,,,,,,,A-1,,1,1"
    ) + "b,en,Café,,t-shirts,,,,,,,B-1,,1,1\r\n".encode("latin-1")

    report = import_products_csv(store=store, data=data, now=clock.now())

    assert _errors(report) == [(3, "")]
    assert "UTF-8" in report.errors[0].reason
    assert _nothing_written()


def test_utf8_with_bom_and_non_latin_text_is_fine(store, category, clock):
    data = "\ufeff".encode() + _csv("a,ko,면 티셔츠,,t-shirts,,,,,,,A-1,색상=빨강,1,1")

    report = import_products_csv(store=store, data=data, now=clock.now())

    assert report.ok
    assert Product.objects.get().original_language == "ko"
    assert Variant.objects.get().options == {"색상": "빨강"}


def test_empty_file_and_binary_garbage_are_reported(store, clock):
    assert _errors(import_products_csv(store=store, data=b"", now=clock.now())) != []
    garbage = import_products_csv(store=store, data=b"\x89PNG\r\n\x1a\n\x00\x00", now=clock.now())
    assert not garbage.ok
    assert _nothing_written()


def test_dry_run_checks_without_writing(store, category, other_category, clock):
    report = import_products_csv(store=store, data=GOOD, dry_run=True, now=clock.now())

    assert report.ok and report.dry_run
    assert _nothing_written()


def test_report_can_be_raised_as_the_invalid_csv_domain_error(store, category, clock):
    report = import_products_csv(
        store=store, data=_csv("a,en,A,,t-shirts,,,,,,,A-1,,-1,1"), now=clock.now()
    )

    with pytest.raises(InvalidCsv) as raised:
        report.raise_if_invalid()

    assert (raised.value.code, raised.value.http_status) == ("invalid_csv", 422)
    assert raised.value.fields == {"row 2": [f"price: {report.errors[0].reason}"]}
    assert report.as_dict()["errors"] == [
        {"row": 2, "column": "price", "reason": report.errors[0].reason}
    ]


def test_existing_product_is_updated_by_its_ref_and_sku(draft, store, category, clock):
    red = draft.variants.get(options={"Colour": "Red"})
    data = _csv(
        f"{draft.public_id},en,Cotton T-shirt,Soft cotton.,t-shirts,,,,,,,{red.sku},Colour=Red,9.00,3"
    )

    report = import_products_csv(store=store, data=data, now=clock.now())

    assert (report.products_updated, report.variants_updated, report.variants_created) == (1, 1, 0)
    red.refresh_from_db()
    assert (red.price_minor, red.stock) == (900, 3)
    draft.refresh_from_db()
    assert draft.min_price_minor == 900
    assert draft.variants.count() == 2  # the blue one, absent from the file, is kept


def test_another_stores_product_ref_is_just_a_new_product(draft, other_store, category, clock):
    report = import_products_csv(
        store=other_store,
        data=_csv(f"{draft.public_id},de,Hemd,,t-shirts,,,,,,,H-1,,1,1"),
        now=clock.now(),
    )

    assert (report.products_created, report.products_updated) == (1, 0)
    draft.refresh_from_db()
    assert draft.translations.count() == 1 and draft.variants.count() == 2


def test_the_order_of_the_options_cells_becomes_the_listing_order(store, category, clock):
    data = _csv(
        "tee,en,Tee,,t-shirts,,,,,,,TEE-M-B,Size=M;Colour=Blue,12,1",
        "tee,en,Tee,,t-shirts,,,,,,,TEE-L-B,Size=L;Colour=Blue;Fit=Slim,12,1",
    )

    report = import_products_csv(store=store, data=data, now=clock.now())

    assert report.ok, report.errors
    assert Product.objects.get(store=store).option_names == ["Size", "Colour", "Fit"]


def test_a_file_with_the_cells_in_another_order_reorders_the_listing(draft, store, clock):
    services.generate_variants(
        store=store, product=draft, options={"Colour": ["Red"], "Size": ["S", "M"]},
        price_minor=1500, sku_prefix="TEE", now=clock.now(),
    )  # fmt: skip
    ref = draft.public_id

    report = import_products_csv(
        store=store, now=clock.now(),
        data=_csv(f"{ref},en,Cotton T-shirt,,,,,,,,,TEE-RED-S,Size=S;Colour=Red,15,10"),
    )  # fmt: skip

    assert report.ok, report.errors
    assert Product.objects.get(pk=draft.pk).option_names == ["Size", "Colour"]
    exported = export_products_csv(store=store)
    assert "Size=M;Colour=Red" in exported and "Colour=Red;Size=M" not in exported


def test_translation_rows_alone_keep_the_option_order(draft, store, clock):
    services.generate_variants(
        store=store, product=draft, options={"Size": ["S"], "Colour": ["Red"]},
        price_minor=1500, sku_prefix="TEE", now=clock.now(),
    )  # fmt: skip

    report = import_products_csv(
        store=store, now=clock.now(), data=_csv(f"{draft.public_id},fr,T-shirt,,,,,,,,,,,,"),
    )  # fmt: skip

    assert report.ok, report.errors
    assert Product.objects.get(pk=draft.pk).option_names == ["Size", "Colour"]
