"""The onboarding wizard and the status page, through the real pages."""

import pytest

from tradepost.sellers.models import Seller, Store

pytestmark = pytest.mark.django_db

BASE = "/en/seller/"
DETAILS = {
    "legal_name": "Muster Handel GmbH",
    "address_line1": "Theaterstraße 1",
    "city": "Aachen",
    "postal_code": "52062",
    "country": "DE",
    "phone": "+49 241 432 0",
    "email": "kontakt@muster.example",
    "trade_register": "Amtsgericht Aachen",
    "registration_number": "Aachen HRB 44123",
    "vat_number": "DE136695976",
}
STORE = {
    "name": "Muster Werkzeug",
    "slug": "muster-werkzeug",
    "country": "DE",
    "settlement_currency": "EUR",
    "original_language": "de",
    "languages_spoken": ["en", "fr"],
    "description": "Werkzeug aus Aachen.",
}


def _errors(response, field):
    return response.context["form"].errors.get(field, [])


def test_anonymous_visitor_is_sent_to_log_in(client):
    response = client.get(BASE)

    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_new_seller_walks_through_every_step(client, buyer, clock):
    client.force_login(buyer)
    assert client.get(BASE)["Location"] == f"{BASE}onboarding/type/"

    steps = [
        ("onboarding/type/", {"kind": "company"}, "onboarding/details/"),
        ("onboarding/details/", DETAILS, "onboarding/payout/"),
        ("onboarding/payout/", {"iban": "DE89 3704 0044 0532 0130 00"}, "onboarding/store/"),
        ("onboarding/store/", STORE, "onboarding/review/"),
        ("onboarding/review/", {"self_certified": "on"}, ""),
    ]
    for page, data, following in steps:
        response = client.post(BASE + page, data)
        assert (response.status_code, response["Location"]) == (302, BASE + following), page

    seller = Seller.objects.get(user=buyer)
    assert (seller.status, seller.payout_iban, seller.store.slug) == (
        "submitted",
        "DE89370400440532013000",
        "muster-werkzeug",
    )
    page = client.get(BASE)
    assert 'data-status="submitted"' in page.content.decode()


def test_every_step_page_renders(client, complete_seller):
    client.force_login(complete_seller.user)

    for page in ("type", "details", "payout", "store", "review"):
        response = client.get(f"{BASE}onboarding/{page}/")
        assert response.status_code == 200, page
        assert 'aria-current="step"' in response.content.decode()


def test_invalid_registration_number_is_a_form_error(client, draft_seller):
    client.force_login(draft_seller.user)

    response = client.post(
        f"{BASE}onboarding/details/", {**DETAILS, "registration_number": "Nowhere HRB 1"}
    )

    assert response.status_code == 200
    assert _errors(response, "registration_number") == [
        "The registration or ID number is not valid for the selected country."
    ]
    draft_seller.refresh_from_db()
    assert draft_seller.legal_name == ""


def test_invalid_iban_is_a_form_error(client, draft_seller):
    client.force_login(draft_seller.user)

    response = client.post(f"{BASE}onboarding/payout/", {"iban": "DE00 1234"})

    assert _errors(response, "iban") == ["The IBAN is not valid."]
    draft_seller.refresh_from_db()
    assert draft_seller.payout_iban == ""


def test_taken_store_address_is_a_form_error(client, draft_seller, verified_seller):
    client.force_login(draft_seller.user)

    response = client.post(
        f"{BASE}onboarding/store/", {**STORE, "slug": verified_seller.store.slug}
    )

    assert _errors(response, "slug") == ["This store address is already taken."]
    assert not Store.objects.filter(seller=draft_seller).exists()


def test_submit_without_certification_stays_a_draft(client, complete_seller):
    client.force_login(complete_seller.user)

    response = client.post(f"{BASE}onboarding/review/", {})

    assert response.status_code == 200
    assert _errors(response, "self_certified")
    complete_seller.refresh_from_db()
    assert complete_seller.status == "draft"


def test_submitted_application_cannot_be_edited_from_the_wizard(client, submitted_seller):
    client.force_login(submitted_seller.user)

    response = client.post(f"{BASE}onboarding/details/", {**DETAILS, "legal_name": "Changed"})

    assert (response.status_code, response["Location"]) == (302, BASE)
    submitted_seller.refresh_from_db()
    assert submitted_seller.legal_name == "Muster Handel GmbH"


def test_status_page_shows_the_rejection_reason(client, seller_factory):
    seller = seller_factory("rejected")
    client.force_login(seller.user)

    html = client.get(BASE).content.decode()

    assert 'data-status="rejected"' in html
    assert "Blurry" in html


@pytest.mark.parametrize("status", ["verified", "suspended"])
def test_status_page_for_decided_sellers(client, seller_factory, status):
    seller = seller_factory(status)
    client.force_login(seller.user)

    assert f'data-status="{status}"' in client.get(BASE).content.decode()


def test_wizard_only_ever_touches_the_own_application(client, buyer, verified_seller):
    client.force_login(buyer)

    client.post(f"{BASE}onboarding/type/", {"kind": "individual"})
    response = client.post(f"{BASE}onboarding/details/", {**DETAILS, "legal_name": "Hijack"})

    verified_seller.refresh_from_db()
    assert (verified_seller.legal_name, verified_seller.status) == (
        "Muster Handel GmbH",
        "verified",
    )
    assert verified_seller.legal_name not in response.content.decode()
    assert Seller.objects.get(user=buyer).kind == "individual"


def test_pages_translate(client, buyer):
    client.force_login(buyer)

    response = client.get("/de/seller/onboarding/type/")

    assert response.status_code == 200
    assert response.headers["Content-Language"] == "de"
