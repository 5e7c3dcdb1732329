"""The seller status machine and the staff decisions built on it."""

import pytest

from tradepost.accounts.roles import SELLER
from tradepost.notifications.models import OutboxEvent
from tradepost.sellers import errors, services, states
from tradepost.sellers.models import Seller, SellerEvent
from tradepost.sellers.states import SellerStatus

pytestmark = pytest.mark.django_db

LEGAL = [(src, dst) for src, targets in states.ALLOWED.items() for dst in targets]
ILLEGAL = [
    (src, dst)
    for src in SellerStatus.values
    for dst in SellerStatus.values
    if (src, dst) not in LEGAL
]


def _at(seller_factory, status: str) -> Seller:
    return seller_factory("complete" if status == "draft" else status)


@pytest.mark.parametrize(("current", "target"), LEGAL)
def test_each_legal_move_writes_an_event(seller_factory, reviewer, clock, current, target):
    seller = _at(seller_factory, current)
    before = SellerEvent.objects.filter(seller=seller).count()
    clock.advance(hours=1)

    event = services.transition_seller(
        seller, to=target, actor=reviewer, reason="because", now=clock.now()
    )

    seller.refresh_from_db()
    assert (seller.status, seller.status_changed_at) == (target, clock.now())
    assert (event.from_status, event.to_status, event.actor, event.reason) == (
        current,
        target,
        reviewer,
        "because",
    )
    assert SellerEvent.objects.filter(seller=seller).count() == before + 1


@pytest.mark.parametrize(("current", "target"), ILLEGAL)
def test_each_illegal_move_raises_and_changes_nothing(seller_factory, clock, current, target):
    seller = _at(seller_factory, current)
    events = SellerEvent.objects.filter(seller=seller).count()

    with pytest.raises(errors.IllegalSellerTransition) as caught:
        services.transition_seller(seller, to=target, actor=None, reason="", now=clock.now())

    assert (caught.value.code, caught.value.http_status) == ("illegal_seller_transition", 409)
    seller.refresh_from_db()
    assert seller.status == current
    assert SellerEvent.objects.filter(seller=seller).count() == events


def test_stale_object_loses_the_compare_and_set(submitted_seller, clock):
    stale = Seller.objects.get(pk=submitted_seller.pk)
    services.transition_seller(
        submitted_seller, to="verified", actor=None, reason="", now=clock.now()
    )

    with pytest.raises(errors.SellerChangedConcurrently):
        services.transition_seller(stale, to="rejected", actor=None, reason="", now=clock.now())

    assert Seller.objects.get(pk=stale.pk).status == "verified"


def test_verify_makes_the_user_a_seller_and_opens_the_store(submitted_seller, reviewer, clock):
    clock.advance(days=3)

    services.verify_seller(seller=submitted_seller, actor=reviewer, now=clock.now())

    submitted_seller.refresh_from_db()
    assert submitted_seller.status == "verified"
    assert submitted_seller.user.groups.filter(name=SELLER).exists()
    assert submitted_seller.store.opened_on == clock.now().date()
    event = OutboxEvent.objects.get(topic="seller.verified")
    assert event.payload == {"seller": submitted_seller.public_id}


def test_reject_needs_a_reason_and_keeps_it(submitted_seller, reviewer, clock):
    with pytest.raises(errors.ReasonRequired):
        services.reject_seller(seller=submitted_seller, actor=reviewer, reason=" ", now=clock.now())
    assert Seller.objects.get(pk=submitted_seller.pk).status == "submitted"

    services.reject_seller(
        seller=submitted_seller, actor=reviewer, reason="ID document unreadable", now=clock.now()
    )

    submitted_seller.refresh_from_db()
    assert (submitted_seller.status, submitted_seller.rejection_reason) == (
        "rejected",
        "ID document unreadable",
    )
    assert SellerEvent.objects.filter(to_status="rejected").get().reason == "ID document unreadable"
    assert OutboxEvent.objects.filter(topic="seller.rejected").count() == 1


def test_suspend_and_reinstate(verified_seller, reviewer, clock):
    services.suspend_seller(
        seller=verified_seller, actor=reviewer, reason="Counterfeit goods", now=clock.now()
    )
    assert not verified_seller.user.groups.filter(name=SELLER).exists()

    services.reinstate_seller(seller=verified_seller, actor=reviewer, now=clock.now())

    verified_seller.refresh_from_db()
    assert verified_seller.status == "verified"
    assert verified_seller.user.groups.filter(name=SELLER).exists()
    last = SellerEvent.objects.filter(seller=verified_seller).last()
    assert (last.from_status, last.to_status, last.reason) == (
        "suspended",
        "verified",
        "reinstated",
    )
    for topic in ("seller.suspended", "seller.reinstated"):
        assert OutboxEvent.objects.get(topic=topic).payload["seller"] == verified_seller.public_id


def test_verify_cannot_skip_reinstatement(seller_factory, reviewer, clock):
    suspended = seller_factory("suspended")

    with pytest.raises(errors.IllegalSellerTransition):
        services.verify_seller(seller=suspended, actor=reviewer, now=clock.now())
    assert Seller.objects.get(pk=suspended.pk).status == "suspended"


def test_reinstate_only_a_suspended_seller(submitted_seller, reviewer, clock):
    with pytest.raises(errors.IllegalSellerTransition):
        services.reinstate_seller(seller=submitted_seller, actor=reviewer, now=clock.now())
    assert Seller.objects.get(pk=submitted_seller.pk).status == "submitted"


@pytest.mark.parametrize("is_staff", [False, True])
def test_only_reviewers_decide(submitted_seller, make_user, clock, is_staff):
    outsider = make_user("outsider@example.com", is_staff=is_staff)  # staff without the role too

    with pytest.raises(errors.NotAStaffMember):
        services.verify_seller(seller=submitted_seller, actor=outsider, now=clock.now())

    assert Seller.objects.get(pk=submitted_seller.pk).status == "submitted"
    assert not OutboxEvent.objects.filter(topic="seller.verified").exists()
