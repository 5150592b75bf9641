"""Who may use which URL: one table for every endpoint, checked for every role on every route.

ACCESS below is the single place that says who may use an endpoint. A new route fails
`test_every_endpoint_is_in_the_access_table` until it is added here, and then every matrix test
below covers it (GET pages for visitors and all seven roles; POST actions with a database check
that a refused request changed nothing and an allowed one did what it should).
"""
from __future__ import annotations

import io
import os
import re
from dataclasses import dataclass, field
from datetime import timedelta
from html import unescape
from typing import Callable
from urllib.parse import parse_qs, urlsplit

import pytest
import sqlalchemy as sa
from flask import url_for
from PIL import Image
from sqlalchemy.orm import selectinload
from werkzeug.datastructures import FileStorage
from werkzeug.exceptions import HTTPException

from storefront.accounts import passwords
from storefront.accounts.models import AccountEvent, AuthSession, User
from storefront.accounts.roles import Role
from storefront.admin.reference_views import KINDS
from storefront.catalog.models import Product
from storefront.catalog.urls import slugify
from storefront.extensions import db
from storefront.media.services import store_upload
from storefront.reference.models import Category, Kecamatan, Opd, Unit
from storefront.sellers import documents, photos
from storefront.sellers.models import DocumentKind, Seller, SellerDocument
from storefront.sellers.workflow import ProductStatus, SellerStatus
from storefront.timeutil import utcnow
from tests.conftest import TEST_PASSWORD
from tests.page_forms import reviewed_token
from tests.pdf_samples import small_pdf

PUBLIC = "public"        # anyone, signed in or not
SIGNED_IN = "signed-in"  # any signed-in user, whatever the role
ADMIN = frozenset({Role.ADMIN})
READERS = frozenset({Role.ADMIN, Role.AUDITOR})  # the auditor reads admin lists, changes nothing
SELLER = frozenset({Role.SELLER})  # and only their own business (object rules: 404 otherwise)
DINAS = frozenset({Role.VERIFIER, Role.ADMIN, Role.AUDITOR})  # read the verification side
VERIFIER = frozenset({Role.VERIFIER})  # decide
PEMESAN = frozenset({Role.PEMESAN})
PROCUREMENT_READERS = frozenset({Role.PEMESAN, Role.PPK, Role.BENDAHARA, Role.SELLER, Role.VERIFIER, Role.AUDITOR})
PROCUREMENT_PARTIES = PROCUREMENT_READERS - {Role.AUDITOR}  # the auditor reads, changes nothing

# THE access table: every endpoint of the app (static files excepted) and who may use it.
ACCESS: dict[str, object] = {
    "catalog.home": PUBLIC,
    "catalog.listing": PUBLIC,
    "catalog.category": PUBLIC,
    "catalog.search": PUBLIC,
    "catalog.search_alias": PUBLIC,
    "catalog.product": PUBLIC,  # published products of verified sellers only (tests/catalog)
    "catalog.seller": PUBLIC,   # verified sellers only
    "catalog.compare": PUBLIC,
    "catalog.sitemap_index": PUBLIC,
    "catalog.sitemap_products": PUBLIC,
    "catalog.sitemap_pages": PUBLIC,
    "catalog.robots": PUBLIC,
    "media.serve": PUBLIC,  # role-free; which image whom may see is object-level (tests/media)
    "i18n.set_language": PUBLIC,
    "accounts.login": PUBLIC,
    "accounts.logout": SIGNED_IN,
    "accounts.change_password": SIGNED_IN,
    "accounts.dashboard": SIGNED_IN,
    "admin.user_list": READERS,
    "admin.user_new": ADMIN,
    "admin.user_edit": ADMIN,
    "admin.user_set_active": ADMIN,
    "admin.user_reset_password": ADMIN,
    "admin.user_unlock": ADMIN,  # any account's sign-in, after failed attempts
    "admin.reference_list": READERS,
    "admin.reference_items": READERS,
    "admin.reference_new": ADMIN,
    "admin.reference_edit": ADMIN,
    "sellers.register": PUBLIC,  # with an invitation code; signed-in users go to their dashboard
    "sellers.dashboard": SELLER,
    "sellers.profile": SELLER,
    "sellers.document_list": SELLER,
    "sellers.document_file": SELLER,
    "sellers.document_delete": SELLER,
    "sellers.submit": SELLER,
    "verification.queue": DINAS,
    "verification.seller_review": DINAS,
    "verification.document_file": DINAS,
    "verification.seller_decide": VERIFIER,
    "verification.owner_unlock": VERIFIER,  # the sign-in of a business's owner
    "listings.product_list": SELLER,
    "listings.product_new": SELLER,
    "listings.product_edit": SELLER,
    "listings.product_photos": SELLER,
    "listings.photo_change": SELLER,
    "listings.product_act": SELLER,
    "curation.queue": DINAS,
    "curation.product_review": DINAS,
    "curation.product_decide": VERIFIER,
    "registry.index": DINAS,  # the binaan registry: the verifier keeps it, admin and auditor read it
    "registry.invitation": DINAS,
    "registry.invitation_renew": VERIFIER,  # a new code; the old one claims nothing
    "registry.entry_new": VERIFIER,
    "registry.entry_edit": VERIFIER,
    "registry.import_upload": VERIFIER,
    "registry.import_template": VERIFIER,
    "registry.import_preview": VERIFIER,
    "registry.import_confirm": VERIFIER,
    "registry.import_cancel": VERIFIER,
    "procurement.cart": PEMESAN,
    "procurement.cart_add": PEMESAN,
    "procurement.cart_remove": PEMESAN,
    "procurement.checkout": PEMESAN,
    # Requests: each role sees only its own (object rules: 404 otherwise, tests/procurement).
    "procurement.inbox": PROCUREMENT_READERS,
    "procurement.detail": PROCUREMENT_READERS,
    "procurement.document": PROCUREMENT_READERS,
    "procurement.attachment": PROCUREMENT_READERS,
    "procurement.notices": PROCUREMENT_READERS,
    "procurement.notices_read": PROCUREMENT_READERS,  # their own notices only
    "procurement.step": PROCUREMENT_PARTIES,  # and only the party the table names (per principal below)
    "procurement.verify": PUBLIC,  # the QR page: a 404 without the document's own fingerprint
    "procurement.rate": PEMESAN,   # of their OPD's completed requests, once
    "procurement.reply": SELLER,   # to the rating of their own request, once
}
UNLISTED = {"static", "bootstrap.static"}

# Allowed GETs answer 200, except these, which redirect: (endpoint, who) -> path.
GET_REDIRECTS = {
    ("catalog.search_alias", "anyone"): "/cari",         # the English address of the search page
    ("i18n.set_language", "anyone"): "/",               # sets the cookie, goes back (home by default)
    ("accounts.login", "signed-in"): "/dasbor",          # already signed in: straight to the dashboard
    ("sellers.register", "signed-in"): "/dasbor",
}

