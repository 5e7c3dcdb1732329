"""Test helpers for any app: sellers built through the real services, at each step of the application.

A tests/conftest.py makes the fixtures available with
`from tradepost.sellers.testing import *  # noqa: F403`.
"""

import itertools
from dataclasses import replace

import pytest
from django.contrib.auth.models import Group

from tradepost.accounts.roles import TRUST_SAFETY
from tradepost.sellers import services
from tradepost.sellers.validation import PayoutInput, TraderDetailsInput

DE_COMPANY = TraderDetailsInput(
    legal_name="Muster Handel GmbH",
    address_line1="Theaterstraße 1",
    city="Aachen",
    postal_code="52062",
    country="DE",
    phone="+49 241 432 0",
    email="kontakt@muster.example",
    trade_register="Amtsgericht Aachen",
    registration_number="Aachen HRB 44123",
    vat_number="DE136695976",
)
KR_COMPANY = TraderDetailsInput(
    legal_name="Hanbit Trading Co.",
    address_line1="Sejong-daero 110",
    city="Seoul",
    postal_code="04524",
    country="KR",
    phone="+82 2 312 3456",
    email="sales@hanbit.example",
    registration_number="134-86-72683",
)
__all__ = [
    "DE_COMPANY", "KR_COMPANY", "US_INDIVIDUAL", "IBAN", "build_seller", "details", "reviewer",
    "seller_factory", "draft_seller", "complete_seller", "submitted_seller", "verified_seller",
]  # fmt: skip
US_INDIVIDUAL = TraderDetailsInput(
    legal_name="Jane Roe",
    address_line1="350 Fifth Avenue",
    city="New York",
    region="NY",
    postal_code="10118",
    country="US",
    phone="+1 212 555 0100",
    email="jane@roe.example",
    registration_number="536-90-4399",
)
IBAN = "DE89 3704 0044 0532 0130 00"
_numbers = itertools.count(1)


def build_seller(
    make_user, now, *, status="verified", details=DE_COMPANY, slug=None, staff=None, kind="company"
):
    """A seller moved through the services to `status` (draft, complete, submitted, verified,
    rejected, suspended, closed). "complete" is a draft with everything filled in; "closed" is
    moved there directly, without close_store's checks."""
    n = next(_numbers)
    user = make_user(f"seller{n}@example.com")
    seller = services.start_application(user=user, kind=kind, now=now)
    if status == "draft":
        return seller
    services.update_trader_details(seller=seller, data=details, now=now)
    services.update_payout_account(seller=seller, data=PayoutInput(iban=IBAN), now=now)
    services.create_store(
        seller=seller, name=f"Store {n}", slug=slug or f"store-{n}", country=details.country,
        settlement_currency="EUR", original_language="de", languages_spoken=["en"],
        description="Werkzeug aus Aachen.", now=now,
    )  # fmt: skip
    if status == "complete":
        return seller
    services.submit_application(seller=seller, self_certified=True, now=now)
    if status == "submitted":
        return seller
    if status == "rejected":
        return services.reject_seller(seller=seller, actor=staff, reason="Blurry", now=now)
    services.verify_seller(seller=seller, actor=staff, now=now)
    if status == "suspended":
        services.suspend_seller(seller=seller, actor=staff, reason="Counterfeits", now=now)
    if status == "closed":
        services.transition_seller(seller, to="closed", actor=None, reason="closed", now=now)
    seller.refresh_from_db()
    return seller


@pytest.fixture
def reviewer(make_user):
    """Staff member in the trust & safety role (may review sellers)."""
    user = make_user("reviewer@example.com", is_staff=True)
    user.groups.add(Group.objects.get(name=TRUST_SAFETY))
    return user


@pytest.fixture
def seller_factory(make_user, clock, reviewer):
    def make(status="verified", **kwargs):
        return build_seller(make_user, clock.now(), status=status, staff=reviewer, **kwargs)

    return make


@pytest.fixture
def draft_seller(seller_factory):
    return seller_factory("draft")


@pytest.fixture
def complete_seller(seller_factory):
    return seller_factory("complete")


@pytest.fixture
def submitted_seller(seller_factory):
    return seller_factory("submitted")


@pytest.fixture
def verified_seller(seller_factory):
    return seller_factory("verified")


def details(**changes) -> TraderDetailsInput:
    return replace(DE_COMPANY, **changes)
