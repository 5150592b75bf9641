"""The seller's dashboard shows the products' part (listings/dashboard.py, added through
web/page_parts.py): how many in each status, and which the Dinas asked to fix."""
from __future__ import annotations

import re

from storefront.accounts.roles import Role
from storefront.listings.workflow import ProductStatus
from storefront.sellers.workflow import SellerStatus


def test_dashboard_counts_products_by_status_and_links_those_to_fix(app, make, login):
    make.reference("medan")
    owner = make.user(Role.SELLER)
    seller = make.seller(SellerStatus.VERIFIED, owner=owner)
    for _ in range(2):
        make.product(seller, status=ProductStatus.PUBLISHED)
    make.product(seller, status=ProductStatus.DRAFT)
    to_fix = make.product(seller, status=ProductStatus.REVISION_REQUESTED, name="Keripik perlu foto baru")
    make.product(make.seller(SellerStatus.VERIFIED), status=ProductStatus.SUSPENDED)  # another seller's

    page = login(owner).get("/penjual").text

    counts = re.search(r'data-testid="product-counts">(.*?)</ul>', page, re.S).group(1)
    assert re.findall(r'data-testid="product-status">([^<]+)</span> (\d+)', counts) == [
        ("Draf", "1"), ("Tayang", "2"), ("Perlu perbaikan", "1")]
    fix = re.search(r'data-testid="products-to-fix">(.*?)</ul>', page, re.S).group(1)
    assert f'/penjual/produk/{to_fix.id}"' in fix and "Keripik perlu foto baru" in fix
    assert fix.count("<li>") == 1


def test_a_seller_without_products_is_told_so(app, make, login):
    make.reference("medan")
    owner = make.user(Role.SELLER)
    make.seller(SellerStatus.REGISTERED, owner=owner)

    page = login(owner).get("/penjual").text

    assert 'data-testid="product-counts"' not in page and "Belum ada produk." in page
