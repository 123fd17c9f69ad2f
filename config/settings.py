"""jianfu settings: one module, driven by the environment.

The embedded default (no variables set) is SQLite under var/ and an SQLite-backed task queue, so
`make run` needs no other server. Production sets DATABASE_URL (PostgreSQL), JIANFU_REDIS_URL,
JIANFU_SECRET_KEY, JIANFU_FIELD_KEYS, JIANFU_BLIND_INDEX_KEY and JIANFU_DEBUG=0. See docs/deploy.md.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Mapping
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

from config.database import database
from config.local_secrets import resolve_secrets

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("JIANFU_VAR_DIR", BASE_DIR / "var"))
JIANFU_VAR_DIR = VAR_DIR
# Under pytest even when JIANFU_TESTING is not exported (a bare `pytest` run): fast hashing, immediate queue.
TESTING = os.environ.get("JIANFU_TESTING") == "1" or "pytest" in sys.modules


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    return default if value is None else value.strip().lower() in {"1", "true", "yes", "on"}


DEBUG = env_bool("JIANFU_DEBUG", False)

# Secrets come from the environment. Production (JIANFU_DEBUG=0) refuses to start without all four
# (docs/deploy.md); local ones are generated into var/secrets.json (never committed) only when
# JIANFU_ALLOW_LOCAL_SECRETS=1 (set by the Makefile for `make run`, by benchmarks) or DEBUG or tests.
_secrets = resolve_secrets(VAR_DIR, os.environ,
                           allow_local=env_bool("JIANFU_ALLOW_LOCAL_SECRETS", DEBUG or TESTING))
SECRET_KEY = _secrets["secret_key"]
JIANFU_FIELD_KEYS = _secrets["field_keys"]
JIANFU_BLIND_INDEX_KEY = _secrets["blind_index_key"]
# The audit chain's HMAC key (ADR 0018): never stored in the database, so a database writer cannot reseal.
JIANFU_AUDIT_KEY = _secrets["audit_key"]

# The login page names the demo accounts and their shared password (newuser17 #5: the table `make run` prints scrolls
# away) only when scripts/run.py serves the demo (JIANFU_DEMO=1) on the embedded default: SQLite under var/ and local
# secrets. A deployment (DATABASE_URL, or its secrets from the environment) never shows it, whatever JIANFU_DEMO says.
JIANFU_DEMO_LOGIN_NOTE = (env_bool("JIANFU_DEMO", False) and not TESTING and not os.environ.get("DATABASE_URL")
                          and env_bool("JIANFU_ALLOW_LOCAL_SECRETS", DEBUG))

ALLOWED_HOSTS = [h for h in os.environ.get("JIANFU_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",") if h]
CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("JIANFU_CSRF_TRUSTED_ORIGINS", "").split(",") if o]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_htmx",
    "axes",
    "csp",
    "huey.contrib.djhuey",
    "jianfu.core",
    "jianfu.orgs",
    "jianfu.accounts",
    "jianfu.registry",
    "jianfu.reports",
    "jianfu.dispatch",
    "jianfu.review",
    "jianfu.open311clients",
    "jianfu.employment",
    "jianfu.monitor",
    "jianfu.directline",
    "jianfu.villagepages",
    "jianfu.api",
]

MIDDLEWARE = [
    "jianfu.core.middleware.AnonymousPathMiddleware",  # 直通车: reporters' requests forget their origin
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "jianfu.core.middleware.RequestSizeLimitMiddleware",
    "jianfu.core.middleware.BrowserSessionMiddleware",  # skipped for /open311/ (key-authenticated)
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "jianfu.core.middleware.BrowserAuthenticationMiddleware",
    "jianfu.core.middleware.BrowserMessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "jianfu.core.middleware.BrowserHtmxMiddleware",
    "csp.middleware.CSPMiddleware",
    "jianfu.core.middleware.RequestContextMiddleware",
    "jianfu.core.middleware.ApplicationErrorMiddleware",
    "axes.middleware.AxesMiddleware",
    "jianfu.core.middleware.PostOnlyAddressMiddleware",  # a GET on a form's POST-only address: its page, in Chinese
]

if TESTING:
    # WhiteNoise indexes every static file when a handler is built, i.e. for every test client.
    MIDDLEWARE.remove("whitenoise.middleware.WhiteNoiseMiddleware")

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "jianfu.accounts.context_processors.navigation",
            ],
        },
    },
]

# SQLite (the embedded default): WAL, a busy timeout and IMMEDIATE transactions, so the web server and the worker
# write at once (config/database.py); PostgreSQL as dj-database-url parses it.
DATABASES = {
    "default": database(
        os.environ.get("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'jianfu.sqlite3'}",
        conn_max_age=int(os.environ.get("JIANFU_DB_CONN_MAX_AGE", "60")),
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
if TESTING:
    # Argon2 is deliberately slow; tests create hundreds of accounts.
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "accounts:workbench"
LOGOUT_REDIRECT_URL = "accounts:login"

# Failed-login throttling, for 30 minutes: 5 failures of a username from one address lock the username there; 20 of one
# username from any addresses lock the username everywhere (security24 L3: an IPv6 client counts by its /64, so a /56
# had 256 x 5 tries an account). axes compares one limit with the larger count: `axes_failure_limit` gives the one that
# applies (the username + address pair is the first combination below). Unlocked as before (axes_reset_username or
# the AccessAttempt rows in the admin). A browser that logged in as the account before (its signed known-device cookie,
# JIANFU_KNOWN_DEVICE_DAYS) is exempt from the username-wide lock, not from the pair's: anyone could cause that lock
# (security25 M1, ADR 0039), so `axes_lockout_parameters` leaves "username" out for such a browser.
JIANFU_LOGIN_FAILURE_LIMIT = int(os.environ.get("JIANFU_AXES_FAILURE_LIMIT", "5"))
JIANFU_LOGIN_USERNAME_FAILURE_LIMIT = int(os.environ.get("JIANFU_AXES_USERNAME_FAILURE_LIMIT", "20"))
JIANFU_LOGIN_LOCKOUT_PARAMETERS = [["username", "ip_address"], "username"]
JIANFU_KNOWN_DEVICE_DAYS = 90
AXES_FAILURE_LIMIT = "jianfu.accounts.lockout.axes_failure_limit"
AXES_COOLOFF_TIME = 0.5
AXES_LOCKOUT_PARAMETERS = "jianfu.accounts.lockout.axes_lockout_parameters"
# failures counted under the name as login reads it (NFKC), whichever door (web form, API token): badinput16 #6
AXES_USERNAME_CALLABLE = "jianfu.accounts.usernames.axes_username"
# The address half of the lockout as every per-address counter counts it (an IPv6 client by its /64, X-Forwarded-For
# only when trusted; security23 F1): axes' own reading (django-ipware) believed a forwarded header whoever sent it.
AXES_CLIENT_IP_CALLABLE = "jianfu.accounts.lockout.axes_client_address"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_LOCKOUT_CALLABLE = "jianfu.accounts.lockout.lockout_response"  # JSON 429 on /api/, the page elsewhere
AXES_ENABLED = env_bool("JIANFU_AXES_ENABLED", True)

# Flash messages kept in the session (the database), not Django's default cookie: a message may name a resident and a
# value of theirs ("已将张三的“文化程度”改为…"), and the cookie store is signed, not encrypted — readable by anyone who
# holds the browser or its traffic log (code review 21)
MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"
SESSION_COOKIE_AGE = int(os.environ.get("JIANFU_SESSION_SECONDS", str(8 * 3600)))
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_SAVE_EVERY_REQUEST = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
# A stale tab's POST (opened before a logout or a new login): a Chinese page in the site's layout (newuser16 #2).
CSRF_FAILURE_VIEW = "jianfu.core.views.csrf_failure"
# Error reports (the technical 500 page, AdminEmailHandler) hide the direct line's anonymous cookies, which Django's
# own filter shows by their names (jianfu/directline/errorreports.py)
DEFAULT_EXCEPTION_REPORTER_FILTER = "jianfu.directline.errorreports.ExceptionReporterFilter"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if not DEBUG and env_bool("JIANFU_HTTPS", False):
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = True
    SECURE_HSTS_SECONDS = 31536000
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Content Security Policy: everything is vendored, so only our own origin is allowed.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

# Request bodies: a clear limit (uploads have their own, larger, per-view limits).
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 2**20
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 2**20
# Django skips a multipart part whose headers are not UTF-8 (a raw GBK file name): the watch notes each file part's
# headers as the body is read, so `core.uploads.files_named` refuses the form instead of dropping the file (mend23b)
FILE_UPLOAD_HANDLERS = [
    "jianfu.core.uploads.FileNameWatch",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]
DATA_UPLOAD_MAX_NUMBER_FIELDS = 2000
JIANFU_MAX_REQUEST_BYTES = int(os.environ.get("JIANFU_MAX_REQUEST_BYTES", str(60 * 2**20)))
# The largest file 就业帮扶's imports take (mend35 #6; docs/employment.md): the web and API uploads of postings and
# seekers (MB; a posting import's 200,000 rows are about 13 MB as xlsx), and the commands `employment_match` and
# `employment_import_postings` (their default; `--max-mb` sets it for one run). A larger file is refused, with its
# size and the cap, before it is read.
JIANFU_EMPLOYMENT_UPLOAD_MAX_MB = int(os.environ.get("JIANFU_EMPLOYMENT_UPLOAD_MAX_MB", "20"))
JIANFU_EMPLOYMENT_CLI_MAX_MB = int(os.environ.get("JIANFU_EMPLOYMENT_CLI_MAX_MB", "100"))
JIANFU_TRUST_X_FORWARDED_FOR = env_bool("JIANFU_TRUST_X_FORWARDED_FOR", False)
# Audit records are sealed into the hash chain after commit, at most this often per process
# (seconds); the minutely job seals the rest. Tests seal after every commit.
JIANFU_AUDIT_SEAL_INTERVAL = 0.0 if TESTING else float(os.environ.get("JIANFU_AUDIT_SEAL_INTERVAL", "0.5"))
# The audit chain's head digest is appended here daily and at every `audit_verify` (ADR 0018): put it
# outside the database's reach (another disk, a mount of another host, WORM storage). Empty = off (tests
# set their own).
JIANFU_AUDIT_ANCHOR_PATH = os.environ.get("JIANFU_AUDIT_ANCHOR_PATH",
                                          "" if TESTING else str(VAR_DIR / "audit-anchor.jsonl"))
# The second store (ADR 0018): every anchor line is also sent to syslog — "udp://loghost:514",
# "tcp://loghost:514" or a local socket such as "/dev/log" that rsyslog forwards. Empty = the file only.
JIANFU_AUDIT_ANCHOR_SYSLOG = os.environ.get("JIANFU_AUDIT_ANCHOR_SYSLOG", "")

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文")]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [BASE_DIR / "locale"]

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("JIANFU_MEDIA_ROOT", VAR_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True

EMAIL_BACKEND = os.environ.get("JIANFU_EMAIL_BACKEND", "django.core.mail.backends.filebased.EmailBackend")
EMAIL_FILE_PATH = VAR_DIR / "mail"
DEFAULT_FROM_EMAIL = os.environ.get("JIANFU_FROM_EMAIL", "jianfu@localhost")
# security35 #2: a department webhook may name an internal (loopback, private, link-local) host only when it is listed
# here (comma-separated host names or addresses, as typed in the URL): `core.outbound`
JIANFU_WEBHOOK_ALLOWED_HOSTS = [h.strip() for h in os.environ.get("JIANFU_WEBHOOK_ALLOWED_HOSTS", "").split(",")
                                if h.strip()]
EMAIL_HOST = os.environ.get("JIANFU_EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("JIANFU_EMAIL_PORT", "25"))

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "jianfu.api.auth.ExpiringTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "jianfu.api.pagination.Pagination",
    "PAGE_SIZE": 50,
    "EXCEPTION_HANDLER": "jianfu.api.errors.exception_handler",
    "DEFAULT_RENDERER_CLASSES": [
        "rest_framework.renderers.JSONRenderer",
        "rest_framework.renderers.BrowsableAPIRenderer",
    ],
    # the token endpoint's (`api.v1.core.TokenThrottle`): it fails closed when Redis is down (503). No throttle class
    # was ever given the "public" rate that stood here (fix30b #2, docs/deploy.md).
    "DEFAULT_THROTTLE_RATES": {"token": "20/minute"},
    # anonymous reads per client address (`core.throttling`, JIANFU_ANONYMOUS_READ_RATES below; fails open, ADR 0046);
    # an anonymous caller meets it only where the view allows anonymous callers (permissions are checked first)
    "DEFAULT_THROTTLE_CLASSES": ["jianfu.core.throttling.AnonymousReadThrottle"],
}
# Anonymous reads (the public API, Open311's GETs, the public pages) per client address: every allowance is taken,
# each a sliding window (session 31, ADR 0046, docs/dev/public-endpoints.md). "120/min,2000/day" by default.
_RATE = re.compile(r"[1-9]\d*\s*/\s*(?:s|sec|second|m|min|minute|h|hour|d|day)")


def env_rates(name: str, default: str, environ: Mapping[str, str] = os.environ) -> tuple[str, ...]:
    """A comma-separated list of DRF rates from the environment ("120/min,2000/day"), blanks dropped; `default` when
    unset (fixcr31a #5: the test of the default reads this with the variable cleared, not the live setting). A rate
    that is no "N/period" (s, sec, second, m, min, minute, h, hour, d, day; N ≥ 1) stops the process at start with
    its name and value (fixcr32 #7: "120" made every anonymous read answer 500). An empty list ("", " , ") stops it too
    — it silently switched the throttle off (fix-cr32b #2); "off" (any case) is the one way to switch it off: ()."""
    value = environ.get(name, default)
    if value.strip().lower() == "off":
        return ()
    found = tuple(rate.strip() for rate in value.split(",") if rate.strip())
    if not found:
        raise ImproperlyConfigured(f'{name}: "{value}" names no rate; write N/period, e.g. "120/min,2000/day", '
                                   'or "off" to count no anonymous read')
    for rate in found:
        if not _RATE.fullmatch(rate):
            raise ImproperlyConfigured(f'{name}: "{rate}" is no rate; write N/period, e.g. "120/min,2000/day" '
                                       "(period: s, sec, second, m, min, minute, h, hour, d, day; N at least 1)")
    return found


JIANFU_ANONYMOUS_READ_RATES = env_rates("JIANFU_ANONYMOUS_READ_RATES", "120/min,2000/day")
JIANFU_TOKEN_TTL_HOURS = int(os.environ.get("JIANFU_TOKEN_TTL_HOURS", "72"))
SPECTACULAR_SETTINGS = {
    "TITLE": "jianfu 减负赋能 API",
    "DESCRIPTION": "REST API of jianfu. Authenticate with `Authorization: Token <token>` from POST /api/v1/auth/token/.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    # paginated envelopes, the error responses and empty query values documented as they are (jianfu/api/schema.py)
    "POSTPROCESSING_HOOKS": ["drf_spectacular.hooks.postprocess_schema_enums", "jianfu.api.schema.document_errors",
                            "jianfu.api.schema.empty_query_values"],
}

# Background work: Huey on SQLite by default, on Redis when JIANFU_REDIS_URL is set. An idle worker looks at its
# queue at least once a second (huey's default backs off to 10 s: a saved ledger row's rule check waited for it).
_CONSUMER_POLL = {"max_delay": 1.0}
REDIS_URL = os.environ.get("JIANFU_REDIS_URL", "")
if REDIS_URL:
    HUEY = {
        "huey_class": "huey.PriorityRedisHuey",
        "name": os.environ.get("JIANFU_HUEY_NAME", "jianfu"),
        "url": REDIS_URL,
        "immediate": TESTING,
        "consumer": {"workers": int(os.environ.get("JIANFU_WORKERS", "4")), "worker_type": "thread",
                     **_CONSUMER_POLL},
    }
    # Every cache key of this deployment starts with this prefix, so jianfu reads and clears only its own
    # keys in a Redis it may share (Django's own clear() empties the whole database: PrefixedRedisCache's does not);
    # each test process gets a prefix of its own (parallel runs, other users).
    _cache_prefix = os.environ.get("JIANFU_CACHE_PREFIX", "jianfu")
    CACHES = {"default": {"BACKEND": "jianfu.core.rediscache.PrefixedRedisCache", "LOCATION": REDIS_URL,
                          "KEY_PREFIX": f"{_cache_prefix}-test-{os.getpid()}" if TESTING else _cache_prefix}}
else:
    HUEY = {
        "huey_class": "huey.SqliteHuey",
        "name": "jianfu",
        "filename": str(VAR_DIR / "huey.sqlite3"),
        "immediate": TESTING or env_bool("JIANFU_TASKS_IMMEDIATE", False),
        "consumer": {"workers": 2, "worker_type": "thread", **_CONSUMER_POLL},
    }
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# One line per record, with its time (and offset: the worker's clock is China time, gunicorn's UTC), level and logger
# (ops28 #9). The huey logger has the handler itself and does not propagate: `run_huey` adds a handler of its own only
# to a huey logger that has none, and the root's printed every line a second time, bare.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"line": {"format": "[%(asctime)s] %(levelname)s %(name)s: %(message)s",
                            "datefmt": "%Y-%m-%d %H:%M:%S %z"}},
    # a GET's query in a request line may hold a searched phone or ID number: masked (security34 #2)
    "filters": {"mask_identifiers": {"()": "jianfu.core.logfilters.MaskIdentifiers"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "line"}},
    "root": {"handlers": ["console"], "level": os.environ.get("JIANFU_LOG_LEVEL", "WARNING")},
    "loggers": {"huey": {"level": "INFO" if not TESTING else "WARNING", "handlers": ["console"], "propagate": False},
                # the development server's request lines (`make run`)
                "django.server": {"level": "INFO", "handlers": ["console"], "filters": ["mask_identifiers"],
                                  "propagate": False}},
}

# Issue 11 (citizen's form): the map for dropping a pin. Leaflet is vendored (static/vendor/leaflet);
# tiles come only from a tile server the deployment names (e.g. its own, "https://tiles.example/{z}/{x}/{y}.png").
# Empty (the default) = no map, nothing fetched from outside.
JIANFU_MAP_TILE_URL = os.environ.get("JIANFU_MAP_TILE_URL", "")
if JIANFU_MAP_TILE_URL:
    from urllib.parse import urlsplit as _urlsplit

    _tiles = _urlsplit(JIANFU_MAP_TILE_URL.replace("{s}", "a"))
    CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"].append(f"{_tiles.scheme}://{_tiles.netloc.replace('a.', '*.', 1)}")
# Case look-ups by number + phone (12345-style), per client address per hour.
JIANFU_CASE_LOOKUP_PER_HOUR = int(os.environ.get("JIANFU_CASE_LOOKUP_PER_HOUR", "20"))
