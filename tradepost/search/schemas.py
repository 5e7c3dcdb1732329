"""Search API input and output."""

from ninja import Field, Schema

from tradepost.catalog.schemas import ProductCardOut
from tradepost.catalog.services import fields as limits
from tradepost.search import selectors

MAX_LIMIT = 48
MAX_Q_CHARS = 20_000  # longer is refused (422); a long query is cut to query.MAX_QUERY_CHARS


class SearchIn(Schema):
    q: str = Field("", max_length=MAX_Q_CHARS, description="Words to look for; cut to 200")
    lang: str | None = Field(None, max_length=16)
    currency: str | None = Field(None, max_length=3, description="Display currency (ISO 4217)")
    category: str | None = Field(None, max_length=80, description="Slug; includes descendants")
    store: str | None = Field(None, max_length=80, description="Store slug")
    ship_from_country: str | None = Field(None, min_length=2, max_length=2)
    brand: str | None = Field(None, max_length=120)
    min_price_minor: int | None = Field(
        None, ge=0, le=limits.MAX_PRICE_MINOR, description="In the display currency"
    )
    max_price_minor: int | None = Field(None, ge=0, le=limits.MAX_PRICE_MINOR)
    sort: str = Field("relevance", pattern=f"^({'|'.join(selectors.SORTS)})$")
    page: int = Field(1, ge=1, le=selectors.MAX_PAGE)
    limit: int = Field(24, ge=1, le=MAX_LIMIT)


class CategoryCountOut(Schema):
    slug: str
    name: str
    depth: int
    count: int


class CountryCountOut(Schema):
    code: str
    count: int


class BrandCountOut(Schema):
    name: str
    count: int


class StoreCountOut(Schema):
    slug: str
    name: str
    count: int


class PriceBucketOut(Schema):
    min_minor: int | None = Field(description="Inclusive, display currency; null: no minimum")
    max_minor: int | None = Field(description="Exclusive, display currency; null: no maximum")
    count: int


class FacetsOut(Schema):
    categories: list[CategoryCountOut]
    countries: list[CountryCountOut]
    brands: list[BrandCountOut]
    stores: list[StoreCountOut]
    prices: list[PriceBucketOut] = Field(description="Empty when the currency has no rate")


class SearchOut(Schema):
    items: list[ProductCardOut]
    total: int = Field(description="Listings matching the query and filters")
    page: int
    pages: int = Field(description=f"At most {selectors.MAX_PAGE}: deeper pages are not served")
    currency: str
    fuzzy: bool = Field(description="True when the results allow for typos in the query")
    suggestion: str | None = Field(description="A corrected query (did you mean)")
    facets: FacetsOut
