"""Settings for the Regional Programme Portal.

Everything that differs between a laptop and production comes from the environment, and only this
module reads it; a bad value fails loudly with ImproperlyConfigured instead of running
half-configured. Every variable is listed in the README's production table.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from regionalprogram.embedded_db import database_settings

BASE_DIR = Path(__file__).resolve().parent.parent


def _env(name: str) -> str | None:
    """The variable's value, or None when it is unset or blank."""
    value = os.environ.get(name, "").strip()
    return value or None


def env_bool(name: str, default: bool) -> bool:
    value = _env(name)
    if value is None:
        return default
    if value.lower() in {"1", "true", "yes", "on"}:
        return True
    if value.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (true/false), got {value!r}")


def env_int(
    name: str, default: int, *, minimum: int | None = None, maximum: int | None = None
) -> int:
    value = _env(name)
    if value is None:
        return default
    try:
        number = int(value)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be an integer, got {value!r}") from exc
    if (minimum is not None and number < minimum) or (maximum is not None and number > maximum):
        bounds = f"at least {minimum}" if maximum is None else f"between {minimum} and {maximum}"
        raise ImproperlyConfigured(f"{name} must be {bounds}, got {number}")
    return number


def _matches(name: str, value: str, pattern: re.Pattern | None, meaning: str) -> str:
    if pattern is not None and not pattern.fullmatch(value):
        raise ImproperlyConfigured(f"{name} must be {meaning}, got {value!r}")
    return value


def env_list(
    name: str, default: list[str], *, pattern: re.Pattern | None = None, meaning: str = ""
) -> list[str]:
    """A comma-separated list; with ``pattern``, every item must match it."""
    value = _env(name)
    if value is None:
        return default
    items = [item.strip() for item in value.split(",") if item.strip()]
    return [_matches(name, item, pattern, meaning) for item in items]


def env_str(
    name: str, default: str, *, pattern: re.Pattern | None = None, meaning: str = ""
) -> str:
    value = _env(name)
    if value is None:
        return default
    return _matches(name, value, pattern, meaning)


def env_choice(name: str, default: str, choices: set[str]) -> str:
    value = (_env(name) or default).upper()
    if value not in choices:
        raise ImproperlyConfigured(
            f"{name} must be one of {', '.join(sorted(choices))}, got {value!r}"
        )
    return value


def env_path(name: str, default: Path) -> Path:
    # A relative path would depend on the folder the server happens to be started from.
    value = _env(name)
    if value is None:
        return default
    path = Path(value)
    if not path.is_absolute():
        raise ImproperlyConfigured(f"{name} must be an absolute path, got {value!r}")
    return path


# Patterns of env_str/env_list, lower-case so that Django does not take them for settings.
# Host names as ALLOWED_HOSTS and EMAIL_HOST take them: "https://…" there is a classic mistake.
_host = re.compile(r"[^\s/]+")
_dotted_path = re.compile(r"[A-Za-z_]\w*(\.[A-Za-z_]\w*)+")
# "noreply@regions.kg" or "Portal <noreply@regions.kg>".
_from_address = re.compile(r"([^<>]*<)?[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+>?")
# DRF reads only the first letter of the period, so "60/month" would silently mean per minute.
_rate = re.compile(r"[1-9][0-9]*/(second|minute|hour|day|sec|min|s|m|h|d)")


def env_rate(name: str, default: str) -> str:
    """A DRF throttle rate such as "60/minute"; DRF itself would fail only on the first request."""
    return env_str(name, default, pattern=_rate, meaning="a rate like 60/minute or 1000/day")


def url_problem(value: str) -> str | None:
    """Why ``value`` is not an http(s) origin (scheme and host, no path), or None."""
    parts = urlsplit(value)
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        return "an http:// or https:// URL with a host"
    if parts.path not in {"", "/"} or parts.query or parts.fragment or parts.username:
        return "a scheme and host only (no path, query or user)"
    try:
        parts.port  # noqa: B018 - urlsplit checks the port only when asked
    except ValueError:
        return "a URL with a valid port"
    return None