PRINCIPALS = [None, *Role]  # None: an anonymous visitor
NEW_PASSWORD = "kalimat-rahasia-baru-2026"
# Placeholders in URL arguments, replaced by the ids of real rows (World.refs):
TARGET = "<target>"                    # the spare account the admin works on
IMAGE = "<image>"                      # a derivative of a photo stored by the spare seller
OWN_DOCUMENT = "<own_document>"        # a document of the seller account's own business
REVIEW_SELLER = "<review_seller>"      # a business waiting for verification
REVIEW_DOCUMENT = "<review_document>"  # its NIB document
FIRST = "<first row id>"               # the first row of the reference kind in the URL
REGISTRY_ENTRY = "<registry_entry>"    # an invited business in the binaan registry (no owner yet)
OWN_PRODUCT = "<own_product>"          # a draft listing (with one photo) of the seller account
REVIEW_PRODUCT = "<review_product>"    # a listing of a verified business waiting for curation
PUBLIC_PRODUCT = "<public_product>"    # a published listing of a verified business
PUBLIC_PRODUCT_SLUG = "<public_product_slug>"
PUBLIC_SELLER = "<public_seller>"      # that verified business
PUBLIC_SELLER_SLUG = "<public_seller_slug>"
CART_ITEM = "<cart_item>"              # a line in the pemesan's cart (the public product)
DISPUTED = "<disputed>"                # a request of the world's OPD to the seller's business, in dispute:
DIGEST = "<digest>"                    # every procurement reader sees it; the fingerprint of its SP
# One request per party, in a status where that party acts, and the step it takes (POST matrix).
# (The requests go to the seller user's own business, which is not verified: a step that commits the
# city would be refused for that, so the PPK's step here is a rejection.)
PARTY_STEPS = {Role.PEMESAN: ("submitted", "cancel"), Role.PPK: ("submitted", "reject"),
               Role.BENDAHARA: ("awaiting_payment", "record_payment"), Role.SELLER: ("approved", "decline"),
               Role.VERIFIER: ("disputed", "mediate_terminate")}
PARTY_DONE = {Role.PEMESAN: "cancelled", Role.PPK: "rejected", Role.BENDAHARA: "paid", Role.SELLER: "declined",
              Role.VERIFIER: "terminated"}
REFERENCE_MODELS = {"kecamatan": Kecamatan, "opd": Opd, "kategori": Category, "satuan": Unit}

# A valid submission of each reference form, for a new row and for editing the first row.
REFERENCE_NEW = {
    "kecamatan": {"code": "12.71.99", "name": "Kecamatan Uji", "active": "y"},
    "opd": {"name": "Dinas Uji Baru", "short_name": "DUB", "kind": "dinas", "active": "y"},
    "kategori": {"name_id": "Kategori Uji", "name_en": "Test category", "slug": "kategori-uji",
                 "parent_id": "", "position": "5", "active": "y"},
    "satuan": {"code": "satuan-uji", "name_id": "Satuan Uji", "name_en": "Test unit", "active": "y"},
}
REFERENCE_EDIT = {
    "kecamatan": {"code": "12.71.98", "name": "Kecamatan Diubah", "active": "y"},
    "opd": {"name": "Dinas Diubah", "short_name": "DD", "kind": "badan", "active": "y"},
    "kategori": {"name_id": "Kategori Diubah", "name_en": "Changed category", "slug": "kategori-diubah",
                 "parent_id": "", "position": "0", "active": "y"},
    "satuan": {"code": "satuan-diubah", "name_id": "Satuan Diubah", "name_en": "Changed unit", "active": "y"},
}
# The column each form's first field writes to (to check that an edit arrived).
REFERENCE_CHECK = {"kecamatan": "name", "opd": "name", "kategori": "name_id", "satuan": "name_id"}


def principal_name(principal) -> str:
    return "anonymous" if principal is None else principal.value


def allowed(endpoint: str, principal) -> bool:
    who = ACCESS[endpoint]
    if who == PUBLIC:
        return True
    if principal is None:
        return False
    return who == SIGNED_IN or principal in who


# ---------------------------------------------------------------- the world every test uses

@dataclass
class World:
    app: object
    users: dict
    target: User
    opd: Opd
    first: dict  # reference kind -> id of its first row
    refs: dict   # placeholder -> real value
    clients: dict = field(default_factory=dict)

    def url(self, endpoint: str, args: dict) -> str:
        values = {key: self.resolve(value, args) for key, value in args.items()}
        with self.app.test_request_context():
            return url_for(endpoint, **values)

    def resolve(self, value, args):
        if value == FIRST:
            return self.first[args["kind_name"]]
        if isinstance(value, list):
            return [self.refs.get(item, item) for item in value]
        return self.refs.get(value, value)

    def user(self, principal) -> User:
        return self.users[principal]


def build_world(app, make, sign_in) -> World:
    """Medan reference data, one account per role (the seller with a business being prepared),
    a spare account, a business waiting for verification, an invitation, a stored photo."""
    make.reference()
    with app.app_context():
        opd = db.session.scalar(sa.select(Opd).where(Opd.active.is_(True)).order_by(Opd.id))
        db.session.expunge(opd)
        first = {kind: db.session.scalar(sa.select(model.id).order_by(model.id))
                 for kind, model in REFERENCE_MODELS.items()}
    users = {role: make.user(role, opd=opd) for role in Role}
    target = make.user(Role.SELLER, email="sasaran@uji.example")
    own = make.seller(SellerStatus.REGISTERED, owner=users[Role.SELLER])
    review = make.seller(SellerStatus.SUBMITTED, submitted_at=utcnow())
    invited = make.seller(SellerStatus.INVITED)
    logo_id, logo_key = stored_image(app, target)
    verified = make.seller(SellerStatus.VERIFIED, logo_image_id=logo_id)  # so its logo is public
    review_product = make.product(verified, status=ProductStatus.IN_REVIEW, submitted_at=utcnow())
    public_product = make.product(verified, status=ProductStatus.PUBLISHED)
    own_product = make.product(own, status=ProductStatus.DRAFT, published_at=None)
    add_photo(app, own_product.id, users[Role.SELLER].id)
    refs = {
        TARGET: target.id,
        IMAGE: logo_key,
        OWN_PRODUCT: own_product.id,
        REVIEW_PRODUCT: review_product.id,
        OWN_DOCUMENT: stored_document_id(app, own.id),
        REVIEW_SELLER: review.id,
        REVIEW_DOCUMENT: stored_document_id(app, review.id),
        "own_seller": own.id,
        "invitation": invited.invitation_code,
        REGISTRY_ENTRY: invited.id,
        PUBLIC_PRODUCT: public_product.id,
        PUBLIC_PRODUCT_SLUG: slugify(public_product.name),
        PUBLIC_SELLER: verified.id,
        PUBLIC_SELLER_SLUG: slugify(verified.business_name),
    }
    refs |= procurement_refs(app, make, users, opd, own, public_product)
    world = World(app=app, users=users, target=target, opd=opd, first=first, refs=refs)
    world.clients = {None: app.test_client(), **{role: sign_in(user) for role, user in users.items()}}
    return world


