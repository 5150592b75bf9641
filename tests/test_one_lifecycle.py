"""Issue 11 point 5: one lifecycle engine.

Every status change of a seller, a product, a product revision or a purchase request goes
through storefront/lifecycle_engine.py `apply`: the transition table decides, a conditional
UPDATE decides which of two concurrent steps wins, and the engine writes the event row. The
class tests read the whole of storefront/, so a new module, model or event is checked without
being listed here; the behaviour tests drive the engine itself.
"""
from __future__ import annotations

import ast
import itertools
import re
from pathlib import Path

import pytest
import sqlalchemy as sa

from storefront import lifecycle_engine
from storefront.accounts.models import User
from storefront.accounts.roles import Role
from storefront.config import PROJECT_ROOT
from storefront.extensions import db
from storefront.lifecycle import ReasonRequired, TransitionNotAllowed, next_state
from storefront.listings.models import Product, ProductEvent
from storefront.listings.workflow import (
    REVISION_TRANSITIONS,
    ProductAction,
    ProductStatus,
    RevisionAction,
    RevisionStatus,
)
from storefront.once import ChangedMeanwhile
from storefront.sellers.workflow import Party, SellerStatus

ENGINE = Path("storefront/lifecycle_engine.py")
TABLES = Path("storefront/lifecycle.py")
# An UPDATE of a status column written as SQL text.
SQL_STATUS_UPDATE = re.compile(r"\bupdate\b.*\bset\b.*\bstatus\s*=", re.I | re.S)


def storefront_modules():
    for path in sorted((PROJECT_ROOT / "storefront").rglob("*.py")):
        yield path.relative_to(PROJECT_ROOT), ast.parse(path.read_text(encoding="utf-8"))


def _has_status_key(node) -> bool:
    return isinstance(node, ast.Dict) and any(isinstance(key, ast.Constant) and key.value == "status"
                                              for key in node.keys)


def _builds_an_update(node) -> bool:
    """`sa.update(Model).where(...).values(...)`, `query.update(...)`: an UPDATE somewhere in the chain."""
    while isinstance(node, (ast.Call, ast.Attribute)):
        if isinstance(node, ast.Call):
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            if name == "update":
                return True
            node = node.func
        else:
            node = node.value
    return False


def status_writes(tree) -> list[int]:
    """Lines that change a status by hand: `x.status = ...`, `setattr(x, "status", ...)`, an UPDATE
    whose values name `status` (`.values(status=...)`, `claim(..., values={"status": ...})`,
    `query.update({"status": ...})`), or SQL text that sets a status. A new row's first status
    (`Product(status=...)`) is no change and is not listed."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, (ast.Assign, ast.AugAssign, ast.AnnAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            flat = [elt for target in targets for elt in (target.elts if isinstance(target, ast.Tuple) else [target])]
            if any(isinstance(target, ast.Attribute) and target.attr == "status" for target in flat):
                found.append(node.lineno)
        elif isinstance(node, ast.Call):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            arguments = list(node.args) + [keyword.value for keyword in node.keywords]
            if name == "setattr" and len(node.args) > 1 and isinstance(node.args[1], ast.Constant) \
                    and node.args[1].value == "status":
                found.append(node.lineno)
            elif name in ("values", "update") and (_builds_an_update(func) or name == "update") and (
                    any(keyword.arg == "status" for keyword in node.keywords)
                    or any(_has_status_key(argument) for argument in arguments)):
                found.append(node.lineno)
            elif any(keyword.arg == "values" and _has_status_key(keyword.value) for keyword in node.keywords):
                found.append(node.lineno)
            elif any(isinstance(argument, ast.Constant) and isinstance(argument.value, str)
                     and SQL_STATUS_UPDATE.search(argument.value) for argument in arguments):
                found.append(node.lineno)  # sa.text("UPDATE ... SET status = ..."), a docstring is no change
    return sorted(set(found))


def test_the_status_scan_finds_what_it_looks_for():
    def lines(source: str) -> list[int]:
        return status_writes(ast.parse(source))

    assert lines("seller.status = after\n") == [1]
    assert lines("a.status, b = x, y\n") == [1]
    assert lines("setattr(revision, 'status', decided)\n") == [1]
    assert lines("db.session.execute(sa.update(M).where(M.id == 1).values(status=after))\n") == [1]
    assert lines("db.session.execute(sa.update(M).values({'status': after}))\n") == [1]
    assert lines("once.claim(M, M.id == 1, values={'status': after})\n") == [1]
    assert lines("session.query(M).filter_by(id=1).update({'status': 'x'})\n") == [1]
    assert lines("db.session.execute(sa.text('UPDATE sellers SET status = :s WHERE id = :i'))\n") == [1]
    # Not a change: reading, comparing, creating a row with its first status, another column.
    assert lines("if seller.status is S.VERIFIED:\n    x = seller.status\n") == []
    assert lines("product = Product(status=ProductStatus.DRAFT)\n") == []
    assert lines("once.claim(Rating, Rating.id == 1, values={'reply': text})\n") == []
    assert lines("sa.insert(M).values(status='draft')\n") == []
    assert lines("request.respond_by = None\n") == []
    assert lines('"""A conditional UPDATE (... SET status = \'x\' WHERE status = \'y\')."""\n') == []


