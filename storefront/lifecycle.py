"""Transition tables: which step leads where, for whom (sellers, products, product revisions,
purchase requests). Plain Python: no Flask, no database (its refusals are DomainErrors with lazy
messages), so the workflow modules built on it stay pure and are tested as whole tables.

A table maps (status, action) to a Transition: the status it leads to, the parties that may take
it, and whether it must say why. A step is allowed exactly when its pair is in the table and the
actor's party is listed. Statuses change only through storefront/lifecycle_engine.py, which asks
`next_state` here and then writes the change and its event.
"""
from __future__ import annotations

import enum
from dataclasses import dataclass

from storefront.errors import DomainError
from storefront.text import lazy_gettext as _l

NOT_ALLOWED = _l("Langkah ini tidak berlaku untuk statusnya sekarang.")
REASON_REQUIRED = _l("Tuliskan alasannya.")


@dataclass(frozen=True)
class Transition:
    target: enum.Enum
    parties: frozenset
    needs_reason: bool = False


def transition(target, *parties, reason: bool = False) -> Transition:
    return Transition(target, frozenset(parties), reason)


class TransitionNotAllowed(DomainError):
    """The action is not possible in this status, or not for this party. The page that offered the
    step may word it for its readers (storefront/web/edge.py, `not_allowed`)."""

    def __init__(self, state, action, party):
        super().__init__(NOT_ALLOWED)
        self.state, self.action, self.party = state, action, party

    def __repr__(self) -> str:
        return f"TransitionNotAllowed({self.action.value} from {self.state.value} for {self.party.value})"


class ReasonRequired(DomainError):
    """Ending badly (refusing, rejecting, cancelling, suspending) always says why: the form's
    `reason` field."""

    def __init__(self, action):
        super().__init__(REASON_REQUIRED, field="reason")
        self.action = action


def next_state(table: dict, state, action, party, *, reason: str = ""):
    """The status after `action`; raises TransitionNotAllowed, or ReasonRequired without a reason."""
    found = table.get((state, action))
    if found is None or party not in found.parties:
        raise TransitionNotAllowed(state, action, party)
    if found.needs_reason and not reason.strip():
        raise ReasonRequired(action.value)
    return found.target


def allowed_actions(table: dict, state, parties) -> list:
    """Actions any of `parties` (a collection: a user may act as several) may take from `state`,
    in table order (for buttons)."""
    if isinstance(parties, enum.Enum):  # a str enum would be read letter by letter, finding nothing
        raise TypeError("allowed_actions takes a collection of parties, e.g. {Party.OWNER}")
    wanted = set(parties)
    return [action for (source, action), t in table.items() if source == state and wanted & t.parties]