def env_url(name: str, default: str | None, *, required_because: str = "") -> str:
    value = _env(name)
    if value is None:
        if default is None:
            raise ImproperlyConfigured(f"{name} must be set {required_because}".strip())
        return default
    if problem := url_problem(value):
        raise ImproperlyConfigured(f"{name} must be {problem}, got {value!r}")
    return value.rstrip("/")


def read_development_environment(path: Path) -> None:
    """Take KEY=VALUE lines of the git-ignored development file that `make` writes.

    It lets the README's `.venv/bin/python manage.py …` lines work as written in a checkout where
    `make run` has been run. Variables already set in the environment win, so production (which
    has no such file, and sets DEBUG=0 itself) stays strict.
    """
    if not path.is_file():
        return
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        name, sep, value = line.partition("=")
        if not sep or not name.strip().isidentifier():
            raise ImproperlyConfigured(f"{path}:{number}: expected NAME=value, got {line!r}")
        os.environ.setdefault(name.strip(), value.strip())


read_development_environment(BASE_DIR / ".env")

DEBUG = env_bool("DEBUG", False)
# The test runs' switch (make test sets it): plain static storage, no collected manifest needed.
TESTING = env_bool("TESTING", False)
_DEV_SECRET = "dev-only-insecure-secret-key-change-me-in-production-0123456789"  # noqa: S105
SECRET_KEY = _env("SECRET_KEY") or (_DEV_SECRET if DEBUG else "")
if not SECRET_KEY:
    raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")

ALLOWED_HOSTS = env_list(
    "ALLOWED_HOSTS",
    ["127.0.0.1", "localhost", "testserver"],
    pattern=_host,
    meaning="host names without scheme or path",
)
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
for _origin in CSRF_TRUSTED_ORIGINS:
    if _problem := url_problem(_origin):
        raise ImproperlyConfigured(
            f"CSRF_TRUSTED_ORIGINS entries must be {_problem}, got {_origin!r}"
        )

# Absolute links in e-mails (proposal status, invitations) and the UID domain of iCalendar events:
# a production default would send every recipient to somebody's laptop.
PORTAL_URL = env_url(
    "PORTAL_URL",
    "http://127.0.0.1:8000" if DEBUG else None,
    required_because="when DEBUG is off (e-mail links and calendar UIDs are built from it)",
)

# Who readers write to (footer, contacts, accessibility and privacy pages). A development
# installation shows placeholders marked as sample; production publishes the ministry's own.
PORTAL_CONTACT = {
    "email": env_str(
        "PORTAL_CONTACT_EMAIL",
        "",
        pattern=re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+"),
        meaning="an e-mail address",
    ),
    "phone": env_str("PORTAL_CONTACT_PHONE", ""),
    "address": env_str("PORTAL_CONTACT_ADDRESS", ""),
}
PORTAL_CONTACT["sample"] = DEBUG and not PORTAL_CONTACT["email"]
if PORTAL_CONTACT["sample"]:
    PORTAL_CONTACT["email"] = "regions@example.kg"

