"""Issue 10 point 9: text that people write is shown as text, never as markup.

Every text column of the schema is classified below: written by people (USER_TEXT, JSON_TEXT) or
not (NOT_USER_TEXT, with the reason); a new column fails the classification test until it is
sorted. Then markup goes into every column people write, on every row, and every page and PDF is
opened as everyone allowed to open it, every action is posted (with markup in its own text fields
too) and the pages after it, with their flash messages, are read: no injected element or attribute
may exist, and the PDFs show the markup as literal text.
"""
from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import timedelta
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
import sqlalchemy as sa
from flask import render_template_string
from markupsafe import Markup, escape

from storefront.accounts import passwords
from storefront.accounts.models import User
from storefront.accounts.roles import Role
from storefront.extensions import db
from storefront.timeutil import utcnow
from tests.app_setup import TEST_PASSWORD, sign_in
from tests.helpers.access_matrix import (
    ACCESS,
    CART_ITEM,
    NEW_PASSWORD,
    OWN_PRODUCT,
    POST_CASES,
    PRINCIPALS,
    PUBLIC,
    PUBLIC_PRODUCT,
    REVIEW_SELLER,
    allowed,
    principal_name,
)
from tests.helpers.crawl import crawl

# Columns people type into (directly, through a form or an import), and who does.
USER_TEXT = {
    "categories.name_id": "admin", "categories.name_en": "admin", "units.name_id": "admin",
    "units.name_en": "admin", "kecamatan.name": "admin", "opds.name": "admin", "opds.short_name": "admin",
    "users.name": "admin, seller at registration",
    "auth_sessions.user_agent": "any client (a request header)",
    "sellers.business_name": "seller, verifier (registry)", "sellers.legal_name": "seller",
    "sellers.owner_name": "seller, verifier", "sellers.address": "seller, verifier",
    "sellers.kelurahan": "seller", "sellers.registry_category": "verifier (registry import)",
    "sellers.description": "seller", "sellers.bank_name": "seller", "sellers.bank_account_holder": "seller",
    "products.name": "seller", "products.description": "seller", "products.non_halal_ingredient": "seller",
    "purchase_requests.kode_rekening": "pemesan", "purchase_requests.delivery_address": "pemesan",
    "purchase_requests.recipient_name": "pemesan", "purchase_requests.notes": "pemesan",
    "purchase_requests.sp_number": "ppk", "purchase_requests.shipping_note": "seller",
    "purchase_requests.bast_number": "pemesan", "seller_documents.number": "seller (SLHS: free text)",
    "seller_events.reason": "verifier", "product_events.reason": "verifier", "request_events.reason": "each party",
    "notices.message": "composed from names and numbers", "payments.reference": "bendahara",
    "product_photos.alt_text": "seller", "product_revisions.reason": "verifier",
    "ratings.comment": "pemesan", "ratings.reply": "seller",
    "request_items.name": "snapshot of products.name", "request_items.unit_name": "snapshot of units.name_id",
}
# JSON columns with text people wrote under these keys (None: every value of the object).
JSON_TEXT = {
    "product_revisions.changes": ("name", "description", "non_halal_ingredient"),
    "seller_events.field_reasons": None, "product_events.field_reasons": None,
    "purchase_requests.counter_offer": ("note",), "purchase_requests.inspection": ("note",),
    # Copied from the columns above when a document is issued; the PDF is drawn from these. (The
    # poisoned facts no longer match their fingerprint, so the QR page then says "not recognised".)
    "issued_documents.facts": ("number", "request", "opd", "ppk", "seller", "seller_owner", "rup",
                               "kode_rekening"),
}
NOT_USER_TEXT = {
    "categories.slug": "a slug the form checks ([a-z0-9-])", "units.code": "a code the form checks",
    "kecamatan.code": "a Kemendagri code the form checks",
    **{f"cities.{name}": "seeded from the reference data files; no form writes it"
       for name in ("slug", "code", "name", "province", "timezone", "dinas_name", "dinas_short_name")},
    "holidays.name": "seeded from the reference data files; no form writes it",
    "issued_documents.kind": "sp or bast, set by the code", "issued_documents.digest": "a SHA-256 hex digest",
    "issued_documents.number": "copied from purchase_requests.sp_number/bast_number, never shown from here",
    "cart_items.add_key": "a form's random key (storefront/once.py), checked for length",
    "form_submissions.key": "a form's random key (storefront/once.py), checked for length",
    "account_events.action": "a code set by the code", "account_events.actor_role": "a role value",
    "users.email": "an e-mail address (validated)", "users.password_hash": "a hash",
    "auth_sessions.token_hash": "a hash", "auth_sessions.ip_address": "an address (tests/test_ip_visibility.py)",
    "media_images.original_format": "a decoder's name", "media_derivatives.key": "a content-hash key",
    "sellers.invitation_code": "generated", "sellers.nib": "13 digits (validated)",
    "sellers.npwp": "digits (validated)", "sellers.whatsapp": "digits (validated)",
    "sellers.nik": "16 digits (validated)", "sellers.bank_account_number": "digits (validated)",
    "products.halal_certificate_number": "a certificate pattern (validated)",
    "products.pirt_number": "15 digits (validated)", "products.bpom_number": "a BPOM pattern (validated)",
    "purchase_requests.number": "generated", "purchase_requests.idempotency_key": "generated",
    "purchase_requests.rup_code": "digits (validated)", "purchase_requests.recipient_phone": "digits (validated)",
    "purchase_requests.shipping_photo_key": "a content-hash key", "seller_documents.file_key": "a content-hash key",
    "seller_documents.content_type": "set by the upload check", "payments.proof_key": "a content-hash key",
    "payments.proof_content_type": "set by the upload check",
    **{f"{table}.{name}": "set by the services from their tables"
       for table in ("seller_events", "product_events", "request_events")
       for name in ("actor_role", "action", "from_status", "to_status")},
    "request_events.reason_code": "a choice", "request_events.details": "numbers the services record",
    "request_events.ip_address": "an address (tests/test_ip_visibility.py)",
    "request_items.halal_status": "an enum value", "request_items.halal_certificate_number": "validated pattern",
    "request_items.photo_key": "a content-hash key",
    **{f"catalog_entries.{name}": "derived from products, sellers and units on every flush (entries.py)"
       for name in ("scale", "name", "slug", "seller_name", "unit_name_id", "unit_name_en", "photo_alt", "photo",
                    "name_terms", "body_terms")},
}

