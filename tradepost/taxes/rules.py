"""The rules file (data/import_tax_rules.json) and the look-ups of the rule in force on a day.

`parse_rules` checks the whole file (fields, amounts, periods that overlap) before anything is
written; `sync_rules` makes the table equal to the file in one transaction. Both the data
migration (with its historical model) and `manage.py load_import_tax_rules` use them.
"""

import datetime as dt
import json
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

from django.core.cache import cache
from django.db import transaction
from django.db.models import Q

from tradepost.money import currencies
from tradepost.money.errors import InvalidAmount
from tradepost.money.money import Money
from tradepost.taxes.errors import InvalidTaxRules
from tradepost.taxes.models import ImportTaxRule, Regime, RuleKind, ThresholdBasis

RULES_FILE = Path(__file__).resolve().parent / "data" / "import_tax_rules.json"
KEY_FIELDS = ("kind", "regime", "country", "valid_from")


@dataclass(frozen=True)
class RuleSync:
    created: int
    updated: int
    deleted: int


def _bad(index: int, problem: str) -> InvalidTaxRules:
    return InvalidTaxRules(f"rule {index}: {problem}")


def _date(raw, index: int, name: str, *, optional: bool = False) -> dt.date | None:
    if raw is None and optional:
        return None
    try:
        return dt.date.fromisoformat(raw)
    except (TypeError, ValueError):
        raise _bad(index, f"{name} must be a YYYY-MM-DD date") from None


def _minor(raw, currency, index: int, name: str) -> int:
    if not currencies.is_known_currency(currency or ""):
        raise _bad(index, f"unknown currency {currency!r}")
    try:
        return Money.from_decimal(str(raw), currency).minor
    except InvalidAmount:
        raise _bad(index, f"{name} must be an amount in {currency}") from None


def _rate_bps(raw, index: int) -> int:
    try:
        bps = Decimal(str(raw)) * 100
    except InvalidOperation:
        raise _bad(index, "rate_percent must be a number") from None
    if bps != bps.to_integral_value() or not 0 < bps <= 10000:
        raise _bad(index, "rate_percent must be above 0, at most 100, with 2 decimals at most")
    return int(bps)


def _fields(raw: dict, index: int) -> dict:
    kind, regime, country = raw.get("kind"), raw.get("regime"), raw.get("country", "")
    if kind not in RuleKind.values or regime not in Regime.values:
        raise _bad(index, f"unknown kind {kind!r} or regime {regime!r}")
    if kind == RuleKind.VAT and not (isinstance(country, str) and len(country) == 2):
        raise _bad(index, "a VAT rule needs a two-letter country")
    if not raw.get("source_url", "").startswith("https://"):
        raise _bad(index, "source_url must be an https address")
    fields = {
        "kind": kind,
        "regime": regime,
        "country": country.upper() if kind == RuleKind.VAT else "",
        "valid_from": _date(raw.get("valid_from"), index, "valid_from"),
        "valid_to": _date(raw.get("valid_to"), index, "valid_to", optional=True),
        "source_url": raw["source_url"],
        "source_date": _date(raw.get("source_date"), index, "source_date"),
        "note": raw.get("note", ""),
    }
    if fields["valid_to"] and fields["valid_to"] < fields["valid_from"]:
        raise _bad(index, "valid_to is before valid_from")
    return fields | (_vat_fields(raw, index) if kind == RuleKind.VAT else _duty_fields(raw, index))


def _vat_fields(raw: dict, index: int) -> dict:
    basis = raw.get("threshold_basis", ThresholdBasis.CONSIGNMENT)
    if basis not in ThresholdBasis.values:
        raise _bad(index, f"unknown threshold_basis {basis!r}")
    currency = raw.get("threshold_currency")
    return {
        "rate_bps": _rate_bps(raw.get("rate_percent"), index),
        "threshold_minor": _minor(raw.get("threshold"), currency, index, "threshold"),
        "threshold_currency": currency,
        "threshold_basis": basis,
        "per_subheading_minor": 0,
    }


def _duty_fields(raw: dict, index: int) -> dict:
    currency = raw.get("per_subheading_currency")
    return {
        "rate_bps": 0,
        "threshold_minor": 0,
        "threshold_currency": currency,
        "threshold_basis": ThresholdBasis.CONSIGNMENT,
        "per_subheading_minor": _minor(
            raw.get("per_subheading"), currency, index, "per_subheading"
        ),
    }


