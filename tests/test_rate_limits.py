"""Sign-in limits lock the attacker, not the office (issue 10, point 12).

- The hard limit is keyed on account + client address: one address guessing one account stops.
- The account from everywhere is only slowed down (a short soft window that asks to wait a
  little); one address alone can never trip it, so the owner elsewhere signs in.
- The per-address limit counts failures only, and one account adds at most its own hard limit to
  it: an office behind one NAT address is not locked out by one account.
- Every counter is taken before the password is checked (atomic increment in the limiter's
  storage, memory or Redis), so parallel guesses cannot all slip through.
"""
from __future__ import annotations

import random
import subprocess
import sys
import threading
import time
import uuid

import pytest
from limits import parse

from storefront import create_app
from storefront.accounts import passwords
from storefront.accounts.roles import Role
from storefront.config import PROJECT_ROOT, Defaults
from storefront.extensions import db
from tests import database, dbconfig
from tests.app_setup import TEST_PASSWORD, base_config
from tests.helpers.redis_store import REDIS_URL, forget, redis_available

LIMITS = {"LOGIN_LIMIT_PER_ACCOUNT_ADDRESS": "3 per 15 minutes", "LOGIN_LIMIT_PER_ACCOUNT": "5 per 2 seconds",
          "LOGIN_LIMIT_PER_IP": "8 per 15 minutes"}


@pytest.fixture
def app_config(app_config):
    return app_config | LIMITS


def attempt(client, email, password="salah-kata-sandi", ip="203.0.113.10"):
    return client.post("/masuk", data={"email": email, "password": password},
                       environ_base={"REMOTE_ADDR": ip})


def test_the_default_policy_locks_an_address_and_only_slows_the_account():
    hard, soft = parse(Defaults.LOGIN_LIMIT_PER_ACCOUNT_ADDRESS), parse(Defaults.LOGIN_LIMIT_PER_ACCOUNT)
    office = parse(Defaults.LOGIN_LIMIT_PER_IP)
    assert soft.amount > hard.amount, "one address alone must never slow the owner down elsewhere"
    assert soft.get_expiry() <= 60, "the account is asked to wait a little, not locked"
    assert office.amount >= 10 * hard.amount, "an office address must outlast several locked accounts"


def test_one_address_guessing_one_account_is_locked_even_with_the_right_password(make, client):
    user = make.user(Role.PPK)
    for _ in range(3):
        assert attempt(client, user.email).status_code == 200
    blocked = attempt(client, user.email, password=TEST_PASSWORD)
    assert blocked.status_code == 429
    assert int(blocked.headers["Retry-After"]) > 0
    assert "Terlalu banyak percobaan" in blocked.text
    # Other accounts from this address are not affected by this account's counter.
    assert attempt(client, "lain@uji.example").status_code == 200


def test_an_attacker_cannot_lock_the_owner_out_from_another_address(make, app):
    user = make.user(Role.PPK)
    attacker = app.test_client()
    statuses = [attempt(attacker, user.email, ip="198.51.100.66").status_code for _ in range(12)]
    assert statuses[:3] == [200] * 3 and set(statuses[3:]) == {429}
    owner = app.test_client()
    assert attempt(owner, user.email, password=TEST_PASSWORD, ip="203.0.113.20").status_code == 302


def test_many_attacking_addresses_slow_the_account_down_a_little_but_never_lock_it(make, app):
    user = make.user(Role.PPK)
    for n in range(4):  # 4 addresses x 3 guesses: more than the soft window allows
        for _ in range(3):
            attempt(app.test_client(), user.email, ip=f"198.51.100.{n}")
    owner = app.test_client()
    slowed = attempt(owner, user.email, password=TEST_PASSWORD, ip="203.0.113.21")
    assert slowed.status_code == 429
    assert "Tunggu sebentar" in slowed.text
    wait = int(slowed.headers["Retry-After"])
    assert 0 < wait <= 2
    time.sleep(wait + 0.2)
    assert attempt(owner, user.email, password=TEST_PASSWORD, ip="203.0.113.21").status_code == 302


