"""Whole-page cache for anonymous visitors, per URL and language, emptied by any change.

Only a request with no signed-in user and no pending flash message is served from the cache,
and only a 200 answer that set no cookie and left the session untouched is stored, so a stored
page can carry neither another user's content nor a CSRF token.

Invalidation is a generation number that is part of every key: a commit that touched a model
the public pages show bumps it, and every older page becomes unreachable (then expires). The
bump comes after the commit, so a page rendered from older data is only ever stored under the
older generation. With REDIS_URL the pages and the generation live in Redis and every worker
shares them; without it they live in the process (the development server is one process).
Every answer carries an ETag, so a second visit gets a 304 when nothing changed.
"""
from __future__ import annotations

import hashlib
import threading
import time
from collections import OrderedDict
from functools import wraps
from itertools import chain

import sqlalchemy as sa
from flask import current_app, make_response, request, session
from flask_babel import get_locale
from sqlalchemy.orm import Session
from werkzeug.wrappers import Response

STALE_FLAG = "page_cache_stale"
_watched: set[type] = set()


def watch(*models: type) -> None:
    """Declare models whose changes public pages show (a commit touching one empties the cache)."""
    _watched.update(models)


class MemoryStore:
    """A bounded, thread-safe store in this process."""

    def __init__(self, max_entries: int = 2000):
        self._entries: OrderedDict[str, tuple[float, tuple]] = OrderedDict()
        self._lock = threading.Lock()
        self._generation = 0
        self.max_entries = max_entries

    def generation(self) -> int:
        return self._generation

    def lookup(self, digest: str) -> tuple[str, tuple | None]:
        """(the key of this page now, the stored page or None)."""
        key = page_key(self._generation, digest)
        return key, self.get(key)

    def bump(self) -> None:
        with self._lock:
            self._generation += 1
            self._entries.clear()  # nothing older can be asked for again

    def get(self, key: str):
        with self._lock:
            item = self._entries.get(key)
        if item is None or item[0] < time.monotonic():
            return None
        return item[1]

    def set(self, key: str, value: tuple, seconds: int) -> None:
        with self._lock:
            self._entries[key] = (time.monotonic() + seconds, value)
            while len(self._entries) > self.max_entries:
                self._entries.popitem(last=False)


class RedisStore:
    """Pages and the generation in Redis, shared by every worker and server."""

    GENERATION_KEY = "etalase:page:generation"
    # The generation and the page under it in one round trip: a hit is then a single call.
    LOOKUP = """
local key = ARGV[1] .. (redis.call('GET', KEYS[1]) or '0') .. ':' .. ARGV[2]
local page = redis.call('HMGET', key, 'body', 'type', 'etag')
return {key, page[1], page[2], page[3]}
"""

    def __init__(self, url: str):
        import redis

        self._redis = redis.Redis.from_url(url)
        self._lookup = self._redis.register_script(self.LOOKUP)

    def generation(self) -> int:
        return int(self._redis.get(self.GENERATION_KEY) or 0)

    def lookup(self, digest: str) -> tuple[str, tuple | None]:
        key, body, content_type, etag = self._lookup(keys=[self.GENERATION_KEY], args=[KEY_PREFIX, digest])
        key = key.decode()
        return key, None if body is None else (body, content_type.decode(), etag.decode())

    def bump(self) -> None:
        self._redis.incr(self.GENERATION_KEY)

    def get(self, key: str):
        raw = self._redis.hmget(key, "body", "type", "etag")
        return None if raw[0] is None else (raw[0], raw[1].decode(), raw[2].decode())

    def set(self, key: str, value: tuple, seconds: int) -> None:
        body, content_type, etag = value
        with self._redis.pipeline() as pipe:
            pipe.hset(key, mapping={"body": body, "type": content_type, "etag": etag})
            pipe.expire(key, seconds)
            pipe.execute()


def init_app(app) -> None:
    url = app.config.get("REDIS_URL") or ""
    if url:
        app.extensions["page_cache"] = RedisStore(url)
    elif app.config["ETALASE_ENV"] == "production":
        # Workers of one server (or several servers) cannot share a generation held in memory:
        # one would keep serving a page another has invalidated. ETags still spare the bytes.
        app.extensions["page_cache"] = None
    else:
        app.extensions["page_cache"] = MemoryStore()


def _store():
    return current_app.extensions["page_cache"]


def _seconds() -> int:
    if _store() is None:
        return 0
    return int(current_app.config.get("PAGE_CACHE_SECONDS", 0))


def _anonymous() -> bool:
    """Decided from the signed cookie alone (no database): no user, no flash waiting."""
    return "_user_id" not in session and "_flashes" not in session


KEY_PREFIX = "etalase:page:"


def page_key(generation: int, digest: str) -> str:
    return f"{KEY_PREFIX}{generation}:{digest}"


def _digest() -> str:
    # The path and query, and the language (from our own cookie, one of LANGUAGES): no request
    # header steers the key, and nothing a page shows comes from a header either (absolute
    # addresses are built on ETALASE_BASE_URL, never the Host: tests/test_hosts.py).
    address = f"{get_locale()}|{request.full_path}"
    return hashlib.sha256(address.encode("utf-8", "surrogatepass")).hexdigest()


def cached_page(view):
    """Serve the view from the page cache for anonymous visitors; store what is safe to store."""

    @wraps(view)
    def wrapper(*args, **kwargs):
        if request.method not in ("GET", "HEAD") or not _anonymous():
            response = make_response(view(*args, **kwargs))
            response.headers["Cache-Control"] = "private, no-store"
            response.vary.add("Cookie")
            return response
        key, stored = _store().lookup(_digest()) if _seconds() else (None, None)
        if stored is not None:
            body, content_type, etag = stored
            response = Response(body, content_type=content_type)
            response.set_etag(etag)
            response.headers["X-Page-Cache"] = "hit"
        else:
            response = make_response(view(*args, **kwargs))
            if response.status_code != 200 or response.direct_passthrough:
                return response
            response.add_etag()
            if key and not session.modified and "Set-Cookie" not in response.headers:
                etag, _ = response.get_etag()
                _store().set(key, (response.get_data(), response.content_type, etag), _seconds())
                response.headers["X-Page-Cache"] = "miss"
        response.headers["Cache-Control"] = "no-cache"
        response.vary.add("Cookie")
        return response.make_conditional(request)

    return wrapper


def invalidate() -> None:
    if _store() is not None:
        _store().bump()


# --- noticing changes ----------------------------------------------------------------------------

@sa.event.listens_for(Session, "after_flush")
def _note_changes(session: Session, flush_context) -> None:
    if any(isinstance(obj, tuple(_watched)) for obj in chain(session.new, session.dirty, session.deleted)):
        session.info[STALE_FLAG] = True


@sa.event.listens_for(Session, "do_orm_execute")
def _note_bulk_changes(state) -> None:
    if (state.is_update or state.is_delete) and state.bind_mapper is not None \
            and state.bind_mapper.class_ in _watched:
        state.session.info[STALE_FLAG] = True


@sa.event.listens_for(Session, "after_commit")
def _invalidate_after_commit(session: Session) -> None:
    if session.info.pop(STALE_FLAG, False):
        try:
            invalidate()
        except RuntimeError:  # no app context (a script without the app): nothing cached here
            pass


@sa.event.listens_for(Session, "after_rollback")
def _forget_after_rollback(session: Session) -> None:
    session.info.pop(STALE_FLAG, None)
