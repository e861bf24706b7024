"""Small readers for settings taken from the environment.

Each one fails loudly with the variable's name when a value cannot be understood: a typo in a deployment's
environment should stop the process at start-up, not quietly fall back to a default.
"""

import os
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.core.exceptions import ImproperlyConfigured

TRUE = {"1", "true", "yes", "on"}
FALSE = {"0", "false", "no", "off", ""}


def env_str(name, default=""):
    return os.environ.get(name, default)


def env_bool(name, default=False):
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in TRUE:
        return True
    if value in FALSE:
        return False
    raise ImproperlyConfigured(f"{name}={raw!r} is not a boolean; use 1/0, true/false, yes/no or on/off")


def env_int(name, default):
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={raw!r} is not an integer") from None


def env_list(name, default):
    raw = os.environ.get(name)
    if raw is None:
        return list(default)
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_choice(name, default, choices):
    value = os.environ.get(name, default).strip()
    if value not in choices:
        raise ImproperlyConfigured(f"{name}={value!r} must be one of: {', '.join(sorted(choices))}")
    return value


def database_from_url(url, data_dir: Path):
    """Turn a DATABASE_URL into a Django DATABASES entry (SQLite or PostgreSQL only)."""
    if not url:
        return sqlite_database(str(data_dir / "archive.sqlite3"), data_dir)
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme == "sqlite":
        # sqlite:///relative/path and sqlite:////absolute/path, as in the common URL convention.
        path = unquote(parts.path[1:] if parts.path.startswith("/") else parts.path)
        if not path:
            raise ImproperlyConfigured(
                "DATABASE_URL: sqlite:// needs a file path, e.g. sqlite:////srv/archive.db"
            )
        return sqlite_database(path, data_dir)
    if scheme in {"postgres", "postgresql", "pgsql"}:
        name = unquote(parts.path.lstrip("/"))
        if not name:
            raise ImproperlyConfigured(
                "DATABASE_URL: a PostgreSQL URL must name a database, e.g. .../archive"
            )
        try:
            port = parts.port
        except ValueError:
            raise ImproperlyConfigured(f"DATABASE_URL: bad port in {url!r}") from None
        return {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": name,
            "USER": unquote(parts.username or ""),
            "PASSWORD": unquote(parts.password or ""),
            "HOST": parts.hostname or "",
            "PORT": str(port or ""),
            "CONN_MAX_AGE": 60,
            "CONN_HEALTH_CHECKS": True,
        }
    raise ImproperlyConfigured(
        f"DATABASE_URL scheme {scheme!r} is not supported; use sqlite:// or postgres://"
    )


def sqlite_database(path: str, data_dir: Path) -> dict:
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": path,
        # Several gunicorn workers write: take the write lock at BEGIN and wait for it, instead of failing
        # halfway through a transaction with "database is locked".
        "OPTIONS": {
            "transaction_mode": "IMMEDIATE",
            "timeout": 30,
            "init_command": "PRAGMA journal_mode=WAL;",
        },
        # A file, not memory, so tests can share the test database with the processes they start; one per
        # test session, so two sessions in one checkout never share (pytest-django deletes it afterwards).
        "TEST": {"NAME": str(data_dir / f"test-archive-{os.getpid()}.sqlite3")},
    }


def secret_key(data_dir: Path):
    """SECRET_KEY from the environment, else one generated once and kept in the data dir.

    Keeping it in the data dir lets `make demo` run without configuration while every installation still
    gets its own random key (sessions survive restarts; no key is ever committed).
    """
    key = os.environ.get("SECRET_KEY", "").strip()
    if key:
        return key
    from django.core.management.utils import get_random_secret_key

    path = data_dir / "secret_key"
    if not path.exists():
        # Write a private temporary file, then link it into place: link() fails if another process got
        # there first, and nobody ever reads a half-written key.
        try:
            data_dir.mkdir(parents=True, exist_ok=True)
            tmp = data_dir / f".secret_key.{os.getpid()}"
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with os.fdopen(fd, "w") as fh:
                fh.write(get_random_secret_key() + get_random_secret_key())
            try:
                os.link(tmp, path)
            except FileExistsError:
                pass
            finally:
                tmp.unlink()
        except OSError as exc:
            raise ImproperlyConfigured(f"SECRET_KEY is not set and {path} cannot be created: {exc}") from None
    key = path.read_text().strip()
    if not key:
        raise ImproperlyConfigured(f"SECRET_KEY is not set and {path} is empty")
    return key
