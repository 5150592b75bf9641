"""DomainError: a rule refused an action. Plain Python (no Flask, no database), so that rules
anywhere, the lifecycle tables included, can refuse in the user's words. The request edge
(storefront/web/edge.py) rolls back and shows the refusal; the error pages are in
storefront/web/error_pages.py."""
from __future__ import annotations


class DomainError(Exception):
    """A rule refused an action. `str(error)` is for the user; `field` names the form field."""

    def __init__(self, message, *, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field

    def __str__(self) -> str:
        return str(self.message)