INJECTED = "data-pwn"
EVIL_HOST = "evil.example"
PIECES = ('"\'><b data-pwn>', "</script><i data-pwn>", f"<a href=//{EVIL_HOST} data-pwn>x</a>",
          f"<meta http-equiv=refresh content=0;url=//{EVIL_HOST} data-pwn>")
LITERAL = '<b data-pwn>'  # what a PDF must show as text


def payload(tag: str, length: int | None) -> str:
    """`tag` (keeps unique columns unique) and as many kinds of markup as the column holds."""
    text = tag
    for piece in PIECES:
        if length is None or len(text) + len(piece) <= length:
            text += piece
    return text


def text_columns():
    for table in db.metadata.sorted_tables:
        for column in table.columns:
            if isinstance(column.type, sa.Enum):
                continue  # a closed set of values
            if isinstance(column.type, (sa.String, sa.Text, sa.JSON)):
                yield table, column


def test_every_text_column_is_classified(app):
    names = {f"{table.name}.{column.name}" for table, column in text_columns()}
    sorted_ = set(USER_TEXT) | set(JSON_TEXT) | set(NOT_USER_TEXT)
    assert not names - sorted_, f"classify these columns in {__name__}: {sorted(names - sorted_)}"
    assert not sorted_ - names, f"no such columns: {sorted(sorted_ - names)}"
    assert not set(USER_TEXT) & set(NOT_USER_TEXT)


# ---------------------------------------------------------------- lazy messages are text

