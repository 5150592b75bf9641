"""A decision applies what was reviewed, never what changed since (issue 10, point 2), and a
decision form has no default choice (point 18).

Every decision route of the Dinas (found in the url_map: the POST routes ending in /keputusan)
is tried with every choice its form offers, in every state that offers one: the reviewer opens
the page, the other party changes the object behind their back through the service they use,
and the decision posted from the old page is refused with a message naming the change (field:
old → new) while nothing changes; the same decision from a fresh page succeeds. The steps of a
purchase request are covered the same way in tests/procurement/test_stale_steps.py.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

import pytest
import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from storefront.accounts.models import User
from storefront.accounts.roles import Role
from storefront.extensions import db
from storefront.listings import services as listings
from storefront.listings.models import IMMEDIATE_FIELDS, MATERIAL_FIELDS, Product, ProductEvent, ProductRevision
from storefront.listings.workflow import PRODUCT_TRANSITIONS, ProductAction, ProductStatus
from storefront.sellers import services as seller_services
from storefront.sellers import workflow as wf
from storefront.sellers.models import Seller, SellerEvent
from storefront.sellers.workflow import Party, SellerStatus
from tests.helpers.page_forms import form_fields, select_options

NEW_NAME = "Nama Baru Dari Penjual"
NEW_PRICE = 9_500_000_000
NEW_ADDRESS = "Jl. Baru Dari Penjual No. 9"
REVISION_CHOICES = {"approve_revision", "reject_revision"}


def form_error(html: str) -> str:
    found = re.search(r'data-testid="form-error"[^>]*>(.*?)</div>', html, re.S)
    return re.sub(r"<[^>]+>", " ", found.group(1)) if found else ""


@dataclass
class World:
    app: object
    owner: User
    seller: Seller
    reviewer: object      # the verifier's signed-in client
    colleague: User       # another verifier, deciding in parallel


@pytest.fixture
def world(app, make, login):
    make.reference("medan")
    owner = make.user(Role.SELLER)
    seller = make.seller(SellerStatus.VERIFIED, owner=owner)
    return World(app, owner, seller, login(make.user(Role.VERIFIER)), make.user(Role.VERIFIER))


# --- products -----------------------------------------------------------------------------------

def _load(product_id):
    return db.session.scalar(sa.select(Product).where(Product.id == product_id).options(
        selectinload(Product.photos), selectinload(Product.delivery_kecamatan)))


def _edit(world, product_id, **changes):
    """The seller edits the listing through the listing service, as the edit page does."""
    with world.app.test_request_context():
        product = _load(product_id)
        values = {key: getattr(product, key) for key in MATERIAL_FIELDS + IMMEDIATE_FIELDS}
        values = {key: value.value if hasattr(value, "value") else value for key, value in values.items()}
        listings.update_product(product, seller=db.session.get(Seller, product.seller_id),
                                actor=db.session.get(User, world.owner.id), values=values | changes)
        db.session.commit()


def _product_act(world, product_id, action, party, actor_id, reason=""):
    with world.app.test_request_context():
        product = _load(product_id)
        listings.act(product, action, actor=db.session.get(User, actor_id), party=party, reason=reason)
        db.session.commit()


def _new_product(world, make, status=ProductStatus.IN_REVIEW):
    product = make.product(world.seller, status=status, name="Bika Ambon Lama", price=48_000)
    make.photo(product)
    return product.id


def in_review(world, make):
    return _new_product(world, make)


def in_review_changed(world, product_id):
    # Another verifier asks for a fix; the seller changes name and price and submits again.
    _product_act(world, product_id, ProductAction.REQUEST_REVISION, Party.VERIFIER, world.colleague.id, "Foto buram")
    _edit(world, product_id, name=NEW_NAME, price=NEW_PRICE)
    _product_act(world, product_id, ProductAction.SUBMIT, Party.OWNER, world.owner.id)


def live_with_change(status):
    def setup(world, make):
        product_id = _new_product(world, make, ProductStatus.PUBLISHED)
        _edit(world, product_id, price=50_000)
        if status is ProductStatus.UNPUBLISHED:
            _product_act(world, product_id, ProductAction.UNPUBLISH, Party.OWNER, world.owner.id)
        return product_id
    return setup


def live(world, make):
    return _new_product(world, make, ProductStatus.PUBLISHED)


def seller_edits_again(world, product_id):
    _edit(world, product_id, name=NEW_NAME, price=NEW_PRICE)


def suspended(world, make):
    return _new_product(world, make, ProductStatus.SUSPENDED)


def suspended_changed(world, product_id):
    # Reinstated by a colleague, edited by the seller, suspended again: the same status, other facts.
    _product_act(world, product_id, ProductAction.REINSTATE, Party.VERIFIER, world.colleague.id)
    _edit(world, product_id, name=NEW_NAME, price=NEW_PRICE)
    _product_act(world, product_id, ProductAction.SUSPEND, Party.VERIFIER, world.colleague.id, "Diperiksa")


def product_state(app, product_id):
    with app.app_context():
        product = db.session.get(Product, product_id)
        revisions = db.session.execute(sa.select(ProductRevision.id, ProductRevision.status, ProductRevision.changes)
                                       .where(ProductRevision.product_id == product_id)
                                       .order_by(ProductRevision.id)).all()
        events = db.session.scalar(sa.select(sa.func.count()).select_from(ProductEvent)
                                   .where(ProductEvent.product_id == product_id))
        return (product.status, product.name, product.price, product.published_at, [tuple(r) for r in revisions],
                events)


# --- sellers ------------------------------------------------------------------------------------

def seller_in(status):
    def setup(world, make):
        return make.seller(status, owner=make.user(Role.SELLER), address="Jl. Lama No. 1").id
    return setup


def seller_moves(world, seller_id):
    with world.app.test_request_context():
        seller = db.session.get(Seller, seller_id)
        seller_services.update_profile(seller, actor=db.session.get(User, seller.owner_id),
                                       values={"address": NEW_ADDRESS})
        db.session.commit()


def seller_state(app, seller_id):
    with app.app_context():
        seller = db.session.get(Seller, seller_id)
        events = db.session.scalar(sa.select(sa.func.count()).select_from(SellerEvent)
                                   .where(SellerEvent.seller_id == seller_id))
        return seller.status, seller.address, seller.verified_at, events


@dataclass(frozen=True)
class Scenario:
    endpoint: str
    name: str
    setup: Callable          # (world, make) -> object id
    change: Callable         # (world, object id): the other party's change
    url: str                 # review page, "{id}"
    state: Callable          # (app, object id) -> comparable snapshot
    shows: str               # what the refusal message must name


PRODUCT = dict(endpoint="curation.product_decide", url="/dinas/kurasi/produk/{id}", state=product_state,
               shows=NEW_NAME)
SELLER = dict(endpoint="verification.seller_decide", url="/dinas/verifikasi/penjual/{id}", state=seller_state,
              shows=NEW_ADDRESS)
SCENARIOS = [
    Scenario(name="new-product", setup=in_review, change=in_review_changed, **PRODUCT),
    Scenario(name="live-product-change", setup=live_with_change(ProductStatus.PUBLISHED), change=seller_edits_again,
             **PRODUCT),
    Scenario(name="unpublished-product-change", setup=live_with_change(ProductStatus.UNPUBLISHED),
             change=seller_edits_again, **PRODUCT),
    Scenario(name="live-product", setup=live, change=seller_edits_again, **PRODUCT),
    Scenario(name="suspended-product", setup=suspended, change=suspended_changed, **PRODUCT),
    *[Scenario(name=f"seller-{status.value}", setup=seller_in(status), change=seller_moves, **SELLER)
      for status in (SellerStatus.SUBMITTED, SellerStatus.VERIFIED, SellerStatus.SUSPENDED)],
]
# Every choice each decision route can offer: the verifier's transitions of its table (+ revisions).
ROUTE_CHOICES = {
    "curation.product_decide": {a.value for (_, a), t in PRODUCT_TRANSITIONS.items() if Party.VERIFIER in t.parties}
    | REVISION_CHOICES,
    "verification.seller_decide": {a.value for (_, a), t in wf.SELLER_TRANSITIONS.items()
                                   if Party.VERIFIER in t.parties},
}


def _choices(world, make, scenario):
    """The decisions the scenario's review page offers (the empty placeholder aside)."""
    object_id = scenario.setup(world, make)
    page = world.reviewer.get(scenario.url.format(id=object_id)).text
    return [value for value in select_options(page, "action") if value]


