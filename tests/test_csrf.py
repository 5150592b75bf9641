"""CSRF: every POST route refuses a request without a valid token (400, nothing changed).

The POST routes and a valid submission for each come from the access matrix
(tests/helpers/access_matrix.py), so a new POST route is covered here as soon as it is there.
"""
from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest

from storefront.accounts.roles import Role
from storefront.extensions import csrf
from tests.app_setup import TEST_PASSWORD
from tests.helpers.access_matrix import (
    ACCESS,
    POST_CASES,
    PUBLIC,
    World,
    allowed,
    build_world,
    changed_tables,
    open_world,
    post_data,
    rules,
    seed_of,
    snapshot,
)

CSRF_TITLE = "Sesi formulir kedaluwarsa"


@pytest.fixture
def app_config(app_config):
    app_config["WTF_CSRF_ENABLED"] = True
    return app_config


def token_from(html: str) -> str:
    match = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html)
    assert match, "no CSRF token in the page"
    return match[1]


def sign_in_with_token(app, user):
    """A client signed in through the real form, token and all."""
    client = app.test_client()
    token = token_from(client.get("/masuk").text)
    response = client.post("/masuk", data={"email": user.email, "password": TEST_PASSWORD, "csrf_token": token})
    assert response.status_code == 302, "sign-in with the form's token failed"
    return client


@pytest.fixture
def world(app, seeded) -> World:
    """The access matrix's world, its users signed in with the login form's token."""
    return open_world(app, seeded("access-matrix-csrf", lambda app, make, login: seed_of(
        build_world(app, make, lambda user: sign_in_with_token(app, user)))))


def assert_csrf_page(response) -> None:
    assert response.status_code == 400
    assert '<html lang="id">' in response.text
    assert CSRF_TITLE in response.text
    assert "Traceback" not in response.text and "Werkzeug" not in response.text


def acting_principal(endpoint: str):
    """Who could do this if the token were there: a visitor for sign-in, else an allowed role."""
    if ACCESS[endpoint] == PUBLIC:
        return None
    return Role.ADMIN if allowed(endpoint, Role.ADMIN) else next(r for r in Role if allowed(endpoint, r))


def test_no_route_is_exempt(app):
    """Every POST route is protected: nothing is exempted from CSRFProtect."""
    assert not csrf._exempt_views and not csrf._exempt_blueprints


def test_every_post_route_has_a_case(app):
    assert {rule.endpoint for rule in rules(app) if "POST" in rule.methods} == {c.endpoint for c in POST_CASES}


@pytest.mark.parametrize("case", POST_CASES, ids=lambda case: case.id)
def test_post_without_a_valid_token_is_refused(world, case):
    principal = acting_principal(case.endpoint)
    url = world.url(case.endpoint, case.args_for(principal) if case.args_for else case.args)
    client = world.clients[principal]
    own_token = token_from(client.get("/masuk" if principal is None else "/dasbor").text)
    other_session = world.clients[Role.AUDITOR if principal is not Role.AUDITOR else Role.SELLER]
    foreign_token = token_from(other_session.get("/dasbor").text)
    assert foreign_token != own_token

    attempts = {  # a fresh submission each time (uploads are read once)
        "no token": {},
        "empty token": {"csrf_token": ""},
        "made-up token": {"csrf_token": "IjEyMyI.aGVsbG8.d29ybGQ"},
        "another session's token": {"csrf_token": foreign_token},
        "token in a JSON body": None,
    }
    for label, token in attempts.items():
        data = post_data(world, case, principal, url)  # (may itself take a set-up step, with its own token)
        before = snapshot(world.app)
        if token is None:
            response = client.post(url, data=f'{{"csrf_token": "{own_token}"}}', content_type="text/plain")
        else:
            response = client.post(url, data=data | token)
        assert_csrf_page(response)
        assert not changed_tables(before, snapshot(world.app)), label
        assert not case.done(world, principal), label
    # Visitors are refused for the token before anything else (not sent to the login page).
    if principal is not None:
        data = post_data(world, case, principal, url)
        before = snapshot(world.app)
        assert_csrf_page(world.clients[None].post(url, data=data))
        assert snapshot(world.app) == before

    # The same request with the token of a page this session rendered goes through.
    response = client.post(url, data=post_data(world, case, principal, url) | {"csrf_token": own_token})
    assert response.status_code == case.success_status
    assert case.done(world, principal)


def test_login_works_with_the_token_from_the_login_form(make, client):
    user = make.user(Role.PPK)
    page = client.get("/masuk")
    assert page.status_code == 200
    without = client.post("/masuk", data={"email": user.email, "password": TEST_PASSWORD})
    assert_csrf_page(without)
    assert client.get("/dasbor").status_code == 302  # still not signed in
    response = client.post("/masuk", data={"email": user.email, "password": TEST_PASSWORD,
                                           "csrf_token": token_from(page.text)})
    assert response.status_code == 302
    assert urlsplit(response.headers["Location"]).path == "/dasbor"
    assert client.get("/dasbor").status_code == 200


def test_the_token_of_the_pre_login_session_does_not_survive_sign_in(make, client):
    """Sign-in starts a new session; a token rendered before it is no longer valid afterwards."""
    user = make.user(Role.PPK)
    old_token = token_from(client.get("/masuk").text)
    sign_in = client.post("/masuk", data={"email": user.email, "password": TEST_PASSWORD, "csrf_token": old_token})
    assert sign_in.status_code == 302
    assert_csrf_page(client.post("/keluar", data={"csrf_token": old_token}))
    assert client.get("/dasbor").status_code == 200  # still signed in
    new_token = token_from(client.get("/dasbor").text)
    assert client.post("/keluar", data={"csrf_token": new_token}).status_code == 302
    assert client.get("/dasbor").status_code == 302


def test_csrf_page_in_english(client):
    client.set_cookie("bahasa", "en")
    response = client.post("/masuk", data={"email": "a@uji.example", "password": "x"})
    assert response.status_code == 400
    assert '<html lang="en">' in response.text
    assert CSRF_TITLE not in response.text
