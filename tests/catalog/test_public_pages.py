"""The public catalog through the app: what appears where, and what never does."""
from __future__ import annotations

import json
import re
from html import unescape

import pytest

from storefront.accounts.models import User
from storefront.accounts.roles import Role
from storefront.catalog import queries
from storefront.catalog.filters import CatalogQuery
from storefront.catalog.urls import slugify
from storefront.extensions import db
from storefront.listings.workflow import ProductStatus
from storefront.sellers import services as seller_services
from storefront.sellers.halal.statuses import HalalStatus, shows_halal_badge
from storefront.sellers.models import Seller
from storefront.sellers.workflow import Party, SellerAction, SellerStatus
from storefront.timeutil import utcnow

BPJPH = "ID12110000123450724"


@pytest.fixture
def shop(make):
    make.reference("medan")
    seller = make.seller(business_name="Dapur Bika Tiga Saudara", is_pkp=True, verified_at=utcnow())
    product = make.product(seller, name="Bika Ambon Pandan", description="Bika ambon lembut, dibuat tiap pagi.",
                           price=1_250_000, min_order=2, lead_time_days=3, category="kue-roti",
                           halal_status=HalalStatus.CERTIFIED_REGULAR, halal_certificate_number=BPJPH,
                           pirt_number="206127101234529", price_includes_ppn=True)
    make.photo(product, alt_text="Kotak bika ambon dari depan")
    return seller, product


def product_path(product) -> str:
    return f"/produk/{product.id}/{slugify(product.name)}"


def test_product_page_shows_what_a_buyer_decides_on(client, shop):
    seller, product = shop
    page = client.get(product_path(product))
    assert page.status_code == 200
    html = page.text
    assert "Rp1.250.000" in html and "Harga sudah termasuk PPN." in html
    assert "Rp2.500.000" in html  # the minimum order, priced
    assert "3 hari" in html and "Seluruh kota" in html
    assert BPJPH in html and 'data-testid="halal-badge"' in html
    assert "206127101234529" in html  # the P-IRT number
    assert seller.business_name in html and "Terverifikasi Dinas sejak" in html
    image = re.search(r'<img src="[^"]+" srcset="([^"]+)"[^>]*alt="Kotak bika ambon dari depan"', html)
    assert image and "320w" in image[1] and "640w" in image[1]  # no upscaling past the 640 px original


def test_product_page_structured_data_and_sharing_tags(client, shop):
    _, product = shop
    html = client.get(product_path(product)).text
    data = json.loads(unescape(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)[1]))
    assert data["@type"] == "Product" and data["name"] == "Bika Ambon Pandan"
    assert data["offers"]["price"] == "1250000" and data["offers"]["priceCurrency"] == "IDR"
    assert data["image"][0].startswith("http://localhost/media/")
    canonical = re.search(r'<link rel="canonical" href="([^"]+)"', html)[1]
    assert canonical == f"http://localhost{product_path(product)}"
    assert re.search(r'<meta property="og:image" content="http://localhost/media/[^"]+"', html)
    assert '<meta property="og:type" content="product">' in html


def test_a_stale_slug_redirects_to_the_canonical_address(client, shop):
    _, product = shop
    response = client.get(f"/produk/{product.id}/nama-lama")
    assert response.status_code == 301 and response.headers["Location"].endswith(product_path(product))


@pytest.mark.parametrize("status", [s for s in ProductStatus if s is not ProductStatus.PUBLISHED])
def test_unpublished_products_are_nowhere(client, make, status):
    make.reference("medan")
    hidden = make.product(make.seller(), status=status, name="Dodol Rahasia Sekali")
    assert client.get(product_path(hidden)).status_code == 404
    for url in ("/", "/produk", "/cari?q=dodol", "/kategori/kuliner", "/sitemap/produk-0.xml",
                f"/bandingkan?p={hidden.id}&p={hidden.id + 1}"):
        assert "Dodol Rahasia" not in client.get(url).text, url


def test_a_suspended_seller_disappears_at_once(app, client, make, shop):
    seller, product = shop
    verifier = make.user(Role.VERIFIER)
    seller_path = f"/umkm/{seller.id}/{slugify(seller.business_name)}"
    lists = {"/": seller.business_name, "/produk": seller.business_name, "/cari?q=bika": seller.business_name,
             "/kategori/kue-roti": seller.business_name, "/sitemap/halaman.xml": seller_path,
             "/sitemap/produk-0.xml": product_path(product)}
    assert all(marker in client.get(url).text for url, marker in lists.items())  # and now cached
    assert client.get(product_path(product)).status_code == client.get(seller_path).status_code == 200
    with app.app_context():
        seller_services.act(db.session.get(Seller, seller.id), SellerAction.SUSPEND,
                            actor=db.session.get(User, verifier.id), party=Party.VERIFIER,
                            reason="Izin usaha dicabut sementara")
        db.session.commit()
    assert client.get(product_path(product)).status_code == 404
    assert client.get(seller_path).status_code == 404
    for url, marker in lists.items():
        assert marker not in client.get(url).text, url


