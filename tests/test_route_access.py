"""Who may use which URL: every endpoint, checked for every role on every route.

The table itself, ACCESS, and the cases (GET_CASES, POST_CASES) live in tests/helpers/access_matrix.py,
which the other class tests share. A new route fails `test_every_endpoint_is_in_the_access_table`
until it is added there, and then every matrix test below covers it (GET pages for visitors and all
seven roles; POST actions with a database check that a refused request changed nothing and an
allowed one did what it should).
"""
from __future__ import annotations

import re
from html import unescape
from urllib.parse import urlsplit

import pytest
from werkzeug.exceptions import HTTPException

from storefront.accounts.roles import Role
from storefront.admin.reference_views import KINDS
from storefront.sellers.workflow import SellerStatus
from tests.helpers.access_matrix import (
    ACCESS,
    DISPUTED,
    GET_CASES,
    GET_REDIRECTS,
    IMAGE,
    OWN_DOCUMENT,
    POST_CASES,
    PRINCIPALS,
    PUBLIC,
    REFERENCE_EDIT,
    REFERENCE_MODELS,
    REFERENCE_NEW,
    REGISTRY_ENTRY,
    REVIEW_DOCUMENT,
    REVIEW_SELLER,
    UNLISTED,
    allowed,
    case_id,
    changed_tables,
    links_on,
    login_redirect,
    post_data,
    principal_name,
    rules,
    snapshot,
    user_row,
)

# ---------------------------------------------------------------- the table covers the app

def test_every_endpoint_is_in_the_access_table(app):
    endpoints = {rule.endpoint for rule in rules(app)}
    missing = endpoints - set(ACCESS)
    assert not missing, f"add these endpoints to ACCESS in tests/helpers/access_matrix.py: {sorted(missing)}"
    stale = set(ACCESS) - endpoints
    assert not stale, f"ACCESS names endpoints the app no longer has: {sorted(stale)}"


def test_every_route_is_covered_by_the_matrix(app):
    """Each GET route has a GET case and each POST route a POST case (tests/helpers/access_matrix.py)."""
    get_endpoints = {rule.endpoint for rule in rules(app) if "GET" in rule.methods}
    post_endpoints = {rule.endpoint for rule in rules(app) if "POST" in rule.methods}
    assert get_endpoints == {endpoint for endpoint, _ in GET_CASES}
    assert post_endpoints == {case.endpoint for case in POST_CASES}
    methods = {method for rule in rules(app) for method in rule.methods}
    assert methods <= {"GET", "HEAD", "OPTIONS", "POST"}, "new methods need cases in tests/helpers/access_matrix.py"


def test_reference_kinds_have_test_data():
    assert set(KINDS) == set(REFERENCE_MODELS) == set(REFERENCE_NEW) == set(REFERENCE_EDIT)


def test_role_guards_agree_with_the_table(app):
    """`role_required` marks its views; their roles must be what the table says."""
    for endpoint, who in ACCESS.items():
        marked = getattr(app.view_functions[endpoint], "allowed_roles", None)
        if isinstance(who, frozenset):
            assert marked == who, endpoint
        else:
            assert marked is None, f"{endpoint} is {who} in the table but guarded for {marked}"


def expected_get(endpoint: str, principal):
    """(status, redirect path or None) for an allowed principal."""
    state = "signed-in" if principal is not None else "anonymous"
    path = GET_REDIRECTS.get((endpoint, "anyone")) or GET_REDIRECTS.get((endpoint, state))
    return (302, path) if path else (200, None)


def unusable_links(app, html: str, principal) -> list[str]:
    """Links and forms on a page that this principal would be refused (navigation must not show them)."""
    adapter = app.url_map.bind("localhost")
    wrong = []
    for method, target in links_on(html):
        parts = urlsplit(target)
        if parts.scheme or parts.netloc or not parts.path.startswith("/"):
            continue
        try:
            endpoint, _ = adapter.match(parts.path, method=method)
        except HTTPException:
            wrong.append(f"{method} {target} (no such route)")
            continue
        if endpoint in UNLISTED or endpoint not in ACCESS:  # (the table test names missing ones)
            continue
        if not allowed(endpoint, principal):
            wrong.append(f"{method} {target}")
    return wrong


