"""The host comes from configuration (issue 10, point 8).

Absolute addresses (sitemap, robots.txt, canonical, OpenGraph, JSON-LD, emails, QR codes) are
built from ETALASE_BASE_URL, never from the request's Host or X-Forwarded-Host. The app here sits
behind one trusted proxy (ETALASE_PROXY_COUNT=1), as in production, so a forwarded host would be
believed if the app listened to it. Every GET route is opened by everyone with forged headers; the
forged names must appear nowhere, and the next ordinary visitor must not get a poisoned cached
page. Every POST route is sent the same way, catching every email the app writes. In production
an unknown Host is refused (TRUSTED_HOSTS).
"""
from __future__ import annotations

import pytest

from storefront import create_app
from storefront.config import ConfigError, from_environment
from tests.app_setup import base_config
from tests.helpers.access_matrix import POST_CASES, allowed, post_data, principal_name
from tests.helpers.crawl import PRINCIPALS, case_id, get_cases

BASE = "https://etalase.example"
FORGED = {"Host": "forged-host.invalid", "X-Forwarded-Host": "forged-forwarded.invalid",
          "X-Forwarded-Proto": "https", "X-Forwarded-For": "203.0.113.9"}
MARK = "forged-"


@pytest.fixture
def app_config(app_config):
    return app_config | {"BASE_URL": BASE, "PROXY_COUNT": 1}


def forged(app, client, method: str, url: str, **kwargs):
    """`client`'s request with forged host headers, still carrying its session cookie (the test
    client's own cookie jar would hold it back from a host it was not set for)."""
    cookie = client.get_cookie(app.config["SESSION_COOKIE_NAME"])
    headers = FORGED | ({"Cookie": f"{cookie.key}={cookie.value}"} if cookie else {})
    return app.test_client(use_cookies=False).open(url, method=method, headers=headers, **kwargs)


def _leaks(response) -> list[str]:
    found = [f"header {name}: {value}" for name, value in response.headers.items() if MARK in value.lower()]
    if response.direct_passthrough:  # a file (a photo, a stored document): not built from the request
        return found
    body = response.get_data()
    if MARK.encode() in body.lower():
        at = body.lower().index(MARK.encode())
        found.append(f"body: …{body[max(0, at - 80):at + 40].decode('utf-8', 'replace')}…")
    return found


@pytest.mark.parametrize("case", get_cases(), ids=case_id)
def test_a_forged_host_appears_nowhere_and_poisons_no_cache(busy, case):
    endpoint, args = case
    url = busy.url(endpoint, args)
    problems = []
    for principal in PRINCIPALS:
        response = forged(busy.app, busy.clients[principal], "GET", url)
        if principal is not None and response.status_code == 302 and "/masuk" in response.headers["Location"]:
            problems.append(f"{principal_name(principal)}: not signed in with the forged host")
        problems += [f"{principal_name(principal)}: {leak}" for leak in _leaks(response)]
        response.close()
    # The next ordinary visitor (a new client, so the page cache would answer) sees no forged name.
    honest = busy.app.test_client().get(url)
    problems += [f"next visitor: {leak}" for leak in _leaks(honest)]
    honest.close()
    assert not problems, f"GET {url}:\n" + "\n".join(problems)


def test_absolute_addresses_use_the_configured_base(busy):
    """The forged-host test must be able to fail: these pages do carry absolute addresses."""
    client = busy.app.test_client()
    product = client.get(busy.url("catalog.product", {"product_id": "<public_product>",
                                                      "slug": "<public_product_slug>"}), headers=FORGED).text
    assert f'<link rel="canonical" href="{BASE}/produk/' in product
    assert f'<meta property="og:url" content="{BASE}/produk/' in product
    assert f'"url": "{BASE}/produk/' in product or f'"url":"{BASE}/produk/' in product
    assert f"Sitemap: {BASE}/sitemap.xml" in client.get("/robots.txt", headers=FORGED).text
    assert f"<loc>{BASE}/" in client.get("/sitemap.xml", headers=FORGED).text


