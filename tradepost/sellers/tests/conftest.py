from tradepost.sellers.testing import *  # noqa: F403 - seller fixtures