def test_an_office_address_is_not_locked_by_one_accounts_failures(make, app):
    office = "203.0.113.99"
    careless = make.user(Role.PEMESAN)
    for _ in range(20):
        attempt(app.test_client(), careless.email, ip=office)
    # That account added only its own hard limit (3) to the office's 8: four colleagues may still
    # mistype, and right passwords never count.
    colleagues = [make.user(Role.PEMESAN) for _ in range(12)]
    for n, colleague in enumerate(colleagues):
        client = app.test_client()
        if n < 4:
            assert attempt(client, colleague.email, ip=office).status_code == 200  # one typo
        assert attempt(client, colleague.email, password=TEST_PASSWORD, ip=office).status_code == 302, \
            colleague.email


def test_successful_sign_ins_do_not_count(make, app):
    user = make.user(Role.PPK)
    for _ in range(12):
        client = app.test_client()
        assert attempt(client, user.email, password=TEST_PASSWORD).status_code == 302


def test_one_address_trying_many_accounts_is_limited(make, client):
    for n in range(8):
        assert attempt(client, f"tebak{n}@uji.example").status_code == 200
    assert attempt(client, "tebak99@uji.example").status_code == 429
    assert attempt(client, "tebak99@uji.example", ip="198.51.100.8").status_code == 200


def test_the_limit_message_is_english_for_english_visitors(make, client):
    client.set_cookie("bahasa", "en")
    for _ in range(3):
        attempt(client, "x@uji.example")
    assert "Too many attempts" in attempt(client, "x@uji.example").text


def test_invisible_characters_or_case_do_not_open_a_fresh_counter(make, client):
    user = make.user(Role.PPK, email="budi@uji.example")
    variants = ["budi@uji.example", "BUDI@uji.example", "budi@uji.example\u200b", " budi@uji.example\u200b\u200b"]
    for email in variants[:3]:
        assert attempt(client, email, ip="203.0.113.50").status_code == 200
    blocked = attempt(client, variants[3], password=TEST_PASSWORD, ip="203.0.113.50")
    assert blocked.status_code == 429
    assert user.email == "budi@uji.example"


# ---------------------------------------------------------------- atomic: parallel guesses

@pytest.fixture
def real_app_config(tmp_path, database_url):
    """The suite's database (PostgreSQL in its pass), or a SQLite file: an in-memory database
    has one connection, so the threads would take turns instead of racing."""
    url = f"sqlite:///{tmp_path / 'limits.sqlite'}" if dbconfig.engine_name() == "sqlite" else database_url
    return base_config(url, tmp_path) | {
        "SQLALCHEMY_ENGINE_OPTIONS": {"pool_size": 30, "max_overflow": 0, "pool_pre_ping": True},
        "LOGIN_LIMIT_PER_ACCOUNT_ADDRESS": "10 per 15 minutes"}


@pytest.fixture
def build():
    """`build(config)` -> an app on that config; its connections are closed after the test (the
    PostgreSQL server is shared: 30 idle connections per test would soon exhaust it)."""
    apps = []

    def _build(config):
        app = create_app(config)
        apps.append(app)
        database.empty(app)
        return app

    yield _build
    for app in apps:
        with app.app_context():
            db.session.remove()
            db.engine.dispose()


