"""The public catalog as a visitor sees it, on a 360 px phone and a 1280 px desktop: axe-core finds no
serious or critical accessibility problem, search (with the misspelling fallback), filters, a product's
page, comparing two products, and no page scrolls sideways on the phone."""
from __future__ import annotations

import re

import pytest
import sqlalchemy as sa
from playwright.sync_api import expect

from storefront.extensions import db
from storefront.listings.models import Product
from tests.helpers import axe
from tests.helpers.browser_pages import PHONE, product_path, screenshot
from tests.helpers.phone_layout import assert_fits_the_phone

pytestmark = pytest.mark.browser

DESKTOP = {"width": 1280, "height": 900}
PRODUCT = "Bika ambon pandan"  # demo: Dapur Bika Tiga Saudara, halal (self declare), with photos
SELLER = "Dapur Bika Tiga Saudara"


def tall_enough_to_tap(locator) -> None:
    """The project's rule for phones: touch targets at least 44 px high."""
    box = locator.bounding_box()
    assert box and box["height"] >= 44, f"touch target only {box and round(box['height'])} px high"


def compare_path(live_app) -> str:
    with live_app.app_context():
        ids = db.session.scalars(sa.select(Product.id).where(Product.name.ilike("bika ambon%"))
                                 .order_by(Product.id).limit(2)).all()
        db.session.remove()
    assert len(ids) == 2, "two demo bika ambon products expected"
    return "/bandingkan?" + "&".join(f"p={i}" for i in ids)


def page_path(live_app, where: str) -> str:
    paths = {"home": "/", "listing": "/produk", "category": "/kategori/kuliner", "search": "/cari?q=bika"}
    if where == "product":
        return product_path(live_app, PRODUCT)
    if where == "compare":
        return compare_path(live_app)
    return paths[where]


def open_with_axe(open_page, viewport):
    page = open_page(viewport)
    axe.install(page)
    return page


@pytest.mark.parametrize("where", ["home", "listing", "category", "search", "product", "compare"])
def test_no_serious_accessibility_violations_on_phone(open_page, live_app, where):
    page = open_with_axe(open_page, PHONE)
    page.goto(page_path(live_app, where))
    axe.assert_accessible(page)
    assert_fits_the_phone(page)


@pytest.mark.parametrize("where", ["home", "listing", "product"])
def test_no_serious_accessibility_violations_on_desktop(open_page, live_app, where):
    page = open_with_axe(open_page, DESKTOP)
    page.goto(page_path(live_app, where))
    axe.assert_accessible(page)


