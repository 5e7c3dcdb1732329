"""Staff console IOSS return page and CSV: finance staff see July's return per member state and
rate with a later refund landing in August; others get the console's 404 or the log-in page; a bad
month is a 422 with a message; the page's queries stay flat."""

import csv
import datetime as dt
import io

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.contrib.auth.models import Group
from django.test import Client

from tradepost.accounts.roles import FINANCE, SUPPORT
from tradepost.cart.testing import add_rates
from tradepost.taxes.services import record_tax_refund
from tradepost.taxes.testing import pay, placed_order, record_tax

pytestmark = pytest.mark.django_db

PAGE = "/en/console/taxes/ioss/"
CSV = "/en/console/taxes/ioss.csv"
TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def staff_client(make_user, email: str, role: str) -> Client:
    user = make_user(email, is_staff=True)
    user.groups.add(Group.objects.get(name=role))
    TOTP.activate(user, TOTP_SECRET)
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def finance_client(make_user):
    return staff_client(make_user, "finance@example.com", FINANCE)


def sale(clock, *, country: str, moment: dt.datetime, currency: str = "EUR"):
    clock.move_to(moment)
    order = placed_order(country=country, currency=currency, now=moment)
    record_tax(order, destination=country)
    return pay(order, now=moment)


@pytest.fixture
def july(clock):
    """A German order and a Spanish one in złoty paid in July; half the German VAT refunded on
    3 August."""
    add_rates(on=dt.date(2026, 7, 1), PLN="4.25")
    add_rates(on=dt.date(2026, 7, 31), PLN="4.30")
    german = sale(clock, country="DE", moment=dt.datetime(2026, 7, 10, tzinfo=dt.UTC))
    sale(clock, country="ES", currency="PLN", moment=dt.datetime(2026, 7, 20, tzinfo=dt.UTC))
    refunded_at = dt.datetime(2026, 8, 3, tzinfo=dt.UTC)
    clock.move_to(refunded_at)
    record_tax_refund(order=german, vat_minor=950, duty_minor=0, now=refunded_at)


def test_finance_staff_see_the_return_per_member_state(finance_client, july):
    response = finance_client.get(PAGE, {"month": "2026-07"})

    assert response.status_code == 200
    page = response.content.decode()
    assert 'data-jurisdiction="DE"' in page and 'data-jurisdiction="ES"' in page
    assert "€19.00" in page and "€20.76" in page  # 19 % of €100; 21 % of zł425 at 4.30
    assert "€39.76" in page  # the total VAT
    assert ">19 %<" in page


def test_a_refund_in_august_is_in_augusts_return(finance_client, july):
    page = finance_client.get(PAGE, {"month": "2026-08"}).content.decode()

    assert 'data-jurisdiction="DE"' in page and 'data-jurisdiction="ES"' not in page
    assert "-€9.50" in page


def test_the_csv_has_one_row_per_member_state_and_rate(finance_client, july):
    response = finance_client.get(CSV, {"month": "2026-07"})

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="ioss-return-2026-07.csv"' in response["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [
        (r["member_state"], r["rate_percent"], r["orders"], r["net_vat_eur"]) for r in rows
    ] == [
        ("DE", "19.00", "1", "19.00"),
        ("ES", "21.00", "1", "20.76"),
    ]
    august = finance_client.get(CSV, {"month": "2026-08"}).content.decode()
    assert "DE,19.00,0,0.00,0.00,-50.00,-9.50,-50.00,-9.50" in august


def test_defaults_to_the_previous_month(finance_client, clock):
    response = finance_client.get(PAGE)

    assert response.status_code == 200
    assert response.context["month_value"] == "2026-10"  # the test clock is in November 2026
    assert "Nothing to declare for this month." in response.content.decode()


@pytest.mark.parametrize("url", [PAGE, CSV])
@pytest.mark.parametrize("month", ["2026-13", "July", "2019-01"])
def test_a_bad_month_is_refused_with_a_message(finance_client, url, month):
    response = finance_client.get(url, {"month": month})

    assert response.status_code == 422
    assert "Give the month as YYYY-MM." in response.content.decode()


def test_a_month_without_its_end_of_month_rates_says_so(finance_client, clock):
    add_rates(on=dt.date(2026, 11, 2), PLN="4.25")
    sale(clock, country="ES", currency="PLN", moment=dt.datetime(2026, 11, 3, tzinfo=dt.UTC))

    response = finance_client.get(PAGE, {"month": "2026-11"})

    assert response.status_code == 422
    assert "No exchange rate from PLN to EUR" in response.content.decode()


@pytest.mark.parametrize("url", [PAGE, CSV])
def test_others_do_not_get_in(make_user, buyer, url):
    support = staff_client(make_user, "support@example.com", SUPPORT)
    shopper = Client()
    shopper.force_login(buyer)

    assert support.get(url, {"month": "2026-07"}).status_code == 404
    assert shopper.get(url, {"month": "2026-07"}).status_code == 404
    assert Client().get(url, {"month": "2026-07"}).status_code == 302  # to log in


def test_the_dashboard_links_finance_staff_to_the_return(finance_client):
    page = finance_client.get("/en/console/").content.decode()

    assert PAGE in page


def test_queries_do_not_grow_with_orders(
    finance_client, july, clock, django_assert_max_num_queries
):
    for day in (21, 22, 23, 24):
        sale(clock, country="DE", moment=dt.datetime(2026, 7, day, tzinfo=dt.UTC))

    with django_assert_max_num_queries(14):
        response = finance_client.get(PAGE, {"month": "2026-07"})

    assert response.status_code == 200
