"""Deposits: the publish gate, paying, capture by payments (idempotent), the status machine."""

from types import SimpleNamespace

import pytest

from tradepost.api.testing import bearer, error_of, send
from tradepost.catalog import services as catalog
from tradepost.catalog.testing import make_category, make_product
from tradepost.sellers import deposits, errors, services
from tradepost.sellers.models import SellerDeposit, SellerDepositEvent
from tradepost.sellers.states import DepositStatus
from tradepost.sellers.testing import KR_COMPANY

pytestmark = pytest.mark.django_db


@pytest.fixture
def phones(db):
    category = make_category(path=["electronics", "phones"])
    category.deposit_minor, category.deposit_currency = 50_000, "USD"
    category.save()
    return category


@pytest.fixture
def draft(verified_seller, phones):
    return make_product(
        store=verified_seller.store, category=phones, titles={"en": "Phone"}, status="draft",
        variants=[{"sku": "PH-1", "price_minor": 9900, "stock": 3}],
    )  # fmt: skip


def _intent(seller, amount=50_000, currency="USD", public_id="intent-1"):
    return SimpleNamespace(
        public_id=public_id, seller_id=seller.pk, amount_minor=amount, currency=currency
    )


@pytest.fixture
def started(monkeypatch):
    calls = []

    def fake(**kwargs):
        calls.append(kwargs)
        return SimpleNamespace(public_id="intent-1")

    monkeypatch.setattr(deposits, "start_payment", fake)
    return calls


def test_publishing_without_the_deposit_is_refused_and_changes_nothing(draft, clock):
    with pytest.raises(errors.DepositRequired) as caught:
        catalog.publish_product(store=draft.store, product=draft, now=clock.now())
    assert (caught.value.code, caught.value.context) == (
        "deposit_required", {"amount_minor": 50_000, "currency": "USD"},
    )  # fmt: skip
    draft.refresh_from_db()
    assert draft.status == "draft"
    assert not draft.events.exists()


def test_the_api_shows_deposit_required(client, draft, clock):
    headers = bearer(draft.store.seller.user, "catalog:write", "catalog:read")
    response = send(client, "post", f"/api/v1/seller/products/{draft.public_id}/publish", **headers)
    assert response.status_code == 409
    assert error_of(response)["code"] == "deposit_required"
    draft.refresh_from_db()
    assert draft.status == "draft"


def test_a_held_deposit_lets_the_seller_publish(draft, clock):
    seller = draft.store.seller
    services.deposit_paid(seller=seller, intent=_intent(seller), now=clock.now())
    catalog.publish_product(store=draft.store, product=draft, now=clock.now())
    draft.refresh_from_db()
    assert draft.status == "active"


def test_a_smaller_deposit_is_not_enough(draft, clock):
    seller = draft.store.seller
    services.deposit_paid(seller=seller, intent=_intent(seller, amount=10_000), now=clock.now())
    assert deposits.missing_deposit(seller=seller, category=draft.category, on=clock.now().date())
    assert deposits.missing_deposit(
        seller=seller, category=draft.category, on=clock.now().date()
    ) == (40_000, "USD")


def test_the_korea_programme_waives_the_deposit(seller_factory, phones, clock):
    seller = seller_factory("verified", details=KR_COMPANY)
    product = make_product(
        store=seller.store, category=phones, titles={"en": "Phone"}, status="draft",
        variants=[{"sku": "KR-1", "price_minor": 9900, "stock": 3}],
    )  # fmt: skip
    catalog.publish_product(store=seller.store, product=product, now=clock.now())
    product.refresh_from_db()
    assert product.status == "active"


def test_unhiding_checks_the_deposit_too(verified_seller, phones, clock):
    product = make_product(
        store=verified_seller.store, category=phones, titles={"en": "Phone"}, status="hidden",
        variants=[{"sku": "HID-1", "price_minor": 9900, "stock": 3}],
    )  # fmt: skip
    with pytest.raises(errors.DepositRequired):
        catalog.unhide_product(store=verified_seller.store, product=product, now=clock.now())


