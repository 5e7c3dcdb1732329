"""Order writes: creating a checkout's orders, and every status change through
`transition_order` (the only code that assigns `Order.status`)."""

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from tradepost.inventory import services as inventory
from tradepost.notifications import outbox
from tradepost.orders import errors, states
from tradepost.orders.models import ChargeKind, Order, OrderCharge, OrderEvent, OrderLine
from tradepost.orders.states import OrderStatus
from tradepost.promotions import services as promotions
from tradepost.shipping.promise import add_business_days
from tradepost.taxes import services as taxes

if TYPE_CHECKING:
    from tradepost.cart.models import Checkout
    from tradepost.cart.pricing import Quote

MAX_REASON = 1000
MAX_SHIPMENT_FIELD = 80
SWEEP_BATCH = 500


def _payload(order: Order, **extra) -> dict[str, Any]:
    return {
        "order": order.public_id,
        "checkout": order.checkout.public_id,
        "store": order.store_id,
        "status": order.status,
        **extra,
    }


def create_orders(
    *, checkout: "Checkout", quote: "Quote", now: dt.datetime
) -> tuple[list[inventory.Hold], list[tuple[int, str, int]]]:
    """One order per seller group of the quote, with lines, charges and a first event. Returns
    the stock holds and deal units (deal id, sku, units) the caller must take in the same
    transaction."""
    holds, deal_takes = [], []
    for group in quote.groups:
        order = Order.objects.create(
            checkout=checkout,
            buyer=checkout.buyer,
            store=group.store,
            status=OrderStatus.AWAITING_PAYMENT,
            status_changed_at=now,
            currency=quote.currency,
            store_currency=group.store_currency,
            fx_rate=group.rate.value,
            fx_rate_date=group.rate.rate_date,
            items_minor=group.items_minor,
            shipping_minor=group.shipping_minor,
            discount_minor=group.discount_minor,
            tax_minor=group.tax_minor,
            total_minor=group.total_minor,
            store_items_minor=group.store_items_minor,
            store_shipping_minor=group.shipping_option.store_amount_minor,
            shipping_address=checkout.shipping_address,
            shipping_option=group.shipping_option.code,
            shipping_label=group.shipping_option.label[:120],
            planned_carrier=group.shipping_option.carrier,
            ship_from_country=group.shipping_option.ship_from,
            processing_days=group.shipping_option.processing_days,
            promised_from=group.promise.earliest,
            promised_to=group.promise.latest,
            pay_by=checkout.pay_by,
            created_at=now,
        )
        for line in group.lines:
            row = OrderLine.objects.create(
                order=order,
                product_id=line.product.id,
                variant_id=line.variant.id,
                title=line.title[:300],
                variant_label=line.variant_label[:300],
                sku=line.variant.sku,
                quantity=line.quantity,
                unit_price_minor=line.unit_price_minor,
                list_unit_price_minor=line.list_unit_price_minor,
                tier_min_quantity=line.tier_min_quantity,
                flash_deal_id=line.deal.id if line.deal else None,
                store_line_total_minor=line.store_line_total_minor,
                line_total_minor=line.line_total_minor,
            )
            holds.append(inventory.Hold(row.id, line.variant.id, line.variant.sku, line.quantity))
            if line.deal is not None:
                deal_takes.append((line.deal.id, line.variant.sku, line.quantity))
        OrderCharge.objects.bulk_create(_charges(order, group))
        taxes.record_order_tax(order=order, assessment=group.tax, now=now)
        OrderEvent.objects.create(
            order=order,
            from_status="",
            to_status=order.status,
            actor=checkout.buyer,
            created_at=now,
        )
        outbox.emit("order.placed", _payload(order), now=now)
    return holds, deal_takes


def _charges(order: Order, group) -> list[OrderCharge]:
    charges = [
        OrderCharge(
            order=order,
            kind=ChargeKind.SHIPPING,
            label=group.shipping_option.label,
            amount_minor=group.shipping_minor,
        )
    ]
    for coupon, amount in group.discounts:
        charges.append(
            OrderCharge(
                order=order,
                kind=ChargeKind.DISCOUNT,
                label=_("Coupon %(code)s") % {"code": coupon.code},
                amount_minor=-amount,
                coupon_id=coupon.id,
                funded_by=coupon.funded_by,
            )
        )
    for label, amount in group.tax.charges if group.tax else []:
        charges.append(
            OrderCharge(order=order, kind=ChargeKind.TAX, label=label[:200], amount_minor=amount)
        )
    return charges