@pytest.fixture
def world(app, make, login) -> World:
    return build_world(app, make, login)


def procurement_refs(app, make, users, opd, seller, product) -> dict:
    """A cart line for the pemesan, a request in each status a party acts in (PARTY_STEPS), and a
    request in dispute with its Surat Pesanan (which every procurement reader may open)."""
    from storefront.procurement import issuance
    from storefront.procurement.models import CartItem, PurchaseRequest

    refs = {}
    for role, (status, _) in PARTY_STEPS.items():
        refs[f"<request_{role.value}>"] = make.purchase_request(
            seller, product, opd=opd, pemesan=users[Role.PEMESAN], ppk=users[Role.PPK], status=status).id
    disputed = make.purchase_request(seller, product, opd=opd, pemesan=users[Role.PEMESAN], ppk=users[Role.PPK],
                                     status="disputed")
    for name in ("completed", "rated"):
        refs[f"<request_{name}>"] = make.purchase_request(
            seller, product, opd=opd, pemesan=users[Role.PEMESAN], ppk=users[Role.PPK], status="completed").id
    with app.app_context():
        db.session.add(CartItem(user_id=users[Role.PEMESAN].id, product_id=product.id, quantity=2))
        db.session.commit()
        refs[CART_ITEM] = db.session.scalar(sa.select(CartItem.id).where(CartItem.user_id == users[Role.PEMESAN].id))
        loaded = db.session.scalar(sa.select(PurchaseRequest).where(PurchaseRequest.id == disputed.id).options(
            selectinload(PurchaseRequest.items), selectinload(PurchaseRequest.opd), selectinload(PurchaseRequest.ppk),
            selectinload(PurchaseRequest.seller)))
        refs[DIGEST] = issuance.current(loaded, "sp").digest
        photo_bytes = io.BytesIO()
        Image.new("RGB", (64, 48), (30, 120, 60)).save(photo_bytes, "WEBP")
        key = documents.content_key_for(photo_bytes.getvalue(), "image/webp")
        documents.document_storage().save(key, photo_bytes.getvalue(), "image/webp")
        db.session.get(PurchaseRequest, disputed.id).shipping_photo_key = key
        db.session.commit()
        from storefront.procurement.models import Rating
        db.session.add(Rating(request_id=refs["<request_rated>"], seller_id=seller.id, on_time=5, as_described=4,
                              quality=5, rated_by_id=users[Role.PEMESAN].id))
        db.session.commit()
        from storefront.procurement.models import Notice
        for user in users.values():  # one unread notice each
            db.session.add(Notice(user_id=user.id, request_id=disputed.id, message="Sengketa menunggu mediasi"))
        db.session.commit()
    refs[DISPUTED] = disputed.id
    return refs


def photo(size=(640, 480), format="PNG") -> io.BytesIO:
    data = io.BytesIO()
    Image.new("RGB", size, (180, 40, 40)).save(data, format)
    data.seek(0)
    return data


def stored_image(app, owner) -> tuple[int, str]:
    """Store a small photo through the real upload service: its id and a derivative's key."""
    with app.app_context():
        image = store_upload(photo(), owner=owner)
        result = image.id, image.derivatives[0].key
        db.session.commit()
    return result


def add_photo(app, product_id: int, owner_id: int) -> None:
    """A packaging photo added through the real listing service."""
    with app.app_context():
        product = _with_photos(product_id)
        upload = FileStorage(stream=photo(format="JPEG"), filename="kemasan.jpg", content_type="image/jpeg")
        photos.add_photo(product, upload, alt_text="Kemasan depan", actor=db.session.get(User, owner_id))
        db.session.commit()


def _photo_texts(world) -> list[str]:
    with world.app.app_context():
        return [p["alt_text"] for p in photos.current_set(_with_photos(world.refs[OWN_PRODUCT]))]


def _with_photos(product_id: int) -> Product:
    return db.session.scalar(sa.select(Product).where(Product.id == product_id)
                             .options(selectinload(Product.photos)))


def stored_document_id(app, seller_id: int) -> int:
    """The NIB document of a business, stored through the real document service."""
    with app.app_context():
        seller = db.session.get(Seller, seller_id)
        owner = db.session.get(User, seller.owner_id)
        upload = FileStorage(stream=photo(format="JPEG"), filename="nib.jpg", content_type="image/jpeg")
        document = documents.add_document(seller, actor=owner, kind=DocumentKind.NIB, number=seller.nib,
                                          issued_on=None, expires_on=None, upload=upload)
        db.session.commit()
        return document.id


def snapshot(app) -> dict:
    """Every row of every table: two snapshots are equal only if nothing at all changed."""
    with app.app_context():
        return {table.name: sorted((tuple(row) for row in db.session.execute(sa.select(table))), key=repr)
                for table in db.metadata.sorted_tables}


def changed_tables(before: dict, after: dict) -> list[str]:
    return [name for name in before if before[name] != after[name]]


def login_redirect(response, path: str) -> str | None:
    """None if `response` sends the visitor to the login page with next=path, else what is wrong."""
    if response.status_code != 302:
        return f"status {response.status_code}, expected 302 to the login page"
    location = urlsplit(response.headers["Location"])
    next_values = parse_qs(location.query).get("next")
    if location.path != "/masuk" or next_values != [path]:
        return f"redirect to {response.headers['Location']}, expected /masuk?next={path}"
    return None


# ---------------------------------------------------------------- the table covers the app

def rules(app):
    return [rule for rule in app.url_map.iter_rules() if rule.endpoint not in UNLISTED]


def test_every_endpoint_is_in_the_access_table(app):
    endpoints = {rule.endpoint for rule in rules(app)}
    missing = endpoints - set(ACCESS)
    assert not missing, f"add these endpoints to ACCESS in {__name__}: {sorted(missing)}"
    stale = set(ACCESS) - endpoints
    assert not stale, f"ACCESS names endpoints the app no longer has: {sorted(stale)}"


def test_every_route_is_covered_by_the_matrix(app):
    """Each GET route has a GET case and each POST route a POST case below."""
    get_endpoints = {rule.endpoint for rule in rules(app) if "GET" in rule.methods}
    post_endpoints = {rule.endpoint for rule in rules(app) if "POST" in rule.methods}
    assert get_endpoints == {endpoint for endpoint, _ in GET_CASES}
    assert post_endpoints == {case.endpoint for case in POST_CASES}
    methods = {method for rule in rules(app) for method in rule.methods}
    assert methods <= {"GET", "HEAD", "OPTIONS", "POST"}, "new methods need cases in this file"


def test_reference_kinds_have_test_data():
    assert set(KINDS) == set(REFERENCE_MODELS) == set(REFERENCE_NEW) == set(REFERENCE_EDIT)


