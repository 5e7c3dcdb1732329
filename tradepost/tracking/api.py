"""Tracking over the API: the carriers' signed webhook."""

from ninja import Router

from tradepost import clock
from tradepost.tracking import webhooks
from tradepost.tracking.schemas import TrackingBatchOut, batch_request_body

router = Router(tags=["tracking"])


@router.post(
    "/tracking/events",
    response={200: TrackingBatchOut},
    auth=None,
    openapi_extra={"requestBody": batch_request_body()},
)
def tracking_events(request):
    """Tracking events from a carrier or aggregator, authenticated by their signature only.

    Sign the raw body: header `Tradepost-Signature: t=<unix seconds>,v1=<hex>` with v1 =
    HMAC-SHA256(secret, "<t>.<raw body>"), hex; the timestamp must be within 5 minutes of our
    clock. A bad or missing signature answers 401 `invalid_signature`.

    A batch is all or nothing. A malformed event answers 422 `invalid_tracking_events`, and an
    event whose carrier and tracking number no order shipped with answers 422
    `unknown_tracking_number`; `fields` names each problem by place ("events[2].status") and
    no event of the batch is stored — fix or drop those and send the batch again. A repeat of
    an event already stored (same `event_id` for the parcel) is skipped and counted in
    `duplicates`. Events may come in any order; a `delivered` event moves a shipped order to
    delivered, and nothing moves an order back."""
    result = webhooks.receive(body=request.body, headers=request.headers, now=clock.now())
    return TrackingBatchOut(
        stored=result.stored, duplicates=result.duplicates, delivered_orders=result.delivered
    )