INSTALLED_APPS = [
    "modeltranslation",  # must come before django.contrib.admin
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.forms",  # its widget templates, for FORM_RENDERER below
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",  # the trigram indexes of the plan's search (OpClass in indexes)
    "django_filters",
    "rest_framework",
    "regionalprogram",
    "regions",
    "programs",
    "measures",
    "meetings",
    # Pages that combine the apps above, and the portal's own pages; no models.
    "portal",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "regionalprogram.api",
    # History of every edit (who, when, old → new); the historical models are registered in each
    # app's translation.py, after modeltranslation has added the x_ky/x_ru/x_en columns, so that a
    # change of a Russian title is history too.
    "simple_history",
    "axes",
    "django_tasks",
    # The tasks' database backend, its worker (`db_worker`), cleanup (`prune_db_task_results`)
    # and admin: a kept library instead of a queue of our own (its admin section translated there).
    "regionalprogram.apps.TasksDatabaseConfig",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "regionalprogram.middleware.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Marks lag-tolerant requests for the replica router; removes itself when there is no replica.
    "regionalprogram.replica.ReplicaMiddleware",
    # Before anything reads a body: the CSRF check and the NUL check below both do.
    "regionalprogram.middleware.RequestSizeLimitMiddleware",
    "regionalprogram.middleware.RejectNullCharactersMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: it turns a lockout raised during login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "regionalprogram.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# Widgets render through the project's templates, so templates/django/forms/ can adjust them: no
# select anywhere shows Django's bare "---------" for its empty choice.
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

WSGI_APPLICATION = "regionalprogram.wsgi.application"

# DATABASE_URL if set, else the embedded server whose data lives in EMBEDDED_PGDATA (development
# only: seed_demo marks a fresh embedded database as the demo's by itself, any other only on request).
EMBEDDED_DATABASE = _env("DATABASE_URL") is None
DATABASES = {
    "default": database_settings(
        _env("DATABASE_URL"),
        pgdata=env_path("EMBEDDED_PGDATA", BASE_DIR / ".pgdata"),
        # Persistent connections under gunicorn's few long-lived workers only: runserver's thread
        # per request would leave one open connection behind per request for a minute.
        conn_max_age=env_int("DB_CONN_MAX_AGE", 0 if DEBUG else 60, minimum=0),
    )
}
# A PostgreSQL streaming replica of DATABASE_URL for the reads that tolerate a short lag; who reads
# from it is regionalprogram.replica's rule. Unset: one database, no router, nothing changes.
if _replica_url := _env("DATABASE_REPLICA_URL"):
    DATABASES["replica"] = database_settings(
        _replica_url,
        pgdata=BASE_DIR / ".pgdata",  # not used: a URL is given
        conn_max_age=DATABASES["default"]["CONN_MAX_AGE"],
        name="DATABASE_REPLICA_URL",
    )
    # A test run against such settings reads the primary's test database, never creates a second.
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASE_ROUTERS = ["regionalprogram.replica.ReplicaRouter"]
# Seconds after a browser's last write during which it reads only the primary.
REPLICA_STICKY_SECONDS = env_int("REPLICA_STICKY_SECONDS", 10, minimum=1)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- The cache every app node shares ---
# Sessions, the login lock-out, the API's rate counters and the mail outbox already live in
# PostgreSQL; the cache must be shared too, or a second node (or gunicorn worker) would see its own.
# The default is PostgreSQL's own cache table (DatabaseCache, made by `migrate` through
# regionalprogram.apps): on a closed government network every extra service is one more thing to
# install, patch and watch, and the portal caches little. REDIS_URL (redis://host:6379/0) switches
# to Django's RedisCache when a ministry runs Redis anyway and wants the load off the database.
REDIS_URL = env_str(
    "REDIS_URL",
    "",
    pattern=re.compile(r"rediss?://\S+|unix://\S+"),
    meaning="a redis://, rediss:// or unix:// URL",
)
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
        if REDIS_URL
        else {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": env_str(
                "CACHE_TABLE",
                "portal_cache",
                pattern=re.compile(r"[a-z_][a-z0-9_]*"),
                meaning="a lower-case table name",
            ),
        }
    )
}

# --- Accounts: login, its throttling, passwords ---
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    # Refuses a login while the account or the address is locked out; checks nothing else.
    "programs.backends.LoginThrottleBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "login"
