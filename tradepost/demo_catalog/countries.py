"""Where the demo sellers trade from: addresses, names, currencies and payout schemes per country,
and generators of identifiers that pass the sellers validators (python-stdnum, schwifty).
"""

import random
from collections.abc import Callable
from dataclasses import dataclass

import phonenumbers
from schwifty import IBAN

from tradepost.errors import DomainError
from tradepost.sellers.models import SellerKind
from tradepost.sellers.validation import clean_registration_number, clean_vat_number


@dataclass(frozen=True)
class City:
    name: str
    region: str
    postal_code: str
    street: str


@dataclass(frozen=True)
class CountrySpec:
    code: str
    language: str
    currency: str
    per_usd: float  # units of the currency per US dollar, roughly (demo prices only)
    cities: tuple[City, ...]
    stems: tuple[str, ...]  # company name stems
    suffix: str  # legal form
    people: tuple[str, ...]  # individual traders
    bank: str  # IBAN bank code, or "" for a free-text payout account
    account: str = ""  # free-text payout account pattern ({n} is replaced by digits)
    trade_register: str = ""


COUNTRIES: dict[str, CountrySpec] = {
    spec.code: spec
    for spec in (
        CountrySpec(
            "CN", "zh-hans", "CNY", 7.2,
            (City("Shenzhen", "Guangdong", "518000", "88 Huaqiang North Road"),
             City("Yiwu", "Zhejiang", "322000", "1 Futian Road"),
             City("Guangzhou", "Guangdong", "510000", "200 Tianhe Road"),
             City("Hangzhou", "Zhejiang", "310000", "18 Wensan Road"),
             City("Shanghai", "Shanghai", "200000", "500 Nanjing West Road")),
            ("Brightway", "Goldenleaf", "Sunrise Tech", "Jade River", "Huaxin", "Everbright",
             "Lotus Home", "Pearl Delta", "Skyline Gadgets", "Red Lantern", "Bamboo Garden",
             "Zhongtai"),
            "Trading Co., Ltd.", ("Li Wei", "Wang Fang", "Zhang Min", "Chen Jie"), "",
            "Bank of China, account 6217 8500 {n} (SWIFT BKCHCNBJ)",
            "State Administration for Market Regulation",
        ),
        CountrySpec(
            "KR", "ko", "KRW", 1380,
            (City("Seoul", "Seoul", "04524", "110 Sejong-daero"),
             City("Busan", "Busan", "48058", "30 Haeundae-ro"),
             City("Incheon", "Incheon", "21984", "165 Convensia-daero")),
            ("Hanbit", "Seoul Beauty Lab", "Daehan", "Mirae", "Nuri", "Baram"),
            "Co., Ltd.", ("Kim Ji-ho", "Park Seo-yeon", "Lee Min-jun"), "",
            "KEB Hana Bank {n} (SWIFT KOEXKRSE)", "National Tax Service",
        ),
        CountrySpec(
            "TR", "tr", "TRY", 34,
            (City("Istanbul", "İstanbul", "34410", "Büyükdere Cd. No:12"),
             City("Izmir", "İzmir", "35210", "Atatürk Cd. No:45"),
             City("Bursa", "Bursa", "16140", "Fevzi Çakmak Cd. No:8")),
            ("Anatolia Tekstil", "Boğaziçi", "Ege Deri", "Kapadokya", "Marmara"),
            "Ltd. Şti.", ("Ayşe Yılmaz", "Mehmet Demir", "Elif Kaya"), "00061",
            trade_register="İstanbul Ticaret Sicili",
        ),
        CountrySpec(
            "PL", "pl", "PLN", 4.0,
            (City("Warszawa", "Mazowieckie", "00-001", "ul. Marszałkowska 10"),
             City("Kraków", "Małopolskie", "30-001", "ul. Floriańska 5"),
             City("Łódź", "Łódzkie", "90-001", "ul. Piotrkowska 100")),
            ("Wisła", "Bursztyn", "Mazowsze", "Tatry", "Kraków Craft"),
            "Sp. z o.o.", ("Anna Kowalska", "Piotr Nowak", "Zofia Wiśniewska"), "10901014",
            trade_register="Krajowy Rejestr Sądowy",
        ),
        CountrySpec(
            "DE", "de", "EUR", 0.92,
            (City("Berlin", "Berlin", "10115", "Invalidenstraße 12"),
             City("München", "Bayern", "80331", "Kaufingerstraße 9"),
             City("Hamburg", "Hamburg", "20095", "Mönckebergstraße 7"),
             City("Köln", "Nordrhein-Westfalen", "50667", "Hohe Straße 50")),
            ("Rheinwerk", "Alpenhaus", "Nordlicht", "Schwarzwald", "Spreeufer"),
            "GmbH", ("Jonas Becker", "Lena Fischer", "Paul Wagner"), "37040044",
        ),
        CountrySpec(
            "US", "en", "USD", 1.0,
            (City("New York", "NY", "10118", "350 Fifth Avenue"),
             City("Los Angeles", "CA", "90012", "200 N Spring St"),
             City("Austin", "TX", "78701", "600 Congress Ave")),
            ("Liberty Outfitters", "Blue Ridge", "Golden Gate Gear", "Prairie Supply"),
            "LLC", ("Emily Carter", "Michael Reed", "Olivia Brooks"), "",
            "ACH routing 021000021, account {n}", "Delaware Division of Corporations",
        ),
        CountrySpec(
            "BR", "pt", "BRL", 5.4,
            (City("São Paulo", "SP", "01310-100", "Av. Paulista, 1000"),
             City("Rio de Janeiro", "RJ", "20040-020", "Av. Rio Branco, 50"),
             City("Curitiba", "PR", "80010-000", "Rua XV de Novembro, 200")),
            ("Amazônia", "Ipanema", "Cerrado", "Pantanal"),
            "Ltda.", ("Ana Oliveira", "Lucas Pereira", "Beatriz Santos"), "",
            "Banco do Brasil, agência 1234-5, conta {n}", "Junta Comercial do Estado",
        ),
        CountrySpec(
            "ES", "es", "EUR", 0.92,
            (City("Madrid", "Madrid", "28013", "Gran Vía 30"),
             City("Barcelona", "Barcelona", "08002", "Carrer de Ferran 12"),
             City("Valencia", "Valencia", "46002", "Calle de San Vicente Mártir 20")),
            ("Sol y Mar", "Alhambra", "Ibérica", "Cantábrico"),
            "S.L.", ("María López", "Javier Martín", "Lucía Sánchez"), "21000418",
            trade_register="Registro Mercantil",
        ),
        CountrySpec(
            "JP", "ja", "JPY", 150,
            (City("Tokyo", "Tokyo", "100-0005", "1-1 Marunouchi, Chiyoda-ku"),
             City("Osaka", "Osaka", "530-0001", "3-1 Umeda, Kita-ku")),
            ("Sakura", "Fujimi", "Kaze Works"),
            "Co., Ltd.", ("Sato Yui", "Tanaka Haruto"), "",
            "MUFG Bank, futsu {n} (SWIFT BOTKJPJT)", "Legal Affairs Bureau",
        ),
        CountrySpec(
            "FR", "fr", "EUR", 0.92,
            (City("Paris", "Île-de-France", "75002", "10 rue de la Paix"),
             City("Lyon", "Auvergne-Rhône-Alpes", "69002", "5 place Bellecour")),
            ("Lumière", "Provence Maison"),
            "SAS", ("Camille Bernard", "Hugo Petit"), "3000600001",
            trade_register="RCS Paris",
        ),
    )
}  # fmt: skip

