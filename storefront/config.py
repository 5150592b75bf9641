"""Configuration: defaults, then environment variables, then test overrides; fail fast in production.

Every environment variable read here is documented in README.md ("Configuration").
"""
from __future__ import annotations

import math
import os
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEV_SECRET_KEY = "dev-only-not-secret"
DEV_BASE_URL = "http://127.0.0.1:5000"
ENVIRONMENTS = ("development", "production")


class ConfigError(RuntimeError):
    """The configuration cannot be served safely."""


def _bool(value: str | None, default: bool = False) -> bool:
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def database_url(raw: str | None, instance_path: str) -> str:
    """Normalise DATABASE_URL; PostgreSQL URLs go through psycopg 3."""
    if not raw:
        return "sqlite:///" + str(Path(instance_path) / "etalase.sqlite")
    for prefix in ("postgres://", "postgresql://"):
        if raw.startswith(prefix):
            return "postgresql+psycopg://" + raw[len(prefix):]
    return raw


def _hours(raw: str | None) -> int:
    """Whole hours, 0 or more; 24 when unset (a typo must not switch a safeguard off)."""
    raw = (raw or "").strip()
    if not raw:
        return 24
    if not (raw.isascii() and raw.isdigit()):  # isdigit() alone takes "²", which int() refuses
        raise ConfigError(f"ETALASE_ORDER_COOLING_HOURS must be whole hours (0 or more), not {raw!r}.")
    return int(raw)


def _positive_number(environ, name: str) -> float | None:
    raw = (environ.get(name) or "").strip()
    if not raw:
        return None
    try:
        value = float(raw.replace(",", "."))
    except ValueError:
        value = 0
    if not (math.isfinite(value) and value > 0):
        raise ConfigError(f"{name} must be a positive number, not {raw!r}.")
    return value


def _media_limits(environ) -> dict:
    """Upload limits, only when set (Defaults holds the defaults). The request-body limit grows
    with the photo limit, or a larger photo would be answered 413 before it could be checked."""
    settings = {}
    max_mb = _positive_number(environ, "ETALASE_MEDIA_MAX_MB")
    if max_mb is not None:
        settings["MEDIA_MAX_BYTES"] = int(max_mb * 1024 * 1024)
        settings["MAX_CONTENT_LENGTH"] = max(Defaults.MAX_CONTENT_LENGTH,
                                             settings["MEDIA_MAX_BYTES"] + 2 * 1024 * 1024)
    quota_mb = _positive_number(environ, "ETALASE_SELLER_STORAGE_QUOTA_MB")
    if quota_mb is not None:
        settings["SELLER_STORAGE_QUOTA_BYTES"] = int(quota_mb * 1024 * 1024)
    megapixels = _positive_number(environ, "ETALASE_MEDIA_MAX_MEGAPIXELS")
    if megapixels is not None:
        settings["MEDIA_MAX_PIXELS"] = int(megapixels * 1_000_000)
    return settings


def _trusted_hosts(environ, env: str) -> list[str] | None:
    """ETALASE_TRUSTED_HOSTS (comma-separated; `.example.go.id` allows its subdomains); in
    production the host of ETALASE_BASE_URL by default; in development any host (None)."""
    raw = [host.strip() for host in (environ.get("ETALASE_TRUSTED_HOSTS") or "").split(",") if host.strip()]
    if raw:
        return raw
    if env == "production" and environ.get("ETALASE_BASE_URL"):
        return [_hostname(environ["ETALASE_BASE_URL"])]
    return None


def _hostname(url: str) -> str:
    return urlsplit(url.strip()).hostname or ""


def parse_base_url(raw: str) -> tuple[str, str, str]:
    """(scheme, host[:port], path prefix) of a base URL; ConfigError if it is not one."""
    parts = urlsplit((raw or "").strip())
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.query or parts.fragment:
        raise ConfigError(f"ETALASE_BASE_URL must be the public address, like https://etalase.example.go.id, "
                          f"not {raw!r}.")
    return parts.scheme, parts.netloc, parts.path.rstrip("/")


