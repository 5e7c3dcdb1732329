"""What a seller pays us: the commission rate on a sale, and the deposit a category asks for.

Order of precedence for the commission (basis points, 100 = 1 %):

1. the seller's own override (`Seller.commission_bps_override`, set by finance staff);
2. the fee programme active for the seller's country on that day, when it sets a rate;
3. the category's rate (`Category.commission_bps`; each category has its own value).

A programme applies from `starts_on` (included) to `ends_on` (excluded). When programmes of
one country overlap (the console refuses it, but rows may predate that rule), the one that started
last wins. `on` is the day that counts: the ledger passes the day the escrow is released.

Nothing here writes; the console's writes are in sellers.fee_admin.
"""

import datetime as dt
from typing import Protocol

from tradepost.sellers.models import FeeProgramme, Seller


class _Category(Protocol):  # catalog.models.Category; sellers may not import catalog
    commission_bps: int
    deposit_minor: int
    deposit_currency: str


def active_programme(*, seller: Seller, on: dt.date) -> FeeProgramme | None:
    """The programme for the seller's country that applies on day `on`, if any."""
    country = seller.country.code if seller.country else ""
    if not country:
        return None
    return (
        FeeProgramme.objects.filter(country=country, starts_on__lte=on, ends_on__gt=on)
        .order_by("-starts_on", "-id")
        .first()
    )


def commission_bps(*, seller: Seller, category: _Category, on: dt.date) -> int:
    """The commission rate in basis points for a sale by `seller` in `category` on day `on`."""
    if seller.commission_bps_override is not None:
        return seller.commission_bps_override
    programme = active_programme(seller=seller, on=on)
    if programme is not None and programme.commission_bps is not None:
        return programme.commission_bps
    return category.commission_bps


def deposit_required(*, seller: Seller, category: _Category, on: dt.date) -> tuple[int, str] | None:
    """(amount_minor, currency) the category asks of this seller before publishing, or None.

    None when the category asks for no deposit or a programme waives it for the seller. Whether
    the seller already holds it is sellers.deposits' question (`missing_deposit`).
    """
    if not category.deposit_minor:
        return None
    programme = active_programme(seller=seller, on=on)
    if programme is not None and programme.waives_deposit:
        return None
    return category.deposit_minor, category.deposit_currency


# The programmes every marketplace starts with (the 0004 migration seeds the same): sellers
# from Korea pay no commission and no deposit for five years from 2024-09-25 (end excluded).
SEEDED_PROGRAMMES = (
    {
        "name": "Korea seller programme",
        "country": "KR",
        "starts_on": dt.date(2024, 9, 25),
        "ends_on": dt.date(2029, 9, 25),
        "commission_bps": 0,
        "waives_deposit": True,
    },
)


def ensure_seeded_programmes(*, using: str = "default") -> int:
    """Create any seeded programme that is missing (by name and country); staff edits to an
    existing one are kept. Returns how many were created."""
    created = 0
    stamp = dt.datetime(2024, 9, 25, tzinfo=dt.UTC)
    for spec in SEEDED_PROGRAMMES:
        rows = FeeProgramme.objects.using(using)
        if rows.filter(name=spec["name"], country=spec["country"]).exists():
            continue
        rows.create(**spec, created_at=stamp, updated_at=stamp)
        created += 1
    return created
