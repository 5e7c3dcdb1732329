"""Every UI language renders the shell translated; Arabic and Hebrew are laid out right to left."""

import re

import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db

ENGLISH_STRINGS = [
    "Buy from sellers all over the world",
    "How it works",
    "Buyer protection",
    "Search millions of products",
    "Skip to content",
    "Log in",
    "Sign up",
    "Language",
    "Currency",
    "Ship to",
]
OTHER_LANGUAGES = [code for code, _ in settings.LANGUAGES if code != "en"]
RTL = {"ar", "he"}


def test_there_are_nineteen_languages():
    assert len(settings.LANGUAGES) == 19


@pytest.mark.parametrize("language", OTHER_LANGUAGES)
def test_home_page_is_translated(client, language):
    html = client.get(f"/{language}/").content.decode()

    assert f'<html lang="{language}"' in html
    untranslated = [
        s for s in ENGLISH_STRINGS if re.search(rf">\s*{re.escape(s)}\s*<|\"{re.escape(s)}\"", html)
    ]
    assert untranslated == []


@pytest.mark.parametrize("language", [code for code, _ in settings.LANGUAGES])
def test_text_direction(client, language):
    html = client.get(f"/{language}/").content.decode()

    expected = "rtl" if language in RTL else "ltr"
    assert f'dir="{expected}"' in html


def test_english_home_has_the_english_strings(client):
    html = client.get("/en/").content.decode()

    assert all(s in html for s in ENGLISH_STRINGS)


def test_currency_symbol_follows_the_language(client):
    client.cookies["tp_currency"] = "BRL"

    html = client.get("/ru/").content.decode()

    assert "R$" in html
