"""Staff console pages for restrictions: trust & safety and admins only; every change needs a
legal basis; bad input is a form error and writes nothing; lifting keeps the row."""

import pytest

from tradepost.restrictions.models import CategoryRestriction, CountryPolicy, ListingRestriction

pytestmark = pytest.mark.django_db

COUNTRIES = "/en/console/restrictions/"
CATEGORIES = "/en/console/restrictions/categories/"
LISTINGS = "/en/console/restrictions/listings/"
INDIA = {"country": "IN", "availability": "off", "effective_from": "",
         "legal_ref": "India, IT Act 2000 s. 69A blocking order (2020-11-24)",
         "reason": "Government blocking order"}  # fmt: skip


def test_manager_switches_india_off_and_sees_it_listed(manager_client, manager, clock):
    response = manager_client.post(COUNTRIES, INDIA)

    assert response.status_code == 302
    policy = CountryPolicy.objects.get()
    assert (policy.country.code, policy.buy_enabled, policy.created_by) == ("IN", False, manager)
    assert policy.effective_from == clock.now()
    page = manager_client.get(COUNTRIES).content.decode()
    assert "Deliveries to India switched off." in page
    assert 'data-country="IN"' in page and "Switched off" in page
    assert "IT Act 2000 s. 69A" in page


def test_scheduled_change_is_shown_as_scheduled(manager_client, clock):
    manager_client.post(COUNTRIES, {**INDIA, "effective_from": "2026-12-24T00:00"})

    page = manager_client.get(COUNTRIES).content.decode()

    assert "Open" in page and "from " in page
    assert CountryPolicy.objects.get().effective_from.isoformat() == "2026-12-24T00:00:00+00:00"


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"legal_ref": ""}, "legal_ref"),
        ({"legal_ref": "   "}, "legal_ref"),
        ({"reason": ""}, "reason"),
        ({"country": "XX"}, "country"),
        ({"availability": "maybe"}, "availability"),
        ({"effective_from": "2020-01-01T00:00"}, "effective_from"),
        ({"effective_from": "tomorrow"}, "effective_from"),
    ],
)
def test_bad_country_input_is_a_form_error_and_nothing_is_written(
    manager_client, clock, changes, field
):
    response = manager_client.post(COUNTRIES, {**INDIA, **changes})

    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not CountryPolicy.objects.exists()


def test_manager_restricts_a_category_for_two_countries(manager_client, tree, clock):
    data = {"category": tree["rc"].pk, "countries": "de, AT", "legal_ref": "EU RED 2014/53",
            "reason": "Radio equipment without approval"}  # fmt: skip

    response = manager_client.post(CATEGORIES, data)

    assert response.status_code == 302
    rows = CategoryRestriction.objects.order_by("country")
    assert [(r.category_id, r.country.code) for r in rows] == [(tree["rc"].pk, "AT"),
                                                               (tree["rc"].pk, "DE")]  # fmt: skip
    page = manager_client.get(CATEGORIES).content.decode()
    assert "Restricted for: Germany, Austria." in page
    assert "EU RED 2014/53" in page


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"countries": "DE, XX"}, "countries"),
        ({"countries": ""}, "countries"),
        ({"legal_ref": ""}, "legal_ref"),
        ({"category": "987654"}, "category"),
    ],
)
def test_bad_category_input_is_a_form_error_and_nothing_is_written(
    manager_client, tree, changes, field
):
    data = {"category": tree["rc"].pk, "countries": "DE", "legal_ref": "JuSchG",
            "reason": "Not allowed", **changes}  # fmt: skip

    response = manager_client.post(CATEGORIES, data)

    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not CategoryRestriction.objects.exists()