@pytest.mark.parametrize("case", POST_CASES, ids=lambda case: case.id)
def test_no_email_or_answer_of_a_post_carries_a_forged_host(app, world, sent_mail, case):
    permitted = [None] if allowed(case.endpoint, None) else [p for p in PRINCIPALS if allowed(case.endpoint, p)]
    problems = []
    for principal in permitted:
        url = world.url(case.endpoint, case.args_for(principal) if case.args_for else case.args)
        response = forged(app, world.clients[principal], "POST", url, data=post_data(world, case, principal, url))
        problems += [f"{principal_name(principal)}: {leak}" for leak in _leaks(response)]
    for message in sent_mail:
        if MARK in f"{message.subject}\n{message.body}".lower():
            problems.append(f"email to {message.to}: {message.body}")
        elif "://" in message.body and BASE not in message.body:
            problems.append(f"email to {message.to} links elsewhere than {BASE}: {message.body}")
    assert not problems, "\n".join(problems)


def test_the_steps_do_send_emails_with_links_to_the_base(app, world, sent_mail):
    """The email check above must be able to fail: the PPK's approval emails the seller a link."""
    case = next(case for case in POST_CASES if case.endpoint == "procurement.step")
    from storefront.accounts.roles import Role
    url = world.url(case.endpoint, case.args_for(Role.PPK))
    response = forged(app, world.clients[Role.PPK], "POST", url, data=post_data(world, case, Role.PPK, url))
    assert response.status_code == 302 and response.headers["Location"] == url.rsplit("/", 1)[0]
    assert sent_mail and all(f"{BASE}/permintaan/" in message.body for message in sent_mail)


# ---------------------------------------------------------------- production refuses unknown hosts

@pytest.fixture
def production(database_url, tmp_path):
    def build(**overrides):
        config = base_config(database_url, tmp_path) | {
            "ETALASE_ENV": "production", "SECRET_KEY": "p" * 40, "BASE_URL": BASE} | overrides
        return create_app(config)
    return build


def test_production_answers_400_to_an_unknown_host(production):
    app = production()
    client = app.test_client()
    for headers in ({"Host": "forged-host.invalid"}, {"Host": "etalase.example.forged-host.invalid"},
                    {"Host": "localhost"}):
        response = client.get("/masuk", headers=headers)
        assert response.status_code == 400, headers
        assert MARK not in response.text
        assert "Permintaan tidak dapat diproses" in response.text  # our own error page
    assert client.get("/masuk", headers={"Host": "etalase.example"}).status_code == 200
    # The proxy's forwarded host is not believed, so it cannot smuggle a host past the check.
    forwarded = production(PROXY_COUNT=1).test_client()
    assert forwarded.get("/masuk", headers={"Host": "etalase.example",
                                            "X-Forwarded-Host": "forged-forwarded.invalid"}).status_code == 200


def test_trusted_hosts_come_from_the_environment(tmp_path):
    env = {"ETALASE_ENV": "production", "ETALASE_BASE_URL": "https://etalase.pemkomedan.go.id/katalog"}
    assert from_environment(env, str(tmp_path))["TRUSTED_HOSTS"] == ["etalase.pemkomedan.go.id"]
    env["ETALASE_TRUSTED_HOSTS"] = "etalase.pemkomedan.go.id, .pemkomedan.go.id"
    assert from_environment(env, str(tmp_path))["TRUSTED_HOSTS"] == ["etalase.pemkomedan.go.id", ".pemkomedan.go.id"]
    # Development serves any name (127.0.0.1, localhost, a LAN address) unless told otherwise.
    assert from_environment({}, str(tmp_path))["TRUSTED_HOSTS"] is None


@pytest.mark.parametrize("base", ["", "etalase.example", "ftp://etalase.example", "https://"])
def test_production_needs_a_proper_base_url(production, base):
    with pytest.raises(ConfigError, match="ETALASE_BASE_URL"):
        production(BASE_URL=base)
