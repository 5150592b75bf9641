"""An admin (any account) or a verifier (a seller's owner) unlocks sign-in, with an event recorded
(issue 10, point 12). Who may press the button is checked for anonymous visitors and every role."""
from __future__ import annotations

import random
import uuid

import pytest
import sqlalchemy as sa

from storefront.accounts.models import AccountEvent
from storefront.accounts.roles import Role
from storefront.extensions import db
from storefront.sellers.workflow import SellerStatus
from tests.app_setup import TEST_PASSWORD
from tests.helpers.redis_store import REDIS_URL, forget, redis_available

OFFICE = "203.0.113.77"


@pytest.fixture(params=["memory", "redis"])
def storage(request):
    if request.param == "redis" and not redis_available():
        pytest.fail("Redis is required for this test at " + REDIS_URL)
    return request.param


@pytest.fixture
def app_config(app_config, storage):
    return app_config | {"LOGIN_LIMIT_PER_ACCOUNT_ADDRESS": "3 per 15 minutes",
                         "RATELIMIT_STORAGE_URI": REDIS_URL if storage == "redis" else "memory://"}


@pytest.fixture
def address():
    """A fresh address per test: Redis outlives the run."""
    ip = f"198.18.{random.randrange(256)}.{random.randrange(256)}"
    yield ip
    forget(ip)


def attempt(app, email, password="salah-kata-sandi", ip=OFFICE):
    return app.test_client().post("/masuk", data={"email": email, "password": password},
                                  environ_base={"REMOTE_ADDR": ip})


def locked_user(app, make, role=Role.PPK, address=OFFICE):
    user = make.user(role, email=f"terkunci-{uuid.uuid4().hex[:10]}@uji.example")
    for _ in range(4):
        attempt(app, user.email, ip=address)
    assert attempt(app, user.email, password=TEST_PASSWORD, ip=address).status_code == 429
    return user


def events(app, user_id):
    with app.app_context():
        return [(e.action, e.actor_id) for e in db.session.scalars(
            sa.select(AccountEvent).where(AccountEvent.user_id == user_id).order_by(AccountEvent.id))]


def test_an_admin_unlocks_any_account(app, make, login, address):
    user = locked_user(app, make, address=address)
    admin = make.user(Role.ADMIN)
    page = login(admin).get(f"/admin/pengguna/{user.id}").text
    assert f'action="/admin/pengguna/{user.id}/buka-kunci"' in page
    response = login(admin).post(f"/admin/pengguna/{user.id}/buka-kunci")
    assert response.status_code == 302
    assert events(app, user.id) == [("unlock_sign_in", admin.id)]
    assert attempt(app, user.email, password=TEST_PASSWORD, ip=address).status_code == 302
    forget(user.email)


def test_a_verifier_unlocks_the_owner_of_a_business(app, make, login, address):
    owner = locked_user(app, make, role=Role.SELLER, address=address)
    seller = make.seller(SellerStatus.SUBMITTED, owner=owner)
    verifier = make.user(Role.VERIFIER)
    page = login(verifier).get(f"/dinas/verifikasi/penjual/{seller.id}").text
    assert f'action="/dinas/verifikasi/penjual/{seller.id}/buka-kunci"' in page
    assert login(verifier).post(f"/dinas/verifikasi/penjual/{seller.id}/buka-kunci").status_code == 302
    assert events(app, owner.id) == [("unlock_sign_in", verifier.id)]
    assert attempt(app, owner.email, password=TEST_PASSWORD, ip=address).status_code == 302
    forget(owner.email)


def test_unlocking_is_for_the_admin_and_the_verifier_only(app, make, login, address):
    user = locked_user(app, make, address=address)
    owner = locked_user(app, make, role=Role.SELLER, address=address)
    seller = make.seller(SellerStatus.VERIFIED, owner=owner)
    invited = make.seller(SellerStatus.INVITED)  # no owner yet: nothing to unlock
    admin_url = f"/admin/pengguna/{user.id}/buka-kunci"
    verifier_url = f"/dinas/verifikasi/penjual/{seller.id}/buka-kunci"
    anonymous = app.test_client()
    for url in (admin_url, verifier_url):
        response = anonymous.post(url)
        assert response.status_code == 302 and response.headers["Location"].startswith("/masuk?next=")
    for role in Role:
        client = login(make.user(role))
        assert client.post(admin_url).status_code == (302 if role is Role.ADMIN else 403), role
        if role is not Role.VERIFIER:
            assert client.post(verifier_url).status_code == 403, role
        if role is Role.ADMIN:
            assert client.post("/admin/pengguna/999999/buka-kunci").status_code == 404
        if role is Role.VERIFIER:
            assert client.post("/dinas/verifikasi/penjual/999999/buka-kunci").status_code == 404
            assert client.post(f"/dinas/verifikasi/penjual/{invited.id}/buka-kunci").status_code == 404
    assert [actor for _, actor in events(app, user.id)] and not events(app, owner.id)
    assert attempt(app, owner.email, password=TEST_PASSWORD, ip=address).status_code == 429
    forget(user.email), forget(owner.email)


def test_the_auditor_sees_no_unlock_button(app, make, login):
    owner = make.user(Role.SELLER)
    seller = make.seller(SellerStatus.SUBMITTED, owner=owner)
    page = login(make.user(Role.AUDITOR)).get(f"/dinas/verifikasi/penjual/{seller.id}").text
    assert "buka-kunci" not in page
