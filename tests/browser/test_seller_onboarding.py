"""A UMKM owner on a 360 px phone: invitation → registration → profile → document → product with
photo → submitted; the verifier approves both; the product appears on the public home page."""
from __future__ import annotations

import sqlalchemy as sa
from PIL import Image, ImageDraw
from playwright.sync_api import expect

from storefront.extensions import db
from storefront.reference.models import City
from storefront.sellers.models import Seller
from tests.browser.conftest import PHONE
from tests.helpers.phone_layout import assert_fits_the_phone

CODE = "UJI-7K3P-Q9XA"
PRODUCT = "Keripik ubi balado uji"


def packaging_photo(path) -> None:
    image = Image.new("RGB", (1200, 900), (200, 60, 40))
    ImageDraw.Draw(image).rectangle((300, 150, 900, 750), fill=(250, 220, 120))
    image.save(path, "JPEG", quality=85)


def invite(live_app) -> None:
    with live_app.app_context():
        if db.session.scalar(sa.select(Seller.id).where(Seller.invitation_code == CODE)) is None:
            city_id = db.session.scalar(sa.select(City.id))
            db.session.add(Seller(city_id=city_id, business_name="Keripik Uji Marelan", owner_name="Suparmi",
                                  invitation_code=CODE))
            db.session.commit()
        db.session.remove()


def fill(page, label: str, value: str) -> None:
    page.get_by_label(label, exact=True).fill(value)


def test_onboarding_to_published_product(open_page, live_app, tmp_path, screenshot_dir):
    invite(live_app)
    photo = tmp_path / "kemasan.jpg"
    packaging_photo(photo)
    page = open_page(PHONE)

    page.goto(f"/daftar?kode={CODE}")
    expect(page.get_by_label("Kode undangan", exact=True)).to_have_value(CODE)
    fill(page, "Nama Anda", "Suparmi")
    fill(page, "Email", "suparmi@uji.example")
    fill(page, "Kata sandi", "keripik ubi balado pedas")
    fill(page, "Ulangi kata sandi", "keripik ubi balado pedas")
    page.get_by_role("button", name="Daftar").click()
    expect(page).to_have_url(f"{page.url.split('/penjual')[0]}/penjual/profil")

    fill(page, "Nama pemilik", "Suparmi")
    fill(page, "NIB", "9000 0000 0009 9")
    page.get_by_label("Skala usaha", exact=True).select_option(label=None, index=1)
    fill(page, "Alamat usaha", "Jl. Marelan Raya No. 8")
    page.get_by_label("Kecamatan", exact=True).select_option(label="Medan Marelan")
    fill(page, "Nomor WhatsApp", "0812 0000 0099")
    fill(page, "Nama bank", "Bank Sumut")
    fill(page, "Nomor rekening", "1234567899")
    fill(page, "Nama pemilik rekening", "Suparmi")
    assert_fits_the_phone(page)
    page.screenshot(path=str(screenshot_dir / "seller-profile-360.png"), full_page=True)
    page.get_by_role("button", name="Simpan profil").click()
    expect(page.get_by_test_id("flash").first).to_contain_text("Profil usaha disimpan")

    page.get_by_role("link", name="Dokumen dan izin").click()
    page.get_by_label("Jenis dokumen", exact=True).select_option(value="nib")  # no kind is preselected
    fill(page, "Nomor dokumen", "9000000000099")
    page.get_by_label("Foto atau PDF dokumen", exact=True).set_input_files(str(photo))
    page.get_by_role("button", name="Unggah dokumen").click()
    expect(page.get_by_test_id("documents")).to_contain_text("9000000000099")
    page.get_by_role("link", name="Kembali ke dasbor usaha").click()
    page.get_by_role("button", name="Ajukan untuk diverifikasi").click()
    expect(page.get_by_test_id("seller-status")).to_have_text("Menunggu verifikasi Dinas")
    assert_fits_the_phone(page)
    page.screenshot(path=str(screenshot_dir / "seller-dashboard-submitted-360.png"), full_page=True)

    page.get_by_role("link", name="Kelola produk").click()
    page.get_by_role("link", name="Tambah produk").click()
    fill(page, "Nama produk", PRODUCT)
    page.get_by_label("Kategori", exact=True).select_option(label="Makanan ringan")
    fill(page, "Harga (rupiah)", "18.000")  # as printed on a price list
    page.get_by_label("Satuan", exact=True).select_option(label="bungkus")
    fill(page, "Kapasitas produksi per hari", "100")
    page.get_by_label("Daerah pengiriman", exact=True).select_option(value="city")  # no default promise
    page.get_by_label("Status halal", exact=True).select_option(value="in_process")
    page.get_by_role("button", name="Simpan produk").click()
    page.get_by_label("Foto kemasan", exact=True).set_input_files(str(photo))
    fill(page, "Keterangan foto", "Kemasan depan keripik ubi balado")
    page.get_by_role("button", name="Tambah foto").click()
    expect(page.get_by_test_id("photos").locator("img")).to_have_count(1)
    assert_fits_the_phone(page)
    page.screenshot(path=str(screenshot_dir / "seller-product-photos-360.png"), full_page=True)
    page.get_by_role("link", name="Kembali ke produk").click()
    page.get_by_role("button", name="Ajukan ke Dinas untuk dikurasi").click()
    expect(page.get_by_test_id("product-status")).to_have_text("Sedang dikurasi")
    assert_fits_the_phone(page)

    verifier = open_page(PHONE)
    verifier.goto("/masuk")
    fill(verifier, "Email", "verifikator@etalase.example")
    fill(verifier, "Kata sandi", "etalase-demo-2026")
    verifier.get_by_role("button", name="Masuk").click()
    verifier.goto("/dinas/verifikasi/")
    verifier.get_by_role("link", name="Keripik Uji Marelan").click()
    verifier.get_by_role("combobox", name="Keputusan").select_option(value="approve")
    verifier.get_by_role("button", name="Simpan keputusan").click()
    expect(verifier.get_by_test_id("flash").first).to_contain_text("Keputusan untuk Keripik Uji Marelan disimpan")
    verifier.goto("/dinas/kurasi/")
    verifier.get_by_role("link", name=PRODUCT).click()
    verifier.get_by_role("combobox", name="Keputusan").select_option(value="approve")
    verifier.get_by_role("button", name="Simpan keputusan").click()
    expect(verifier.get_by_test_id("flash").first).to_contain_text(f"Keputusan untuk {PRODUCT} disimpan")
    assert_fits_the_phone(verifier)

    public = open_page(PHONE)
    public.goto("/")
    card = public.get_by_test_id("new-products").locator("li", has_text=PRODUCT)
    expect(card).to_contain_text("Rp18.000")
    expect(card.locator("img")).to_have_attribute("alt", "Kemasan depan keripik ubi balado")
    assert_fits_the_phone(public)
    public.screenshot(path=str(screenshot_dir / "home-with-products-360.png"), full_page=True)
