"""The whole purchase in a real browser, each party on their own phone: the pemesan orders from the
catalog, the PPK approves with a Surat Pesanan, the seller accepts and ships, the pemesan receives,
the PPK inspects and signs the BAST, the bendahara records the payment with its proof, the seller
confirms it and the pemesan rates. Screenshots of each step go to docs/screenshots/."""
from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
import sqlalchemy as sa
from playwright.sync_api import expect

from storefront.demo import seed
from storefront.extensions import db
from storefront.listings.models import Product
from storefront.timeutil import utcnow
from tests.helpers import axe
from tests.helpers.browser_pages import PHONE, product_path, screenshot
from tests.helpers.pdf_samples import small_pdf

pytestmark = pytest.mark.browser
PRODUCT = "Bika ambon original"  # Dapur Bika Tiga Saudara (penjual.bika)


def sign_in(page, account: str) -> None:
    page.goto("/masuk")
    page.get_by_label("Email").fill(f"{account}@etalase.example")
    page.get_by_label("Kata sandi").fill(seed.DEMO_PASSWORD)
    page.locator("main").get_by_role("button", name="Masuk").click()
    expect(page).to_have_url(re.compile(r"/dasbor$"))


def take_step(page, action: str, **fields) -> None:
    """Open the step's panel on the request page, fill its fields (by label) and send it."""
    step = page.get_by_test_id(f"step-{action}")
    step.locator("summary").click()
    for label, value in fields.items():
        field = step.get_by_label(label)
        if field.evaluate("e => e.tagName") == "SELECT":
            field.select_option(value)
        elif field.get_attribute("type") == "checkbox":
            field.check()
        elif field.get_attribute("type") == "file":
            field.set_input_files(value)
        else:
            field.fill(value)
    step.get_by_test_id(f"do-{action}").click()
    expect(page.get_by_test_id("flash").first).to_be_visible()


@pytest.fixture
def orderable(live_app):
    """The demo product, listed long enough ago to be ordered (the 24-hour guard) with room that day."""
    with live_app.app_context():
        product = db.session.scalar(sa.select(Product).where(Product.name == PRODUCT))
        product.listed_or_repriced_at = utcnow() - timedelta(days=30)
        product.capacity_per_day, product.stock = 500, None
        db.session.commit()
    return product_path(live_app, PRODUCT)


def test_a_purchase_from_cart_to_rating(open_page, screenshot_dir, orderable, tmp_path):
    pemesan = open_page(PHONE)
    axe.install(pemesan)
    sign_in(pemesan, "pemesan.bappeda")
    pemesan.goto(orderable)
    pemesan.get_by_label(re.compile(r"^Jumlah")).fill("6")
    pemesan.get_by_role("button", name="Tambah ke permintaan pembelian").click()
    expect(pemesan).to_have_url(re.compile(r"/keranjang"))
    pemesan.get_by_label("PPK yang menyetujui").select_option(label="Lestari Purba")
    pemesan.get_by_label("Kode rekening belanja").fill("5.1.02.01.01.0052")
    pemesan.get_by_label("Kode RUP").fill("41234567")
    pemesan.get_by_label("Alamat pengiriman").fill("Jl. Kapten Maulana Lubis No. 2, ruang rapat lantai 3")
    pemesan.get_by_label("Kecamatan tujuan").select_option(label="Medan Kota")
    pemesan.get_by_label("Nama penerima").fill("Dedi Saragih")
    pemesan.get_by_label("Telepon penerima").fill("0812 6000 1234")
    pemesan.get_by_label("Tanggal dibutuhkan").fill((date.today() + timedelta(days=10)).isoformat())
    axe.assert_accessible(pemesan)
    screenshot(pemesan, screenshot_dir, "procurement-cart-360.png")
    pemesan.get_by_test_id("submit-cart").click()
    expect(pemesan.get_by_test_id("flash").first).to_contain_text("diajukan ke PPK")
    number = re.search(r"PP/\d{4}/\d{6}", pemesan.get_by_test_id("flash").first.inner_text())[0]
    pemesan.get_by_role("link", name=number).click()
    request_url = pemesan.url
    expect(pemesan.get_by_test_id("status")).to_contain_text("Menunggu PPK")

    ppk = open_page(PHONE)
    axe.install(ppk)
    sign_in(ppk, "ppk.bappeda")
    ppk.goto(request_url)
    axe.assert_accessible(ppk)
    take_step(ppk, "approve", **{"Nomor Surat Pesanan": "027/501/SP/BAPPEDA/2026"})
    expect(ppk.get_by_test_id("status")).to_contain_text("Surat Pesanan terbit")
    screenshot(ppk, screenshot_dir, "procurement-approved-360.png")

    seller = open_page(PHONE)
    sign_in(seller, "penjual.bika")
    seller.goto(request_url)
    take_step(seller, "accept")
    take_step(seller, "ship", Catatan="Diantar mobil boks pukul 07.30, 6 loyang.")
    expect(seller.get_by_test_id("status")).to_contain_text("Dikirim")

    pemesan.goto(request_url)
    take_step(pemesan, "receive")
    ppk.goto(request_url)
    take_step(ppk, "inspect")  # on time or late: the dates say it
    take_step(ppk, "sign_bast", **{"Nomor BAST": "027/501/BAST/BAPPEDA/2026"})
    expect(ppk.get_by_test_id("status")).to_contain_text("menunggu pembayaran")
    expect(ppk.get_by_test_id("bast-pdf")).to_be_visible()

    bendahara = open_page(PHONE)
    sign_in(bendahara, "bendahara.bappeda")
    bendahara.goto(request_url)
    expect(bendahara.get_by_test_id("days-unpaid")).to_contain_text("hari kerja sejak BAST")
    total = re.sub(r"\D", "", bendahara.get_by_test_id("total").inner_text())
    proof = tmp_path / "bukti-sp2d.pdf"
    proof.write_bytes(small_pdf("bukti pembayaran SP2D"))
    take_step(bendahara, "record_payment", **{"Cara bayar": "sp2d_ls", "Tanggal bayar": date.today().isoformat(),
                                              "Jumlah dibayar (Rp)": total, "Nomor SP2D / referensi transfer":
                                              "SP2D-0042/2026", "Bukti pembayaran (foto atau PDF)": str(proof)})
    expect(bendahara.get_by_test_id("payment")).to_contain_text(f"Rp{int(total):,}".replace(",", "."))

    seller.goto(request_url)
    take_step(seller, "confirm_payment")
    expect(seller.get_by_test_id("status")).to_contain_text("Selesai")

    pemesan.goto(request_url)
    rate = pemesan.get_by_test_id("rate")
    for label, stars in (("Ketepatan waktu", "5"), ("Sesuai deskripsi", "4"), ("Mutu", "5")):  # no default
        rate.get_by_label(label, exact=True).select_option(stars)
    rate.get_by_label("Ulasan").fill("Tepat waktu, bika masih hangat.")
    rate.get_by_role("button", name="Kirim penilaian").click()
    expect(pemesan.get_by_test_id("rating")).to_contain_text("Tepat waktu, bika masih hangat.")
    assert len(pemesan.get_by_test_id("events").locator("tbody tr").all()) == 10  # submit to confirm, and the rating
    screenshot(pemesan, screenshot_dir, "procurement-completed-360.png")
