"""Settings for Kumppani, read from the environment in this one place.

Every variable has a safe default: DEBUG is off unless asked for, production refuses to
start without SECRET_KEY, and DATABASE_URL falls back to a SQLite file under var/.
"""

import importlib.util
import os
import sys
from datetime import timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("KUMPPANI_VAR_DIR", BASE_DIR / "var"))


def read_env_file(path: Path) -> dict[str, str]:
    """Read `NAME=value` lines (blank lines and `#` comments skipped, quotes stripped)."""
    values: dict[str, str] = {}
    if not path.is_file():
        return values
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#") or "=" not in line:
            continue
        name, value = line.split("=", 1)
        name = name.strip().removeprefix("export ").strip()
        value = value.strip()
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
            value = value[1:-1]
        values[name] = value
    return values


def env_bool(name: str, default: bool = False) -> bool:
    """Read a yes/no environment variable."""
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    """Read a comma-separated environment variable."""
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


TESTING = env_bool("KUMPPANI_TESTING") or "pytest" in sys.modules

# `make run` writes a git-ignored .env (DEBUG, SECRET_KEY, SITE_URL) so that manage.py works
# without extra set-up. Environment variables win; tests never read it; an empty
# KUMPPANI_ENV_FILE turns it off.
ENV_FILE = os.environ.get("KUMPPANI_ENV_FILE", str(BASE_DIR / ".env"))
if ENV_FILE and not TESTING:
    for _name, _value in read_env_file(Path(ENV_FILE)).items():
        os.environ.setdefault(_name, _value)

DEBUG = env_bool("DEBUG")

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not (DEBUG or TESTING):
        raise ImproperlyConfigured("Set SECRET_KEY: it is required when DEBUG is off.")
    SECRET_KEY = "insecure-development-key-do-not-use-in-production"  # noqa: S105

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000")

INSTALLED_APPS = [
    # modeltranslation must come before django.contrib.admin.
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "axes",
    "csp",
    "ninja",
    "django_tasks",
    "django_tasks_db",
    "kumppani.core",
    "kumppani.accounts",
    "kumppani.organisations",
    "kumppani.catalogue",
    "kumppani.grants",
    "kumppani.meetings",
    "kumppani.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # A cookie holding NUL or another control character is ignored (before the session).
    "kumppani.core.parameters.InvalidCookiesMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # Under /api/: ?lang= picks the language of messages; errors are JSON, never HTML.
    "kumppani.core.api.ApiMiddleware",
    # A NUL byte or another control character in the path or a parameter: 400, before any
    # view (or the database) sees it.
    "kumppani.core.parameters.InvalidCharactersMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # axes must be last: it answers locked-out sign-ins itself.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "kumppani.urls"
WSGI_APPLICATION = "kumppani.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "kumppani.core.context_processors.site",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'kumppani.sqlite3'}"),
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers work while one writer writes; the timeout rides out short locks.
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
    }
    # A file rather than memory: the job tests run real worker processes against it.
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test_kumppani.sqlite3")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHE_URL = os.environ.get("CACHE_URL", "")
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": CACHE_URL}
        if CACHE_URL.startswith("redis")
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
if TESTING:
    # Hashing cost is pointless in tests and makes every persona cost a second.
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
LOGIN_URL = "accounts:sign_in"
LOGIN_REDIRECT_URL = "accounts:dashboard"
LOGOUT_REDIRECT_URL = "core:front"
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24
INVITATION_VALID_DAYS = 14

# The reverse proxies in front of the app (addresses or networks): only their
# X-Forwarded-For header is believed (core.actor.client_ip), by throttling and audit alike.
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES")

# Sign-in throttling: five failures for one account from one address lock that account from
# that address for an hour (never from elsewhere); thirty failures from one address, over any
# accounts, close sign-in from that address for the hour.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
SIGN_IN_FAILURES_PER_ADDRESS = int(os.environ.get("SIGN_IN_FAILURES_PER_ADDRESS", "30"))
# "I'm interested" messages one volunteer task takes in an hour, from everyone together.
VOLUNTEER_INTEREST_PER_HOUR = int(os.environ.get("VOLUNTEER_INTEREST_PER_HOUR", "20"))
AXES_COOLOFF_TIME = 1
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_CLIENT_IP_CALLABLE = "kumppani.core.actor.client_ip"
AXES_USERNAME_FORM_FIELD = "username"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_ENABLED = env_bool("AXES_ENABLED", True)

