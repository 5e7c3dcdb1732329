"""The staff review queue: who may see it, the decisions, constant query counts."""

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.contrib.auth.models import Group

from tradepost.accounts.roles import SUPPORT
from tradepost.sellers.models import Seller, SellerEvent

pytestmark = pytest.mark.django_db

QUEUE = "/en/console/sellers/"
TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


@pytest.fixture
def staff_client(client, reviewer):
    TOTP.activate(reviewer, TOTP_SECRET)
    client.force_login(reviewer)
    return client


def _decide(client, seller, decision, reason=""):
    return client.post(f"{QUEUE}{seller.public_id}/{decision}/", {"reason": reason})


def test_queue_lists_submitted_applications_with_trader_details(staff_client, seller_factory):
    submitted = seller_factory("submitted")
    seller_factory("verified")

    response = staff_client.get(QUEUE, {"status": "submitted"})

    html = response.content.decode()
    assert response.status_code == 200
    assert html.count('data-testid="application"') == 1
    assert submitted.registration_number in html
    assert submitted.legal_name in html


def test_review_page_shows_everything_staff_need(staff_client, submitted_seller):
    html = staff_client.get(f"{QUEUE}{submitted_seller.public_id}/").content.decode()

    for text in ("DE89370400440532013000", "DE136695976", "Aachen HRB 44123", "Verify"):
        assert text in html


def test_verify_from_the_console(staff_client, reviewer, submitted_seller):
    response = _decide(staff_client, submitted_seller, "verify")

    assert response.status_code == 302
    submitted_seller.refresh_from_db()
    assert submitted_seller.status == "verified"
    event = SellerEvent.objects.filter(seller=submitted_seller).last()
    assert (event.actor, event.to_status) == (reviewer, "verified")


def test_reject_needs_a_reason(staff_client, submitted_seller):
    _decide(staff_client, submitted_seller, "reject", "")
    assert Seller.objects.get(pk=submitted_seller.pk).status == "submitted"

    _decide(staff_client, submitted_seller, "reject", "Register number does not match the name")

    submitted_seller.refresh_from_db()
    assert (submitted_seller.status, submitted_seller.rejection_reason) == (
        "rejected",
        "Register number does not match the name",
    )


def test_suspend_and_reinstate_from_the_console(staff_client, verified_seller):
    _decide(staff_client, verified_seller, "suspend", "Counterfeit listings")
    assert Seller.objects.get(pk=verified_seller.pk).status == "suspended"

    _decide(staff_client, verified_seller, "reinstate")

    verified_seller.refresh_from_db()
    assert verified_seller.status == "verified"
    assert SellerEvent.objects.filter(seller=verified_seller).last().reason == "reinstated"


def test_illegal_decision_is_a_message_not_a_500(staff_client, submitted_seller):
    response = _decide(staff_client, submitted_seller, "reinstate")

    assert response.status_code == 302
    page = staff_client.get(response["Location"])
    assert "cannot move to this status" in page.content.decode()
    assert Seller.objects.get(pk=submitted_seller.pk).status == "submitted"


def test_unknown_decision_is_404(staff_client, submitted_seller):
    assert _decide(staff_client, submitted_seller, "delete").status_code == 404


def test_buyers_and_sellers_get_404(client, buyer, submitted_seller):
    client.force_login(submitted_seller.user)

    assert client.get(QUEUE).status_code == 404
    assert client.get(f"{QUEUE}{submitted_seller.public_id}/").status_code == 404
    assert _decide(client, submitted_seller, "verify").status_code == 404
    assert Seller.objects.get(pk=submitted_seller.pk).status == "submitted"


def test_anonymous_is_sent_to_log_in(client, submitted_seller):
    response = client.get(QUEUE)

    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_support_staff_may_look_but_not_decide(client, make_user, submitted_seller):
    support = make_user("support@example.com", is_staff=True)
    support.groups.add(Group.objects.get(name=SUPPORT))
    TOTP.activate(support, TOTP_SECRET)
    client.force_login(support)

    assert client.get(QUEUE).status_code == 200
    assert _decide(client, submitted_seller, "verify").status_code == 404
    assert Seller.objects.get(pk=submitted_seller.pk).status == "submitted"


def test_staff_without_totp_must_set_it_up(client, reviewer):
    client.force_login(reviewer)

    assert client.get(QUEUE)["Location"] == "/en/accounts/2fa/totp/activate/"


def test_queue_query_count_does_not_grow(
    staff_client, seller_factory, django_assert_max_num_queries
):
    seller_factory("submitted")
    with django_assert_max_num_queries(20) as one:
        staff_client.get(QUEUE)
    for _ in range(5):
        seller_factory("submitted")

    with django_assert_max_num_queries(len(one.captured_queries)):
        response = staff_client.get(QUEUE)

    assert response.content.decode().count('data-testid="application"') == 6


def test_dashboard_still_works_and_counts_applications(staff_client, submitted_seller):
    html = staff_client.get("/en/console/").content.decode()

    assert "1 application waiting for review" in html
    assert QUEUE in html
