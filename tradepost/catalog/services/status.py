"""A listing's status: `transition_product` is the only place it changes (DESIGN.md §4).

Seller actions take the acting `store=`; staff actions take `staff=` (a staff user). Outbox
topics, for the search index and notifications: product.published, product.submitted_for_review,
product.sent_back, product.hidden, product.unhidden, product.removed.
"""

import datetime as dt

from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from tradepost.catalog import states, versions
from tradepost.catalog.errors import (
    CategoryProhibited,
    CertificateRequired,
    IllegalProductTransition,
    InvalidProduct,
    ProductChangedConcurrently,
    ProductIncomplete,
    SellerNotVerified,
)
from tradepost.catalog.models import Product, ProductEvent
from tradepost.catalog.services._lookup import product_for_staff, product_for_store, require_staff
from tradepost.catalog.services.products import emit_product_event
from tradepost.catalog.states import ProductStatus
from tradepost.sellers import deposits
from tradepost.sellers.models import Store

MAX_REASON = 2000


@transaction.atomic
def transition_product(
    product: Product, *, to: str, actor, reason: str = "", now: dt.datetime
) -> ProductEvent:
    """Move `product` to `to` if the table allows it, compare-and-set, and record the event.

    `actor` is the acting user (a seller's user or staff), or None for the system.
    """
    current = product.status
    if not states.can_move(current, to):
        raise IllegalProductTransition(product_id=product.public_id, current=current, target=to)
    moved = Product.objects.filter(pk=product.pk, status=current).update(
        status=to, status_changed_at=now, updated_at=now, revision=F("revision") + 1
    )
    if moved != 1:
        raise ProductChangedConcurrently(product_id=product.public_id)
    product.refresh_from_db(fields=["status", "status_changed_at", "updated_at"])
    # Cached public reads (home lists, category tree) must not show the old status.
    versions.bump()
    return ProductEvent.objects.create(
        product=product,
        from_status=current,
        to_status=to,
        actor=actor,
        reason=(reason or "")[:MAX_REASON],
        created_at=now,
    )


def _refuse_unless(product: Product, current: str, target: str) -> None:
    """Actions start from one status only (publish from draft, approve from review, …)."""
    if product.status != current:
        raise IllegalProductTransition(
            product_id=product.public_id, current=product.status, target=target
        )


def _check_publishable(product: Product, now: dt.datetime) -> None:
    seller = product.store.seller
    if not seller.can_publish:
        raise SellerNotVerified()
    if product.category.prohibited:
        raise CategoryProhibited()
    if not product.variants.filter(is_active=True).exists() or not product.translations.exists():
        raise ProductIncomplete()
    # The category's seller deposit, unless a fee programme waives it (code deposit_required).
    deposits.check_can_publish(seller=seller, category=product.category, on=now.date())


@transaction.atomic
def publish_product(
    *, store: Store, product: Product | str, reason: str = "", now: dt.datetime
) -> Product:
    """Draft → active, or → pending review in a restricted category (needs a certificate)."""
    product = product_for_store(store=store, product=product)
    target = ProductStatus.PENDING_REVIEW if product.category.restricted else ProductStatus.ACTIVE
    _refuse_unless(product, ProductStatus.DRAFT, target)
    _check_publishable(product, now)
    if product.category.restricted and not product.certificates.exists():
        raise CertificateRequired()
    transition_product(product, to=target, actor=store.seller.user, reason=reason, now=now)
    topic = (
        "product.published" if target == ProductStatus.ACTIVE else "product.submitted_for_review"
    )
    emit_product_event(topic, product, now)
    return product


@transaction.atomic
def hide_product(
    *, store: Store, product: Product | str, reason: str = "", now: dt.datetime
) -> Product:
    """Active → hidden: off the storefront until unhidden."""
    product = product_for_store(store=store, product=product)
    transition_product(
        product, to=ProductStatus.HIDDEN, actor=store.seller.user, reason=reason, now=now
    )
    emit_product_event("product.hidden", product, now)
    return product


@transaction.atomic
def unhide_product(
    *, store: Store, product: Product | str, reason: str = "", now: dt.datetime
) -> Product:
    """Hidden → active, with the same seller and category checks as publishing."""
    product = product_for_store(store=store, product=product)
    _refuse_unless(product, ProductStatus.HIDDEN, ProductStatus.ACTIVE)
    _check_publishable(product, now)
    transition_product(
        product, to=ProductStatus.ACTIVE, actor=store.seller.user, reason=reason, now=now
    )
    emit_product_event("product.unhidden", product, now)
    return product


@transaction.atomic
def remove_product(
    *,
    store: Store | None = None,
    staff=None,
    product: Product | str,
    reason: str = "",
    now: dt.datetime,
) -> Product:
    """Any status → removed (final). By the seller (`store=`) or by staff (`staff=`)."""
    if staff is not None:
        require_staff(staff)
        product, actor = product_for_staff(product=product), staff
    elif store is not None:
        product, actor = product_for_store(store=store, product=product), store.seller.user
    else:
        raise TypeError("remove_product needs store= or staff=")
    transition_product(product, to=ProductStatus.REMOVED, actor=actor, reason=reason, now=now)
    emit_product_event("product.removed", product, now)
    return product


@transaction.atomic
def approve_product(
    *, staff, product: Product | str, reason: str = "", now: dt.datetime
) -> Product:
    """Staff: pending review → active."""
    require_staff(staff)
    product = product_for_staff(product=product)
    _refuse_unless(product, ProductStatus.PENDING_REVIEW, ProductStatus.ACTIVE)
    transition_product(product, to=ProductStatus.ACTIVE, actor=staff, reason=reason, now=now)
    emit_product_event("product.published", product, now)
    return product


@transaction.atomic
def send_back_product(*, staff, product: Product | str, reason: str, now: dt.datetime) -> Product:
    """Staff: pending review → draft, with the reason the seller will read."""
    require_staff(staff)
    if not (reason or "").strip():
        raise InvalidProduct(fields={"reason": [_("Tell the seller what to change.")]})
    product = product_for_staff(product=product)
    _refuse_unless(product, ProductStatus.PENDING_REVIEW, ProductStatus.DRAFT)
    transition_product(product, to=ProductStatus.DRAFT, actor=staff, reason=reason, now=now)
    emit_product_event("product.sent_back", product, now, reason=reason.strip()[:MAX_REASON])
    return product
