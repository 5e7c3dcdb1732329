"""Tracking writes: a shipment when the seller ships, and the carriers' events after it.

Events come in batches (a webhook call, a CSV file) and a batch is all or nothing: every event is
checked first — its format, then that its parcel is one of ours — and one bad event refuses the
whole batch with each problem named by its place ("events[2]", "row 5"), nothing stored. A
repeat of an event already stored (same carrier event id for the parcel) is skipped. Events may
arrive in any order: they are kept with the time they happened and listed by it. A "delivered"
event moves a shipped order to delivered (orders.services.mark_delivered, which restarts the
buyer's protection countdown from the moment we learn of it); nothing ever moves an order back.
"""

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from tradepost.orders import errors as order_errors
from tradepost.orders.models import Order
from tradepost.shipping import carriers
from tradepost.tracking import errors
from tradepost.tracking.models import Shipment, TrackingEvent, TrackingStatus

MAX_EVENTS = 1000
MAX_EVENT_ID = 100
MAX_LOCATION = 200
MAX_DESCRIPTION = 500
# A carrier's clock may run a little ahead of ours; an event further in the future is refused.
FUTURE_SKEW = dt.timedelta(hours=1)
_NUMBER = re.compile(r"[A-Z0-9]{5,40}")


@dataclass(frozen=True)
class EventInput:
    place: str  # where it came from, for messages: "events[2]" or "row 5"
    carrier: str
    tracking_number: str
    event_id: str
    occurred_at: dt.datetime
    status: str
    location: str
    description: str


@dataclass(frozen=True)
class Problem:
    place: str
    field: str
    message: str


@dataclass(frozen=True)
class BatchResult:
    stored: int
    duplicates: int
    delivered: list[str]  # public ids of the orders moved to delivered


# --- carriers ----------------------------------------------------------------------------------


def carrier_code(value: Any) -> str | None:
    """The registry code for a carrier typed as its code or its name ("DHL", "china-post",
    "China Post"), "other" for other, else None."""
    text = value.strip().casefold() if isinstance(value, str) else ""
    if text == carriers.OTHER:
        return carriers.OTHER
    for code, carrier in carriers.CARRIERS.items():
        if text in (code, carrier.name.casefold()):
            return code
    return None


def carrier_name(code: str) -> str:
    carrier = carriers.CARRIERS.get(code)
    return carrier.name if carrier else code


def tracking_url(code: str, number: str) -> str:
    carrier = carriers.CARRIERS.get(code)
    return carrier.url_for(number) if carrier and number else ""


def check_shipment_details(carrier: Any, tracking_number: Any) -> tuple[str, str]:
    """(carrier code, normalised number) for what a seller typed. An unknown carrier is
    orders' InvalidShipment (code invalid_shipment); a number the carrier does not issue, or
    with a wrong S10 check digit, is InvalidTrackingNumber (code invalid_tracking_number)."""
    code = carrier_code(carrier)
    number = tracking_number if isinstance(tracking_number, str) else ""
    if code is None:
        fields = {"carrier": [_("Choose the carrier from the list.")]}
        if not _NUMBER.fullmatch(carriers.normalise(number)):
            fields["tracking_number"] = [
                _("Enter the tracking number as printed: 5 to 40 letters and digits.")
            ]
        raise order_errors.InvalidShipment(fields=fields)
    return code, carriers.validate_tracking_number(code, number)


# --- shipments ---------------------------------------------------------------------------------


def create_shipment(*, order: Order, carrier: str, tracking_number: str, now: dt.datetime):
    """The parcel of `order` (call inside the shipping transaction, after the checks of
    check_shipment_details). Raises TrackingNumberInUse when another order has the same carrier
    and number."""
    if Shipment.objects.filter(carrier=carrier, tracking_number=tracking_number).exists():
        raise errors.TrackingNumberInUse(fields={"tracking_number": [_("Already used.")]})
    address = order.shipping_address or {}
    origin = order.ship_from_country or order.store.country.code
    try:
        with transaction.atomic():
            return Shipment.objects.create(
                order=order,
                carrier=carrier,
                tracking_number=tracking_number,
                origin_country=str(origin or "")[:2],
                destination_country=str(address.get("country") or "")[:2],
                shipped_at=now,
            )
    except IntegrityError:  # the same number shipped by someone else a moment ago
        raise errors.TrackingNumberInUse(fields={"tracking_number": [_("Already used.")]}) from None


# --- reading events ----------------------------------------------------------------------------


def _text(raw: Mapping, name: str, limit: int, *, required: bool) -> str | None:
    value = raw.get(name, "")
    if value is None:
        value = ""
    if not isinstance(value, str):
        return None
    value = value.strip()
    if (required and not value) or len(value) > limit:
        return None
    return value


def _moment(value: Any, now: dt.datetime) -> dt.datetime | str:
    if not isinstance(value, str):
        return _("Give the time in ISO 8601 with its offset, e.g. 2026-11-25T14:30:00+01:00.")
    try:
        moment = dt.datetime.fromisoformat(value.strip())
    except ValueError:
        moment = None
    if moment is None or moment.tzinfo is None:
        return _("Give the time in ISO 8601 with its offset, e.g. 2026-11-25T14:30:00+01:00.")
    if moment > now + FUTURE_SKEW:
        return _("This time is in the future.")
    return moment


