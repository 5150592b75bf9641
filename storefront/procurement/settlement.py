"""What an OPD owes for a request, and the facts an inspection records, computed from the record
rather than typed into a form.

The rule (issue 10): payment only for work received. What was received and inspected is the
accepted quantity of each item at its price as ordered (the snapshot); nothing is accepted before
an inspection step (inspect, partial acceptance, mediated partial acceptance) set it. Only a
signed BAST is paid, and its value is exactly that. A termination states no work done of its own:
a delivery received in part is accepted in part, with its own BAST, before or instead of one.
"""
from __future__ import annotations

from datetime import date

import sqlalchemy as sa

from storefront.extensions import db
from storefront.procurement import clock
from storefront.procurement.models import PurchaseRequest, RequestEvent
from storefront.procurement.workflow import RequestAction
from storefront.timeutil import local_date


def inspected_value(request: PurchaseRequest) -> int:
    """The value of what was received and accepted at inspection (items loaded): 0 before one."""
    return sum(item.accepted_quantity * item.unit_price for item in request.items if item.accepted_quantity)


def has_signed_bast(request: PurchaseRequest) -> bool:
    return bool(request.bast_number) and request.bast_signed_at is not None and request.accepted_total is not None


def payable(request: PurchaseRequest) -> int:
    """What the OPD owes: the value of its signed BAST; nothing without one."""
    return request.accepted_total if has_signed_bast(request) else 0


def received_on(request: PurchaseRequest) -> date | None:
    """The city's date on which the (latest) delivery was recorded as received, if it was."""
    if "events" in sa.inspect(request).unloaded:
        moment = db.session.scalar(sa.select(RequestEvent.created_at).where(
            RequestEvent.request_id == request.id, RequestEvent.action == RequestAction.RECEIVE.value)
            .order_by(RequestEvent.id.desc()).limit(1))
    else:  # the request's page loaded them already
        moments = [event.created_at for event in request.events if event.action == RequestAction.RECEIVE.value]
        moment = moments[-1] if moments else None
    if moment is None:
        return None
    return local_date(moment)


def delivered_on_time(request: PurchaseRequest) -> bool:
    """Received by the day it was needed. Without a recorded receipt (rows older than the receive
    step) today stands in: the delivery came no later than that."""
    return (received_on(request) or clock.today_local()) <= request.needed_on
