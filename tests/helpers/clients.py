"""Carrying a test's state over to a copy of its database (tests/database.py): signed-in clients
by their cookies, rows by their ids."""
from __future__ import annotations

from storefront.extensions import db


def cookies_of(client) -> list[tuple[str, str, str, str]]:
    """(key, value, domain, path) of every cookie a test client holds."""
    return [(cookie.key, cookie.value, cookie.domain, cookie.path) for cookie in client._cookies.values()]


def client_with(app, cookies):
    """A new test client of `app` holding these cookies: the same browser session, whose server
    side (its row in auth_sessions) the copied database holds."""
    client = app.test_client()
    for key, value, domain, path in cookies:
        client.set_cookie(key, value, domain=domain, path=path)
    return client


def detached(app, model, row_id):
    """The row, loaded and detached from the session (its columns stay readable after)."""
    with app.app_context():
        row = db.session.get(model, row_id)
        db.session.expunge(row)
        return row
