"""Replacing the payout account needs the current password in the same request, rate-limited."""

import pytest

from conftest import PASSWORD
from tradepost.api.testing import bearer, error_of, send
from tradepost.errors import RateLimited
from tradepost.notifications.models import OutboxEvent
from tradepost.sellers import errors, reauth, services
from tradepost.sellers.validation import PayoutInput

pytestmark = pytest.mark.django_db

NEW_IBAN = "GB82 WEST 1234 5698 7654 32"
URL = "/api/v1/seller/me/payout-account"


def _change(seller, clock, password):
    return services.update_payout_account(
        seller=seller, data=PayoutInput(iban=NEW_IBAN), now=clock.now(), password=password
    )


@pytest.mark.parametrize("password", [None, "", "wrong"])
def test_a_missing_or_wrong_password_changes_nothing(verified_seller, clock, password):
    with pytest.raises(errors.ReauthenticationRequired) as caught:
        _change(verified_seller, clock, password)
    assert (caught.value.code, caught.value.http_status) == ("reauthentication_required", 403)
    assert "password" in caught.value.fields
    verified_seller.refresh_from_db()
    assert verified_seller.payout_iban == "DE89370400440532013000"


def test_a_verified_seller_changes_it_with_the_password(verified_seller, clock):
    _change(verified_seller, clock, PASSWORD)
    verified_seller.refresh_from_db()
    assert verified_seller.payout_iban == "GB82WEST12345698765432"
    assert OutboxEvent.objects.filter(topic="seller.payout_account_changed").count() == 1


def test_the_first_entry_needs_no_password(seller_factory, clock):
    seller = seller_factory("draft")
    _change(seller, clock, None)
    seller.refresh_from_db()
    assert seller.payout_iban == "GB82WEST12345698765432"


@pytest.mark.parametrize("status", ["submitted", "suspended", "closed"])
def test_no_change_under_review_suspended_or_closed(seller_factory, clock, status):
    seller = seller_factory(status)
    with pytest.raises(errors.ApplicationLocked):
        _change(seller, clock, PASSWORD)


def test_wrong_passwords_are_rate_limited_even_before_the_right_one(verified_seller, clock):
    for _ in range(reauth.LIMIT):
        with pytest.raises(errors.ReauthenticationRequired):
            _change(verified_seller, clock, "guess")
    with pytest.raises(RateLimited) as caught:
        _change(verified_seller, clock, PASSWORD)
    assert caught.value.retry_after > 0
    verified_seller.refresh_from_db()
    assert verified_seller.payout_iban == "DE89370400440532013000"
    clock.advance(seconds=reauth.PERIOD + 1)
    _change(verified_seller, clock, PASSWORD)


def test_the_api_asks_for_the_password(client, verified_seller, clock):
    headers = bearer(verified_seller.user, "seller:read", "seller:write")
    response = send(client, "put", URL, {"iban": NEW_IBAN}, **headers)
    assert response.status_code == 403
    assert error_of(response)["code"] == "reauthentication_required"
    wrong = send(client, "put", URL, {"iban": NEW_IBAN, "password": "nope"}, **headers)
    assert error_of(wrong)["code"] == "reauthentication_required"
    verified_seller.refresh_from_db()
    assert verified_seller.payout_iban == "DE89370400440532013000"

    ok = send(client, "put", URL, {"iban": NEW_IBAN, "password": PASSWORD}, **headers)
    assert ok.status_code == 200
    assert PASSWORD not in ok.content.decode()
    assert ok.json()["payout"]["iban_last4"] == "5432"
