"""Saving a form as the page shows it changes nothing, and every select says what it means (issue 10, 1 and 18).

The pages are read as a browser reads them (tests/html_forms.py): what a user sends is what the
HTML offers, whatever the form class intended. Every POST form on every page of the access matrix
(tests/helpers/access_matrix.py, which follows app.url_map) plus the request pages of each party is
discovered and must be classified below, so a new form fails `test_every_form_is_classified`
until someone decides whether it edits an existing record.

- An edit form submitted untouched by its rightful user saves without an error and leaves every
  table as it was (test_saving_an_edit_form_unchanged_changes_nothing).
- A select a page renders must come back: a POST without it is a field error, never a 500, and
  changes nothing (test_a_post_without_a_rendered_select_is_a_field_error).
- A select on a form that creates or decides something starts on an empty "— pilih —" choice:
  a user who skips it makes no claim and takes no decision (test_no_select_answers_for_the_user).
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

import pytest
import sqlalchemy as sa
from sqlalchemy.orm import selectinload
from werkzeug.exceptions import HTTPException

from storefront.accounts.roles import Role
from storefront.extensions import db
from storefront.listings import services as listings
from storefront.listings.models import IMMEDIATE_FIELDS, MATERIAL_FIELDS, DeliveryArea, Product
from storefront.listings.workflow import ProductStatus
from storefront.reference.models import Category, Kecamatan
from storefront.sellers.halal.kinds import BusinessScale
from storefront.sellers.halal.statuses import HalalStatus
from storefront.sellers.models import Seller
from storefront.sellers.workflow import SellerStatus
from tests.helpers.access_matrix import (
    DISPUTED,
    GET_CASES,
    OWN_PRODUCT,
    PRINCIPALS,
    REFERENCE_MODELS,
    REGISTRY_ENTRY,
    World,
    allowed,
    build_world,
    open_world,
    principal_name,
    registry_upload,
    seed_of,
)
from tests.helpers.html_forms import Control, Form, field_errors, parse_forms

REQUEST_PAGES = [("procurement.detail", {"request_id": ref}) for ref in (
    "<request_pemesan>", "<request_ppk>", "<request_bendahara>", "<request_seller>", "<request_verifier>",
    "<request_completed>", "<request_rated>", DISPUTED)]
PAGES = [*GET_CASES, *REQUEST_PAGES]

# Forms that edit a record that exists: their page shows its values. Key: (page, form target).
EDIT_FORMS = {
    ("admin.user_edit", "admin.user_edit"): "an account: name, role, OPD",
    ("admin.reference_edit", "admin.reference_edit"): "a kecamatan, OPD, category or unit",
    ("sellers.profile", "sellers.profile"): "the seller's business profile",
    ("listings.product_edit", "listings.product_edit"): "a listing (or its pending revision)",
    ("registry.entry_edit", "registry.entry_edit"): "an entry of the binaan registry",
}
# Every other POST form, and why submitting it untouched is not an edit of a stored record.
OTHER_FORMS = {
    ("*", "accounts.logout"): "the sign-out button",
    ("accounts.login", "accounts.login"): "signs in; asks for a password, shows nothing stored",
    ("accounts.change_password", "accounts.change_password"): "asks for the current and a new password",
    ("sellers.register", "sellers.register"): "creates an account",
    ("admin.user_new", "admin.user_new"): "creates an account",
    ("admin.user_edit", "admin.user_reset_password"): "a button that issues a new temporary password",
    ("admin.user_list", "admin.user_set_active"): "a button that disables or enables an account",
    ("admin.reference_new", "admin.reference_new"): "creates a reference row",
    ("sellers.dashboard", "sellers.submit"): "a button: submit the profile for verification",
    ("sellers.document_list", "sellers.document_list"): "uploads a new document (documents are never edited)",
    ("sellers.document_list", "sellers.document_delete"): "a button that deletes a document",
    ("listings.product_new", "listings.product_new"): "creates a listing",
    ("listings.product_edit", "listings.product_act"): "a button: submit, unpublish or republish",
    ("listings.product_photos", "listings.product_photos"): "adds a photo",
    ("listings.product_photos", "listings.photo_change"): "buttons that reorder, describe or remove a photo",
    ("verification.seller_review", "verification.seller_decide"): "a decision (tests/test_stale_decisions.py)",
    ("curation.product_review", "curation.product_decide"): "a decision (tests/test_stale_decisions.py)",
    ("admin.user_edit", "admin.user_unlock"): "a button that lifts a sign-in lock",
    ("verification.seller_review", "verification.owner_unlock"): "a button that lifts the owner's sign-in lock",
    ("registry.invitation", "registry.invitation_renew"): "a button that issues a new invitation code",
    ("procurement.notices", "procurement.notices_read"): "a button: mark the notices shown as read",
    ("registry.entry_new", "registry.entry_new"): "creates a registry entry",
    ("registry.import_upload", "registry.import_upload"): "uploads a file to preview",
    ("registry.import_preview", "registry.import_confirm"): "confirms an import",
    ("registry.import_preview", "registry.import_cancel"): "cancels an import",
    ("catalog.product", "procurement.cart_add"): "adds to the cart",
    ("procurement.cart", "procurement.checkout"): "creates a purchase request from the cart",
    ("procurement.cart", "procurement.cart_remove"): "a button that removes a cart line",
    ("procurement.detail", "procurement.step"): "takes the step the button names (its fields are the step's)",
    ("procurement.detail", "procurement.rate"): "creates the rating of a completed request",
    ("procurement.detail", "procurement.reply"): "creates the seller's reply (once)",
}

# Selects whose untouched value is a harmless fact, not a claim or a decision: (form target, name).
HARMLESS_DEFAULTS = {
    ("admin.reference_new", "kind"): "the kind of a new OPD (dinas, badan...): a label the admin sees in the "
                                     "list at once; no right or obligation follows from it",
}

# Columns a request may touch without anything being edited, and why. None so far: sessions keep
# no last-seen time, and `updated_at` (onupdate) moves only when a row is really written, which is
# exactly what these tests look for. Add a column here only with the reason next to it.
IGNORED_COLUMNS: dict[str, set[str]] = {}


# ---------------------------------------------------------------- reading the pages

def _world_with_an_upload(app, make, login):
    world = build_world(app, make, login)
    registry_upload(world)  # so the import preview shows its confirm and cancel forms
    return seed_of(world)


@pytest.fixture
def world(app, seeded) -> World:
    return open_world(app, seeded("access-matrix-upload", _world_with_an_upload))


def dump(app) -> dict:
    """Every row of every table as {column: value}, minus IGNORED_COLUMNS."""
    with app.app_context():
        tables = {}
        for table in db.metadata.sorted_tables:
            ignored = IGNORED_COLUMNS.get(table.name, set())
            columns = [c for c in table.columns if c.name not in ignored]
            rows = db.session.execute(sa.select(*columns)).mappings().all()
            tables[table.name] = sorted((dict(row) for row in rows), key=repr)
        return tables


def differences(before: dict, after: dict) -> list[str]:
    """What changed, table by table: for a row with the same id, only the columns that changed."""
    found = []
    for name in before:
        if before[name] == after[name]:
            continue
        gone = [row for row in before[name] if row not in after[name]]
        new = [row for row in after[name] if row not in before[name]]
        old_by_id = {row.get("id"): row for row in gone if "id" in row}
        for row in new:
            old = old_by_id.pop(row.get("id"), None) if "id" in row else None
            if old is None:
                found.append(f"{name}: new row {row}")
            else:
                found.append(f"{name} id={row['id']}: " + ", ".join(
                    f"{key} {old[key]!r} -> {row[key]!r}" for key in row if row[key] != old[key]))
        found += [f"{name}: row gone {row}" for row in gone if row.get("id") in old_by_id or "id" not in row]
    return found


@dataclass
class Submission:
    """One way to submit a form: the button pressed, where it posts, and that route's endpoint."""
    form: Form
    button: Control | None
    url: str
    endpoint: str

    def data(self, *, without: str | None = None) -> dict:
        data = self.form.data(self.button)
        data.pop(without, None)
        return data

    def post(self, client, **kwargs):
        return client.post(self.url, data=self.data(**kwargs),
                           content_type="multipart/form-data" if self.form.multipart else None)