def test_every_decision_route_and_choice_has_a_stale_scenario(app, make, login):
    """A new decision route, or a choice no scenario reaches, fails here until it is covered."""
    routes = {rule.endpoint for rule in app.url_map.iter_rules()
              if "POST" in rule.methods and rule.rule.endswith("/keputusan")}
    assert routes == set(ROUTE_CHOICES)
    offered = {endpoint: set() for endpoint in routes}
    make.reference("medan")
    owner = make.user(Role.SELLER)
    world = World(app, owner, make.seller(SellerStatus.VERIFIED, owner=owner), login(make.user(Role.VERIFIER)),
                  make.user(Role.VERIFIER))
    for scenario in SCENARIOS:
        offered[scenario.endpoint] |= set(_choices(world, make, scenario))
    assert offered == ROUTE_CHOICES


CASES = [(scenario, choice) for scenario in SCENARIOS for choice in sorted(
    {"new-product": {"approve", "request_revision", "reject"},
     "live-product-change": REVISION_CHOICES | {"suspend"},
     "unpublished-product-change": REVISION_CHOICES,
     "live-product": {"suspend"},
     "suspended-product": {"reinstate"},
     "seller-submitted": {"approve", "request_revision", "reject"},
     "seller-verified": {"suspend"},
     "seller-suspended": {"reinstate"}}[scenario.name])]


