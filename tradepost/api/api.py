"""The one API object: `/api/v1/`, OpenAPI at `openapi.json`, docs at `docs` (local static files).

Every endpoint requires a personal API token or a logged-in session unless it says `auth=None`.
Each domain contributes its own Router, mounted here.
"""

from tradepost.accounts.api import router as accounts_router
from tradepost.api import handlers
from tradepost.api.auth import session_auth, token_auth
from tradepost.api.base import TradepostAPI
from tradepost.cart.api import router as cart_router
from tradepost.catalog.api import router as catalog_router
from tradepost.ledger.api import router as ledger_router
from tradepost.money.api import router as money_router
from tradepost.orders.api import router as orders_router
from tradepost.payments.api import router as payments_router
from tradepost.restrictions.api import router as restrictions_router
from tradepost.search.api import router as search_router
from tradepost.sellers.api import router as sellers_router
from tradepost.shipping.api import router as shipping_router
from tradepost.tracking.api import router as tracking_router

api = TradepostAPI(
    title="tradepost API",
    version="1",
    urls_namespace="api",
    docs_url="/docs",
    auth=[token_auth, session_auth],
)
handlers.install(api)

api.add_router("/", accounts_router)
api.add_router("/", catalog_router)
api.add_router("/", money_router)
api.add_router("/", sellers_router)
api.add_router("/", search_router)
api.add_router("/", cart_router)
api.add_router("/", orders_router)
api.add_router("/", payments_router)
api.add_router("/", ledger_router)
api.add_router("/", restrictions_router)
api.add_router("/", tracking_router)
api.add_router("/", shipping_router)
