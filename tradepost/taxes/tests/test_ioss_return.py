"""The monthly IOSS return: per member state and rate, in EUR at the ECB rate of the month's last
day (or the next publication), orders counted in the month they were paid, refunds in the month
they were made."""

import datetime as dt

import pytest

from tradepost.cart.testing import add_rates
from tradepost.money.errors import ExchangeRateUnavailable
from tradepost.taxes.errors import InvalidReturnPeriod
from tradepost.taxes.selectors import ioss_return, parse_month
from tradepost.taxes.services import record_tax_refund
from tradepost.taxes.testing import pay, placed_order, record_tax

pytestmark = pytest.mark.django_db


def at(month: int, day: int, hour: int = 12) -> dt.datetime:
    return dt.datetime(2026, month, day, hour, tzinfo=dt.UTC)


def sale(clock, *, country, placed, paid=None, currency="EUR", destination=None):
    clock.move_to(placed)
    order = placed_order(country=country, currency=currency, price_minor=10000, now=placed)
    record_tax(order, destination=destination or country)
    clock.move_to(paid or placed)
    return pay(order, now=paid or placed)


def rows(report):
    return [
        (row.jurisdiction, row.rate_bps, row.orders, row.sales_taxable_minor, row.sales_vat_minor,
         row.refund_taxable_minor, row.refund_vat_minor, row.taxable_minor, row.vat_minor)
        for row in report.rows
    ]  # fmt: skip


@pytest.fixture
def july_and_august(clock):
    """July: a German order in EUR and a Spanish one paid in złoty (4.25 when placed, 4.30 on
    31 July). An order placed on 31 July but paid on 1 August. A UK order (not IOSS) and a German
    order above €150 (nothing collected). In August, half of the first order's VAT refunded."""
    add_rates(on=dt.date(2026, 7, 1), PLN="4.25", GBP="0.85")
    add_rates(on=dt.date(2026, 7, 31), PLN="4.30", GBP="0.86")
    german = sale(clock, country="DE", placed=at(7, 10))
    sale(clock, country="ES", currency="PLN", placed=at(7, 20))
    sale(clock, country="DE", placed=at(7, 31, 23), paid=at(8, 1, 0))
    sale(clock, country="GB", currency="GBP", placed=at(7, 12))
    clock.move_to(at(7, 15))
    big = placed_order(country="DE", price_minor=15001, now=at(7, 15))
    record_tax(big, destination="DE")
    pay(big, now=at(7, 15))
    clock.move_to(at(8, 5))
    record_tax_refund(order=german, vat_minor=950, duty_minor=0, now=at(8, 5))
    return german


def test_july_counts_what_was_paid_in_july_converted_at_the_month_end_rate(july_and_august):
    report = ioss_return(2026, 7)

    # Spain: zł425.00 at 4.30 → €98.84; 21 % VAT zł89.25 → €20.76.
    assert rows(report) == [
        ("DE", 1900, 1, 10000, 1900, 0, 0, 10000, 1900),
        ("ES", 2100, 1, 9884, 2076, 0, 0, 9884, 2076),
    ]
    assert report.rate_date == dt.date(2026, 7, 31)
    assert (report.vat_minor, report.taxable_minor) == (3976, 19884)


def test_a_refund_in_a_later_month_lowers_that_months_return(july_and_august):
    report = ioss_return(2026, 8)

    assert rows(report) == [("DE", 1900, 1, 10000, 1900, -5000, -950, 5000, 950)]
    assert report.rate_date is None  # every amount in EUR


def test_uses_the_next_publication_when_the_last_day_has_none(clock):
    # 31 May 2026 is a Sunday: the ECB's next rates are Monday 1 June's.
    add_rates(on=dt.date(2026, 5, 29), PLN="4.00")
    sale(clock, country="ES", currency="PLN", placed=at(5, 30))
    add_rates(on=dt.date(2026, 6, 1), PLN="5.00")

    report = ioss_return(2026, 5)

    assert report.rate_date == dt.date(2026, 6, 1)
    assert rows(report) == [("ES", 2100, 1, 8000, 1680, 0, 0, 8000, 1680)]


def test_refuses_before_the_month_end_rates_exist(clock):
    add_rates(on=dt.date(2026, 9, 1), PLN="4.25")
    sale(clock, country="ES", currency="PLN", placed=at(9, 2))

    with pytest.raises(ExchangeRateUnavailable):
        ioss_return(2026, 9)


def test_an_empty_month_has_no_rows(db):
    report = ioss_return(2026, 3)

    assert (report.rows, report.vat_minor, report.rate_date) == ([], 0, None)


def test_reads_in_a_fixed_number_of_queries(july_and_august, clock, django_assert_max_num_queries):
    add_rates(on=dt.date(2026, 7, 1), SEK="11.0")
    add_rates(on=dt.date(2026, 7, 31), SEK="11.2")
    for day in (21, 22, 23):
        sale(clock, country="ES", currency="SEK", placed=at(7, day))

    with django_assert_max_num_queries(5):
        report = ioss_return(2026, 7)

    assert [row.orders for row in report.rows] == [1, 4]


@pytest.mark.parametrize("text", ["2026-13", "2026-7", "July", "", "2021-06", "12026-01"])
def test_a_month_must_be_yyyy_mm_from_july_2021(text):
    with pytest.raises(InvalidReturnPeriod) as caught:
        parse_month(text)

    assert (caught.value.code, list(caught.value.fields)) == ("invalid_return_period", ["month"])


def test_parses_a_month():
    assert parse_month(" 2026-07 ") == (2026, 7)
