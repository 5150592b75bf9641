"""The access matrix: who may use which URL, and the world its tests (and the other class tests) run in.

ACCESS below is the single place that says who may use an endpoint. A new route fails
tests/test_route_access.py (`test_every_endpoint_is_in_the_access_table`) until it is added here,
and then every matrix test covers it: GET_CASES (pages, for visitors and all seven roles) and
POST_CASES (actions, with a database check that a refused request changed nothing and an allowed
one did what it should). The world (`build_world`) holds a user per role, a business in each
state and a request where each party acts; tests get a copy of one built once per run
(`seed_of`, `open_world` and the `world` fixture in tests/conftest.py).
"""
from __future__ import annotations

import io
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from html import unescape
from urllib.parse import parse_qs, urlsplit

import sqlalchemy as sa
from flask import url_for
from PIL import Image
from sqlalchemy.orm import selectinload
from werkzeug.datastructures import FileStorage

from storefront.accounts import passwords
from storefront.accounts.models import AccountEvent, AuthSession, User
from storefront.accounts.roles import Role
from storefront.catalog.urls import slugify
from storefront.extensions import db
from storefront.listings import photos
from storefront.listings.models import Product
from storefront.listings.workflow import ProductStatus
from storefront.media.services import store_upload
from storefront.reference.models import Category, Kecamatan, Opd, Unit
from storefront.sellers import documents
from storefront.sellers.models import DocumentKind, Seller, SellerDocument
from storefront.sellers.workflow import SellerStatus
from storefront.timeutil import utcnow
from tests.app_setup import TEST_PASSWORD
from tests.helpers.clients import client_with, cookies_of, detached
from tests.helpers.page_forms import reviewed_token
from tests.helpers.pdf_samples import small_pdf

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


@dataclass(frozen=True)
class WorldSeed:
    """A built world as plain data, to open again over a copy of its database (tests/database.py)."""
    users: dict    # principal -> user id
    target: int
    opd: int
    first: dict
    refs: dict
    cookies: dict  # principal -> the cookies of its signed-in client


def seed_of(world: World) -> WorldSeed:
    return WorldSeed(users={role: user.id for role, user in world.users.items()}, target=world.target.id,
                     opd=world.opd.id, first=dict(world.first), refs=dict(world.refs),
                     cookies={principal: cookies_of(client) for principal, client in world.clients.items()})


def open_world(app, seed: WorldSeed) -> World:
    """The seed's world in `app`, whose database holds a copy of the seed's: fresh objects, and
    clients carrying the seed's sessions (each test may change them freely)."""
    users = {role: detached(app, User, user_id) for role, user_id in seed.users.items()}
    target, opd = detached(app, User, seed.target), detached(app, Opd, seed.opd)
    clients = {principal: client_with(app, cookies) for principal, cookies in seed.cookies.items()}
    return World(app=app, users=users, target=target, opd=opd, first=dict(seed.first), refs=dict(seed.refs),
                 clients=clients)


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


def links_on(html: str):
    """(method, path) of every link and form on a page that points into this site."""
    for href in re.findall(r'<a\b[^>]*\bhref="([^"]*)"', html):
        yield "GET", unescape(href)
    for form in re.findall(r"<form\b[^>]*>", html):
        method = (re.search(r'method="(\w+)"', form) or ["", "get"])[1].upper()
        action = re.search(r'action="([^"]*)"', form)
        if action and action[1]:
            yield method, unescape(action[1])


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


def user_row(world, user_id) -> User:
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


REGISTRY_CSV = b"nama_usaha;nama_pemilik;nib;kecamatan\nKopi Matriks;Pak Uji;9100000000001;Medan Kota\n"
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


def registry_upload(world) -> dict:
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
    yield PostCase("registry.import_confirm", {}, registry_upload,
                   lambda w, p: _count(w, Seller, business_name="Kopi Matriks") == 1)
    yield PostCase("registry.import_cancel", {}, lambda w: registry_upload(w) and {},
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
             lambda w, p: any(passwords.verify_password(user_row(w, w.user(r).id).password_hash, NEW_PASSWORD)
                              for r in _whose(p))),
    PostCase("admin.user_new", {},
             lambda w: {"email": "akun.baru@uji.example", "name": "Akun Baru", "role": "seller", "opd_id": ""},
             lambda w, p: _rowuser_row(w, "akun.baru@uji.example") is not None, success_status=200),
    PostCase("admin.user_edit", {"user_id": TARGET},
             lambda w: {"name": "Nama Sudah Diubah", "role": "seller", "opd_id": ""},
             lambda w, p: user_row(w, w.target.id).name == "Nama Sudah Diubah"),
    PostCase("admin.user_set_active", {"user_id": TARGET}, lambda w: {"active": "0"},
             lambda w, p: user_row(w, w.target.id).is_active_account is False),
    PostCase("admin.user_reset_password", {"user_id": TARGET}, lambda w: {},
             lambda w, p: user_row(w, w.target.id).must_change_password is True, success_status=200),
    PostCase("admin.user_unlock", {"user_id": TARGET}, lambda w: {},
             lambda w, p: _count(w, AccountEvent, user_id=w.target.id) == 1),
    *_reference_cases(),
    PostCase("sellers.register", {},
             lambda w: {"code": w.refs["invitation"], "name": "Bu Rahma", "email": "rahma@uji.example",
                        "password": "bika ambon pandan", "confirm": "bika ambon pandan"},
             lambda w, p: _rowuser_row(w, "rahma@uji.example") is not None),
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


def _rowuser_row(world, email: str):
    with world.app.app_context():
        return db.session.scalar(sa.select(User).where(User.email == email))