def _field_checks(raw: Mapping, now: dt.datetime) -> tuple[dict[str, Any], dict[str, str]]:
    values, problems = {}, {}
    code = carrier_code(raw.get("carrier"))
    if code is None:
        problems["carrier"] = _("Unknown carrier: use a code of the carrier list.")
    values["carrier"] = code
    number = raw.get("tracking_number")
    number = carriers.normalise(number) if isinstance(number, str) else ""
    if not _NUMBER.fullmatch(number):
        problems["tracking_number"] = _("Enter the tracking number: 5 to 40 letters and digits.")
    values["tracking_number"] = number
    values["event_id"] = _text(raw, "event_id", MAX_EVENT_ID, required=True)
    if values["event_id"] is None:
        problems["event_id"] = _("Give the carrier's event id (at most 100 characters).")
    moment = _moment(raw.get("occurred_at"), now)
    if isinstance(moment, str):
        problems["occurred_at"] = moment
    values["occurred_at"] = moment
    values["status"] = raw.get("status")
    if values["status"] not in TrackingStatus.values:
        problems["status"] = _("Unknown status: use one of %(statuses)s.") % {
            "statuses": ", ".join(TrackingStatus.values)
        }
    for name, limit in (("location", MAX_LOCATION), ("description", MAX_DESCRIPTION)):
        values[name] = _text(raw, name, limit, required=False)
        if values[name] is None:
            problems[name] = _("At most %(n)s characters.") % {"n": limit}
    return values, problems


def parse_events(raws: Iterable[tuple[str, Any]], *, now: dt.datetime) -> list[EventInput]:
    """Each (place, raw mapping) checked; every problem of every event is collected and, if any,
    raised together as InvalidTrackingEvents (`context["problems"]`: a list of Problem)."""
    events, problems = [], []
    for place, raw in raws:
        if not isinstance(raw, Mapping):
            problems.append(Problem(place, "event", _("Each event must be an object.")))
            continue
        values, wrong = _field_checks(raw, now)
        problems.extend(Problem(place, name, message) for name, message in wrong.items())
        if not wrong:
            events.append(EventInput(place=place, **values))
    if problems:
        raise refusal(errors.InvalidTrackingEvents, problems)
    return events


def refusal(error_class, problems: list[Problem]):
    """`error_class` with `fields` keyed "<place>.<field>" and `context["problems"]`."""
    fields: dict[str, list[str]] = {}
    for problem in problems:
        fields.setdefault(f"{problem.place}.{problem.field}", []).append(problem.message)
    return error_class(fields=fields, problems=problems)


# --- recording events --------------------------------------------------------------------------


def _shipments_for(events: list[EventInput]) -> dict[tuple[str, str], Shipment]:
    keys = {(event.carrier, event.tracking_number) for event in events}
    match = Q()
    for carrier, number in keys:
        match |= Q(carrier=carrier, tracking_number=number)
    if not keys:
        return {}
    rows = (
        Shipment.objects.select_for_update(of=("self",))
        .select_related("order")
        .filter(match)
        .order_by("pk")
    )
    return {(row.carrier, row.tracking_number): row for row in rows}


def record_events(*, events: list[EventInput], source: str, now: dt.datetime) -> BatchResult:
    """Store a checked batch in one transaction. An event whose parcel no order shipped with
    refuses the whole batch (UnknownTrackingNumber, nothing stored); repeats are skipped."""
    with transaction.atomic():
        shipments = _shipments_for(events)
        unknown = [
            Problem(event.place, "tracking_number", _("No order shipped with %(carrier)s %(number)s.")
                    % {"carrier": carrier_name(event.carrier), "number": event.tracking_number})
            for event in events
            if (event.carrier, event.tracking_number) not in shipments
        ]  # fmt: skip
        if unknown:
            raise refusal(errors.UnknownTrackingNumber, unknown)
        rows = _new_rows(events, shipments, source, now)
        TrackingEvent.objects.bulk_create(rows)
        delivered = _settle(rows, now)
    return BatchResult(stored=len(rows), duplicates=len(events) - len(rows), delivered=delivered)


def _new_rows(events, shipments, source: str, now: dt.datetime) -> list[TrackingEvent]:
    ids = {event.event_id for event in events}
    seen = set(
        TrackingEvent.objects.filter(
            shipment__in=[s.pk for s in shipments.values()], external_id__in=ids
        ).values_list("shipment_id", "external_id")
    )
    rows = []
    for event in events:
        shipment = shipments[(event.carrier, event.tracking_number)]
        if (shipment.pk, event.event_id) in seen:
            continue
        seen.add((shipment.pk, event.event_id))
        rows.append(
            TrackingEvent(
                shipment=shipment, external_id=event.event_id, occurred_at=event.occurred_at,
                status=event.status, location=event.location, description=event.description,
                source=source, received_at=now,
            )
        )  # fmt: skip
    return rows


def _settle(rows: list[TrackingEvent], now: dt.datetime) -> list[str]:
    """Each touched shipment's last event and delivery time (one update for all); shipped orders
    with a new "delivered" event move to delivered."""
    touched = {row.shipment_id: row.shipment for row in rows}
    newly_delivered = []
    for shipment in touched.values():
        mine = [row for row in rows if row.shipment_id == shipment.pk]
        shipment.last_event_at = max(
            filter(None, (shipment.last_event_at, *(row.occurred_at for row in mine)))
        )
        handed = [row.occurred_at for row in mine if row.status == TrackingStatus.DELIVERED]
        if handed:
            shipment.delivered_at = min(filter(None, (shipment.delivered_at, *handed)))
            newly_delivered.append(shipment.order)
    Shipment.objects.bulk_update(touched.values(), ["last_event_at", "delivered_at"])
    return [order.public_id for order in newly_delivered if _deliver(order, now)]


def _deliver(order: Order, now: dt.datetime) -> bool:
    from tradepost.orders import services as orders  # noqa: PLC0415 - orders.services imports us

    try:
        with transaction.atomic():
            orders.mark_delivered(
                order=order, now=now, reason=_("The carrier reports the parcel delivered.")
            )
    except order_errors.IllegalOrderTransition:
        return False  # delivered, confirmed or refunded already: nothing moves back
    return True
