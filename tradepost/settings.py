"""tradepost settings: one module, everything deployment-specific from environment variables.

Defaults are safe for the embedded mode (`make run`): SQLite in `var/`, local-memory cache,
SQLite-backed Huey, e-mails written to files. See README.md for the variables.
"""

import hmac
import os
import secrets
import tempfile
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

from tradepost.env import env_bool, env_int, env_list, env_rate, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("TRADEPOST_VAR_DIR", str(BASE_DIR / "var")))
VAR_DIR.mkdir(parents=True, exist_ok=True)

# pytest sets PYTEST_VERSION. A test run serves static files unhashed (no collectstatic), allows
# Playwright's event loop beside the ORM, and gets its own Huey queue and cache key prefix.
TESTING = bool(os.environ.get("PYTEST_VERSION"))
if TESTING:
    _run = f"tradepost-test-{os.getpid()}"
    os.environ.setdefault(
        "STATICFILES_BACKEND", "django.contrib.staticfiles.storage.StaticFilesStorage"
    )
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    os.environ.setdefault("HUEY_NAME", _run)
    os.environ.setdefault("HUEY_SQLITE_PATH", os.path.join(tempfile.gettempdir(), f"{_run}.db"))
    os.environ.setdefault("CACHE_KEY_PREFIX", _run)
    os.environ.setdefault("SEARCH_INDEX_DIR", "memory")  # search.index: one RAM index per run


def _secret_key() -> str:
    """SECRET_KEY from the environment, else a key generated once into var/ (never committed)."""
    if key := env_str("SECRET_KEY"):
        return key
    path = VAR_DIR / "secret_key"
    if not path.exists():
        path.touch(mode=0o600)
        path.write_text(secrets.token_urlsafe(64))
    return path.read_text().strip()


SECRET_KEY = _secret_key()
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    # Our apps come before allauth so that our templates override allauth's layouts and elements.
    "tradepost.web",
    "tradepost.money",
    "tradepost.accounts",
    "tradepost.sellers",
    "tradepost.catalog",
    "tradepost.inventory",
    "tradepost.shipping",
    "tradepost.promotions",
    "tradepost.restrictions",
    "tradepost.cart",
    "tradepost.orders",
    "tradepost.tracking",
    "tradepost.taxes",
    "tradepost.ledger",
    "tradepost.payments",
    "tradepost.payments.gateways.test_gateway",
    "tradepost.notifications",
    "tradepost.search",
    "tradepost.api",
    "tradepost.storefront",
    "tradepost.sellercenter",
    "tradepost.console",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "django_countries",
    "django_htmx",
    "huey.contrib.djhuey",
    "ninja",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "tradepost.web.middleware.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "tradepost.accounts.middleware.StaffTwoFactorMiddleware",
    "tradepost.web.middleware.DomainErrorPagesMiddleware",
]

ROOT_URLCONF = "tradepost.urls"
WSGI_APPLICATION = "tradepost.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "tradepost.web.context_processors.preferences",
            ],
        },
    },
]

