"""`{% load money_tags %}` then `{% money price %}`: a Money in the active language."""

from django import template

from tradepost.money.money import Money, format_money

register = template.Library()


@register.simple_tag
def money(value: Money | None, locale: str | None = None) -> str:
    """Formats `value` for the active language (or `locale`); renders nothing for None."""
    if value is None:
        return ""
    if not isinstance(value, Money):
        raise TypeError(f"{{% money %}} needs a Money, got {type(value).__name__}.")
    return format_money(value, locale)