@pytest.mark.parametrize("case", GET_CASES, ids=case_id)
def test_get_matrix(world, case):
    endpoint, args = case
    url = world.url(endpoint, args)
    problems = []
    for principal in PRINCIPALS:
        who = principal_name(principal)
        response = world.clients[principal].get(url)
        if allowed(endpoint, principal):
            status, location = expected_get(endpoint, principal)
            if response.status_code != status:
                problems.append(f"{who}: {response.status_code}, expected {status}")
            elif location and urlsplit(response.headers["Location"]).path != location:
                problems.append(f"{who}: redirected to {response.headers['Location']}, expected {location}")
            elif status == 200 and response.mimetype == "text/html":
                problems += [f"{who}: page links to {link}, which it may not use"
                             for link in unusable_links(world.app, response.text, principal)]
        elif principal is None:
            error = login_redirect(response, url)
            if error:
                problems.append(f"{who}: {error}")
        elif response.status_code != 403:
            problems.append(f"{who}: {response.status_code}, expected 403")
        response.close()  # file responses (documents, photos) hold their file open until closed
    assert not problems, f"GET {url}:\n" + "\n".join(problems)


def test_the_login_page_after_a_refusal_speaks_indonesian(world):
    response = world.clients[None].get("/admin/pengguna", follow_redirects=True)
    assert response.request.path == "/masuk"
    flashes = re.findall(r'data-testid="flash">([^<]*)<', response.text)
    assert flashes, "the visitor should be told why they see the login page"
    assert "Please log in" not in response.text
    assert all("masuk" in message.lower() for message in flashes), flashes


@pytest.mark.parametrize("case", POST_CASES, ids=lambda case: case.id)
def test_post_matrix(world, case):
    url = world.url(case.endpoint, case.args)
    problems = []
    refused = [p for p in PRINCIPALS if not allowed(case.endpoint, p)]
    permitted = [p for p in PRINCIPALS if allowed(case.endpoint, p)]
    if ACCESS[case.endpoint] == PUBLIC:
        # Public actions (signing in) are for visitors; signed-in users are sent on, with no change.
        refused, permitted = [p for p in PRINCIPALS if p is not None], [None]
    for principal in refused:
        who = principal_name(principal)
        before = snapshot(world.app)
        response = world.clients[principal].post(url, data=post_data(world, case, principal, url))
        if principal is None:
            error = login_redirect(response, url)
            if error:
                problems.append(f"{who}: {error}")
        elif ACCESS[case.endpoint] == PUBLIC:
            if response.status_code != 302 or urlsplit(response.headers["Location"]).path != "/dasbor":
                problems.append(f"{who}: {response.status_code}, expected a redirect to /dasbor")
        elif response.status_code != 403:
            problems.append(f"{who}: {response.status_code}, expected 403")
        tables = changed_tables(before, snapshot(world.app))
        if tables:
            problems.append(f"{who}: refused, but changed {tables}")
        if case.done(world, principal):
            problems.append(f"{who}: refused, but the action took effect")
    for principal in permitted:
        who = principal_name(principal)
        own_url = world.url(case.endpoint, case.args_for(principal)) if case.args_for else url
        response = world.clients[principal].post(own_url, data=post_data(world, case, principal, own_url))
        if response.status_code != case.success_status:
            problems.append(f"{who}: {response.status_code}, expected {case.success_status} after success")
        if not case.done(world, principal):
            problems.append(f"{who}: allowed, but the action did not take effect")
    assert not problems, f"POST {url}:\n" + "\n".join(problems)


def test_get_on_post_only_routes_is_405(world):
    post_only = [rule for rule in rules(world.app) if "GET" not in rule.methods]
    assert post_only, "the app has POST-only actions (/keluar at least)"
    for rule in post_only:
        case = next((case for case in POST_CASES if case.endpoint == rule.endpoint), None)
        assert case, f"add a POST case for {rule.endpoint}"
        url = world.url(case.endpoint, case.args)
        for principal in (None, Role.ADMIN):
            before = snapshot(world.app)
            response = world.clients[principal].get(url)
            assert response.status_code == 405, (url, principal)
            assert "POST" in response.headers["Allow"]
            assert snapshot(world.app) == before
    # The admin is still signed in: GET /keluar did not sign anyone out.
    assert world.clients[Role.ADMIN].get("/dasbor").status_code == 200


# ---------------------------------------------------------------- unknown ids and kinds

UNKNOWN_IDS = [999_999, 2**31 - 1, 2**31, 2**63, 10**30]


