"""The product page's delivery box: does it ship to the visitor's country, by which services,
at what price in their currency, and when it arrives.

The product page is cached, and shipping changes (templates, restrictions, today's date) do
not bump its revision, so the box is an uncached htmx fragment, like the deal box. Choosing
another country in the box remembers it (cookie, and the profile when signed in) and answers
with the box for that country.
"""

import dataclasses

from django.http import Http404
from django.shortcuts import render
from django.utils.translation import get_language
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods
from django_countries import countries

from tradepost import clock
from tradepost.catalog import selectors as catalog
from tradepost.catalog.errors import ProductNotFound
from tradepost.money.money import Money
from tradepost.restrictions import selectors as restrictions
from tradepost.shipping import selectors as shipping
from tradepost.shipping.promise import Promise
from tradepost.shipping.services import ShippingOption
from tradepost.storefront.prices import DisplayPrice, rates_for
from tradepost.web import preferences
from tradepost.web.views import save_preference


@dataclasses.dataclass(frozen=True)
class DeliveryOption:
    option: ShippingOption
    price: DisplayPrice
    promise: Promise


def _options(request, detail, country: str, now) -> list[DeliveryOption]:
    product = detail.product
    variant = detail.variants[0] if detail.variants else None
    if variant is None:
        return []
    quantity = product.min_order_quantity
    found = shipping.product_options(
        product, unit_price_minor=variant.price_minor, quantity=quantity, destination=country
    )
    book = rates_for(request)
    currency = product.store.settlement_currency
    return [
        DeliveryOption(
            option=option,
            price=book.price(Money(option.store_amount_minor, currency)),
            promise=shipping.promise_for(option, today=now.date(), destination=country),
        )
        for option in found
    ]


@require_http_methods(["GET", "POST"])
@never_cache
def product_delivery(request, public_id: str):
    """GET: the box for the visitor's ship-to country; POST `country`: switch to it first."""
    try:
        detail = catalog.get_public_product(public_id, get_language() or "en")
    except ProductNotFound:
        raise Http404 from None
    country = preferences.current_ship_to(request)
    chosen = str(request.POST.get("country", "")).upper()
    switched = request.method == "POST" and chosen in countries
    if switched:
        country = chosen
    now = clock.now()
    notice = restrictions.country_notice(country, now=now)
    blocked = "" if notice else restrictions.blocked_products([detail.product], country)
    options = [] if notice or blocked else _options(request, detail, country, now)
    context = {
        "product": detail.product,
        "country": country,
        "country_name": countries.name(country),
        "unavailable_notice": notice,
        "restricted_reason": next(iter(blocked.values()), "") if blocked else "",
        "options": options,
        "origin_name": countries.name(options[0].option.ship_from) if options else "",
    }
    response = render(request, "storefront/_delivery_box.html", context)
    if switched:
        preferences.remember(response, ship_to=country)
        save_preference(request, ship_to_country=country)
    return response
