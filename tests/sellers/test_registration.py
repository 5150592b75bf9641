"""Registering claims an invited business with the code the Dinas gave its owner, and nothing
else (issue 10, point 13): NIB and WhatsApp number are printed on the packaging, so they claim
nothing, and every failure answers alike (same status, same page byte for byte apart from the
CSRF token, the same work done), so the registry cannot be probed."""
from __future__ import annotations

import re

import sqlalchemy as sa

from storefront.accounts import passwords
from storefront.accounts.models import User
from storefront.accounts.roles import Role
from storefront.extensions import db
from storefront.sellers.models import Seller
from storefront.sellers.registry import services as registry_services
from storefront.sellers.workflow import SellerStatus
from tests.app_setup import TEST_PASSWORD


def form(code, email="baru@uji.example", **extra):
    return {"code": code, "name": "Bu Rina", "email": email, "password": "bolu gulung keju",
            "confirm": "bolu gulung keju", **extra}


def owner_of(app, seller_id):
    with app.app_context():
        return db.session.scalar(sa.select(Seller.owner_id).where(Seller.id == seller_id))


def test_code_works_with_dashes_spaces_and_lower_case(app, make, client):
    seller = make.seller(SellerStatus.INVITED, invitation_code="MDN-7K3P-Q9XA")
    assert client.post("/daftar", data=form(" mdn 7k3p q9xa ")).status_code == 302
    assert owner_of(app, seller.id) is not None


def test_nib_and_whatsapp_number_claim_nothing(app, make, client):
    seller = make.seller(SellerStatus.INVITED, nib="9000000000901", whatsapp="6281200000901")
    for data in (form("9000000000901"), form("9000000000901", whatsapp="0812-0000-0901"),
                 form("6281200000901"), form("9000000000901", whatsapp="0812-0000-0901", nib="9000000000901")):
        assert client.post("/daftar", data=data).status_code == 200
    assert owner_of(app, seller.id) is None
    page = client.get("/daftar").text
    assert 'name="whatsapp"' not in page and "Kode undangan atau NIB" not in page


# ---------------------------------------------------------------- one answer for every failure

def failures(app, make) -> dict[str, dict]:
    """Every way a claim can fail, each by name: the form data that fails that way."""
    cases = {"unknown code": form("MDN-XXXX-0000"), "empty after cleaning": form("- -"),
             "code too long": form("MDN-7K3P-Q9XA-EXTRA1")}
    # A business in every status but "invited without an owner": its code is spent or not yet
    # valid. Iterating the enum makes a new status part of this test.
    for status in SellerStatus:
        if status is SellerStatus.INVITED:
            continue  # the one status whose code (without an owner) claims the business
        seller = make.seller(status)
        cases[f"code of a {status.value} business"] = form(seller.invitation_code)
        cases[f"NIB of a {status.value} business"] = form(seller.nib)
    invited = make.seller(SellerStatus.INVITED, nib="9000000000777", whatsapp="6281200000777")
    cases["NIB of an invited business"] = form(invited.nib)
    cases["NIB and WhatsApp of an invited business"] = form(invited.nib, whatsapp="0812 0000 0777")
    cases["WhatsApp number as the code"] = form("081200000777")
    cases["code with a wrong letter"] = form(invited.invitation_code[:-1] + "Z")
    used = make.seller(SellerStatus.INVITED)
    with app.app_context():  # an invitation spent just now (owner set, status not yet moved)
        db.session.get(Seller, used.id).owner_id = make.user().id
        db.session.commit()
    cases["code whose owner was just attached"] = form(used.invitation_code)
    renewed, verifier = make.seller(SellerStatus.INVITED), make.user(Role.VERIFIER)
    with app.app_context():
        registry_services.renew_code(db.session.get(Seller, renewed.id), actor=db.session.get(User, verifier.id))
        db.session.commit()
    cases["code replaced by a new one (revoked)"] = form(renewed.invitation_code)
    return cases


def without_csrf(html: str) -> str:
    """The page without what every rendering draws anew: the CSRF token and the form's key."""
    html = re.sub(r'name="csrf_token" type="hidden" value="[^"]*"', 'name="csrf_token"', html)
    return re.sub(r'(name="form_key"[^>]*value=)"[^"]*"', r'\1""', html)


