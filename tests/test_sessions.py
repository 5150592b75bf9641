"""Sign-in sessions: fixation, logout, password change, disabling, lifetime, `next`."""
from __future__ import annotations

from datetime import timedelta

import pytest
import sqlalchemy as sa

from storefront.accounts.models import AuthSession, User
from storefront.accounts.roles import Role
from storefront.extensions import db
from tests.app_setup import TEST_PASSWORD, sign_in

COOKIE = "etalase_session"


def session_cookie(client) -> str | None:
    cookie = client.get_cookie(COOKIE)
    return cookie.value if cookie else None


def copy_of(app, cookie_value: str):
    """A second client holding a stolen copy of the session cookie."""
    thief = app.test_client()
    thief.set_cookie(COOKIE, cookie_value)
    return thief


def test_login_starts_a_new_session_and_records_it(app, make, client):
    user = make.user(Role.PPK)
    client.get("/masuk")
    client.set_cookie(COOKIE, "pre-login-value")
    response = sign_in(client, user.email)
    assert response.status_code == 302
    assert session_cookie(client) not in (None, "pre-login-value")
    with app.app_context():
        row = db.session.scalar(sa.select(AuthSession).where(AuthSession.user_id == user.id))
        assert row is not None and row.ended_at is None
        assert len(row.token_hash) == 64  # only the SHA-256 is kept, never the token


def test_wrong_password_and_unknown_email_give_the_same_answer(make, client):
    user = make.user(Role.PPK)
    wrong = sign_in(client, user.email, "bukan-kata-sandinya")
    unknown = sign_in(client, "tidak.ada@uji.example", "bukan-kata-sandinya")
    assert wrong.status_code == unknown.status_code == 200
    message = "Email atau kata sandi salah, atau akun tidak aktif."
    assert message in wrong.text and message in unknown.text


def test_email_is_case_insensitive(make, client):
    user = make.user(Role.PPK, email="budi@uji.example")
    assert sign_in(client, "  Budi@UJI.example ").status_code == 302
    assert client.get("/dasbor").status_code == 200
    assert user.email == "budi@uji.example"


def test_logout_is_post_only(login, make):
    client = login(make.user(Role.PPK))
    assert client.get("/keluar").status_code == 405
    assert client.get("/dasbor").status_code == 200


def test_copied_cookie_stops_working_after_logout(app, login, make):
    client = login(make.user(Role.PEMESAN))
    stolen = copy_of(app, session_cookie(client))
    assert stolen.get("/dasbor").status_code == 200
    response = client.post("/keluar")
    assert response.status_code == 302
    assert client.get("/dasbor").status_code == 302
    replay = stolen.get("/dasbor")
    assert replay.status_code == 302 and "/masuk" in replay.headers["Location"]


def test_password_change_ends_other_sessions_and_keeps_this_one(app, login, make):
    user = make.user(Role.BENDAHARA)
    laptop = login(user)
    phone = login(user)
    stolen = copy_of(app, session_cookie(laptop))
    response = laptop.post("/akun/kata-sandi", data={
        "current_password": TEST_PASSWORD, "new_password": "pisang goreng hangat sore",
        "confirm_password": "pisang goreng hangat sore"})
    assert response.status_code == 302
    assert laptop.get("/dasbor").status_code == 200
    assert phone.get("/dasbor").status_code == 302
    assert stolen.get("/dasbor").status_code == 302
    fresh = app.test_client()
    assert sign_in(fresh, user.email, "pisang goreng hangat sore").status_code == 302
    assert sign_in(app.test_client(), user.email, TEST_PASSWORD).status_code == 200


@pytest.mark.parametrize("new, message", [
    ("pendek", "Kata sandi minimal 10 karakter."),
    ("1234567890", "Kata sandi ini terlalu mudah ditebak."),
    ("aaaaaaaaaaaa", "Kata sandi ini terlalu mudah ditebak."),
    ("x" * 129, "Isian maksimal 128 karakter."),
])
def test_weak_new_password_is_refused_and_nothing_changes(app, login, make, new, message):
    user = make.user(Role.PPK)
    client = login(user)
    response = client.post("/akun/kata-sandi", data={
        "current_password": TEST_PASSWORD, "new_password": new, "confirm_password": new})
    assert response.status_code == 200
    assert message in response.text
    assert sign_in(app.test_client(), user.email, TEST_PASSWORD).status_code == 302


def test_wrong_current_password_is_refused(app, login, make):
    user = make.user(Role.PPK)
    client = login(user)
    response = client.post("/akun/kata-sandi", data={
        "current_password": "salah-sekali-123", "new_password": "pisang goreng hangat sore",
        "confirm_password": "pisang goreng hangat sore"})
    assert "Kata sandi sekarang salah." in response.text
    assert client.get("/dasbor").status_code == 200  # still signed in, nothing changed
    assert sign_in(app.test_client(), user.email, TEST_PASSWORD).status_code == 302


