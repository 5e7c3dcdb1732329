"""The rules are data: every EU member state's standard rate, the other regimes and the duty,
each with its source; effective dating; the loader refuses a bad file whole."""

import datetime as dt
import json

import pytest
from django.core.management import CommandError, call_command

from tradepost.taxes import rules
from tradepost.taxes.errors import InvalidTaxRules
from tradepost.taxes.models import ImportTaxRule
from tradepost.taxes.vat_numbers import EU_MEMBER_STATES

pytestmark = pytest.mark.django_db

STANDARD_RATES_2026 = {
    "AT": 2000, "BE": 2100, "BG": 2000, "CY": 1900, "CZ": 2100, "DE": 1900, "DK": 2500,
    "EE": 2400, "ES": 2100, "FI": 2550, "FR": 2000, "GR": 2400, "HR": 2500, "HU": 2700,
    "IE": 2300, "IT": 2200, "LT": 2100, "LU": 1700, "LV": 2100, "MT": 1800, "NL": 2100,
    "PL": 2300, "PT": 2300, "RO": 2100, "SE": 2500, "SI": 2200, "SK": 2300,
}  # fmt: skip


def test_all_27_member_states_have_their_standard_rate_under_ioss():
    in_force = rules.vat_rules_on(dt.date(2026, 11, 25)).filter(regime="eu_ioss")

    assert {rule.country: rule.rate_bps for rule in in_force} == STANDARD_RATES_2026
    assert set(STANDARD_RATES_2026) == EU_MEMBER_STATES
    assert {(rule.threshold_minor, rule.threshold_currency) for rule in in_force} == {
        (15000, "EUR")
    }


@pytest.mark.parametrize(
    ("country", "regime", "rate_bps", "threshold_minor", "currency"),
    [
        ("GB", "uk_low_value", 2000, 13500, "GBP"),
        ("AU", "au_low_value", 1000, 100000, "AUD"),
        ("NO", "no_voec", 2500, 300000, "NOK"),
    ],
)
def test_the_other_regimes(country, regime, rate_bps, threshold_minor, currency):
    rule = rules.vat_rule(country, dt.date(2026, 11, 25))

    assert (rule.regime, rule.rate_bps, rule.threshold_minor, rule.threshold_currency) == (
        regime, rate_bps, threshold_minor, currency,
    )  # fmt: skip


def test_every_rule_names_its_source_and_date():
    for rule in ImportTaxRule.objects.all():
        assert rule.source_url.startswith("https://"), rule
        assert rule.source_date <= dt.date(2026, 11, 30), rule


@pytest.mark.parametrize(
    ("day", "rate_bps"),
    [(dt.date(2023, 12, 31), 2000), (dt.date(2024, 1, 1), 2200), (dt.date(2025, 7, 1), 2400)],
)
def test_rates_are_effective_dated(day, rate_bps):
    assert rules.vat_rule("EE", day).rate_bps == rate_bps


def test_the_duty_rule_runs_from_july_2026():
    assert rules.duty_rule("eu_ioss", dt.date(2026, 6, 30)) is None
    duty = rules.duty_rule("eu_ioss", dt.date(2026, 7, 1))
    assert (duty.per_subheading_minor, duty.threshold_currency) == (300, "EUR")
    assert rules.duty_rule("uk_low_value", dt.date(2026, 7, 1)) is None


def test_no_rule_before_ioss_started():
    assert rules.vat_rule("FR", dt.date(2021, 6, 30)) is None


def test_reloading_the_file_changes_nothing():
    count = ImportTaxRule.objects.count()

    result = rules.load_rules_file()

    assert (result.created, result.updated, result.deleted) == (0, 0, 0)
    assert ImportTaxRule.objects.count() == count


def _file(tmp_path, edit) -> str:
    data = json.loads(rules.RULES_FILE.read_text(encoding="utf-8"))
    edit(data["rules"])
    path = tmp_path / "rules.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return str(path)


def test_the_command_applies_an_edited_file(tmp_path):
    def raise_germany(items):
        germany = next(rule for rule in items if rule["country"] == "DE")
        germany["valid_to"] = "2026-12-31"
        items.append(germany | {"rate_percent": "21", "valid_from": "2027-01-01", "valid_to": None})

    call_command("load_import_tax_rules", _file(tmp_path, raise_germany))

    assert rules.vat_rule("DE", dt.date(2026, 12, 31)).rate_bps == 1900
    assert rules.vat_rule("DE", dt.date(2027, 1, 1)).rate_bps == 2100


@pytest.mark.parametrize(
    "edit",
    [
        lambda items: items[0].update(rate_percent="120"),
        lambda items: items[0].update(valid_from="1 July 2021"),
        lambda items: items[0].update(source_url=""),
        lambda items: items[0].update(threshold="150.001"),
        lambda items: items.append(dict(items[0], valid_from="2024-01-01")),  # overlaps
    ],
)
def test_a_bad_file_is_refused_and_nothing_changes(tmp_path, edit):
    ImportTaxRule.objects.filter(country="AT").delete()  # a good load would re-create it
    count = ImportTaxRule.objects.count()

    with pytest.raises(CommandError):
        call_command("load_import_tax_rules", _file(tmp_path, edit))

    assert not ImportTaxRule.objects.filter(country="AT").exists()
    assert ImportTaxRule.objects.count() == count


def test_parse_refuses_what_is_not_a_rules_file():
    with pytest.raises(InvalidTaxRules):
        rules.parse_rules('{"rules": 3}')
    with pytest.raises(InvalidTaxRules):
        rules.parse_rules("not json")


def test_an_emptied_table_gets_the_rules_back_after_flush(db):
    """`flush` (used by tests with real transactions) empties every table and then emits
    post_migrate: the rules the migration loaded come back, as the roles do."""
    from django.apps import apps
    from django.db.models.signals import post_migrate

    ImportTaxRule.objects.all().delete()

    post_migrate.send(sender=apps.get_app_config("taxes"), app_config=apps.get_app_config("taxes"),
                      using="default", verbosity=0, interactive=False, plan=[],
                      apps=apps)  # fmt: skip

    assert ImportTaxRule.objects.filter(country="FR").exists()
    assert ImportTaxRule.objects.count() == len(rules.parse_rules(rules.RULES_FILE.read_text()))