# --- Database --------------------------------------------------------------------------------
DATABASE_URL = env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'tradepost.sqlite3'}")
_db = dj_database_url.parse(DATABASE_URL)
if _db["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers run beside the single writer; IMMEDIATE takes the write lock at BEGIN so two
    # writers queue on the busy timeout instead of failing half-way with "database is locked".
    _db["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
    # Tests use a file too (not Django's shared-cache memory database, whose concurrent writers
    # fail with "table is locked"), so real-thread races run on SQLite as they do in production.
    # One file per test process: parallel runs on one machine do not collide.
    _db["TEST"] = {
        "NAME": env_str("SQLITE_TEST_NAME", f"/tmp/tradepost-test-{os.getpid()}.sqlite3")
    }
elif _db["ENGINE"] == "django.db.backends.postgresql":
    _db["ENGINE"] = "django.db.backends.postgresql"
    # Only web.prepared's server-binding cursors are ever prepared (Django binds on the client).
    _db["OPTIONS"] = {"prepare_threshold": 0}
    if env_bool("DB_POOL", True):
        _db["CONN_MAX_AGE"] = 0
        _db["OPTIONS"]["pool"] = {"min_size": 1, "max_size": env_int("DB_POOL_MAX", 10)}
DATABASES = {"default": _db}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache, rate limits, background work -------------------------------------------------------
REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "tradepost.web.redis_cache.SharedClientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env_str("CACHE_KEY_PREFIX", "tradepost"),
        }
    }
    HUEY = {
        "huey_class": "huey.RedisHuey",
        "name": env_str("HUEY_NAME", "tradepost"),
        "url": REDIS_URL,
        "immediate": False,
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    HUEY = {
        "huey_class": "huey.SqliteHuey",
        "name": env_str("HUEY_NAME", "tradepost"),
        "filename": env_str("HUEY_SQLITE_PATH", str(VAR_DIR / "huey.sqlite3")),
        "immediate": False,
    }
# Rendered public pages (web.page_cache), per process: an entry is keyed by the catalog version
# read from the database, so it can never outlive a change; memory ≈ entries × ~40 KB.
CACHES["pages"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "pages",
    "OPTIONS": {"MAX_ENTRIES": env_int("PAGE_CACHE_ENTRIES", 2000), "CULL_FREQUENCY": 4},
}
# Product cards (catalog.selectors.cards_for_ids) and their HTML, per process, keyed by each
# product's revision; kept unpickled (web.object_cache): cards are frozen, HTML is a string.
CACHES["cards"] = {
    "BACKEND": "tradepost.web.object_cache.ObjectCache",
    "LOCATION": "cards",
    "OPTIONS": {"MAX_ENTRIES": env_int("CARD_CACHE_ENTRIES", 20000), "CULL_FREQUENCY": 4},
}
# Catalog reads shared by many pages (category tree, ship-from countries, store choices), per
# process in front of the shared cache, under the same version-bearing keys (catalog.selectors).
CACHES["objects"] = {
    "BACKEND": "tradepost.web.object_cache.ObjectCache",
    "LOCATION": "objects",
    "OPTIONS": {"MAX_ENTRIES": 2000, "CULL_FREQUENCY": 4},
}
# Full-text search (tradepost.search): the tantivy index folder; the worker writes, web reads.
SEARCH_INDEX_DIR = Path(env_str("SEARCH_INDEX_DIR", str(VAR_DIR / "search")))

HUEY["consumer"] = {"workers": env_int("HUEY_WORKERS", 2), "worker_type": "thread"}

# --- Accounts --------------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
if TESTING:
    PASSWORD_HASHERS.insert(0, "tradepost.accounts.hashers.LightArgon2PasswordHasher")
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_REDIRECT_URL = "storefront:home"
LOGIN_URL = "account_login"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_UNIQUE_EMAIL = True
# A duplicate e-mail at sign-up is a form error (not a silent "check your mail"); sign-up and
# password-reset requests are rate limited per IP, which bounds address probing.
ACCOUNT_PREVENT_ENUMERATION = False
ACCOUNT_EMAIL_VERIFICATION = env_str("ACCOUNT_EMAIL_VERIFICATION", "mandatory")
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_ADAPTER = "tradepost.accounts.adapter.AccountAdapter"
ACCOUNT_DEFAULT_HTTP_PROTOCOL = env_str("ACCOUNT_DEFAULT_HTTP_PROTOCOL", "http")
# Log-in throttling: per IP and per account (key = e-mail); a 429 carries Retry-After.
ACCOUNT_RATE_LIMITS = {
    "login_failed": env_str("RATE_LIMIT_LOGIN_FAILED", "20/m/ip,5/5m/key"),
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
}
RATE_LIMIT_RETRY_AFTER_SECONDS = 300
# Per-store quotas (tradepost.ratelimit, counted in the cache): "<count>/<period>", the period in
# s, m, h or d with an optional multiple ("50/10m"); parsed here to (count, seconds). Every listing
# created counts (page, API, each new product of a CSV import); CSV uploads count once more each.
RATE_LIMIT_LISTINGS = env_rate("RATE_LIMIT_LISTINGS", "300/h")
RATE_LIMIT_CSV_IMPORTS = env_rate("RATE_LIMIT_CSV_IMPORTS", "20/h")
# Per client IP: search results (page and API) and the header's suggestions, so the catalogue
# cannot be walked through search by one machine.
RATE_LIMIT_SEARCH = env_rate("RATE_LIMIT_SEARCH", "120/m")
RATE_LIMIT_SUGGEST = env_rate("RATE_LIMIT_SUGGEST", "600/m")
# --- Buying ------------------------------------------------------------------------------------
# Minutes a placed checkout waits for payment before the sweep cancels it and returns its stock.
CHECKOUT_PAY_WITHIN_MINUTES = env_int("CHECKOUT_PAY_WITHIN_MINUTES", 30)
# The most units of one SKU that one order may hold (a cart line's ceiling).
CART_MAX_UNITS_PER_LINE = env_int("CART_MAX_UNITS_PER_LINE", 10_000)
# Buyer protection: days after shipping / after delivery until receipt is confirmed for the buyer
# and the escrow released. Per destination country where parcels take longer (ISO code → days).
AUTO_CONFIRM_DAYS_AFTER_SHIPPED = env_int("AUTO_CONFIRM_DAYS_AFTER_SHIPPED", 60)
AUTO_CONFIRM_DAYS_AFTER_DELIVERED = env_int("AUTO_CONFIRM_DAYS_AFTER_DELIVERED", 15)
AUTO_CONFIRM_DAYS_AFTER_SHIPPED_BY_COUNTRY = {"BR": 90, "RU": 90, "AR": 90, "CL": 75, "MX": 75}
# The buyer may extend protection once, by this many days (auto_confirm_at moves on).
PROTECTION_EXTENSION_DAYS = env_int("PROTECTION_EXTENSION_DAYS", 15)
# A paid order must ship within its processing days (at least one business day) plus these
# calendar days (ship_by), or the sweep cancels and refunds it.
SHIP_BY_GRACE_DAYS = env_int("SHIP_BY_GRACE_DAYS", 2)
# --- Tracking ----------------------------------------------------------------------------------
# Carriers (or their aggregator) sign tracking webhooks with this secret (default: derived from
# SECRET_KEY, stable per installation, never committed).
TRACKING_WEBHOOK_SECRET = env_str("TRACKING_WEBHOOK_SECRET") or (
    hmac.new(SECRET_KEY.encode(), b"tradepost.tracking.webhook", "sha256").hexdigest()
)
# A route's measured transit days replace the seller's estimate from this many deliveries on.
DELIVERY_PERFORMANCE_MIN_SAMPLES = env_int("DELIVERY_PERFORMANCE_MIN_SAMPLES", 20)
# --- Payments ----------------------------------------------------------------------------------
# The card gateway used for new payments ("test": the built-in simulated processor; others by
# dotted path in PAYMENT_GATEWAYS = {"name": "module.Class"}).
PAYMENT_GATEWAY = env_str("PAYMENT_GATEWAY", "test")
# The test gateway signs its webhooks with this secret (default: derived from SECRET_KEY, so it
# is stable per installation and never committed). With a URL its webhooks are POSTed there;
# without one they are handed to the receiver in-process (see payments/gateways/test_gateway).
PAYMENT_TEST_GATEWAY_WEBHOOK_SECRET = env_str("PAYMENT_TEST_GATEWAY_WEBHOOK_SECRET") or (
    hmac.new(SECRET_KEY.encode(), b"tradepost.payments.test-gateway.webhook", "sha256").hexdigest()
)
PAYMENT_TEST_GATEWAY_WEBHOOK_URL = env_str("PAYMENT_TEST_GATEWAY_WEBHOOK_URL", "")
# Minutes a payment may stay open before the reconciliation task asks the gateway where it
# stands (a safety net for webhooks that never arrived).
PAYMENT_RECONCILE_AFTER_MINUTES = env_int("PAYMENT_RECONCILE_AFTER_MINUTES", 10)

MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "tradepost"

# --- Languages, time ---------------------------------------------------------------------------
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", _("English")),
    ("es", _("Spanish")),
    ("ko", _("Korean")),
    ("nl", _("Dutch")),
    ("fr", _("French")),
    ("it", _("Italian")),
    ("de", _("German")),
    ("pl", _("Polish")),
    ("tr", _("Turkish")),
    ("pt", _("Portuguese")),
    ("id", _("Indonesian")),
    ("ru", _("Russian")),
    ("uk", _("Ukrainian")),
    ("vi", _("Vietnamese")),
    ("ja", _("Japanese")),
    ("th", _("Thai")),
    ("ar", _("Arabic")),
    ("he", _("Hebrew")),
    ("zh-hans", _("Simplified Chinese")),
]
# locale_extra: our translations of the django-allauth strings for languages allauth lacks (pt, vi).
LOCALE_PATHS = [BASE_DIR / "tradepost" / "locale", BASE_DIR / "tradepost" / "locale_extra"]
LANGUAGE_COOKIE_NAME = "tp_language"
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600
LANGUAGE_COOKIE_SAMESITE = "Lax"
USE_I18N = True
USE_TZ = True
TIME_ZONE = "UTC"

