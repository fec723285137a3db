"""Settings for the conflict-timeline project, driven by environment variables.

Defaults make ``runserver`` work out of the box on an SQLite file inside the project.
Production sets ``DATABASE_URL=postgres://…``, ``SECRET_KEY`` and ``ALLOWED_HOSTS``.

Environment variables:
    DEBUG            "1"/"true" turns debug on (off by default).
    SECRET_KEY       required to serve with DEBUG off (wsgi/asgi refuse to start without it).
    DATABASE_URL     postgres://user:pass@host:port/name or sqlite:///path (default:
                     sqlite file ``var/db.sqlite3`` in the project, git-ignored).
    ALLOWED_HOSTS    comma-separated (default: localhost names).
    CHRONOLOGY_LOGIN_REQUIRED  "1" makes the public pages login-only.
"""

import datetime
import os
import sys
from pathlib import Path
from urllib.parse import parse_qsl, unquote, urlsplit

from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def database_from_url(url: str) -> dict:
    """Translate a DATABASE_URL into Django's DATABASES entry.

    Written out here rather than pulling in dj-database-url: two schemes are all we serve.
    """
    parts = urlsplit(url)
    scheme = parts.scheme.split("+")[0]
    if scheme == "sqlite":
        # sqlite:///relative/path or sqlite:////absolute/path
        path = unquote(parts.path[1:] if parts.path.startswith("/") else parts.path)
        return {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": path or ":memory:",
            # IMMEDIATE takes the write lock at BEGIN, so a second writer (another ingest) waits
            # up to the timeout instead of failing with "database is locked" on lock upgrade.
            "OPTIONS": {"transaction_mode": "IMMEDIATE", "timeout": 30},
        }
    if scheme in {"postgres", "postgresql", "pgsql"}:
        options = dict(parse_qsl(parts.query))
        pool = options.pop("pool", "1") not in {"0", "false", "no"}
        # JIT compiling costs ~50 ms per query plan it fires on, more than the chronology's
        # queries run. Parallel workers cost 5–10 ms to start, and a parallel walk of a sample
        # index read ahead of a LIMIT (600,000 entries for 74 rows kept, 45 ms); on a small
        # server the other requests want those cores anyway. ?options=... in the URL overrides.
        options.setdefault("options", "-c jit=off -c max_parallel_workers_per_gather=0")
        config = {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": unquote(parts.path.lstrip("/")) or "postgres",
            "USER": unquote(parts.username or ""),
            "PASSWORD": unquote(parts.password or ""),
            "HOST": parts.hostname or "",
            "PORT": str(parts.port or ""),
            "OPTIONS": options,
        }
        if pool:
            # psycopg 3's connection pool; Django closes connections back into it.
            config["OPTIONS"]["pool"] = {"min_size": 1, "max_size": 10, "timeout": 10}
        return config
    raise ImproperlyConfigured(
        f"DATABASE_URL scheme {parts.scheme!r} is not supported; use postgres:// or sqlite://"
    )


DEBUG = env_bool("DEBUG")
TESTING = "pytest" in sys.modules or (len(sys.argv) > 1 and sys.argv[1] == "test")

# Management commands (ingest, export, tag_dates) work without a key; serving does not:
# timeline/wsgi.py and asgi.py refuse to start with DEBUG off and no real SECRET_KEY, and the
# deploy check timeline.E001 reports it.
INSECURE_DEV_KEY = "django-insecure-dev-key-only-for-local-use"
SECRET_KEY = os.environ.get("SECRET_KEY", "") or INSECURE_DEV_KEY

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.humanize",
    # The event table's tsvector, id arrays and GIN/GiST indexes (timeline/vendor_schema.py).
    "django.contrib.postgres",
    # The triggers that keep the event row's id arrays, declared on the models.
    "pgtrigger",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_htmx",
    "simple_history",
    "django_tasks_db",
    "articles",
    "timeline",
    "axes",  # last, as django-axes asks
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "timeline.middleware.RefuseNulBytesMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Records the logged-in editor on every history row an admin request writes.
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "timeline.middleware.LoginRequiredForChronologyMiddleware",
    "axes.middleware.AxesMiddleware",  # last, as django-axes asks
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # first: refuses a locked-out login before checking it
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "timeline.urls"
WSGI_APPLICATION = "timeline.wsgi.application"

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
            ],
        },
    },
    {
        # The chronology's repeated markup (cards, bars, facet lists, selects), which the pages
        # above put in through timeline/templatetags/fragments.py: timeline/fragments.py.
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "NAME": "fragments",
        "DIRS": [BASE_DIR / "templates" / "fragments"],
        "APP_DIRS": False,
        "OPTIONS": {"environment": "timeline.fragments.environment"},
    },
]

