"""Version numbers of the public catalog: what cached pages and cached reads are keyed by.

`listings` moves whenever a listing's public face may have changed (edited, re-priced,
published, hidden, removed, its seller suspended or reinstated); `shared` moves when what many
pages show changes (category tree, a store's card, exchange rates). Both live in one database
row bumped inside the transaction of the change, so no process — web worker or background
worker — can serve a page from before a change it has committed.

A request reads the row at most once (the first read is kept until the request ends); outside a
request every call reads it afresh.
"""

import dataclasses
import threading

from django.core.signals import request_finished, request_started
from django.db.models import F

from tradepost.catalog.models import PublicVersion
from tradepost.web import prepared

TABLE = PublicVersion._meta.db_table


@dataclasses.dataclass(frozen=True)
class Versions:
    listings: int
    shared: int

    def __str__(self) -> str:
        return f"{self.listings}.{self.shared}"


_request = threading.local()


def _start(**kwargs) -> None:
    _request.active, _request.versions = True, None


def _finish(**kwargs) -> None:
    _request.active, _request.versions = False, None


request_started.connect(_start, dispatch_uid="catalog.versions.start")
request_finished.connect(_finish, dispatch_uid="catalog.versions.finish")


def current() -> Versions:
    if getattr(_request, "active", False) and _request.versions is not None:
        return _request.versions
    # Plain SQL, prepared: every cached page starts here, and building the ORM query cost more
    # than running it.
    row = prepared.fetch_one(_CURRENT_SQL, ())
    return remember(*row) if row else Versions(0, 0)  # no row: a flushed test database


_CURRENT_SQL = f"SELECT listings, shared FROM {TABLE} WHERE id = 1"  # noqa: S608 - model's table


def remember(listings: int, shared: int) -> Versions:
    """Keep versions read by another query (catalog.selectors.public_product_stamp)."""
    versions = Versions(listings, shared)
    if getattr(_request, "active", False):
        _request.versions = versions
    return versions


def bump(*, listings: bool = True, shared: bool = False) -> None:
    """Call inside the transaction of the change (the row lock is held until it commits)."""
    changes = {}
    if listings:
        changes["listings"] = F("listings") + 1
    if shared:
        changes["shared"] = F("shared") + 1
    if not PublicVersion.objects.filter(id=1).update(**changes):
        PublicVersion.objects.get_or_create(id=1, defaults={"listings": 2, "shared": 2})
    _request.versions = None  # this request must not keep serving what it just changed