def transition_order(  # noqa: PLR0913 - keyword-only, each one needed
    *,
    order: Order,
    to: str,
    actor=None,
    reason: str = "",
    now: dt.datetime,
    only_from: str | None = None,
) -> Order:
    """Move `order` to `to` if the table allows it from its current (locked) status — and, with
    `only_from`, only from that one — write the event and the outbox row, and settle what
    follows from the move in the same transaction: stock (paid → sold; cancelled → released),
    the protection timer (shipped, delivered) and the escrow (completed → released to the
    seller)."""
    with transaction.atomic():
        locked = Order.objects.select_for_update().select_related("checkout").get(pk=order.pk)
        if not states.can_move(locked.status, to) or only_from not in (None, locked.status):
            raise errors.IllegalOrderTransition(current=locked.status, target=to)
        previous = locked.status
        stamps = _timestamps(locked, to, now)
        Order.objects.filter(pk=locked.pk).update(status=to, status_changed_at=now, **stamps)
        locked.status, locked.status_changed_at = to, now
        for name, value in stamps.items():
            setattr(locked, name, value)
        OrderEvent.objects.create(
            order=locked,
            from_status=previous,
            to_status=to,
            actor=actor,
            reason=reason,
            created_at=now,
        )
        _settle_stock(locked, previous, to, now)
        if to == OrderStatus.COMPLETED:
            from tradepost.ledger import services as ledger  # noqa: PLC0415 - ledger imports orders

            ledger.release_escrow(order=locked, now=now)
        outbox.emit(f"order.{to}", _payload(locked, previous=previous), now=now)
    order.status, order.status_changed_at = locked.status, locked.status_changed_at
    for name in ("shipped_at", "delivered_at", "completed_at", "auto_confirm_at", "ship_by"):
        setattr(order, name, getattr(locked, name))
    return order


def _timestamps(order: Order, to: str, now: dt.datetime) -> dict[str, Any]:
    """The columns a move sets besides the status: when it happened, and the new deadline by
    which the buyer's receipt is confirmed for them."""
    if to == OrderStatus.PAID:
        return {"ship_by": ship_by_for(order, now)}
    if to == OrderStatus.SHIPPED:
        return {"shipped_at": now, "auto_confirm_at": now + _days_after_shipped(order)}
    if to == OrderStatus.DELIVERED:
        days = dt.timedelta(days=settings.AUTO_CONFIRM_DAYS_AFTER_DELIVERED)
        return {"delivered_at": now, "auto_confirm_at": now + days}
    if to == OrderStatus.COMPLETED:
        return {"completed_at": now, "auto_confirm_at": None}
    if to in states.CLOSED:
        return {"auto_confirm_at": None}
    return {}


def ship_by_for(order: Order, paid_at: dt.datetime) -> dt.datetime:
    """The seller's deadline: the order's processing days (at least one) in business days after
    payment, plus settings.SHIP_BY_GRACE_DAYS calendar days, at the time of day it was paid."""
    day = add_business_days(paid_at.date(), max(order.processing_days, 1))
    return paid_at + dt.timedelta(days=(day - paid_at.date()).days + settings.SHIP_BY_GRACE_DAYS)


def _days_after_shipped(order: Order) -> dt.timedelta:
    country = (order.shipping_address or {}).get("country", "")
    by_country = settings.AUTO_CONFIRM_DAYS_AFTER_SHIPPED_BY_COUNTRY
    return dt.timedelta(days=by_country.get(country, settings.AUTO_CONFIRM_DAYS_AFTER_SHIPPED))


def _settle_stock(order: Order, previous: str, to: str, now: dt.datetime) -> None:
    line_ids = list(order.lines.values_list("id", flat=True))
    if to == OrderStatus.PAID:
        inventory.mark_sold(order_line_ids=line_ids, now=now)
    elif to == OrderStatus.CANCELLED:
        inventory.release(order_line_ids=line_ids, now=now)
        if previous == OrderStatus.AWAITING_PAYMENT:
            for deal_id, quantity in order.lines.filter(flash_deal_id__isnull=False).values_list(
                "flash_deal_id", "quantity"
            ):
                promotions.return_deal_units(deal_id=deal_id, quantity=quantity)
            _give_back_coupons_if_all_cancelled(order)


