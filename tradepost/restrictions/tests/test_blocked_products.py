"""Categories (with everything under them) and single listings restricted per ship-to country."""

import pytest

from tradepost.catalog.models import Category
from tradepost.catalog.testing import make_product
from tradepost.errors import PermissionDenied
from tradepost.restrictions import selectors, services
from tradepost.restrictions.errors import (
    InvalidRestriction,
    RestrictedInCountry,
    RestrictionAlreadyLifted,
    RestrictionNotFound,
)
from tradepost.restrictions.models import CategoryRestriction, ListingRestriction

pytestmark = pytest.mark.django_db


def _all(goods):
    return list(goods.values())


def test_category_blocked_for_de_is_refused_only_for_de(goods, tree, restrict):
    restrict(category=tree["rc"], countries=["DE"], reason="Toy drones need a CE radio approval")

    with pytest.raises(RestrictedInCountry) as refused:
        services.check_products(_all(goods), "DE")

    error = refused.value
    assert (error.code, error.http_status) == ("restricted_in_country", 451)
    # rc-cars itself and rc-drones under it; not its parent, not another tree
    assert error.context["product_ids"] == sorted([goods["rc"].public_id,
                                                   goods["drones"].public_id])  # fmt: skip
    assert error.context["reasons"][goods["drones"].public_id] == (
        "Toy drones need a CE radio approval"
    )
    assert str(error.message) == "2 items cannot be delivered to Germany."
    for country in ("FR", "AT", "US"):
        services.check_products(_all(goods), country)


def test_child_category_restriction_does_not_reach_its_parent(goods, tree, restrict):
    restrict(category=tree["drones"], countries=["DE"])

    blocked = selectors.blocked_products(_all(goods), "DE")

    assert set(blocked) == {goods["drones"].id}


def test_listing_restriction_applies_to_that_listing_only(goods, store, tree, restrict):
    twin = make_product(store=store, category=tree["phones"])
    restrict(product=goods["phones"], countries=["AU", "NZ"], reason="No RCM mark")

    assert selectors.blocked_products([goods["phones"], twin], "AU") == {
        goods["phones"].id: "No RCM mark"
    }
    assert selectors.blocked_products([goods["phones"], twin], "NZ") == {
        goods["phones"].id: "No RCM mark"
    }
    assert selectors.blocked_products([goods["phones"], twin], "DE") == {}


def test_listing_reason_wins_over_its_category(goods, tree, restrict):
    restrict(category=tree["toys"], countries=["DE"], reason="category reason")
    restrict(product=goods["drones"], countries=["DE"], reason="listing reason")

    blocked = selectors.blocked_products(_all(goods), "DE")

    assert blocked[goods["drones"].id] == "listing reason"
    assert blocked[goods["rc"].id] == "category reason"


def test_lifted_restriction_no_longer_applies_and_its_row_stays(
    goods, tree, restrict, manager, clock
):
    (restriction,) = restrict(category=tree["rc"], countries=["DE"])

    services.lift_restriction(staff=manager, public_id=restriction.public_id, now=clock.now())

    assert selectors.blocked_products(_all(goods), "DE") == {}
    restriction.refresh_from_db()
    assert (restriction.lifted_at, restriction.lifted_by) == (clock.now(), manager)
    with pytest.raises(RestrictionAlreadyLifted):
        services.lift_restriction(staff=manager, public_id=restriction.public_id, now=clock.now())
    # restricting again after a lift is a new row; the old one stays as history
    restrict(category=tree["rc"], countries=["DE"])
    assert CategoryRestriction.objects.filter(category=tree["rc"]).count() == 2


def test_lifting_needs_the_permission_and_an_existing_restriction(
    goods, restrict, make_user, manager, clock
):
    (restriction,) = restrict(product=goods["toys"], countries=["DE"])
    support = make_user("support@example.com", is_staff=True)

    with pytest.raises(PermissionDenied):
        services.lift_restriction(staff=support, public_id=restriction.public_id, now=clock.now())
    with pytest.raises(RestrictionNotFound):
        services.lift_restriction(staff=manager, public_id="nosuchid", now=clock.now())
    restriction.refresh_from_db()
    assert restriction.lifted_at is None


def test_restricting_twice_keeps_one_active_row_per_country(goods, restrict):
    restrict(product=goods["toys"], countries=["DE"])

    created = restrict(product=goods["toys"], countries=["DE", "AT", "de"])

    assert [row.country.code for row in created] == ["AT"]
    assert ListingRestriction.objects.filter(lifted_at__isnull=True).count() == 2


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"countries": ["DE", "XX"]}, "countries"),
        ({"countries": []}, "countries"),
        ({"countries": ["Germany"]}, "countries"),
        ({"legal_ref": "  "}, "legal_ref"),
        ({"reason": ""}, "reason"),
        ({"category_id": 0}, "category"),
        ({"category_id": 987654}, "category"),
    ],
)
def test_bad_category_restriction_is_refused_and_nothing_written(
    tree, manager, clock, changes, field
):
    data = {"category_id": tree["rc"].pk, "countries": ["DE"], "legal_ref": "JuSchG",
            "reason": "Not allowed", **changes}  # fmt: skip

    with pytest.raises(InvalidRestriction) as refused:
        services.restrict_category(staff=manager, now=clock.now(), **data)

    assert field in refused.value.fields
    assert not CategoryRestriction.objects.exists()


def test_unknown_listing_is_refused_and_nothing_written(manager, clock):
    with pytest.raises(InvalidRestriction) as refused:
        services.restrict_listing(
            staff=manager, product_public_id="nosuchlisting", countries=["DE"],
            legal_ref="JuSchG", reason="Not allowed", now=clock.now(),
        )  # fmt: skip

    assert "product" in refused.value.fields
    assert not ListingRestriction.objects.exists()


def test_a_seller_cannot_restrict(goods, store, clock):
    with pytest.raises(PermissionDenied):
        services.restrict_listing(
            staff=store.seller.user, product_public_id=goods["toys"].public_id,
            countries=["DE"], legal_ref="x", reason="y", now=clock.now(),
        )  # fmt: skip
    assert not ListingRestriction.objects.exists()


def test_a_new_child_category_is_covered_once_the_tree_changes(goods, tree, restrict, store):
    from tradepost.catalog import versions

    restrict(category=tree["toys"], countries=["DE"])
    selectors.blocked_products(_all(goods), "DE")  # parent map cached
    kites = Category.objects.create(slug="kites", parent=tree["toys"], depth=1)
    versions.bump(shared=True)  # what the catalog admin does on any category change
    kite = make_product(store=store, category=kites)

    assert kite.id in selectors.blocked_products([kite], "DE")


@pytest.mark.parametrize("count", [1, 40])
def test_two_queries_whatever_the_number_of_products(
    tree, store, restrict, count, django_assert_max_num_queries
):
    restrict(category=tree["rc"], countries=["DE"])
    products = [make_product(store=store, category=tree["drones"]) for _ in range(count)]
    restrict(product=products[0], countries=["DE"], reason="listing")
    selectors.blocked_products(products[:1], "FR")  # the parent map, as a warm process has it

    with django_assert_max_num_queries(2):  # the catalog version + the restrictions
        blocked = selectors.blocked_products(products, "DE")

    assert len(blocked) == count
    assert blocked[products[0].id] == "listing"