def test_every_failure_gives_the_same_answer(make, app, count_queries, monkeypatch):
    app.config["WTF_CSRF_ENABLED"] = True  # the real form, token and all
    cases = failures(app, make)
    hashed = []
    monkeypatch.setattr(passwords, "hash_password", lambda *a, **k: hashed.append(a) or "x")
    answers = {}
    for name, data in cases.items():
        client = app.test_client()
        page = client.get("/daftar").text
        token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page)[1]
        with count_queries() as counter:
            response = client.post("/daftar", data=data | {"csrf_token": token},
                                   environ_base={"REMOTE_ADDR": f"198.51.100.{len(answers)}"})
        answers[name] = (response.status_code, without_csrf(response.text), counter.count)
    reference = answers["unknown code"]
    assert reference[0] == 200 and "Kode undangan" in reference[1]
    different = {name: (status, queries) for name, (status, body, queries) in answers.items()
                 if (status, body, queries) != reference}
    assert not different, f"these failures answer differently from an unknown code: {different}"
    assert not hashed, "a failed claim hashed a password: it took measurably longer"
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Seller).where(
            Seller.status == SellerStatus.INVITED, Seller.owner_id.is_not(None))) == 1  # the one set above


def test_a_weak_password_is_refused_before_the_code_is_looked_at(app, make, client):
    invited = make.seller(SellerStatus.INVITED)
    weak = {"password": "pendek", "confirm": "pendek"}
    valid = client.post("/daftar", data=form(invited.invitation_code) | weak)
    unknown = client.post("/daftar", data=form("MDN-XXXX-0000") | weak)
    assert valid.status_code == unknown.status_code == 200
    assert "minimal 10 karakter" in valid.text
    assert (without_csrf(valid.text.replace(invited.invitation_code, ""))
            == without_csrf(unknown.text.replace("MDN-XXXX-0000", "")))


def test_a_used_invitation_cannot_be_claimed_again(app, make, client):
    seller = make.seller(SellerStatus.INVITED, invitation_code="MDN-AAAA-BBBB")
    assert client.post("/daftar", data=form("MDN-AAAA-BBBB")).status_code == 302
    first_owner = owner_of(app, seller.id)
    again = app.test_client().post("/daftar", data=form("MDN-AAAA-BBBB", email="lain@uji.example"))
    unknown = app.test_client().post("/daftar", data=form("MDN-AAAA-CCCC", email="lain@uji.example"))
    assert again.status_code == 200 and without_csrf(again.text) == without_csrf(unknown.text)
    assert owner_of(app, seller.id) == first_owner


def test_an_email_in_use_is_told_only_to_the_holder_of_a_valid_code(app, make, client):
    taken = make.user(email="terpakai@uji.example")
    invited = make.seller(SellerStatus.INVITED)
    with_code = client.post("/daftar", data=form(invited.invitation_code, email=taken.email))
    without = client.post("/daftar", data=form("MDN-XXXX-0000", email=taken.email))
    assert "sudah dipakai" in with_code.text and "sudah dipakai" not in without.text
    assert owner_of(app, invited.id) is None
    assert TEST_PASSWORD  # the taken account keeps its own password (nothing was written)


def test_guessing_is_slowed_per_address(app, make, client):
    for n in range(20):
        assert client.post("/daftar", data=form(f"MDN-XXXX-{n:04d}")).status_code == 200
    assert client.post("/daftar", data=form("MDN-XXXX-9999")).status_code == 429
    assert client.post("/daftar", data=form("MDN-XXXX-9999"),
                       environ_base={"REMOTE_ADDR": "198.51.100.200"}).status_code == 200


def test_successful_registrations_do_not_count_against_the_address(app, make):
    # A Dinas workshop: many owners register from one address, each with their own code.
    for n in range(25):
        seller = make.seller(SellerStatus.INVITED)
        response = app.test_client().post("/daftar", data=form(seller.invitation_code, email=f"umkm{n}@uji.example"))
        assert response.status_code == 302, n


def test_the_verifier_replaces_a_code_and_only_the_new_one_claims(app, make, login):
    seller = make.seller(SellerStatus.INVITED)
    verifier = login(make.user(Role.VERIFIER))
    page = verifier.get(f"/dinas/binaan/{seller.id}/undangan").text
    assert f'action="/dinas/binaan/{seller.id}/undangan/kode-baru"' in page
    assert "NIB atau nomor WhatsApp saja tidak cukup" in page
    assert verifier.post(f"/dinas/binaan/{seller.id}/undangan/kode-baru").status_code == 302
    with app.app_context():
        new_code = db.session.get(Seller, seller.id).invitation_code
    assert new_code != seller.invitation_code
    assert new_code in verifier.get(f"/dinas/binaan/{seller.id}/undangan").text
    old = app.test_client().post("/daftar", data=form(seller.invitation_code))
    assert old.status_code == 200 and owner_of(app, seller.id) is None
    assert app.test_client().post("/daftar", data=form(new_code)).status_code == 302
    assert owner_of(app, seller.id) is not None
    # Claimed: there is no code left to replace.
    assert verifier.post(f"/dinas/binaan/{seller.id}/undangan/kode-baru").status_code == 302
    with app.app_context():
        assert db.session.get(Seller, seller.id).invitation_code == new_code