def mark_checkout_paid(
    *, checkout: "Checkout", now: dt.datetime
) -> tuple[list[Order], list[Order]]:
    """The checkout's payment was captured: every order still awaiting payment becomes paid, in
    the caller's transaction. Returns (paid now, not payable): the second are orders cancelled
    before the money arrived (the deadline sweep released their stock), whose money the caller
    must refund. Orders already paid are in neither list, so a repeat changes nothing."""
    with transaction.atomic():
        orders = list(Order.objects.select_for_update().filter(checkout=checkout).order_by("id"))
        paid, not_payable = [], []
        for order in orders:
            if order.status == OrderStatus.AWAITING_PAYMENT:
                paid.append(transition_order(order=order, to=OrderStatus.PAID, now=now))
            elif order.status == OrderStatus.CANCELLED and not _was_paid(order):
                not_payable.append(order)
        return paid, not_payable


def _was_paid(order: Order) -> bool:
    return order.events.filter(to_status=OrderStatus.PAID).exists()


def _give_back_coupons_if_all_cancelled(order: Order) -> None:
    siblings = Order.objects.filter(checkout_id=order.checkout_id).exclude(pk=order.pk)
    if not siblings.exclude(status=OrderStatus.CANCELLED).exists():
        promotions.release_coupon_redemptions(checkout_id=order.checkout_id)


def _clean_reason(reason: Any, *, required: bool) -> str:
    text = reason.strip() if isinstance(reason, str) else ""
    if (required and not text) or len(text) > MAX_REASON:
        raise errors.ReasonRequired()
    return text


def cancel_by_buyer(*, order: Order, buyer, reason: Any = "", now: dt.datetime) -> Order:
    """The buyer cancels an order they have not paid yet."""
    return transition_order(
        order=order,
        to=OrderStatus.CANCELLED,
        only_from=OrderStatus.AWAITING_PAYMENT,
        actor=buyer,
        reason=_clean_reason(reason, required=False) or _("Cancelled by the buyer."),
        now=now,
    )


def cancel_by_seller(*, order: Order, seller_user, reason: Any, now: dt.datetime) -> Order:
    """The seller cancels a paid order before shipping it, saying why: the order is cancelled,
    its stock returned and the buyer's money refunded from escrow, in one transaction."""
    reason = _clean_reason(reason, required=True)
    from tradepost.payments import services as payments  # noqa: PLC0415 - payments imports orders

    with transaction.atomic():
        order = transition_order(
            order=order,
            to=OrderStatus.CANCELLED,
            only_from=OrderStatus.PAID,
            actor=seller_user,
            reason=reason,
            now=now,
        )
        payments.refund_order(
            order=order, amount_minor=None, reason=reason, actor=seller_user, now=now
        )
    return order


def ship_order(
    *, order: Order, seller_user, carrier: Any, tracking_number: Any, now: dt.datetime
) -> Order:
    """The seller hands a paid order to a carrier: the carrier one of the registry's (code or
    name, or "other") and a number it issues (S10 check digit where it applies, code
    invalid_tracking_number). The order becomes shipped and its tracking.Shipment is created in
    one transaction; a number another order already shipped with is refused."""
    from tradepost.tracking import services as tracking  # noqa: PLC0415 - tracking imports orders

    code, number = tracking.check_shipment_details(carrier, tracking_number)
    with transaction.atomic():
        order = transition_order(
            order=order,
            to=OrderStatus.SHIPPED,
            actor=seller_user,
            reason=f"{tracking.carrier_name(code)} {number}",
            now=now,
        )
        tracking.create_shipment(order=order, carrier=code, tracking_number=number, now=now)
        Order.objects.filter(pk=order.pk).update(carrier=code, tracking_number=number)
    order.carrier, order.tracking_number = code, number
    return order


def cancel_overdue_orders(*, now: dt.datetime, limit: int = SWEEP_BATCH) -> int:
    """The sweep: every order still awaiting payment after its `pay_by` is cancelled and its
    stock returned. Each order in its own transaction; one paid meanwhile is left alone."""
    overdue = list(
        Order.objects.filter(status=OrderStatus.AWAITING_PAYMENT, pay_by__lt=now)
        .order_by("pay_by", "id")
        .values_list("id", flat=True)[:limit]
    )
    cancelled = 0
    for order_id in overdue:
        try:
            transition_order(
                order=Order(pk=order_id),
                to=OrderStatus.CANCELLED,
                reason=_("Not paid in time."),
                now=now,
            )
        except errors.IllegalOrderTransition:
            continue  # paid (or cancelled) since we looked: nothing to do
        cancelled += 1
    return cancelled


