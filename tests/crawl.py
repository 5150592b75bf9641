"""Every GET route as everyone, over a world with the things a GET must leave alone.

The access matrix's world (tests/test_access_matrix.py: a user per role, a business in each
state, requests in the statuses where each party acts), plus what tempts a page to write: the
requests waiting for an answer are past their deadline, and every user has an unread notice.
The class tests of hosts, query parameters, caching headers and safe GETs walk `get_cases()`,
which is the matrix's GET_CASES (one per GET route, checked against app.url_map there) and the
pages of the overdue requests.
"""
from __future__ import annotations

from datetime import timedelta

import pytest
import sqlalchemy as sa

from storefront.extensions import db
from storefront.procurement.models import Notice, PurchaseRequest
from storefront.timeutil import utcnow
from tests.test_access_matrix import GET_CASES, PARTY_STEPS, PRINCIPALS, World, allowed, build_world, case_id

# The requests of PARTY_STEPS that wait for an answer (submitted, approved): made overdue below.
OVERDUE = [f"<request_{role.value}>" for role, (status, _) in PARTY_STEPS.items()
           if status in ("submitted", "approved", "countered")]
CASES = [*GET_CASES, *[("procurement.detail", {"request_id": ref}) for ref in OVERDUE]]


def get_cases():
    return CASES


def busy_world(app, make, login) -> World:
    world = build_world(app, make, login)
    with app.app_context():
        ids = [world.refs[ref] for ref in OVERDUE]
        db.session.execute(sa.update(PurchaseRequest).where(PurchaseRequest.id.in_(ids))
                           .values(respond_by=utcnow() - timedelta(days=1)))
        for user in world.users.values():
            db.session.add(Notice(user_id=user.id, request_id=world.refs["<disputed>"], message="Belum dibaca"))
        db.session.commit()
    return world


@pytest.fixture
def busy(app, make, login) -> World:
    return busy_world(app, make, login)


@pytest.fixture
def sent_mail(monkeypatch) -> list:
    """Every email the app would send (storefront.mail.send is where they all leave)."""
    from storefront import mail

    outbox: list = []
    monkeypatch.setattr(mail, "send", lambda messages: outbox.extend(messages))
    return outbox


def allowed_principals(endpoint: str) -> list:
    return [p for p in PRINCIPALS if allowed(endpoint, p)]


__all__ = ["CASES", "OVERDUE", "PRINCIPALS", "World", "allowed_principals", "busy", "busy_world",
           "case_id", "get_cases", "sent_mail"]