def submissions(app, html: str, page_url: str) -> list[Submission]:
    """Every (form, button) of a page that posts, with its target endpoint."""
    adapter = app.url_map.bind("localhost")
    found = []
    for form in parse_forms(html):
        if form.method != "post":
            continue
        for button in form.submitters():
            url = form.target(button, page_url)
            try:
                endpoint = adapter.match(urlsplit(url).path, method="POST")[0]
            except HTTPException as error:
                raise AssertionError(f"a form on {page_url} posts to {url}, which has no POST route ({error})") \
                    from None
            found.append(Submission(form, button, url, endpoint))
    return found


def classification(page: str, target: str) -> str | None:
    key = (page, target)
    if key in EDIT_FORMS:
        return "edit"
    if key in OTHER_FORMS or ("*", target) in OTHER_FORMS:
        return "other"
    return None


def post_forms(world: World, principal, url: str) -> list[Submission]:
    """The ways to post from a page as `principal` sees it."""
    response = world.clients[principal].get(url)
    try:
        if response.status_code != 200 or response.mimetype != "text/html":
            return []
        return submissions(world.app, response.text, url)
    finally:
        response.close()


def page_id(case) -> str:
    endpoint, args = case
    return "-".join([endpoint, *(str(v).strip("<>") for v in args.values())])


