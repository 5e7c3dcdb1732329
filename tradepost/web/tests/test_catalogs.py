"""Every message catalog is complete: no untranslated or fuzzy entry, placeholders kept."""

import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from django.conf import settings
from django.utils.translation import to_locale

LOCALE_DIR = Path(settings.BASE_DIR) / "tradepost" / "locale"
LANGUAGES = [to_locale(code) for code, _ in settings.LANGUAGES if code != "en"]
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|\{\w+\}")


def _catalog(locale: str):
    with open(LOCALE_DIR / locale / "LC_MESSAGES" / "django.po", "rb") as handle:
        return read_po(handle, locale=locale)


def _forms(value) -> list[str]:
    return list(value) if isinstance(value, tuple | list) else [value]


@pytest.mark.parametrize("locale", LANGUAGES)
def test_catalog_is_fully_translated(locale):
    catalog = _catalog(locale)

    missing = [m.id for m in catalog if m.id and not all(_forms(m.string))]
    fuzzy = [m.id for m in catalog if m.id and m.fuzzy]
    assert missing == []
    assert fuzzy == []


@pytest.mark.parametrize("locale", LANGUAGES)
def test_translations_keep_every_placeholder(locale):
    catalog = _catalog(locale)

    broken = []
    for message in catalog:
        if not message.id:
            continue
        expected = set(PLACEHOLDER.findall(" ".join(_forms(message.id))))
        for form in _forms(message.string):
            if set(PLACEHOLDER.findall(form)) - expected:
                broken.append(message.id)
    assert broken == []
