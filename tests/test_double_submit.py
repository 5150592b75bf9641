"""Double submits answer politely: every POST route of the app, fired twice at the same moment.

A double click, a retried request or two tabs send the same post twice, and both arrive while the
other is still working. For every POST endpoint in `app.url_map` (the valid post for each comes
from the access matrix's POST_CASES, so a new route needs a case there and an entry in ONCE or
EACH below, or `test_every_post_route_has_a_double_submit_rule` fails), two threads, each with its
own test client and its own database connection, start at a barrier and send the same post in the
same session. Neither answer may be a server error, and the database must end up as one post
leaves it: the same tables gain, lose and change the same number of rows in the same columns as
after a single post on an identical world (built afresh, on a database FILE: SQLite in WAL mode,
or PostgreSQL in its pass; an in-memory SQLite has one connection, so nothing could race in it).

The known racy routes (cart, rating, reply) run several rounds.
"""
from __future__ import annotations

import shutil
import threading
from collections import Counter
from pathlib import Path

import pytest
import sqlalchemy as sa

from storefront import create_app
from storefront.accounts.roles import Role
from storefront.extensions import db
from tests.app_setup import base_config, share_compiled_templates
from tests.helpers.access_matrix import (
    ACCESS,
    PARTY_STEPS,
    POST_CASES,
    PUBLIC,
    ReplayableFile,
    allowed,
    build_world,
    open_world,
    post_data,
    rules,
    seed_of,
)
from tests.helpers.clients import client_with, cookies_of

# Two identical posts at once leave the state one post leaves.
ONCE = {
    "accounts.logout", "accounts.change_password",
    "admin.user_new", "admin.user_edit", "admin.user_set_active", "admin.reference_new", "admin.reference_edit",
    "sellers.register", "sellers.profile", "sellers.document_list", "sellers.document_delete", "sellers.submit",
    "verification.seller_decide",
    "listings.product_new", "listings.product_edit", "listings.product_photos", "listings.photo_change",
    "listings.product_act", "curation.product_decide",
    "registry.entry_new", "registry.entry_edit", "registry.import_confirm",
    "registry.import_cancel",
    "procurement.cart_add", "procurement.cart_remove", "procurement.checkout", "procurement.step",
    "procurement.rate", "procurement.reply", "procurement.notices_read",
}
# Documented exceptions: each post is an act of its own, and two of them are what the user asked for.
EACH = {
    # Each sign-in starts a session of its own (two browsers signing in at once are two sessions); the
    # browser keeps the last one and the other is never used again.
    "accounts.login": "a session per sign-in",
    # Each reset gives a new temporary password, shown once; the last one shown is the one that works.
    "admin.user_reset_password": "a new temporary password per reset",
    # Each unlock is an act of its own in the account's history (who unlocked, when); the counters it
    # clears are cleared the same by one post or two.
    "admin.user_unlock": "an unlock event per unlock",
    "verification.owner_unlock": "an unlock event per unlock",
    # Each renewal gives the business a new invitation code; the last one is the one that works.
    "registry.invitation_renew": "a new invitation code per renewal",
    # An upload waits in the session for its preview; the session keeps the last one, and the file
    # of the other is removed with every unconfirmed upload after a day (registry/import_views.py, _prune).
    # Nothing is written to the database before the confirmation, which is ONCE.
    "registry.import_upload": "a preview per upload",
}
ROUNDS = {"procurement.cart_add": 4, "procurement.rate": 4, "procurement.reply": 4}


def acting_principal(case, endpoint: str):
    if ACCESS[endpoint] == PUBLIC:
        return None
    return Role.ADMIN if allowed(endpoint, Role.ADMIN) else next(r for r in Role if allowed(endpoint, r))


def double_cases():
    """(case, principal): each POST case by a role it is for; each party's own step."""
    for case in POST_CASES:
        if case.endpoint == "procurement.step":
            for role in PARTY_STEPS:
                yield pytest.param(case, role, id=f"{case.id}-{role.value}-{PARTY_STEPS[role][1]}")
        else:
            yield pytest.param(case, acting_principal(case, case.endpoint), id=case.id)


def test_every_post_route_has_a_double_submit_rule():
    app = create_app(base_config("sqlite://", Path("/tmp")))
    endpoints = {rule.endpoint for rule in rules(app) if "POST" in rule.methods}
    missing = endpoints - ONCE - set(EACH)
    assert not missing, f"say what two posts at once of these leave (ONCE or EACH): {sorted(missing)}"
    assert not (ONCE | set(EACH)) - endpoints, "ONCE/EACH name endpoints the app no longer has"
    assert endpoints <= {case.endpoint for case in POST_CASES}


# ---------------------------------------------------------------- a fresh world on a database file

