"""Named destination groups a shipping zone can use instead of listing countries one by one.

A zone that names a country wins over a zone that only covers it through a group (see
`shipping.zones`); "WORLD" covers every country and so is the weakest match.
"""

from django.utils.translation import gettext_lazy as _

EU = frozenset(
    "AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE".split()
)
EUROPE_OUTSIDE_EU = frozenset(
    "AL AD BA BY CH FO GB GI IS LI MC MD ME MK NO RS RU SM UA VA XK".split()
)
NORTH_AMERICA = frozenset("US CA MX".split())
LATIN_AMERICA = frozenset("AR BO BR CL CO CR CU DO EC GT HN JM NI PA PE PR PY SV TT UY VE".split())
ASIA_PACIFIC = frozenset(
    "AU BD BN CN FJ HK ID IN JP KH KR LA LK MM MN MO MY NP NZ PG PH PK SG TH TW VN".split()
)
MIDDLE_EAST_AFRICA = frozenset(
    "AE BH DZ EG ET GH IL IQ JO KE KW LB MA NG OM QA SA SN TN TR TZ UG ZA".split()
)

WORLD = "WORLD"

GROUPS: dict[str, frozenset[str]] = {
    "EU": EU,
    "EUROPE": EU | EUROPE_OUTSIDE_EU,
    "NORTH_AMERICA": NORTH_AMERICA,
    "LATIN_AMERICA": LATIN_AMERICA,
    "ASIA_PACIFIC": ASIA_PACIFIC,
    "MIDDLE_EAST_AFRICA": MIDDLE_EAST_AFRICA,
}

GROUP_LABELS = {
    "EU": _("European Union"),
    "EUROPE": _("Europe"),
    "NORTH_AMERICA": _("North America"),
    "LATIN_AMERICA": _("Latin America"),
    "ASIA_PACIFIC": _("Asia-Pacific"),
    "MIDDLE_EAST_AFRICA": _("Middle East and Africa"),
    WORLD: _("Rest of the world"),
}


def group_contains(group: str, country: str) -> bool:
    if group == WORLD:
        return True
    return country in GROUPS.get(group, ())