def test_manager_restricts_a_listing_and_lifts_it(manager_client, manager, goods, clock):
    listing = goods["phones"]
    data = {"product": listing.public_id, "countries": "AU", "legal_ref": "ACMA RCM",
            "reason": "No compliance mark"}  # fmt: skip

    assert manager_client.post(LISTINGS, data).status_code == 302
    restriction = ListingRestriction.objects.get()
    assert "A phones item" in manager_client.get(LISTINGS).content.decode()

    response = manager_client.post(f"/en/console/restrictions/{restriction.public_id}/lift/")

    assert response.status_code == 302 and response["Location"] == LISTINGS
    restriction.refresh_from_db()
    assert (restriction.lifted_at, restriction.lifted_by) == (clock.now(), manager)
    page = manager_client.get(LISTINGS).content.decode()
    assert "Restriction lifted for Australia." in page
    assert "No listing is restricted." in page


def test_unknown_listing_is_a_form_error(manager_client):
    data = {"product": "nosuchlisting", "countries": "AU", "legal_ref": "x", "reason": "y"}

    response = manager_client.post(LISTINGS, data)

    assert response.status_code == 200
    assert "product" in response.context["form"].errors
    assert not ListingRestriction.objects.exists()


def test_lifting_twice_says_so(manager_client, goods, restrict):
    (restriction,) = restrict(product=goods["toys"], countries=["DE"])
    url = f"/en/console/restrictions/{restriction.public_id}/lift/"
    manager_client.post(url)

    response = manager_client.post(url, follow=True)

    assert "This restriction was already lifted." in response.content.decode()


@pytest.mark.parametrize("url", [COUNTRIES, CATEGORIES, LISTINGS])
def test_anonymous_visitors_are_sent_to_log_in(client, url):
    response = client.get(url)

    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("url", [COUNTRIES, CATEGORIES, LISTINGS])
def test_buyers_and_staff_without_the_role_get_404_and_write_nothing(client, make_user, url):
    from allauth.mfa.totp.internal.auth import TOTP

    from tradepost.restrictions.tests.conftest import TOTP_SECRET

    support = make_user("support@example.com", is_staff=True)
    TOTP.activate(support, TOTP_SECRET)
    for user in (make_user("buyer2@example.com"), support):
        client.force_login(user)
        assert client.get(url).status_code == 404
        assert client.post(COUNTRIES, INDIA).status_code == 404
    assert not CountryPolicy.objects.exists()


def test_lifting_is_staff_only(client, make_user, goods, restrict):
    (restriction,) = restrict(product=goods["toys"], countries=["DE"])
    client.force_login(make_user("buyer2@example.com"))

    response = client.post(f"/en/console/restrictions/{restriction.public_id}/lift/")

    assert response.status_code == 404
    restriction.refresh_from_db()
    assert restriction.lifted_at is None


def test_dashboard_links_to_the_restrictions(manager_client):
    page = manager_client.get("/en/console/").content.decode()

    assert f'href="{COUNTRIES}"' in page


def _queries(client, url) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)  # warm the session, permissions and the notice cache
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def _restrict_all(goods, tree, restrict, switch_off, manager, clock, countries):
    from tradepost.restrictions import services

    switch_off(countries[0], now=clock.now())
    for product in goods.values():
        for restriction in restrict(product=product, countries=countries):
            services.lift_restriction(staff=manager, public_id=restriction.public_id,
                                      now=clock.now())  # fmt: skip
        restrict(product=product, countries=countries)
    for category in tree.values():
        restrict(category=category, countries=countries)


@pytest.mark.parametrize("url", [COUNTRIES, CATEGORIES, LISTINGS])
def test_list_pages_query_count_does_not_grow(
    manager_client, manager, goods, tree, restrict, switch_off, clock, url
):
    _restrict_all(goods, tree, restrict, switch_off, manager, clock, ["DE"])
    few = _queries(manager_client, url)
    _restrict_all(goods, tree, restrict, switch_off, manager, clock, ["AT", "CH", "PL", "SE"])

    assert _queries(manager_client, url) == few <= 10  # session, user, 2FA, permissions, rows