class Worlds:
    """Opens worlds one after another, each a fresh copy of the access matrix's (built once per run:
    tests/database.py) on a database file of its own (or in the emptied PostgreSQL database of the
    run), in an app of its own."""

    def __init__(self, database_url: str, tmp_path, seeded):
        self.database_url, self.tmp_path, self.seeded, self.count, self.apps = database_url, tmp_path, seeded, 0, []

    def new(self):
        self.count += 1
        folder = self.tmp_path / f"world-{self.count}"
        sqlite = self.database_url.startswith("sqlite")
        url = f"sqlite:///{folder / 'etalase.sqlite'}" if sqlite else self.database_url
        folder.mkdir()
        # Each thread holds a connection from its first read to its commit, as a worker does.
        config = base_config(url, folder) | {"SQLALCHEMY_ENGINE_OPTIONS": {"pool_size": 6, "max_overflow": 0}}
        app = share_compiled_templates(create_app(config))
        self.apps.append(app)
        seed = self.seeded("access-matrix", lambda app, make, login: seed_of(build_world(app, make, login)), into=app)
        return open_world(app, seed)

    def close(self):
        for app in self.apps:
            with app.app_context():
                db.session.remove()
                db.engine.dispose()


@pytest.fixture
def worlds(database_url, tmp_path, seeded):
    made = Worlds(database_url, tmp_path, seeded)
    yield made
    made.close()


def rows(app) -> dict:
    """Every row of every table, by primary key."""
    with app.app_context():
        found = {}
        for table in db.metadata.sorted_tables:
            keys = [column.name for column in table.primary_key.columns]
            found[table.name] = {tuple(row[k] for k in keys): dict(row)
                                 for row in db.session.execute(sa.select(table)).mappings()}
        return found


def what_changed(before: dict, after: dict) -> dict:
    """Per table: rows added, rows removed, and which columns of the changed rows changed (ids,
    times and tokens differ from world to world; what changed, and how many, may not)."""
    summary = {}
    for table, old in before.items():
        new = after[table]
        changed = Counter(tuple(sorted(column for column in new[key] if new[key][column] != old[key][column]))
                          for key in old.keys() & new.keys() if new[key] != old[key])
        added, removed = len(new.keys() - old.keys()), len(old.keys() - new.keys())
        if added or removed or changed:
            summary[table] = {"added": added, "removed": removed, "changed": dict(changed)}
    return summary


def copy_of(data: dict) -> dict:
    """The same form data for another request (an upload's bytes are read once per request)."""
    copied = {}
    for key, value in data.items():
        if isinstance(value, tuple) and hasattr(value[0], "read"):
            value[0].seek(0)
            content = value[0].read()
            value[0].seek(0)
            copied[key] = (ReplayableFile(content), *value[1:])
        else:
            copied[key] = value
    return copied


def same_session(world, principal):
    """A second test client in the first one's session (the same browser, another request)."""
    first = world.clients[principal]
    return first, client_with(world.app, cookies_of(first))


def url_for_case(world, case, principal) -> str:
    return world.url(case.endpoint, case.args_for(principal) if case.args_for else case.args)


def one_post(worlds, case, principal) -> dict:
    world = worlds.new()
    url = url_for_case(world, case, principal)
    data = post_data(world, case, principal, url)
    before = rows(world.app)
    response = world.clients[principal].post(url, data=data)
    assert response.status_code == case.success_status, f"a single post answered {response.status_code}"
    assert case.done(world, principal)
    return what_changed(before, rows(world.app))


def two_posts_at_once(world, case, principal) -> list:
    url = url_for_case(world, case, principal)
    data = post_data(world, case, principal, url)
    clients = same_session(world, principal)
    bodies = [copy_of(data) for _ in clients]
    start, answers = threading.Barrier(2, timeout=30), [None, None]

    def post(n: int) -> None:
        start.wait()
        try:
            response = clients[n].post(url, data=bodies[n])
            answers[n] = (response.status_code, response.headers.get("Location", ""))
        except Exception as error:  # reported by the assertions
            answers[n] = (repr(error), "")

    threads = [threading.Thread(target=post, args=(n,)) for n in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    return answers


@pytest.mark.parametrize(("case", "principal"), list(double_cases()))
def test_two_identical_posts_at_once(worlds, case, principal):
    expected = one_post(worlds, case, principal)
    for round_number in range(ROUNDS.get(case.endpoint, 1)):
        world = worlds.new()
        before = rows(world.app)
        answers = two_posts_at_once(world, case, principal)
        failed = [answer for answer in answers if not isinstance(answer[0], int) or answer[0] >= 500]
        assert not failed, f"round {round_number}: {answers}"
        if case.endpoint in ONCE:
            assert case.done(world, principal), f"round {round_number}: not what one post does ({answers})"
            assert what_changed(before, rows(world.app)) == expected, f"round {round_number}: {answers}"
        shutil.rmtree(world.app.config["REGISTRY_IMPORT_DIR"], ignore_errors=True)
