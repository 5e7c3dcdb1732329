"""API shapes of the accounts app. Inputs list exactly what a caller may set; outputs use public ids."""

from datetime import datetime

from ninja import Field, Schema
from pydantic import ConfigDict

from tradepost.accounts.addresses import AddressInput


class _In(Schema):
    # An unknown field is an error, not silently ignored: server-owned fields stay unwritable
    # and a client's typo does not look like success.
    model_config = ConfigDict(extra="forbid")


class MeOut(Schema):
    public_id: str
    email: str
    preferred_language: str
    display_currency: str
    ship_to_country: str

    @staticmethod
    def resolve_ship_to_country(user) -> str:
        return user.ship_to_country.code or ""


class PreferencesIn(_In):
    """Only the fields sent are changed."""

    preferred_language: str | None = Field(None, max_length=8)
    display_currency: str | None = Field(None, max_length=3)
    ship_to_country: str | None = Field(None, max_length=2)


class AddressIn(_In):
    full_name: str = Field(max_length=200)
    line1: str = Field(max_length=200)
    line2: str = Field("", max_length=200)
    city: str = Field(max_length=120)
    region: str = Field("", max_length=120)
    postal_code: str = Field("", max_length=20)
    country: str = Field(description="ISO 3166-1 alpha-2 code", max_length=2)
    phone: str = Field(description="International or national format", max_length=64)

    def to_input(self) -> AddressInput:
        return AddressInput(**self.model_dump(include=set(AddressIn.model_fields)))


class AddressCreateIn(AddressIn):
    is_default: bool = False


class AddressOut(Schema):
    public_id: str
    full_name: str
    line1: str
    line2: str
    city: str
    region: str
    postal_code: str
    country: str
    phone: str
    is_default: bool
    created_at: datetime

    @staticmethod
    def resolve_country(address) -> str:
        return address.country.code
