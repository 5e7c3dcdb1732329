"""Taking and returning flash-deal units; which deals are running."""

import datetime as dt

import pytest

from tradepost.catalog.testing import make_variant
from tradepost.promotions.errors import InvalidFlashDeal
from tradepost.promotions.models import FlashDeal
from tradepost.promotions.services import active_deals, return_deal_units, take_deal_units
from tradepost.promotions.testing import make_deal

pytestmark = pytest.mark.django_db


def _sold(deal) -> int:
    return FlashDeal.objects.get(pk=deal.pk).sold


def test_take_until_sold_out(clock, variant):
    deal = make_deal(variant, quantity=3)

    assert take_deal_units(deal_id=deal.pk, quantity=2, now=clock.now()) is True
    assert take_deal_units(deal_id=deal.pk, quantity=2, now=clock.now()) is False
    assert take_deal_units(deal_id=deal.pk, quantity=1, now=clock.now()) is True
    assert _sold(deal) == 3


@pytest.mark.parametrize(
    "state",
    [
        pytest.param({"is_cancelled": True}, id="cancelled"),
        pytest.param({"ends_at": -1}, id="ended"),
        pytest.param({"starts_at": 60}, id="not-started"),
        pytest.param({"max_per_order": 1}, id="over-the-per-order-cap"),
    ],
)
def test_no_units_from_a_deal_that_is_not_running(clock, variant, state):
    now = clock.now()
    fields = dict(state)
    if "ends_at" in fields:
        fields = {"starts_at": now - dt.timedelta(hours=1), "ends_at": now}
    elif "starts_at" in fields:
        fields = {"starts_at": now + dt.timedelta(minutes=1)}
    deal = make_deal(variant, quantity=5, **fields)

    assert take_deal_units(deal_id=deal.pk, quantity=2, now=now) is False
    assert _sold(deal) == 0


def test_bad_quantity_is_refused(clock, variant):
    deal = make_deal(variant)

    for quantity in (0, -1, True):
        with pytest.raises(InvalidFlashDeal):
            take_deal_units(deal_id=deal.pk, quantity=quantity, now=clock.now())


def test_return_never_goes_below_zero(clock, variant):
    deal = make_deal(variant, quantity=5, sold=2)

    return_deal_units(deal_id=deal.pk, quantity=1)
    assert _sold(deal) == 1
    return_deal_units(deal_id=deal.pk, quantity=3)
    assert _sold(deal) == 0


def test_active_deals_in_one_query(clock, phone, variant, django_assert_num_queries):
    second = make_variant(phone, price_minor=7000, options={"Colour": "Blue"})
    third = make_variant(phone, price_minor=7000, options={"Colour": "Green"})
    running = make_deal(variant)
    make_deal(second, quantity=2, sold=2)  # sold out
    make_deal(third, is_cancelled=True)

    with django_assert_num_queries(1):
        found = active_deals([variant.pk, second.pk, third.pk], now=clock.now())

    assert found == {variant.pk: running}
