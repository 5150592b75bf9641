"""The procurement pages through the app: the cart and checkout, a request's page and its steps,
who sees what (404 for other OPDs and other sellers), and SQL statements per page, constant as
items and requests grow."""
from __future__ import annotations

import io
import re
from datetime import date, timedelta

import pytest
import sqlalchemy as sa

from storefront.accounts.roles import Role
from storefront.extensions import db
from storefront.media import pdfs
from storefront.procurement.models import CartItem, PurchaseRequest
from storefront.procurement.workflow import RequestStatus
from tests.helpers.page_forms import take_step
from tests.helpers.pdf_samples import small_pdf
from tests.procurement.conftest import submit


def form(**changes) -> dict:
    values = {"key": "kunci-halaman-0123456789", "kode_rekening": "5.1.02.01.01.0052", "rup_code": "12345678",
              "fiscal_year": "2026", "delivery_address": "Jl. Kapten Maulana Lubis No. 2", "recipient_name": "Bu Sari",
              "recipient_phone": "0812 3456 7890", "needed_on": (date.today() + timedelta(days=7)).isoformat(),
              "window_start": "08:00", "window_end": "10:00"}
    return values | changes


def field_errors(html: str) -> list[str]:
    return [re.sub(r"\s+", " ", e).strip() for e in re.findall(r'data-testid="field-error">(.*?)</div>', html, re.S)]


def test_from_the_product_page_to_a_submitted_request(app, login, shop):
    client = login(shop.pemesan)
    bika = shop.products[0]
    page = client.get(f"/produk/{bika.id}/bika-ambon-pandan").text
    assert f'action="/keranjang/tambah/{bika.id}"' in page
    assert client.post(f"/keranjang/tambah/{bika.id}", data={"quantity": "4"}).status_code == 302
    cart = client.get("/keranjang").text
    assert "Bika Ambon Pandan" in cart and "Dapur Bika Uji" in cart
    response = client.post("/keranjang/ajukan", data=form(ppk_id=str(shop.ppk.id),
                                                           delivery_kecamatan_id=str(shop.kecamatan_id)))
    assert response.status_code == 302 and response.headers["Location"].startswith("/permintaan")
    listed = client.get("/permintaan?tab=semua").text
    assert listed.count('data-testid="request-row"') == 1 and "Menunggu PPK" in listed


def test_a_bad_checkout_shows_each_problem_next_to_its_field_and_keeps_the_cart(app, login, shop):
    client = login(shop.pemesan)
    client.post(f"/keranjang/tambah/{shop.products[0].id}", data={"quantity": "1"})  # below the minimum of 2
    response = client.post("/keranjang/ajukan", data=form(ppk_id=str(shop.ppk.id), delivery_kecamatan_id=str(shop.kecamatan_id),
                                                           rup_code="abc", window_end="07:00"))
    assert response.status_code == 422
    errors = field_errors(response.text)
    assert any("Kode RUP" in e for e in errors) and any("Jam akhir" in e for e in errors)
    response = client.post("/keranjang/ajukan", data=form(ppk_id=str(shop.ppk.id), delivery_kecamatan_id=str(shop.kecamatan_id)))
    assert response.status_code == 422 and any("Pesanan minimum" in e for e in field_errors(response.text))
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(PurchaseRequest)) == 0
        assert db.session.scalar(sa.select(sa.func.count()).select_from(CartItem)) == 1


def test_steps_through_the_pages_with_errors_next_to_the_field(app, login, shop):
    (rid,) = submit(app, shop, {shop.products[0]: 2})
    ppk = login(shop.ppk)
    page = ppk.get(f"/permintaan/{rid}").text
    assert 'data-testid="step-approve"' in page and 'data-testid="step-reject"' in page
    refused = take_step(ppk, rid, "approve", {"sp_number": ""})
    assert refused.status_code == 422 and "Isi nomor Surat Pesanan." in field_errors(refused.text)
    assert take_step(ppk, rid, "reject", {"reason": ""}).status_code == 422
    assert take_step(ppk, rid, "approve", {"sp_number": "027/1/SP/2026"}).status_code == 302
    seller = login(shop.seller_owner)
    page = seller.get(f"/permintaan/{rid}").text
    assert "027/1/SP/2026" in page and 'data-testid="sp-pdf"' in page and 'data-testid="step-accept"' in page
    assert take_step(seller, rid, "approve", {"sp_number": "X"}).status_code == 403
    assert seller.post(f"/permintaan/{rid}/terbang", data={}).status_code == 404
    with app.app_context():
        assert db.session.get(PurchaseRequest, rid).status is RequestStatus.APPROVED


@pytest.mark.parametrize("who", ["pemesan-other-opd", "ppk-other-opd", "bendahara-other-opd", "other-seller",
                                 "verifier-not-disputed"])