def test_every_status_change_goes_through_the_engine():
    """Only the engine moves a status: anywhere else, a status changed by hand skips the table,
    the guard against two steps at once, or the event row."""
    found = [f"{path}:{line}" for path, tree in storefront_modules() if path != ENGINE
             for line in status_writes(tree)]
    assert not found, f"{len(found)} status changes outside {ENGINE}:\n" + "\n".join(found)


def test_every_model_with_a_status_has_one_lifecycle(app):
    """The scan above reads any `.status` as a lifecycle's: it holds while every model with a status
    column describes its lifecycle (an event model with the columns the engine writes included)."""
    with_status = {mapper.class_ for mapper in db.Model.registry.mappers if "status" in mapper.columns}
    described = {lifecycle.model: lifecycle for lifecycle in lifecycle_engine.lifecycles()}
    assert len(with_status) >= 4 and set(described) == with_status
    for lifecycle in described.values():
        statuses = type(next(iter(lifecycle.table))[0])
        assert lifecycle.model.__table__.c[lifecycle.status].type.enum_class is statuses
        if lifecycle.event is not None:
            columns = set(lifecycle.event.__table__.c.keys())
            assert {lifecycle.event_key, "actor_id", "actor_role", "action", "from_status", "to_status",
                    "reason"} <= columns, lifecycle.event.__name__


def test_event_rows_are_written_by_the_engine_only(app):
    events = {lifecycle.event.__name__ for lifecycle in lifecycle_engine.lifecycles() if lifecycle.event}
    assert events == {"SellerEvent", "ProductEvent", "RequestEvent"}
    found = [f"{path}:{node.lineno}" for path, tree in storefront_modules() if path != ENGINE
             for node in ast.walk(tree)
             if isinstance(node, ast.Call) and getattr(node.func, "id", None) in events]
    assert not found, f"{len(found)} event rows written outside {ENGINE}:\n" + "\n".join(found)


def test_the_table_helpers_are_defined_once():
    """One `allowed_actions(table, status, parties)` and one `next_state`, in storefront/lifecycle.py."""
    found = [f"{path}:{node.lineno} {node.name}" for path, tree in storefront_modules() if path != TABLES
             for node in ast.walk(tree) if isinstance(node, ast.FunctionDef)
             and node.name in ("allowed_actions", "next_state", "next_status")]
    assert not found, "\n".join(found)


