"""Staff console: fee programmes and a seller's commission (finance only; others get a 404)."""

import datetime as dt

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.contrib.auth.models import Group

from tradepost.accounts.roles import FINANCE
from tradepost.sellers.models import FeeProgramme

pytestmark = pytest.mark.django_db

FEES = "/en/console/fees/"
TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
GOOD = {"name": "Türkiye launch", "country": "TR", "starts_on": "2027-01-01",
        "ends_on": "2027-07-01", "commission_bps": "300", "waives_deposit": "on"}  # fmt: skip


@pytest.fixture
def finance_client(client, make_user):
    user = make_user("finance@example.com", is_staff=True)
    user.groups.add(Group.objects.get(name=FINANCE))
    TOTP.activate(user, TOTP_SECRET)
    client.force_login(user)
    return client


def _kr():
    return FeeProgramme.objects.get(country="KR")


def test_finance_lists_and_creates_programmes(finance_client, clock):
    page = finance_client.get(FEES)
    assert page.status_code == 200
    assert "Korea seller programme" in page.content.decode()

    response = finance_client.post(FEES, GOOD)

    assert response.status_code == 302
    created = FeeProgramme.objects.get(country="TR")
    assert (created.commission_bps, created.waives_deposit) == (300, True)


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"commission_bps": "-1"}, "commission_bps"),
        ({"commission_bps": "10001"}, "commission_bps"),
        ({"ends_on": "2026-12-31"}, "ends_on"),
        ({"starts_on": "not a date"}, "starts_on"),
    ],
)
def test_bad_programmes_are_form_errors(finance_client, clock, changes, field):
    response = finance_client.post(FEES, {**GOOD, **changes})
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not FeeProgramme.objects.filter(country="TR").exists()


def test_edit_and_end_a_programme(finance_client, clock):
    kr = _kr()
    url = f"{FEES}{kr.public_id}/"
    assert finance_client.get(url).status_code == 200
    edited = {**GOOD, "name": "Korea", "country": "KR", "starts_on": "2024-09-25",
              "ends_on": "2029-09-25", "commission_bps": "50"}  # fmt: skip
    assert finance_client.post(url, edited).status_code == 302
    assert _kr().commission_bps == 50

    assert finance_client.post(f"{url}end/").status_code == 302
    assert _kr().ends_on == clock.now().date()


def test_an_unknown_programme_is_404(finance_client):
    assert finance_client.get(f"{FEES}nope/").status_code == 404
    assert finance_client.post(f"{FEES}nope/end/").status_code == 404


def test_the_seller_commission_override(finance_client, verified_seller, clock):
    url = f"{FEES}sellers/{verified_seller.public_id}/"
    assert finance_client.get(url).status_code == 200
    assert finance_client.post(url, {"commission_bps": "120"}).status_code == 302
    verified_seller.refresh_from_db()
    assert verified_seller.commission_bps_override == 120
    for bad in ("-1", "10001"):
        response = finance_client.post(url, {"commission_bps": bad})
        assert "commission_bps" in response.context["form"].errors
    finance_client.post(url, {"commission_bps": ""})
    verified_seller.refresh_from_db()
    assert verified_seller.commission_bps_override is None
    assert finance_client.get(f"{FEES}sellers/nope/").status_code == 404


def test_non_staff_and_other_staff_get_404(client, make_user, reviewer, verified_seller):
    kr = _kr()
    urls = [FEES, f"{FEES}{kr.public_id}/", f"{FEES}sellers/{verified_seller.public_id}/"]
    TOTP.activate(reviewer, TOTP_SECRET)
    for user in (make_user("plain@example.com"), reviewer):
        client.force_login(user)
        for url in urls:
            assert client.get(url).status_code == 404
        assert client.post(f"{FEES}{kr.public_id}/end/").status_code == 404
        assert client.post(FEES, GOOD).status_code == 404
    assert _kr().ends_on == dt.date(2029, 9, 25)
    assert not FeeProgramme.objects.filter(country="TR").exists()