def test_role_guards_agree_with_the_table(app):
    """`role_required` marks its views; their roles must be what the table says."""
    for endpoint, who in ACCESS.items():
        marked = getattr(app.view_functions[endpoint], "allowed_roles", None)
        if isinstance(who, frozenset):
            assert marked == who, endpoint
        else:
            assert marked is None, f"{endpoint} is {who} in the table but guarded for {marked}"


# ---------------------------------------------------------------- GET: every route x everyone

GET_CASES = [
    ("catalog.home", {}),
    ("catalog.listing", {}),
    ("catalog.category", {"slug": "kuliner"}),
    ("catalog.search", {"q": "produk"}),
    ("catalog.search_alias", {"q": "produk"}),
    ("catalog.product", {"product_id": PUBLIC_PRODUCT, "slug": PUBLIC_PRODUCT_SLUG}),
    ("catalog.seller", {"seller_id": PUBLIC_SELLER, "slug": PUBLIC_SELLER_SLUG}),
    ("catalog.compare", {"p": [PUBLIC_PRODUCT, OWN_PRODUCT]}),
    ("catalog.sitemap_index", {}),
    ("catalog.sitemap_products", {"chunk": 0}),
    ("catalog.sitemap_pages", {}),
    ("catalog.robots", {}),
    ("media.serve", {"key": IMAGE}),
    ("i18n.set_language", {"code": "en"}),
    ("accounts.login", {}),
    ("accounts.change_password", {}),
    ("accounts.dashboard", {}),
    ("admin.user_list", {}),
    ("admin.user_new", {}),
    ("admin.user_edit", {"user_id": TARGET}),
    ("admin.reference_list", {}),
    *[("admin.reference_items", {"kind_name": kind}) for kind in REFERENCE_MODELS],
    *[("admin.reference_new", {"kind_name": kind}) for kind in REFERENCE_MODELS],
    *[("admin.reference_edit", {"kind_name": kind, "item_id": FIRST}) for kind in REFERENCE_MODELS],
    ("sellers.register", {}),
    ("sellers.dashboard", {}),
    ("sellers.profile", {}),
    ("sellers.document_list", {}),
    ("sellers.document_file", {"document_id": OWN_DOCUMENT}),
    ("verification.queue", {}),
    ("verification.seller_review", {"seller_id": REVIEW_SELLER}),
    ("verification.document_file", {"document_id": REVIEW_DOCUMENT}),
    ("listings.product_list", {}),
    ("listings.product_new", {}),
    ("listings.product_edit", {"product_id": OWN_PRODUCT}),
    ("listings.product_photos", {"product_id": OWN_PRODUCT}),
    ("curation.queue", {}),
    ("curation.product_review", {"product_id": REVIEW_PRODUCT}),
    ("registry.index", {}),
    ("registry.invitation", {"seller_id": REGISTRY_ENTRY}),
    ("registry.entry_new", {}),
    ("registry.entry_edit", {"seller_id": REGISTRY_ENTRY}),
    ("registry.import_upload", {}),
    ("registry.import_template", {"fmt": "csv"}),  # the .xlsx one: tests/sellers/test_registry_views.py
    ("registry.import_preview", {}),
    ("procurement.cart", {}),
    ("procurement.inbox", {"tab": "semua"}),
    ("procurement.detail", {"request_id": DISPUTED}),
    ("procurement.document", {"request_id": DISPUTED, "name": "surat-pesanan"}),
    ("procurement.attachment", {"request_id": DISPUTED, "which": "foto-kirim"}),
    ("procurement.notices", {}),
    ("procurement.verify", {"kind": "sp", "request_id": DISPUTED, "digest": DIGEST}),
]


def case_id(case) -> str:
    endpoint, args = case
    return "-".join([endpoint, *(str(v) for v in args.values() if not str(v).startswith("<"))])


def expected_get(endpoint: str, principal):
    """(status, redirect path or None) for an allowed principal."""
    state = "signed-in" if principal is not None else "anonymous"
    path = GET_REDIRECTS.get((endpoint, "anyone")) or GET_REDIRECTS.get((endpoint, state))
    return (302, path) if path else (200, None)


def links_on(html: str):
    """(method, path) of every link and form on a page that points into this site."""
    for href in re.findall(r'<a\b[^>]*\bhref="([^"]*)"', html):
        yield "GET", unescape(href)
    for form in re.findall(r"<form\b[^>]*>", html):
        method = (re.search(r'method="(\w+)"', form) or ["", "get"])[1].upper()
        action = re.search(r'action="([^"]*)"', form)
        if action and action[1]:
            yield method, unescape(action[1])


def unusable_links(app, html: str, principal) -> list[str]:
    """Links and forms on a page that this principal would be refused (navigation must not show them)."""
    adapter = app.url_map.bind("localhost")
    wrong = []
    for method, target in links_on(html):
        parts = urlsplit(target)
        if parts.scheme or parts.netloc or not parts.path.startswith("/"):
            continue
        try:
            endpoint, _ = adapter.match(parts.path, method=method)
        except HTTPException:
            wrong.append(f"{method} {target} (no such route)")
            continue
        if endpoint in UNLISTED or endpoint not in ACCESS:  # (the table test names missing ones)
            continue
        if not allowed(endpoint, principal):
            wrong.append(f"{method} {target}")
    return wrong


@pytest.mark.parametrize("case", GET_CASES, ids=case_id)
def test_get_matrix(world, case):
    endpoint, args = case
    url = world.url(endpoint, args)
    problems = []
    for principal in PRINCIPALS:
        who = principal_name(principal)
        response = world.clients[principal].get(url)
        if allowed(endpoint, principal):
            status, location = expected_get(endpoint, principal)
            if response.status_code != status:
                problems.append(f"{who}: {response.status_code}, expected {status}")
            elif location and urlsplit(response.headers["Location"]).path != location:
                problems.append(f"{who}: redirected to {response.headers['Location']}, expected {location}")
            elif status == 200 and response.mimetype == "text/html":
                problems += [f"{who}: page links to {link}, which it may not use"
                             for link in unusable_links(world.app, response.text, principal)]
        elif principal is None:
            error = login_redirect(response, url)
            if error:
                problems.append(f"{who}: {error}")
        elif response.status_code != 403:
            problems.append(f"{who}: {response.status_code}, expected 403")
        response.close()  # file responses (documents, photos) hold their file open until closed
    assert not problems, f"GET {url}:\n" + "\n".join(problems)


def test_the_login_page_after_a_refusal_speaks_indonesian(world):
    response = world.clients[None].get("/admin/pengguna", follow_redirects=True)
    assert response.request.path == "/masuk"
    flashes = re.findall(r'data-testid="flash">([^<]*)<', response.text)
    assert flashes, "the visitor should be told why they see the login page"
    assert "Please log in" not in response.text
    assert all("masuk" in message.lower() for message in flashes), flashes


# ---------------------------------------------------------------- POST: every route x everyone

