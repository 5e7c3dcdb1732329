"""Finance staff set the fees: fee programmes (create, edit, end) and a seller's own rate.

Only staff with `sellers.manage_fees` may. A programme's period is half-open (see sellers.fees):
`ends_on` must come after `starts_on`, and two programmes of one country may not overlap.
Ending a programme sets `ends_on` to today (it no longer applies from today), or to its start
when it has not started yet. Commissions are computed when escrow is released, so a change
applies to every release from then on and never to entries already posted.
"""

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _
from django_countries import countries

from tradepost.errors import PermissionDenied
from tradepost.sellers import errors
from tradepost.sellers.models import MAX_BPS, FeeProgramme, Seller

MANAGE_PERMISSION = "sellers.manage_fees"


@dataclass(frozen=True)
class ProgrammeInput:
    name: str
    country: str
    starts_on: dt.date
    ends_on: dt.date
    commission_bps: int | None = None
    waives_deposit: bool = False


def require_fee_staff(staff) -> None:
    if not (staff is not None and staff.is_staff and staff.has_perm(MANAGE_PERMISSION)):
        raise PermissionDenied()


def _bps_problem(bps: int | None) -> str | None:
    if bps is not None and not 0 <= bps <= MAX_BPS:
        return str(errors.InvalidCommission.default_message)
    return None


def _clean(data: ProgrammeInput) -> ProgrammeInput:
    problems: dict[str, list[str]] = {}
    name, country = data.name.strip(), data.country.strip().upper()
    if not name:
        problems["name"] = [_("This field is required.")]
    if country not in countries:
        problems["country"] = [_("Choose a valid country.")]
    if data.ends_on <= data.starts_on:
        problems["ends_on"] = [_("The end must come after the start.")]
    if bps_problem := _bps_problem(data.commission_bps):
        problems["commission_bps"] = [bps_problem]
    if problems:
        raise errors.InvalidFeeProgramme(fields=problems)
    return ProgrammeInput(name, country, data.starts_on, data.ends_on, data.commission_bps,
                          data.waives_deposit)  # fmt: skip


def _check_overlap(data: ProgrammeInput, exclude: int | None = None) -> None:
    clash = (
        FeeProgramme.objects.select_for_update()
        .filter(country=data.country, starts_on__lt=data.ends_on, ends_on__gt=data.starts_on)
        .exclude(pk=exclude)
        .first()
    )
    if clash is not None:
        message = _("It overlaps “%(name)s” (%(start)s – %(end)s) for the same country.") % {
            "name": clash.name, "start": clash.starts_on, "end": clash.ends_on,
        }  # fmt: skip
        raise errors.InvalidFeeProgramme(message, fields={"starts_on": [message]})


def get_programme(*, public_id: str) -> FeeProgramme:
    programme = FeeProgramme.objects.filter(public_id=public_id).first()
    if programme is None:
        raise errors.FeeProgrammeNotFound()
    return programme


@transaction.atomic
def create_programme(*, staff, data: ProgrammeInput, now: dt.datetime) -> FeeProgramme:
    require_fee_staff(staff)
    clean = _clean(data)
    _check_overlap(clean)
    return FeeProgramme.objects.create(
        name=clean.name, country=clean.country, starts_on=clean.starts_on, ends_on=clean.ends_on,
        commission_bps=clean.commission_bps, waives_deposit=clean.waives_deposit,
        created_at=now, updated_at=now,
    )  # fmt: skip


@transaction.atomic
def update_programme(
    *, staff, public_id: str, data: ProgrammeInput, now: dt.datetime
) -> FeeProgramme:
    require_fee_staff(staff)
    programme = get_programme(public_id=public_id)
    clean = _clean(data)
    _check_overlap(clean, exclude=programme.pk)
    for name in ("name", "country", "starts_on", "ends_on", "commission_bps", "waives_deposit"):
        setattr(programme, name, getattr(clean, name))
    programme.updated_at = now
    programme.save()
    return programme


@transaction.atomic
def end_programme(*, staff, public_id: str, now: dt.datetime) -> FeeProgramme:
    """It no longer applies from today; an ended programme stays as it is."""
    require_fee_staff(staff)
    programme = FeeProgramme.objects.select_for_update().filter(public_id=public_id).first()
    if programme is None:
        raise errors.FeeProgrammeNotFound()
    today = now.date()
    if programme.ends_on > today:
        programme.ends_on = max(programme.starts_on, today)
        programme.updated_at = now
        programme.save(update_fields=["ends_on", "updated_at"])
    return programme


@transaction.atomic
def set_commission_override(
    *, staff, seller: Seller, commission_bps: int | None, now: dt.datetime
) -> Seller:
    """The seller's own rate in basis points, or None to follow programmes and categories."""
    require_fee_staff(staff)
    if problem := _bps_problem(commission_bps):
        raise errors.InvalidCommission(fields={"commission_bps": [problem]})
    Seller.objects.filter(pk=seller.pk).update(commission_bps_override=commission_bps)
    seller.commission_bps_override = commission_bps
    return seller
