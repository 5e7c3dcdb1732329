"""The listing status machine: every legal move writes an event; illegal ones change nothing."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tradepost.catalog import services
from tradepost.catalog.errors import (
    CategoryProhibited,
    CertificateRequired,
    IllegalProductTransition,
    InvalidDocument,
    ProductChangedConcurrently,
    ProductIncomplete,
    SellerNotVerified,
    StaffOnly,
)
from tradepost.catalog.models import Category, ProductEvent
from tradepost.catalog.states import ALLOWED, ProductStatus
from tradepost.notifications.models import OutboxEvent

pytestmark = pytest.mark.django_db


def _statuses(product):
    return list(
        ProductEvent.objects.filter(product=product).values_list("from_status", "to_status")
    )


def _topics():
    return list(OutboxEvent.objects.order_by("created_at", "id").values_list("topic", flat=True))


@pytest.mark.parametrize(
    ("current", "target"),
    [(current, target) for current, targets in ALLOWED.items() for target in targets],
)
def test_every_allowed_transition_moves_and_writes_one_event(draft, staff, clock, current, target):
    # given a listing that is (forced into) `current` through legal moves
    path = {
        ProductStatus.DRAFT: [],
        ProductStatus.PENDING_REVIEW: [ProductStatus.PENDING_REVIEW],
        ProductStatus.ACTIVE: [ProductStatus.ACTIVE],
        ProductStatus.HIDDEN: [ProductStatus.ACTIVE, ProductStatus.HIDDEN],
    }[current]
    for step in path:
        services.transition_product(draft, to=step, actor=staff, reason="setup", now=clock.now())
    before = ProductEvent.objects.filter(product=draft).count()

    # when
    event = services.transition_product(
        draft, to=target, actor=staff, reason="because", now=clock.advance(minutes=1)
    )

    # then
    draft.refresh_from_db()
    assert draft.status == target
    assert draft.status_changed_at == clock.now()
    assert ProductEvent.objects.filter(product=draft).count() == before + 1
    assert (event.from_status, event.to_status, event.actor, event.reason) == (
        current, target, staff, "because",
    )  # fmt: skip


@pytest.mark.parametrize(
    ("current", "target"),
    [
        (current, target)
        for current in ProductStatus.values
        for target in ProductStatus.values
        if target not in ALLOWED[current]
    ],
)
def test_illegal_transition_raises_its_code_and_changes_nothing(
    draft, staff, clock, current, target
):
    path = {
        ProductStatus.DRAFT: [],
        ProductStatus.PENDING_REVIEW: [ProductStatus.PENDING_REVIEW],
        ProductStatus.ACTIVE: [ProductStatus.ACTIVE],
        ProductStatus.HIDDEN: [ProductStatus.ACTIVE, ProductStatus.HIDDEN],
        ProductStatus.REMOVED: [ProductStatus.REMOVED],
    }[current]
    for step in path:
        services.transition_product(draft, to=step, actor=staff, reason="", now=clock.now())
    events = ProductEvent.objects.count()

    with pytest.raises(IllegalProductTransition) as raised:
        services.transition_product(draft, to=target, actor=staff, reason="", now=clock.now())

    assert (raised.value.code, raised.value.http_status) == ("illegal_product_transition", 409)
    draft.refresh_from_db()
    assert draft.status == current
    assert ProductEvent.objects.count() == events


def test_stale_copy_cannot_move_a_listing_someone_else_moved(draft, store, clock):
    stale = type(draft).objects.get(pk=draft.pk)
    services.publish_product(store=store, product=draft, now=clock.now())

    # the stale copy still says draft; draft → removed is legal, but the row moved meanwhile
    with pytest.raises(ProductChangedConcurrently) as raised:
        services.transition_product(stale, to=ProductStatus.REMOVED, actor=None, now=clock.now())

    assert raised.value.code == "product_changed_concurrently"
    draft.refresh_from_db()
    assert draft.status == ProductStatus.ACTIVE


def test_verified_seller_publishes_a_draft_to_active_with_an_event_and_outbox_message(
    draft, store, clock
):
    product = services.publish_product(store=store, product=draft.public_id, now=clock.now())

    assert product.status == ProductStatus.ACTIVE
    assert _statuses(product) == [(ProductStatus.DRAFT, ProductStatus.ACTIVE)]
    assert ProductEvent.objects.get(product=product).actor == store.seller.user
    assert "product.published" in _topics()


def test_unverified_seller_cannot_publish(make_product, unverified_store, category, clock):
    product = make_product(unverified_store, category)

    with pytest.raises(SellerNotVerified) as raised:
        services.publish_product(store=unverified_store, product=product, now=clock.now())

    assert (raised.value.code, raised.value.http_status) == ("seller_not_verified", 403)
    product.refresh_from_db()
    assert product.status == ProductStatus.DRAFT
    assert not ProductEvent.objects.exists()


def test_listing_without_variants_cannot_be_published(make_product, store, category, clock):
    product = make_product(store, category, variants=False)

    with pytest.raises(ProductIncomplete):
        services.publish_product(store=store, product=product, now=clock.now())

    product.refresh_from_db()
    assert product.status == ProductStatus.DRAFT


def test_restricted_category_needs_a_certificate_then_goes_to_review(
    make_product, store, restricted_category, staff, clock, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    product = make_product(store, restricted_category)

    # when: no certificate yet
    with pytest.raises(CertificateRequired) as raised:
        services.publish_product(store=store, product=product, now=clock.now())
    assert raised.value.code == "certificate_required"
    product.refresh_from_db()
    assert product.status == ProductStatus.DRAFT

    # when: with a certificate
    pdf = SimpleUploadedFile("cert.pdf", b"%PDF-1.4\n%test\n", content_type="application/pdf")
    services.add_certification_document(
        store=store, product=product, upload=pdf, description="GMP", now=clock.now()
    )
    services.publish_product(store=store, product=product, now=clock.now())

    # then: pending review, not active; staff approve it
    product.refresh_from_db()
    assert product.status == ProductStatus.PENDING_REVIEW
    assert "product.submitted_for_review" in _topics()
    services.approve_product(staff=staff, product=product.public_id, reason="ok", now=clock.now())
    product.refresh_from_db()
    assert product.status == ProductStatus.ACTIVE
    assert _statuses(product) == [
        (ProductStatus.DRAFT, ProductStatus.PENDING_REVIEW),
        (ProductStatus.PENDING_REVIEW, ProductStatus.ACTIVE),
    ]


def test_certificate_that_is_not_a_document_is_refused(draft, store, clock, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    upload = SimpleUploadedFile("cert.pdf", b"just text", content_type="application/pdf")

    with pytest.raises(InvalidDocument) as raised:
        services.add_certification_document(
            store=store, product=draft, upload=upload, now=clock.now()
        )

    assert raised.value.code == "invalid_document"
    assert not draft.certificates.exists()


def test_staff_can_send_back_with_a_reason_and_the_seller_can_resubmit(
    make_product, store, restricted_category, staff, clock, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    product = make_product(store, restricted_category)
    pdf = SimpleUploadedFile("c.pdf", b"%PDF-1.4\n")
    services.add_certification_document(store=store, product=product, upload=pdf, now=clock.now())
    services.publish_product(store=store, product=product, now=clock.now())

    services.send_back_product(
        staff=staff, product=product, reason="Label missing", now=clock.now()
    )

    product.refresh_from_db()
    assert product.status == ProductStatus.DRAFT
    assert ProductEvent.objects.filter(product=product).last().reason == "Label missing"
    services.publish_product(store=store, product=product, now=clock.now())
    product.refresh_from_db()
    assert product.status == ProductStatus.PENDING_REVIEW


def test_seller_cannot_approve_or_publish_past_review(
    make_product, store, restricted_category, clock, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    product = make_product(store, restricted_category)
    services.add_certification_document(
        store=store,
        product=product,
        upload=SimpleUploadedFile("c.pdf", b"%PDF-1.4\n"),
        now=clock.now(),
    )
    services.publish_product(store=store, product=product, now=clock.now())

    with pytest.raises(StaffOnly):
        services.approve_product(staff=store.seller.user, product=product, now=clock.now())
    with pytest.raises(IllegalProductTransition):
        services.publish_product(store=store, product=product, now=clock.now())

    product.refresh_from_db()
    assert product.status == ProductStatus.PENDING_REVIEW


def test_prohibited_category_is_refused_at_creation_and_at_publication(
    draft, store, prohibited_category, clock
):
    with pytest.raises(CategoryProhibited) as raised:
        services.create_product(
            store=store, category=prohibited_category,
            translations={"en": {"title": "Knife"}}, now=clock.now(),
        )  # fmt: skip
    assert raised.value.code == "category_prohibited"

    # a category that became prohibited after the draft was written
    Category.objects.filter(pk=draft.category_id).update(prohibited=True)
    with pytest.raises(CategoryProhibited):
        services.publish_product(store=store, product=draft, now=clock.now())
    draft.refresh_from_db()
    assert draft.status == ProductStatus.DRAFT


def test_hide_unhide_and_remove_each_write_an_event_and_an_outbox_message(active, store, clock):
    services.hide_product(store=store, product=active, now=clock.now())
    services.unhide_product(store=store, product=active, now=clock.now())
    services.remove_product(store=store, product=active, reason="sold out", now=clock.now())

    active.refresh_from_db()
    assert active.status == ProductStatus.REMOVED
    assert _statuses(active) == [
        (ProductStatus.DRAFT, ProductStatus.ACTIVE),
        (ProductStatus.ACTIVE, ProductStatus.HIDDEN),
        (ProductStatus.HIDDEN, ProductStatus.ACTIVE),
        (ProductStatus.ACTIVE, ProductStatus.REMOVED),
    ]
    topics = _topics()
    for topic in ("product.hidden", "product.unhidden", "product.removed"):
        assert topic in topics


def test_hiding_a_draft_is_illegal(draft, store, clock):
    with pytest.raises(IllegalProductTransition):
        services.hide_product(store=store, product=draft, now=clock.now())

    draft.refresh_from_db()
    assert draft.status == ProductStatus.DRAFT


def test_staff_can_remove_any_listing(active, staff, clock):
    services.remove_product(
        staff=staff, product=active.public_id, reason="counterfeit", now=clock.now()
    )

    active.refresh_from_db()
    assert active.status == ProductStatus.REMOVED
    assert ProductEvent.objects.filter(product=active).last().actor == staff