@dataclass(frozen=True)
class PostCase:
    endpoint: str
    args: dict
    data: Callable[[World], dict]
    done: Callable[[World, object], bool]  # did the action take effect, for this principal?
    label: str = ""
    success_status: int = 302  # POST-redirect-GET, except pages shown once (temporary passwords)
    # Where each permitted principal posts, when that differs (a request step: each party its own).
    args_for: Callable[[object], dict] | None = None
    # A decision: the page (from the posted URL) whose form carries the version decided on.
    page_of: Callable[[str], str] | None = None

    @property
    def id(self) -> str:
        return self.endpoint + (f"-{self.label}" if self.label else "")


def decision_page(url: str) -> str:
    """A decision posts to its review page's URL plus one segment (/keputusan, /<step>)."""
    return url.rsplit("/", 1)[0]


def post_data(world, case: PostCase, principal, url: str) -> dict:
    """The case's form data, plus the version of the decision page as `principal` sees it."""
    data = case.data(world)
    if case.page_of is not None:
        data["reviewed"] = reviewed_token(world.clients[principal], case.page_of(url))
    return data


def _user(world, user_id) -> User:
    with world.app.app_context():
        return db.session.get(User, user_id)


def _sessions(world, user_id, *, ended: bool) -> int:
    with world.app.app_context():
        query = sa.select(sa.func.count()).select_from(AuthSession).where(AuthSession.user_id == user_id)
        query = query.where(AuthSession.ended_at.is_not(None) if ended else AuthSession.ended_at.is_(None))
        return db.session.scalar(query)


def _row(world, kind: str, **where):
    model = REFERENCE_MODELS[kind]
    with world.app.app_context():
        return db.session.scalar(sa.select(model).filter_by(**where))


def _reference_cases():
    for kind in REFERENCE_MODELS:
        check = REFERENCE_CHECK[kind]
        yield PostCase(
            "admin.reference_new", {"kind_name": kind}, lambda w, kind=kind: dict(REFERENCE_NEW[kind]),
            lambda w, p, kind=kind, check=check: _row(w, kind, **{check: REFERENCE_NEW[kind][check]}) is not None,
            kind)
        yield PostCase(
            "admin.reference_edit", {"kind_name": kind, "item_id": FIRST},
            lambda w, kind=kind: dict(REFERENCE_EDIT[kind]),
            lambda w, p, kind=kind, check=check:
                getattr(_row(w, kind, id=w.first[kind]), check) == REFERENCE_EDIT[kind][check],
            kind)


REGISTRY_CSV = "nama_usaha;nama_pemilik;nib;kecamatan\nKopi Matriks;Pak Uji;9100000000001;Medan Kota\n".encode()
REGISTRY_ENTRY_FORM = {"business_name": "Usaha Matriks", "owner_name": "Bu Uji", "nib": "9100000000002",
                       "kecamatan_id": "", "whatsapp": "0812 3456 7890", "address": "Jl. Uji 1", "category": "Kue"}


class ReplayableFile(io.BytesIO):
    """An upload the matrix can send again and again: the test client closes it after each
    request, which here only rewinds it."""

    def close(self) -> None:
        self.seek(0)


def _registry_uploads(world) -> int:
    """Files waiting between an import's preview and its confirmation."""
    folder = world.app.config["REGISTRY_IMPORT_DIR"]
    return len([name for _dir, _dirs, names in os.walk(folder) for name in names])


def _registry_upload(world) -> dict:
    """Upload a good registry file as the verifier (as the pages do, CSRF token and all); the
    confirmation form's data of its preview."""
    client = world.clients[Role.VERIFIER]
    page = client.get("/dinas/binaan/impor").text
    csrf_token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page)
    data = {"file": (io.BytesIO(REGISTRY_CSV), "binaan.csv"), **({"csrf_token": csrf_token[1]} if csrf_token else {})}
    assert client.post("/dinas/binaan/impor", data=data).status_code == 302
    preview = client.get("/dinas/binaan/impor/pratinjau").text
    return {"token": re.search(r'name="token" type="hidden" value="([0-9a-f]+)"', preview)[1]}


def product_form(world, **changes) -> dict:
    """A valid listing form (the seeded kue-roti category, sold by the loyang)."""
    with world.app.app_context():
        category = db.session.scalar(sa.select(Category.id).where(Category.slug == "kue-roti"))
        unit = db.session.scalar(sa.select(Unit.id).where(Unit.code == "loyang"))
    return {"name": "Bika ambon pandan", "category_id": str(category), "description": "Loyang 20x20 cm",
            "price": "75000", "unit_id": str(unit), "min_order": "1", "capacity_per_day": "30",
            "lead_time_days": "1", "delivery_area": "city", "halal_status": "certified_self_declare",
            "halal_certificate_number": "ID12110000012340925", "halal_out_of_scope_reason": "", **changes}


def _product(world, product_id) -> Product:
    with world.app.app_context():
        return db.session.get(Product, product_id)


def _listing_cases():
    yield PostCase("listings.product_new", {}, lambda w: product_form(w, form_key="kunci-formulir-produk-0001"),
                   lambda w, p: _count(w, Product, name="Bika ambon pandan") == 1)
    yield PostCase("listings.product_edit", {"product_id": OWN_PRODUCT},
                   lambda w: product_form(w, name="Bika ambon durian"),
                   lambda w, p: _product(w, w.refs[OWN_PRODUCT]).name == "Bika ambon durian")
    yield PostCase("listings.product_photos", {"product_id": OWN_PRODUCT},
                   lambda w: {"photo": (photo(format="JPEG"), "samping.jpg"), "alt_text": "Kemasan samping",
                              "form_key": "kunci-formulir-foto-0001"},
                   lambda w, p: _photo_texts(w) == ["Kemasan depan", "Kemasan samping"])
    yield PostCase("listings.photo_change", {"product_id": OWN_PRODUCT, "index": 0},
                   lambda w: {"operation": "describe", "alt_text": "Kemasan tampak depan"},
                   lambda w, p: _photo_texts(w) == ["Kemasan tampak depan"])
    yield PostCase("listings.product_act", {"product_id": OWN_PRODUCT, "step": "ajukan"}, lambda w: {},
                   lambda w, p: _product(w, w.refs[OWN_PRODUCT]).status is ProductStatus.IN_REVIEW)
    yield PostCase("curation.product_decide", {"product_id": REVIEW_PRODUCT},
                   lambda w: {"action": "request_revision", "reason": "Foto kemasan buram"},
                   lambda w, p: _product(w, w.refs[REVIEW_PRODUCT]).status is ProductStatus.REVISION_REQUESTED,
                   page_of=decision_page)


