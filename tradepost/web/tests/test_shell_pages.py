"""The web shell: home page, preference switchers, health check, error pages, security headers."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_root_redirects_to_the_browser_language(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="ru-RU,ru;q=0.9,en;q=0.5")

    assert response.status_code == 302
    assert response["Location"] == "/ru/"


def test_root_falls_back_to_english_for_an_unsupported_language(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="sw")

    assert response["Location"] == "/en/"


def test_language_cookie_wins_over_accept_language(client):
    client.cookies["tp_language"] = "de"

    response = client.get("/", HTTP_ACCEPT_LANGUAGE="fr")

    assert response["Location"] == "/de/"


def test_home_shows_header_selectors_and_footer(client):
    response = client.get("/en/")

    html = response.content.decode()
    assert response.status_code == 200
    assert "Buy from sellers all over the world" in html
    assert 'id="pref-language"' in html and 'id="pref-currency"' in html
    assert 'id="pref-ship-to"' in html and 'role="search"' in html
    assert "Prices in USD ($)" in html


def test_home_query_count_is_bounded_for_visitors(client, django_assert_max_num_queries):
    client.get("/en/")  # warm caches of country and currency names, and the cached page

    with django_assert_max_num_queries(1):  # the catalog version the cached page is keyed by
        client.get("/en/")


def test_home_query_count_is_bounded_for_signed_in_buyers(
    client, buyer, django_assert_max_num_queries
):
    client.force_login(buyer)
    client.get("/en/")

    with django_assert_max_num_queries(3):  # session + user + catalog version
        client.get("/en/")


def test_switching_currency_sets_the_header_and_stays_on_the_page(client):
    response = client.post(reverse("set_currency"), {"currency": "BRL", "next": "/en/search/?q=x"})

    assert response.status_code == 302
    assert response["Location"] == "/en/search/?q=x"
    assert "Prices in BRL (R$)" in client.get("/en/").content.decode()


def test_unknown_currency_is_refused_and_changes_nothing(client):
    response = client.post(reverse("set_currency"), {"currency": "ABC"})

    assert response.status_code == 400
    assert "tp_currency" not in response.cookies
    assert "Prices in USD ($)" in client.get("/en/").content.decode()


def test_next_url_to_another_host_is_not_followed(client):
    response = client.post(
        reverse("set_currency"), {"currency": "EUR", "next": "https://evil.example/"}
    )

    assert response["Location"] == "/"


def test_signed_in_switch_updates_the_profile(client, buyer):
    client.force_login(buyer)

    client.post(reverse("set_currency"), {"currency": "JPY"})
    client.post(reverse("set_ship_to"), {"country": "jp"})
    client.post(reverse("set_language"), {"language": "ja", "next": "/en/"})

    buyer.refresh_from_db()
    assert (buyer.display_currency, buyer.ship_to_country.code) == ("JPY", "JP")
    assert buyer.preferred_language == "ja"


def test_language_switch_redirects_to_the_same_page_translated(client):
    response = client.post(reverse("set_language"), {"language": "ru", "next": "/en/cart/"})

    assert response["Location"] == "/ru/cart/"
    assert response.cookies["tp_language"].value == "ru"


def test_unknown_language_or_country_is_a_400(client):
    assert client.post(reverse("set_language"), {"language": "xx"}).status_code == 400
    assert client.post(reverse("set_ship_to"), {"country": "QQ"}).status_code == 400


def test_healthz_checks_the_database(client):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


def test_404_page_is_translated(client):
    response = client.get("/de/no-such-page/")

    assert response.status_code == 404
    assert "Seite nicht gefunden" in response.content.decode()


def test_security_headers_on_every_page(client):
    response = client.get("/en/")

    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "'unsafe-inline'" not in csp.split("script-src")[1]
    assert "frame-ancestors 'none'" in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_no_inline_scripts_or_foreign_hosts_in_the_page(client):
    html = client.get("/en/").content.decode()

    assert "<script>" not in html and "<script type" not in html
    assert "http://" not in html.replace("http://testserver", "")
    assert "https://" not in html


def test_https_requests_get_secure_cookies_and_hsts(client):
    response = client.post(reverse("set_currency"), {"currency": "EUR"}, secure=True)

    assert response.cookies["tp_currency"]["secure"] is True
    assert response.cookies["tp_currency"]["httponly"] is True
    assert response["Strict-Transport-Security"].startswith("max-age=31536000")


def test_plain_http_cookies_are_not_marked_secure(client):
    response = client.post(reverse("set_currency"), {"currency": "EUR"})

    assert response.cookies["tp_currency"]["secure"] == ""
    assert "Strict-Transport-Security" not in response


def test_500_page_is_translated():
    from django.test import RequestFactory
    from django.utils import translation

    from tradepost.web.views import server_error

    request = RequestFactory().get("/fr/")
    with translation.override("fr"):
        response = server_error(request)

    assert response.status_code == 500
    assert "Something went wrong" not in response.content.decode()
    assert 'lang="fr"' in response.content.decode()


def test_uploaded_media_is_served_by_the_embedded_server(client, settings, tmp_path):
    (tmp_path / "products").mkdir()
    (tmp_path / "products" / "a.webp").write_bytes(b"RIFF0000WEBP")
    settings.MEDIA_ROOT = tmp_path

    response = client.get("/media/products/a.webp")

    assert response.status_code == 200
    assert response["Content-Type"] == "image/webp"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert client.get("/media/%2e%2e/secret_key").status_code in (400, 404)
