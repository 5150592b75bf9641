"""Registration with an invitation code through the first Dinas decision, over the test client."""
import io

import sqlalchemy as sa
from PIL import Image

from storefront.accounts.roles import Role
from storefront.extensions import db
from storefront.sellers.models import Seller
from storefront.sellers.workflow import SellerStatus
from tests.helpers.page_forms import decide


def jpeg():
    b = io.BytesIO(); Image.new("RGB", (800, 600), "red").save(b, "JPEG"); b.seek(0); return b

def test_flow(app, make, client, login):
    invited = make.seller(SellerStatus.INVITED)
    r = client.get(f"/daftar?kode={invited.invitation_code}")
    assert r.status_code == 200, r.text
    r = client.post("/daftar", data={"code": invited.invitation_code.lower(), "name": "Bu Rahma", "email": "rahma@uji.example", "password": "bika ambon pandan", "confirm": "bika ambon pandan"})
    assert r.status_code == 302, r.text
    r = client.get("/penjual"); assert r.status_code == 200, r.text
    assert "Kesiapan" in r.text
    r = client.get("/penjual/profil"); assert r.status_code == 200, r.text
    r = client.post("/penjual/profil", data={"business_name": "Dapur Bika", "owner_name": "Rahma", "nib": "9000 0000 0000 7", "address": "Jl. Majapahit", "kecamatan_id": str(make.kecamatan().id), "whatsapp": "0812 3456 7890", "scale": "mikro", "bank_name": "Bank Sumut", "bank_account_number": "123", "bank_account_holder": "Rahma", "logo_file": (jpeg(), "logo.jpg")}, content_type="multipart/form-data")
    assert r.status_code == 302, r.text
    r = client.post("/penjual/dokumen", data={"kind": "nib", "number": "9000000000007", "file": (jpeg(), "nib.jpg")}, content_type="multipart/form-data")
    assert r.status_code == 302, r.text
    r = client.get("/penjual/dokumen"); assert "9000000000007" in r.text
    r = client.post("/penjual/ajukan"); assert r.status_code == 302
    r = client.get("/penjual"); assert "Menunggu verifikasi" in r.text, r.text
    v = login(make.user(Role.VERIFIER))
    r = v.get("/dinas/verifikasi/"); assert "Dapur Bika" in r.text, r.text
    with app.app_context():
        sid = db.session.scalar(sa.select(Seller.id).where(Seller.business_name=="Dapur Bika"))
    r = v.get(f"/dinas/verifikasi/penjual/{sid}"); assert r.status_code == 200, r.text
    r = decide(v, f"/dinas/verifikasi/penjual/{sid}", {"action": "request_revision", "field_nib": "Foto NIB buram"})
    assert r.status_code == 302
    r = client.get("/penjual"); assert "Foto NIB buram" in r.text
