"""Login rate limits per account and per address; counters shared through Redis when configured."""
from __future__ import annotations

import random
import subprocess
import sys
import uuid

import pytest
import redis

from storefront import create_app
from storefront.config import PROJECT_ROOT
from storefront.accounts.roles import Role
from storefront.extensions import db
from tests import dbconfig
from tests.conftest import TEST_PASSWORD

REDIS_URL = dbconfig.redis_url()


@pytest.fixture
def app_config(app_config):
    app_config.update(LOGIN_LIMIT_PER_ACCOUNT="3 per 15 minutes", LOGIN_LIMIT_PER_IP="5 per 15 minutes")
    return app_config


def attempt(client, email, password="salah-kata-sandi", ip="203.0.113.10"):
    return client.post("/masuk", data={"email": email, "password": password},
                       environ_base={"REMOTE_ADDR": ip})


def test_failed_attempts_on_one_account_are_limited_from_any_address(make, client):
    user = make.user(Role.PPK)
    for n in range(3):
        assert attempt(client, user.email, ip=f"203.0.113.{n}").status_code == 200
    blocked = attempt(client, user.email, ip="198.51.100.7")
    assert blocked.status_code == 429
    assert int(blocked.headers["Retry-After"]) > 0
    assert "Terlalu banyak percobaan" in blocked.text
    # Other accounts are not affected by this account's counter.
    assert attempt(client, "lain@uji.example", ip="198.51.100.7").status_code == 200


def test_one_address_trying_many_accounts_is_limited(make, client):
    for n in range(5):
        assert attempt(client, f"tebak{n}@uji.example").status_code == 200
    assert attempt(client, "tebak99@uji.example").status_code == 429
    assert attempt(client, "tebak99@uji.example", ip="198.51.100.8").status_code == 200


def test_successful_sign_ins_do_not_count(make, app):
    user = make.user(Role.PPK)
    for _ in range(6):
        client = app.test_client()
        assert attempt(client, user.email, password=TEST_PASSWORD).status_code == 302


def test_the_limit_message_is_english_for_english_visitors(make, client):
    client.set_cookie("bahasa", "en")
    for _ in range(3):
        attempt(client, "x@uji.example")
    assert "Too many attempts" in attempt(client, "x@uji.example").text


def redis_available() -> bool:
    try:
        return redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
    except redis.RedisError:
        return False


WORKER = """
import sys
from storefront import create_app
from storefront.config import PROJECT_ROOT
app = create_app({"SQLALCHEMY_DATABASE_URI": sys.argv[1], "RATELIMIT_STORAGE_URI": sys.argv[2],
                  "LOGIN_LIMIT_PER_ACCOUNT": "3 per 15 minutes", "WTF_CSRF_ENABLED": False, "TESTING": True})
client = app.test_client()
for _ in range(2):
    print(client.post("/masuk", data={"email": sys.argv[3], "password": "salah-kata-sandi"},
                      environ_base={"REMOTE_ADDR": sys.argv[4]}).status_code)
"""


def test_workers_share_counters_through_redis(app_config, tmp_path):
    """A second process (another gunicorn worker) sees the counts this one left in Redis."""
    if not redis_available():
        pytest.fail("Redis is required for this test at " + REDIS_URL)
    email = f"bersama-{uuid.uuid4().hex[:12]}@uji.example"
    # Fresh addresses too: Redis outlives the test run, and so would per-address counters.
    ip_a, ip_b = (f"198.18.{random.randrange(256)}.{random.randrange(256)}" for _ in range(2))
    config = app_config | {"RATELIMIT_STORAGE_URI": REDIS_URL,
                           "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'shared.sqlite'}"}
    worker = create_app(config)
    with worker.app_context():
        db.create_all()
    store = redis.Redis.from_url(REDIS_URL)
    try:
        for _ in range(2):
            assert attempt(worker.test_client(), email, ip=ip_a).status_code == 200
        keys = list(store.scan_iter(f"*login-account:{email}*"))
        assert len(keys) == 1 and int(store.get(keys[0])) == 2
        other = subprocess.run(
            [sys.executable, "-c", WORKER, config["SQLALCHEMY_DATABASE_URI"], REDIS_URL, email, ip_b],
            capture_output=True, text=True, timeout=60, cwd=PROJECT_ROOT)
        assert other.stdout.split() == ["200", "429"], other.stderr[-2000:]
    finally:
        for pattern in (email, ip_a, ip_b):
            for key in store.scan_iter(f"*{pattern}/*"):
                store.delete(key)


def test_invisible_characters_or_case_do_not_open_a_fresh_counter(make, client):
    user = make.user(Role.PPK, email="budi@uji.example")
    variants = ["budi@uji.example", "BUDI@uji.example", "budi@uji.example\u200b", " budi@uji.example\u200b\u200b"]
    for email in variants[:3]:
        assert attempt(client, email, ip="203.0.113.50").status_code == 200
    blocked = attempt(client, variants[3], password=TEST_PASSWORD, ip="203.0.113.51")
    assert blocked.status_code == 429
    assert user.email == "budi@uji.example"