def test_the_tables_stay_plain_python():
    """The tables and the workflow modules import neither Flask nor the database (nor the engine),
    and re-export nothing of storefront/lifecycle.py: importers import from the defining module."""
    pure = [TABLES, *sorted(Path("storefront").glob("*/workflow.py"))]
    assert len(pure) == 4
    problems = []
    for path in pure:
        source = (PROJECT_ROOT / path).read_text(encoding="utf-8")
        if "noqa: F401" in source:
            problems.append(f"{path}: re-exports")
        for node in ast.walk(ast.parse(source)):
            names = ([alias.name for alias in node.names] if isinstance(node, ast.Import)
                     else [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            problems += [f"{path}: imports {name}" for name in names
                         if name.split(".")[0] in ("flask", "flask_sqlalchemy", "flask_login", "sqlalchemy")
                         or name in ("storefront.extensions", "storefront.lifecycle_engine")]
    assert not problems, "\n".join(problems)


# The review of a live product's material edit, written out independently of the table.
REVISION_EXPECTED = {
    ("in_review", "approve", "verifier"): "approved",
    ("in_review", "reject", "verifier"): "rejected",
    ("in_review", "withdraw", "owner"): "withdrawn",
}


def test_a_revision_is_decided_once_by_whom_the_table_says():
    for status, action, party in itertools.product(RevisionStatus, RevisionAction, Party):
        expected = REVISION_EXPECTED.get((status.value, action.value, party.value))
        if expected is None:
            with pytest.raises(TransitionNotAllowed):
                next_state(REVISION_TRANSITIONS, status, action, party, reason="alasan")
        else:
            assert next_state(REVISION_TRANSITIONS, status, action, party, reason="alasan").value == expected
    with pytest.raises(ReasonRequired):
        next_state(REVISION_TRANSITIONS, RevisionStatus.IN_REVIEW, RevisionAction.REJECT, Party.VERIFIER, reason=" ")


# --- the engine ----------------------------------------------------------------------------------

@pytest.fixture
def listing(app, make):
    """A product waiting for review, its owner and a verifier (ids)."""
    make.reference("medan")
    owner = make.user(Role.SELLER)
    product = make.product(make.seller(SellerStatus.VERIFIED, owner=owner), status=ProductStatus.IN_REVIEW)
    return product.id, owner.id, make.user(Role.VERIFIER).id


def _stored(product_id):
    """The product's status and its events as committed (read in a fresh app context)."""
    status = db.session.scalar(sa.select(Product.status).where(Product.id == product_id))
    events = db.session.execute(sa.select(ProductEvent.action, ProductEvent.from_status, ProductEvent.to_status)
                                .where(ProductEvent.product_id == product_id).order_by(ProductEvent.id)).all()
    return status, [tuple(event) for event in events]


def _never():
    raise AssertionError("called although the step was refused")


def test_a_step_moves_the_status_and_writes_its_event(app, listing):
    product_id, _, verifier_id = listing
    with app.app_context():
        product, verifier = db.session.get(Product, product_id), db.session.get(User, verifier_id)
        after = lifecycle_engine.apply(product, ProductAction.REQUEST_REVISION, verifier, party=Party.VERIFIER,
                                       reason="  Foto buram.  ", field_reasons={"photos": "Buram"})
        assert after is product.status is ProductStatus.REVISION_REQUESTED  # the object is in step
        db.session.commit()
    with app.app_context():
        assert _stored(product_id) == (ProductStatus.REVISION_REQUESTED,
                                       [("request_revision", "in_review", "revision_requested")])
        event = db.session.scalar(sa.select(ProductEvent).where(ProductEvent.product_id == product_id))
        assert (event.actor_id, event.actor_role, event.reason, event.field_reasons) == (
            verifier_id, "verifier", "Foto buram.", {"photos": "Buram"})


def test_a_step_nobody_took_is_the_systems(app, listing):
    product_id, owner_id, verifier_id = listing
    with app.app_context():
        product = db.session.get(Product, product_id)
        lifecycle_engine.apply(product, ProductAction.APPROVE, db.session.get(User, verifier_id), party=Party.VERIFIER)
        lifecycle_engine.apply(product, ProductAction.SUSPEND, None, party=Party.SYSTEM, reason="P-IRT berakhir")
        db.session.commit()
    with app.app_context():
        event = db.session.scalar(sa.select(ProductEvent).where(ProductEvent.product_id == product_id)
                                  .order_by(ProductEvent.id.desc()).limit(1))
        assert (event.action, event.actor_id, event.actor_role, event.to_status) == (
            "suspend", None, "system", "suspended")


@pytest.mark.parametrize("action, party, reason, refusal", [
    (ProductAction.UNPUBLISH, Party.OWNER, "", TransitionNotAllowed),        # not from in_review
    (ProductAction.APPROVE, Party.OWNER, "", TransitionNotAllowed),          # not by the owner
    (ProductAction.REJECT, Party.VERIFIER, "   ", ReasonRequired),           # not without a reason
])
def test_the_table_refuses_before_anything_is_written(app, listing, action, party, reason, refusal):
    product_id, owner_id, _ = listing
    with app.app_context():
        product = db.session.get(Product, product_id)
        with pytest.raises(refusal):
            lifecycle_engine.apply(product, action, db.session.get(User, owner_id), party=party, reason=reason,
                                   check=_never, work=_never)
        assert product.status is ProductStatus.IN_REVIEW
        assert _stored(product_id) == (ProductStatus.IN_REVIEW, [])  # in this transaction too
        db.session.commit()
    with app.app_context():
        assert _stored(product_id) == (ProductStatus.IN_REVIEW, [])


def test_a_check_refuses_before_the_claim_and_work_adds_to_the_event(app, listing):
    product_id, _, verifier_id = listing

    class NotNow(Exception):
        pass

    def refuse():
        raise NotNow

    with app.app_context():
        product, verifier = db.session.get(Product, product_id), db.session.get(User, verifier_id)
        with pytest.raises(NotNow):
            lifecycle_engine.apply(product, ProductAction.APPROVE, verifier, party=Party.VERIFIER, check=refuse,
                                   work=_never)
        assert _stored(product_id) == (ProductStatus.IN_REVIEW, []) and product.status is ProductStatus.IN_REVIEW
        seen = []

        def work():
            seen.append(db.session.scalar(sa.select(Product.status).where(Product.id == product_id)))
            return {"field_reasons": {"from": "work"}}

        lifecycle_engine.apply(product, ProductAction.APPROVE, verifier, party=Party.VERIFIER, work=work)
        assert seen == [ProductStatus.PUBLISHED]  # the work runs once the status is claimed
        db.session.commit()
    with app.app_context():
        assert db.session.scalar(sa.select(ProductEvent.field_reasons)) == {"from": "work"}


def test_the_second_of_two_steps_at_once_is_refused_and_writes_nothing(app, listing):
    """Two verifiers open the same product; the first decides and commits. The second's step, from
    the status its page showed, finds the row moved: refused, nothing of it written."""
    product_id, _, verifier_id = listing
    with app.app_context():
        second = db.session.get(Product, product_id)  # loaded before the first decided
        verifier = db.session.get(User, verifier_id)
        with app.app_context():  # the first request: its own session and transaction
            lifecycle_engine.apply(db.session.get(Product, product_id), ProductAction.APPROVE,
                                   db.session.get(User, verifier_id), party=Party.VERIFIER)
            db.session.commit()
        assert second.status is ProductStatus.IN_REVIEW
        with pytest.raises(ChangedMeanwhile):
            lifecycle_engine.apply(second, ProductAction.REJECT, verifier, party=Party.VERIFIER,
                                   reason="Foto tidak jelas", work=_never)
        assert second.status is ProductStatus.IN_REVIEW
        db.session.rollback()
    with app.app_context():
        assert _stored(product_id) == (ProductStatus.PUBLISHED, [("approve", "in_review", "published")])


def test_a_purchase_request_says_it_changed_in_its_own_words(app):
    from storefront.procurement.errors import ProcurementError
    from storefront.procurement.models import PurchaseRequest

    (requests,) = [lifecycle for lifecycle in lifecycle_engine.lifecycles() if lifecycle.model is PurchaseRequest]
    refusal = requests.changed_meanwhile()
    assert isinstance(refusal, ProcurementError) and "baru saja diubah" in str(refusal)