DATABASES = {
    "default": database_from_url(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'var' / 'db.sqlite3'}")
    )
}
if (
    DATABASES["default"]["ENGINE"].endswith("sqlite3")
    and DATABASES["default"]["NAME"] != ":memory:"
):
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)

if TESTING and DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # The tests' SQLite database is a file, not Django's shared-cache in-memory default: on the
    # latter a lock held by one thread (the task worker's BEGIN EXCLUSIVE, beside the live
    # server in the browser tests) fails the other's query at once with "database table is
    # locked", where a file's lock makes it wait out the timeout as the application would.
    DATABASES["default"]["TEST"] = {"NAME": str(BASE_DIR / "var" / "test.sqlite3")}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Hashed names plus gzip/brotli copies; needs `collectstatic` (make run/test do it).
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
if DEBUG:
    # runserver with DEBUG serves straight from static/ without collectstatic.
    STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}

LOGIN_URL = "admin:login"

# Content Security Policy (Django 6 middleware): no inline script without the per-request nonce.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
}

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
if not DEBUG:
    # Behind TLS in production; HTTPS_OFF=1 for a plain-HTTP local production run.
    https = not env_bool("HTTPS_OFF") and not TESTING
    SESSION_COOKIE_SECURE = https
    CSRF_COOKIE_SECURE = https
    SECURE_SSL_REDIRECT = https
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000")) if https else 0
    # They bind every subdomain, and a preload list entry is hard to undo: the operator's choice.
    SECURE_HSTS_INCLUDE_SUBDOMAINS = https and env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS")
    SECURE_HSTS_PRELOAD = https and env_bool("SECURE_HSTS_PRELOAD")
    if int(os.environ.get("TRUSTED_PROXIES", "0")):
        # Only a proxy in front may say the request came over HTTPS; without one, anyone could.
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Cache: per-process memory by default; REDIS_URL shares it across server processes (needs the
# redis package). "pages" holds rendered chronology pages apart, so that their churn never
# evicts what "default" holds.
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "pages": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "pages",
        # A rendered chronology page is ~130 KB: 500 of them is ~65 MB per process.
        "OPTIONS": {"MAX_ENTRIES": 500},
    },
}
if os.environ.get("REDIS_URL"):
    for alias in CACHES:
        CACHES[alias] = {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
            "KEY_PREFIX": alias,
        }
# The admin login (django-axes): LOGIN_FAILURE_LIMIT failures of one name from one address
# lock that pair out for LOGIN_LOCKOUT_SECONDS. The pair, so that failures from elsewhere never
# lock the real editor out; the name as Django reads it (stripped, NFKC), so that " ed" or "ｅｄ"
# count as "ed"; the failures in the database, so that every server process counts them.
# Behind reverse proxies, TRUSTED_PROXIES says how many X-Forwarded-For entries to skip.
LOGIN_FAILURE_LIMIT = int(os.environ.get("LOGIN_FAILURE_LIMIT", "5"))
LOGIN_LOCKOUT_SECONDS = int(os.environ.get("LOGIN_LOCKOUT_SECONDS", "900"))
AXES_FAILURE_LIMIT = LOGIN_FAILURE_LIMIT
AXES_COOLOFF_TIME = datetime.timedelta(seconds=LOGIN_LOCKOUT_SECONDS)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_CALLABLE = "timeline.logins.login_name"
AXES_RESET_ON_SUCCESS = True
AXES_HTTP_RESPONSE_CODE = 429
AXES_LOCKOUT_CALLABLE = "timeline.logins.locked_out"
AXES_VERBOSE = False
TRUSTED_PROXIES = int(os.environ.get("TRUSTED_PROXIES", "0"))
AXES_IPWARE_PROXY_COUNT = TRUSTED_PROXIES or None
AXES_IPWARE_META_PRECEDENCE_ORDER = (
    ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"] if TRUSTED_PROXIES else ["REMOTE_ADDR"]
)