def test_lazy_messages_with_user_data_escape_wherever_they_are_rendered(app):
    from storefront.text import lazy_gettext as _l

    with app.test_request_context():
        message = _l("%(name)s tidak tayang lagi; hapus dari keranjang.", name="<b data-pwn>")
        assert "<b" not in render_template_string("{{ m }}", m=message)
        assert "<b" not in render_template_string("{{ m ~ '' }}", m=message)
        assert "<b" not in str(Markup("<p>%s</p>") % message)
        assert "<b" not in str(escape(message))
        assert str(message) == "<b data-pwn> tidak tayang lagi; hapus dari keranjang."  # text stays text


def test_no_module_uses_flask_babels_markup_lazy_strings():
    """Flask-Babel's LazyString says it is safe markup (`__html__` returns it raw): only
    storefront/text.py may build lazy strings, and its own escape."""
    import ast
    from pathlib import Path

    import storefront

    root = Path(storefront.__file__).parent
    offenders = []
    for path in root.rglob("*.py"):
        if path.name == "text.py" and path.parent == root:
            continue
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("flask_babel"):
                lazy = [alias.name for alias in node.names if "lazy" in alias.name.lower()
                        or alias.name == "LazyString"]
                if lazy:
                    offenders.append(f"{path.relative_to(root)}:{node.lineno} imports {lazy}")
            if isinstance(node, ast.Attribute) and node.attr.startswith("lazy_") and \
                    isinstance(node.value, ast.Name) and node.value.id == "flask_babel":
                offenders.append(f"{path.relative_to(root)}:{node.lineno} uses flask_babel.{node.attr}")
    assert not offenders, "use storefront.text.lazy_gettext:\n" + "\n".join(offenders)


# ---------------------------------------------------------------- the world, poisoned

def _add_rows_for_every_text_column(world) -> None:
    """Rows for the tables the access-matrix world leaves empty (events with field reasons, a
    pending revision, notices, a payment, a counter-offer, an inspection, a shipping note), and a
    cart whose product breaks every ordering rule (the checkout lists each problem by name)."""
    from storefront.listings.models import Product, ProductEvent, ProductRevision
    from storefront.procurement.models import Notice, Payment, PurchaseRequest, RequestEvent
    from storefront.sellers.models import SellerEvent

    app, refs = world.app, world.refs
    with app.app_context():
        seller_id = db.session.get(Product, refs[OWN_PRODUCT]).seller_id
        verifier = world.user(Role.VERIFIER).id
        db.session.add(SellerEvent(seller_id=seller_id, actor_id=verifier, actor_role="verifier",
                                   action="request_revision", from_status="submitted", to_status="revision_requested",
                                   reason="buram", field_reasons={"nib": "buram", "business_name": "beda"}))
        db.session.add(SellerEvent(seller_id=refs[REVIEW_SELLER], actor_id=verifier, actor_role="verifier",
                                   action="request_revision", from_status="submitted", to_status="submitted",
                                   reason="buram", field_reasons={"nib": "buram"}))
        for product_id in (refs[OWN_PRODUCT], refs[PUBLIC_PRODUCT]):
            db.session.add(ProductEvent(product_id=product_id, actor_id=verifier, actor_role="verifier",
                                        action="request_revision", from_status="in_review",
                                        to_status="revision_requested", reason="buram",
                                        field_reasons={"name": "beda", "photos": "buram"}))
        public = db.session.get(Product, refs[PUBLIC_PRODUCT])
        db.session.add(ProductRevision(product_id=public.id, author_id=world.user(Role.SELLER).id,
                                       changes={"name": "Baru", "description": "Baru", "price": 26000}))
        for user in db.session.scalars(sa.select(User)):
            db.session.add(Notice(user_id=user.id, message="pesan"))
        requests = {r.status.value: r for r in db.session.scalars(sa.select(PurchaseRequest))}
        completed = requests["completed"]
        db.session.add(Payment(request_id=completed.id, method="kkpd", paid_on=utcnow().date(), amount=50000,
                               reference="SP2D/1", proof_key="ab/" + "ab" * 31 + ".pdf",
                               proof_content_type="application/pdf", recorded_by_id=world.user(Role.BENDAHARA).id))
        for request in requests.values():
            request.shipping_note = "dikirim"
            request.inspection = {"quantity_ok": True, "quality_ok": True, "on_time": True, "note": "baik"}
            request.counter_offer = {"items": {}, "needed_on": request.needed_on.isoformat(), "note": "tawar"}
            db.session.add(RequestEvent(request_id=request.id, actor_id=world.user(Role.PPK).id, actor_role="ppk",
                                        action="note", from_status=request.status.value,
                                        to_status=request.status.value, reason="alasan"))
        # The cart line: just listed (cooling), below the minimum, above the stock, slow to make.
        public.listed_or_repriced_at = utcnow()
        public.min_order, public.stock, public.lead_time_days = 5, 1, 30
        db.session.commit()