def _registry_cases():
    yield PostCase("registry.entry_new", {}, lambda w: dict(REGISTRY_ENTRY_FORM),
                   lambda w, p: _count(w, Seller, business_name="Usaha Matriks") == 1)
    yield PostCase("registry.entry_edit", {"seller_id": REGISTRY_ENTRY},
                   lambda w: dict(REGISTRY_ENTRY_FORM, business_name="Binaan Sudah Diubah"),
                   lambda w, p: _seller(w, w.refs[REGISTRY_ENTRY]).business_name == "Binaan Sudah Diubah")
    yield PostCase("registry.invitation_renew", {"seller_id": REGISTRY_ENTRY}, lambda w: {},
                   lambda w, p: _seller(w, w.refs[REGISTRY_ENTRY]).invitation_code != w.refs["invitation"])
    yield PostCase("registry.import_upload", {},
                   lambda w: {"file": (ReplayableFile(REGISTRY_CSV), "binaan.csv")},
                   lambda w, p: _registry_uploads(w) == 1)
    yield PostCase("registry.import_confirm", {}, _registry_upload,
                   lambda w, p: _count(w, Seller, business_name="Kopi Matriks") == 1)
    yield PostCase("registry.import_cancel", {}, lambda w: _registry_upload(w) and {},
                   lambda w, p: _registry_uploads(w) == 0)


def _request_status(world, role) -> str:
    from storefront.procurement.models import PurchaseRequest

    with world.app.app_context():
        return db.session.get(PurchaseRequest, world.refs[f"<request_{role.value}>"]).status.value


def _procurement_cases():
    from storefront.procurement.models import CartItem, Notice, PurchaseRequest, Rating

    checkout = lambda w: {  # noqa: E731
        "key": "kunci-matriks-0123456789", "ppk_id": str(w.user(Role.PPK).id), "kode_rekening": "5.1.02.01.01.0052",
        "rup_code": "12345678", "fiscal_year": "2026", "delivery_address": "Jl. Uji 2",
        "delivery_kecamatan_id": str(w.first["kecamatan"]), "recipient_name": "Bu Sari",
        "recipient_phone": "0812 3456 7890", "needed_on": (utcnow().date() + timedelta(days=8)).isoformat(),
        "window_start": "08:00", "window_end": "10:00"}
    yield PostCase("procurement.cart_add", {"product_id": PUBLIC_PRODUCT}, lambda w: {"quantity": "3", "key": "kunci-tambah-0123456789"},
                   lambda w, p: _count(w, CartItem, quantity=5) == 1)
    yield PostCase("procurement.cart_remove", {"item_id": CART_ITEM}, lambda w: {},
                   lambda w, p: _count(w, CartItem) == 0)
    yield PostCase("procurement.checkout", {}, checkout,
                   lambda w, p: _count(w, PurchaseRequest, idempotency_key="kunci-matriks-0123456789") == 1)
    # Every party's own step on its own request: cancel, approve, record a payment, decline, mediate.
    yield PostCase("procurement.step", {"request_id": f"<request_{Role.PEMESAN.value}>", "action": "cancel"},
                   lambda w: {"reason": "Kebutuhan berubah", "reason_code": "kebutuhan_batal", "sp_number": "SP/MATRIKS",
                              "method": "kkpd", "paid_on": utcnow().date().isoformat(), "amount": "50000",
                              "proof": (ReplayableFile(small_pdf("bukti bayar")), "bukti.pdf")},
                   lambda w, p: any(_request_status(w, role) == PARTY_DONE[role] for role in _whose(p)
                                    if role in PARTY_DONE),
                   args_for=lambda p: {"request_id": f"<request_{p.value}>", "action": PARTY_STEPS[p][1]},
                   page_of=decision_page)
    yield PostCase("procurement.rate", {"request_id": "<request_completed>"},
                   lambda w: {"on_time": "5", "as_described": "4", "quality": "5", "comment": "Rapi dan tepat waktu"},
                   lambda w, p: _count(w, Rating, request_id=w.refs["<request_completed>"]) == 1)
    yield PostCase("procurement.notices_read", {}, lambda w: {"up_to": str(2**31 - 1)},
                   lambda w, p: any(_count(w, Notice, user_id=w.user(r).id, read_at=None) == 0 for r in _whose(p)))
    yield PostCase("procurement.reply", {"request_id": "<request_rated>"}, lambda w: {"reply": "Terima kasih, Bapak/Ibu"},
                   lambda w, p: _count(w, Rating, reply="Terima kasih, Bapak/Ibu") == 1)


POST_CASES = [
    PostCase("accounts.login", {},
             lambda w: {"email": w.target.email, "password": TEST_PASSWORD},
             lambda w, p: _sessions(w, w.target.id, ended=False) == 1),
    PostCase("accounts.logout", {}, lambda w: {},
             lambda w, p: any(_sessions(w, w.user(r).id, ended=True) for r in _whose(p))),
    PostCase("accounts.change_password", {},
             lambda w: {"current_password": TEST_PASSWORD, "new_password": NEW_PASSWORD,
                        "confirm_password": NEW_PASSWORD},
             lambda w, p: any(passwords.verify_password(_user(w, w.user(r).id).password_hash, NEW_PASSWORD)
                              for r in _whose(p))),
    PostCase("admin.user_new", {},
             lambda w: {"email": "akun.baru@uji.example", "name": "Akun Baru", "role": "seller", "opd_id": ""},
             lambda w, p: _row_user(w, "akun.baru@uji.example") is not None, success_status=200),
    PostCase("admin.user_edit", {"user_id": TARGET},
             lambda w: {"name": "Nama Sudah Diubah", "role": "seller", "opd_id": ""},
             lambda w, p: _user(w, w.target.id).name == "Nama Sudah Diubah"),
    PostCase("admin.user_set_active", {"user_id": TARGET}, lambda w: {"active": "0"},
             lambda w, p: _user(w, w.target.id).is_active_account is False),
    PostCase("admin.user_reset_password", {"user_id": TARGET}, lambda w: {},
             lambda w, p: _user(w, w.target.id).must_change_password is True, success_status=200),
    PostCase("admin.user_unlock", {"user_id": TARGET}, lambda w: {},
             lambda w, p: _count(w, AccountEvent, user_id=w.target.id) == 1),
    *_reference_cases(),
    PostCase("sellers.register", {},
             lambda w: {"code": w.refs["invitation"], "name": "Bu Rahma", "email": "rahma@uji.example",
                        "password": "bika ambon pandan", "confirm": "bika ambon pandan"},
             lambda w, p: _row_user(w, "rahma@uji.example") is not None),
    PostCase("sellers.profile", {},
             lambda w: {"business_name": "Usaha Sudah Diubah", "owner_name": "Rahma",
                        "nib": _seller(w, w.refs["own_seller"]).nib, "address": "Jl. Majapahit 1",
                        "kecamatan_id": str(w.first["kecamatan"]), "whatsapp": "0812 3456 7890",
                        "scale": "mikro", "bank_name": "Bank Sumut", "bank_account_number": "123",
                        "bank_account_holder": "Rahma"},
             lambda w, p: _seller(w, w.refs["own_seller"]).business_name == "Usaha Sudah Diubah"),
    PostCase("sellers.document_list", {},
             lambda w: {"kind": "slhs", "number": "SLHS/123/2026", "form_key": "kunci-formulir-dokumen-0001",
                        "file": (photo(format="JPEG"), "slhs.jpg")},
             lambda w, p: _count(w, SellerDocument, kind=DocumentKind.SLHS) == 1),
    PostCase("sellers.document_delete", {"document_id": OWN_DOCUMENT}, lambda w: {},
             lambda w, p: _count(w, SellerDocument, id=w.refs[OWN_DOCUMENT]) == 0),
    PostCase("sellers.submit", {}, lambda w: {},
             lambda w, p: _seller(w, w.refs["own_seller"]).status is SellerStatus.SUBMITTED),
    PostCase("verification.seller_decide", {"seller_id": REVIEW_SELLER},
             lambda w: {"action": "request_revision", "reason": "Foto NIB buram", "field_nib": "Foto buram"},
             lambda w, p: _seller(w, w.refs[REVIEW_SELLER]).status is SellerStatus.REVISION_REQUESTED,
             page_of=decision_page),
    PostCase("verification.owner_unlock", {"seller_id": "own_seller"}, lambda w: {},
             lambda w, p: _count(w, AccountEvent, user_id=w.user(Role.SELLER).id) == 1),
    *_listing_cases(),
    *_registry_cases(),
    *_procurement_cases(),
]


