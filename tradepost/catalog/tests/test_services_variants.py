"""Variants: the option matrix, SKUs, prices, wholesale tiers, bulk stock and price."""

import pytest

from tradepost.catalog import services
from tradepost.catalog.errors import (
    DuplicateSku,
    InvalidBulkUpdate,
    InvalidOptions,
    InvalidPrice,
    InvalidTier,
    ProductIncomplete,
)
from tradepost.catalog.models import Variant, WholesaleTier

pytestmark = pytest.mark.django_db


@pytest.fixture
def bare(make_product, store, category):
    return make_product(store, category, title="Hoodie", variants=False)


def _skus(product):
    return sorted(product.variants.values_list("sku", flat=True))


def test_two_colours_and_two_sizes_give_four_unique_skus(bare, store, clock):
    created = services.generate_variants(
        store=store, product=bare, options={"Colour": ["Red", "Blue"], "Size": ["S", "M"]},
        price_minor=2500, stock=7, sku_prefix="hood", now=clock.now(),
    )  # fmt: skip

    assert len(created) == 4
    assert _skus(bare) == ["HOOD-BLUE-M", "HOOD-BLUE-S", "HOOD-RED-M", "HOOD-RED-S"]
    combos = {tuple(sorted(v.options.items())) for v in bare.variants.all()}
    assert len(combos) == 4
    assert set(bare.variants.values_list("price_minor", "stock")) == {(2500, 7)}
    bare.refresh_from_db()
    assert bare.min_price_minor == 2500


def test_generating_again_adds_only_missing_combinations_and_keeps_skus_unique(
    bare, store, make_product, category, clock
):
    services.generate_variants(
        store=store, product=bare, options={"Colour": ["Red"]}, price_minor=100,
        sku_prefix="X", now=clock.now(),
    )  # fmt: skip
    # another product of the store already holds the SKU the next one would get
    other = make_product(store, category, title="Cap", variants=False)
    services.add_variant(store=store, product=other, sku="X-BLUE", price_minor=100, now=clock.now())

    created = services.generate_variants(
        store=store, product=bare, options={"Colour": ["Red", "Blue"]}, price_minor=100,
        sku_prefix="X", now=clock.now(),
    )  # fmt: skip

    assert [v.sku for v in created] == ["X-BLUE-2"]
    assert _skus(bare) == ["X-BLUE-2", "X-RED"]


def test_values_without_latin_letters_get_numbered_sku_parts(bare, store, clock):
    services.generate_variants(
        store=store, product=bare, options={"색상": ["빨강", "파랑"]}, price_minor=100,
        sku_prefix="K", now=clock.now(),
    )  # fmt: skip

    assert _skus(bare) == ["K-1", "K-2"]


def test_a_matrix_replaces_an_option_less_default_variant(bare, store, clock):
    services.add_variant(store=store, product=bare, sku="ONE", price_minor=900, now=clock.now())

    services.generate_variants(
        store=store, product=bare, options={"Size": ["S", "M"]}, price_minor=1200, now=clock.now()
    )

    assert list(bare.variants.filter(is_active=True).values_list("options", flat=True)) == [
        {"Size": "S"}, {"Size": "M"},
    ]  # fmt: skip
    bare.refresh_from_db()
    assert bare.min_price_minor == 1200  # the deactivated 900 no longer counts


@pytest.mark.parametrize(
    "options",
    [
        {"Colour": []},
        {"Colour": "Red"},
        {"Colour": ["Red", "red"]},
        {"Col=our": ["Red"]},
        {"Colour": ["Red;Blue"]},
        {"Colour": ["Red"], "colour": ["Blue"]},
    ],
)
def test_bad_option_matrices_are_refused(bare, store, clock, options):
    with pytest.raises(InvalidOptions):
        services.generate_variants(
            store=store, product=bare, options=options, price_minor=100, now=clock.now()
        )

    assert not bare.variants.exists()


@pytest.mark.parametrize("price", [0, -5, 1.5, "10", None, True])
def test_bad_prices_are_refused(bare, store, clock, price):
    with pytest.raises(InvalidPrice) as raised:
        services.generate_variants(
            store=store, product=bare, options={"Colour": ["Red"]}, price_minor=price,
            now=clock.now(),
        )  # fmt: skip

    assert raised.value.code == "invalid_price"
    assert not bare.variants.exists()


def test_duplicate_sku_within_the_store_is_refused(draft, make_product, store, category, clock):
    taken = draft.variants.first().sku
    other = make_product(store, category, title="Mug", variants=False)

    with pytest.raises(DuplicateSku) as raised:
        services.add_variant(
            store=store, product=other, sku=taken, price_minor=100, now=clock.now()
        )
    with pytest.raises(DuplicateSku):
        services.update_variant(
            store=store, variant=draft.variants.last(), sku=taken, now=clock.now()
        )

    assert (raised.value.code, raised.value.http_status) == ("duplicate_sku", 409)
    assert not other.variants.exists()


