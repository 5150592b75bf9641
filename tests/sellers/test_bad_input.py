"""Bad input in every seller-side form: registration, profile, documents, products, photos and the
Dinas decisions. Each field in turn gets empty, 10,000 characters, a NUL byte, emoji, HTML and junk.

Never a 500. Either the form is refused (200, an Indonesian message next to a field or at the top,
and not one row of any table changed), or the value was acceptable and is stored without the NUL
byte and shown escaped.
"""
from __future__ import annotations

import io

import pytest
import sqlalchemy as sa
from PIL import Image

from storefront.accounts.roles import Role
from storefront.extensions import db
from storefront.listings.workflow import ProductStatus
from storefront.reference.models import Category, Unit
from storefront.sellers.workflow import SellerStatus
from tests.helpers.access_matrix import changed_tables, snapshot
from tests.helpers.clients import client_with, cookies_of
from tests.helpers.page_forms import reviewed_token

BAD = {"empty": "", "long": "x" * 10_000, "nul": "ab\x00cd", "emoji": "Kopi ☕ Medan 🇮🇩",
       "html": "<script>alert(1)</script>", "junk": "abc", "negative": "-1"}
ALWAYS_REFUSED = {"long"}


def jpeg() -> io.BytesIO:
    buffer = io.BytesIO()
    Image.new("RGB", (400, 300), "orange").save(buffer, "JPEG")
    buffer.seek(0)
    return buffer


def _seed(app, make, login) -> dict:
    """The seeded city, a business being prepared with a draft listing, an invited business, its
    owner and a verifier signed in: ids and cookies."""
    make.reference("medan")
    owner = make.user(Role.SELLER)
    seller = make.seller(SellerStatus.REGISTERED, owner=owner)
    invited = make.seller(SellerStatus.INVITED)
    product = make.product(seller, status=ProductStatus.DRAFT)
    with app.app_context():
        category = db.session.scalar(sa.select(Category.id).where(Category.slug == "kue-roti"))
        unit = db.session.scalar(sa.select(Unit.id).where(Unit.code == "kotak"))
    return {"owner": cookies_of(login(owner)), "verifier": cookies_of(login(make.user(Role.VERIFIER))),
            "seller": seller.id, "invitation_code": invited.invitation_code, "product": product.id,
            "category": category, "unit": unit, "kecamatan": make.kecamatan().id}


@pytest.fixture
def world(app, seeded):
    """A copy of that world (built once per run, not once for each of the 300 cases)."""
    seed = seeded("seller-bad-input", _seed)
    return seed | {"owner": client_with(app, seed["owner"]), "verifier": client_with(app, seed["verifier"]),
                   "anonymous": app.test_client()}


def forms(world) -> dict:
    """form name -> (client key, URL, valid data, whether it is multipart)."""
    w = world
    product_data = {"name": "Bolu gulung", "category_id": str(w["category"]), "description": "enak", "price": "65000",
                    "unit_id": str(w["unit"]), "min_order": "1", "capacity_per_day": "10", "stock": "",
                    "lead_time_days": "1", "delivery_area": "city", "halal_status": "in_process",
                    "halal_certificate_number": "", "non_halal_ingredient": "", "halal_out_of_scope_reason": "",
                    "pirt_number": "", "bpom_number": ""}
    return {
        "register": ("anonymous", "/daftar", {"code": w["invitation_code"], "name": "Bu Rina",
                                              "email": "rina@uji.example", "password": "bolu gulung keju",
                                              "confirm": "bolu gulung keju"}, False),
        "profile": ("owner", "/penjual/profil", {
            "business_name": "Dapur Uji", "legal_name": "", "owner_name": "Rina", "nib": "9000000000321",
            "npwp": "", "address": "Jl. Uji", "kecamatan_id": str(w["kecamatan"]), "kelurahan": "", "whatsapp":
            "081234567890", "description": "", "nik": "", "scale": "mikro", "bank_name": "Bank Sumut",
            "bank_account_number": "123", "bank_account_holder": "Rina"}, True),
        "document": ("owner", "/penjual/dokumen", {"kind": "nib", "number": "9000000000321", "issued_on": "",
                                                   "expires_on": ""}, True),
        "product_new": ("owner", "/penjual/produk/baru", product_data, False),
        "product_edit": ("owner", f"/penjual/produk/{w['product']}", product_data, False),
        "photo": ("owner", f"/penjual/produk/{w['product']}/foto", {"alt_text": "Kemasan depan"}, True),
        "seller_decision": ("verifier", f"/dinas/verifikasi/penjual/{w['seller']}/keputusan",
                            {"action": "approve", "reason": ""}, False),
        "product_decision": ("verifier", f"/dinas/kurasi/produk/{w['product']}/keputusan",
                             {"action": "approve", "reason": ""}, False),
    }


CASES = [(form, field, kind) for form, fields in {
    "register": ("code", "name", "email", "password", "confirm"),
    "profile": ("business_name", "owner_name", "nib", "npwp", "address", "kecamatan_id", "whatsapp", "description",
                "nik", "scale", "bank_account_number"),
    "document": ("kind", "number", "issued_on", "expires_on"),
    "product_new": ("name", "category_id", "description", "price", "unit_id", "min_order", "capacity_per_day",
                    "stock", "lead_time_days", "delivery_area", "halal_status", "halal_certificate_number",
                    "non_halal_ingredient", "pirt_number", "bpom_number"),
    "product_edit": ("name", "price", "halal_status", "min_order"),
    "photo": ("alt_text",),
    "seller_decision": ("action", "reason"),
    "product_decision": ("action", "reason"),
}.items() for field in fields for kind in BAD]


@pytest.mark.parametrize("form, field, kind", CASES, ids=[f"{f}-{x}-{k}" for f, x, k in CASES])
def test_bad_value_never_breaks_and_a_refusal_changes_nothing(app, world, form, field, kind):
    client_key, url, data, multipart = forms(world)[form]
    data = dict(data, **{field: BAD[kind]})
    if form.endswith("decision"):  # decided on the version its page shows
        data.setdefault("reviewed", reviewed_token(world[client_key], url.rsplit("/keputusan", 1)[0]))
    if form in ("document", "photo"):
        data["file" if form == "document" else "photo"] = (jpeg(), "foto.jpg")
    before = snapshot(app)
    response = world[client_key].post(url, data=data, content_type="multipart/form-data" if multipart or
                                      form in ("document", "photo") else None)
    assert response.status_code in (200, 302, 422), response.status_code
    body = response.get_data(as_text=True)
    assert "<script>alert(1)</script>" not in body
    if response.status_code in (200, 422):
        assert 'data-testid="field-error"' in body or 'data-testid="form-error"' in body
        assert changed_tables(before, snapshot(app)) == []
        assert "Isian" in body or "Wajib" in body or "Pilih" in body or "angka" in body or "tidak" in body.lower()
    elif form.endswith("decision"):
        # Decisions go back to the review page; a refusal says why in a flash and changes nothing.
        page = world[client_key].get(response.headers["Location"]).get_data(as_text=True)
        refused = "alert-danger" in page
        assert refused or kind not in ALWAYS_REFUSED, f"{form}.{field} accepted 10,000 characters"
        if refused:
            assert changed_tables(before, snapshot(app)) == []
    else:
        assert kind not in ALWAYS_REFUSED, f"{form}.{field} accepted 10,000 characters"
        after = snapshot(app)
        assert all("\x00" not in repr(rows) for rows in after.values())
