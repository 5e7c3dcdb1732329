import datetime as dt
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from tradepost.money.models import ExchangeRate

DAY = dt.date(2022, 7, 8)


def _rate(clock, **fields) -> ExchangeRate:
    values = {
        "quote": "USD",
        "rate": Decimal("1.0163"),
        "rate_date": DAY,
        "imported_at": clock.now(),
    }
    return ExchangeRate.objects.create(**(values | fields))


@pytest.mark.parametrize("rate", [Decimal("0"), Decimal("-1.5")])
def test_database_refuses_a_non_positive_rate(db, clock, rate):
    with pytest.raises(IntegrityError), transaction.atomic():
        _rate(clock, rate=rate)


def test_database_refuses_a_second_rate_for_the_same_day(db, clock):
    _rate(clock)

    with pytest.raises(IntegrityError), transaction.atomic():
        _rate(clock, rate=Decimal("1.1"))

    assert ExchangeRate.objects.count() == 1


def test_database_refuses_a_currency_against_itself(db, clock):
    with pytest.raises(IntegrityError), transaction.atomic():
        _rate(clock, quote="EUR")


def test_another_source_may_publish_the_same_day(db, clock):
    _rate(clock)
    _rate(clock, source="FED")

    assert ExchangeRate.objects.count() == 2
