"""Command-line tasks: create-admin, seed-reference and seed-demo (idempotent, never in production)."""
from __future__ import annotations

import sqlalchemy as sa

from storefront.accounts.models import User
from storefront.accounts.roles import PROCUREMENT_READERS, Role
from storefront.demo.seed import DEMO_ACCOUNTS, DEMO_PASSWORD, SELLER_ACCOUNTS
from storefront.extensions import db
from storefront.procurement.models import PurchaseRequest
from storefront.procurement.workflow import RequestStatus
from tests import database
from tests.app_setup import sign_in


def user_count(app) -> int:
    with app.app_context():
        return db.session.scalar(sa.select(sa.func.count()).select_from(User))


def test_seed_demo_creates_every_role_and_is_idempotent(app, demo):
    exit_code, output = database.load(app, demo)  # what `flask seed-demo` did on an empty database
    assert exit_code == 0, output
    assert DEMO_PASSWORD in output
    with app.app_context():
        roles = set(db.session.scalars(sa.select(User.role)))
        opd_staff = db.session.execute(sa.select(User.role, User.opd_id).where(User.opd_id.is_not(None))).all()
    assert roles == set(Role)
    assert len({opd_id for _, opd_id in opd_staff}) == 2  # two OPDs, each with its staff
    total = user_count(app)
    assert total == len(DEMO_ACCOUNTS) + len(SELLER_ACCOUNTS)  # and the owners of the demo businesses
    with app.app_context():
        statuses = set(db.session.scalars(sa.select(PurchaseRequest.status)))
        requests = db.session.scalar(sa.select(sa.func.count()).select_from(PurchaseRequest))
    assert statuses == set(RequestStatus)  # the demo shows every step of the lifecycle
    runner = app.test_cli_runner()
    assert runner.invoke(args=["seed-demo"]).exit_code == 0
    assert user_count(app) == total
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(PurchaseRequest)) == requests


def test_every_demo_account_can_sign_in(app, demo):
    database.load(app, demo)
    for account in DEMO_ACCOUNTS:
        client = app.test_client()
        assert sign_in(client, account.email, DEMO_PASSWORD).status_code == 302, account.email
        with app.test_request_context():
            label = str(account.role.label)
        assert label in client.get("/dasbor").text
        if account.role in PROCUREMENT_READERS:  # each demo role has requests waiting for it
            tab = "semua" if account.role is Role.AUDITOR else "menunggu"
            assert 'data-testid="request-row"' in client.get(f"/permintaan?tab={tab}").text, account.email


def test_seed_demo_is_refused_in_production(database_url, tmp_path):
    from storefront import create_app
    from tests.app_setup import base_config

    config = base_config(database_url, tmp_path) | {"ETALASE_ENV": "production", "SECRET_KEY": "s" * 40}
    app = create_app(config)
    result = app.test_cli_runner().invoke(args=["seed-demo"])
    assert result.exit_code != 0
    assert "produksi" in result.output


def test_create_admin_from_arguments(app):
    runner = app.test_cli_runner()
    result = runner.invoke(args=["create-admin", "--email", "Kepala@Medan.example", "--name", "Kepala TI",
                                 "--password", "rahasia sekali dong"])
    assert result.exit_code == 0, result.output
    client = app.test_client()
    assert sign_in(client, "kepala@medan.example", "rahasia sekali dong").status_code == 302


def test_create_admin_interactively(app):
    result = app.test_cli_runner().invoke(
        args=["create-admin"], input="it@medan.example\nPetugas TI\nsatu dua tiga empat\nsatu dua tiga empat\n")
    assert result.exit_code == 0, result.output
    with app.app_context():
        assert db.session.scalar(sa.select(User.role).where(User.email == "it@medan.example")) is Role.ADMIN


def test_create_admin_refuses_a_weak_password_and_duplicates(app):
    runner = app.test_cli_runner()
    weak = runner.invoke(args=["create-admin", "--email", "a@medan.example", "--name", "A", "--password", "12345"])
    assert weak.exit_code != 0 and "minimal 10" in weak.output
    assert user_count(app) == 0
    ok = ["create-admin", "--email", "a@medan.example", "--name", "A", "--password", "kalimat yang panjang"]
    assert runner.invoke(args=ok).exit_code == 0
    duplicate = runner.invoke(args=ok)
    assert duplicate.exit_code != 0 and "sudah dipakai" in duplicate.output
    assert user_count(app) == 1


def test_seed_reference_for_an_unknown_city_fails_clearly(app):
    result = app.test_cli_runner().invoke(args=["seed-reference", "--city", "atlantis"])
    assert result.exit_code != 0
    assert "medan" in result.output