# Everyone lands on their own work after logging in; a "next" address (a page that asked for
# the login) still wins.
LOGIN_REDIRECT_URL = "portal:my_work"
LOGOUT_REDIRECT_URL = "home"
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24  # a reset link works for one day
# Failed logins are counted per account and address together: the address guessing an account's
# password is locked out of it, while its holder (from their own address) still logs in, so nobody
# can lock `admin` out by failing on purpose. The address comes from regionalprogram.clients, with
# TRUSTED_PROXY_COUNT, as the API's throttles take it.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5, minimum=1)
AXES_COOLOFF_TIME = env_int("AXES_COOLOFF_MINUTES", 30, minimum=1) / 60  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/lockout.html"
# Behind reverse proxies, set how many there are so the client's own address is counted.
# Our own name: axes deprecated its AXES_PROXY_COUNT (warning axes.W004 under check --deploy).
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0, minimum=0)
AXES_CLIENT_IP_CALLABLE = "regionalprogram.clients.client_address"
# Password-reset mails one address (and one e-mail address) may ask for: a flood is refused.
PASSWORD_RESET_RATE = env_rate("PASSWORD_RESET_RATE", "5/hour")
# Sessions last an office day, not two weeks, and end when the browser closes.
SESSION_COOKIE_AGE = env_int("SESSION_HOURS", 10, minimum=1, maximum=24 * 14) * 3600
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

# Languages: Kyrgyz is the state language and the default; Russian is official; English for partners.
LANGUAGE_CODE = "ky"
LANGUAGES = [
    ("ky", "Кыргызча"),
    ("ru", "Русский"),
    ("en", "English"),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Asia/Bishkek"
# Official texts write "25,3 %" and "35 268 сом": our own format modules fix Django's ky locale.
FORMAT_MODULE_PATH = ["regionalprogram.formats"]
USE_THOUSAND_SEPARATOR = True

MODELTRANSLATION_DEFAULT_LANGUAGE = "ky"
MODELTRANSLATION_LANGUAGES = ("ky", "ru", "en")
MODELTRANSLATION_FALLBACK_LANGUAGES = ("ky", "ru", "en")
# The admin's language tabs need jQuery UI; modeltranslation would load it from Google's CDN.
JQUERY_URL = "admin/js/vendor/jquery/jquery.min.js"
JQUERY_UI_URL = "vendor/jquery-ui/jquery-ui.min.js"

STATIC_URL = "/static/"
STATIC_ROOT = env_path("STATIC_ROOT", BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = env_path("MEDIA_ROOT", BASE_DIR / "media")
# Uploaded plan workbooks wait here between preview and import; never served. A folder of this
# installation (git-ignored), not the machine's temporary folder that other installations share.
PLAN_IMPORT_DIR = env_path("PLAN_IMPORT_DIR", BASE_DIR / "plan-imports")

# --- Files: local folders on one machine, S3-compatible object storage on several ---
# With S3_BUCKET set, uploads (report evidence, proposal attachments, consolidated reports sent)
# and plan workbooks waiting for confirmation go to that bucket, so every app node reads what
# another wrote: a preview on node A is confirmed on node B. The bucket stays private: files reach
# people only through the portal's permission-checked views, which stream them (no public or
# presigned URL is ever handed out, so a link forwarded or left in a log opens nothing).
S3_BUCKET = env_str(
    "S3_BUCKET",
    "",
    pattern=re.compile(r"[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]"),
    meaning="an S3 bucket name (lower-case letters, digits, dots and hyphens)",
)
# Read (and checked) with or without a bucket, so a wrong value is found before it is needed.
_s3 = {
    "bucket_name": S3_BUCKET,
    # Empty: Amazon S3 itself; a MinIO/Ceph server on the ministry's network: its address.
    "endpoint_url": env_url("S3_ENDPOINT_URL", "") or None,
    # Empty: boto3's own chain (the machine's role, ~/.aws); set both for MinIO/Ceph.
    "access_key": env_str("S3_ACCESS_KEY_ID", "") or None,
    "secret_key": env_str("S3_SECRET_ACCESS_KEY", "") or None,
    "region_name": env_str("S3_REGION", "us-east-1"),
    "addressing_style": env_choice(
        "S3_ADDRESSING_STYLE", "path", {"PATH", "VIRTUAL", "AUTO"}
    ).lower(),
    "default_acl": None,  # the bucket's own (private) policy
    "querystring_auth": True,  # any URL built anyway is signed and short-lived
    "querystring_expire": 300,
}
if S3_BUCKET:
    _default_storage = {
        "BACKEND": "storages.backends.s3.S3Storage",
        # Two uploads of "report.pdf" keep two files, as on disk.
        "OPTIONS": {**_s3, "location": "media", "file_overwrite": False},
    }
    _plan_import_storage = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {**_s3, "location": "plan-imports", "file_overwrite": True},
    }
else:
    _default_storage = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    _plan_import_storage = {"BACKEND": "regionalprogram.storage.PlanImportFolderStorage"}
STORAGES = {
    "default": _default_storage,
    # measures.plan_io.uploads keeps plan workbooks here between the preview and the import.
    "plan_imports": _plan_import_storage,
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG or TESTING
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# --- Request sizes (RequestSizeLimitMiddleware refuses a larger body with 413 before reading it) ---
# Plain forms and API bodies: the form fields' own limit and a little more for the encoding.
DATA_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FILES = 10
REQUEST_MAX_BYTES = DATA_UPLOAD_MAX_MEMORY_SIZE + 512 * 1024
# A signed-in user's upload: 5 attachments of 10 MB, or a 10 MB plan workbook, and the form.
REQUEST_MAX_UPLOAD_BYTES = 52 * 1024 * 1024
# Files above this are spooled to a temporary file instead of memory.
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024

# --- Mail: password resets, proposal status changes, meeting invitations ---
# Every mail goes to the outbox table first (regionalprogram/mail.py): the user's action never
# fails because the mail server does, and `manage.py send_outbox` retries. The EMAIL_BACKEND
# variable names the transport the outbox delivers through.
EMAIL_BACKEND = "regionalprogram.mail.OutboxBackend"
MAIL_DELIVERY_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
    pattern=_dotted_path,
    meaning="a dotted Python path",
)
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 10, minimum=1)
DEFAULT_FROM_EMAIL = env_str(
    "DEFAULT_FROM_EMAIL",
    "noreply@regions.example.kg",
    pattern=_from_address,
    meaning="an e-mail address, optionally as Name <address>",
)
EMAIL_HOST = env_str("EMAIL_HOST", "localhost", pattern=_host, meaning="a host name")
EMAIL_PORT = env_int("EMAIL_PORT", 25, minimum=1, maximum=65535)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
if EMAIL_USE_TLS and EMAIL_USE_SSL:
    # Django's SMTP backend would refuse this only when the first mail is sent.
    raise ImproperlyConfigured("EMAIL_USE_TLS and EMAIL_USE_SSL cannot both be on.")

