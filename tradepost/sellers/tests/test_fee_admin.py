"""Finance staff manage fee programmes and a seller's own commission; bad input is refused."""

import datetime as dt

import pytest
from django.contrib.auth.models import Group

from tradepost.accounts.roles import FINANCE
from tradepost.errors import PermissionDenied
from tradepost.sellers import errors, fee_admin
from tradepost.sellers.fee_admin import ProgrammeInput
from tradepost.sellers.models import FeeProgramme

pytestmark = pytest.mark.django_db

START = dt.date(2027, 1, 1)


@pytest.fixture
def finance(make_user):
    user = make_user("finance@example.com", is_staff=True)
    user.groups.add(Group.objects.get(name=FINANCE))
    return user


def _data(**changes):
    values = {"name": "Türkiye launch", "country": "tr", "starts_on": START,
              "ends_on": dt.date(2027, 7, 1), "commission_bps": 300, "waives_deposit": True}  # fmt: skip
    return ProgrammeInput(**{**values, **changes})


def test_finance_creates_edits_and_ends_a_programme(finance, clock):
    created = fee_admin.create_programme(staff=finance, data=_data(), now=clock.now())
    assert (created.country, created.commission_bps) == ("TR", 300)
    fee_admin.update_programme(
        staff=finance, public_id=created.public_id, data=_data(commission_bps=None), now=clock.now()
    )
    created.refresh_from_db()
    assert created.commission_bps is None
    clock.move_to(dt.datetime(2027, 3, 1, 9, tzinfo=dt.UTC))
    ended = fee_admin.end_programme(staff=finance, public_id=created.public_id, now=clock.now())
    assert ended.ends_on == dt.date(2027, 3, 1)


def test_ending_a_programme_not_started_yet_leaves_it_empty(finance, clock):
    programme = fee_admin.create_programme(staff=finance, data=_data(), now=clock.now())
    ended = fee_admin.end_programme(staff=finance, public_id=programme.public_id, now=clock.now())
    assert ended.starts_on == ended.ends_on == START


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"commission_bps": -1}, "commission_bps"),
        ({"commission_bps": 10_001}, "commission_bps"),
        ({"ends_on": START - dt.timedelta(days=1)}, "ends_on"),
        ({"ends_on": START}, "ends_on"),
        ({"name": "  "}, "name"),
        ({"country": "XX"}, "country"),
    ],
)
def test_bad_programmes_are_refused(finance, clock, changes, field):
    with pytest.raises(errors.InvalidFeeProgramme) as caught:
        fee_admin.create_programme(staff=finance, data=_data(**changes), now=clock.now())
    assert caught.value.http_status == 422
    assert field in caught.value.fields
    assert not FeeProgramme.objects.filter(country="TR").exists()


def test_overlapping_programmes_of_one_country_are_refused(finance, clock):
    fee_admin.create_programme(staff=finance, data=_data(), now=clock.now())
    with pytest.raises(errors.InvalidFeeProgramme):
        fee_admin.create_programme(
            staff=finance, data=_data(starts_on=dt.date(2027, 6, 30), ends_on=dt.date(2028, 1, 1)),
            now=clock.now(),
        )  # fmt: skip
    adjacent = _data(starts_on=dt.date(2027, 7, 1), ends_on=dt.date(2028, 1, 1))
    fee_admin.create_programme(staff=finance, data=adjacent, now=clock.now())


def test_the_commission_override(finance, verified_seller, clock):
    fee_admin.set_commission_override(
        staff=finance, seller=verified_seller, commission_bps=150, now=clock.now()
    )
    verified_seller.refresh_from_db()
    assert verified_seller.commission_bps_override == 150
    for bad in (-5, 10_001):
        with pytest.raises(errors.InvalidCommission):
            fee_admin.set_commission_override(
                staff=finance, seller=verified_seller, commission_bps=bad, now=clock.now()
            )
    fee_admin.set_commission_override(
        staff=finance, seller=verified_seller, commission_bps=None, now=clock.now()
    )
    verified_seller.refresh_from_db()
    assert verified_seller.commission_bps_override is None


def test_staff_without_the_permission_are_refused(make_user, reviewer, clock):
    for user in (reviewer, make_user("plain@example.com")):
        with pytest.raises(PermissionDenied):
            fee_admin.create_programme(staff=user, data=_data(), now=clock.now())
