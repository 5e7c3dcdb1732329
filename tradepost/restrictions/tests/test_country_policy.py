"""Deliveries to a country switched off and on: effective-dated, cached, history kept."""

import datetime as dt

import pytest

from tradepost.errors import PermissionDenied
from tradepost.restrictions import selectors, services
from tradepost.restrictions.errors import CountryUnavailable, InvalidRestriction, UnknownCountry
from tradepost.restrictions.models import CountryPolicy

pytestmark = pytest.mark.django_db


def test_india_switched_off_is_refused_with_451(switch_off, clock):
    switch_off("IN", now=clock.now())

    with pytest.raises(CountryUnavailable) as refused:
        services.check_ship_to("IN", now=clock.now())

    assert (refused.value.code, refused.value.http_status) == ("country_unavailable", 451)
    assert str(refused.value.message) == "tradepost is not available for delivery to India."
    services.check_ship_to("FR", now=clock.now())  # every other country stays open


def test_a_change_scheduled_for_later_applies_only_from_then(switch_off, clock):
    starts = clock.now() + dt.timedelta(days=2)
    switch_off("IN", now=clock.now(), effective_from=starts)

    assert selectors.country_available("IN", now=clock.now()) is True
    assert selectors.country_available("IN", now=starts - dt.timedelta(seconds=1)) is True
    assert selectors.country_available("IN", now=starts) is False
    assert selectors.country_notice("IN", now=clock.now()) == ""


def test_switching_back_on_keeps_the_history(switch_off, clock):
    switch_off("IN", now=clock.now())
    later = clock.advance(days=30)

    switch_off("IN", now=later, available=True)

    assert selectors.country_available("IN", now=later) is True
    assert selectors.country_available("IN", now=later - dt.timedelta(days=1)) is False
    assert list(CountryPolicy.objects.filter(country="IN").values_list("buy_enabled", flat=True)
                .order_by("effective_from")) == [False, True]  # fmt: skip


def test_the_cached_answer_is_forgotten_when_staff_change_it(
    switch_off, clock, django_assert_num_queries
):
    assert selectors.country_available("IN", now=clock.now()) is True  # now cached
    with django_assert_num_queries(0):
        assert selectors.country_available("IN", now=clock.now()) is True

    switch_off("IN", now=clock.now())

    assert selectors.country_available("IN", now=clock.now()) is False


def test_notice_is_translated(switch_off, clock):
    from django.utils import translation

    switch_off("IN", now=clock.now())

    with translation.override("de"):
        notice = selectors.country_notice("IN", now=clock.now())
    assert "Indien" in notice


@pytest.mark.parametrize("code", ["", "XX", "IND", "india", "I"])
def test_check_refuses_codes_that_are_not_countries(code, clock):
    with pytest.raises(UnknownCountry) as refused:
        services.check_ship_to(code, now=clock.now())
    assert (refused.value.code, refused.value.http_status) == ("unknown_country", 422)


def test_lower_case_code_is_the_same_country(switch_off, clock):
    switch_off("IN", now=clock.now())

    with pytest.raises(CountryUnavailable):
        services.check_ship_to("in", now=clock.now())


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"legal_ref": ""}, "legal_ref"),
        ({"legal_ref": " \t\n"}, "legal_ref"),
        ({"reason": "   "}, "reason"),
        ({"country": "XX"}, "country"),
        ({"country": ""}, "country"),
        ({"effective_from": dt.datetime(2026, 1, 1, tzinfo=dt.UTC)}, "effective_from"),
    ],
)
def test_bad_input_is_refused_and_nothing_is_written(manager, clock, changes, field):
    data = {"country": "IN", "available": False, "legal_ref": "IT Act s. 69A",
            "reason": "Blocking order", **changes}  # fmt: skip

    with pytest.raises(InvalidRestriction) as refused:
        services.set_country_availability(staff=manager, now=clock.now(), **data)

    assert refused.value.http_status == 422
    assert field in refused.value.fields
    assert not CountryPolicy.objects.exists()


def test_staff_without_the_permission_cannot_switch_a_country(make_user, clock):
    support = make_user("support@example.com", is_staff=True)
    buyer = make_user("someone@example.com")

    for actor in (support, buyer, None):
        with pytest.raises(PermissionDenied):
            services.set_country_availability(
                staff=actor, country="IN", available=False, legal_ref="x", reason="y",
                now=clock.now(),
            )  # fmt: skip
    assert not CountryPolicy.objects.exists()


def test_unavailable_countries_are_listed(switch_off, clock):
    switch_off("IN", now=clock.now())
    switch_off("KP", now=clock.now())
    switch_off("FR", now=clock.now(), effective_from=clock.now() + dt.timedelta(days=1))

    assert selectors.list_unavailable_countries(now=clock.now()) == ["IN", "KP"]
