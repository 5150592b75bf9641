"""Issue 10 point 15: the client addresses kept in the records (request history, sign-in sessions)
are for the auditor only; the parties see who did what and when, never from where.

Every column of the schema that holds an address (found by name, so a new one is covered) gets a
marker value on every row; then every page and PDF is opened as everyone allowed to open it.
"""
from __future__ import annotations

from storefront.accounts.roles import Role
from storefront.extensions import db
from tests.helpers.crawl import crawl

MARKER_IP = "203.0.113.77"  # TEST-NET-3: appears nowhere else


def address_columns():
    return [(table, column) for table in db.metadata.sorted_tables for column in table.columns
            if "ip" in column.name.lower().split("_")]


def test_the_schema_has_address_columns_to_check(app):
    names = {f"{table.name}.{column.name}" for table, column in address_columns()}
    assert {"request_events.ip_address", "auth_sessions.ip_address"} <= names


def test_addresses_are_shown_to_the_auditor_only(app, world):
    with app.app_context():
        for table, column in address_columns():
            db.session.execute(table.update().values({column.name: MARKER_IP}))
        db.session.commit()
    leaks, auditor_saw = [], False
    for page in crawl(world):
        assert page.status < 500, f"{page.who} GET {page.url}: {page.status}"
        if MARKER_IP not in page.text:
            continue
        if page.principal is Role.AUDITOR:
            auditor_saw = True
        else:
            leaks.append(f"{page.who} sees an address on {page.url}")
    assert not leaks, "\n".join(leaks)
    assert auditor_saw, "the auditor should see the address on a request's history"