# --- Background tasks: mail, reminders, the consolidated report, large exports ---
# Django's tasks framework (the django-tasks backport) on the portal's own PostgreSQL: no second
# broker on a closed network. django_tasks_db stores each task as a row written in the transaction
# that queues it; `manage.py db_worker` runs them, one or more on any node (README).
# TASKS_BACKEND=django_tasks.backends.immediate.ImmediateBackend runs each task inside the request
# that queues it, with no worker: only for a test or a one-off debugging session.
TASKS = {
    "default": {
        "BACKEND": env_str(
            "TASKS_BACKEND",
            "django_tasks_db.DatabaseBackend",
            pattern=_dotted_path,
            meaning="a dotted Python path",
        ),
        "QUEUES": [],
    }
}
# A plan export of more measures than this (an API list export: rows) is prepared by a worker
# (progress page or the API's 202 and status, then a download link); smaller ones stream at once.
# The .docx annex takes ~3 s per 1,000 measures.
EXPORT_DIRECT_MAX_MEASURES = env_int("EXPORT_DIRECT_MAX_MEASURES", 1000, minimum=0)
# A programme's whole-plan figures (home, programme page, dashboard) after a change of its plan or
# at a new day: a reader gets the last ones kept while a worker sums the new (measures.figures.
# kept), at most once per KEPT_FIGURES_REFRESH_SECONDS per programme (a 33,000-measure plan's
# dashboard is ~30 s of the database's time); a refresh overdue by KEPT_FIGURES_STALE_SECONDS (no
# worker) is summed by the reader.
KEPT_FIGURES_IN_BACKGROUND = env_bool("KEPT_FIGURES_IN_BACKGROUND", True)
KEPT_FIGURES_REFRESH_SECONDS = env_int("KEPT_FIGURES_REFRESH_SECONDS", 60, minimum=0)
KEPT_FIGURES_STALE_SECONDS = env_int("KEPT_FIGURES_STALE_SECONDS", 300, minimum=0)
# Large API list exports (measures.api_exports) a requester may have waiting or running.
EXPORT_JOBS_UNFINISHED_MAX = env_int("EXPORT_JOBS_UNFINISHED_MAX", 3, minimum=1)
# Prepared files (and their jobs) are deleted this long after they are ready (`expire_exports`).
EXPORT_KEEP_HOURS = env_int("EXPORT_KEEP_HOURS", 24, minimum=1)
# A running export whose worker wrote no progress for this long is failed, so that its requester
# can ask again (a worker restarted or killed mid-job never ends it).
EXPORT_ABANDONED_MINUTES = env_int("EXPORT_ABANDONED_MINUTES", 30, minimum=1)

