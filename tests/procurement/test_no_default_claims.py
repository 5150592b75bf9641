"""A form that is sent as it was shown claims nothing (issue 10, point 18): "Periksa: semua sesuai"
records whether the delivery was on time from the dates, not from a box left unticked; and no
field of a request's page (any step, any status, any party, and the rating) starts on an answer
that states a fact: no checkbox, no pre-selected choice, no pre-filled quantity received."""
from __future__ import annotations

from datetime import timedelta
from html.parser import HTMLParser

import pytest
import sqlalchemy as sa

from storefront.accounts.roles import Role
from storefront.extensions import db
from storefront.procurement import clock
from storefront.procurement.models import PurchaseRequest, Rating
from storefront.procurement.workflow import RequestStatus
from tests.helpers.page_forms import take_step
from tests.procurement.conftest import submit

# The seller's counter-offer starts from the order's terms: it is their own proposal, not a fact.
PROPOSALS = ("qty-", "price-")


class Forms(HTMLParser):
    """Each <form> of a page: its action and its fields as rendered (name, kind, value, checked)."""

    def __init__(self, html: str):
        super().__init__()
        self.forms, self._select, self._textarea = [], None, None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.forms.append({"action": attrs.get("action", ""), "fields": []})
        elif not self.forms:
            return
        elif tag == "input":
            self.forms[-1]["fields"].append({"name": attrs.get("name"), "kind": attrs.get("type", "text"),
                                             "value": attrs.get("value", ""), "checked": "checked" in attrs})
        elif tag == "select":
            self._select = {"name": attrs.get("name"), "kind": "select", "options": []}
            self.forms[-1]["fields"].append(self._select)
        elif tag == "option" and self._select is not None:
            self._select["options"].append((attrs.get("value", ""), "selected" in attrs))
        elif tag == "textarea":
            self._textarea = {"name": attrs.get("name"), "kind": "textarea", "value": ""}
            self.forms[-1]["fields"].append(self._textarea)

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea["value"] += data

    def form(self, action_ends: str) -> dict:
        return next(f for f in self.forms if f["action"].endswith(action_ends))


def shown_value(field) -> str | None:
    """What the browser sends for a field left as shown (None: nothing)."""
    if field["kind"] == "select":
        chosen = [value for value, selected in field["options"] if selected] or field["options"][:1]
        return chosen[0][0] if chosen else None
    if field["kind"] in ("checkbox", "radio"):
        return field["value"] or "on" if field["checked"] else None
    if field["kind"] in ("submit", "file"):
        return None
    return field["value"]


def as_shown(form: dict, **typed) -> dict:
    """The form's data as a browser sends it untouched, plus what the test types in."""
    data = {f["name"]: shown_value(f) for f in form["fields"] if f["name"] and shown_value(f) is not None}
    return data | typed


@pytest.mark.parametrize("status", [s.value for s in RequestStatus])
def test_no_field_of_a_request_page_starts_on_a_claim(app, make, login, shop, status):
    request = make.purchase_request(shop.seller, shop.products[0], opd=shop.opd, pemesan=shop.pemesan, ppk=shop.ppk,
                                    status=status)
    readers = [shop.pemesan, shop.ppk, shop.bendahara, shop.seller_owner]
    if status == RequestStatus.DISPUTED.value:
        readers.append(make.user(Role.VERIFIER))
    checked = 0
    for user in readers:
        page = login(user).get(f"/permintaan/{request.id}")
        assert page.status_code == 200
        for form in Forms(page.text).forms:
            for field in form["fields"]:
                name, where = field["name"] or "", (status, user.role.value, form["action"], field["name"])
                if field["kind"] in ("hidden", "submit", "file") or name.startswith(PROPOSALS):
                    continue
                checked += 1
                # A box left unticked answers "no": a yes/no fact is a choice with no default instead.
                assert field["kind"] not in ("checkbox", "radio"), where
                if field["kind"] == "select":
                    assert shown_value(field) == "", where
                else:
                    assert not field["value"].strip(), where
    assert checked or status in {"rejected", "declined", "cancelled", "expired", "terminated"}


