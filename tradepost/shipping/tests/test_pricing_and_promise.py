"""Which zone serves a destination, what a parcel costs, and when it arrives."""

import datetime as dt

import pytest

from tradepost.catalog.testing import make_category, make_product, make_seller_store
from tradepost.shipping import selectors, services, zones
from tradepost.shipping.models import Pricing, ServiceLevel, ShippingZone
from tradepost.shipping.promise import add_business_days, promise
from tradepost.shipping.testing import template

FRI = dt.date(2026, 12, 4)


@pytest.fixture
def store(db):
    return make_seller_store(country="CN", currency="CNY", name="Canton Parcels")


@pytest.fixture
def lamp(store):
    category = make_category(path=["home", "lamps"])
    product = make_product(
        store=store, category=category, titles={"en": "Desk lamp"},
        variants=[{"price_minor": 10000, "stock": 50}],
    )  # fmt: skip
    product.weight_g = 1200
    product.save(update_fields=["weight_g"])
    return product


def _zone(**fields):
    base = {"carrier": "yunexpress", "service": ServiceLevel.STANDARD, "first_minor": 1000}
    return {**base, **fields}


def _options(product, country, quantity=1, unit=10000):
    return selectors.product_options(
        product, unit_price_minor=unit, quantity=quantity, destination=country
    )


# --- zone precedence ---------------------------------------------------------------------------


def test_a_zone_naming_the_country_beats_its_group_and_the_world(store, lamp):
    template(store, zones=[
        _zone(groups=["WORLD"], first_minor=9000),
        _zone(groups=["EU"], first_minor=5000),
        _zone(countries=["FR"], first_minor=2000),
    ])  # fmt: skip

    assert [o.store_amount_minor for o in _options(lamp, "FR")] == [2000]
    assert [o.store_amount_minor for o in _options(lamp, "DE")] == [5000]
    assert [o.store_amount_minor for o in _options(lamp, "BR")] == [9000]


def test_the_smaller_group_wins_and_precedence_is_per_service(store, lamp):
    template(store, zones=[
        _zone(groups=["EUROPE"], first_minor=7000),
        _zone(groups=["EU"], first_minor=4000),
        _zone(countries=["FR"], first_minor=2000),
        _zone(groups=["EUROPE"], service=ServiceLevel.EXPRESS, carrier="dhl", first_minor=15000),
    ])  # fmt: skip

    by_service = {o.code: o.store_amount_minor for o in _options(lamp, "FR")}
    assert by_service == {"standard": 2000, "express": 15000}  # FR has no express zone of its own
    assert {o.code: o.store_amount_minor for o in _options(lamp, "NO")} == {
        "standard": 7000,
        "express": 15000,
    }


def test_an_excluded_or_uncovered_destination_gets_nothing(store, lamp):
    template(store, zones=[_zone(groups=["EU"]), _zone(countries=["US"])], excluded=["DE"])

    assert _options(lamp, "DE") == []  # excluded although the EU zone covers it
    assert _options(lamp, "BR") == []  # no zone covers it
    assert not selectors.ships_to(lamp, "BR")
    assert selectors.ships_to(lamp, "FR") and selectors.ships_to(lamp, "us")


def test_a_store_without_templates_ships_free_in_7_to_20_days(store, lamp):
    (option,) = _options(lamp, "BR")

    assert (option.store_amount_minor, option.days_min, option.days_max) == (0, 7, 20)
    assert option.ship_from == "CN"


# --- prices --------------------------------------------------------------------------------------


def test_per_item_by_weight_flat_and_free_from_an_amount(store, lamp):
    zone = ShippingZone(pricing=Pricing.PER_ITEM, first_minor=500, additional_minor=200)
    assert services.zone_cost(zone, items_minor=0, quantity=3, weight_g=0) == 900
    zone = ShippingZone(
        pricing=Pricing.BY_WEIGHT, first_minor=1000, additional_minor=300, weight_unit_g=500
    )
    assert services.zone_cost(zone, items_minor=0, quantity=1, weight_g=500) == 1000
    assert services.zone_cost(zone, items_minor=0, quantity=1, weight_g=501) == 1300
    assert services.zone_cost(zone, items_minor=0, quantity=1, weight_g=0) == 1000
    zone = ShippingZone(pricing=Pricing.FLAT, first_minor=800, free_over_minor=5000)
    assert services.zone_cost(zone, items_minor=4999, quantity=9, weight_g=9000) == 800
    assert services.zone_cost(zone, items_minor=5000, quantity=9, weight_g=9000) == 0