def test_every_form_is_classified(world):
    unclassified, seen = [], set()
    for endpoint, args in PAGES:
        url = world.url(endpoint, args)
        for principal in PRINCIPALS:
            if not allowed(endpoint, principal):
                continue
            for submission in post_forms(world, principal, url):
                seen.add((endpoint, submission.endpoint))
                if classification(endpoint, submission.endpoint) is None:
                    unclassified.append(f"{principal_name(principal)} on {endpoint}: a form posting to "
                                        f"{submission.endpoint}")
    assert not unclassified, ("classify these forms in EDIT_FORMS (they edit a stored record) or OTHER_FORMS "
                              "(say why not):\n" + "\n".join(sorted(set(unclassified))))
    untested = {key for key in EDIT_FORMS if key[0] not in {case.endpoint for case in ROUND_TRIPS}}
    assert not untested, f"edit forms without a round-trip case below: {sorted(untested)}"
    stale = {key for key in {**EDIT_FORMS, **OTHER_FORMS} if key[0] != "*" and key not in seen}
    assert not stale, f"classified forms that no page shows any more: {sorted(stale)}"


# ---------------------------------------------------------------- 1. the round trip

@dataclass(frozen=True)
class RoundTrip:
    id: str
    endpoint: str
    args: Callable[[World], dict]
    principal: Role
    prepare: Callable[[World], None] | None = None  # runs in an app context; the test commits


def _own_seller(world) -> Seller:
    return db.session.get(Seller, world.refs["own_seller"])


def _seller_as(status: SellerStatus, **values):
    def prepare(world):
        seller = _own_seller(world)
        seller.status = status
        for key, value in values.items():
            setattr(seller, key, value)
    return prepare


def _product_as(**values):
    def prepare(world):
        product = db.session.scalar(sa.select(Product).where(Product.id == world.refs[OWN_PRODUCT])
                                    .options(selectinload(Product.delivery_kecamatan)))
        kecamatan = values.pop("delivery_kecamatan", None)
        for key, value in values.items():
            setattr(product, key, value)
        if kecamatan:
            product.delivery_kecamatan = db.session.scalars(sa.select(Kecamatan).order_by(Kecamatan.id)
                                                            .limit(kecamatan)).all()
    return prepare


def _published(world):
    _own_seller(world).status = SellerStatus.VERIFIED
    product = db.session.get(Product, world.refs[OWN_PRODUCT])
    product.status = ProductStatus.PUBLISHED


def _with_revision(world):
    """A published listing with a pending price change (the page shows the pending version)."""
    _published(world)
    db.session.flush()
    product = db.session.scalar(sa.select(Product).where(Product.id == world.refs[OWN_PRODUCT])
                                .options(selectinload(Product.delivery_kecamatan), selectinload(Product.photos)))
    values = {key: getattr(product, key) for key in (*MATERIAL_FIELDS, *IMMEDIATE_FIELDS)}
    values["price"] = product.price + 5000
    listings.update_product(product, seller=_own_seller(world), actor=world.users[Role.SELLER],
                            values=values, delivery_kecamatan_ids=[])


