"""`manage.py flush` that can also wipe the ledger on SQLite.

Flush deletes every row of every table on purpose (tests that commit use it between tests). On
PostgreSQL it uses TRUNCATE, which the append-only row triggers do not see; on SQLite it sends
`DELETE FROM`, which they refuse. So on SQLite the triggers are lifted for the wipe and put back
afterwards, whatever happens.
"""

from django.core.management.commands import flush
from django.db import DEFAULT_DB_ALIAS, connections

from tradepost.ledger import triggers


class Command(flush.Command):
    def handle(self, **options):
        connection = connections[options.get("database") or DEFAULT_DB_ALIAS]
        if connection.vendor != "sqlite":
            return super().handle(**options)
        lifted = bool(triggers.installed(connection))
        if lifted:
            triggers.uninstall(connection)
        try:
            return super().handle(**options)
        finally:
            if lifted:
                triggers.install(connection)