def test_home_has_shelves_counts_and_categories(client, make, shop):
    seller, _ = shop
    make.product(seller, name="Kopi Sidikalang", halal_status=HalalStatus.NOT_CERTIFIED)
    html = client.get("/").text
    new = html[html.index('data-testid="new-products"'):html.index('data-testid="halal-products"')]
    halal = html[html.index('data-testid="halal-products"'):]
    assert "Kopi Sidikalang" in new and "Bika Ambon Pandan" in new
    assert "Bika Ambon Pandan" in halal and "Kopi Sidikalang" not in halal.split("</ul>")[0]
    counts = html[html.index('data-testid="live-counts"'):]
    assert re.search(r"<strong>2</strong>produk tayang", counts) and re.search(r"<strong>1</strong>UMKM", counts)
    assert 'href="/kategori/kuliner"' in html


def test_seller_page_lists_only_that_sellers_public_products(client, make, shop):
    seller, product = shop
    other = make.seller(business_name="Toko Lain")
    make.product(other, name="Sirup Markisa Toko Lain")
    make.product(seller, name="Bolu Meranti Draf", status=ProductStatus.DRAFT)
    html = client.get(f"/umkm/{seller.id}/{slugify(seller.business_name)}").text
    assert "Bika Ambon Pandan" in html
    assert "Sirup Markisa" not in html and "Bolu Meranti Draf" not in html


@pytest.mark.parametrize("status", [s for s in SellerStatus if s is not SellerStatus.VERIFIED])
def test_sellers_not_verified_have_no_public_page(client, make, status):
    make.reference("medan")
    seller = make.seller(status)
    assert client.get(f"/umkm/{seller.id}").status_code == 404


def test_buyers_see_the_purchase_request_button_others_do_not(client, login, make, shop):
    _, product = shop
    assert 'data-testid="request-button"' not in client.get(product_path(product)).text
    for role in Role:
        html = login(make.user(role)).get(product_path(product)).text
        assert ('data-testid="request-button"' in html) is (role is Role.PEMESAN), role


def test_compare_two_to_four(client, make, shop):
    seller, first = shop
    others = [make.product(seller, name=f"Bolu Meranti {n}", price=40_000 + n) for n in range(4)]
    ids = [first.id] + [p.id for p in others]
    two = client.get(f"/bandingkan?p={ids[0]}&p={ids[1]}").text
    assert two.count('data-testid="compare-unit-price"') == 2 and "Rp1.250.000 / " in two
    four = client.get("/bandingkan?" + "&".join(f"p={i}" for i in ids[:4])).text
    assert four.count('data-testid="compare-unit-price"') == 4
    five = client.get("/bandingkan?" + "&".join(f"p={i}" for i in ids)).text
    assert five.count('data-testid="compare-unit-price"') == 4 and "Paling banyak 4 produk" in five
    one = client.get(f"/bandingkan?p={ids[0]}").text
    assert 'data-testid="compare-problem"' in one and "compare-table" not in one
    junk = client.get("/bandingkan?p=abc&p=-1&p=99999999999999&p=%00").text
    assert 'data-testid="compare-problem"' in junk


def test_compare_leaves_out_products_no_longer_public(client, make, shop):
    seller, first = shop
    second = make.product(seller, name="Bolu Meranti")
    gone = make.product(seller, name="Dodol Ditarik", status=ProductStatus.UNPUBLISHED)
    html = client.get(f"/bandingkan?p={first.id}&p={second.id}&p={gone.id}").text
    assert html.count('data-testid="compare-unit-price"') == 2 and "Dodol Ditarik" not in html
    assert 'data-testid="compare-missing"' in html


def test_sitemap_lists_public_products_and_sellers(client, make, shop):
    seller, product = shop
    draft = make.product(seller, status=ProductStatus.DRAFT)
    index = client.get("/sitemap.xml")
    assert index.status_code == 200 and index.mimetype == "application/xml"
    assert "http://localhost/sitemap/produk-0.xml" in index.text
    assert "http://localhost/sitemap/halaman.xml" in index.text
    products = client.get("/sitemap/produk-0.xml").text
    assert f"http://localhost{product_path(product)}" in products
    assert f"/produk/{draft.id}/" not in products
    pages = client.get("/sitemap/halaman.xml").text
    assert f"http://localhost/umkm/{seller.id}/{slugify(seller.business_name)}" in pages
    assert client.get("/sitemap/produk-7.xml").status_code == 404


def test_robots_points_at_the_sitemap_and_keeps_private_areas_out(client):
    robots = client.get("/robots.txt")
    assert robots.mimetype == "text/plain"
    assert "Sitemap: http://localhost/sitemap.xml" in robots.text
    for prefix in ("/admin", "/dinas", "/penjual", "/cari"):
        assert f"Disallow: {prefix}\n" in robots.text


CASES = [(status, number) for status in HalalStatus
         for number in ("", BPJPH, "00150099991220", "ID1211")]


def test_the_halal_filter_agrees_with_the_badge(app, make):
    """The "certified only" switch shows exactly the products with a badge, for every pairing."""
    make.reference("medan")
    seller = make.seller()
    made = [make.product(seller, halal_status=status, halal_certificate_number=number) for status, number in CASES]
    with app.test_request_context():
        found, _ = queries.find(CatalogQuery(halal_only=True))
        flagged = {row[0] for row in found.rows}
    assert {p.id for p in made if shows_halal_badge(p.halal_status, p.halal_certificate_number)} == flagged
    assert flagged  # the rule admits someone
