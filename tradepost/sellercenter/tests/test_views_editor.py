"""The product editor: new listing, details, texts per language, variants, tiers, publishing."""

import pytest

from tradepost.catalog.models import Product, ProductTranslation, Variant, WholesaleTier
from tradepost.catalog.testing import make_category, make_product

pytestmark = pytest.mark.django_db

NEW = "/en/seller/products/new/"


def _edit(product) -> str:
    return f"/en/seller/products/{product.public_id}/"


def _variant_data(product, **changes) -> dict:
    """The variant table as the page posts it, with `changes` {sku: {field: value}}."""
    data = {}
    for variant in product.variants.all():
        row = {"sku": variant.sku, "price": str(variant.price_minor / 100),
               "stock": variant.stock, "is_active": "on" if variant.is_active else ""}  # fmt: skip
        row.update(changes.get(variant.sku, {}))
        data.update({f"{variant.public_id}-{k}": v for k, v in row.items() if v != ""})
    return data


def test_creates_a_draft_with_its_text_and_details(seller_client, store, category, clock):
    response = seller_client.post(NEW, {
        "language": "de", "title": "Leinenhemd", "description": "Aus Leinen.",
        "category": category.pk, "brand": "Muster", "attributes": "Material: Leinen",
        "hs_code": "6205.90", "origin_country": "PT", "weight_g": 220, "length_mm": 300,
        "width_mm": 200, "height_mm": 20, "min_order_quantity": 2, "lot_size": 1,
    })  # fmt: skip

    product = Product.objects.get(store=store)
    assert response["Location"] == _edit(product)
    assert (product.status, product.brand, product.hs_code, product.attributes) == (
        "draft", "Muster", "620590", {"Material": "Leinen"},
    )  # fmt: skip
    assert (product.original_language, product.min_order_quantity) == ("de", 2)
    assert product.translations.get().title == "Leinenhemd"


def test_new_listing_without_title_or_category_shows_errors(seller_client, store):
    response = seller_client.post(NEW, {"language": "de", "weight_g": 0, "length_mm": 0,
                                        "width_mm": 0, "height_mm": 0,
                                        "min_order_quantity": 1, "lot_size": 1})  # fmt: skip

    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"title", "category"}
    assert not Product.objects.filter(store=store).exists()


def test_details_with_a_bad_hs_code_is_a_form_error(seller_client, product, category):
    response = seller_client.post(_edit(product), {
        "category": category.pk, "hs_code": "12", "weight_g": 0, "length_mm": 0, "width_mm": 0,
        "height_mm": 0, "min_order_quantity": 1, "lot_size": 1,
    })  # fmt: skip

    assert response.status_code == 200
    assert "An HS code has 6 to 12 digits." in response.content.decode()


def test_editor_shows_language_tabs_and_saves_a_translation(seller_client, product, clock):
    page = seller_client.get(_edit(product), {"lang": "ja"}).content.decode()
    assert '?lang=ja#texts" lang="ja" aria-current="page"' in page

    response = seller_client.post(
        f"{_edit(product)}text/ja/", {"text-title": "シャツ", "text-description": "綿"}
    )

    assert response["Location"] == f"{_edit(product)}?lang=ja#texts"
    assert ProductTranslation.objects.get(product=product, language="ja").title == "シャツ"


def test_options_generate_the_variant_matrix(seller_client, store, category, clock):
    product = make_product(store=store, category=category, status="draft", variants=[{}])

    response = seller_client.post(f"{_edit(product)}options/", {
        "opt-options": "Colour: Red, Blue\nSize: S, M", "opt-price": "12.50", "opt-stock": 5,
        "opt-sku_prefix": "TEE",
    })  # fmt: skip

    assert response.status_code == 302
    active = product.variants.filter(is_active=True)
    assert sorted(active.values_list("sku", flat=True)) == [
        "TEE-BLUE-M", "TEE-BLUE-S", "TEE-RED-M", "TEE-RED-S",
    ]  # fmt: skip
    assert set(active.values_list("price_minor", flat=True)) == {1250}


@pytest.mark.parametrize(
    ("typed", "label"),
    [("Size: M, L\nColour: Blue, Red", "M / Blue"), ("Colour: Blue, Red\nSize: M, L", "Blue / M")],
)
def test_variants_are_labelled_in_the_order_the_options_were_typed(
    seller_client, store, category, typed, label
):
    product = make_product(store=store, category=category, status="draft", variants=[{}])
    seller_client.post(f"{_edit(product)}options/", {
        "opt-options": typed, "opt-price": "12.50", "opt-stock": 5, "opt-sku_prefix": "TEE",
    })  # fmt: skip

    page = seller_client.get(_edit(product)).content.decode()

    assert f'<th scope="row">{label}</th>' in page  # the variant table
    assert f"Price of {label}</label>" in page
    assert f"({label})</option>" in page  # "Picture of the variant"


def test_options_in_the_wrong_shape_are_a_form_error(seller_client, product):
    response = seller_client.post(
        f"{_edit(product)}options/", {"opt-options": "Colour Red", "opt-price": "1", "opt-stock": 0}
    )

    assert "write it as “Name: value”" in response.content.decode()


