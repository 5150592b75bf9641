"""The lifecycle engine: the one way a status changes, and the one writer of lifecycle events.

`apply(entity, action, actor, party=..., reason=...)` takes one step of a seller, a product, a
product revision or a purchase request:
1. the entity's transition table decides (storefront/lifecycle.py `next_state`): refusals are
   TransitionNotAllowed and ReasonRequired;
2. the caller's `check`, if any, refuses what needs data (an overdue request), still before
   anything is written;
3. one conditional UPDATE claims the change: `... SET status = :after WHERE id = :id AND status =
   :before`. Of two steps at once (a double click, two tabs, a deadline) the database lets one
   through; the other finds no row and raises the lifecycle's "changed meanwhile" DomainError,
   having written nothing (storefront/once.py says why a check in Python cannot do this);
4. the caller's `work`, if any, does what the step records (a Surat Pesanan, held stock) and
   returns more event fields;
5. the ORM object takes the new status (in step with the row) and the event row is added.
It flushes nothing and never commits: services flush, the edge commits (storefront/web/edge.py).
`record` writes the events that move no status (a registry entry created, a code renewed, a
rating, a revision decided on the product's log) with the same columns and rules.

Each model with a status describes its lifecycle once, beside the model (`register(Lifecycle(...))`
in its models module), so an instance can never be met before its lifecycle is known.

Why a module apart from storefront/lifecycle.py: the tables there, and the workflow modules built
on them, stay plain Python (no Flask, no database: the import-linter contracts in pyproject.toml)
and are tested as whole tables; this module is the part that touches the database.
"""
from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass

from storefront import once
from storefront.errors import DomainError
from storefront.extensions import db
from storefront.lifecycle import next_state


@dataclass(frozen=True)
class Lifecycle:
    """How one model's rows move: described once, beside the model."""

    model: type                # the mapped class (Seller)
    table: dict                # its transition table (sellers/workflow.py SELLER_TRANSITIONS)
    system_party: enum.Enum    # the party of steps no user takes; its value is the event's actor_role then
    event: type | None = None  # its append-only event model; None: the caller logs the step elsewhere
    event_key: str = ""        # the event column naming the row ("seller_id")
    status: str = "status"     # the status attribute (and column)
    changed_meanwhile: Callable[[], DomainError] = once.ChangedMeanwhile  # the refusal of the second of two


_LIFECYCLES: dict[type, Lifecycle] = {}


def register(lifecycle: Lifecycle) -> Lifecycle:
    """Make `lifecycle` the one of its model (once: a second description would be a second rule)."""
    if lifecycle.model in _LIFECYCLES:
        raise ValueError(f"{lifecycle.model.__name__} already has a lifecycle")
    _LIFECYCLES[lifecycle.model] = lifecycle
    return lifecycle


def lifecycles() -> list[Lifecycle]:
    return list(_LIFECYCLES.values())


def lifecycle_of(entity) -> Lifecycle:
    try:
        return _LIFECYCLES[type(entity)]
    except KeyError:
        raise LookupError(f"{type(entity).__name__} has no lifecycle") from None


def apply(entity, action: enum.Enum, actor, *, party: enum.Enum, reason: str = "",
          check: Callable[[], None] | None = None, work: Callable[[], dict | None] | None = None,
          **event_fields):
    """Take the step `action` of `entity` as `actor` (None: the system) acting as `party`, and
    return the new status. `event_fields` are the event's own columns (field_reasons, reason_code,
    ip_address, created_at). Raises TransitionNotAllowed, ReasonRequired, what `check` or `work`
    raise, or the lifecycle's changed-meanwhile error; the caller's transaction then rolls back."""
    lifecycle = lifecycle_of(entity)
    if event_fields and lifecycle.event is None:
        raise TypeError(f"{lifecycle.model.__name__} steps write no event: {sorted(event_fields)}")
    before = getattr(entity, lifecycle.status)
    after = next_state(lifecycle.table, before, action, party, reason=reason)
    if check is not None:
        check()
    model = lifecycle.model
    if not once.claim(model, model.id == entity.id, getattr(model, lifecycle.status) == before,
                      values={lifecycle.status: after}):
        raise lifecycle.changed_meanwhile()
    if work is not None:
        event_fields |= work() or {}
    setattr(entity, lifecycle.status, after)
    if lifecycle.event is not None:
        record(entity, action.value, actor, before=before, after=after, reason=reason, **event_fields)
    return after


def record(entity, action: str, actor, *, before, after, reason: str = "", **fields):
    """Add the event row of `entity`: who (`actor`, None for the system) did `action`, from which
    status to which (enums or their values; "" before a row's first status), why. `fields` are the
    event's own columns; one given as None takes the column's default."""
    lifecycle = lifecycle_of(entity)
    row = lifecycle.event(**{lifecycle.event_key: entity.id}, actor_id=getattr(actor, "id", None),
                          actor_role=actor.role.value if actor is not None else lifecycle.system_party.value,
                          action=action, from_status=_value(before), to_status=_value(after),
                          reason=(reason or "").strip(),
                          **{name: value for name, value in fields.items() if value is not None})
    db.session.add(row)
    return row


def _value(status) -> str:
    return status.value if isinstance(status, enum.Enum) else status