def _poison(world) -> dict[str, int]:
    """Markup into every USER_TEXT and JSON_TEXT column of every row; rows touched per column."""
    touched = {}
    with world.app.app_context():
        tables = {table.name: table for table in db.metadata.sorted_tables}
        for name in USER_TEXT:
            table_name, column_name = name.split(".")
            table = tables[table_name]
            column = table.c[column_name]
            # NULL means "none" (no Surat Pesanan yet): only values that exist are replaced.
            rows = db.session.execute(sa.select(table.c.id).where(column.is_not(None))).scalars().all()
            for row_id in rows:
                value = payload(f"{table_name[:3]}{row_id}", getattr(column.type, "length", None))
                db.session.execute(table.update().where(table.c.id == row_id).values({column_name: value}))
            touched[name] = len(rows)
        for name, keys in JSON_TEXT.items():
            table_name, column_name = name.split(".")
            table = tables[table_name]
            count = 0
            for row_id, value in db.session.execute(sa.select(table.c.id, table.c[column_name])).all():
                if not value:
                    continue
                value = {key: (payload(f"j{row_id}", None) if (keys is None or key in keys) else item)
                         for key, item in value.items()}
                db.session.execute(table.update().where(table.c.id == row_id).values({column_name: value}))
                count += 1
            touched[name] = count
        db.session.commit()
        from storefront.catalog import entries
        entries.rebuild_all(db.session.connection())  # the derived search rows, as a flush would
        db.session.commit()
    return touched


# ---------------------------------------------------------------- what "never unescaped" means