def _check_no_overlap(rules: list[dict]) -> None:
    by_series: dict[tuple, list[dict]] = {}
    for rule in rules:
        by_series.setdefault((rule["kind"], rule["regime"], rule["country"]), []).append(rule)
    for series, periods in by_series.items():
        periods.sort(key=lambda rule: rule["valid_from"])
        for earlier, later in zip(periods, periods[1:], strict=False):
            if earlier["valid_to"] is None or earlier["valid_to"] >= later["valid_from"]:
                raise InvalidTaxRules(
                    f"rules for {'/'.join(series)} overlap at {later['valid_from']}"
                )


def parse_rules(text: str) -> list[dict]:
    """The file's rules as model field dicts; raises InvalidTaxRules on the first problem."""
    try:
        raw_rules = json.loads(text)["rules"]
    except (ValueError, KeyError, TypeError):
        raise InvalidTaxRules('the file must be JSON with a list under "rules"') from None
    if not isinstance(raw_rules, list) or not all(isinstance(r, dict) for r in raw_rules):
        raise InvalidTaxRules('"rules" must be a list of objects')
    rules = [_fields(raw, index) for index, raw in enumerate(raw_rules, start=1)]
    _check_no_overlap(rules)
    return rules


def sync_rules(rules: list[dict], *, model=ImportTaxRule) -> RuleSync:
    """Make the table hold exactly `rules`: keyed by (kind, regime, country, valid_from)."""
    created = updated = 0
    with transaction.atomic():
        existing = {tuple(getattr(row, f) for f in KEY_FIELDS): row for row in model.objects.all()}
        for rule in rules:
            row = existing.pop(tuple(rule[f] for f in KEY_FIELDS), None)
            if row is None:
                model.objects.create(**rule)
                created += 1
            elif any(getattr(row, name) != value for name, value in rule.items()):
                model.objects.filter(pk=row.pk).update(**rule)
                updated += 1
        deleted = model.objects.filter(pk__in=[row.pk for row in existing.values()]).delete()[0]
        transaction.on_commit(forget_cached_rules)
    return RuleSync(created=created, updated=updated, deleted=deleted)


def load_rules_file(path: Path = RULES_FILE, *, model=ImportTaxRule) -> RuleSync:
    return sync_rules(parse_rules(path.read_text(encoding="utf-8")), model=model)


# --- look-ups -------------------------------------------------------------------------------------


def _in_force(on: dt.date) -> Q:
    return Q(valid_from__lte=on) & (Q(valid_to__isnull=True) | Q(valid_to__gte=on))


# Every cart and checkout asks for the rules of each parcel: they are read from the shared cache
# (a rules reload moves the version, so no stale rule outlives it).
RULE_CACHE_SECONDS = 600
_VERSION_KEY = "taxes:rules:version"
_NONE = "none"


def _cached(kind: str, key: str, on: dt.date, load) -> ImportTaxRule | None:
    version = cache.get_or_set(_VERSION_KEY, 1, None)
    cache_key = f"taxes:rule:{version}:{kind}:{key}:{on.isoformat()}"
    found = cache.get(cache_key)
    if found is None:
        found = load() or _NONE
        cache.set(cache_key, found, RULE_CACHE_SECONDS)
    return None if found == _NONE else found


def forget_cached_rules() -> None:
    try:
        cache.incr(_VERSION_KEY)
    except ValueError:  # never set: nothing cached under a version yet
        cache.set(_VERSION_KEY, 2, None)


def vat_rule(country: str, on: dt.date) -> ImportTaxRule | None:
    """The VAT/GST collection rule for a destination on a day, or None."""
    return _cached(
        RuleKind.VAT,
        country,
        on,
        lambda: (
            ImportTaxRule.objects.filter(_in_force(on), kind=RuleKind.VAT, country=country)
            .order_by("-valid_from")
            .first()
        ),
    )


def duty_rule(regime: str, on: dt.date) -> ImportTaxRule | None:
    return _cached(
        RuleKind.DUTY,
        regime,
        on,
        lambda: (
            ImportTaxRule.objects.filter(_in_force(on), kind=RuleKind.DUTY, regime=regime)
            .order_by("-valid_from")
            .first()
        ),
    )


def vat_rules_on(on: dt.date):
    """Every VAT rule in force on a day (for pages and tests)."""
    return ImportTaxRule.objects.filter(_in_force(on), kind=RuleKind.VAT).order_by("country")