def test_another_store_may_use_the_same_sku(draft, make_product, other_store, category, clock):
    theirs = make_product(other_store, category, variants=False)

    variant = services.add_variant(
        store=other_store, product=theirs, sku=draft.variants.first().sku, price_minor=100,
        now=clock.now(),
    )  # fmt: skip

    assert variant.pk


def test_min_price_follows_variant_prices_and_activity(draft, store, clock):
    red, blue = draft.variants.order_by("sku")

    services.update_variant(store=store, variant=red, price_minor=900, now=clock.now())
    draft.refresh_from_db()
    assert draft.min_price_minor == 900

    services.update_variant(store=store, variant=red, is_active=False, now=clock.now())
    draft.refresh_from_db()
    assert draft.min_price_minor == 1500


def test_the_last_active_variant_of_a_published_listing_cannot_be_deactivated(active, store, clock):
    first, last = active.variants.all()
    services.update_variant(store=store, variant=first, is_active=False, now=clock.now())

    with pytest.raises(ProductIncomplete):
        services.update_variant(store=store, variant=last, is_active=False, now=clock.now())

    last.refresh_from_db()
    assert last.is_active is True


def test_tiers_are_stored_in_quantity_order(draft, store, clock):
    variant = draft.variants.first()  # price 1500

    services.set_wholesale_tiers(
        store=store, variant=variant, tiers=[(10, 1400), (50, 1200)], now=clock.now()
    )

    assert list(variant.tiers.values_list("min_quantity", "unit_price_minor")) == [
        (10, 1400), (50, 1200),
    ]  # fmt: skip


@pytest.mark.parametrize(
    "tiers",
    [
        [(1, 1000)],  # from 2 units up
        [(10, 1500)],  # not below the base price
        [(10, 1600)],
        [(10, 1400), (10, 1300)],  # quantities must rise
        [(50, 1400), (10, 1300)],
        [(10, 1200), (50, 1300)],  # prices must fall
        [(10, 0)],
        [(10, -1)],
        [(10,)],
        [(10, 1400.5)],
        "10:1400",
        [(n, 1400 - n) for n in range(2, 14)],  # too many
    ],
)
def test_bad_tiers_are_refused_and_old_ones_kept(draft, store, clock, tiers):
    variant = draft.variants.first()
    services.set_wholesale_tiers(store=store, variant=variant, tiers=[(5, 1000)], now=clock.now())

    with pytest.raises(InvalidTier) as raised:
        services.set_wholesale_tiers(store=store, variant=variant, tiers=tiers, now=clock.now())

    assert raised.value.code == "invalid_tier"
    assert list(variant.tiers.values_list("min_quantity", "unit_price_minor")) == [(5, 1000)]


def test_price_cannot_drop_to_or_below_a_tier_price(draft, store, clock):
    variant = draft.variants.first()
    services.set_wholesale_tiers(store=store, variant=variant, tiers=[(5, 1000)], now=clock.now())

    with pytest.raises(InvalidTier):
        services.update_variant(store=store, variant=variant, price_minor=1000, now=clock.now())

    variant.refresh_from_db()
    assert variant.price_minor == 1500


def test_empty_tier_list_clears_the_tiers(draft, store, clock):
    variant = draft.variants.first()
    services.set_wholesale_tiers(store=store, variant=variant, tiers=[(5, 1000)], now=clock.now())

    services.set_wholesale_tiers(store=store, variant=variant, tiers=[], now=clock.now())

    assert not WholesaleTier.objects.exists()


def test_bulk_update_applies_every_line(draft, store, clock):
    red, blue = (v.sku for v in draft.variants.order_by("sku"))

    services.bulk_update_stock_and_price(
        store=store,
        updates=[{"sku": red, "stock": 0}, {"sku": blue, "stock": 3, "price_minor": 800}],
        now=clock.now(),
    )

    assert dict(Variant.objects.values_list("sku", "stock")) == {red: 0, blue: 3}
    assert Variant.objects.get(sku=blue).price_minor == 800
    draft.refresh_from_db()
    assert draft.min_price_minor == 800


@pytest.mark.parametrize(
    ("bad_line", "field"),
    [
        ({"sku": "NOPE", "stock": 1}, "updates.1.sku"),
        ({"sku": "FIRST", "stock": -1}, "updates.1.stock"),
        ({"sku": "FIRST", "price_minor": 0}, "updates.1.price_minor"),
        ({"sku": "FIRST"}, "updates.1"),
        ({"sku": "SECOND", "stock": 2}, "updates.1.sku"),  # the same SKU twice
    ],
)
def test_bulk_update_is_all_or_nothing(draft, store, clock, bad_line, field):
    first, second = (v.sku for v in draft.variants.order_by("sku"))
    bad_line = {
        **bad_line,
        "sku": {"FIRST": first, "SECOND": first}.get(bad_line["sku"], bad_line["sku"]),
    }

    with pytest.raises(InvalidBulkUpdate) as raised:
        services.bulk_update_stock_and_price(
            store=store, updates=[{"sku": first, "stock": 99}, bad_line], now=clock.now()
        )

    assert raised.value.code == "invalid_bulk_update"
    assert field in raised.value.fields
    assert set(Variant.objects.values_list("stock", flat=True)) == {10}
