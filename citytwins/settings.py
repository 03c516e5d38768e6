"""Settings for the City Twins portal: one module, read from the environment.

With no environment at all this is a development setup: SQLite and files under ``var/``, Celery
tasks run in-process and emails are written to files. Production (``DEBUG`` off) names what it
is missing and stops.
"""

import os
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _
from redis.backoff import NoBackoff
from redis.retry import Retry

from citytwins.environment import (
    env_bool,
    env_list,
    env_number,
    mailer_from_url,
    redis_database,
)
from citytwins.schedule import BEAT_SCHEDULE

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("VAR_DIR", BASE_DIR / "var"))


DEBUG = env_bool("DEBUG", default=True)

if not DEBUG:
    missing = [name for name in ("SECRET_KEY", "ALLOWED_HOSTS") if not os.environ.get(name)]
    if missing:
        raise ImproperlyConfigured(
            "DEBUG is off, so these environment variables are required: " + ", ".join(missing)
        )

SECRET_KEY = os.environ.get("SECRET_KEY") or "development-only-secret-never-use-in-production"
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS") or ["localhost", "127.0.0.1", "[::1]", "testserver"]
# `make run` writes the address it serves on to var/site-url, so links in mail sent from
# another terminal (`manage.py invite`) point to the port the portal really runs on.
DEV_SITE_URL_FILE = VAR_DIR / "site-url"


def default_site_url() -> str:
    if DEBUG and DEV_SITE_URL_FILE.is_file():
        return DEV_SITE_URL_FILE.read_text(encoding="utf-8").strip() or "http://127.0.0.1:8000"
    return "http://127.0.0.1:8000"


SITE_URL = (os.environ.get("SITE_URL") or default_site_url()).rstrip("/")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # Before the admin: it registers the translated fields' admin widgets.
    "modeltranslation",
    "citytwins.apps.PortalAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "django_countries",
    "simple_history",
    "import_export",
    "citytwins",
    "members",
    "projects",
    "events",
]

MIDDLEWARE = [
    # Headers every response carries, /healthz's included (it reads nothing of the request).
    "citytwins.middleware.SecurityHeadersMiddleware",
    # /healthz answers any Host: before SecurityMiddleware and anything that validates the host.
    "citytwins.health.HealthCheckMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # The admin has no language prefix: it speaks the signed-in person's language.
    "citytwins.languages.AdminLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "citytwins.sessions.SessionLimitsMiddleware",
    "citytwins.middleware.PrivateResponsesMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "citytwins.middleware.AdminSecondFactorMiddleware",
]

if not DEBUG:
    # Production serves its compressed, hashed static files itself; development uses runserver's.
    MIDDLEWARE.insert(
        MIDDLEWARE.index("django.middleware.csp.ContentSecurityPolicyMiddleware") + 1,
        "whitenoise.middleware.WhiteNoiseMiddleware",
    )

ROOT_URLCONF = "citytwins.urls"
WSGI_APPLICATION = "citytwins.wsgi.application"
ASGI_APPLICATION = "citytwins.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "citytwins.context_processors.site",
            ],
        },
    },
]

# Database: SQLite under var/ unless DATABASE_URL names another (PostgreSQL in production).
DATABASE_URL = os.environ.get("DATABASE_URL", "")
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=0)}
    if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
        # psycopg's pool, measured against persistent connections on this 2-core machine
        # (gunicorn -w 2, wrk -c 8 on /healthz): pool 1,055 req/s (p99 18 ms), CONN_MAX_AGE=600
        # with health checks 867 req/s (p99 23 ms), a new connection per request 163 req/s.
        # A database that is down fails within `timeout` seconds instead of the pool's default
        # 30. Budget: processes x max_size <= max_connections (100).
        DATABASES["default"]["OPTIONS"] = {
            "pool": {
                "min_size": 1,
                "max_size": int(os.environ.get("DATABASE_POOL_SIZE", "4")),
                "timeout": 5,
            },
            "connect_timeout": 3,
        }
else:
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": VAR_DIR / "db.sqlite3",
            "OPTIONS": {
                "transaction_mode": "IMMEDIATE",
                "timeout": 5,
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            },
        }
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "members.User"

