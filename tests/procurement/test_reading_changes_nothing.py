"""Reading notices and overdue requests changes nothing; marking read is a POST, expiry a command
(issue 10, point 16; the class test over every GET route is tests/test_safe_gets.py)."""
from __future__ import annotations

from datetime import timedelta

import sqlalchemy as sa

from storefront.extensions import db
from storefront.procurement.models import Notice, PurchaseRequest
from storefront.timeutil import utcnow


def _notice(app, user, message) -> int:
    with app.app_context():
        notice = Notice(user_id=user.id, message=message)
        db.session.add(notice)
        db.session.commit()
        return notice.id


def _unread(app, user) -> list[str]:
    with app.app_context():
        return list(db.session.scalars(sa.select(Notice.message).where(Notice.user_id == user.id,
                                                                       Notice.read_at.is_(None))
                                       .order_by(Notice.id)))


def test_notices_stay_unread_until_the_user_marks_them_read(app, login, shop):
    first = _notice(app, shop.ppk, "Pertama")
    _notice(app, shop.ppk, "Kedua")
    client = login(shop.ppk)
    page = client.get("/pemberitahuan").text
    assert page.count('data-testid="unread"') == 2 and "Tandai sudah dibaca" in page
    assert _unread(app, shop.ppk) == ["Pertama", "Kedua"]
    newest_shown = int(page.split('name="up_to" value="')[1].split('"')[0])
    _notice(app, shop.ppk, "Datang sesudah halaman dibuka")  # not shown yet: stays unread
    response = client.post("/pemberitahuan/dibaca", data={"up_to": str(newest_shown)})
    assert response.status_code == 302
    assert _unread(app, shop.ppk) == ["Datang sesudah halaman dibuka"]
    assert newest_shown > first


def test_marking_read_touches_only_ones_own_notices_and_refuses_a_strange_number(app, login, shop):
    _notice(app, shop.ppk, "Milik PPK")
    _notice(app, shop.pemesan, "Milik pemesan")
    client = login(shop.pemesan)
    assert client.post("/pemberitahuan/dibaca", data={"up_to": "²"}).status_code == 302
    assert _unread(app, shop.pemesan) == ["Milik pemesan"]
    client.post("/pemberitahuan/dibaca", data={"up_to": str(2**31 - 1)})
    assert _unread(app, shop.pemesan) == [] and _unread(app, shop.ppk) == ["Milik PPK"]


def test_an_overdue_request_is_shown_as_overdue_and_expires_only_by_the_command(app, make, login, shop):
    request = make.purchase_request(shop.seller, shop.products[0], opd=shop.opd, pemesan=shop.pemesan,
                                    ppk=shop.ppk, status="submitted")
    with app.app_context():
        db.session.get(PurchaseRequest, request.id).respond_by = utcnow() - timedelta(hours=1)
        db.session.commit()
    client = login(shop.ppk)
    inbox = client.get("/permintaan").text
    assert 'data-testid="overdue"' in inbox
    detail = client.get(f"/permintaan/{request.id}")
    assert detail.status_code == 200 and 'data-testid="overdue"' in detail.text
    assert 'data-testid="no-actions"' in detail.text  # a step now would only expire it
    with app.app_context():
        assert db.session.get(PurchaseRequest, request.id).status.value == "submitted"
    result = app.test_cli_runner().invoke(args=["procurement", "expire"])
    assert "1 permintaan kedaluwarsa" in result.output
    with app.app_context():
        assert db.session.get(PurchaseRequest, request.id).status.value == "expired"
