"""The commission resolver and the deposit rule: override > programme > category."""

import datetime as dt

import pytest

from tradepost.catalog.testing import make_category
from tradepost.sellers import fees
from tradepost.sellers.models import FeeProgramme
from tradepost.sellers.testing import KR_COMPANY

TODAY = dt.date(2026, 11, 25)


@pytest.fixture
def category(db):
    category = make_category(path=["electronics", "phones"], commission_bps=800)
    category.deposit_minor, category.deposit_currency = 50_000, "USD"
    category.save()
    return category


@pytest.fixture
def kr_seller(seller_factory):
    return seller_factory("verified", details=KR_COMPANY)


@pytest.fixture
def tr_seller(seller_factory):
    seller = seller_factory("verified")
    seller.country = "TR"  # the trader's country decides the programme
    seller.save(update_fields=["country"])
    return seller


def _programme(country="TR", starts_on=TODAY, ends_on=TODAY + dt.timedelta(days=30), **kwargs):
    stamp = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    return FeeProgramme.objects.create(
        name="Test", country=country, starts_on=starts_on, ends_on=ends_on,
        created_at=stamp, updated_at=stamp, **kwargs,
    )  # fmt: skip


def test_the_korea_programme_is_seeded(db):
    programme = FeeProgramme.objects.get(country="KR")
    assert (programme.starts_on, programme.ends_on) == (dt.date(2024, 9, 25), dt.date(2029, 9, 25))
    assert (programme.commission_bps, programme.waives_deposit) == (0, True)


def test_a_korean_seller_pays_no_commission_and_no_deposit(kr_seller, category):
    assert fees.commission_bps(seller=kr_seller, category=category, on=TODAY) == 0
    assert fees.deposit_required(seller=kr_seller, category=category, on=TODAY) is None
    assert fees.active_programme(seller=kr_seller, on=TODAY).country == "KR"


def test_the_korea_programme_covers_exactly_five_years(kr_seller, category):
    def rate(day):
        return fees.commission_bps(seller=kr_seller, category=category, on=day)

    assert rate(dt.date(2024, 9, 24)) == 800
    assert rate(dt.date(2024, 9, 25)) == 0
    assert rate(dt.date(2029, 9, 24)) == 0
    assert rate(dt.date(2029, 9, 25)) == 800


def test_a_turkish_seller_pays_the_category_rate_and_its_deposit(tr_seller, category):
    assert fees.commission_bps(seller=tr_seller, category=category, on=TODAY) == 800
    assert fees.deposit_required(seller=tr_seller, category=category, on=TODAY) == (50_000, "USD")
    assert fees.active_programme(seller=tr_seller, on=TODAY) is None


def test_a_programme_that_ended_yesterday_no_longer_applies(tr_seller, category):
    _programme(starts_on=TODAY - dt.timedelta(days=10), ends_on=TODAY, commission_bps=100)
    assert fees.commission_bps(seller=tr_seller, category=category, on=TODAY) == 800
    yesterday = TODAY - dt.timedelta(days=1)
    assert fees.commission_bps(seller=tr_seller, category=category, on=yesterday) == 100


def test_a_programme_starting_tomorrow_does_not_apply_yet(tr_seller, category):
    _programme(starts_on=TODAY + dt.timedelta(days=1), commission_bps=100, waives_deposit=True)
    assert fees.commission_bps(seller=tr_seller, category=category, on=TODAY) == 800
    assert fees.deposit_required(seller=tr_seller, category=category, on=TODAY) is not None


def test_the_seller_override_wins_over_programme_and_category(kr_seller, category):
    kr_seller.commission_bps_override = 250
    kr_seller.save()
    assert fees.commission_bps(seller=kr_seller, category=category, on=TODAY) == 250


def test_a_zero_override_is_an_override(tr_seller, category):
    tr_seller.commission_bps_override = 0
    assert fees.commission_bps(seller=tr_seller, category=category, on=TODAY) == 0


def test_a_programme_without_a_rate_only_waives_the_deposit(tr_seller, category):
    _programme(commission_bps=None, waives_deposit=True)
    assert fees.commission_bps(seller=tr_seller, category=category, on=TODAY) == 800
    assert fees.deposit_required(seller=tr_seller, category=category, on=TODAY) is None


def test_the_programme_that_started_last_wins_an_overlap(tr_seller, category):
    _programme(starts_on=TODAY - dt.timedelta(days=20), commission_bps=300)
    _programme(starts_on=TODAY - dt.timedelta(days=5), commission_bps=200)
    assert fees.commission_bps(seller=tr_seller, category=category, on=TODAY) == 200


def test_a_category_without_deposit_needs_none(tr_seller, category):
    category.deposit_minor = 0
    assert fees.deposit_required(seller=tr_seller, category=category, on=TODAY) is None


@pytest.mark.django_db(transaction=True)
def test_the_seeded_programme_survives_a_flush():
    from django.core.management import call_command

    from tradepost.sellers.models import FeeProgramme

    call_command("flush", interactive=False, verbosity=0)
    (programme,) = FeeProgramme.objects.filter(country="KR")
    assert (programme.commission_bps, programme.waives_deposit) == (0, True)
