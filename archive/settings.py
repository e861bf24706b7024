"""The archive's one settings file. Every deployment difference comes from environment variables.

Contract (DESIGN.md): DATABASE_URL, ARCHIVE_DATA_DIR, SEARCH_BACKEND, SECRET_KEY, DEBUG, ALLOWED_HOSTS.
Extensions: ARCHIVE_HTTPS, ARCHIVE_MAX_UPLOAD_MB, CSRF_TRUSTED_ORIGINS, LOG_LEVEL.
"""

from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

from archive.env import (
    database_from_url,
    env_bool,
    env_choice,
    env_int,
    env_list,
    env_str,
    secret_key,
)

BASE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = Path(env_str("ARCHIVE_DATA_DIR", str(BASE_DIR / "var"))).resolve()

DEBUG = env_bool("DEBUG", False)
SECRET_KEY = secret_key(DATA_DIR)
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
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "django_filters",
    "reports",
    "search",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "archive.middleware.CleanParametersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "archive.locale.ArchiveLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "archive.urls"
WSGI_APPLICATION = "archive.wsgi.application"

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
    }
]

DATABASES = {"default": database_from_url(env_str("DATABASE_URL"), DATA_DIR)}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

SEARCH_BACKEND = env_choice("SEARCH_BACKEND", "whoosh", {"whoosh", "postgres"})
if SEARCH_BACKEND == "postgres" and DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
    raise ImproperlyConfigured("SEARCH_BACKEND=postgres needs DATABASE_URL to point at PostgreSQL")
SEARCH_INDEX_DIR = DATA_DIR / "index"
# Memory per process for a Whoosh rebuild's in-memory sort (two processes on a large archive).
SEARCH_REBUILD_MEMORY_MB = env_int("SEARCH_REBUILD_MEMORY_MB", 1024)
# Disk a Whoosh rebuild must leave free beside its own peak (the database, logs and uploads share the disk).
SEARCH_REBUILD_KEEP_FREE_MB = env_int("SEARCH_REBUILD_KEEP_FREE_MB", 1024)
# Index writes queued longer than this are applied by the next request's check and make /healthz degraded.
SEARCH_OUTBOX_STALE_SECONDS = env_int("SEARCH_OUTBOX_STALE_SECONDS", 60)

# Uploads: the admin takes releases up to this size; larger files are refused with a message, never
# buffered whole. Django's own request limits sit just above it so the form can say what went wrong.
ARCHIVE_MAX_UPLOAD_BYTES = env_int("ARCHIVE_MAX_UPLOAD_MB", 20) * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FILES = 50

# Archiving from the web (issue 13): who we say we are, and how politely we fetch and re-check sources.
ARCHIVE_CONTACT = env_str("ARCHIVE_CONTACT", "archive-admin@example.org")
ARCHIVE_USER_AGENT = env_str(
    "ARCHIVE_USER_AGENT", f"PinganArchiveBot/1.0 (+security-governance release archive; {ARCHIVE_CONTACT})"
)
ARCHIVE_FETCH_TIMEOUT = env_int("ARCHIVE_FETCH_TIMEOUT", 15)
ARCHIVE_FETCH_MAX_BYTES = env_int("ARCHIVE_FETCH_MAX_MB", 5) * 1024 * 1024
ARCHIVE_FETCH_MAX_REDIRECTS = 5
# watch_sources: how often a source is looked at, and the least time between two requests to one host.
ARCHIVE_WATCH_INTERVAL_HOURS = env_int("ARCHIVE_WATCH_INTERVAL_HOURS", 24 * 7)
ARCHIVE_WATCH_HOST_DELAY_MS = env_int("ARCHIVE_WATCH_HOST_DELAY_MS", 2000)

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # whitenoise warns about a missing root on every start
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # No manifest: pages render without a collectstatic step (tests, `make demo`); whitenoise serves
    # straight from the app folders and compresses what collectstatic gathers in production.
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True

LOGIN_URL = "admin:login"

# Production behind TLS: secure cookies, HSTS and redirects. Off by default only when DEBUG is on, so
# `manage.py check --deploy` is clean with DEBUG=0 and nothing else set.
ARCHIVE_HTTPS = env_bool("ARCHIVE_HTTPS", not DEBUG)
SESSION_COOKIE_SECURE = ARCHIVE_HTTPS
CSRF_COOKIE_SECURE = ARCHIVE_HTTPS
SECURE_SSL_REDIRECT = ARCHIVE_HTTPS
SECURE_HSTS_SECONDS = 31536000 if ARCHIVE_HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = ARCHIVE_HTTPS
SECURE_HSTS_PRELOAD = ARCHIVE_HTTPS
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if ARCHIVE_HTTPS else None
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"

CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {"jieba": {"level": "WARNING"}},
}
