"""The values that cross the taxes app's boundary: a consignment's lines in, an assessment out."""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class ConsignmentLine:
    """One line of a seller's parcel. `hs_code`: the product's tariff code ("6206.10" or
    "620610…"; blank when unknown). `unit_value_minor`: the item's intrinsic value in the
    consignment's value currency, for rules whose threshold applies per item (AU, NO); without it
    the whole consignment's value is tested instead (never less strict)."""

    hs_code: str
    quantity: int
    excise: bool
    unit_value_minor: int | None = None


@dataclass(frozen=True)
class Assessment:
    """What the marketplace collects for one consignment, in `currency` (the buyer's).

    `regime` is blank whenever nothing is collected; `jurisdiction` is the destination when a rule
    exists for it (so pages can name it), blank otherwise. `charges` are (label, amount) rows ready
    for order charges; `notice` is the text for the page when the buyer may owe tax on delivery or
    accounts for it by reverse charge.
    """

    collected: bool
    regime: str
    jurisdiction: str
    rate_bps: int
    vat_minor: int
    duty_minor: int
    currency: str
    reverse_charge: bool = False
    charges: list[tuple[str, int]] = field(default_factory=list)
    notice: str = ""
    taxable_minor: int = 0
    vat_number: str = ""

    @property
    def total_minor(self) -> int:
        return self.vat_minor + self.duty_minor