def test_search_from_the_header_and_a_misspelling(open_page, screenshot_dir):
    page = open_with_axe(open_page, PHONE)
    page.goto("/")
    expect(page.get_by_test_id("new-products").get_by_test_id("product-card").first).to_be_visible()
    assert_fits_the_phone(page)
    screenshot(page, screenshot_dir, "catalog-home-360.png")

    box = page.get_by_role("search").get_by_role("searchbox", name="Cari produk")
    box.press_sequentially("bika")
    box.press("Enter")
    expect(page).to_have_url(re.compile(r"/cari\?q=bika$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Hasil pencarian “bika”")
    cards = page.get_by_test_id("results").get_by_test_id("product-card")
    expect(cards.first).to_be_visible()
    expect(page.get_by_test_id("results-summary")).to_contain_text("produk")
    expect(page.get_by_test_id("results-summary")).not_to_contain_text("Tidak ada yang persis cocok")
    for name in cards.locator(".product-card-name").all_inner_texts():
        assert "bika" in name.lower(), name
    assert_fits_the_phone(page)
    screenshot(page, screenshot_dir, "catalog-search-360.png")

    # On a results page the header search gives way to the page's own search box.
    box = page.get_by_test_id("filters").get_by_role("searchbox", name="Cari produk")
    expect(box).to_have_value("bika")
    box.fill("")
    box.press_sequentially("bikaa")
    box.press("Enter")
    expect(page).to_have_url(re.compile(r"q=bikaa"))
    expect(page.get_by_test_id("results-summary")).to_contain_text("Tidak ada yang persis cocok dengan “bikaa”")
    expect(cards.first).to_be_visible()
    assert any("bika" in name.lower() for name in cards.locator(".product-card-name").all_inner_texts())
    axe.assert_accessible(page)
    assert_fits_the_phone(page)


def test_halal_filter_and_a_bad_price_range(open_page, screenshot_dir):
    page = open_with_axe(open_page, PHONE)
    page.goto("/produk")
    filters = page.get_by_test_id("filters")
    page.get_by_text("Saring & urutkan", exact=True).click()
    halal = filters.get_by_role("checkbox", name=re.compile(r"^Hanya bersertifikat halal"))
    expect(halal).to_be_visible()
    tall_enough_to_tap(filters.locator("label[for=halal]"))
    halal.check()
    filters.get_by_role("button", name="Terapkan").click()
    expect(page).to_have_url(re.compile(r"[?&]halal=y"))
    cards = page.get_by_test_id("results").get_by_test_id("product-card")
    expect(cards.first).to_be_visible()
    assert cards.count() > 1
    for index in range(cards.count()):
        expect(cards.nth(index).get_by_test_id("halal-badge")).to_be_visible()
    expect(halal).to_be_checked()  # the panel stays open with the filter shown
    assert_fits_the_phone(page)

    filters.get_by_label("Harga dari (Rp)", exact=True).fill("500000")
    filters.get_by_label("Harga sampai (Rp)", exact=True).fill("1000")
    filters.get_by_role("button", name="Terapkan").click()
    expect(page).to_have_url(re.compile(r"harga_max=1000"))
    high = filters.get_by_label("Harga sampai (Rp)", exact=True)
    expect(high).to_have_attribute("aria-invalid", "true")
    error = filters.get_by_test_id("field-error")
    expect(error).to_have_count(1)
    expect(error).to_have_text("Harga sampai harus sama atau lebih besar dari harga dari.")
    expect(high).to_have_attribute("aria-describedby", error.get_attribute("id"))
    # "Next to the field": the message sits right under the input, in the same column.
    field_box, error_box = high.bounding_box(), error.bounding_box()
    assert 0 <= error_box["y"] - (field_box["y"] + field_box["height"]) < 16
    assert abs(error_box["x"] - field_box["x"]) < 2
    axe.assert_accessible(page)  # with the panel open and an error shown
    assert_fits_the_phone(page)
    screenshot(page, screenshot_dir, "catalog-filters-360.png")


def check_product_page(page) -> None:
    expect(page.get_by_role("heading", level=1)).to_have_text(PRODUCT)
    expect(page.get_by_test_id("price")).to_contain_text(re.compile(r"Rp\s?75\.000"))
    expect(page.get_by_test_id("halal-status")).to_contain_text("Halal")
    seller = page.get_by_test_id("seller-card")
    expect(seller).to_be_visible()
    expect(seller.get_by_role("link", name=SELLER)).to_be_visible()
    image = page.get_by_test_id("gallery").locator(".gallery-main img")
    expect(image).to_be_visible()
    assert re.search(r"\d+w", image.get_attribute("srcset") or ""), "gallery image has no width srcset"
    assert (image.get_attribute("alt") or "").strip(), "gallery image has no alt text"
    image.evaluate("img => img.decode()")
    assert image.evaluate("img => img.naturalWidth") > 0, "gallery image did not load"


def test_open_a_product_from_the_results(open_page, screenshot_dir):
    page = open_with_axe(open_page, PHONE)
    page.goto("/cari?q=bika")
    page.get_by_test_id("results").get_by_role("link", name=PRODUCT).click()
    expect(page).to_have_url(re.compile(r"/produk/\d+/bika-ambon-pandan$"))
    check_product_page(page)
    assert_fits_the_phone(page)
    screenshot(page, screenshot_dir, "catalog-product-360.png")


def test_compare_two_products(open_page, screenshot_dir):
    page = open_with_axe(open_page, PHONE)
    page.goto("/cari?q=bika")
    cards = page.get_by_test_id("results").get_by_test_id("product-card")
    expect(cards).to_have_count(2)
    names = cards.locator(".product-card-name").all_inner_texts()
    tall_enough_to_tap(cards.first.locator(".compare-check label"))
    for index in range(2):
        cards.nth(index).get_by_text("Bandingkan", exact=True).click()  # tapping the label ticks the box
        expect(cards.nth(index).get_by_role("checkbox", name="Bandingkan")).to_be_checked()
    page.get_by_test_id("compare-submit").click()
    expect(page).to_have_url(re.compile(r"/bandingkan\?p=\d+&p=\d+$"))
    table = page.get_by_test_id("compare-table")
    expect(table).to_be_visible()
    expect(table.get_by_test_id("compare-unit-price")).to_have_count(2)
    for price in table.get_by_test_id("compare-unit-price").all_inner_texts():
        assert price.startswith("Rp"), price
    for name in names:
        expect(table.get_by_role("columnheader").get_by_role("link", name=name)).to_be_visible()
    axe.assert_accessible(page)
    assert_fits_the_phone(page)
    screenshot(page, screenshot_dir, "catalog-compare-360.png")


def test_listing_and_product_on_desktop(open_page, live_app, screenshot_dir):
    page = open_page(DESKTOP)
    page.goto("/produk")
    cards = page.get_by_test_id("results").get_by_test_id("product-card")
    expect(cards.first).to_be_visible()
    # Several cards side by side on a wide screen.
    tops = {round(box["y"]) for box in (cards.nth(i).bounding_box() for i in range(min(4, cards.count())))}
    assert len(tops) == 1, "the first four cards are not on one row at 1280 px"
    screenshot(page, screenshot_dir, "catalog-listing-1280.png")

    page.goto(product_path(live_app, PRODUCT))
    check_product_page(page)
    screenshot(page, screenshot_dir, "catalog-product-1280.png")