# Redis is the cache and Celery's broker when REDIS_URL is set; otherwise the cache is local
# memory (never the dummy cache: allauth's rate limits need a real one) and tasks run in-process.
REDIS_URL = os.environ.get("REDIS_URL", "")
# A request must never wait on a silent Redis: short socket timeouts and no client-side retries.
REDIS_CLIENT_OPTIONS = {
    "socket_connect_timeout": 0.25,
    "socket_timeout": 0.25,
    "retry": Retry(NoBackoff(), 0),
}


if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "citytwins.cache.ResilientRedisCache",
            "LOCATION": redis_database(REDIS_URL, 1),
            "KEY_PREFIX": "citytwins",
            "OPTIONS": REDIS_CLIENT_OPTIONS,
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Public pages kept for anonymous visitors (citytwins.pagecache), in a cache of their own: the
# same Redis under another prefix, and no in-memory fallback (a process's memory would not hear
# of another's changes). PAGE_CACHE=0 turns it off; PAGE_CACHE_SECONDS bounds how long a page is
# kept (and so how late a change that depends on time alone, an event starting, shows). Without
# Redis each process keeps its own pages, which a change made in another process would not
# reach: then it is on only for `make run`'s single process (DEBUG).
CACHES["pages"] = (
    {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": redis_database(REDIS_URL, 1),
        "KEY_PREFIX": "citytwins-pages",
        "OPTIONS": REDIS_CLIENT_OPTIONS,
    }
    if REDIS_URL
    else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "pages"}
)
PAGE_CACHE_SECONDS = (
    int(env_number("PAGE_CACHE_SECONDS", 60))
    if env_bool("PAGE_CACHE", default=bool(REDIS_URL) or DEBUG)
    else 0
)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# One backend: a wrong password costs one hash (the adapter, citytwins.accounts, checks spellings).
AUTHENTICATION_BACKENDS = ["allauth.account.auth_backends.AuthenticationBackend"]

LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", _("English")),
    ("fi", _("Finnish")),
    ("sv", _("Swedish")),
    ("et", _("Estonian")),
    ("lv", _("Latvian")),
    ("ru", _("Russian")),
    ("de", _("German")),
    ("pl", _("Polish")),
    ("cs", _("Czech")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Where Django's own formats for a language differ from how its readers write dates and times
# (citytwins/formats/<code>/formats.py), e.g. Finnish "10.03.2027 klo 10.00".
FORMAT_MODULE_PATH = ["citytwins.formats"]
# django-modeltranslation: the record is written in English; a text not yet translated shows
# the English one.
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_FALLBACK_LANGUAGES = ("en",)
TIME_ZONE = "Europe/Helsinki"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", VAR_DIR / "staticfiles"))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
# Members-only documents (minutes and the like): outside MEDIA_ROOT and any URL the web server
# serves; a view that checks access sends them (events.documents).
DOCUMENTS_ROOT = Path(os.environ.get("DOCUMENTS_ROOT", VAR_DIR / "documents"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}


EMAIL_URL = os.environ.get("EMAIL_URL") or (
    str(VAR_DIR / "mail") if DEBUG else "smtp://localhost:25"
)
MAILERS = {"default": mailer_from_url(EMAIL_URL)}
DEFAULT_FROM_EMAIL = os.environ.get(
    "DEFAULT_FROM_EMAIL", "City Twins Association <noreply@citytwins.net>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Celery: settings for email-type work. Publishing fails fast when the broker is down or silent:
# no publish retries, one connection attempt with bounded socket timeouts. Without the two socket
# timeouts a silent broker blocks a publish for ever; broker_connection_timeout alone does not
# bound the socket. The in-process broker needs a host name, or kombu warns on every task.
CELERY_BROKER_URL = REDIS_URL or "memory://localhost/"
CELERY_RESULT_BACKEND = REDIS_URL or None
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_IGNORE_RESULT = True
CELERY_RESULT_EXPIRES = 3600
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_PUBLISH_RETRY = False
CELERY_BROKER_CONNECTION_TIMEOUT = 0.5
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Notifications (citytwins.outbox): a sending task holds its rows for a lease; the sweeper takes
# them back after it. A transient failure is retried after base x 2^(attempt - 1) s, at most
# NOTIFICATION_MAX_ATTEMPTS attempts, scheduled in the database, never as a broker countdown.
NOTIFICATION_LEASE_SECONDS = env_number("NOTIFICATION_LEASE_SECONDS", 120)
NOTIFICATION_RETRY_BASE_SECONDS = env_number("NOTIFICATION_RETRY_BASE_SECONDS", 60)
NOTIFICATION_MAX_ATTEMPTS = int(env_number("NOTIFICATION_MAX_ATTEMPTS", 6))
# A new row's task is published after commit; the sweeper leaves the row to it this long.
NOTIFICATION_PUBLISH_GRACE_SECONDS = 60
CELERY_BROKER_TRANSPORT_OPTIONS = {
    # When Redis hands out again a message whose worker died. The lease, not this, decides when
    # mail goes again (nothing waits in the broker): minutes, above the lease.
    "visibility_timeout": max(10 * 60, 2 * NOTIFICATION_LEASE_SECONDS),
    "max_retries": 1,
    "interval_start": 0,
    "interval_step": 0.2,
    "interval_max": 0.5,
    "socket_connect_timeout": 0.5,
    "socket_timeout": 0.5,
}
CELERY_REDIS_SOCKET_CONNECT_TIMEOUT = 1
CELERY_REDIS_SOCKET_TIMEOUT = 1
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE = BEAT_SCHEDULE

# django-allauth: login by email, mandatory verification, no open sign-up, rate limits on.
ACCOUNT_ADAPTER = "citytwins.accounts.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[City Twins] "
ACCOUNT_DEFAULT_HTTP_PROTOCOL = urlsplit(SITE_URL).scheme or "https"
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_SESSION_REMEMBER = None
ACCOUNT_RATE_LIMITS = {"login_failed": "10/m/ip,5/5m/key"}
ACCOUNT_FORMS = {
    "login": "citytwins.accounts.LoginForm",
    "reset_password": "citytwins.accounts.PasswordResetForm",
}
# A reset asked for an address no account holds sends nothing (no mail to whoever typed it).
ACCOUNT_EMAIL_UNKNOWN_ACCOUNTS = False
# Proxies in front appending to X-Forwarded-For; with 0 it is ignored (citytwins.clients).
TRUSTED_PROXY_COUNT = int(env_number("TRUSTED_PROXY_COUNT", 0))
ALLAUTH_TRUSTED_PROXY_COUNT = TRUSTED_PROXY_COUNT
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "City Twins Association"
# The secretary and anyone else with admin access sign in with a second factor in production;
# `make run` (DEBUG on) leaves it off and says so.
MFA_REQUIRED_FOR_ADMIN = env_bool("MFA_REQUIRED_FOR_ADMIN", default=not DEBUG)
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/"

# Security: everything `check --deploy` asks for under production settings.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=not DEBUG)
if env_bool("SECURE_PROXY_SSL_HEADER", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Cookies only over HTTPS in production. An operator who serves plain HTTP inside a closed
# network turns this off (SECURE_COOKIES=0) so people can sign in; `check --deploy` still warns.
SECURE_COOKIES = env_bool("SECURE_COOKIES", default=not DEBUG)
SESSION_COOKIE_SECURE = SECURE_COOKIES
CSRF_COOKIE_SECURE = SECURE_COOKIES
SESSION_COOKIE_HTTPONLY = True
# A sign-in ends after 12 hours, or 30 minutes without a request, unless "Remember me" was
# ticked: then after 14 days (citytwins.sessions).
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_AGE = 14 * 24 * 60 * 60
SESSION_ABSOLUTE_SECONDS = 12 * 60 * 60
SESSION_IDLE_SECONDS = 30 * 60
SECURE_HSTS_SECONDS = 0 if DEBUG else 60 * 60 * 24 * 365
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
# Preloading commits the domain and its subdomains to HTTPS for months: only when asked for.
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=False)
if not SECURE_HSTS_PRELOAD:
    SILENCED_SYSTEM_CHECKS = ["security.W021"]  # "SECURE_HSTS_PRELOAD is not True": on purpose
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
}

# django-import-export lets any staff user import and export unless these name a permission:
# importing changes rows (the admin also asks for "add"), exporting reads them.
IMPORT_EXPORT_IMPORT_PERMISSION_CODE = "change"
IMPORT_EXPORT_EXPORT_PERMISSION_CODE = "view"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "INFO"}},
}

# benchmarks/pages.py only: a bare view at /bench/hello and query counts on request.
BENCHMARK = env_bool("BENCHMARK", default=False)
if BENCHMARK:
    MIDDLEWARE.insert(0, "citytwins.benchmark.QueryCountMiddleware")
