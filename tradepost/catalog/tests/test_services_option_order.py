"""The services keep `Product.option_names`: a matrix declares the order, a lone variant appends."""

import pytest

from tradepost.catalog import services
from tradepost.catalog.errors import InvalidOptions, ProductNotFound
from tradepost.catalog.models import Product, Variant

pytestmark = pytest.mark.django_db


@pytest.fixture
def shirt(make_product, store, category, clock):
    """A listing whose seller declared Size before Colour."""
    product = make_product(store, category, title="Shirt", variants=False)
    services.generate_variants(
        store=store, product=product, options={"Size": ["S", "M"], "Colour": ["Blue", "Red"]},
        price_minor=1500, sku_prefix="SHIRT", now=clock.now(),
    )  # fmt: skip
    return product


def _order(product) -> list[str]:
    return Product.objects.get(pk=product.pk).option_names


def _variants(product) -> list[tuple]:
    return sorted(Variant.objects.filter(product=product).values_list("sku", "is_active"))


def test_a_matrix_keeps_the_order_its_names_were_given_in(shirt):
    assert _order(shirt) == ["Size", "Colour"]


def test_a_variant_added_later_appends_its_new_names_in_the_order_given(shirt, store, clock):
    services.add_variant(
        store=store, product=shirt, sku="SHIRT-XL",
        options={"Fit": "Slim", "Size": "XL", "Material": "Linen", "Colour": "Red"},
        price_minor=1900, now=clock.now(),
    )  # fmt: skip

    assert _order(shirt) == ["Size", "Colour", "Fit", "Material"]


def test_changing_a_variants_options_appends_a_new_name(shirt, store, clock):
    variant = shirt.variants.get(sku="SHIRT-S-BLUE")

    services.update_variant(
        store=store, variant=variant, options={"Sleeve": "Long", "Colour": "Blue", "Size": "S"},
        now=clock.now(),
    )  # fmt: skip

    assert _order(shirt) == ["Size", "Colour", "Sleeve"]


def test_a_variant_with_known_names_in_another_order_changes_nothing(shirt, store, clock):
    services.add_variant(
        store=store, product=shirt, sku="SHIRT-L-RED", options={"Colour": "Red", "Size": "L"},
        price_minor=1500, now=clock.now(),
    )  # fmt: skip

    assert _order(shirt) == ["Size", "Colour"]


def test_a_new_matrix_declares_the_order_again(shirt, store, clock):
    services.generate_variants(
        store=store, product=shirt, options={"Colour": ["Green"], "Size": ["S"]},
        price_minor=1500, sku_prefix="SHIRT", now=clock.now(),
    )  # fmt: skip

    assert _order(shirt) == ["Colour", "Size"]


def test_an_option_less_variant_leaves_the_order_empty(make_product, store, category, clock):
    product = make_product(store, category, variants=False)

    services.add_variant(store=store, product=product, sku="ONE", price_minor=900, now=clock.now())

    assert _order(product) == []


@pytest.mark.parametrize(
    "options",
    [{"Size": ["XL"], "size": ["XXL"]}, {"Size": ["XL"], " Size ": ["XXL"]}],
)
def test_the_same_name_twice_in_a_matrix_is_refused_and_nothing_changes(
    shirt, store, clock, options
):
    before = _variants(shirt)

    with pytest.raises(InvalidOptions) as raised:
        services.generate_variants(
            store=store, product=shirt, options=options, price_minor=100, now=clock.now()
        )

    assert raised.value.code == "invalid_options"
    assert "options" in raised.value.fields
    assert (_order(shirt), _variants(shirt)) == (["Size", "Colour"], before)


def test_the_same_name_twice_in_one_variant_is_refused_and_nothing_changes(shirt, store, clock):
    before = _variants(shirt)

    with pytest.raises(InvalidOptions) as raised:
        services.add_variant(
            store=store, product=shirt, sku="SHIRT-X", options={"Fit": "Slim", "fit": "Loose"},
            price_minor=1500, now=clock.now(),
        )  # fmt: skip

    assert raised.value.code == "invalid_options"
    assert (_order(shirt), _variants(shirt)) == (["Size", "Colour"], before)


def test_another_store_cannot_add_names_to_the_listing(shirt, other_store, clock):
    with pytest.raises(ProductNotFound):
        services.add_variant(
            store=other_store, product=shirt.public_id, sku="INTRUDER",
            options={"Fit": "Slim"}, price_minor=100, now=clock.now(),
        )  # fmt: skip

    assert _order(shirt) == ["Size", "Colour"]
    assert not Variant.objects.filter(sku="INTRUDER").exists()
