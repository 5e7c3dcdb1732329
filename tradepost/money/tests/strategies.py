"""Hypothesis settings and strategies shared by the money property tests."""

import os

from hypothesis import settings
from hypothesis import strategies as st

from tradepost.money.currencies import DISPLAY_CURRENCIES
from tradepost.money.money import Money

# database=None: no .hypothesis/ directory in the tree; deadline=None: CI machines vary.
PROPERTY = settings(
    max_examples=int(os.environ.get("HYPOTHESIS_MAX_EXAMPLES", "200")),
    deadline=None,
    database=None,
)

# Every exponent in use: 0 (JPY, KRW, VND), 2 (USD, EUR), 3 (KWD, BHD), 4 (CLF).
CURRENCIES = st.sampled_from(sorted({*DISPLAY_CURRENCIES, "KWD", "BHD", "CLF"}))
MINOR = st.integers(min_value=-(10**18), max_value=10**18)


@st.composite
def money(draw, minor=MINOR) -> Money:
    return Money(draw(minor), draw(CURRENCIES))
