"""Facets, sorting and pagination of the listing, category and search pages, and bad URLs."""
from __future__ import annotations

import re

import pytest
import sqlalchemy as sa

from storefront.catalog import queries
from storefront.catalog.filters import MAX_PAGES, PER_PAGE
from storefront.catalog.queries import CANDIDATES, Found
from storefront.extensions import db
from storefront.reference.models import Kecamatan
from storefront.sellers.halal.kinds import BusinessScale
from storefront.sellers.halal.statuses import HalalStatus

BPJPH = "ID12110000123450724"


def names(html: str) -> list[str]:
    grid = html.split('data-testid="results"', 1)[1].split("</ul>", 1)[0] if 'data-testid="results"' in html else ""
    return re.findall(r'class="h6 mb-1 product-card-name">([^<]+)<', grid)


@pytest.fixture
def market(app, make):
    make.reference("medan")
    with app.app_context():
        kecamatan = db.session.scalars(sa.select(Kecamatan).order_by(Kecamatan.id).limit(2)).all()
        first, second = [(k.id, k.name) for k in kecamatan]
    north = make.seller(kecamatan_id=first[0], scale=BusinessScale.MIKRO)
    south = make.seller(kecamatan_id=second[0], scale=BusinessScale.KECIL)
    make.product(north, name="Kopi Robusta Sidikalang", price=45_000, lead_time_days=1, category="minuman-sirup",
                 halal_status=HalalStatus.CERTIFIED_REGULAR, halal_certificate_number=BPJPH)
    make.product(north, name="Sirup Markisa Kental", price=30_000, lead_time_days=5, category="minuman-sirup")
    make.product(south, name="Bika Ambon Keju", price=90_000, lead_time_days=2, category="kue-roti",
                 halal_status=HalalStatus.CERTIFIED_SELF_DECLARE, halal_certificate_number="ID12110000123450725")
    make.product(south, name="Ulos Sadum Tenunan", price=750_000, lead_time_days=14, category="ulos-songket")
    return {"north": first, "south": second}


def test_all_products_newest_first_with_facet_counts(client, market):
    html = client.get("/produk").text
    assert names(html) == ["Ulos Sadum Tenunan", "Bika Ambon Keju", "Sirup Markisa Kental", "Kopi Robusta Sidikalang"]
    assert "4 produk" in html
    chips = html.split('data-testid="category-facets"', 1)[1].split("</ul>", 1)[0]
    assert re.search(r"Kuliner <span[^>]*>\(3\)", chips) and re.search(r"Wastra &amp; fesyen <span[^>]*>\(1\)", chips)
    assert f'{market["north"][1]} (2)' in html and "Hanya bersertifikat halal (2)" in html


@pytest.mark.parametrize("query, expected", [
    ("halal=y", ["Bika Ambon Keju", "Kopi Robusta Sidikalang"]),
    ("harga_min=40000&harga_max=100000", ["Bika Ambon Keju", "Kopi Robusta Sidikalang"]),
    ("lama=3", ["Bika Ambon Keju", "Kopi Robusta Sidikalang"]),
    ("skala=kecil", ["Ulos Sadum Tenunan", "Bika Ambon Keju"]),
    ("urut=price_asc", ["Sirup Markisa Kental", "Kopi Robusta Sidikalang", "Bika Ambon Keju", "Ulos Sadum Tenunan"]),
    ("urut=price_desc", ["Ulos Sadum Tenunan", "Bika Ambon Keju", "Kopi Robusta Sidikalang", "Sirup Markisa Kental"]),
    ("kategori=kuliner&urut=price_asc", ["Sirup Markisa Kental", "Kopi Robusta Sidikalang", "Bika Ambon Keju"]),
])
def test_each_facet_and_sort_narrows_or_orders(client, market, query, expected):
    assert names(client.get(f"/produk?{query}").text) == expected


def test_kecamatan_facet(client, market):
    html = client.get(f"/produk?kecamatan={market['south'][0]}").text
    assert names(html) == ["Ulos Sadum Tenunan", "Bika Ambon Keju"]