def test_long_passphrase_with_emoji_is_kept_whole(app, login, make):
    user = make.user(Role.PPK)
    client = login(user)
    phrase = "durian 🍈 " * 12 + "medan"
    client.post("/akun/kata-sandi", data={
        "current_password": TEST_PASSWORD, "new_password": phrase, "confirm_password": phrase})
    assert sign_in(app.test_client(), user.email, phrase).status_code == 302
    assert sign_in(app.test_client(), user.email, phrase[:-1]).status_code == 200


def test_disabling_a_user_ends_their_sessions_at_once(app, login, make):
    admin = make.user(Role.ADMIN)
    seller = make.user(Role.SELLER)
    seller_client = login(seller)
    assert seller_client.get("/dasbor").status_code == 200
    response = login(admin).post(f"/admin/pengguna/{seller.id}/status", data={"active": "0"})
    assert response.status_code == 302
    assert seller_client.get("/dasbor").status_code == 302
    assert sign_in(app.test_client(), seller.email).status_code == 200


def test_session_ends_after_twelve_hours(app, login, make):
    assert app.config["PERMANENT_SESSION_LIFETIME"] <= timedelta(hours=12)
    client = login(make.user(Role.VERIFIER))
    with app.app_context():
        db.session.execute(sa.update(AuthSession).values(
            created_at=AuthSession.created_at - timedelta(hours=12, minutes=1)))
        db.session.commit()
    assert client.get("/dasbor").status_code == 302


def test_session_cookie_flags(make, client):
    user = make.user(Role.PPK)
    response = sign_in(client, user.email)
    header = next(v for v in response.headers.getlist("Set-Cookie") if v.startswith(COOKIE))
    assert "HttpOnly" in header and "SameSite=Lax" in header
    assert "Expires=" in header  # permanent session, bounded by PERMANENT_SESSION_LIFETIME


@pytest.mark.parametrize("target, expected", [
    ("/admin/pengguna", "/admin/pengguna"),
    ("https://evil.example/", "/dasbor"),
    ("//evil.example/", "/dasbor"),
    ("/\\evil.example", "/dasbor"),
    ("javascript:alert(1)", "/dasbor"),
    ("/%09/evil.example", "/%09/evil.example"),
])
def test_next_only_redirects_within_the_site(make, client, target, expected):
    user = make.user(Role.ADMIN)
    response = client.post("/masuk", query_string={"next": target},
                           data={"email": user.email, "password": TEST_PASSWORD})
    assert response.status_code == 302
    assert response.headers["Location"] == expected


def test_generated_password_must_be_changed_first(app, make):
    admin_client = app.test_client()
    admin = make.user(Role.ADMIN)
    sign_in(admin_client, admin.email)
    opd = make.opd()
    response = admin_client.post("/admin/pengguna/baru", data={
        "email": "staf.baru@uji.example", "name": "Staf Baru", "role": "pemesan", "opd_id": str(opd.id)})
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "private, no-store"
    password = response.text.split('data-testid="temporary-password">')[1].split("<")[0]
    assert password not in repr(admin_client.get_cookie("etalase_session").value)
    newcomer = app.test_client()
    response = sign_in(newcomer, "staf.baru@uji.example", password)
    assert response.headers["Location"] == "/akun/kata-sandi"
    blocked = newcomer.get("/dasbor")
    assert blocked.status_code == 302 and blocked.headers["Location"] == "/akun/kata-sandi"
    newcomer.post("/akun/kata-sandi", data={
        "current_password": password, "new_password": "kopi sidikalang pagi hari",
        "confirm_password": "kopi sidikalang pagi hari"})
    assert newcomer.get("/dasbor").status_code == 200
    with app.app_context():
        assert db.session.scalar(sa.select(User.must_change_password).where(
            User.email == "staf.baru@uji.example")) is False


def test_a_business_owner_keeps_the_seller_role(app, make, login):
    from storefront.sellers.workflow import SellerStatus

    owner = make.user(Role.SELLER)
    make.seller(SellerStatus.VERIFIED, owner=owner)
    admin = login(make.user(Role.ADMIN))
    response = admin.post(f"/admin/pengguna/{owner.id}", data={"name": "Pemilik", "role": "verifier", "opd_id": ""})
    assert response.status_code == 200 and "pemilik usaha binaan" in response.text
    with app.app_context():
        assert db.session.get(User, owner.id).role is Role.SELLER
