"""Input and output shapes of the money API."""

import datetime as dt

from ninja import Field, Schema
from pydantic import ConfigDict

# Beyond any real price and still exact in JavaScript's Number (2**53).
MAX_MINOR = 10**15


class CurrencyOut(Schema):
    code: str
    exponent: int = Field(description="minor-unit digits: JPY 0, USD 2, KWD 3")
    symbol: str
    name: str


class MoneyOut(Schema):
    minor: int = Field(description="integer count of the currency's minor units")
    currency: str


class ConvertIn(Schema):
    amount_minor: int = Field(ge=-MAX_MINOR, le=MAX_MINOR)
    from_currency: str = Field(max_length=8)
    to_currency: str = Field(max_length=8)


class ConversionOut(Schema):
    # "from" is a Python keyword, so the attribute is from_ and the JSON key its alias.
    model_config = ConfigDict(populate_by_name=True)

    from_: MoneyOut = Field(alias="from")
    to: MoneyOut
    rate: str = Field(description="units of `to` per 1 unit of `from`, as a decimal string")
    rate_date: dt.date | None = Field(
        description="date of the oldest stored rate used; null when no rate was needed"
    )