def unknown_urls(world):
    """(method, url) of URLs naming rows or kinds that do not exist."""
    for bad in UNKNOWN_IDS:
        yield "GET", f"/penjual/dokumen/{bad}/berkas"
        yield "POST", f"/penjual/dokumen/{bad}/hapus"
        yield "GET", f"/dinas/verifikasi/penjual/{bad}"
        yield "POST", f"/dinas/verifikasi/penjual/{bad}/keputusan"
        yield "POST", f"/dinas/verifikasi/penjual/{bad}/buka-kunci"
        yield "GET", f"/dinas/verifikasi/dokumen/{bad}"
        for suffix in ("", "/foto"):
            yield "GET", f"/penjual/produk/{bad}{suffix}"
        for suffix in ("", "/foto", "/foto/0", "/ajukan"):
            yield "POST", f"/penjual/produk/{bad}{suffix}"
        yield "GET", f"/dinas/kurasi/produk/{bad}"
        yield "POST", f"/dinas/kurasi/produk/{bad}/keputusan"
        yield "GET", f"/dinas/binaan/{bad}/undangan"
        yield "GET", f"/dinas/binaan/{bad}/ubah"
        yield "POST", f"/dinas/binaan/{bad}/ubah"
        yield "POST", f"/dinas/binaan/{bad}/undangan/kode-baru"
        yield "GET", f"/admin/pengguna/{bad}"
        for suffix in ("", "/status", "/reset-kata-sandi", "/buka-kunci"):
            yield "POST", f"/admin/pengguna/{bad}{suffix}"
        for kind in REFERENCE_MODELS:
            yield "GET", f"/admin/referensi/{kind}/{bad}"
            yield "POST", f"/admin/referensi/{kind}/{bad}"
        yield "GET", f"/permintaan/{bad}"
        yield "GET", f"/permintaan/{bad}/surat-pesanan.pdf"
        for suffix in ("/approve", "/nilai", "/tanggapan"):
            yield "POST", f"/permintaan/{bad}{suffix}"
        yield "POST", f"/keranjang/{bad}/hapus"
        yield "POST", f"/keranjang/tambah/{bad}"
        yield "GET", f"/verifikasi/sp/{bad}/{'0' * 64}"
    for kind in ("tidak-ada", "users", "OPD", "opd%00", "..%2Fpengguna"):
        yield "GET", f"/admin/referensi/{kind}"
        yield "GET", f"/admin/referensi/{kind}/baru"
        yield "POST", f"/admin/referensi/{kind}/baru"
        yield "GET", f"/admin/referensi/{kind}/{world.first['opd']}"
        yield "POST", f"/admin/referensi/{kind}/{world.first['opd']}"


def entitled(app, method: str, url: str):
    """A role the route is for (the admin where it may), or None if the URL matches no route."""
    try:
        endpoint, _ = app.url_map.bind("localhost").match(url, method=method)
    except HTTPException:
        return None
    return Role.ADMIN if allowed(endpoint, Role.ADMIN) else next(r for r in Role if allowed(endpoint, r))


def test_unknown_ids_and_kinds_are_404_for_those_entitled(world):
    """The admin (or, on the seller and verification side, the seller or the verifier) gets 404."""
    before = snapshot(world.app)
    problems = []
    for method, url in unknown_urls(world):
        principal = entitled(world.app, method, url) or Role.ADMIN
        response = world.clients[principal].open(url, method=method, data={"name": "x", "active": "0"})
        if response.status_code != 404:
            problems.append(f"{principal.value} {method} {url}: {response.status_code}")
    assert not problems, "\n".join(problems)
    assert snapshot(world.app) == before


def test_unknown_or_malformed_media_keys_are_404_for_everyone(world):
    unknown = "ab/ab" + "0" * 62 + ".webp"
    for key in (unknown, "../../etc/passwd", "%2e%2e/x.webp", "ab/ab.webp", world.refs[IMAGE].upper()):
        for principal in PRINCIPALS:
            assert world.clients[principal].get(f"/media/{key}").status_code == 404, (key, principal)


def test_unknown_kind_is_404_for_the_auditor_too(world):
    assert world.clients[Role.AUDITOR].get("/admin/referensi/tidak-ada").status_code == 404


