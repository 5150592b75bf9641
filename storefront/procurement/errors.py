"""Procurement's refusals: DomainErrors whose message is for the user (the edge shows them at
their field, storefront/web/edge.py)."""
from __future__ import annotations

from storefront.errors import DomainError


class ProcurementError(DomainError):
    """A step that cannot be taken as asked; `field` names the form field at fault."""