# --- Partner REST API v1 (regionalprogram/api/) ---
# Token auth with hashed keys, throttling per token and per address, OpenAPI schema and docs
# served from the portal itself (no CDN).
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "regionalprogram.api.auth.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PARSER_CLASSES": [
        "regionalprogram.api.parsers.SafeJSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_THROTTLE_RATES": {
        "anon": env_rate("API_THROTTLE_ANON", "60/minute"),
        "user": env_rate("API_THROTTLE_USER", "300/minute"),
        "token": env_rate("API_THROTTLE_TOKEN", "600/minute"),
    },
    "URL_FORMAT_OVERRIDE": "format",
    # DRF's own get_ident follows the same trusted-proxy rule as regionalprogram.clients.
    "NUM_PROXIES": TRUSTED_PROXY_COUNT,
}
# Each token has its own rate limit, so the active tokens an account holds are limited too.
API_TOKENS_PER_USER = env_int("API_TOKENS_PER_USER", 10, minimum=1)
SPECTACULAR_SETTINGS = {
    "TITLE": "Regional Programme Portal — Partner API",
    "DESCRIPTION": (
        "Programmes, directions, measures, administrative units, bodies, legal acts, indicators, "
        "working groups, meetings, decisions and proposals of the Kyrgyz Republic's regional "
        "development programmes. Objects carry stable keys; every list filters, pages (page "
        "numbers or a cursor for sync) and exports CSV/XLSX (a large export answers 202 with a "
        "job to follow at /api/v1/exports/<key>/). Languages: ?lang=ky|ru|en|all."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "LegalActRoleEnum": "programs.models.LegalActRole",
        "MemberRoleEnum": "meetings.models.MemberRole",
        "ComputedStatusEnum": "measures.models.ComputedStatus",
        "ReportStatusEnum": "measures.models.ReportStatus",
        "ExecutionAssessmentEnum": "measures.models.ExecutionAssessment",
        "ReportingPeriodKindEnum": "programs.models.ReportingPeriodKind",
    },
}

# Production hardening, on unless DEBUG; each can be turned off from the environment behind a proxy.
# Only our own proxy's word counts: sent straight to gunicorn, a client's X-Forwarded-Proto would
# pass a plain HTTP request off as HTTPS and skip the redirect.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if TRUSTED_PROXY_COUNT > 0 else None
# A load balancer asks /healthz over plain HTTP on the internal network.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", not DEBUG)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000, minimum=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", not DEBUG)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", not DEBUG)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Everything from the portal itself, no inline script (regionalprogram.middleware sets them).
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; frame-ancestors 'none'; "
    "base-uri 'self'; form-action 'self'"
)
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {
        "handlers": ["console"],
        "level": env_choice("LOG_LEVEL", "INFO", {"DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"}),
    },
    "loggers": {"pgserver": {"level": "WARNING"}},
}

PORTAL_NAME = _("Regional Development Programme Portal")
