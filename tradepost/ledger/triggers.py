"""Database triggers that make the journal append-only (RELIABILITY.md §3, invariant 3).

Any UPDATE or DELETE of a `ledger_journalentry` or `ledger_posting` row raises, whoever sends it
(ORM, raw SQL, a database shell). Installed by migration 0002 for PostgreSQL and SQLite.

Two things wipe tables without row triggers and are deliberate: PostgreSQL's TRUNCATE (used by
`manage.py flush`) and, on SQLite, `manage.py flush` itself, which this app overrides to lift the
triggers for the duration of the wipe (ledger/management/commands/flush.py).

SQLite drops a table's triggers when a migration rebuilds the table (its way of altering
columns): such a migration must call `install()` again. `check_invariants()` reports missing
triggers.
"""

TABLES = ("ledger_journalentry", "ledger_posting")
_OPERATIONS = ("update", "delete")
_PG_FUNCTION = "ledger_refuse_change"


def _name(table: str, operation: str) -> str:
    return f"{table}_no_{operation}"


def expected_names() -> set[str]:
    return {_name(table, op) for table in TABLES for op in _OPERATIONS}


def _sqlite_install() -> list[str]:
    return [
        f"CREATE TRIGGER IF NOT EXISTS {_name(table, op)} BEFORE {op.upper()} ON {table} "
        f"BEGIN SELECT RAISE(ABORT, 'ledger is append-only: {op} on {table} refused'); END"
        for table in TABLES
        for op in _OPERATIONS
    ]


def _postgres_install() -> list[str]:
    statements = [
        f"CREATE OR REPLACE FUNCTION {_PG_FUNCTION}() RETURNS trigger LANGUAGE plpgsql AS $$ "
        "BEGIN RAISE EXCEPTION 'ledger is append-only: % on % refused', TG_OP, TG_TABLE_NAME "
        "USING ERRCODE = 'raise_exception'; END $$"
    ]
    for table in TABLES:
        for op in _OPERATIONS:
            statements.append(f"DROP TRIGGER IF EXISTS {_name(table, op)} ON {table}")
            statements.append(
                f"CREATE TRIGGER {_name(table, op)} BEFORE {op.upper()} ON {table} "
                f"FOR EACH ROW EXECUTE FUNCTION {_PG_FUNCTION}()"
            )
    return statements


def _uninstall(vendor: str) -> list[str]:
    if vendor == "postgresql":
        drops = [
            f"DROP TRIGGER IF EXISTS {_name(t, op)} ON {t}" for t in TABLES for op in _OPERATIONS
        ]
        return [*drops, f"DROP FUNCTION IF EXISTS {_PG_FUNCTION}()"]
    return [f"DROP TRIGGER IF EXISTS {_name(t, op)}" for t in TABLES for op in _OPERATIONS]


def install(connection) -> None:
    statements = {"postgresql": _postgres_install, "sqlite": _sqlite_install}.get(connection.vendor)
    if statements is None:
        return  # other databases: the ORM guard only
    with connection.cursor() as cursor:
        for sql in statements():
            cursor.execute(sql)


def uninstall(connection) -> None:
    with connection.cursor() as cursor:
        for sql in _uninstall(connection.vendor):
            cursor.execute(sql)


def installed(connection) -> set[str]:
    """Names of the append-only triggers present in the database."""
    if connection.vendor == "postgresql":
        sql = "SELECT tgname FROM pg_trigger WHERE NOT tgisinternal AND tgenabled <> 'D'"
    elif connection.vendor == "sqlite":
        sql = "SELECT name FROM sqlite_master WHERE type = 'trigger'"
    else:
        return set()
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return {row[0] for row in cursor.fetchall()} & expected_names()


# Migration callables -----------------------------------------------------------------------------


def install_for_migration(apps, schema_editor) -> None:
    install(schema_editor.connection)


def uninstall_for_migration(apps, schema_editor) -> None:
    uninstall(schema_editor.connection)