def test_category_page_includes_its_children_and_shows_them_as_facets(client, market):
    html = client.get("/kategori/kuliner?urut=price_asc").text
    assert names(html) == ["Sirup Markisa Kental", "Kopi Robusta Sidikalang", "Bika Ambon Keju"]
    chips = html.split('data-testid="category-facets"', 1)[1].split("</ul>", 1)[0]
    assert 'href="/kategori/minuman-sirup?urut=price_asc"' in chips and "(2)" in chips
    assert client.get("/kategori/tidak-ada").status_code == 404
    assert client.get("/kategori/" + "x" * 500).status_code == 404


def test_search_combines_with_facets(client, market):
    both = client.get("/cari?q=kopi+markisa").text  # every word must match: no exact answer
    assert names(both) == [] or "Tidak ada yang persis cocok" in both  # (PostgreSQL offers near names)
    # The category's name counts too: the coffee is filed under "Minuman & sirup".
    assert names(client.get("/cari?q=sirup&urut=price_asc").text) == ["Sirup Markisa Kental", "Kopi Robusta Sidikalang"]
    assert names(client.get("/cari?q=sirup&halal=y").text) == ["Kopi Robusta Sidikalang"]
    assert names(client.get("/cari?q=bika&kategori=kuliner").text) == ["Bika Ambon Keju"]
    assert names(client.get("/cari?q=markisa").text) == ["Sirup Markisa Kental"]


@pytest.mark.parametrize("query, field", [
    ("harga_min=abc", "harga_min"), ("harga_max=-5", "harga_max"), ("harga_min=9" * 30, "harga_min"),
    ("harga_min=500&harga_max=100", "harga_max"), ("lama=99", "lama"), ("skala=raksasa", "skala"),
    ("urut=DROP+TABLE", "urut"), ("kecamatan=abc", "kecamatan"), ("kecamatan=99999999999", "kecamatan"),
])
def test_bad_filters_are_explained_next_to_the_field_and_ignored(client, market, query, field):
    response = client.get(f"/produk?{query}")
    assert response.status_code == 200
    html = response.text
    assert re.search(rf'id="{field}-galat"[^>]*data-testid="field-error">\s*\S', html), html[:200]
    assert 'aria-invalid="true"' in html
    assert len(names(html)) == 4  # the bad value narrowed nothing


def test_unknown_category_argument_is_explained(client, market):
    html = client.get("/cari?q=bika&kategori=tidak-ada").text
    assert "Kategori ini tidak ada" in html and names(html) == ["Bika Ambon Keju"]


@pytest.mark.parametrize("url", ["/produk?page=abc", "/produk?page=-3", "/produk?page=0", "/produk?page=" + "9" * 40,
                                 "/produk?halal=%00", "/produk?q=%00%00", "/cari?q=" + "a" * 10_000])
def test_absurd_arguments_get_a_sensible_page(client, market, url):
    response = client.get(url, follow_redirects=True)
    assert response.status_code == 200


def test_past_the_last_page_goes_to_the_last_page(client, make, market):
    seller = make.seller()
    for n in range(PER_PAGE + 1):
        make.product(seller, name=f"Keripik Pisang {n:02d}")
    assert "Halaman 1 dari 2" in client.get("/produk").text
    response = client.get("/produk?halal=&page=9")
    assert response.status_code == 302 and response.headers["Location"] == "/produk?halal=&page=2"
    assert client.get(f"/produk?page={MAX_PAGES + 100}").headers["Location"].endswith("page=2")
    last = client.get("/produk?page=2").text
    assert len(names(last)) == 5 and 'rel="prev"' in last and 'rel="next"' not in last
    empty = client.get("/cari?q=tidakadasamasekali&page=3")
    assert empty.status_code == 302 and empty.headers["Location"].endswith("page=1")


def test_results_never_pass_the_page_cap():
    found = Found([(n,) for n in range(CANDIDATES)], page=MAX_PAGES)
    assert found.pages == MAX_PAGES and found.is_capped and len(found.ids) == PER_PAGE
    assert not Found(list(range(CANDIDATES - 1)), page=1).is_capped


def test_more_results_than_reachable_show_as_more_than_without_counts(client, market, monkeypatch):
    monkeypatch.setattr(queries, "CANDIDATES", 3)
    html = client.get("/produk").text
    assert "Lebih dari 2 produk" in html and len(names(html)) == 3
    assert "Hanya bersertifikat halal (" not in html and not re.search(r"Kuliner <span[^>]*>\(", html)
    assert 'href="/kategori/kuliner"' in html  # the options stay, without counts