# --- Static and media --------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
MEDIA_URL = "/media/"
MEDIA_ROOT = VAR_DIR / "media"
# The embedded server serves uploaded media itself; behind a web server or object storage, set
# SERVE_MEDIA=false and let that serve MEDIA_URL.
SERVE_MEDIA = env_bool("SERVE_MEDIA", True)
# bench/catalog.py turns on its baseline view (/bench/row/<pk>: one row by primary key, tiny JSON).
BENCH_ENDPOINTS = env_bool("BENCH_ENDPOINTS", False)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": env_str(
            "STATICFILES_BACKEND", "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# --- E-mail ---------------------------------------------------------------------------------
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.filebased.EmailBackend")
EMAIL_FILE_PATH = VAR_DIR / "mail"
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "tradepost <no-reply@tradepost.localhost>")

# --- Security ----------------------------------------------------------------------------------
# Cookies get the Secure flag whenever the request came over HTTPS (web.middleware), so the
# embedded http://127.0.0.1 demo keeps working. HSTS is only ever sent on HTTPS responses.
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 14 * 24 * 3600
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", False)
if env_bool("BEHIND_HTTPS_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
X_FRAME_OPTIONS = "DENY"
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'"
)
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# --- Product settings ---------------------------------------------------------------------------
DEFAULT_DISPLAY_CURRENCY = "USD"
DEFAULT_SHIP_TO_COUNTRY = "US"
IDEMPOTENCY_KEY_TTL_HOURS = 24
OUTBOX_MAX_ATTEMPTS = 12
# Ledger: the smallest payout a seller may request, minor units per currency (a currency not
# listed: 10 of its major units).
PAYOUT_MINIMUM_MINOR = {
    "EUR": 1000, "USD": 1000, "GBP": 1000, "CNY": 10000, "JPY": 1500, "KRW": 15000, "TRY": 30000,
}  # fmt: skip

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
}