def fire_at_once(app, n: int, data: dict, path: str, ip: str) -> list[int]:
    start, statuses = threading.Barrier(n, timeout=30), []

    def post() -> None:
        client = app.test_client()
        start.wait()
        statuses.append(client.post(path, data=data, environ_base={"REMOTE_ADDR": ip}).status_code)

    threads = [threading.Thread(target=post) for _ in range(n)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    return statuses


@pytest.mark.parametrize("storage", ["memory", "redis"])
def test_thirty_parallel_wrong_passwords_check_at_most_the_limit(real_app_config, build, monkeypatch, storage):
    if storage == "redis" and not redis_available():
        pytest.fail("Redis is required for this test at " + REDIS_URL)
    config = real_app_config | {"RATELIMIT_STORAGE_URI": REDIS_URL if storage == "redis" else "memory://"}
    app = build(config)
    checked, lock = [], threading.Lock()
    real_verify = passwords.verify_password

    def slow_verify(password_hash, password):
        with lock:
            checked.append(password)
        time.sleep(0.05)  # a real scrypt takes this long: the window every racing request sees
        return real_verify(password_hash, password)

    monkeypatch.setattr(passwords, "verify_password", slow_verify)
    email = f"sasaran-{uuid.uuid4().hex[:10]}@uji.example"
    ip = f"198.18.{random.randrange(256)}.{random.randrange(256)}"
    try:
        statuses = fire_at_once(app, 30, {"email": email, "password": "tebakan-salah-1"}, "/masuk", ip)
    finally:
        if storage == "redis":
            forget(email), forget(ip)
    assert len(statuses) == 30
    assert 1 <= len(checked) <= 10, f"{len(checked)} of 30 passwords were checked against a limit of 10"
    assert statuses.count(200) == len(checked) and statuses.count(429) == 30 - len(checked), statuses


WORKER = """
import sys
from storefront import create_app
app = create_app({"SQLALCHEMY_DATABASE_URI": sys.argv[1], "RATELIMIT_STORAGE_URI": sys.argv[2],
                  "LOGIN_LIMIT_PER_ACCOUNT_ADDRESS": "3 per 15 minutes", "WTF_CSRF_ENABLED": False,
                  "TESTING": True})
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
    ip = f"198.18.{random.randrange(256)}.{random.randrange(256)}"
    config = app_config | {"RATELIMIT_STORAGE_URI": REDIS_URL,
                           "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'shared.sqlite'}"}
    worker = create_app(config)
    with worker.app_context():
        db.create_all()
    try:
        for _ in range(2):
            assert attempt(worker.test_client(), email, ip=ip).status_code == 200
        other = subprocess.run(
            [sys.executable, "-c", WORKER, config["SQLALCHEMY_DATABASE_URI"], REDIS_URL, email, ip],
            capture_output=True, text=True, timeout=60, cwd=PROJECT_ROOT)
        assert other.stdout.split() == ["200", "429"], other.stderr[-2000:]
    finally:
        forget(email), forget(ip)


@pytest.mark.parametrize("storage", ["memory", "redis"])
def test_thirty_parallel_invitation_guesses_look_up_at_most_the_limit(real_app_config, build, monkeypatch,
                                                                      storage):
    """The same rule on the other limited form: /daftar's 20 failed claims per address per hour."""
    if storage == "redis" and not redis_available():
        pytest.fail("Redis is required for this test at " + REDIS_URL)
    from storefront.sellers import services as sellers

    app = build(real_app_config | {"RATELIMIT_STORAGE_URI": REDIS_URL if storage == "redis" else "memory://"})
    looked_up, lock = [], threading.Lock()
    real_lookup = sellers.claimable_invitation

    def slow_lookup(code):
        with lock:
            looked_up.append(code)
        time.sleep(0.05)
        return real_lookup(code)

    monkeypatch.setattr(sellers, "claimable_invitation", slow_lookup)
    ip = f"198.18.{random.randrange(256)}.{random.randrange(256)}"
    data = {"code": "MDN-XXXX-0000", "name": "Penebak", "email": "tebak@uji.example",
            "password": "bolu gulung keju", "confirm": "bolu gulung keju"}
    try:
        statuses = fire_at_once(app, 30, data, "/daftar", ip)
    finally:
        if storage == "redis":
            forget(ip)
    assert 1 <= len(looked_up) <= 20, f"{len(looked_up)} of 30 codes were looked up against a limit of 20"
    assert statuses.count(200) == len(looked_up) and statuses.count(429) == 30 - len(looked_up), statuses
