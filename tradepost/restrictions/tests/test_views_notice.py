"""The storefront's notice for a ship-to country deliveries cannot go to, cached pages included."""

import pytest

from tradepost.web.preferences import SHIP_TO_COOKIE

pytestmark = pytest.mark.django_db
NOTICE = "tradepost is not available for delivery to India."


def _home(client, country: str) -> str:
    client.cookies[SHIP_TO_COOKIE] = country
    response = client.get("/en/")
    assert response.status_code == 200
    return response.content.decode()


def test_home_page_shows_the_notice_for_india_and_not_for_france(client, switch_off, clock):
    switch_off("IN", now=clock.now())

    india = _home(client, "IN")
    france = _home(client, "FR")

    assert f'<p class="notice" role="status" data-testid="country-notice">{NOTICE}</p>' in india
    assert "country-notice" not in france


def test_a_cached_page_gets_the_notice_as_soon_as_the_country_is_switched_off(
    client, switch_off, clock, django_assert_num_queries
):
    assert NOTICE not in _home(client, "IN")  # now in the page cache

    switch_off("IN", now=clock.now())

    assert NOTICE in _home(client, "IN")
    with django_assert_num_queries(1):  # served from the page cache, notice included
        assert NOTICE in _home(client, "IN")
    assert NOTICE not in _home(client, "FR")


def test_the_notice_is_in_the_visitors_language(client, switch_off, clock):
    switch_off("IN", now=clock.now())
    client.cookies[SHIP_TO_COOKIE] = "IN"

    page = client.get("/de/").content.decode()

    assert "Indien" in page
    assert 'data-testid="country-notice"' in page


def test_signed_in_buyer_shipping_to_india_sees_it_on_every_page(client, make_user, switch_off,
                                                                 clock):  # fmt: skip
    switch_off("IN", now=clock.now())
    client.force_login(make_user("ravi@example.com", ship_to_country="IN"))

    for url in ("/en/", "/en/cart/", "/en/account/"):
        response = client.get(url, follow=True)
        assert NOTICE in response.content.decode(), url
