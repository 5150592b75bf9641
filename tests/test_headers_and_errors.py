"""Security headers on every page, cookie flags, the production start-up check, and error pages
in the visitor's language without a stack trace (a "passive scan" in pytest)."""
from __future__ import annotations

import logging
import re
import secrets

import pytest
import sqlalchemy as sa
from flask import request

from storefront import create_app
from storefront.accounts.roles import Role
from storefront.config import DEV_SECRET_KEY, ConfigError
from storefront.extensions import db
from storefront.reference.models import Opd
from storefront.web.error_pages import CSRF_TEXT, ERROR_TEXT
from tests.app_setup import TEST_PASSWORD, sign_in
from tests.helpers.access_matrix import GET_CASES, GET_REDIRECTS, PRINCIPALS, principal_name

GOOD_SECRET = secrets.token_hex(32)
COOKIE = "etalase_session"


@pytest.fixture
def overrides() -> dict:
    """Config keys for this test's app; parametrize `overrides` to change them."""
    return {}


@pytest.fixture
def app_config(app_config, overrides):
    app_config.update(overrides)
    return app_config


# ---------------------------------------------------------------- headers

def policy(response) -> dict[str, list[str]]:
    directives = {}
    for part in response.headers.get("Content-Security-Policy", "").split(";"):
        words = part.split()
        if words:
            directives[words[0].lower()] = words[1:]
    return directives


def header_problems(response) -> list[str]:
    """HTML pages get the full policy; files (photos, documents) may carry a stricter one of their
    own (documents: `sandbox; default-src 'none'`), but never one that lets scripts in."""
    csp = policy(response)
    problems = []
    if not csp:
        return ["no Content-Security-Policy"]
    scripts = csp.get("script-src", csp.get("default-src", []))
    if "'unsafe-inline'" in scripts or "'unsafe-eval'" in scripts or "*" in scripts or not scripts:
        problems.append(f"script-src allows {scripts or 'anything'}")
    if response.mimetype == "text/html":
        for directive, value in {"default-src": ["'self'"], "frame-ancestors": ["'none'"],
                                 "object-src": ["'none'"], "base-uri": ["'none'"]}.items():
            if csp.get(directive) != value:
                problems.append(f"{directive} is {csp.get(directive)}, expected {value}")
    expected = {"X-Content-Type-Options": "nosniff", "X-Frame-Options": "DENY",
                "Referrer-Policy": "strict-origin-when-cross-origin"}
    for name, value in expected.items():
        if response.headers.get(name) != value:
            problems.append(f"{name} is {response.headers.get(name)!r}")
    if response.headers.get("Access-Control-Allow-Origin"):
        problems.append("CORS header on our pages")
    return problems


def page_problems(html: str) -> list[str]:
    """What the CSP would block, so the page would break: inline scripts, handlers, styles."""
    problems = []
    for tag in re.findall(r"<script\b[^>]*>", html):
        # A JSON-LD data block is never executed, so the CSP does not apply to it.
        if "src=" not in tag and 'type="application/ld+json"' not in tag:
            problems.append(f"inline script {tag}")
    if re.search(r"\son[a-z]+\s*=", html):
        problems.append("inline event handler")
    if re.search(r"<style\b|\sstyle\s*=", html):
        problems.append("inline style")
    for leak in ("Traceback", "Werkzeug"):
        if leak in html:
            problems.append(f"'{leak}' in the page")
    return problems


def check(response, label: str) -> list[str]:
    found = header_problems(response)
    if response.mimetype == "text/html":
        found += page_problems(response.text)
    return [f"{label}: {problem}" for problem in found]


def test_every_page_has_the_security_headers(world):  # noqa: F811 (the fixture)
    problems, answered = [], set()
    for principal in PRINCIPALS:
        client = world.clients[principal]
        for endpoint, args in GET_CASES:
            url = world.url(endpoint, args)
            response = client.get(url)
            problems += check(response, f"{principal_name(principal)} GET {url} ({response.status_code})")
            if response.status_code == 200:
                answered.add(endpoint)
            response.close()
        for url in ("/tidak-ada", "/admin/pengguna/999999"):
            response = client.get(url)
            problems += check(response, f"{principal_name(principal)} GET {url} ({response.status_code})")
    assert not problems, "\n".join(problems)
    # Every GET route was seen with its real content by someone (not only refusals and redirects).
    redirecting = {endpoint for endpoint, who in GET_REDIRECTS if who == "anyone"}
    assert {endpoint for endpoint, _ in GET_CASES} - redirecting <= answered