# The first ten sellers cover every country; later ones follow this cycle.
FIRST = ("CN", "KR", "DE", "BR", "TR", "PL", "US", "ES", "JP", "FR")
CYCLE = ("CN", "KR", "CN", "TR", "PL", "DE", "CN", "US", "BR", "KR", "ES", "CN", "DE", "TR",
         "PL", "US", "BR", "CN", "JP", "KR", "ES", "CN", "DE", "BR", "US", "TR", "PL", "CN",
         "FR", "KR")  # fmt: skip


def country_sequence(count: int) -> list[str]:
    return [*FIRST, *(CYCLE[i % len(CYCLE)] for i in range(max(0, count - len(FIRST))))][:count]


def _digits(rng: random.Random, count: int) -> str:
    return "".join(rng.choice("0123456789") for _ in range(count))


DIGITS = "0123456789"
USCC = "0123456789ABCDEFGHJKLMNPQRTUWXY"
DNI_LETTERS = "TRWAGMYFPDXBNJZSQVHLCKE"


def _birth(rng: random.Random, *, century: bool) -> str:
    year = rng.randint(1960, 1999)
    month, day = rng.randint(1, 12), rng.randint(1, 28)
    return f"{year if century else year % 100:0{4 if century else 2}d}{month:02d}{day:02d}"


