"""Closing a store: refused with open orders or money; otherwise closed, hidden, deposits back."""

from types import SimpleNamespace

import pytest

from tradepost.accounts.roles import SELLER
from tradepost.cart.testing import cart_with, make_buyer, place
from tradepost.catalog.testing import make_category, make_product, make_seller_store
from tradepost.notifications.models import OutboxEvent
from tradepost.orders.models import Order
from tradepost.sellers import closing, errors, selectors, services
from tradepost.sellers.models import SellerDeposit, SellerEvent

pytestmark = pytest.mark.django_db


class FakeLedger:
    def __init__(self):
        self.balances: dict = {}
        self.returned: list[dict] = []


@pytest.fixture
def ledger(monkeypatch):
    fake = FakeLedger()
    monkeypatch.setattr(closing, "seller_balances", lambda seller: fake.balances)
    monkeypatch.setattr(closing, "_return_deposit", lambda **kw: fake.returned.append(kw))
    return fake


def _hold(seller, clock, ref, amount=50_000, currency="USD"):
    intent = SimpleNamespace(
        public_id=ref, seller_id=seller.pk, amount_minor=amount, currency=currency
    )
    return services.deposit_paid(seller=seller, intent=intent, now=clock.now())


def test_closing_hides_the_store_and_returns_each_deposit(verified_seller, ledger, clock):
    seller = verified_seller
    usd = [_hold(seller, clock, "i-1"), _hold(seller, clock, "i-2", amount=1_000)]
    eur = _hold(seller, clock, "i-3", currency="EUR")
    clock.advance(hours=1)

    services.close_store(seller=seller, now=clock.now())

    seller.refresh_from_db()
    assert (seller.status, seller.status_changed_at) == ("closed", clock.now())
    assert SellerEvent.objects.filter(seller=seller, to_status="closed").count() == 1
    assert not selectors.list_public_stores().filter(pk=seller.store.pk).exists()
    assert not seller.user.groups.filter(name=SELLER).exists()
    assert OutboxEvent.objects.filter(topic="seller.closed").count() == 1
    assert sorted((r["currency"], r["reference"]) for r in ledger.returned) == [
        ("EUR", f"deposit-return:{eur.public_id}"),
        ("USD", f"deposit-return:{usd[1].public_id}"),
    ]
    assert set(SellerDeposit.objects.values_list("status", flat=True)) == {"returned"}
    assert seller.can_publish is False


def test_open_orders_keep_the_store_open(ledger, clock):
    store = make_seller_store(currency="EUR")
    product = make_product(
        store=store, category=make_category(["garden"]), variants=[{"stock": 10}]
    )
    seller = product.store.seller
    buyer = make_buyer()
    cart_with(buyer, (product.variants.get(), 1))
    order = place(buyer).orders.get()

    with pytest.raises(errors.StoreHasObligations) as caught:
        services.close_store(seller=seller, now=clock.now())
    assert caught.value.code == "store_has_obligations"
    assert set(caught.value.fields) == {"orders"}
    seller.refresh_from_db()
    assert seller.status == "verified"

    for finished in ("completed", "cancelled", "refunded"):
        Order.objects.filter(pk=order.pk).update(status=finished)
        assert closing.obligations(seller) == {}


@pytest.mark.parametrize("part", ["in_escrow", "available", "in_payout"])
def test_money_in_the_ledger_keeps_the_store_open(verified_seller, ledger, clock, part):
    held = _hold(verified_seller, clock, "i-1")
    amounts = {"in_escrow": 0, "available": 0, "in_payout": 0, part: 1}
    ledger.balances = {"EUR": SimpleNamespace(**amounts)}
    with pytest.raises(errors.StoreHasObligations) as caught:
        services.close_store(seller=verified_seller, now=clock.now())
    assert set(caught.value.fields) == {"balance"}
    held.refresh_from_db()
    assert (held.status, ledger.returned) == ("held", [])


def test_zero_balances_do_not_count(verified_seller, ledger, clock):
    ledger.balances = {"EUR": SimpleNamespace(in_escrow=0, available=0, in_payout=0)}
    services.close_store(seller=verified_seller, now=clock.now())
    assert verified_seller.status == "closed"


@pytest.mark.parametrize("status", ["submitted", "suspended", "closed"])
def test_only_a_verified_seller_closes(seller_factory, ledger, clock, status):
    seller = seller_factory(status)
    with pytest.raises(errors.StoreNotOpen):
        services.close_store(seller=seller, now=clock.now())


def test_a_deposit_captured_after_closing_goes_back_at_once(verified_seller, ledger, clock):
    services.close_store(seller=verified_seller, now=clock.now())
    late = _hold(verified_seller, clock, "i-late")
    assert late.status == "returned"
    assert ledger.returned == [
        {"reference": f"deposit-return:{late.public_id}", "seller": verified_seller,
         "currency": "USD", "now": clock.now()},
    ]  # fmt: skip


def test_with_the_real_ledger_the_deposit_account_is_emptied(verified_seller, clock):
    from tradepost.ledger import accounts, selectors
    from tradepost.ledger import services as ledger

    ledger.record_deposit_paid(
        reference="deposit:i-1", seller=verified_seller, currency="USD", amount_minor=50_000,
        now=clock.now(),
    )  # fmt: skip
    _hold(verified_seller, clock, "i-1")
    account = accounts.seller_deposit(verified_seller, "USD")
    assert abs(selectors.account_balance(account)) == 50_000

    services.close_store(seller=verified_seller, now=clock.now())

    assert selectors.account_balance(account) == 0
    assert selectors.check_invariants() == []