def test_pages_in_english_have_the_headers_too(client):
    client.set_cookie("bahasa", "en")
    for url in ("/", "/masuk", "/tidak-ada"):
        assert not check(client.get(url), url)


# ---------------------------------------------------------------- cookies

def set_cookie_header(response, name: str) -> list[str]:
    for header in response.headers.getlist("Set-Cookie"):
        if header.startswith(name + "="):
            return [part.strip().lower() for part in header.split(";")]
    raise AssertionError(f"no {name} cookie set")


def test_session_cookie_is_httponly_and_lax(make, client):
    user = make.user(Role.PPK)
    response = sign_in(client, user.email)
    assert response.status_code == 302
    flags = set_cookie_header(response, COOKIE)
    assert "httponly" in flags
    assert "samesite=lax" in flags
    assert "secure" not in flags  # development runs on plain http
    language = set_cookie_header(client.get("/bahasa/en"), "bahasa")
    assert "httponly" in language and "samesite=lax" in language


@pytest.mark.parametrize("overrides", [{"ETALASE_ENV": "production", "SECRET_KEY": GOOD_SECRET}])
def test_production_cookie_is_secure_and_hsts_is_set(app, make, client):
    assert app.debug is False
    user = make.user(Role.PPK)
    response = sign_in(client, user.email)
    assert response.status_code == 302
    flags = set_cookie_header(response, COOKIE)
    assert {"secure", "httponly", "samesite=lax"} <= set(flags)
    language = set_cookie_header(client.get("/bahasa/en"), "bahasa")
    assert "secure" in language
    for url in ("/", "/masuk", "/tidak-ada"):
        hsts = client.get(url).headers.get("Strict-Transport-Security", "")
        max_age = re.search(r"max-age=(\d+)", hsts)
        assert max_age and int(max_age[1]) >= 31_536_000, (url, hsts)


def test_development_sends_no_hsts(client):
    assert "Strict-Transport-Security" not in client.get("/").headers


@pytest.mark.parametrize("secret", [DEV_SECRET_KEY, "", None, "x" * 31],
                         ids=["dev-default", "empty", "none", "31-chars"])
def test_production_refuses_a_weak_secret(app_config, secret):
    with pytest.raises(ConfigError, match="SECRET_KEY"):
        create_app(app_config | {"ETALASE_ENV": "production", "SECRET_KEY": secret})


def test_production_from_the_environment_refuses_a_missing_secret(app_config, monkeypatch):
    monkeypatch.setenv("ETALASE_ENV", "production")
    monkeypatch.delenv("SECRET_KEY", raising=False)
    config = {k: v for k, v in app_config.items() if k not in ("ETALASE_ENV", "SECRET_KEY")}
    with pytest.raises(ConfigError, match="SECRET_KEY"):
        create_app(config)
    monkeypatch.setenv("SECRET_KEY", GOOD_SECRET)
    app = create_app(config)
    assert app.config["SESSION_COOKIE_SECURE"] is True


def test_unknown_environment_refuses_to_start(app_config):
    with pytest.raises(ConfigError):
        create_app(app_config | {"ETALASE_ENV": "prod"})


# ---------------------------------------------------------------- error pages

def in_english(app, text) -> str:
    with app.test_request_context(headers={"Cookie": "bahasa=en"}):
        return str(text)


def in_indonesian(app, text) -> str:
    with app.test_request_context():
        return str(text)


def assert_error_page(app, response, code: int, language: str, text=None) -> None:
    title, message = text or ERROR_TEXT[code]
    title_id, message_id = in_indonesian(app, title), in_indonesian(app, message)
    assert response.status_code == code
    assert response.mimetype == "text/html"
    body = response.get_data(as_text=True)
    assert f'<html lang="{language}">' in body
    assert str(code) in body
    if language == "id":
        assert title_id in body and message_id in body
    else:
        title_en, message_en = in_english(app, title), in_english(app, message)
        assert title_en != title_id and message_en != message_id, "not translated to English"
        assert title_en in body and message_en in body
        assert title_id not in body
    assert "Traceback" not in body and "Werkzeug" not in body
    assert not header_problems(response)


LANGUAGES = ["id", "en"]


def visitor(app, language: str):
    client = app.test_client()
    if language == "en":
        client.set_cookie("bahasa", "en")
    return client


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("overrides", [{"WTF_CSRF_ENABLED": True}])
def test_400_csrf(app, language):
    response = visitor(app, language).post("/masuk", data={"email": "a@uji.example", "password": "x"})
    assert_error_page(app, response, 400, language, CSRF_TEXT)