def received(app, login, shop, *, needed_on_shift: int) -> int:
    """A request delivered and recorded as received today; the day it was needed moved by
    `needed_on_shift` days from today in the city (negative: the delivery came late)."""
    (rid,) = submit(app, shop, {shop.products[0]: 2})
    take_step(login(shop.ppk), rid, "approve", {"sp_number": f"SP/{rid}"})
    seller = login(shop.seller_owner)
    take_step(seller, rid, "accept", {})
    take_step(seller, rid, "ship", {"note": "Dikirim"})
    with app.app_context():
        db.session.get(PurchaseRequest, rid).needed_on = clock.today_local() + timedelta(days=needed_on_shift)
        db.session.commit()
    assert take_step(login(shop.pemesan), rid, "receive", {}).status_code == 302
    return rid


@pytest.mark.parametrize("shift, on_time", [(0, True), (3, True), (-1, False)])
def test_all_as_ordered_records_the_delivery_on_time_by_its_dates(app, login, shop, shift, on_time):
    rid = received(app, login, shop, needed_on_shift=shift)
    ppk = login(shop.ppk)
    form = Forms(ppk.get(f"/permintaan/{rid}").text).form("/inspect")
    assert ppk.post(form["action"], data=as_shown(form)).status_code == 302
    with app.app_context():
        request = db.session.get(PurchaseRequest, rid)
        assert request.status is RequestStatus.INSPECTED
        assert request.inspection["on_time"] is on_time
        assert request.inspection["quantity_ok"] is True and request.inspection["quality_ok"] is True


@pytest.mark.parametrize("action", ["report_nonconforming", "accept_partial"])
def test_an_inspection_sent_as_shown_is_refused_not_recorded_as_a_claim(app, login, shop, action):
    rid = received(app, login, shop, needed_on_shift=1)
    ppk = login(shop.ppk)
    if action == "accept_partial":
        form = Forms(ppk.get(f"/permintaan/{rid}").text).form("/report_nonconforming")
        sent = ppk.post(form["action"], data=as_shown(form, reason="Kotak penyok", quantity_ok="sesuai",
                                                      quality_ok="tidak"))
        assert sent.status_code == 302
    with app.app_context():
        before = db.session.get(PurchaseRequest, rid)
        before = (before.status, before.inspection, before.accepted_total)
    form = Forms(ppk.get(f"/permintaan/{rid}").text).form(f"/{action}")
    response = ppk.post(form["action"], data=as_shown(form, reason="Alasan uji"))
    assert response.status_code == 422
    assert 'data-testid="field-error"' in response.text or 'data-testid="form-error"' in response.text
    with app.app_context():
        after = db.session.get(PurchaseRequest, rid)
        assert (after.status, after.inspection, after.accepted_total) == before


def test_a_rating_sent_as_shown_is_refused(app, make, login, shop):
    request = make.purchase_request(shop.seller, shop.products[0], opd=shop.opd, pemesan=shop.pemesan, ppk=shop.ppk,
                                    status="completed")
    pemesan = login(shop.pemesan)
    form = Forms(pemesan.get(f"/permintaan/{request.id}").text).form("/nilai")
    pemesan.post(form["action"], data=as_shown(form))
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Rating)) == 0


@pytest.mark.parametrize("received_utc, on_time", [("2026-12-07 17:30", True), ("2026-12-08 17:30", False)])
def test_on_time_is_judged_on_the_citys_date(app, login, shop, received_utc, on_time):
    """Received at 00.30 WIB on 8 December (17.30 UTC on the 7th) for the 8th is on time; at 00.30
    WIB on the 9th it is late, whatever the UTC date says."""
    from datetime import date, datetime

    from storefront.procurement.models import RequestEvent

    rid = received(app, login, shop, needed_on_shift=0)
    with app.app_context():
        db.session.get(PurchaseRequest, rid).needed_on = date(2026, 12, 8)
        event = db.session.scalar(sa.select(RequestEvent).where(RequestEvent.request_id == rid,
                                                                RequestEvent.action == "receive"))
        event.created_at = datetime.fromisoformat(received_utc)
        db.session.commit()
    ppk = login(shop.ppk)
    form = Forms(ppk.get(f"/permintaan/{rid}").text).form("/inspect")
    assert ppk.post(form["action"], data=as_shown(form)).status_code == 302
    with app.app_context():
        assert db.session.get(PurchaseRequest, rid).inspection["on_time"] is on_time