def from_environment(environ: os._Environ | dict, instance_path: str) -> dict:
    """Read every setting the app knows from the environment into config keys."""
    env = environ.get("ETALASE_ENV", "development")
    redis_url = environ.get("REDIS_URL", "")
    return _media_limits(environ) | {
        "ETALASE_ENV": env,
        "SECRET_KEY": environ.get("SECRET_KEY", DEV_SECRET_KEY),
        "SQLALCHEMY_DATABASE_URI": database_url(environ.get("DATABASE_URL"), instance_path),
        "REDIS_URL": redis_url,
        # Flask-Limiter keeps counters in Redis when there is one, so every worker shares them.
        "RATELIMIT_STORAGE_URI": redis_url or "memory://",
        "MEDIA_ROOT": environ.get("MEDIA_ROOT") or str(Path(instance_path) / "media"),
        # Permits and certificates: private, outside MEDIA_ROOT so no public route can serve them.
        "DOCUMENT_ROOT": environ.get("ETALASE_DOCUMENT_ROOT") or str(Path(instance_path) / "documents"),
        "MAIL_SERVER": environ.get("MAIL_SERVER", ""),
        "MAIL_PORT": int(environ.get("MAIL_PORT") or 587),
        "MAIL_USERNAME": environ.get("MAIL_USERNAME", ""),
        "MAIL_PASSWORD": environ.get("MAIL_PASSWORD", ""),
        "MAIL_USE_TLS": _bool(environ.get("MAIL_USE_TLS"), default=True),
        "MAIL_DEFAULT_SENDER": environ.get("MAIL_DEFAULT_SENDER", "etalase@localhost"),
        "ETALASE_CITY": environ.get("ETALASE_CITY", "medan"),
        # Anonymous public pages are kept this long at most (any change empties them); 0 = off.
        "PAGE_CACHE_SECONDS": int(environ.get("ETALASE_PAGE_CACHE_SECONDS") or 600),
        "ETALASE_DEMO": _bool(environ.get("ETALASE_DEMO")),
        "ORDER_COOLING_HOURS": _hours(environ.get("ETALASE_ORDER_COOLING_HOURS")),
        # The public address: every absolute link (sitemap, canonical, emails, QR codes) is built on
        # it (storefront/web/external.py), never on the request's Host. Production must set it.
        "BASE_URL": environ.get("ETALASE_BASE_URL") or ("" if env == "production" else DEV_BASE_URL),
        # Hosts the app answers to; any other Host header gets a 400 (Flask's TRUSTED_HOSTS).
        "TRUSTED_HOSTS": _trusted_hosts(environ, env),
        # Reverse proxies in front of the app whose X-Forwarded-For/-Proto are believed.
        "PROXY_COUNT": int(environ.get("ETALASE_PROXY_COUNT") or 0),
        "BABEL_DEFAULT_TIMEZONE": environ.get("ETALASE_TIMEZONE", "Asia/Jakarta"),
    }