@pytest.mark.parametrize("scenario, choice", CASES, ids=[f"{s.name}-{c}" for s, c in CASES])
def test_a_decision_on_a_stale_page_is_refused_and_a_fresh_one_applies(app, make, world, scenario, choice):
    object_id = scenario.setup(world, make)
    url = scenario.url.format(id=object_id)
    action = f"{url}/keputusan"
    page = world.reviewer.get(url).text
    assert choice in select_options(page, "action")
    stale = form_fields(page, action) | {"action": choice, "reason": "Alasan keputusan uji"}

    scenario.change(world, object_id)
    changed = scenario.state(app, object_id)
    refused = world.reviewer.post(action, data=stale)
    assert refused.status_code == 422, refused.status_code
    message = form_error(refused.text)
    assert "→" in message and scenario.shows in message, message
    assert scenario.state(app, object_id) == changed  # the refused decision changed nothing

    fresh = form_fields(world.reviewer.get(url).text, action) | {"action": choice, "reason": "Alasan keputusan uji"}
    assert world.reviewer.post(action, data=fresh).status_code == 302
    assert scenario.state(app, object_id) != changed


@pytest.mark.parametrize("scenario", SCENARIOS, ids=[s.name for s in SCENARIOS])
def test_a_decision_form_has_no_default_choice(app, make, world, scenario):
    """Submitting the form as rendered (no choice made) asks for one and changes nothing."""
    object_id = scenario.setup(world, make)
    url = scenario.url.format(id=object_id)
    page = world.reviewer.get(url).text
    assert select_options(page, "action")[0] == ""
    before = scenario.state(app, object_id)
    response = world.reviewer.post(f"{url}/keputusan", data=form_fields(page, f"{url}/keputusan"))
    assert response.status_code == 422
    assert re.search(r'data-testid="field-error"[^>]*>\s*Wajib diisi', response.text)
    assert scenario.state(app, object_id) == before


def test_a_decision_without_the_reviewed_version_is_refused(app, make, world):
    """A post that does not say what it was decided on (no hidden version) decides nothing."""
    object_id = in_review(world, make)
    before = product_state(app, object_id)
    page = world.reviewer.get(f"/dinas/kurasi/produk/{object_id}").text
    fields = form_fields(page, f"/dinas/kurasi/produk/{object_id}/keputusan") | {"action": "approve"}
    for bad in ("", "bukan-versi", fields.get("reviewed", "") + "x"):
        response = world.reviewer.post(f"/dinas/kurasi/produk/{object_id}/keputusan", data=fields | {"reviewed": bad})
        assert response.status_code == 422
        assert product_state(app, object_id) == before
