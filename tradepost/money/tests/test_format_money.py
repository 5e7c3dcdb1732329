import pytest
from django.template import Context, Template
from django.utils import translation

from tradepost.money.money import Money, format_money

# Exact CLDR output through Babel: \xa0 is a no-break space, \u200f a right-to-left mark.
CASES = [
    ("de", Money(123456, "EUR"), "1.234,56\xa0€"),
    ("de", Money(-123456, "EUR"), "-1.234,56\xa0€"),
    ("de", Money(1234, "JPY"), "1.234\xa0¥"),
    ("de", Money(1234567, "KWD"), "1.234,567\xa0KWD"),
    ("ja", Money(1234, "JPY"), "￥1,234"),
    ("ja", Money(123456, "USD"), "$1,234.56"),
    ("ja", Money(1234567, "KWD"), "KWD1,234.567"),
    ("ar", Money(123456, "EUR"), "\u200f1,234.56\xa0€"),
    ("ar", Money(1234, "JPY"), "\u200f1,234\xa0JP¥"),
    ("ar", Money(1234567, "KWD"), "\u200f1,234.567\xa0د.ك.\u200f"),
    ("zh-hans", Money(1234, "JPY"), "JP¥1,234"),
    ("en", Money(5, "USD"), "$0.05"),
]


@pytest.mark.parametrize(("locale", "value", "expected"), CASES)
def test_formats_with_the_locale_and_currency_digits(locale, value, expected):
    assert format_money(value, locale) == expected


def test_uses_the_active_language_by_default():
    with translation.override("de"):
        text = format_money(Money(123456, "EUR"))

    assert text == "1.234,56\xa0€"


def test_template_tag_formats_in_the_active_language():
    template = Template("{% load money_tags %}<p>{% money price %}</p>")

    with translation.override("ja"):
        html = template.render(Context({"price": Money(1234, "JPY")}))

    assert html == "<p>￥1,234</p>"


def test_template_tag_renders_nothing_for_none():
    template = Template("{% load money_tags %}[{% money price %}]")

    assert template.render(Context({"price": None})) == "[]"