class Defaults:
    """Settings that do not come from the environment."""

    BABEL_DEFAULT_LOCALE = "id"
    LANGUAGES = ("id", "en")
    BABEL_TRANSLATION_DIRECTORIES = str(PROJECT_ROOT / "translations")
    SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True}
    # How long a SQLite writer waits for another to finish before the visitor gets a 503 page.
    SQLITE_BUSY_TIMEOUT_MS = 5000
    # Request bodies above this are answered with 413 before they are read (uploads come later).
    MAX_CONTENT_LENGTH = 12 * 1024 * 1024
    # Any other body (a form, not an upload) is refused above this before it is parsed
    # (storefront/web/guards.py). The largest form, the product form, filled to every field's
    # maximum with 4-byte characters (12 bytes each once percent-encoded), is about 58 KB:
    # twice that still fits, and parsing 128 KiB costs milliseconds where 12 MB cost seconds.
    # tests/test_body_limits.py checks every form against it.
    MAX_FORM_BYTES = 128 * 1024
    MAX_FORM_MEMORY_SIZE = 500 * 1024
    MAX_FORM_PARTS = 1000
    SESSION_COOKIE_NAME = "etalase_session"
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = False
    # Absolute lifetime: the cookie and the server-side session row both end after 12 hours.
    PERMANENT_SESSION_LIFETIME = timedelta(hours=12)
    REMEMBER_COOKIE_DURATION = timedelta(seconds=0)
    WTF_CSRF_TIME_LIMIT = 12 * 3600
    WTF_CSRF_SSL_STRICT = True
    WTF_I18N_ENABLED = False  # WTForms ships no Indonesian catalog; our validators carry messages.
    BOOTSTRAP_SERVE_LOCAL = True  # the city network may be closed: never a CDN
    # Sign-in limits (storefront/accounts/signin_limits.py), counted before the password check:
    # failures of one account from one address (hard: that address waits, the owner elsewhere
    # does not); all attempts on one account (soft: above one address's share, everyone waits a
    # few seconds); failures from one address on any accounts (high: an office shares a NAT).
    LOGIN_LIMIT_PER_ACCOUNT_ADDRESS = "10 per 15 minutes"
    LOGIN_LIMIT_PER_ACCOUNT = "15 per minute"
    LOGIN_LIMIT_PER_IP = "100 per 15 minutes"
    RATELIMIT_HEADERS_ENABLED = True
    PAGE_SIZE = 25
    # Photo uploads (storefront/media): refused above these before any decoding; derivatives are
    # WebP at these widths (never wider than the original).
    MEDIA_MAX_BYTES = 10 * 1024 * 1024
    MEDIA_MAX_PIXELS = 40_000_000
    MEDIA_WIDTHS = (320, 800, 1600)
    # What one business may keep in private storage (its documents, photos and PDFs): a seller
    # cannot fill the city's disk by uploading again and again (storefront/sellers/storage_quota.py).
    SELLER_STORAGE_QUOTA_BYTES = 50 * 1024 * 1024
    PASSWORD_HASH_METHOD = "scrypt:32768:8:1"  # tests lower the work factor; hashes keep theirs
    # Procurement: a request waits this many working days for an answer, then expires (the LKPP
    # rule); a product listed or re-priced this many hours ago cannot be ordered yet (collusion guard).
    RESPONSE_WORKING_DAYS = 3


# Session settings of every PostgreSQL connection:
# - the typo fallback (catalog/search.py) accepts names whose words are this close to the query
#   (pg_trgm word similarity; 0.6 by default misses one-letter slips in short words like "kertsa");
# - every statement is planned for its own values: a search for a rare word and one for a word in
#   half the catalog need different plans, and the generic plan psycopg's prepared statements get
#   after five runs took a common word from 35 ms to 140 ms;
# - no parallel workers: the app runs several sync workers per core, so a query that starts two
#   more processes only queues behind the other requests (and costs more than it saves).
POSTGRES_OPTIONS = ("-c pg_trgm.word_similarity_threshold=0.5 -c plan_cache_mode=force_custom_plan "
                    "-c max_parallel_workers_per_gather=0")


def load(app, overrides: dict | None = None) -> None:
    """Fill app.config: defaults, then the environment, then `overrides` (tests)."""
    app.config.from_object(Defaults)
    app.config.update(from_environment(os.environ, app.instance_path))
    app.config.update(overrides or {})
    if app.config["SQLALCHEMY_DATABASE_URI"].startswith("postgresql"):
        app.config["SQLALCHEMY_ENGINE_OPTIONS"] = {**app.config["SQLALCHEMY_ENGINE_OPTIONS"],
                                                   "connect_args": {"options": POSTGRES_OPTIONS}}
    env = app.config["ETALASE_ENV"]
    if env not in ENVIRONMENTS:
        raise ConfigError(f"ETALASE_ENV must be one of {ENVIRONMENTS}, not {env!r}.")
    if env == "production":
        secret = app.config.get("SECRET_KEY") or ""
        if secret == DEV_SECRET_KEY or len(secret) < 32:
            raise ConfigError(
                "ETALASE_ENV=production needs SECRET_KEY: a random value of at least 32 characters "
                "(python -c 'import secrets; print(secrets.token_hex(32))')."
            )
        app.config["SESSION_COOKIE_SECURE"] = True
        app.config["REMEMBER_COOKIE_SECURE"] = True
        if not (app.config.get("BASE_URL") or "").strip():
            raise ConfigError("ETALASE_ENV=production needs ETALASE_BASE_URL: the public address, like "
                              "https://etalase.pemkomedan.go.id (links in pages, emails and documents use it).")
        parse_base_url(app.config["BASE_URL"])  # a ConfigError names ETALASE_BASE_URL
        if app.config.get("TRUSTED_HOSTS") is None:
            app.config["TRUSTED_HOSTS"] = [_hostname(app.config["BASE_URL"])]