def _child_category(world):
    """The form of a sub-category (a parent selected) instead of a top-level one."""
    child = db.session.scalar(sa.select(Category.id).where(Category.parent_id.is_not(None)).order_by(Category.id))
    world.first["kategori"] = child


def _inactive(kind: str):
    def prepare(world):
        db.session.get(REFERENCE_MODELS[kind], world.first[kind]).active = False
    return prepare


def _registry_entry(world):
    """The factory's invited business has no owner name; every real entry has one (it is required)."""
    db.session.get(Seller, world.refs[REGISTRY_ENTRY]).owner_name = "Bu Uji"


def _registry_entry_filled(world):
    _registry_entry(world)
    entry = db.session.get(Seller, world.refs[REGISTRY_ENTRY])
    entry.kecamatan_id = db.session.scalar(sa.select(Kecamatan.id).order_by(Kecamatan.id.desc()))
    entry.whatsapp, entry.address, entry.registry_category = "6281234567890", "Jl. Uji 3", "Kue"


_USER = lambda role: lambda w: {"user_id": w.users[role].id}  # noqa: E731
_PRODUCT = lambda w: {"product_id": w.refs[OWN_PRODUCT]}  # noqa: E731
_REFERENCE = lambda kind: lambda w: {"kind_name": kind, "item_id": w.first[kind]}  # noqa: E731
_ENTRY = lambda w: {"seller_id": w.refs[REGISTRY_ENTRY]}  # noqa: E731

ROUND_TRIPS = [
    *[RoundTrip(f"user-{role.value}", "admin.user_edit", _USER(role), Role.ADMIN) for role in Role],
    RoundTrip("user-without-business", "admin.user_edit", lambda w: {"user_id": w.target.id}, Role.ADMIN),
    *[RoundTrip(f"reference-{kind}", "admin.reference_edit", _REFERENCE(kind), Role.ADMIN) for kind in REFERENCE_MODELS],
    *[RoundTrip(f"reference-{kind}-inactive", "admin.reference_edit", _REFERENCE(kind), Role.ADMIN, _inactive(kind))
      for kind in REFERENCE_MODELS],
    RoundTrip("reference-subcategory", "admin.reference_edit", _REFERENCE("kategori"), Role.ADMIN, _child_category),
    RoundTrip("profile-registered", "sellers.profile", lambda w: {}, Role.SELLER),
    *[RoundTrip(f"profile-{status.value}-{scale.value}", "sellers.profile", lambda w: {}, Role.SELLER,
                _seller_as(status, scale=scale))
      for status in (SellerStatus.REGISTERED, SellerStatus.VERIFIED) for scale in BusinessScale],
    RoundTrip("profile-no-scale", "sellers.profile", lambda w: {}, Role.SELLER,
              _seller_as(SellerStatus.REGISTERED, scale=None)),
    RoundTrip("profile-pkp-complete", "sellers.profile", lambda w: {}, Role.SELLER, _seller_as(
        SellerStatus.REVISION_REQUESTED, is_pkp=True, npwp="0123456789012345", legal_name="CV Uji",
        kelurahan="Aur", description="Kue basah\nsejak 1990", nik="1271010101900001")),
    RoundTrip("product-draft", "listings.product_edit", _PRODUCT, Role.SELLER),
    RoundTrip("product-every-box", "listings.product_edit", _PRODUCT, Role.SELLER, _product_as(
        price_includes_ppn=True, export_ready=True, capacity_per_day=None, stock=5, lead_time_days=3,
        delivery_area=DeliveryArea.KECAMATAN, delivery_kecamatan=2, halal_status=HalalStatus.CERTIFIED_REGULAR,
        halal_certificate_number="ID12110000012340925", description="Loyang 20x20\ncm")),
    RoundTrip("product-ready-same-day", "listings.product_edit", _PRODUCT, Role.SELLER,
              _product_as(lead_time_days=0, price=1_250_000)),
    RoundTrip("product-published", "listings.product_edit", _PRODUCT, Role.SELLER, _published),
    RoundTrip("product-pending-revision", "listings.product_edit", _PRODUCT, Role.SELLER, _with_revision),
    RoundTrip("registry-invited", "registry.entry_edit", _ENTRY, Role.VERIFIER, _registry_entry),
    RoundTrip("registry-filled", "registry.entry_edit", _ENTRY, Role.VERIFIER, _registry_entry_filled),
]