LANGUAGE_CODE = "fi"
LANGUAGES = [("fi", _("Finnish")), ("sv", _("Swedish")), ("en", _("English"))]
MODELTRANSLATION_DEFAULT_LANGUAGE = "fi"
MODELTRANSLATION_FALLBACK_LANGUAGES = {"default": ("fi", "sv", "en")}
LOCALE_PATHS = [BASE_DIR / "kumppani" / "locale"]
TIME_ZONE = "Europe/Helsinki"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
# Leaflet's script and stylesheet come from the django-leaflet package, never copied into the
# repository. Only its static files are used (as "leaflet/..."): the app itself would load
# GeoDjango, and its template tags write inline scripts the CSP refuses.
_LEAFLET = importlib.util.find_spec("leaflet")
STATICFILES_DIRS = (
    [("leaflet", Path(_LEAFLET.origin).parent / "static" / "leaflet")]
    if _LEAFLET is not None and _LEAFLET.origin
    else []
)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG or TESTING
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
MEDIA_ROOT = VAR_DIR / "media"
# Files that only some people may read (grant applications' attachments): outside the static
# and media directories, never served by a URL of their own, only through views that check
# access. On several machines, a directory they share.
PRIVATE_MEDIA_ROOT = Path(os.environ.get("PRIVATE_MEDIA_ROOT", VAR_DIR / "private"))
# The largest attachment accepted, in bytes.
GRANT_ATTACHMENT_MAX_BYTES = int(
    os.environ.get("GRANT_ATTACHMENT_MAX_BYTES", str(10 * 1024 * 1024))
)
# The largest other upload accepted (memo files, consultation drafts and answers), in bytes.
UPLOAD_MAX_BYTES = int(os.environ.get("UPLOAD_MAX_BYTES", str(10 * 1024 * 1024)))
# The public HSDS dumps (/services/hsds/services.json and .zip), written by the periodic job
# hsds-dumps and read by every app server: on several machines, a directory they share.
HSDS_DUMP_DIR = Path(os.environ.get("HSDS_DUMP_DIR", VAR_DIR / "dumps"))

# Every email goes through the outbox (kumppani/core/outbox.py) and is sent by a task.
# An SMTP host, when given, is used even in development; without one, development prints
# the messages on the worker's console.
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG and not os.environ.get("EMAIL_HOST")
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = os.environ.get("EMAIL_HOST") or "localhost"
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
# Seconds per SMTP operation: a stalled relay must not hold a task past its outbox lease.
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "20"))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Kumppani <noreply@kumppani.invalid>")

# Background jobs (Django's task API through the django-tasks backport). `db` keeps the
# queue in the database and needs `manage.py db_worker`; `rq` keeps it in Redis and needs
# `manage.py rqworker --job-class django_tasks_rq.Job default` on as many machines as
# wanted. Tests run tasks at once (`immediate`) unless a test chooses a backend itself.
TASKS_BACKEND = os.environ.get("TASKS_BACKEND", "immediate" if TESTING else "db")
REDIS_URL = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")
TASK_BACKENDS = {
    "db": "django_tasks_db.DatabaseBackend",
    "rq": "django_tasks_rq.RQBackend",
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
    "dummy": "django_tasks.backends.dummy.DummyBackend",
}
if TASKS_BACKEND not in TASK_BACKENDS:
    raise ImproperlyConfigured(f"TASKS_BACKEND must be one of {', '.join(TASK_BACKENDS)}.")
TASKS = {"default": {"BACKEND": TASK_BACKENDS[TASKS_BACKEND], "QUEUES": ["default"]}}
RQ_QUEUES = {"default": {"URL": REDIS_URL, "DEFAULT_TIMEOUT": 600}}
if TASKS_BACKEND == "rq":
    INSTALLED_APPS.append("django_rq")

# HSDS import (manage.py import_hsds): a file or package larger than these is refused before
# it is read; a zipped package is unpacked only within them.
HSDS_IMPORT_MAX_FILE_BYTES = int(os.environ.get("HSDS_IMPORT_MAX_FILE_BYTES", str(50 * 2**20)))
HSDS_IMPORT_MAX_PACKAGE_BYTES = int(
    os.environ.get("HSDS_IMPORT_MAX_PACKAGE_BYTES", str(200 * 2**20))
)
HSDS_IMPORT_MAX_ZIP_ENTRIES = int(os.environ.get("HSDS_IMPORT_MAX_ZIP_ENTRIES", "100"))
HSDS_IMPORT_MAX_ZIP_RATIO = int(os.environ.get("HSDS_IMPORT_MAX_ZIP_RATIO", "100"))
HSDS_IMPORT_MAX_RECORDS = int(os.environ.get("HSDS_IMPORT_MAX_RECORDS", "100000"))
HSDS_IMPORT_MAX_DEPTH = int(os.environ.get("HSDS_IMPORT_MAX_DEPTH", "20"))
# Characters in one text field (a description); short fields have their own column limits.
HSDS_IMPORT_MAX_TEXT_LENGTH = int(os.environ.get("HSDS_IMPORT_MAX_TEXT_LENGTH", "20000"))

