"""Hot read queries, prepared once per PostgreSQL connection.

Django's psycopg backend binds parameters on the client: every execution sends a new SQL text,
which PostgreSQL parses and plans again — for the few small reads that every storefront request
makes (catalog versions, the revisions of a page of listings), planning cost more than running.
On PostgreSQL these reads go through a server-binding cursor: psycopg prepares a query the
first time it runs on a connection (`prepare_threshold` in settings) and later executions skip
parsing and planning. Pooled connections live across requests, so the plans do too.

The queries are logged like any other (Django's cursor wrapper): `assertNumQueries` and
`CaptureQueriesContext` see them. Elsewhere (SQLite) this is a plain cursor.
"""

from collections.abc import Sequence
from contextlib import contextmanager

import psycopg
from django.db import connection
from django.db.backends.utils import CursorDebugWrapper, CursorWrapper


def is_postgres() -> bool:
    return connection.vendor == "postgresql"


def fetch_all(sql: str, params: Sequence) -> list[tuple]:
    with _cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def fetch_one(sql: str, params: Sequence) -> tuple | None:
    with _cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchone()


def _cursor():
    if not is_postgres():
        return connection.cursor()
    connection.ensure_connection()
    connection.validate_thread_sharing()
    raw = psycopg.Cursor(connection.connection)  # server-side binding: a preparable query
    wrapper = _LoggedCursor if connection.queries_logged else CursorWrapper
    return wrapper(raw, connection)


class _LoggedCursor(CursorDebugWrapper):
    """Logs the SQL as written: a prepared execution leaves psycopg no query text to report."""

    @contextmanager
    def debug_sql(self, sql=None, params=None, use_last_executed_query=False, many=False):
        with super().debug_sql(sql, params, use_last_executed_query=False, many=many):
            yield
