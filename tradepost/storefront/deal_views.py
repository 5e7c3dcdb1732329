"""The live flash-deal box of the product page.

The product page is cached per product revision, so it only holds a placeholder (when a deal is
running or still to come); the box — deal price, countdown, units left — comes from here,
uncached. The units-left line polls every 15 s and gets 204 (nothing to swap, nothing for a
screen reader to repeat) until the count changes.
"""

import dataclasses
import datetime as dt

from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from tradepost import clock
from tradepost.catalog.options import option_label
from tradepost.money.money import Money
from tradepost.promotions import selectors
from tradepost.promotions.models import FlashDeal


@dataclasses.dataclass
class DealView:
    deal: FlashDeal
    label: str  # the variant's option values, when the product has several variants
    price: Money
    deal_price: Money

    @property
    def units_left(self) -> int:
        return max(self.deal.quantity - self.deal.sold, 0)

    @property
    def ends_at(self) -> dt.datetime:
        return self.deal.ends_at


def _view(deal: FlashDeal) -> DealView:
    variant = deal.variant
    currency = variant.store.settlement_currency
    return DealView(
        deal=deal,
        label=option_label(variant.options, variant.product.option_names),
        price=Money(variant.price_minor, currency),
        deal_price=Money(deal.deal_price_minor, currency),
    )


@require_GET
@never_cache
def product_deal(request, public_id: str):
    """The deal box; with `?deal=<id>&left=<n>` only that deal's units-left line (204 when
    still n)."""
    now = clock.now()
    deals = [_view(d) for d in selectors.running_deals_for_public_product(public_id, now=now)]
    wanted = request.GET.get("deal")
    if wanted is None:
        context = {"deals": deals, "now": now, "public_id": public_id}
        return render(request, "storefront/_deal_box.html", context)
    found = next((d for d in deals if d.deal.public_id == wanted), None)
    if found is not None and request.GET.get("left") == str(found.units_left):
        return HttpResponse(status=204)
    context = {"deal": found, "public_id": public_id}
    return render(request, "storefront/_deal_units.html", context)