def test_variant_table_saves_prices_in_minor_units(seller_client, product, clock):
    response = seller_client.post(
        f"{_edit(product)}variants/",
        _variant_data(product, **{"HEMD-S": {"price": "19.99", "stock": 3, "sku": "H-S"}}),
    )

    assert response.status_code == 302
    variant = product.variants.get(sku="H-S")
    assert (variant.price_minor, variant.stock) == (1999, 3)
    product.refresh_from_db()
    assert product.min_price_minor == 1600


def test_yen_prices_have_no_decimals(client, seller_factory, category, clock):
    seller = seller_factory("verified")
    store = seller.store
    store.settlement_currency = "JPY"
    store.save()
    product = make_product(store=store, category=category, status="draft",
                           variants=[{"sku": "Y-1", "price_minor": 1500}])  # fmt: skip
    client.force_login(seller.user)
    variant = product.variants.get()

    client.post(f"{_edit(product)}variants/", {
        f"{variant.public_id}-sku": "Y-1", f"{variant.public_id}-price": "2980",
        f"{variant.public_id}-stock": 1, f"{variant.public_id}-is_active": "on",
    })  # fmt: skip

    variant.refresh_from_db()
    assert variant.price_minor == 2980


def test_negative_price_is_refused_and_nothing_changes(seller_client, product, clock):
    response = seller_client.post(
        f"{_edit(product)}variants/",
        _variant_data(product, **{"HEMD-S": {"stock": 9}, "HEMD-M": {"price": "-5"}}),
    )

    assert response.status_code == 200
    assert "The price must be a positive amount." in response.content.decode()
    assert dict(product.variants.values_list("sku", "stock")) == {"HEMD-S": 10, "HEMD-M": 10}
    assert product.variants.get(sku="HEMD-M").price_minor == 1600


def test_duplicate_sku_is_refused_and_nothing_changes(seller_client, product, clock):
    response = seller_client.post(
        f"{_edit(product)}variants/",
        _variant_data(product, **{"HEMD-S": {"stock": 4}, "HEMD-M": {"sku": "HEMD-S"}}),
    )

    assert response.status_code == 200
    assert "This SKU is already used" in response.content.decode()
    assert sorted(Variant.objects.filter(product=product).values_list("sku", "stock")) == [
        ("HEMD-M", 10), ("HEMD-S", 10),
    ]  # fmt: skip


def test_wholesale_tiers_are_saved_per_variant(seller_client, product, clock):
    variant = product.variants.get(sku="HEMD-S")
    prefix = f"t-{variant.public_id}"

    response = seller_client.post(
        f"{_edit(product)}variants/{variant.public_id}/tiers/",
        {f"{prefix}-quantity_1": 10, f"{prefix}-price_1": "13.00",
         f"{prefix}-quantity_2": 50, f"{prefix}-price_2": "11.50"},
    )  # fmt: skip

    assert response.status_code == 302
    assert list(variant.tiers.values_list("min_quantity", "unit_price_minor")) == [
        (10, 1300), (50, 1150),
    ]  # fmt: skip


def test_tier_dearer_than_the_variant_is_refused(seller_client, product, clock):
    variant = product.variants.get(sku="HEMD-S")
    prefix = f"t-{variant.public_id}"

    response = seller_client.post(
        f"{_edit(product)}variants/{variant.public_id}/tiers/",
        {f"{prefix}-quantity_1": 10, f"{prefix}-price_1": "99.00"},
    )

    assert response.status_code == 200
    assert "Wholesale tiers need" in response.content.decode()
    assert not WholesaleTier.objects.filter(variant=variant).exists()


def test_publishes_a_complete_draft(seller_client, product, clock):
    response = seller_client.post(f"{_edit(product)}publish/", follow=True)

    product.refresh_from_db()
    assert product.status == "active"
    assert "Published" in response.content.decode()


def test_unverified_seller_sees_why_they_cannot_publish(client, seller_factory, category, clock):
    submitted = seller_factory("submitted")
    draft = make_product(store=submitted.store, category=category, status="draft")
    client.force_login(submitted.user)

    page = client.get(_edit(draft)).content.decode()
    response = client.post(f"{_edit(draft)}publish/", follow=True)

    assert "Only verified sellers can publish listings." in page
    assert response.status_code == 200
    assert "Only verified sellers can publish listings." in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == "draft"


def test_restricted_category_needs_a_certificate_then_goes_to_review(
    seller_client, store, clock, png_bytes
):
    toys = make_category(path=["toys", "electric-toys"], restricted=True)
    draft = make_product(store=store, category=toys, status="draft")

    refused = seller_client.post(f"{_edit(draft)}publish/", follow=True).content.decode()
    assert "need a certification document" in refused
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("ce.png", png_bytes, content_type="image/png")
    seller_client.post(
        f"{_edit(draft)}certificates/", {"cert-document": upload, "cert-description": "CE"}
    )
    seller_client.post(f"{_edit(draft)}publish/")

    draft.refresh_from_db()
    assert (draft.status, draft.certificates.count()) == ("pending_review", 1)