def test_paying_opens_one_required_row_and_starts_the_payment(
    verified_seller, phones, started, clock
):
    for _ in range(2):
        intent = deposits.pay_deposit(
            seller=verified_seller, currency="USD", categories=[phones], now=clock.now()
        )
    assert intent.public_id == "intent-1"
    assert started[0] == {"seller": verified_seller, "amount_minor": 50_000, "currency": "USD",
                          "now": clock.now()}  # fmt: skip
    row = SellerDeposit.objects.get(seller=verified_seller)
    assert (row.status, row.amount_minor, row.currency) == ("required", 50_000, "USD")


def test_paying_when_nothing_is_due_is_refused(verified_seller, phones, started, clock):
    services.deposit_paid(seller=verified_seller, intent=_intent(verified_seller), now=clock.now())
    with pytest.raises(errors.NoDepositDue):
        deposits.pay_deposit(
            seller=verified_seller, currency="USD", categories=[phones], now=clock.now()
        )
    with pytest.raises(errors.NoDepositDue):
        deposits.pay_deposit(
            seller=verified_seller, currency="EUR", categories=[phones], now=clock.now()
        )
    assert started == []


def test_only_a_verified_seller_pays(submitted_seller, phones, started, clock):
    with pytest.raises(errors.StoreNotOpen):
        deposits.pay_deposit(
            seller=submitted_seller, currency="USD", categories=[phones], now=clock.now()
        )


def test_capture_holds_the_started_row_once(verified_seller, phones, started, clock):
    deposits.pay_deposit(
        seller=verified_seller, currency="USD", categories=[phones], now=clock.now()
    )
    for _ in range(3):  # duplicated webhooks
        held = services.deposit_paid(
            seller=verified_seller, intent=_intent(verified_seller), now=clock.now()
        )
    row = SellerDeposit.objects.get(seller=verified_seller)
    assert (row.pk, row.status, row.payment_ref, row.held_at) == (
        held.pk, "held", "intent-1", clock.now(),
    )  # fmt: skip
    event = SellerDepositEvent.objects.get(deposit=row)
    assert (event.from_status, event.to_status) == ("required", "held")


def test_another_sellers_intent_is_refused(verified_seller, seller_factory, clock):
    other = seller_factory("verified")
    with pytest.raises(ValueError, match="another seller"):
        services.deposit_paid(seller=verified_seller, intent=_intent(other), now=clock.now())
    assert not SellerDeposit.objects.exists()


def test_illegal_deposit_moves_raise(verified_seller, clock):
    services.deposit_paid(seller=verified_seller, intent=_intent(verified_seller), now=clock.now())
    row = SellerDeposit.objects.get()
    with pytest.raises(errors.IllegalDepositTransition):
        deposits.transition_deposit(row, to=DepositStatus.HELD, now=clock.now())
    with pytest.raises(errors.IllegalDepositTransition):
        deposits.transition_deposit(row, to=DepositStatus.REQUIRED, now=clock.now())


def test_deposits_due_takes_the_largest_per_currency(verified_seller, phones, clock):
    laptops = make_category(path=["electronics", "laptops"])
    laptops.deposit_minor, laptops.deposit_currency = 80_000, "USD"
    books = make_category(path=["books"])
    due = deposits.deposits_due(
        seller=verified_seller, categories=[phones, laptops, books], on=clock.now().date()
    )
    assert [(d.currency, d.required_minor, d.owed_minor) for d in due] == [("USD", 80_000, 80_000)]


def test_moving_a_listed_product_into_a_deposit_category_needs_the_deposit(
    verified_seller, phones, clock
):
    free = make_category(path=["garden"])
    listed = make_product(
        store=verified_seller.store, category=free, titles={"en": "Spade"},
        variants=[{"sku": "SP-1", "price_minor": 900, "stock": 3}],
    )  # fmt: skip
    with pytest.raises(errors.DepositRequired):
        catalog.update_product(
            store=verified_seller.store, product=listed, category=phones, now=clock.now()
        )
    listed.refresh_from_db()
    assert listed.category_id == free.pk
