"""The journal is append-only: the ORM refuses changes, and so does the database (raw SQL) on
PostgreSQL and SQLite."""

import pytest
from django.db import DatabaseError, connection, transaction

from tradepost.ledger import accounts, triggers
from tradepost.ledger.errors import AppendOnly
from tradepost.ledger.models import JournalEntry, Posting
from tradepost.ledger.selectors import check_invariants
from tradepost.ledger.services import Leg, post

pytestmark = pytest.mark.django_db


@pytest.fixture
def entry(clock):
    return post(
        reference="capture:1",
        kind="capture",
        legs=[
            Leg(accounts.gateway_clearing("EUR"), 500),
            Leg(accounts.escrow("EUR"), -500),
        ],
        now=clock.now(),
    )


def test_the_orm_refuses_to_change_or_delete_entries(entry):
    entry.memo = "changed"
    with pytest.raises(AppendOnly):
        entry.save()
    with pytest.raises(AppendOnly):
        entry.delete()
    with pytest.raises(AppendOnly):
        JournalEntry.objects.filter(pk=entry.pk).update(memo="changed")
    with pytest.raises(AppendOnly):
        JournalEntry.objects.all().delete()
    assert JournalEntry.objects.get().memo == ""


def test_the_orm_refuses_to_change_or_delete_postings(entry):
    posting = entry.postings.first()
    posting.amount_minor = 1
    with pytest.raises(AppendOnly):
        posting.save()
    with pytest.raises(AppendOnly):
        posting.delete()
    with pytest.raises(AppendOnly):
        Posting.objects.update(amount_minor=1)
    with pytest.raises(AppendOnly):
        Posting.objects.filter(pk=posting.pk).delete()
    with pytest.raises(AppendOnly):
        Posting.objects.bulk_update([posting], ["amount_minor"])


def test_a_new_object_with_an_existing_pk_cannot_overwrite(entry):
    copy = JournalEntry(
        pk=entry.pk,
        reference="other",
        kind="capture",
        effective_at=entry.effective_at,
        created_at=entry.created_at,
    )
    with pytest.raises(DatabaseError), transaction.atomic():
        copy.save()
    assert JournalEntry.objects.get().reference == "capture:1"


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE ledger_journalentry SET memo = 'x'",
        "DELETE FROM ledger_journalentry",
        "UPDATE ledger_posting SET amount_minor = amount_minor * 2",
        "DELETE FROM ledger_posting",
    ],
)
def test_raw_sql_updates_and_deletes_fail_in_the_database(entry, sql):
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute(sql)
    assert sorted(Posting.objects.values_list("amount_minor", flat=True)) == [-500, 500]
    assert JournalEntry.objects.get().memo == ""


def test_the_triggers_are_installed_and_checked(db):
    assert triggers.installed(connection) == triggers.expected_names()
    assert check_invariants() == []


def test_a_missing_trigger_is_reported(db):
    name = "ledger_posting_no_delete"
    drop = f"DROP TRIGGER {name}" + (
        " ON ledger_posting" if connection.vendor == "postgresql" else ""
    )
    with connection.cursor() as cursor:
        cursor.execute(drop)
    try:
        assert check_invariants() == [f"append-only trigger missing: {name}"]
    finally:
        triggers.install(connection)
    assert check_invariants() == []
