"""API shapes of tracking: the one webhook format carriers send, and its answer (the buyer's
view of a parcel is in orders.schemas)."""

import datetime as dt
from typing import Literal

from ninja import Field, Schema

from tradepost.tracking.services import MAX_DESCRIPTION, MAX_EVENT_ID, MAX_EVENTS, MAX_LOCATION

Status = Literal[
    "info_received", "in_transit", "out_for_delivery", "delivered", "exception", "returned"
]


class TrackingEventIn(Schema):
    carrier: str = Field(
        description="carrier code from the carrier list (china-post, dhl, ups, …) or other",
        examples=["china-post"],
    )
    tracking_number: str = Field(
        description="as printed; spaces and dashes ignored", examples=["RR123456785CN"]
    )
    event_id: str = Field(
        max_length=MAX_EVENT_ID,
        description="the carrier's id of this event: a repeat of an id already stored for the "
        "parcel is skipped",
    )
    occurred_at: dt.datetime = Field(
        description="when it happened, ISO 8601 with its offset",
        examples=["2026-11-25T14:30:00+01:00"],
    )
    status: Status
    location: str = Field("", max_length=MAX_LOCATION)
    description: str = Field("", max_length=MAX_DESCRIPTION)


class TrackingBatchIn(Schema):
    events: list[TrackingEventIn] = Field(min_length=1, max_length=MAX_EVENTS)


class TrackingBatchOut(Schema):
    stored: int = Field(description="new events recorded")
    duplicates: int = Field(description="events already recorded before (skipped)")
    delivered_orders: list[str] = Field(description="orders this batch moved to delivered")


def batch_request_body() -> dict:
    """The OpenAPI request body of the webhook (read from the raw body, so declared here)."""
    schema = TrackingBatchIn.model_json_schema(ref_template="#/components/schemas/{model}")
    schema.pop("$defs", None)
    schema["properties"]["events"]["items"] = TrackingEventIn.model_json_schema()
    return {"required": True, "content": {"application/json": {"schema": schema}}}