def _seller(world, seller_id) -> Seller:
    with world.app.app_context():
        return db.session.get(Seller, seller_id)


def _count(world, model, **where) -> int:
    with world.app.app_context():
        return db.session.scalar(sa.select(sa.func.count()).select_from(model).filter_by(**where))


def _whose(principal) -> list[Role]:
    """Whose account an action on one's own account may have touched (a visitor has none: anyone's)."""
    return list(Role) if principal is None else [principal]


def _row_user(world, email: str):
    with world.app.app_context():
        return db.session.scalar(sa.select(User).where(User.email == email))


@pytest.mark.parametrize("case", POST_CASES, ids=lambda case: case.id)
def test_post_matrix(world, case):
    url = world.url(case.endpoint, case.args)
    problems = []
    refused = [p for p in PRINCIPALS if not allowed(case.endpoint, p)]
    permitted = [p for p in PRINCIPALS if allowed(case.endpoint, p)]
    if ACCESS[case.endpoint] == PUBLIC:
        # Public actions (signing in) are for visitors; signed-in users are sent on, with no change.
        refused, permitted = [p for p in PRINCIPALS if p is not None], [None]
    for principal in refused:
        who = principal_name(principal)
        before = snapshot(world.app)
        response = world.clients[principal].post(url, data=post_data(world, case, principal, url))
        if principal is None:
            error = login_redirect(response, url)
            if error:
                problems.append(f"{who}: {error}")
        elif ACCESS[case.endpoint] == PUBLIC:
            if response.status_code != 302 or urlsplit(response.headers["Location"]).path != "/dasbor":
                problems.append(f"{who}: {response.status_code}, expected a redirect to /dasbor")
        elif response.status_code != 403:
            problems.append(f"{who}: {response.status_code}, expected 403")
        tables = changed_tables(before, snapshot(world.app))
        if tables:
            problems.append(f"{who}: refused, but changed {tables}")
        if case.done(world, principal):
            problems.append(f"{who}: refused, but the action took effect")
    for principal in permitted:
        who = principal_name(principal)
        own_url = world.url(case.endpoint, case.args_for(principal)) if case.args_for else url
        response = world.clients[principal].post(own_url, data=post_data(world, case, principal, own_url))
        if response.status_code != case.success_status:
            problems.append(f"{who}: {response.status_code}, expected {case.success_status} after success")
        if not case.done(world, principal):
            problems.append(f"{who}: allowed, but the action did not take effect")
    assert not problems, f"POST {url}:\n" + "\n".join(problems)


def test_get_on_post_only_routes_is_405(world):
    post_only = [rule for rule in rules(world.app) if "GET" not in rule.methods]
    assert post_only, "the app has POST-only actions (/keluar at least)"
    for rule in post_only:
        case = next((case for case in POST_CASES if case.endpoint == rule.endpoint), None)
        assert case, f"add a POST case for {rule.endpoint}"
        url = world.url(case.endpoint, case.args)
        for principal in (None, Role.ADMIN):
            before = snapshot(world.app)
            response = world.clients[principal].get(url)
            assert response.status_code == 405, (url, principal)
            assert "POST" in response.headers["Allow"]
            assert snapshot(world.app) == before
    # The admin is still signed in: GET /keluar did not sign anyone out.
    assert world.clients[Role.ADMIN].get("/dasbor").status_code == 200


# ---------------------------------------------------------------- unknown ids and kinds

UNKNOWN_IDS = [999_999, 2**31 - 1, 2**31, 2**63, 10**30]


def unknown_urls(world):
    """(method, url) of URLs naming rows or kinds that do not exist."""
    for bad in UNKNOWN_IDS:
        yield "GET", f"/penjual/dokumen/{bad}/berkas"
        yield "POST", f"/penjual/dokumen/{bad}/hapus"
        yield "GET", f"/dinas/verifikasi/penjual/{bad}"
        yield "POST", f"/dinas/verifikasi/penjual/{bad}/keputusan"
        yield "POST", f"/dinas/verifikasi/penjual/{bad}/buka-kunci"
        yield "GET", f"/dinas/verifikasi/dokumen/{bad}"
        for suffix in ("", "/foto"):
            yield "GET", f"/penjual/produk/{bad}{suffix}"
        for suffix in ("", "/foto", "/foto/0", "/ajukan"):
            yield "POST", f"/penjual/produk/{bad}{suffix}"
        yield "GET", f"/dinas/kurasi/produk/{bad}"
        yield "POST", f"/dinas/kurasi/produk/{bad}/keputusan"
        yield "GET", f"/dinas/binaan/{bad}/undangan"
        yield "GET", f"/dinas/binaan/{bad}/ubah"
        yield "POST", f"/dinas/binaan/{bad}/ubah"
        yield "POST", f"/dinas/binaan/{bad}/undangan/kode-baru"
        yield "GET", f"/admin/pengguna/{bad}"
        for suffix in ("", "/status", "/reset-kata-sandi", "/buka-kunci"):
            yield "POST", f"/admin/pengguna/{bad}{suffix}"
        for kind in REFERENCE_MODELS:
            yield "GET", f"/admin/referensi/{kind}/{bad}"
            yield "POST", f"/admin/referensi/{kind}/{bad}"
        yield "GET", f"/permintaan/{bad}"
        yield "GET", f"/permintaan/{bad}/surat-pesanan.pdf"
        for suffix in ("/approve", "/nilai", "/tanggapan"):
            yield "POST", f"/permintaan/{bad}{suffix}"
        yield "POST", f"/keranjang/{bad}/hapus"
        yield "POST", f"/keranjang/tambah/{bad}"
        yield "GET", f"/verifikasi/sp/{bad}/{'0' * 64}"
    for kind in ("tidak-ada", "users", "OPD", "opd%00", "..%2Fpengguna"):
        yield "GET", f"/admin/referensi/{kind}"
        yield "GET", f"/admin/referensi/{kind}/baru"
        yield "POST", f"/admin/referensi/{kind}/baru"
        yield "GET", f"/admin/referensi/{kind}/{world.first['opd']}"
        yield "POST", f"/admin/referensi/{kind}/{world.first['opd']}"


