"""The Redis database of this test run (tests/dbconfig.py: each pass has its own), for the tests
of what workers share through it (rate-limit counters, the page cache)."""
from __future__ import annotations

import redis

from tests import dbconfig

REDIS_URL = dbconfig.redis_url()


def redis_available() -> bool:
    try:
        return redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
    except redis.RedisError:
        return False


def forget(pattern: str) -> None:
    """Redis outlives the test run: drop the counters a test left (its names are its own)."""
    store = redis.Redis.from_url(REDIS_URL)
    for key in store.scan_iter(f"*{pattern}*"):
        store.delete(key)
