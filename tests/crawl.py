"""Every page of the app as everyone who may open it: the GET cases of the access matrix (one per
route, so a new route is crawled as soon as it is in that table) plus the detail page and the
PDFs of every purchase request in the database, for every principal the access table allows."""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import sqlalchemy as sa
from flask import url_for

from storefront.extensions import db
from tests.test_access_matrix import GET_CASES, PRINCIPALS, World, allowed, principal_name


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
    from storefront.procurement.models import PurchaseRequest

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
