"""Append-only journal in the database: UPDATE and DELETE of entries and postings raise
(PostgreSQL: a plpgsql trigger function; SQLite: RAISE(ABORT) triggers). See ledger.triggers."""

from django.db import migrations

from tradepost.ledger import triggers


class Migration(migrations.Migration):
    dependencies = [("ledger", "0001_initial")]

    operations = [
        migrations.RunPython(triggers.install_for_migration, triggers.uninstall_for_migration),
    ]