def entitled(app, method: str, url: str):
    """A role the route is for (the admin where it may), or None if the URL matches no route."""
    try:
        endpoint, _ = app.url_map.bind("localhost").match(url, method=method)
    except HTTPException:
        return None
    return Role.ADMIN if allowed(endpoint, Role.ADMIN) else next(r for r in Role if allowed(endpoint, r))


def test_unknown_ids_and_kinds_are_404_for_those_entitled(world):
    """The admin (or, on the seller and verification side, the seller or the verifier) gets 404."""
    before = snapshot(world.app)
    problems = []
    for method, url in unknown_urls(world):
        principal = entitled(world.app, method, url) or Role.ADMIN
        response = world.clients[principal].open(url, method=method, data={"name": "x", "active": "0"})
        if response.status_code != 404:
            problems.append(f"{principal.value} {method} {url}: {response.status_code}")
    assert not problems, "\n".join(problems)
    assert snapshot(world.app) == before


def test_unknown_or_malformed_media_keys_are_404_for_everyone(world):
    unknown = "ab/ab" + "0" * 62 + ".webp"
    for key in (unknown, "../../etc/passwd", "%2e%2e/x.webp", "ab/ab.webp", world.refs[IMAGE].upper()):
        for principal in PRINCIPALS:
            assert world.clients[principal].get(f"/media/{key}").status_code == 404, (key, principal)


def test_unknown_kind_is_404_for_the_auditor_too(world):
    assert world.clients[Role.AUDITOR].get("/admin/referensi/tidak-ada").status_code == 404


def test_unknown_ids_tell_other_roles_nothing_new(world):
    """Refused roles get the same answer whether the row exists or not (no probing for ids)."""
    pairs = [
        ("GET", f"/admin/pengguna/{world.target.id}", "/admin/pengguna/999999"),
        ("POST", f"/admin/pengguna/{world.target.id}/status", "/admin/pengguna/999999/status"),
        ("POST", f"/admin/referensi/opd/{world.first['opd']}", "/admin/referensi/opd/999999"),
        ("GET", world.url("verification.document_file", {"document_id": REVIEW_DOCUMENT}),
         "/dinas/verifikasi/dokumen/999999"),
        ("POST", world.url("verification.seller_decide", {"seller_id": REVIEW_SELLER}),
         "/dinas/verifikasi/penjual/999999/keputusan"),
    ]
    adapter = world.app.url_map.bind("localhost")
    for method, url_known, url_unknown in pairs:
        endpoint, _ = adapter.match(url_known, method=method)
        for principal in PRINCIPALS:
            if allowed(endpoint, principal):
                continue
            client = world.clients[principal]
            known = client.open(url_known, method=method).status_code
            unknown = client.open(url_unknown, method=method).status_code
            assert known == unknown and known in (302, 403), (principal, url_known, known, unknown)


def test_a_seller_cannot_reach_another_sellers_document(world, make, login):
    """Object rule on the seller side: another business's document is 404, as if it did not exist."""
    other = make.user(Role.SELLER)
    make.seller(SellerStatus.REGISTERED, owner=other)
    client = login(other)
    document = world.refs[OWN_DOCUMENT]
    before = snapshot(world.app)
    assert client.get(f"/penjual/dokumen/{document}/berkas").status_code == 404
    assert client.post(f"/penjual/dokumen/{document}/hapus").status_code == 404
    assert snapshot(world.app) == before


def test_no_id_ever_causes_a_server_error(world):
    for principal in PRINCIPALS:
        for method, url in unknown_urls(world):
            status = world.clients[principal].open(url, method=method).status_code
            assert status in (302, 403, 404), (principal_name(principal), method, url, status)


# ---------------------------------------------------------------- the admin cannot lock themselves out

def flashes(html: str) -> list[str]:
    return [unescape(m).strip() for m in re.findall(r'data-testid="flash">([^<]*)<', html)]


def test_admin_cannot_disable_themselves(world):
    admin = world.users[Role.ADMIN]
    client = world.clients[Role.ADMIN]
    before = snapshot(world.app)
    response = client.post(f"/admin/pengguna/{admin.id}/status", data={"active": "0"}, follow_redirects=True)
    assert response.status_code == 200
    assert "Anda tidak dapat menonaktifkan akun Anda sendiri." in flashes(response.text)
    assert snapshot(world.app) == before
    assert _user(world, admin.id).is_active_account is True
    assert client.get("/admin/pengguna").status_code == 200  # still signed in


@pytest.mark.parametrize("role", [r for r in Role if r is not Role.ADMIN], ids=lambda r: r.value)
def test_admin_cannot_remove_their_own_admin_role(world, role):
    admin = world.users[Role.ADMIN]
    client = world.clients[Role.ADMIN]
    before = snapshot(world.app)
    response = client.post(f"/admin/pengguna/{admin.id}", data={
        "name": "Admin Lain", "role": role.value, "opd_id": str(world.opd.id) if role.needs_opd else ""})
    assert response.status_code == 200
    errors = re.findall(r'id="role-galat"[^>]*data-testid="field-error">\s*([^<]*?)\s*<', response.text)
    assert errors == ["Anda tidak dapat mengubah peran akun Anda sendiri."]
    assert snapshot(world.app) == before
    assert client.get("/admin/pengguna/baru").status_code == 200  # still an admin


def test_admin_may_still_rename_themselves(world):
    """The self-protection refuses only what locks the admin out, not every edit of their account."""
    admin = world.users[Role.ADMIN]
    response = world.clients[Role.ADMIN].post(
        f"/admin/pengguna/{admin.id}", data={"name": "Admin Baru", "role": "admin", "opd_id": ""})
    assert response.status_code == 302
    assert _user(world, admin.id).name == "Admin Baru"


# ---------------------------------------------------------------- the auditor changes nothing

def test_auditor_pages_offer_no_changes(world):
    client = world.clients[Role.AUDITOR]
    pages = ["/admin/pengguna", "/admin/referensi", "/permintaan", world.url("procurement.detail", {"request_id": DISPUTED}),
             *(f"/admin/referensi/{kind}" for kind in REFERENCE_MODELS),
             "/dinas/binaan", world.url("registry.invitation", {"seller_id": REGISTRY_ENTRY})]
    for page in pages:
        response = client.get(page)
        assert response.status_code == 200, page
        posts = [action for method, action in links_on(response.text) if method == "POST"]
        assert posts == ["/keluar"], (page, posts)  # only signing out
