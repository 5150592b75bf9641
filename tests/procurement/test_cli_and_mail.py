"""`flask procurement expire` from the command line, and the emails of each step, received by a
real SMTP server (aiosmtpd) started by the test."""
from __future__ import annotations

from datetime import timedelta

import pytest
import sqlalchemy as sa
from aiosmtpd.controller import Controller

from storefront.errors import DomainError
from storefront.extensions import db
from storefront.procurement.models import PurchaseRequest
from storefront.procurement.workflow import Party, RequestAction, RequestStatus
from storefront.timeutil import utcnow
from tests.helpers.mail_server import Inbox, free_port
from tests.procurement.conftest import status_of, step, submit


@pytest.fixture
def smtp():
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    yield controller, inbox
    controller.stop()


@pytest.fixture
def app_config(app_config, smtp):
    controller, _ = smtp
    return app_config | {"MAIL_SERVER": "127.0.0.1", "MAIL_PORT": controller.port, "MAIL_USE_TLS": False,
                         "MAIL_DEFAULT_SENDER": "etalase@pemkomedan.go.id", "BASE_URL": "https://etalase.example"}


def test_each_step_that_asks_someone_to_act_sends_them_an_email(app, shop, smtp):
    _, inbox = smtp
    (rid,) = submit(app, shop, {shop.products[0]: 2})
    assert [to for to, _ in inbox.messages] == [[shop.ppk.email]]
    assert "menunggu persetujuan Anda" in inbox.messages[0][1] and "/permintaan/" in inbox.messages[0][1]
    step(app, rid, RequestAction.APPROVE, shop.ppk, Party.PPK, sp_number="SP/EMAIL/1")
    assert inbox.messages[-1][0] == [shop.seller_owner.email] and "Surat Pesanan terbit" in inbox.messages[-1][1]
    with pytest.raises(DomainError):  # a refused step sends nothing
        step(app, rid, RequestAction.APPROVE, shop.ppk, Party.PPK, sp_number="SP/EMAIL/2")
    assert len(inbox.messages) == 2


def test_expire_from_the_command_line(app, shop, smtp):
    _, inbox = smtp
    (rid,) = submit(app, shop, {shop.products[0]: 2})
    with app.app_context():
        db.session.get(PurchaseRequest, rid).respond_by = utcnow() - timedelta(minutes=1)
        db.session.commit()
    result = app.test_cli_runner().invoke(args=["procurement", "expire"])
    assert result.exit_code == 0, result.output
    assert "1 permintaan kedaluwarsa" in result.output
    assert status_of(app, rid) is RequestStatus.EXPIRED
    told = {tuple(to) for to, body in inbox.messages if "kedaluwarsa" in body}
    assert told == {(shop.pemesan.email,), (shop.seller_owner.email,)}
    assert all("https://etalase.example/permintaan/" in body for to, body in inbox.messages if "kedaluwarsa" in body)
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(PurchaseRequest)
                                 .where(PurchaseRequest.status == RequestStatus.EXPIRED)) == 1


def test_holidays_are_kept_from_the_command_line_and_move_deadlines(app):
    from datetime import date, datetime

    from storefront.procurement import clock

    runner = app.test_cli_runner()
    assert runner.invoke(args=["procurement", "holiday", "2026-12-25", "Hari Natal"]).exit_code == 0
    assert runner.invoke(args=["procurement", "holiday", "2026-12-26"]).exit_code != 0  # a name is needed
    assert "2026-12-25  Hari Natal" in runner.invoke(args=["procurement", "holiday"]).output
    with app.app_context():
        assert clock.holidays() == {date(2026, 12, 25)}
        # Wednesday 23 Dec 2026, 10.00 in Medan: Thu 24, (Fri 25 is off), Mon 28, Tue 29.
        assert clock.respond_by(datetime(2026, 12, 23, 3, 0)) == datetime(2026, 12, 29, 16, 59, 59)
    assert runner.invoke(args=["procurement", "holiday", "2026-12-25", "--remove"]).exit_code == 0
    with app.app_context():
        assert clock.holidays() == frozenset()
