"""Applying to sell: draft, trader details, payout account, store, submission."""

import pytest

from tradepost.sellers import errors, services
from tradepost.sellers.models import Seller, SellerEvent, Store
from tradepost.sellers.states import SellerStatus
from tradepost.sellers.testing import DE_COMPANY, details
from tradepost.sellers.validation import PayoutInput

pytestmark = pytest.mark.django_db

STORE = {
    "name": "Muster Werkzeug",
    "slug": "muster-werkzeug",
    "country": "DE",
    "settlement_currency": "EUR",
    "original_language": "de",
    "languages_spoken": ["en"],
    "description": "Werkzeug aus Aachen.",
}


def test_start_opens_a_draft_with_the_account_email(buyer, clock):
    seller = services.start_application(user=buyer, kind="individual", now=clock.now())

    assert (seller.status, seller.kind, seller.email) == ("draft", "individual", buyer.email)
    assert seller.public_id and seller.created_at == clock.now()


def test_start_twice_is_refused(buyer, clock):
    services.start_application(user=buyer, kind="company", now=clock.now())

    with pytest.raises(errors.SellerAlreadyExists):
        services.start_application(user=buyer, kind="individual", now=clock.now())
    assert Seller.objects.count() == 1


def test_unknown_kind_is_refused(buyer, clock):
    with pytest.raises(errors.InvalidSellerKind):
        services.start_application(user=buyer, kind="robot", now=clock.now())
    assert Seller.objects.count() == 0


def test_trader_details_are_stored_clean(draft_seller, clock):
    services.update_trader_details(seller=draft_seller, data=DE_COMPANY, now=clock.now())

    draft_seller.refresh_from_db()
    assert (draft_seller.legal_name, draft_seller.phone, draft_seller.country.code) == (
        "Muster Handel GmbH",
        "+492414320",
        "DE",
    )


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"registration_number": "Nowhere HRB 1"}, "invalid_registration_number"),
        ({"vat_number": "DE136695977"}, "invalid_vat_number"),
        ({"email": ""}, "incomplete_trader_details"),
    ],
)
def test_bad_trader_details_save_nothing(draft_seller, clock, changes, code):
    with pytest.raises(errors.DomainError) as caught:
        services.update_trader_details(
            seller=draft_seller, data=details(**changes), now=clock.now()
        )

    assert caught.value.code == code
    draft_seller.refresh_from_db()
    assert (draft_seller.legal_name, draft_seller.vat_number) == ("", "")


def test_invalid_iban_saves_nothing(draft_seller, clock):
    with pytest.raises(errors.InvalidIban):
        services.update_payout_account(
            seller=draft_seller,
            data=PayoutInput(iban="DE89 3704 0044 0532 0130 01"),
            now=clock.now(),
        )

    draft_seller.refresh_from_db()
    assert (draft_seller.payout_iban, draft_seller.payout_country.code) == ("", "")


def test_changing_kind_asks_for_the_number_again(complete_seller, clock):
    services.change_seller_kind(seller=complete_seller, kind="individual", now=clock.now())

    complete_seller.refresh_from_db()
    assert (complete_seller.kind, complete_seller.registration_number) == ("individual", "")


def test_store_is_created_with_its_description(draft_seller, clock):
    store = services.create_store(seller=draft_seller, now=clock.now(), **STORE)

    assert (store.slug, store.settlement_currency, store.opened_on) == (
        "muster-werkzeug",
        "EUR",
        clock.now().date(),
    )
    assert store.languages_spoken == ["de", "en"]
    assert store.translations.get().language == "de"


def test_store_slug_must_be_unique(draft_seller, seller_factory, clock):
    seller_factory("complete", slug="muster-werkzeug")

    with pytest.raises(errors.StoreSlugTaken) as caught:
        services.create_store(
            seller=draft_seller, now=clock.now(), **{**STORE, "slug": "Muster-Werkzeug"}
        )

    assert list(caught.value.fields) == ["slug"]
    assert not Store.objects.filter(seller=draft_seller).exists()


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"settlement_currency": "ABC"}, "settlement_currency"),
        ({"slug": "no spaces"}, "slug"),
        ({"country": "XX"}, "country"),
        ({"original_language": "xx"}, "original_language"),
        ({"name": " "}, "name"),
    ],
)
def test_invalid_store_fields_create_nothing(draft_seller, clock, changes, field):
    with pytest.raises(errors.InvalidStore) as caught:
        services.create_store(seller=draft_seller, now=clock.now(), **{**STORE, **changes})

    assert (caught.value.code, list(caught.value.fields)) == ("invalid_store", [field])
    assert Store.objects.count() == 0


def test_submit_moves_to_submitted_with_self_certification(complete_seller, clock):
    services.submit_application(seller=complete_seller, self_certified=True, now=clock.now())

    complete_seller.refresh_from_db()
    assert (complete_seller.status, complete_seller.self_certified_at) == (
        "submitted",
        clock.now(),
    )
    event = SellerEvent.objects.get(seller=complete_seller)
    assert (event.from_status, event.to_status, event.actor_id) == (
        "draft",
        "submitted",
        complete_seller.user_id,
    )


def test_submit_incomplete_lists_what_is_missing(draft_seller, clock):
    with pytest.raises(errors.IncompleteApplication) as caught:
        services.submit_application(seller=draft_seller, self_certified=False, now=clock.now())

    assert caught.value.code == "incomplete_application"
    assert {"legal_name", "payout", "store", "self_certified"} <= set(caught.value.fields)
    draft_seller.refresh_from_db()
    assert draft_seller.status == SellerStatus.DRAFT
    assert not SellerEvent.objects.exists()


def test_submit_without_self_certification_is_refused(complete_seller, clock):
    with pytest.raises(errors.IncompleteApplication) as caught:
        services.submit_application(seller=complete_seller, self_certified=False, now=clock.now())

    assert list(caught.value.fields) == ["self_certified"]
    complete_seller.refresh_from_db()
    assert (complete_seller.status, complete_seller.self_certified_at) == ("draft", None)


def test_submitted_application_is_locked(submitted_seller, clock):
    with pytest.raises(errors.ApplicationLocked) as caught:
        services.update_trader_details(
            seller=submitted_seller, data=details(legal_name="Other GmbH"), now=clock.now()
        )

    assert caught.value.code == "seller_application_locked"
    submitted_seller.refresh_from_db()
    assert submitted_seller.legal_name == "Muster Handel GmbH"


def test_rejected_seller_can_fix_and_resubmit(seller_factory, clock):
    seller = seller_factory("rejected")

    services.update_trader_details(seller=seller, data=details(city="Aachen"), now=clock.now())
    services.submit_application(seller=seller, self_certified=True, now=clock.now())

    seller.refresh_from_db()
    assert (seller.status, seller.rejection_reason) == ("submitted", "")


def test_verified_store_keeps_its_address(verified_seller, clock):
    store = verified_seller.store
    changes = {**STORE, "slug": "new-address", "settlement_currency": "EUR"}

    with pytest.raises(errors.StoreSlugLocked):
        services.update_store(seller=verified_seller, now=clock.now(), **changes)

    renamed = services.update_store(
        seller=verified_seller, now=clock.now(), **{**STORE, "slug": store.slug, "name": "Neu"}
    )
    assert (renamed.slug, renamed.name) == (store.slug, "Neu")