# The years any date may fall in (articles/dates.py): a filter, a manifest's or an editor's
# date outside them is refused. DATE_YEARS=1900-2100 narrows them.
DATE_YEARS = tuple(int(y) for y in os.environ.get("DATE_YEARS", "1800-2100").split("-", 1))

# The chronology is public unless this says otherwise.
CHRONOLOGY_LOGIN_REQUIRED = env_bool("CHRONOLOGY_LOGIN_REQUIRED")
CHRONOLOGY_PAGE_SIZE = int(os.environ.get("CHRONOLOGY_PAGE_SIZE", "50"))
# Facets, totals and the histogram of a filtered view larger than this many events are
# estimated from a uniform random sample of this size (timeline/search/facets.py), marked "≈".
# SQLite builds the facet sample's covering index without its INCLUDE columns; that is fine.
# security.W005/W021: HSTS for subdomains and preloading are opt-in (see SECURE_HSTS_*).
SILENCED_SYSTEM_CHECKS = ["models.W040", "security.W005", "security.W021"]
FACET_SAMPLE_SIZE = int(os.environ.get("FACET_SAMPLE_SIZE", "1000"))
# After a write, the unfiltered view's exact aggregates are stored again by the commands that
# wrote (ingest, generate_corpus), or by the first page that finds none stored: "background"
# (a thread), "inline" or "off". The response cache works only while they are stored.
AGGREGATES_REFRESH = os.environ.get("AGGREGATES_REFRESH", "background")
# Rendered chronology pages and fragments are cached this many seconds (0: never) under the
# data version of the stored aggregates, so any write retires them (views.chronology).
CHRONOLOGY_CACHE_SECONDS = int(os.environ.get("CHRONOLOGY_CACHE_SECONDS", "600"))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# `loaddata demo` finds fixtures/demo.json; the gazetteer seeds actors and places.
FIXTURE_DIRS = [BASE_DIR / "fixtures"]
GAZETTEER_PATH = BASE_DIR / "fixtures" / "gazetteer.json"
SAMPLE_ARTICLES_DIR = BASE_DIR / "fixtures" / "sample_articles"
# Where the world gazetteer's index is kept once built (timeline/extraction/places.py): a
# directory the app can write to, else it is built in every process.
PLACES_CACHE = Path(os.environ.get("PLACES_CACHE", BASE_DIR / "var"))

# Ingesting URLs (timeline/ingest/fetching.py): the user agent sent, and hosts exempt from the
# refusal of private and loopback addresses (comma-separated; e.g. a newsroom's intranet).
INGEST_USER_AGENT = os.environ.get(
    "INGEST_USER_AGENT",
    "conflict-timeline/1.0 (fetches news articles for a conflict chronology)",
)
INGEST_FETCH_ALLOWED_HOSTS = [
    host.strip()
    for host in os.environ.get("INGEST_FETCH_ALLOWED_HOSTS", "").split(",")
    if host.strip()
]

# Background work (Django's tasks framework): reports added from the browser are ingested by
# timeline.tasks.ingest_submission. django-tasks-db keeps the queue in the application's own
# database; `manage.py db_worker` runs it (`make run` starts one; on several machines, every
# worker pointed at the same database takes from the same queue).
TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend",
        "QUEUES": ["default"],
    }
}
