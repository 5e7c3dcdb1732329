from ninja import NinjaAPI

api = NinjaAPI(title="tradepost API", version="1", urls_namespace="api")
