"""Fast bulk INSERT of plain dicts for the demo generator (hundreds of thousands of rows).

`bulk_create` spends most of its time building model instances and preparing each value; here
values are prepared once per column kind (JSON, dates) and sent with `executemany`. Columns
come from the model, so a field added later with a default is filled from that default.
"""

from django.db import connection
from django.db.models import DateField, DateTimeField, JSONField, Max
from django.db.models.fields import NOT_PROVIDED

BATCH = 5000


class NextIds:
    """Explicit primary keys, so children can point at parents without reading them back."""

    def __init__(self, model):
        self.model = model
        self.next = (model.objects.aggregate(top=Max("pk"))["top"] or 0) + 1

    def take(self) -> int:
        self.next += 1
        return self.next - 1

    def reset_sequence(self) -> None:
        """PostgreSQL's sequence must move past the ids given here (SQLite follows by itself)."""
        from django.core.management.color import no_style

        with connection.cursor() as cursor:
            for sql in connection.ops.sequence_reset_sql(no_style(), [self.model]):
                cursor.execute(sql)


def _converter(field):
    if isinstance(field, JSONField):
        return lambda value: connection.ops.adapt_json_value(value, field.encoder)
    if isinstance(field, DateTimeField):
        return connection.ops.adapt_datetimefield_value
    if isinstance(field, DateField):
        return connection.ops.adapt_datefield_value
    return None


class Rows:
    """Collects rows of `model` as dicts keyed by attname and inserts them in batches."""

    def __init__(self, model, *, with_pk: bool = False):
        fields = [
            f for f in model._meta.concrete_fields if with_pk or not f.primary_key
        ]  # fmt: skip
        self.attnames = [f.attname for f in fields]
        self.converters = [_converter(f) for f in fields]
        self.defaults = [self._default(f) for f in fields]
        quote = connection.ops.quote_name
        self.sql = (
            f"INSERT INTO {quote(model._meta.db_table)} "
            f"({', '.join(quote(f.column) for f in fields)}) "
            f"VALUES ({', '.join(['%s'] * len(fields))})"
        )
        self.rows: list[tuple] = []
        self.total = 0

    @staticmethod
    def _default(field):
        if field.default is NOT_PROVIDED:
            return None
        return field.default if callable(field.default) else (lambda: field.default)

    def add(self, values: dict) -> None:
        row = []
        for attname, convert, default in zip(
            self.attnames, self.converters, self.defaults, strict=True
        ):
            if attname in values:
                value = values[attname]
            else:
                value = default() if default is not None else None
            row.append(convert(value) if convert is not None and value is not None else value)
        self.rows.append(tuple(row))
        if len(self.rows) >= BATCH:
            self.flush()

    def flush(self) -> None:
        if self.rows:
            with connection.cursor() as cursor:
                cursor.executemany(self.sql, self.rows)
            self.total += len(self.rows)
            self.rows = []
