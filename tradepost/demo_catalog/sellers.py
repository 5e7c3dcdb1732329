"""Demo sellers, onboarded through the sellers services so that every validator runs."""

import datetime as dt
import random
from dataclasses import dataclass

from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import make_password
from django.utils.text import slugify

from tradepost.accounts.models import User
from tradepost.demo_catalog.countries import (
    COUNTRIES,
    City,
    CountrySpec,
    country_sequence,
    payout,
    phone_number,
    registration_number,
    vat_number,
)
from tradepost.demo_catalog.kinds import KINDS, STORE_DESCRIPTIONS, Kind
from tradepost.sellers import services
from tradepost.sellers.models import SellerKind, Store, StoreTranslation
from tradepost.sellers.validation import PayoutInput, TraderDetailsInput

DEMO_DOMAIN = "demo.tradepost.test"
SELLER_PASSWORD = "demo-seller-2026"
LOGIN_COUNTRIES = ("CN", "KR", "DE", "BR")


@dataclass
class DemoSeller:
    store: Store
    spec: CountrySpec
    kinds: list[Kind]
    brand: str
    weight: float


def _names(spec: CountrySpec, kind: str, nth: int, city: City) -> tuple[str, str, str]:
    """(legal name, store name, brand) of the nth seller of this kind from the country."""
    if kind == SellerKind.INDIVIDUAL:
        person = spec.people[nth % len(spec.people)]
        return person, f"{person} Shop", ""
    stem = spec.stems[nth % len(spec.stems)]
    if nth >= len(spec.stems):
        stem = f"{stem} {city.name}"
    legal = f"{city.name} {stem} {spec.suffix}" if spec.code == "CN" else f"{stem} {spec.suffix}"
    return legal, f"{stem} Official Store", stem.split()[0]


def _user(email: str, legal_name: str, spec: CountrySpec, password_hash: str) -> User:
    first, _, last = legal_name.partition(" ")
    return User.objects.create(
        email=email, password=password_hash, first_name=first[:150], last_name=last[:150],
        preferred_language=spec.language, display_currency=spec.currency,
        ship_to_country=spec.code,
    )  # fmt: skip


def _details(rng, spec: CountrySpec, kind: str, city: City, legal: str, email: str):
    number = registration_number(rng, spec.code, kind)
    is_company = kind == SellerKind.COMPANY
    return TraderDetailsInput(
        legal_name=legal, address_line1=city.street, city=city.name, region=city.region,
        postal_code=city.postal_code, country=spec.code, phone=phone_number(rng, spec.code),
        email=email, trade_register=spec.trade_register if is_company else "",
        registration_number=number,
        vat_number=vat_number(rng, spec.code, number) if is_company else "",
    )  # fmt: skip


def _onboard(rng, *, user, spec, kind, city, legal, store_name, slug, opened, reviewer) -> Store:
    seller = services.start_application(user=user, kind=kind, now=opened)
    details = _details(rng, spec, kind, city, legal, user.email)
    services.update_trader_details(seller=seller, data=details, now=opened)
    iban, account = payout(rng, spec)
    services.update_payout_account(
        seller=seller,
        data=PayoutInput(iban=iban, account=account, country="" if iban else spec.code),
        now=opened,
    )
    years = max(1, (dt.date(2026, 1, 1) - opened.date()).days // 365)
    spoken = sorted({spec.language, "en", *rng.sample(["es", "fr", "de", "ru", "pt"], 1)})
    store = services.create_store(
        seller=seller, name=store_name, slug=slug, country=spec.code,
        settlement_currency=spec.currency, original_language=spec.language,
        languages_spoken=spoken,
        description=STORE_DESCRIPTIONS[spec.language].format(
            store=store_name, count=years, city=city.name),
        now=opened,
    )  # fmt: skip
    if spec.language != "en":
        StoreTranslation.objects.create(
            store=store, language="en",
            description=STORE_DESCRIPTIONS["en"].format(store=store_name, count=years,
                                                        city=city.name),
        )  # fmt: skip
    services.submit_application(seller=seller, self_certified=True, now=opened)
    services.verify_seller(seller=seller, actor=reviewer, now=opened)
    return Store.objects.select_related("seller__user").get(pk=store.pk)


def create_sellers(rng: random.Random, count: int, now: dt.datetime, reviewer=None):
    """`count` verified sellers with their stores, spread over the countries and the years."""
    password_hash = make_password(SELLER_PASSWORD)  # one hash: Argon2 is slow on purpose
    made: list[DemoSeller] = []
    per_country: dict[tuple[str, str], int] = {}
    slugs: set[str] = set()
    for index, code in enumerate(country_sequence(count)):
        spec = COUNTRIES[code]
        kind = SellerKind.INDIVIDUAL if index % 4 == 3 else SellerKind.COMPANY
        nth = per_country.get((code, kind), 0)
        per_country[(code, kind)] = nth + 1
        city = spec.cities[rng.randrange(len(spec.cities))]
        legal, store_name, brand = _names(spec, kind, nth, city)
        slug = f"{slugify(store_name)}-{code.lower()}"
        while slug in slugs:
            slug += "-2"
        slugs.add(slug)
        user = _user(f"{slug}@{DEMO_DOMAIN}", legal, spec, password_hash)
        opened = now - dt.timedelta(days=rng.randint(120, 9 * 365), hours=rng.randint(0, 23))
        store = _onboard(
            rng, user=user, spec=spec, kind=kind, city=city, legal=legal,
            store_name=store_name, slug=slug, opened=opened, reviewer=reviewer,
        )  # fmt: skip
        kinds = [KINDS[(index + k * count) % len(KINDS)] for k in range(len(KINDS) // count + 1)]
        kinds += rng.sample(KINDS, rng.randint(2, 5))
        made.append(
            DemoSeller(store, spec, list(dict.fromkeys(kinds)), brand, rng.uniform(0.3, 3.0))
        )
    EmailAddress.objects.bulk_create(
        EmailAddress(user=seller.store.seller.user, email=seller.store.seller.user.email,
                     verified=True, primary=True)
        for seller in made
    )  # fmt: skip
    return made


def seller_logins() -> list[tuple[str, str, str]]:
    """(country, e-mail, store name) of one demo seller per LOGIN_COUNTRIES, when loaded."""
    stores = (
        Store.objects.filter(seller__user__email__endswith=f"@{DEMO_DOMAIN}")
        .select_related("seller__user")
        .order_by("seller_id")
    )
    first: dict[str, Store] = {}
    for store in stores:
        first.setdefault(store.country.code, store)
    return [
        (code, first[code].seller.user.email, first[code].name)
        for code in LOGIN_COUNTRIES
        if code in first
    ]