# (country, kind) → (prefix builder, check length, check alphabet, check first?)
_NUMBERS: dict[tuple[str, str], tuple[Callable[[random.Random], str], int, str]] = {
    ("CN", SellerKind.COMPANY): (lambda r: "91440300" + _digits(r, 9), 1, USCC),
    ("CN", SellerKind.INDIVIDUAL): (
        lambda r: "440304" + _birth(r, century=True) + _digits(r, 3), 1, DIGITS + "X"
    ),
    ("KR", SellerKind.COMPANY): (
        lambda r: f"{r.randint(101, 899)}{r.randint(81, 88)}{r.randint(1000, 9999)}", 1, DIGITS
    ),
    ("TR", SellerKind.COMPANY): (lambda r: _digits(r, 9), 1, DIGITS),
    ("TR", SellerKind.INDIVIDUAL): (lambda r: str(r.randint(1, 9)) + _digits(r, 8), 2, DIGITS),
    ("PL", SellerKind.COMPANY): (lambda r: _digits(r, 8), 1, DIGITS),
    ("PL", SellerKind.INDIVIDUAL): (
        lambda r: _birth(r, century=False) + _digits(r, 4), 1, DIGITS
    ),
    ("DE", SellerKind.INDIVIDUAL): (lambda r: str(r.randint(1, 9)) + _digits(r, 9), 1, DIGITS),
    ("US", SellerKind.COMPANY): (
        lambda r: f"{r.choice(['12', '20', '27', '45', '46', '81', '84', '86', '88'])}-"
        + _digits(r, 7), 0, ""
    ),
    ("US", SellerKind.INDIVIDUAL): (
        lambda r: f"{r.randint(100, 665):03d}-{r.randint(10, 99)}-{r.randint(1000, 9999)}", 0, ""
    ),
    ("BR", SellerKind.COMPANY): (lambda r: _digits(r, 8) + "0001", 2, DIGITS),
    ("BR", SellerKind.INDIVIDUAL): (lambda r: _digits(r, 9), 2, DIGITS),
    ("ES", SellerKind.COMPANY): (lambda r: "B" + _digits(r, 7), 1, DIGITS),
    ("ES", SellerKind.INDIVIDUAL): (lambda r: _digits(r, 8), 1, DNI_LETTERS),
    ("JP", SellerKind.COMPANY): (lambda r: _digits(r, 12), 1, DIGITS),
    ("FR", SellerKind.COMPANY): (lambda r: _digits(r, 8), 1, DIGITS),
    ("FR", SellerKind.INDIVIDUAL): (lambda r: _digits(r, 8), 1, DIGITS),
    ("KR", SellerKind.INDIVIDUAL): (
        lambda r: f"{r.randint(101, 899)}{r.randint(90, 99)}{r.randint(1000, 9999)}", 1, DIGITS
    ),
    ("JP", SellerKind.INDIVIDUAL): (lambda r: "", 0, ""),
}  # fmt: skip
DE_COURTS = ("Berlin (Charlottenburg)", "München", "Hamburg", "Köln", "Frankfurt am Main")


def _accepts(check: Callable[[str], object], value: str) -> bool:
    try:
        check(value)
    except DomainError:
        return False
    return True


def _brute(rng, build, length, alphabet, check, *, first: bool = False) -> str:
    """A prefix from `build` completed with the `length` check characters that `check` accepts."""
    for _attempt in range(5000):
        prefix = build(rng)
        if not length:
            if _accepts(check, prefix):
                return prefix
            continue
        endings = [a + b for a in alphabet for b in alphabet] if length == 2 else list(alphabet)
        for ending in endings:
            candidate = ending + prefix if first else prefix + ending
            if _accepts(check, candidate):
                return candidate
    raise RuntimeError(f"no valid number for {build}")  # pragma: no cover


def registration_number(rng: random.Random, country: str, kind: str) -> str:
    if country == "DE" and kind == SellerKind.COMPANY:
        return f"{rng.choice(DE_COURTS)} HRB {rng.randint(10000, 199999)}"
    if country == "JP" and kind == SellerKind.INDIVIDUAL:  # no validator: free text
        return f"My Number card {_digits(rng, 4)}"
    build, length, alphabet = _NUMBERS[(country, kind)]
    return _brute(
        rng, build, length, alphabet,
        lambda value: clean_registration_number(country, kind, value),
        first=country == "JP",
    )  # fmt: skip


def vat_number(rng: random.Random, country: str, registration: str) -> str:
    """A valid EU VAT number for the EU companies, "" elsewhere."""

    def check(value):
        return clean_vat_number(country, value)

    if country == "DE":
        return _brute(rng, lambda r: "DE" + str(r.randint(1, 9)) + _digits(r, 7), 1, DIGITS, check)
    if country == "PL":
        return _brute(rng, lambda r: "PL" + str(r.randint(1, 9)) + _digits(r, 8), 1, DIGITS, check)
    if country == "ES":
        return "ES" + registration
    if country == "FR":
        return "FR" + _brute(rng, lambda r: registration, 2, DIGITS, check, first=True)
    return ""


def phone_number(rng: random.Random, country: str) -> str:
    example = phonenumbers.example_number_for_type(country, phonenumbers.PhoneNumberType.MOBILE)
    national = str(example.national_number)
    for _attempt in range(200):
        candidate = national[:-4] + _digits(rng, 4)
        number = phonenumbers.parse("+" + str(example.country_code) + candidate)
        if phonenumbers.is_valid_number(number):
            return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    return phonenumbers.format_number(example, phonenumbers.PhoneNumberFormat.E164)


def payout(rng: random.Random, spec: CountrySpec) -> tuple[str, str]:
    """(IBAN, "") for IBAN countries, ("", free-text account) elsewhere."""
    if spec.bank:
        account = _digits(rng, 10)
        return IBAN.generate(spec.code, bank_code=spec.bank, account_code=account).formatted, ""
    return "", spec.account.format(n=_digits(rng, 12))
