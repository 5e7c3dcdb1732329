"""post(): balanced per currency or nothing, idempotent by reference."""

import pytest

from tradepost.ledger import accounts, selectors
from tradepost.ledger.errors import InvalidLegs, ReferenceConflict, UnbalancedEntry
from tradepost.ledger.models import JournalEntry, Posting
from tradepost.ledger.services import Leg, post

pytestmark = pytest.mark.django_db


def _legs(amount=500, currency="EUR"):
    return [
        Leg(accounts.gateway_clearing(currency), amount),
        Leg(accounts.commission_revenue(currency), -amount),
    ]


def test_a_balanced_entry_is_posted_with_its_postings(clock):
    entry = post(reference="r1", kind="capture", legs=_legs(), now=clock.now(), memo="m")

    assert entry.effective_at == clock.now()
    assert sorted(entry.postings.values_list("amount_minor", flat=True)) == [-500, 500]
    assert selectors.account_balance(accounts.gateway_clearing("EUR")) == 500
    assert selectors.account_balance(accounts.commission_revenue("EUR")) == 500  # credit-normal
    assert selectors.check_invariants() == []


def test_an_unbalanced_entry_writes_nothing(clock):
    legs = [Leg(accounts.gateway_clearing("EUR"), 500), Leg(accounts.escrow("EUR"), -499)]

    with pytest.raises(UnbalancedEntry) as raised:
        post(reference="r1", kind="capture", legs=legs, now=clock.now())

    assert raised.value.code == "ledger_unbalanced"
    assert raised.value.context["unbalanced"] == {"EUR": 1}
    assert not JournalEntry.objects.exists()
    assert not Posting.objects.exists()


def test_each_currency_must_balance_on_its_own(clock):
    # 500 EUR against 500 JPY sums to zero overall but balances in neither currency.
    legs = [Leg(accounts.gateway_clearing("EUR"), 500), Leg(accounts.escrow("JPY"), -500)]
    with pytest.raises(UnbalancedEntry):
        post(reference="r1", kind="capture", legs=legs, now=clock.now())

    both = [*_legs(500, "EUR"), *_legs(700, "JPY")]
    entry = post(reference="r2", kind="capture", legs=both, now=clock.now())
    assert entry.postings.count() == 4


@pytest.mark.parametrize("amounts", [[], [0, 0], [500], [500.0, -500.0], [True, -1]])
def test_legs_must_be_integers_and_at_least_two(clock, amounts):
    account = accounts.escrow("EUR")
    with pytest.raises(InvalidLegs):
        post(
            reference="r", kind="capture", legs=[Leg(account, a) for a in amounts], now=clock.now()
        )


def test_zero_legs_are_dropped(clock):
    legs = [*_legs(), Leg(accounts.fx_difference("EUR"), 0)]
    entry = post(reference="r1", kind="capture", legs=legs, now=clock.now())
    assert entry.postings.count() == 2


def test_a_repeated_reference_posts_nothing_and_returns_the_first_entry(clock):
    first = post(reference="capture:abc", kind="capture", legs=_legs(), now=clock.now())
    again = post(reference="capture:abc", kind="capture", legs=_legs(), now=clock.now())

    assert again.pk == first.pk
    assert JournalEntry.objects.count() == 1
    assert Posting.objects.count() == 2


def test_a_reference_reused_for_another_movement_is_refused(clock):
    post(reference="capture:abc", kind="capture", legs=_legs(500), now=clock.now())

    with pytest.raises(ReferenceConflict):
        post(reference="capture:abc", kind="capture", legs=_legs(600), now=clock.now())
    with pytest.raises(ReferenceConflict):
        post(reference="capture:abc", kind="refund", legs=_legs(500), now=clock.now())
    assert Posting.objects.count() == 2


def test_accounts_are_one_per_kind_owner_and_currency(db):
    assert accounts.escrow("EUR").pk == accounts.escrow("EUR").pk
    assert accounts.escrow("EUR").pk != accounts.escrow("USD").pk
    assert accounts.tax_payable("es", "EUR").code == "tax_payable:ES:EUR"
    assert accounts.tax_payable("ES", "EUR").jurisdiction == "ES"