def test_unknown_ids_tell_other_roles_nothing_new(world):
    """Refused roles get the same answer whether the row exists or not (no probing for ids)."""
    pairs = [
        ("GET", f"/admin/pengguna/{world.target.id}", "/admin/pengguna/999999"),
        ("POST", f"/admin/pengguna/{world.target.id}/status", "/admin/pengguna/999999/status"),
        ("POST", f"/admin/referensi/opd/{world.first['opd']}", "/admin/referensi/opd/999999"),
        ("GET", world.url("verification.document_file", {"document_id": REVIEW_DOCUMENT}),
         "/dinas/verifikasi/dokumen/999999"),
        ("POST", world.url("verification.seller_decide", {"seller_id": REVIEW_SELLER}),
         "/dinas/verifikasi/penjual/999999/keputusan"),
    ]
    adapter = world.app.url_map.bind("localhost")
    for method, url_known, url_unknown in pairs:
        endpoint, _ = adapter.match(url_known, method=method)
        for principal in PRINCIPALS:
            if allowed(endpoint, principal):
                continue
            client = world.clients[principal]
            known = client.open(url_known, method=method).status_code
            unknown = client.open(url_unknown, method=method).status_code
            assert known == unknown and known in (302, 403), (principal, url_known, known, unknown)


def test_a_seller_cannot_reach_another_sellers_document(world, make, login):
    """Object rule on the seller side: another business's document is 404, as if it did not exist."""
    other = make.user(Role.SELLER)
    make.seller(SellerStatus.REGISTERED, owner=other)
    client = login(other)
    document = world.refs[OWN_DOCUMENT]
    before = snapshot(world.app)
    assert client.get(f"/penjual/dokumen/{document}/berkas").status_code == 404
    assert client.post(f"/penjual/dokumen/{document}/hapus").status_code == 404
    assert snapshot(world.app) == before


def test_no_id_ever_causes_a_server_error(world):
    for principal in PRINCIPALS:
        for method, url in unknown_urls(world):
            status = world.clients[principal].open(url, method=method).status_code
            assert status in (302, 403, 404), (principal_name(principal), method, url, status)


# ---------------------------------------------------------------- the admin cannot lock themselves out

def flashes(html: str) -> list[str]:
    return [unescape(m).strip() for m in re.findall(r'data-testid="flash">([^<]*)<', html)]


def test_admin_cannot_disable_themselves(world):
    admin = world.users[Role.ADMIN]
    client = world.clients[Role.ADMIN]
    before = snapshot(world.app)
    response = client.post(f"/admin/pengguna/{admin.id}/status", data={"active": "0"}, follow_redirects=True)
    assert response.status_code == 200
    assert "Anda tidak dapat menonaktifkan akun Anda sendiri." in flashes(response.text)
    assert snapshot(world.app) == before
    assert user_row(world, admin.id).is_active_account is True
    assert client.get("/admin/pengguna").status_code == 200  # still signed in


@pytest.mark.parametrize("role", [r for r in Role if r is not Role.ADMIN], ids=lambda r: r.value)
def test_admin_cannot_remove_their_own_admin_role(world, role):
    admin = world.users[Role.ADMIN]
    client = world.clients[Role.ADMIN]
    before = snapshot(world.app)
    response = client.post(f"/admin/pengguna/{admin.id}", data={
        "name": "Admin Lain", "role": role.value, "opd_id": str(world.opd.id) if role.needs_opd else ""})
    assert response.status_code == 200
    errors = re.findall(r'id="role-galat"[^>]*data-testid="field-error">\s*([^<]*?)\s*<', response.text)
    assert errors == ["Anda tidak dapat mengubah peran akun Anda sendiri."]
    assert snapshot(world.app) == before
    assert client.get("/admin/pengguna/baru").status_code == 200  # still an admin


def test_admin_may_still_rename_themselves(world):
    """The self-protection refuses only what locks the admin out, not every edit of their account."""
    admin = world.users[Role.ADMIN]
    response = world.clients[Role.ADMIN].post(
        f"/admin/pengguna/{admin.id}", data={"name": "Admin Baru", "role": "admin", "opd_id": ""})
    assert response.status_code == 302
    assert user_row(world, admin.id).name == "Admin Baru"


# ---------------------------------------------------------------- the auditor changes nothing

def test_auditor_pages_offer_no_changes(world):
    client = world.clients[Role.AUDITOR]
    pages = ["/admin/pengguna", "/admin/referensi", "/permintaan", world.url("procurement.detail", {"request_id": DISPUTED}),
             *(f"/admin/referensi/{kind}" for kind in REFERENCE_MODELS),
             "/dinas/binaan", world.url("registry.invitation", {"seller_id": REGISTRY_ENTRY})]
    for page in pages:
        response = client.get(page)
        assert response.status_code == 200, page
        posts = [action for method, action in links_on(response.text) if method == "POST"]
        assert posts == ["/keluar"], (page, posts)  # only signing out