def test_a_parcel_mixing_two_templates_pays_each_and_takes_the_slowest(store, lamp):
    own = template(store, name="Heavy", is_default=False, zones=[
        _zone(groups=["WORLD"], pricing=Pricing.BY_WEIGHT, first_minor=2000,
              additional_minor=500, weight_unit_g=1000, transit_days_min=10,
              transit_days_max=25),
    ])  # fmt: skip
    template(store, zones=[
        _zone(groups=["WORLD"], first_minor=700, transit_days_min=5, transit_days_max=9),
        _zone(groups=["WORLD"], service=ServiceLevel.EXPRESS, carrier="dhl", first_minor=5000),
    ])  # fmt: skip
    lamp.shipping_template = own
    lamp.save(update_fields=["shipping_template"])
    templates = zones.templates_for_stores([store.id])[store.id]

    options = services.options_for_group(
        store=store,
        lines=[
            services.ParcelLine(template_id=own.id, quantity=2, weight_g=1200),  # 2.4 kg: 3 units
            services.ParcelLine(template_id=None, quantity=1, weight_g=100),  # the default
        ],
        destination="FR",
        store_items_minor=30000,
        templates=templates,
    )

    # Express is offered by the default template only: not for this parcel.
    assert [(o.code, o.store_amount_minor, o.days_min, o.days_max) for o in options] == [
        ("standard", 2000 + 2 * 500 + 700, 10, 25)
    ]


def test_options_are_listed_cheapest_first_and_the_choice_falls_back_to_the_cheapest(store, lamp):
    template(store, zones=[
        _zone(groups=["WORLD"], service=ServiceLevel.EXPRESS, carrier="dhl", first_minor=6000,
              transit_days_min=2, transit_days_max=4),
        _zone(groups=["WORLD"], service=ServiceLevel.ECONOMY, carrier="china-post",
              first_minor=300),
        _zone(groups=["WORLD"], first_minor=1500),
    ])  # fmt: skip
    options = _options(lamp, "FR")

    assert [o.code for o in options] == ["economy", "standard", "express"]
    assert [o.label for o in options][0] == "Economy · China Post"
    assert services.choose(options, "express").code == "express"
    assert services.choose(options, "teleport").code == "economy"
    assert services.fastest(options).code == "express"


# --- promise -------------------------------------------------------------------------------------


def test_business_days_skip_weekends():
    assert add_business_days(FRI, 1) == dt.date(2026, 12, 7)  # Monday
    assert add_business_days(FRI, 5) == dt.date(2026, 12, 11)
    assert add_business_days(dt.date(2026, 12, 5), 1) == dt.date(2026, 12, 8)  # from Saturday
    assert add_business_days(FRI, 0) == FRI


def test_a_promise_across_the_year_end():
    made = promise(today=dt.date(2026, 12, 24), processing_days=2, transit_min=3, transit_max=8)

    # Thu 24 Dec + 5 business days = Thu 31 Dec; + 10 = Thu 7 Jan 2027.
    assert (made.earliest, made.latest) == (dt.date(2026, 12, 31), dt.date(2027, 1, 7))
    assert not made.measured


def test_measured_transit_replaces_the_sellers_estimate():
    made = promise(today=FRI, processing_days=1, transit_min=3, transit_max=5, measured=(6, 11))

    assert (made.earliest, made.latest, made.measured) == (
        dt.date(2026, 12, 15),  # Fri 4 Dec + 7 business days
        dt.date(2026, 12, 22),  # + 12
        True,
    )
