from allauth.account.decorators import secure_admin_login
from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path, re_path

from tradepost.accounts import views as account_views
from tradepost.api.api import api
from tradepost.web import views as web_views

# The admin's own password-only log-in would skip two-factor: send staff through allauth's log-in.
admin.site.login = secure_admin_login(admin.site.login)

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    path("healthz", web_views.healthz, name="healthz"),
    # The test payment gateway's own hosted pages (card form, 3-D Secure): "another site".
    path("gateway/test/", include("tradepost.payments.gateways.test_gateway.urls")),
    path("i18n/setlang/", web_views.set_language, name="set_language"),
    path("prefs/currency/", web_views.set_currency, name="set_currency"),
    path("prefs/ship-to/", web_views.set_ship_to, name="set_ship_to"),
    path("", include("tradepost.storefront.seo_urls")),
]
if settings.SERVE_MEDIA:
    media_prefix = settings.MEDIA_URL.strip("/")
    urlpatterns.append(
        re_path(rf"^{media_prefix}/(?P<path>.+)$", web_views.serve_media, name="media")
    )
if settings.BENCH_ENDPOINTS:  # bench/catalog.py's baseline; never on by default
    urlpatterns.append(path("bench/row/<int:pk>", web_views.bench_row, name="bench_row"))
urlpatterns += i18n_patterns(
    path("", include("tradepost.storefront.urls")),
    path("accounts/login/", account_views.login, name="account_login"),
    path("accounts/", include("allauth.urls")),
    path("account/", include("tradepost.accounts.urls")),
    path("console/", include("tradepost.console.urls")),
    path("seller/", include("tradepost.sellercenter.urls")),
    prefix_default_language=True,
)

handler404 = "tradepost.web.views.page_not_found"
handler500 = "tradepost.web.views.server_error"
handler429 = "tradepost.web.views.too_many_requests"