class _Injected(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name == INJECTED or name.startswith("'") or name.startswith('"'):
                self.found.append(f"<{tag} {name}>")
            elif name in ("href", "src", "action", "formaction") and urlsplit(value or "").netloc == EVIL_HOST:
                self.found.append(f"<{tag} {name}={value}>")
        if tag == "meta" and any(name == "http-equiv" and (value or "").lower() == "refresh" for name, value in attrs):
            self.found.append("<meta http-equiv=refresh>")

    handle_startendtag = handle_starttag


def injected(page_mimetype: str, body: bytes) -> list[str]:
    """What markup from the data became part of the document (empty: all of it stayed text)."""
    if page_mimetype == "text/html":
        parser = _Injected()
        parser.feed(body.decode("utf-8", "replace"))
        parser.close()
        return parser.found
    if page_mimetype in ("application/xml", "text/xml"):
        try:
            root = ET.fromstring(body)
        except ET.ParseError as error:
            return [f"not well-formed XML any more: {error}"]
        return [element.tag for element in root.iter() if INJECTED in element.attrib]
    if page_mimetype == "application/pdf":
        return _pdf_problems(body)
    return []


def _pdf_problems(body: bytes) -> list[str]:
    import pypdfium2

    document = pypdfium2.PdfDocument(body)
    try:
        text = "".join(page.get_textpage().get_text_range() for page in document)
    finally:
        document.close()
    text = " ".join(text.split())
    return [] if LITERAL in text else [f"the PDF does not show the names as literal text: {text[:300]!r}"]


# ---------------------------------------------------------------- the crawl

@pytest.fixture
def poisoned(world):
    _add_rows_for_every_text_column(world)
    touched = _poison(world)
    empty = sorted(name for name, count in touched.items() if not count)
    assert not empty, f"the test world has no row for these columns; add one: {empty}"
    return world


def test_markup_in_people_s_text_never_reaches_a_page_or_pdf_as_markup(poisoned):
    world = poisoned
    with world.app.app_context():
        from storefront.listings.models import ProductRevision

        revised = db.session.scalar(sa.select(ProductRevision.product_id))
    extra = [("curation.product_review", world.url("curation.product_review", {"product_id": revised}))]
    problems, pdfs = [], 0
    for page in crawl(world, extra):
        if page.status >= 500:
            problems.append(f"{page.who} GET {page.url}: {page.status}")
            continue
        pdfs += page.mimetype == "application/pdf" and page.status == 200
        problems += [f"{page.who} GET {page.url}: {found}" for found in injected(page.mimetype, page.body)]
    assert pdfs, "the crawl should have read the Surat Pesanan and BAST"
    assert not problems, "\n".join(problems)


def _checkout_form(world) -> dict:
    return {"key": "kunci-racun-0123456789abcd", "ppk_id": str(world.user(Role.PPK).id),
            "kode_rekening": "5.1.02.01.01.0052", "rup_code": "12345678", "fiscal_year": "2026",
            "delivery_address": "Jl. Uji 2", "delivery_kecamatan_id": str(world.first["kecamatan"]),
            "recipient_name": "Bu Sari", "recipient_phone": "0812 3456 7890",
            "needed_on": (utcnow().date() + timedelta(days=8)).isoformat(), "window_start": "08:00",
            "window_end": "10:00", f"qty-{world.refs[CART_ITEM]}": "2"}


FREE_TEXT_FIELDS = {"name", "business_name", "owner_name", "address", "reason", "comment", "reply", "alt_text",
                    "description", "bank_name", "bank_account_holder", "delivery_address", "recipient_name",
                    "notes", "note", "kode_rekening", "category", "field_nib", "number", "sp_number",
                    "payment_reference", "name_id", "name_en", "short_name"}


def _signed_in(world, principal):
    """A new signed-in client (the matrix's change-password case changes the password)."""
    with world.app.app_context():
        stored = db.session.get(User, world.user(principal).id).password_hash
    password = NEW_PASSWORD if passwords.verify_password(stored, NEW_PASSWORD) else TEST_PASSWORD
    client = world.app.test_client()
    assert sign_in(client, world.user(principal).email, password).status_code == 302
    return client


def _with_markup(data: dict) -> dict:
    return {key: (payload("f", 60) if key in FREE_TEXT_FIELDS and isinstance(value, str) else value)
            for key, value in data.items()}


def test_actions_and_their_messages_never_echo_markup(poisoned, login):
    """The checkout that lists every problem by product name, then every POST route of the app as
    each principal allowed to post it (as the matrix posts it, and with markup in its text
    fields): the page it answers or leads to, flash messages included, has no injected markup."""
    world = poisoned
    problems = []
    response = login(world.user(Role.PEMESAN)).post("/keranjang/ajukan", data=_checkout_form(world),
                                                    follow_redirects=True)
    assert response.status_code == 422, response.status_code
    problems += [f"checkout: {found}" for found in injected(response.mimetype, response.get_data())]
    for case in POST_CASES:
        permitted = [None] if ACCESS[case.endpoint] == PUBLIC else [p for p in PRINCIPALS if p is not None
                                                                     and allowed(case.endpoint, p)]
        for principal in permitted:
            for variant, make_data in (("as given", case.data), ("with markup", lambda w, case=case: _with_markup(case.data(w)))):
                client = world.app.test_client() if principal is None else _signed_in(world, principal)
                url = world.url(case.endpoint, case.args_for(principal) if case.args_for else case.args)
                try:
                    data = make_data(world)
                except (AssertionError, TypeError):  # its set-up (a registry preview) needs a fresh world
                    continue
                response = client.post(url, data=data, follow_redirects=True)
                where = f"{principal_name(principal)} POST {url} ({variant})"
                if response.status_code >= 500:
                    problems.append(f"{where}: {response.status_code}")
                problems += [f"{where}: {found}" for found in injected(response.mimetype, response.get_data())]
                response.close()
    assert not problems, "\n".join(problems)
