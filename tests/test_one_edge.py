"""One edge commits (storefront/web/edge.py): no other module of the app commits or rolls back,
and the edge commits once, keeps nothing of a refused action, shows the refusal by its field, and
rolls back and re-raises anything else."""
from __future__ import annotations

import ast
from datetime import date
from pathlib import Path

import pytest
import sqlalchemy as sa
from flask import session
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from wtforms import StringField

import storefront
from storefront.accounts.roles import Role
from storefront.errors import DomainError
from storefront.extensions import db
from storefront.lifecycle import TransitionNotAllowed
from storefront.listings.models import Product
from storefront.listings.workflow import ProductAction, ProductStatus
from storefront.procurement.models import Holiday
from storefront.sellers.workflow import Party, SellerStatus
from storefront.web import edge
from storefront.web.forms import BaseForm

ROOT = Path(storefront.__file__).parent

# Modules that may end a transaction themselves, and why. Everything else goes through the edge.
MAY_COMMIT = {
    "web/edge.py": "the edge: commits a view's work once, rolls back refusals and unexpected errors",
    "cli.py": "CLI commands (create-admin, seed-reference, seed-demo): each command is its own transaction",
    "catalog/cli.py": "CLI `catalog reindex`: commits the rebuilt entries before emptying the page cache",
    "procurement/cli.py": "CLI `procurement expire` and `procurement holiday`",
    "listings/cli.py": "CLI `sellers check-expiry`",
    "demo/bench_seed.py": "CLI `seed-bench`: commits between bulk phases (reference data, then rows)",
}


def _transaction_ends(source: str, name: str) -> list[str]:
    """`<...>session.commit` / `.rollback` in `source` (called or passed on), as "name:line what"."""
    found = []
    for node in ast.walk(ast.parse(source, name)):
        if isinstance(node, ast.Attribute) and node.attr in ("commit", "rollback"):
            owner = node.value.attr if isinstance(node.value, ast.Attribute) else getattr(node.value, "id", "")
            if owner.endswith("session"):
                found.append((node.lineno, f"{name}:{node.lineno} {node.attr}"))
    return [hit for _, hit in sorted(found)]


def _modules() -> dict[str, str]:
    return {path.relative_to(ROOT).as_posix(): path.read_text() for path in sorted(ROOT.rglob("*.py"))}


def test_only_the_edge_and_the_listed_cli_modules_commit_or_roll_back():
    offenders = [hit for name, source in _modules().items() if name not in MAY_COMMIT
                 for hit in _transaction_ends(source, name)]
    assert not offenders, ("commit and roll back through storefront.web.edge.saving (a view) or list the module "
                           "in MAY_COMMIT with a reason:\n" + "\n".join(offenders))


def test_the_list_of_modules_that_may_commit_is_current():
    # A moved or converted module leaves the list, so an exemption cannot outlive its reason.
    modules = _modules()
    stale = [name for name in MAY_COMMIT if name not in modules or not _transaction_ends(modules[name], name)]
    assert not stale, f"no longer commits (or moved): {stale}"


def test_the_scan_finds_a_view_that_ends_its_own_transaction():
    # The class test stays able to fail.
    view = ("def view():\n    try:\n        service()\n    except DomainError:\n        db.session.rollback()\n"
            "    db.session.commit()\n    session = db.session\n    after(session.commit)\n")
    assert _transaction_ends(view, "views.py") == ["views.py:5 rollback", "views.py:6 commit", "views.py:8 commit"]


