"""Domain errors of tracking. Codes are published API: never rename them."""

from django.utils.translation import gettext_lazy as _

from tradepost.errors import DomainError, InvalidInput


class TrackingNumberInUse(DomainError):
    """Another order already shipped with this carrier and tracking number."""

    code = "tracking_number_in_use"
    http_status = 409
    default_message = _("Another order already uses this tracking number with this carrier.")


class TrackingWebhookRejected(DomainError):
    """Missing or bad signature, or a timestamp outside the replay window: nothing stored."""

    code = "invalid_signature"
    http_status = 401
    default_message = _("The tracking webhook's signature could not be verified.")


class InvalidTrackingEvents(InvalidInput):
    """At least one event of the batch (or row of the file) is malformed: nothing stored.
    `fields` names each problem by its place: "events[2].occurred_at" or "row 5: status"."""

    code = "invalid_tracking_events"
    default_message = _("Some tracking events are not valid; none was recorded.")


class UnknownTrackingNumber(InvalidInput):
    """Every event is well formed, but at least one names a parcel no order shipped with:
    nothing stored."""

    code = "unknown_tracking_number"
    default_message = _("No shipment has this carrier and tracking number; no event was recorded.")
