"""Demo parcels: a demo order is shipped with the carrier its buyer was promised, under a
real-looking number (UPU S10 with its right check digit for posts, each carrier's own format
otherwise), and the carrier's events arrive as they would — label, departure, export, arrival,
out for delivery, delivered — up to the present, through the same code as the webhook."""

import datetime as dt

from tradepost.orders import services as orders
from tradepost.orders.models import Order
from tradepost.shipping.carriers import CARRIERS, s10_check_digit
from tradepost.tracking import services as tracking
from tradepost.tracking.models import EventSource

HUBS = {
    "CN": "Shenzhen", "HK": "Hong Kong", "KR": "Incheon", "US": "Los Angeles", "DE": "Leipzig",
    "GB": "Coventry", "TR": "Istanbul", "PL": "Warsaw", "BR": "Curitiba", "NL": "Amsterdam",
    "RU": "Moscow", "JP": "Tokyo", "FR": "Roissy", "ES": "Madrid", "IT": "Milan",
}  # fmt: skip
# (hours after shipping, status, where: "origin"|"destination"|"home", description)
JOURNEY = (
    (-3, "info_received", "origin", "Shipping label created"),
    (20, "in_transit", "origin", "Departed the sorting centre"),
    (50, "in_transit", "origin", "Handed to the airline for export"),
    (120, "in_transit", "destination", "Arrived in the destination country; customs cleared"),
    (165, "out_for_delivery", "home", "Out for delivery"),
    (171, "delivered", "home", "Delivered to the recipient"),
)
_OWN_FORMATS = {
    "yunexpress": lambda n: f"YT{n:016d}",
    "4px": lambda n: f"4PX{n:012d}CN",
    "dhl": lambda n: f"{n:010d}",
    "ups": lambda n: f"1Z{n:016d}",
    "fedex": lambda n: f"{n:012d}",
    "cainiao": lambda n: f"LP{n:014d}",
}


def tracking_number(carrier: str, serial: int) -> tuple[str, str]:
    """(carrier, number) for the demo's parcel `serial`: a post gets an S10 number of its
    country; a carrier without a known format ships as China Post."""
    if carrier in _OWN_FORMATS:
        return carrier, _OWN_FORMATS[carrier](serial)
    post = CARRIERS.get(carrier)
    if post is None or not post.s10_countries:
        carrier, post = "china-post", CARRIERS["china-post"]
    digits = f"{serial % 10**8:08d}"
    country = next(iter(post.s10_countries))
    return carrier, f"LX{digits}{s10_check_digit(digits)}{country}"


def ship_with_history(
    order: Order, *, shipped_at: dt.datetime, now: dt.datetime, delivered: bool = True
) -> Order:
    """Ship `order` at `shipped_at` and record the carrier's events that happened by `now`
    (each as it arrived: a delivered parcel's order becomes delivered). Not `delivered`: the
    parcel is still on its way, last seen arriving in the destination country."""
    carrier, number = tracking_number(order.planned_carrier, 40_000_000 + order.pk * 7919)
    order = orders.ship_order(
        order=order, seller_user=order.store.seller.user, carrier=carrier,
        tracking_number=number, now=shipped_at,
    )  # fmt: skip
    places = {
        "origin": HUBS.get(order.ship_from_country, order.ship_from_country),
        "destination": HUBS.get(order.shipping_address.get("country", ""), ""),
        "home": order.shipping_address.get("city", ""),
    }
    for hours, status, where, description in JOURNEY:
        happened = shipped_at + dt.timedelta(hours=hours)
        if happened > now or (not delivered and status == "out_for_delivery"):
            break
        raw = {"carrier": carrier, "tracking_number": number, "event_id": f"demo-{hours}",
               "occurred_at": happened.isoformat(), "status": status, "location": places[where],
               "description": description}  # fmt: skip
        received = max(happened, shipped_at) + dt.timedelta(minutes=20)
        events = tracking.parse_events([("demo", raw)], now=received)
        tracking.record_events(events=events, source=EventSource.WEBHOOK, now=received)
    order.refresh_from_db()
    return order
