"""The money router: currencies and conversions. Public (no auth); mounted by tradepost/api."""

from django.utils.translation import get_language, to_locale
from ninja import Query, Router

from tradepost.money import currencies, fx
from tradepost.money.errors import UnknownCurrency
from tradepost.money.money import Money
from tradepost.money.schemas import ConversionOut, ConvertIn, CurrencyOut

router = Router(tags=["money"])


def _known(code: str, field: str) -> str:
    if not currencies.is_known_currency(code):
        raise UnknownCurrency(code, field=field)
    return code


@router.get("/currencies", response=list[CurrencyOut], auth=None)
def list_currencies(request):
    """The currencies a buyer can see prices in, named in the request's language."""
    locale = to_locale(get_language() or "en")
    return [
        CurrencyOut(
            code=code,
            exponent=currencies.exponent(code),
            symbol=currencies.symbol(code, locale),
            name=currencies.name(code, locale),
        )
        for code in currencies.DISPLAY_CURRENCIES
    ]


@router.get("/fx/convert", response=ConversionOut, auth=None, by_alias=True)
def convert(request, query: Query[ConvertIn]):
    """Convert an amount in minor units at the newest ECB reference rate."""
    money = Money(query.amount_minor, _known(query.from_currency, "from_currency"))
    conversion = fx.convert(money, _known(query.to_currency, "to_currency"))
    return ConversionOut(
        from_=money,
        to=conversion.money,
        rate=format(conversion.rate, "f"),
        rate_date=conversion.rate_date,
    )
