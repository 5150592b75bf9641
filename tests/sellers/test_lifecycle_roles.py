"""Through the services, per role: every lifecycle action from every state succeeds exactly when
the transition table allows it for the party that role plays (owner, verifier, or none)."""
from __future__ import annotations

import itertools
from functools import partial

import pytest

from storefront.accounts.models import User
from storefront.accounts.roles import Role
from storefront.errors import DomainError
from storefront.extensions import db
from storefront.lifecycle import TransitionNotAllowed
from storefront.listings import services as listings
from storefront.listings.models import Product
from storefront.listings.workflow import PRODUCT_TRANSITIONS, ProductAction, ProductStatus
from storefront.sellers import permissions, services
from storefront.sellers import workflow as wf
from storefront.sellers.halal.statuses import HalalStatus
from storefront.sellers.models import DocumentKind, Seller, SellerDocument
from storefront.sellers.workflow import SellerAction, SellerStatus

ACTORS = ["owner", *Role, "other_seller"]  # Role.SELLER: a seller account that owns another business


def expected(table, state, action, party) -> bool:
    transition = table.get((state, action))
    return transition is not None and party is not None and party in transition.parties


@pytest.fixture
def people(app, make):
    make.reference("medan")
    owner = make.user(Role.SELLER)
    users = {role: make.user(role) for role in Role}
    make.seller(SellerStatus.VERIFIED, owner=users[Role.SELLER])
    users["other_seller"] = make.user(Role.SELLER)  # a seller account with no business at all
    users["owner"] = owner
    seller = make.seller(SellerStatus.REGISTERED, owner=owner)
    return owner, users, seller


def attempt(call, party) -> bool:
    """True when the service accepted the action; a role that plays no party is refused outright."""
    if party is None:
        return False
    try:
        call()
    except (TransitionNotAllowed, DomainError):
        return False
    return True


@pytest.mark.parametrize("actor_key", ACTORS, ids=str)
def test_seller_lifecycle_by_role(app, people, actor_key):
    owner, users, seller = people
    with app.app_context():
        actor = db.session.get(User, users[actor_key].id)
        for state, action in itertools.product(SellerStatus, SellerAction):
            row = db.session.get(Seller, seller.id)
            row.status = state
            row.owner_id = owner.id
            db.session.add(SellerDocument(seller_id=row.id, kind=DocumentKind.NIB, number=row.nib, file_key="k",
                                          content_type="application/pdf"))
            db.session.flush()
            db.session.refresh(row, ["documents"])
            party = permissions.party_for(actor, row)
            allowed = attempt(partial(services.act, row, action, actor=actor, party=party, reason="alasan uji"), party)
            want = expected(wf.SELLER_TRANSITIONS, state, action, party)
            assert allowed == want, (actor_key, state, action)
            db.session.rollback()


@pytest.mark.parametrize("actor_key", ACTORS, ids=str)
def test_product_lifecycle_by_role(app, people, actor_key, make):
    owner, users, seller = people
    product = make.product(seller, status=ProductStatus.DRAFT, halal_status=HalalStatus.IN_PROCESS)
    with app.app_context():
        actor = db.session.get(User, users[actor_key].id)
        for state, action in itertools.product(ProductStatus, ProductAction):
            row = db.session.get(Product, product.id)
            row.status = state
            seller_row = db.session.get(Seller, seller.id)
            party = permissions.party_for(actor, seller_row)
            db.session.refresh(row, ["photos"])
            allowed = attempt(partial(listings.act, row, action, actor=actor, party=party, reason="alasan uji"), party)
            # Submitting also needs a photo; this product has none, so the table's yes becomes a clear no.
            want = expected(PRODUCT_TRANSITIONS, state, action, party) and action is not ProductAction.SUBMIT
            assert allowed == want, (actor_key, state, action)
            db.session.rollback()
