"""`{% ship_to_notice %}`: the base layout's banner when deliveries to the visitor's ship-to
country are switched off. Cached pages are keyed by ship-to country (web.page_cache) and by the
catalog version the restriction services move, so a cached page carries the right banner."""

from django import template

from tradepost import clock
from tradepost.restrictions import selectors

register = template.Library()


@register.inclusion_tag("restrictions/_ship_to_notice.html", takes_context=True)
def ship_to_notice(context) -> dict:
    country = context.get("ship_to") or ""
    return {"notice": selectors.country_notice(country, now=clock.now()) if country else ""}