def cancel_unshipped_orders(*, now: dt.datetime, limit: int = SWEEP_BATCH) -> int:
    """The shipping-deadline sweep: every paid order still not shipped after its `ship_by` is
    cancelled ("Not shipped in time"), its stock returned and the buyer's money refunded from
    escrow. Each order in its own transaction; one shipped meanwhile is left alone."""
    from tradepost.payments import services as payments  # noqa: PLC0415 - payments imports orders

    late = list(
        Order.objects.filter(status=OrderStatus.PAID, ship_by__lt=now)
        .order_by("ship_by", "id")
        .values_list("id", flat=True)[:limit]
    )
    cancelled = 0
    reason = _("Not shipped in time.")
    for order_id in late:
        with transaction.atomic():
            order = Order.objects.select_for_update().filter(pk=order_id).first()
            if order is None or order.status != OrderStatus.PAID or not order.ship_by < now:
                continue  # shipped or cancelled since we looked
            transition_order(order=order, to=OrderStatus.CANCELLED, reason=reason, now=now)
            payments.refund_order(
                order=order, amount_minor=None, reason=reason, actor=None, now=now
            )
        cancelled += 1
    return cancelled


def extend_protection(*, order: Order, buyer, now: dt.datetime) -> Order:
    """The buyer wants more time before receipt is confirmed for them: `auto_confirm_at` moves
    settings.PROTECTION_EXTENSION_DAYS later, once per order, while the parcel is on its way or
    delivered. Another buyer's order is not found."""
    if order.buyer_id != getattr(buyer, "pk", None):
        raise errors.OrderNotFound()
    days = settings.PROTECTION_EXTENSION_DAYS
    with transaction.atomic():
        locked = Order.objects.select_for_update().get(pk=order.pk)
        if locked.protection_extended_at is not None:
            raise errors.ProtectionAlreadyExtended()
        if locked.status not in states.CONFIRMABLE or locked.auto_confirm_at is None:
            raise errors.CannotExtendProtection(current=locked.status)
        until = locked.auto_confirm_at + dt.timedelta(days=days)
        Order.objects.filter(pk=locked.pk).update(auto_confirm_at=until, protection_extended_at=now)
        OrderEvent.objects.create(
            order=locked, from_status=locked.status, to_status=locked.status, actor=buyer,
            reason=_("Protection extended by %(days)s days, until %(date)s.")
            % {"days": days, "date": until.date().isoformat()},
            created_at=now,
        )  # fmt: skip
        outbox.emit("order.protection_extended", _payload(locked, until=until.isoformat()), now=now)
    order.auto_confirm_at, order.protection_extended_at = until, now
    return order


def confirm_receipt(*, order: Order, buyer, now: dt.datetime) -> Order:
    """The buyer says the parcel arrived: the order is completed and its escrow released to the
    seller. Only the order's buyer, and only once it has been shipped."""
    if order.buyer_id != getattr(buyer, "pk", None):
        raise errors.OrderNotFound()
    with transaction.atomic():
        locked = Order.objects.select_for_update().get(pk=order.pk)
        if locked.status not in states.CONFIRMABLE:
            raise errors.CannotConfirmReceipt(current=locked.status)
        return transition_order(
            order=order,
            to=OrderStatus.COMPLETED,
            actor=buyer,
            reason=_("Receipt confirmed by the buyer."),
            now=now,
        )


def mark_delivered(*, order: Order, now: dt.datetime, actor=None, reason: str = "") -> Order:
    """The carrier delivered the parcel: the protection countdown restarts from now (the
    shipping issue's tracking events call this)."""
    return transition_order(
        order=order,
        to=OrderStatus.DELIVERED,
        only_from=OrderStatus.SHIPPED,
        actor=actor,
        reason=reason or _("Delivered."),
        now=now,
    )


def auto_confirm_due_orders(*, now: dt.datetime, limit: int = SWEEP_BATCH) -> int:
    """The protection sweep: every shipped or delivered order whose `auto_confirm_at` passed is
    completed for the buyer and its escrow released. Each order in its own transaction."""
    due = list(
        Order.objects.filter(status__in=states.CONFIRMABLE, auto_confirm_at__lte=now)
        .order_by("auto_confirm_at", "id")
        .values_list("id", flat=True)[:limit]
    )
    done = 0
    for order_id in due:
        with transaction.atomic():
            order = Order.objects.select_for_update().filter(pk=order_id).first()
            if (
                order is None
                or order.status not in states.CONFIRMABLE
                or order.auto_confirm_at is None
                or order.auto_confirm_at > now
            ):
                continue  # confirmed, refunded or extended since we looked
            transition_order(
                order=order,
                to=OrderStatus.COMPLETED,
                reason=_("Receipt confirmed automatically: the protection period ended."),
                now=now,
            )
        done += 1
    return done