# How many days ahead (today included) the activities' times are kept for the search's
# time filters (catalogue.occurrences).
CATALOGUE_OCCURRENCE_DAYS = int(os.environ.get("CATALOGUE_OCCURRENCE_DAYS", "180"))

# Periodic jobs, all of them: `manage.py run_periodic_jobs` (cron or a systemd timer, every
# minute, on any number of hosts) enqueues each task once per interval.
PERIODIC_JOBS: dict[str, dict[str, Any]] = {
    "outbox-retry": {
        "task": "kumppani.core.outbox.outbox_retry",
        "every": timedelta(minutes=1),
    },
    "tasks-sweep": {
        "task": "kumppani.core.jobs.tasks_sweep",
        "every": timedelta(minutes=5),
    },
    "hsds-dumps": {
        "task": "kumppani.catalogue.hsds.tasks.hsds_dumps_refresh",
        "every": timedelta(minutes=1),
    },
    "freshness-reminders": {
        "task": "kumppani.catalogue.tasks.freshness_reminders",
        "every": timedelta(days=1),
    },
    "grant-report-reminders": {
        "task": "kumppani.grants.tasks.report_reminders",
        "every": timedelta(days=1),
    },
    "idempotency-keys-purge": {
        "task": "kumppani.core.idempotency.idempotency_keys_purge",
        "every": timedelta(hours=1),
    },
    "meeting-reminders": {
        "task": "kumppani.meetings.tasks.registration_reminders",
        "every": timedelta(hours=1),
    },
    "meeting-registrations-anonymise": {
        "task": "kumppani.meetings.tasks.registrations_anonymise",
        "every": timedelta(days=1),
    },
    "memo-reminders": {
        "task": "kumppani.meetings.memo_tasks.memo_reminders",
        "every": timedelta(days=1),
    },
    "occurrences-roll": {  # the search's time filters
        "task": "kumppani.catalogue.occurrences.occurrences_roll_forward",
        "every": timedelta(days=1),
    },
}
# How long an API write's Idempotency-Key is remembered: a client's retry within this time
# gets the first answer; the periodic job above deletes older keys.
IDEMPOTENCY_KEY_LIFETIME = timedelta(
    hours=int(os.environ.get("IDEMPOTENCY_KEY_LIFETIME_HOURS", "24"))
)

# Sessions: server-side, expire after two weeks or when the browser closes if asked.
SESSION_COOKIE_AGE = 60 * 60 * 24 * 14
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_HTTPONLY = True  # only the server reads the language choice
LANGUAGE_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

if not DEBUG:
    # Tests talk plain HTTP to a local server; production is always behind TLS.
    SESSION_COOKIE_SECURE = not TESTING
    CSRF_COOKIE_SECURE = not TESTING
    LANGUAGE_COOKIE_SECURE = not TESTING
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not TESTING)
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Map tiles of activity pages (Leaflet); empty turns the map off, and the page still gives
# the address and a link to OpenStreetMap. Tests draw every tile from one grey image, as
# they reach no network.
MAP_TILE_URL = os.environ.get(
    "MAP_TILE_URL",
    "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAAAAAA6fptVAAAACklEQVR42mO4CwAA"
    "3wDehPEKOwAAAABJRU5ErkJggg=="
    if TESTING
    else "https://tile.openstreetmap.org/{z}/{x}/{y}.png",
)
MAP_ATTRIBUTION = os.environ.get(
    "MAP_ATTRIBUTION",
    '© <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors',
)
MAP_TILE_ORIGIN = (
    "{0.scheme}://{0.netloc}".format(urlsplit(MAP_TILE_URL))
    if MAP_TILE_URL.startswith("https://")
    else ""
)

# Pages load only our own scripts and styles; htmx needs no inline code.
CONTENT_SECURITY_POLICY: dict[str, Any] | None = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", *([MAP_TILE_ORIGIN] if MAP_TILE_ORIGIN else [])],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}
if DEBUG:
    # Debug pages and the API docs viewer use inline code; only in development.
    CONTENT_SECURITY_POLICY_REPORT_ONLY = CONTENT_SECURITY_POLICY
    CONTENT_SECURITY_POLICY = None

NINJA_PAGINATION_PER_PAGE = 20

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    # WeasyPrint logs every step of every PDF at INFO; its warnings (a refused URL) stay.
    "loggers": {"axes": {"level": "WARNING"}, "weasyprint": {"level": "WARNING"}},
}

# Days after a meeting before the personal data of its anonymous registrations (made
# without an account) is blanked by the periodic job; the counts stay.
MEETINGS_REGISTRATION_RETENTION = int(os.environ.get("MEETINGS_REGISTRATION_RETENTION", "365"))