def test_others_get_404_on_every_request_url_and_change_nothing(app, make, login, shop, who):
    (rid,) = submit(app, shop, {shop.products[0]: 2})
    other = {"pemesan-other-opd": lambda: make.user(Role.PEMESAN, opd=shop.other_opd),
             "ppk-other-opd": lambda: make.user(Role.PPK, opd=shop.other_opd),
             "bendahara-other-opd": lambda: make.user(Role.BENDAHARA, opd=shop.other_opd),
             "other-seller": lambda: shop.other_seller and _owner(app, shop.other_seller),
             "verifier-not-disputed": lambda: make.user(Role.VERIFIER)}[who]()
    client = login(other)
    for url in (f"/permintaan/{rid}", f"/permintaan/{rid}/surat-pesanan.pdf", f"/permintaan/{rid}/bast.pdf",
                f"/permintaan/{rid}/berkas/bukti-bayar", f"/permintaan/{rid}/berkas/foto-kirim"):
        assert client.get(url).status_code == 404, url
    # Rating is the pemesan's and replying the seller's: other roles are refused by role (403),
    # the same role of another OPD or business finds nothing (404).
    expected = {"nilai": 404 if who == "pemesan-other-opd" else 403, "tanggapan": 404 if who == "other-seller" else 403}
    for step in ("approve", "cancel", "accept", "record_payment", "mediate_terminate", "nilai", "tanggapan"):
        response = take_step(client, rid, step, {"reason": "x", "sp_number": "x", "reply": "x"})
        assert response.status_code == expected.get(step, 404), step
    assert 'data-testid="request-row"' not in client.get("/permintaan?tab=semua").text
    with app.app_context():
        assert db.session.get(PurchaseRequest, rid).status is RequestStatus.SUBMITTED


def _owner(app, seller):
    from storefront.accounts.models import User
    from storefront.sellers.models import Seller
    with app.app_context():
        user = db.session.get(User, db.session.get(Seller, seller.id).owner_id)
        db.session.expunge(user)
        return user


def test_the_auditor_reads_every_request_and_is_offered_no_step(app, make, login, shop):
    (rid,) = submit(app, shop, {shop.products[0]: 2})
    client = login(make.user(Role.AUDITOR))
    page = client.get(f"/permintaan/{rid}").text
    assert 'data-testid="no-actions"' in page and 'data-testid="events"' in page
    assert take_step(client, rid, "approve", {"sp_number": "x"}).status_code == 403
    assert 'data-testid="request-row"' in client.get("/permintaan?tab=semua").text


def statements(count_queries, client, url) -> int:
    with count_queries() as counter:
        assert client.get(url).status_code == 200, url
    return counter.count


def test_request_pages_cost_a_fixed_number_of_statements(app, login, count_queries, shop):
    """Request list <= 5 and request detail <= 6, the same with 1 item or 3 and 1 request or 12."""
    client = login(shop.ppk)
    (first,) = submit(app, shop, {shop.products[0]: 2}, key="kunci-biaya-000000001")
    pages = {"list": "/permintaan?tab=semua", "waiting": "/permintaan", "detail": "/permintaan/{id}"}
    few = {name: statements(count_queries, client, url.format(id=first)) for name, url in pages.items()}
    for n in range(11):
        submit(app, shop, {shop.products[0]: 2, shop.products[1]: 1}, key=f"kunci-biaya-{n:09d}x")
    (last,) = submit(app, shop, {shop.products[0]: 3, shop.products[1]: 2}, key="kunci-biaya-terakhir")
    many = {name: statements(count_queries, client, url.format(id=last)) for name, url in pages.items()}
    assert few == many
    assert many["list"] <= 5 and many["waiting"] <= 5 and many["detail"] <= 6


def test_a_completed_request_is_rated_once_and_the_seller_replies(app, make, login, shop):
    from storefront.procurement.models import Rating
    request = make.purchase_request(shop.seller, shop.products[0], opd=shop.opd, pemesan=shop.pemesan, ppk=shop.ppk,
                                    status="completed")
    pemesan = login(shop.pemesan)
    assert 'data-testid="rate"' in pemesan.get(f"/permintaan/{request.id}").text
    rating = {"on_time": "5", "as_described": "4", "quality": "5", "comment": "Rapi dan tepat waktu"}
    assert pemesan.post(f"/permintaan/{request.id}/nilai", data=rating).status_code == 302
    assert pemesan.post(f"/permintaan/{request.id}/nilai", data=rating | {"quality": "1"}).status_code == 302
    with app.app_context():
        assert [r.quality for r in db.session.scalars(sa.select(Rating))] == [5]  # once
    seller = login(shop.seller_owner)
    assert seller.post(f"/permintaan/{request.id}/tanggapan", data={"reply": "Terima kasih"}).status_code == 302
    seller_page = f"/umkm/{shop.seller.id}/dapur-bika-uji"
    buyer_view = login(make.user(Role.PEMESAN, opd=shop.other_opd)).get(seller_page).text
    assert 'data-testid="seller-ratings"' in buyer_view and "Rapi dan tepat waktu" in buyer_view
    assert "Terima kasih" in buyer_view
    assert 'data-testid="seller-ratings"' not in app.test_client().get(seller_page).text  # not for the public


