"""Demo shipping templates: every store ships from its country by post (economy), by a
standard carrier and by express, cheaper and faster at home and in its region; a few stores
exclude some destinations. Idempotent: stores that have a template are left alone."""

from tradepost import clock
from tradepost.money import currencies
from tradepost.sellers.models import Store
from tradepost.shipping.models import Pricing, ServiceLevel, ShippingTemplate, ShippingZone
from tradepost.shipping.regions import EU

# The national post (economy carrier) of a seller country, where the registry has it.
POSTS = {
    "CN": "china-post", "KR": "korea-post", "US": "usps", "RU": "russian-post",
    "BR": "correios", "NL": "postnl", "PL": "poczta-polska", "TR": "ptt", "GB": "royal-mail",
    "DE": "deutsche-post",
}  # fmt: skip
STANDARD_CARRIER = {"CN": "yunexpress", "HK": "4px"}
# Per-parcel prices in euro cents, converted roughly into the store currency by the ratios below
# (demo figures, not quotes).
EUR_PER_UNIT = {
    "EUR": 1, "USD": 0.9, "GBP": 1.15, "CNY": 0.13, "KRW": 0.00068, "TRY": 0.027,
    "PLN": 0.23, "BRL": 0.17, "JPY": 0.0061,
}  # fmt: skip
# A few stores refuse some destinations (their own choice, shown on product pages).
EXCLUSIONS = {0: ["RU", "BY"], 3: ["AU", "NZ"]}


def _price(euros: float, currency: str) -> int:
    major = euros / EUR_PER_UNIT.get(currency, 1)
    return round(major * 10 ** currencies.exponent(currency))


def _zones(store: Store) -> list[dict]:
    home = store.country.code
    currency = store.settlement_currency
    post = POSTS.get(home, "dhl")
    standard = STANDARD_CARRIER.get(home, post)
    regional = ["EU"] if home in EU else []
    zones = [
        {"countries": [home], "service": ServiceLevel.STANDARD, "carrier": standard,
         "pricing": Pricing.FLAT, "first_minor": _price(2.5, currency),
         "free_over_minor": _price(20, currency), "processing_days": 1,
         "transit_days_min": 2, "transit_days_max": 4},
        {"groups": ["WORLD"], "service": ServiceLevel.ECONOMY, "carrier": post,
         "pricing": Pricing.PER_ITEM, "first_minor": _price(2, currency),
         "additional_minor": _price(0.5, currency), "processing_days": 3,
         "transit_days_min": 15, "transit_days_max": 30},
        {"groups": ["WORLD"], "service": ServiceLevel.STANDARD, "carrier": standard,
         "pricing": Pricing.BY_WEIGHT, "first_minor": _price(4.5, currency),
         "additional_minor": _price(1.5, currency), "weight_unit_g": 500,
         "free_over_minor": _price(60, currency), "processing_days": 2,
         "transit_days_min": 8, "transit_days_max": 15},
        {"groups": ["WORLD"], "service": ServiceLevel.EXPRESS, "carrier": "dhl",
         "pricing": Pricing.BY_WEIGHT, "first_minor": _price(18, currency),
         "additional_minor": _price(4, currency), "weight_unit_g": 500, "processing_days": 1,
         "transit_days_min": 3, "transit_days_max": 6},
    ]  # fmt: skip
    if regional:
        zones.append(
            {"groups": regional, "service": ServiceLevel.STANDARD, "carrier": standard,
             "pricing": Pricing.FLAT, "first_minor": _price(3.5, currency),
             "free_over_minor": _price(35, currency), "processing_days": 1,
             "transit_days_min": 3, "transit_days_max": 6}
        )  # fmt: skip
    return zones


def ensure_templates() -> int:
    now = clock.now()
    made = 0
    stores = Store.objects.filter(shipping_templates__isnull=True).order_by("id")
    for index, store in enumerate(stores):
        template = ShippingTemplate.objects.create(
            store=store,
            name="Standard",
            ship_from_country=store.country,
            is_default=True,
            excluded_countries=EXCLUSIONS.get(index, []),
            created_at=now,
            updated_at=now,
        )
        ShippingZone.objects.bulk_create(
            ShippingZone(template=template, **fields) for fields in _zones(store)
        )
        made += 1
    return made
