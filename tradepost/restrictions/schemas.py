"""Input and output shapes of the restrictions API."""

from ninja import Field, Schema

MAX_PRODUCTS = 50


class ShipToCheckIn(Schema):
    country: str = Field(max_length=8, description="ISO 3166-1 alpha-2 ship-to country")
    products: list[str] = Field(
        default_factory=list,
        max_length=MAX_PRODUCTS,
        description="public ids of listings to check (repeat the parameter)",
    )


class ShipToCheckOut(Schema):
    country: str
    available: bool = Field(description="always true: a refusal is a 451 with its code")
    products: list[str]