def _imports(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            names.add(node.module or "")
    return names


def test_the_lifecycle_imports_neither_flask_nor_the_database():
    """storefront/lifecycle.py raises DomainErrors with lazy messages: it reaches storefront.errors
    and storefront.text, and through them nothing of Flask's request machinery or the database.
    (text.py asks Flask-Babel for the translation when a message is rendered.)"""
    forbidden = ("flask", "flask_sqlalchemy", "flask_login", "flask_wtf", "sqlalchemy", "werkzeug",
                 "storefront.extensions", "storefront.models")
    seen, queue, reached = set(), ["storefront.lifecycle"], {}
    while queue:
        module = queue.pop()
        if module in seen:
            continue
        seen.add(module)
        path = ROOT.parent.joinpath(*module.split(".")).with_suffix(".py")
        for name in _imports(path):
            reached[name] = module
            if name.startswith("storefront.") and name not in seen:
                queue.append(name)
    bad = {name: by for name, by in reached.items()
           if any(name == f or name.startswith(f + ".") for f in forbidden)}
    assert not bad, f"imported (by): {bad}"


# ---------------------------------------------------------------- the edge's behaviour

class NameForm(BaseForm):
    name = StringField()


def _flashed() -> list[tuple[str, str]]:
    return [(category, str(message)) for category, message in session.get("_flashes", [])]


def _holidays() -> list[str]:
    db.session.rollback()  # read what was committed, nothing pending
    return list(db.session.scalars(sa.select(Holiday.name).order_by(Holiday.day)))


@pytest.fixture
def request_context(app):
    with app.test_request_context("/", method="POST"):
        yield


@pytest.fixture
def commits():
    """The after-commit events fired while the test runs."""
    fired = []

    def record(_session):
        fired.append("commit")

    sa.event.listen(Session, "after_commit", record)
    yield fired
    sa.event.remove(Session, "after_commit", record)


def test_the_block_is_committed_once_and_the_hooks_fire_after_it(request_context, commits):
    with edge.saving() as saved:
        db.session.add(Holiday(day=date(2031, 12, 25), name="Hari Natal"))
        db.session.flush()
        assert commits == []  # nothing committed inside the block
    assert saved and saved.error is None
    assert commits == ["commit"]
    assert _holidays() == ["Hari Natal"]


def test_a_refusal_keeps_nothing_and_is_shown_next_to_its_field(request_context, commits):
    form = NameForm(formdata=None)
    with edge.saving(form) as saved:
        db.session.add(Holiday(day=date(2031, 12, 25), name="Hari Natal"))
        db.session.flush()
        raise DomainError("Nama ini sudah dipakai.", field="name")
    assert not saved and str(saved.error) == "Nama ini sudah dipakai."
    assert form.name.errors == ["Nama ini sudah dipakai."] and form.form_errors == []
    assert _flashed() == []
    assert commits == [] and _holidays() == []


def test_a_refusal_without_a_field_of_the_form_goes_atop_the_form(request_context):
    form = NameForm(formdata=None)
    with edge.saving(form) as saved:
        raise DomainError("Tidak bisa sekarang.", field="no_such_field")
    assert not saved and form.form_errors == ["Tidak bisa sekarang."] and not form.name.errors


def test_a_refusal_without_a_form_is_flashed(request_context):
    with edge.saving() as saved:
        db.session.add(Holiday(day=date(2031, 12, 25), name="Hari Natal"))
        raise DomainError("Tidak bisa sekarang.")
    assert not saved
    assert _flashed() == [("danger", "Tidak bisa sekarang.")]
    assert _holidays() == []


def test_a_refused_step_is_worded_by_the_page_that_offered_it(request_context):
    with edge.saving(not_allowed="Keputusan ini tidak berlaku lagi.") as saved:
        raise TransitionNotAllowed(ProductStatus.DRAFT, ProductAction.APPROVE, Party.VERIFIER)
    assert isinstance(saved.error, TransitionNotAllowed)
    assert _flashed() == [("danger", "Keputusan ini tidak berlaku lagi.")]
    with edge.saving():
        raise TransitionNotAllowed(ProductStatus.DRAFT, ProductAction.APPROVE, Party.VERIFIER)
    assert _flashed()[1:] == [("danger", "Langkah ini tidak berlaku untuk statusnya sekarang.")]


def test_the_view_may_show_the_refusal_itself(request_context):
    form = NameForm(formdata=None)
    with edge.saving(form, show=False) as saved:
        raise DomainError("Tidak bisa sekarang.", field="name")
    assert not saved and str(saved.error) == "Tidak bisa sekarang."
    assert not form.name.errors and _flashed() == []


def test_any_other_error_rolls_back_and_propagates(request_context, commits):
    with pytest.raises(ZeroDivisionError):
        with edge.saving():
            db.session.add(Holiday(day=date(2031, 12, 25), name="Hari Natal"))
            db.session.flush()
            _ = 1 / 0
    assert commits == [] and _holidays() == []


def test_a_database_error_in_the_block_rolls_back_and_propagates(request_context):
    with edge.saving():
        db.session.add(Holiday(day=date(2031, 12, 25), name="Hari Natal"))
    with pytest.raises(IntegrityError):
        with edge.saving():
            db.session.add(Holiday(day=date(2031, 12, 26), name="Boxing day"))
            db.session.execute(sa.insert(Holiday).values(day=date(2031, 12, 25), name="Lagi"))
    assert not db.session.new  # the session is usable again: the failed transaction is gone
    assert _holidays() == ["Hari Natal"]


def test_a_failed_commit_rolls_back_and_propagates(request_context):
    def refuse(_session):
        raise ConnectionError("the database went away")

    sa.event.listen(Session, "before_commit", refuse, once=True)
    with pytest.raises(ConnectionError):
        with edge.saving() as saved:
            db.session.add(Holiday(day=date(2031, 12, 25), name="Hari Natal"))
    assert not saved and not db.session.new
    assert _holidays() == []


def test_views_show_a_refused_step_in_their_own_words(app, make, login):
    make.reference("medan")
    owner = make.user(Role.SELLER)
    product = make.product(make.seller(SellerStatus.VERIFIED, owner=owner))  # published: cannot republish
    page = login(owner).post(f"/penjual/produk/{product.id}/tayangkan", follow_redirects=True)
    assert "Langkah ini tidak berlaku untuk status produk sekarang." in page.get_data(as_text=True)
    with app.app_context():
        assert db.session.get(Product, product.id).status is ProductStatus.PUBLISHED
