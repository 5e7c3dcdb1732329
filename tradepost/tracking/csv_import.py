"""Tracking events from a CSV file (staff console page and `manage.py import_tracking`).

Columns (a header row first, in any order): carrier, tracking_number, event_id, occurred_at,
status, location, description — the webhook's fields, checked the same way. A file is all or
nothing: any malformed row, or a row about a parcel no order shipped with, refuses the whole
file with each problem named by its row number (the header is row 1), nothing stored.
"""

import csv
import datetime as dt
import io

from django.utils.translation import gettext as _

from tradepost.tracking import errors, services
from tradepost.tracking.models import EventSource

COLUMNS = (
    "carrier", "tracking_number", "event_id", "occurred_at", "status", "location", "description"
)  # fmt: skip
REQUIRED = frozenset(COLUMNS[:5])
MAX_ROWS = 5000
MAX_BYTES = 5 * 1024 * 1024


def _refuse(message: str):
    return errors.InvalidTrackingEvents(
        message, fields={"file": [message]}, problems=[services.Problem(_("file"), "", message)]
    )


def _rows(data: bytes) -> tuple[list[tuple[str, dict]], list[services.Problem]]:
    if len(data) > MAX_BYTES:
        raise _refuse(_("The file is larger than 5 MB: split it."))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise _refuse(_("The file is not UTF-8 text.")) from None
    reader = csv.reader(io.StringIO(text, newline=""))
    header = [name.strip().lower() for name in next(reader, [])]
    missing = [name for name in COLUMNS if name in REQUIRED and name not in header]
    if missing:
        raise _refuse(_("Missing columns: %(names)s.") % {"names": ", ".join(missing)})
    rows, problems = [], []
    for number, cells in enumerate(reader, start=2):
        if not any(cell.strip() for cell in cells):
            continue  # blank lines
        place = _("row %(n)s") % {"n": number}
        if len(cells) != len(header):
            message = _("%(found)s cells where the header has %(expected)s.") % {
                "found": len(cells), "expected": len(header)
            }  # fmt: skip
            problems.append(services.Problem(place, "row", message))
            continue
        rows.append((place, dict(zip(header, cells, strict=True))))
    if len(rows) + len(problems) > MAX_ROWS:
        raise _refuse(_("More than %(n)s rows: split the file.") % {"n": MAX_ROWS})
    if not rows and not problems:
        raise _refuse(_("The file has no events."))
    return rows, problems


def import_csv(data: bytes, *, now: dt.datetime) -> services.BatchResult:
    """Check the whole file, then record it as one batch (source "csv"). Raises
    InvalidTrackingEvents or UnknownTrackingNumber, their `context["problems"]` listing each
    row's problems, with nothing stored."""
    rows, problems = _rows(data)
    try:
        events = services.parse_events(rows, now=now)
    except errors.InvalidTrackingEvents as invalid:
        problems = [*problems, *invalid.context["problems"]]
    if problems:
        problems.sort(key=lambda problem: int("".join(filter(str.isdigit, problem.place)) or 0))
        raise services.refusal(errors.InvalidTrackingEvents, problems)
    return services.record_events(events=events, source=EventSource.CSV, now=now)
