"""The append-only event log of a request: who, as which role, when, from which status to which,
why, and from which address. Nothing updates or deletes these rows."""
from __future__ import annotations

from storefront.extensions import db
from storefront.procurement.models import PurchaseRequest, RequestEvent
from storefront.procurement.workflow import Party


def event(request: PurchaseRequest, actor, action: str, before: str, after: str, *, reason_code: str = "",
          reason: str = "", details: dict | None = None, ip: str = "") -> RequestEvent:
    row = RequestEvent(request_id=request.id, actor_id=getattr(actor, "id", None),
                       actor_role=actor.role.value if actor is not None else Party.SYSTEM.value,
                       action=action, from_status=before, to_status=after, reason_code=reason_code,
                       reason=(reason or "").strip(), details=details or {}, ip_address=(ip or "")[:45])
    db.session.add(row)
    return row