@pytest.mark.parametrize("language", LANGUAGES)
def test_403(app, make, login, language):
    client = login(make.user(Role.PEMESAN))
    if language == "en":
        client.set_cookie("bahasa", "en")
    assert_error_page(app, client.get("/admin/pengguna"), 403, language)


@pytest.mark.parametrize("language", LANGUAGES)
def test_404(app, language):
    assert_error_page(app, visitor(app, language).get("/tidak-ada/sama-sekali"), 404, language)


@pytest.mark.parametrize("language", LANGUAGES)
def test_405(app, language):
    response = visitor(app, language).get("/keluar")
    assert_error_page(app, response, 405, language)
    assert "POST" in response.headers["Allow"]


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("overrides", [{"MAX_CONTENT_LENGTH": 2048}])
def test_413(app, make, login, language):
    make.reference()
    client = login(make.user(Role.ADMIN))
    if language == "en":
        client.set_cookie("bahasa", "en")
    with app.app_context():
        before = db.session.scalar(sa.select(sa.func.count()).select_from(Opd))
    big = "x" * 4096
    for url, data in [("/masuk", {"email": "a@uji.example", "password": big}),
                      ("/admin/referensi/opd/baru", {"name": big[:150], "kind": "dinas", "short_name": big})]:
        assert_error_page(app, client.post(url, data=data), 413, language)
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Opd)) == before
    assert client.get("/dasbor").status_code == 200  # the failed post did not sign anyone out


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("overrides", [{"LOGIN_LIMIT_PER_ACCOUNT_ADDRESS": "2 per 15 minutes"}])
def test_429(app, make, language):
    user = make.user(Role.PPK)
    client = visitor(app, language)
    for _ in range(2):
        assert client.post("/masuk", data={"email": user.email, "password": "salah-salah-salah"}).status_code == 200
    response = client.post("/masuk", data={"email": user.email, "password": "salah-salah-salah"})
    assert_error_page(app, response, 429, language)
    assert int(response.headers["Retry-After"]) > 0
    # From this address even the right password waits until the window has passed (or an unlock).
    assert client.post("/masuk", data={"email": user.email, "password": TEST_PASSWORD}).status_code == 429


BROKEN_ROW = "Baris yang harus dibatalkan"
SECRET_DETAIL = "tabel_rahasia_yang_tidak_ada"


@pytest.fixture
def breaking_app(app, make):
    """The test app with a route that writes a row and then fails, plus an observer that records
    what the database session holds when the error response goes out."""
    city_id = make.city().id
    seen = {}

    def breaks():
        db.session.add(Opd(city_id=city_id, name=BROKEN_ROW))
        db.session.flush()
        db.session.execute(sa.text(f"SELECT * FROM {SECRET_DETAIL}"))  # fails; on PostgreSQL it aborts
        return "tidak pernah sampai"

    app.add_url_rule("/uji/rusak", "uji_rusak", breaks)

    @app.after_request
    def observe(response):
        if request.path == "/uji/rusak":
            try:
                seen["row"] = db.session.scalar(sa.select(Opd.id).where(Opd.name == BROKEN_ROW))
            except Exception as error:  # a transaction left aborted is what we look for
                seen["error"] = repr(error)
        return response

    app.seen = seen
    return app


@pytest.mark.parametrize("language", LANGUAGES)
def test_500(breaking_app, make, login, caplog, language):
    app = breaking_app
    client = login(make.user(Role.VERIFIER))
    if language == "en":
        client.set_cookie("bahasa", "en")
    with caplog.at_level(logging.ERROR):
        response = client.get("/uji/rusak")
    assert_error_page(app, response, 500, language)
    body = response.get_data(as_text=True)
    for leak in (SECRET_DETAIL, "SELECT", "OperationalError", "ProgrammingError", "sqlalchemy", "tidak pernah"):
        assert leak not in body
    # Rolled back before the response was made: the row is gone and the session works.
    assert app.seen == {"row": None}
    with app.app_context():
        assert db.session.scalar(sa.select(Opd.id).where(Opd.name == BROKEN_ROW)) is None
    # The details went to the log instead.
    assert any(record.exc_info and "/uji/rusak" in record.getMessage() for record in caplog.records)
    assert client.get("/dasbor").status_code == 200
