"""The one source of "now" (DESIGN.md §4: a clock is injectable in tests).

Services take `now=` from their caller; callers at the edge (views, API handlers, tasks) pass
`clock.now()`. Tests freeze or move time with the `clock` fixture, which uses `frozen_at`.
"""

import contextlib
import datetime as dt
from collections.abc import Iterator

from django.utils import timezone

_frozen: dt.datetime | None = None


def now() -> dt.datetime:
    return _frozen if _frozen is not None else timezone.now()


@contextlib.contextmanager
def frozen_at(moment: dt.datetime) -> Iterator[None]:
    global _frozen  # noqa: PLW0603 - test-only override of the process clock
    if moment.tzinfo is None:
        raise ValueError("frozen_at needs a timezone-aware datetime")
    previous, _frozen = _frozen, moment
    try:
        yield
    finally:
        _frozen = previous


def move_to(moment: dt.datetime) -> None:
    """Move a frozen clock (only inside `frozen_at`)."""
    global _frozen  # noqa: PLW0603
    if _frozen is None:
        raise RuntimeError("the clock is not frozen")
    _frozen = moment
