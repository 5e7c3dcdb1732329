"""Geo-blocking lint (COMPLIANCE.md §9, EU Regulation 2018/302): every restriction rule records a
legal basis, and nothing about restrictions takes a buyer's nationality, citizenship or
residence as input — only the ship-to country."""

import ast
import datetime as dt
import inspect
import re
from pathlib import Path

import pytest
from django.apps import apps
from django.db import IntegrityError, transaction

from tradepost.restrictions import models, selectors, services

pytestmark = pytest.mark.django_db
PERSONAL = re.compile(r"nationalit|citizen|passport|residen|ethnic|birth", re.IGNORECASE)
APP_DIR = Path(models.__file__).parent
CONSOLE_DIR = APP_DIR.parent / "console"
NOW = dt.datetime(2026, 11, 25, 12, tzinfo=dt.UTC)


def _restriction_models():
    found = list(apps.get_app_config("restrictions").get_models())
    assert set(found) == set(models.RESTRICTION_MODELS)  # a new model must be listed (and linted)
    return found


@pytest.mark.parametrize("model", models.RESTRICTION_MODELS, ids=lambda m: m.__name__)
def test_every_restriction_model_requires_a_legal_basis(model):
    field = model._meta.get_field("legal_ref")

    assert (field.blank, field.null) == (False, False)
    names = {constraint.name for constraint in model._meta.constraints}
    assert any(name.endswith("_legal_ref_not_blank") for name in names), names
    assert model._meta.get_field("country").max_length == 2  # ship-to country, ISO alpha-2


@pytest.mark.parametrize("model", models.RESTRICTION_MODELS, ids=lambda m: m.__name__)
@pytest.mark.parametrize("legal_ref", ["", "   "])
def test_the_database_refuses_a_blank_legal_basis(model, legal_ref, goods, tree):
    targets = {models.CountryPolicy: {"buy_enabled": False, "effective_from": NOW},
               models.CategoryRestriction: {"category": tree["toys"]},
               models.ListingRestriction: {"product": goods["toys"]}}  # fmt: skip

    with pytest.raises(IntegrityError), transaction.atomic():
        model.objects.create(
            country="DE", legal_ref=legal_ref, reason="r", created_at=NOW, **targets[model]
        )
    assert not model.objects.exists()


def test_no_field_is_about_a_persons_nationality():
    for model in _restriction_models():
        for field in model._meta.get_fields():
            assert not PERSONAL.search(field.name), f"{model.__name__}.{field.name}"


def test_the_checks_take_only_a_ship_to_country():
    for function in (services.check_ship_to, services.check_products,
                     selectors.country_available, selectors.country_notice,
                     selectors.blocked_products):  # fmt: skip
        assert set(inspect.signature(function).parameters) <= {"country", "products", "now"}


def _identifiers(path: Path):
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Name):
            yield node.id
        elif isinstance(node, ast.Attribute):
            yield node.attr
        elif isinstance(node, ast.arg):
            yield node.arg
        elif isinstance(node, ast.FunctionDef | ast.ClassDef):
            yield node.name
        elif isinstance(node, ast.keyword) and node.arg:
            yield node.arg


def test_no_code_of_restrictions_names_nationality_or_residence():
    sources = [p for p in APP_DIR.rglob("*.py") if "tests" not in p.parts]
    sources += sorted(CONSOLE_DIR.glob("restriction_*.py"))
    assert len(sources) >= 8
    for path in sources:
        bad = sorted({name for name in _identifiers(path) if PERSONAL.search(name)})
        assert not bad, f"{path.name}: {bad}"
