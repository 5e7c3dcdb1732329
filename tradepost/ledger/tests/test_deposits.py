"""Seller deposits: paid into the deposit account, returned in full once."""

import pytest

from tradepost.catalog.testing import make_seller_store
from tradepost.ledger import accounts, selectors, services
from tradepost.ledger.errors import NothingToReturn

pytestmark = pytest.mark.django_db


def test_a_deposit_is_held_then_returned_once(clock):
    seller = make_seller_store(currency="CNY").seller
    services.record_deposit_paid(
        reference="deposit:1", seller=seller, currency="CNY", amount_minor=100000, now=clock.now()
    )
    deposit = accounts.seller_deposit(seller, "CNY")
    assert selectors.account_balance(deposit) == 100000

    entry = services.return_deposit(
        reference="return:1", seller=seller, currency="CNY", now=clock.now()
    )
    again = services.return_deposit(
        reference="return:1", seller=seller, currency="CNY", now=clock.now()
    )

    assert again.pk == entry.pk
    assert selectors.account_balance(deposit) == 0
    assert selectors.account_balance(accounts.gateway_clearing("CNY")) == 0
    assert selectors.check_invariants() == []
    with pytest.raises(NothingToReturn):
        services.return_deposit(
            reference="return:2", seller=seller, currency="CNY", now=clock.now()
        )
