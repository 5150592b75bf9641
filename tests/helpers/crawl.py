"""Every GET route as everyone who may open it, over the access matrix's world.

The world is the access matrix's (tests/helpers/access_matrix.py: a user per role, a business in
each state, requests in the statuses where each party acts). It is crawled two ways:
- `get_cases()` with `busy_world` (the `busy` fixture): the matrix's GET_CASES (one per GET route, checked against
  app.url_map there) plus the pages of overdue requests, in a world with what tempts a page to
  write (requests past their deadline, an unread notice for everyone). The class tests of hosts,
  query parameters, caching headers and safe GETs walk them.
- `crawl(world)`: each allowed (principal, URL) once, redirects followed, plus the detail page
  and the PDFs of every purchase request in the database (the escaping and IP-visibility tests).
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta

import sqlalchemy as sa
from flask import url_for

from storefront.extensions import db
from storefront.procurement.models import Notice, PurchaseRequest
from storefront.timeutil import utcnow
from tests.helpers.access_matrix import (
    GET_CASES,
    PARTY_STEPS,
    PRINCIPALS,
    World,
    allowed,
    build_world,
    case_id,
    principal_name,
)

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


def allowed_principals(endpoint: str) -> list:
    return [p for p in PRINCIPALS if allowed(endpoint, p)]


@dataclass
class Page:
    who: str
    principal: object
    url: str
    status: int
    mimetype: str
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", "replace")


def request_urls(world: World) -> list[tuple[str, str]]:
    """(endpoint, url) of the detail page and each issued document of every request."""
    urls = []
    with world.app.app_context():
        requests = db.session.scalars(sa.select(PurchaseRequest).order_by(PurchaseRequest.id)).all()
        with world.app.test_request_context():
            for request in requests:
                urls.append(("procurement.detail", url_for("procurement.detail", request_id=request.id)))
                if request.sp_number:
                    urls.append(("procurement.document",
                                 url_for("procurement.document", request_id=request.id, name="surat-pesanan")))
                if request.bast_number:
                    urls.append(("procurement.document",
                                 url_for("procurement.document", request_id=request.id, name="bast")))
    return urls


def crawl(world: World, extra: list[tuple[str, str]] = ()) -> Iterator[Page]:
    """Each allowed (principal, URL) once, redirects followed; `extra` adds (endpoint, url) pairs."""
    targets = [(endpoint, world.url(endpoint, args)) for endpoint, args in GET_CASES]
    targets += request_urls(world) + list(extra)
    seen = set()
    for endpoint, url in targets:
        for principal in PRINCIPALS:
            if not allowed(endpoint, principal) or (principal, url) in seen:
                continue
            seen.add((principal, url))
            response = world.clients[principal].get(url, follow_redirects=True)
            page = Page(principal_name(principal), principal, url, response.status_code, response.mimetype,
                        response.get_data())
            response.close()
            yield page


__all__ = ["CASES", "OVERDUE", "PRINCIPALS", "Page", "World", "allowed_principals", "busy_world", "case_id",
           "crawl", "get_cases", "request_urls"]