def test_the_payment_proof_is_kept_privately_for_who_may_see_the_request(app, make, login, shop):
    request = make.purchase_request(shop.seller, shop.products[0], opd=shop.opd, pemesan=shop.pemesan, ppk=shop.ppk,
                                    status="awaiting_payment")
    bendahara = login(shop.bendahara)
    proof = small_pdf("bukti SP2D")
    response = take_step(bendahara, request.id, "record_payment", {
        "method": "sp2d_ls", "paid_on": date.today().isoformat(), "amount": str(2 * 45_000),
        "payment_reference": "SP2D-7", "proof": (io.BytesIO(proof), "bukti.pdf")}, content_type="multipart/form-data")
    assert response.status_code == 302, field_errors(response.text)
    url = f"/permintaan/{request.id}/berkas/bukti-bayar"
    for client in (bendahara, login(shop.seller_owner), login(make.user(Role.AUDITOR))):
        fetched = client.get(url)
        assert fetched.status_code == 200 and fetched.data == pdfs.make_inert(proof)  # re-written, same pages
        assert fetched.headers["Cache-Control"] == "private, no-store"
        fetched.close()  # a file response holds its file open until closed
    assert login(make.user(Role.BENDAHARA, opd=shop.other_opd)).get(url).status_code == 404
    assert bendahara.get(f"/permintaan/{request.id}/berkas/foto-kirim").status_code == 404  # none sent


@pytest.mark.parametrize("quantity", ["²", "0", "-1", "9" * 12, "1e3"])
def test_a_strange_quantity_at_checkout_is_refused_with_a_message(app, login, shop, quantity):
    client = login(shop.pemesan)
    client.post(f"/keranjang/tambah/{shop.products[0].id}", data={"quantity": "2"})
    with app.app_context():
        item_id = db.session.scalar(sa.select(CartItem.id))
    response = client.post("/keranjang/ajukan", data=form(ppk_id=str(shop.ppk.id), delivery_kecamatan_id=str(
        shop.kecamatan_id)) | {f"qty-{item_id}": quantity})
    # Digits only count as a new quantity; anything else keeps the cart's, which is then sent.
    assert response.status_code in (302, 422)
    if response.status_code == 422:
        assert field_errors(response.text)
    with app.app_context():
        quantities = [q for q in db.session.scalars(sa.select(CartItem.quantity))]
        assert all(0 < q <= 1_000_000 for q in quantities)


def test_a_crafted_counter_offer_is_refused_not_a_server_error(app, login, shop):
    (rid,) = submit(app, shop, {shop.products[0]: 2})
    ppk = login(shop.ppk)
    take_step(ppk, rid, "approve", {"sp_number": "SP/X"})
    with app.app_context():
        item_id = db.session.scalar(sa.text("SELECT id FROM request_items WHERE request_id = :r"), {"r": rid})
    seller = login(shop.seller_owner)
    for quantity, price in (("²", "1000"), ("1000000", "10000000000"), ("0", "5")):
        response = take_step(seller, rid, "counter", {
            "reason": "Harga naik", f"qty-{item_id}": quantity, f"price-{item_id}": price})
        assert response.status_code == 422, (quantity, price)
    with app.app_context():
        assert db.session.get(PurchaseRequest, rid).status is RequestStatus.APPROVED


def test_a_delivery_photo_must_be_a_photo_and_a_refused_step_keeps_no_file(app, login, shop):
    import os
    (rid,) = submit(app, shop, {shop.products[0]: 2})
    take_step(login(shop.ppk), rid, "approve", {"sp_number": "SP/F"})
    seller = login(shop.seller_owner)
    take_step(seller, rid, "accept", {})
    response = take_step(seller, rid, "ship", {"note": "Dikirim",
                                                               "photo": (io.BytesIO(small_pdf("bukan foto")), "a.pdf")},
                           content_type="multipart/form-data")
    assert response.status_code == 422 and any("foto" in e.lower() for e in field_errors(response.text))
    root = app.config["DOCUMENT_ROOT"]
    assert not [name for _, _, names in os.walk(root) for name in names]  # nothing left behind
    with app.app_context():
        assert db.session.get(PurchaseRequest, rid).status is RequestStatus.ACCEPTED


def test_a_refused_payment_leaves_its_proof_nowhere(app, make, login, shop):
    import os
    request = make.purchase_request(shop.seller, shop.products[0], opd=shop.opd, pemesan=shop.pemesan, ppk=shop.ppk,
                                    status="awaiting_payment")
    response = take_step(login(shop.bendahara), request.id, "record_payment", {
        "method": "kkpd", "paid_on": date.today().isoformat(), "amount": "1",
        "proof": (io.BytesIO(small_pdf()), "bukti.pdf")}, content_type="multipart/form-data")
    assert response.status_code == 422 and any("BAST" in e for e in field_errors(response.text))
    assert not [name for _, _, names in os.walk(app.config["DOCUMENT_ROOT"]) for name in names]
