"""The product page's flash-deal box: a placeholder in the cached page, the live box with the
deal price, countdown and units left, and a units-left line that only answers when it changed."""

import datetime as dt

import pytest

from tradepost.promotions import services
from tradepost.promotions.services import FlashDealInput
from tradepost.promotions.testing import make_deal

pytestmark = pytest.mark.django_db


def _page(client, product) -> str:
    response = client.get(f"/en/p/{product.public_id}/pocket-phone/")
    assert response.status_code == 200
    return response.content.decode()


def _box(client, product, **params):
    return client.get(f"/en/pd/{product.public_id}/", params)


def test_product_page_without_a_deal_has_no_box(clock, client, phone):
    assert 'id="deal-box"' not in _page(client, phone)


def test_creating_a_deal_rebuilds_the_cached_page_with_the_box(
    clock, client, cn_store, phone, variant
):
    assert 'id="deal-box"' not in _page(client, phone)  # now cached
    now = clock.now()
    data = FlashDealInput(variant=variant.public_id, deal_price_minor=4900, quantity=10,
                          starts_at=now, ends_at=now + dt.timedelta(hours=2))  # fmt: skip
    deal = services.create_flash_deal_for_store(store=cn_store, actor=None, data=data, now=now)

    html = _page(client, phone)
    assert 'id="deal-box"' in html
    assert f'hx-get="/en/pd/{phone.public_id}/"' in html

    services.cancel_flash_deal_for_store(store=cn_store, public_id=deal.public_id, now=now)
    assert 'id="deal-box"' not in _page(client, phone)


def test_box_shows_deal_price_countdown_and_units_left(clock, client, phone, variant):
    ends = clock.now() + dt.timedelta(hours=2, minutes=30)
    make_deal(variant, deal_price_minor=4900, quantity=10, sold=3, ends_at=ends)

    response = _box(client, phone)

    html = response.content.decode()
    assert response.status_code == 200
    assert "no-cache" in response["Cache-Control"]
    assert 'data-testid="deal-box"' in html
    assert "CN¥49.00" in html and "CN¥68.00" in html
    assert f'data-countdown="{ends.isoformat()}"' in html
    assert "2\xa0hours, 30\xa0minutes" in html
    assert "7 units left at this price" in html
    assert 'aria-live="polite"' in html


def test_box_is_empty_when_the_deal_has_ended_or_not_started(clock, client, phone, variant):
    now = clock.now()
    make_deal(variant, starts_at=now + dt.timedelta(hours=1), ends_at=now + dt.timedelta(hours=3))

    assert 'data-testid="deal-box"' not in _box(client, phone).content.decode()


def test_sold_out_deal_says_so(clock, client, phone, variant):
    make_deal(variant, quantity=4, sold=4)

    assert "Sold out at the deal price" in _box(client, phone).content.decode()


def test_units_line_answers_204_until_the_count_changes(clock, client, phone, variant):
    deal = make_deal(variant, quantity=10, sold=3)

    same = _box(client, phone, deal=deal.public_id, left="7")
    services.take_deal_units(deal_id=deal.pk, quantity=2, now=clock.now())
    changed = _box(client, phone, deal=deal.public_id, left="7")

    assert same.status_code == 204
    assert changed.status_code == 200
    assert "5 units left at this price" in changed.content.decode()
    assert "left=5" in changed.content.decode()  # the next poll compares with 5


def test_units_line_of_a_cancelled_deal_stops_polling(clock, client, phone, variant):
    deal = make_deal(variant, is_cancelled=True)

    html = _box(client, phone, deal=deal.public_id, left="10").content.decode()

    assert "This flash deal has ended." in html
    assert "hx-trigger" not in html


def test_hidden_product_shows_no_deal(clock, client, phone, variant):
    make_deal(variant)
    type(phone).objects.filter(pk=phone.pk).update(status="hidden")

    assert 'data-testid="deal-box"' not in _box(client, phone).content.decode()


def test_box_reads_in_a_fixed_number_of_queries(
    clock, client, phone, variant, django_assert_max_num_queries
):
    make_deal(variant)

    with django_assert_max_num_queries(4):  # the deals (+ session, rate look-ups when cold)
        _box(client, phone)