def danger_flashes(html: str) -> list[str]:
    import re
    return re.findall(r'class="alert alert-danger"[^>]*data-testid="flash">([^<]*)<', html)


@pytest.mark.parametrize("case", ROUND_TRIPS, ids=lambda case: case.id)
def test_saving_an_edit_form_unchanged_changes_nothing(world, case):
    if case.prepare:
        with world.app.app_context():
            case.prepare(world)
            db.session.commit()
    client = world.clients[case.principal]
    url = world.url(case.endpoint, case.args(world))
    page = client.get(url)
    assert page.status_code == 200, f"GET {url}: {page.status_code}"
    found = [s for s in submissions(world.app, page.text, url) if s.endpoint == case.endpoint]
    assert len(found) == 1, f"{url} should show one form posting to {case.endpoint}"
    before = dump(world.app)
    response = found[0].post(client)
    changed = differences(before, dump(world.app))
    assert response.status_code == 302, (f"saving {url} unchanged answered {response.status_code}; errors shown: "
                                         f"{field_errors(response.text)}; data changed: {changed}")
    landing = client.get(response.headers["Location"])
    assert not danger_flashes(landing.text), danger_flashes(landing.text)
    assert not changed, f"saving {url} unchanged changed the database:\n" + "\n".join(changed)


# ---------------------------------------------------------------- 2. selects must come back

def _selects(form: Form):
    return [c for c in form.controls if c.tag == "select" and c.name and not c.multiple and not c.disabled]


def _forms_with_selects(world, endpoint, args):
    url = world.url(endpoint, args)
    for principal in PRINCIPALS:
        if principal is None or not allowed(endpoint, principal):
            continue
        for submission in post_forms(world, principal, url):
            # A formaction button (a cart line's "Hapus") posts elsewhere and reads none of the form.
            if _selects(submission.form) and not (submission.button and submission.button.formaction):
                yield principal, submission


def _form_pages():
    """The pages that show a POST form (test_every_form_is_classified keeps the tables complete)."""
    shown = {page for page, _ in (*EDIT_FORMS, *OTHER_FORMS)}
    return [case for case in PAGES if case[0] in shown]


@pytest.mark.parametrize("case", _form_pages(), ids=page_id)
def test_a_post_without_a_rendered_select_is_a_field_error(world, case):
    problems = []
    for principal, submission in _forms_with_selects(world, *case):
        for select in _selects(submission.form):
            before = dump(world.app)
            response = submission.post(world.clients[principal], without=select.name)
            who = f"{principal_name(principal)} posting to {submission.endpoint} without {select.name}"
            changed = differences(before, dump(world.app))
            if response.status_code >= 500:
                problems.append(f"{who}: {response.status_code}")
            elif changed:
                problems.append(f"{who}: changed {changed}")
            elif not (field_errors(response.text) or _refused_with_a_message(world.clients[principal], response)):
                problems.append(f"{who}: {response.status_code} and no error shown")
    assert not problems, "\n".join(problems)


def _refused_with_a_message(client, response) -> bool:
    """A route that answers on another page (a decision, a rating) shows its refusal as a flash."""
    return response.status_code == 302 and bool(danger_flashes(client.get(response.headers["Location"]).text))


# ---------------------------------------------------------------- 3. no select answers for the user

DEFAULT_CASES = _form_pages()


@pytest.mark.parametrize("case", DEFAULT_CASES, ids=page_id)
def test_no_select_answers_for_the_user(world, case):
    """On a form that creates or decides (not one showing a stored record), an untouched select
    sends the empty placeholder: skipping it is "Wajib diisi", never a claim or a decision."""
    from tests.helpers.html_forms import browser_selection

    endpoint = case[0]
    problems = []
    for principal, submission in _forms_with_selects(world, *case):
        target = submission.endpoint
        if classification(endpoint, target) == "edit":
            continue
        for select in _selects(submission.form):
            if (target, select.name) in HARMLESS_DEFAULTS or len([o for o in select.options if o.value]) == 1:
                continue  # a harmless fact, or the only possible answer
            chosen = browser_selection(select)
            if chosen and chosen[0] != "":
                problems.append(f"{principal_name(principal)}: {target} sends {select.name}={chosen[0]} untouched")
    assert not problems, "\n".join(problems)
