"""Purchase requests after submission: each role's inbox, a request's page with the steps open to
the visitor, and taking a step. Who may see a request is decided before anything else: a request
of another OPD or another seller answers 404, as if it did not exist."""
from __future__ import annotations

import sqlalchemy as sa
from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from storefront.accounts.permissions import can_see_client_addresses
from storefront.accounts.roles import PROCUREMENT_PARTIES, PROCUREMENT_READERS, Role
from storefront.extensions import db
from storefront.lifecycle import allowed_actions
from storefront.procurement import (
    eligibility,
    labels,
    notify,
    permissions,
    queries,
    ratings,
    review_facts,
    services,
    steps,
)
from storefront.procurement import workflow as wf
from storefront.procurement.forms import NoticesReadForm, StepForm
from storefront.procurement.models import Notice
from storefront.procurement.workflow import RequestAction, RequestStatus
from storefront.web import edge
from storefront.web.decorators import role_required
from storefront.web.pagination import page_number

bp = Blueprint("procurement", __name__)
READERS = tuple(PROCUREMENT_READERS)


@bp.get("/permintaan")
@role_required(*READERS)
def inbox():
    # Reading changes nothing: overdue requests expire in `flask procurement expire` (hourly); until
    # then the list shows them as past their deadline (services.is_overdue, a read-time filter).
    tab = request.args.get("tab", "menunggu")
    tab = tab if tab in ("menunggu", "semua") else "menunggu"
    status = RequestStatus._value2member_map_.get(request.args.get("status", ""))
    has_waiting_tab = current_user.role is not Role.AUDITOR  # the auditor reads; nothing waits for them
    listed = queries.inbox(current_user, only_waiting=tab == "menunggu" and has_waiting_tab,
                           status=status, page=page_number())
    return render_template("procurement/inbox.html", inbox=listed, tab=tab, status=status, labels=labels,
                           has_waiting_tab=has_waiting_tab, can_order=current_user.role is Role.PEMESAN,
                           is_overdue=services.is_overdue,
                           unpaid=labels.unpaid_summary(queries.unpaid_by_opd(current_user)))


def visible_request(request_id: int):
    """The request if this visitor may see it, else 404 (whether it exists is private)."""
    loaded = queries.request_page(request_id)
    if loaded is None:
        abort(404)
    owner_id = loaded.seller.owner_id
    disputed = queries.was_disputed(loaded)
    if not permissions.can_view(current_user, loaded, seller_owner_id=owner_id, mediated=disputed):
        abort(404)
    parties = permissions.parties(current_user, loaded, seller_owner_id=owner_id, mediated=disputed)
    return loaded, parties


@bp.get("/permintaan/<int:request_id>")
@role_required(*READERS)
def detail(request_id: int):
    loaded, parties = visible_request(request_id)
    return _detail_page(loaded, parties, StepForm())


def _detail_page(loaded, parties, form, failed_action=None, status=200):
    # Past its deadline a request only waits for `flask procurement expire`: a step posted now would
    # expire it (step below), so none is offered; the page says why.
    overdue = services.is_overdue(loaded)
    actions = [] if overdue else [action for action in allowed_actions(wf.TRANSITIONS, loaded.status, parties)
                                  if action is not RequestAction.EXPIRE]
    form.reviewed.show(review_facts.request_facts(loaded, loaded.items))  # what this page shows
    return render_template("procurement/detail.html", req=loaded, parties=parties, actions=actions, form=form,
                           failed_action=failed_action, labels=labels, steps=steps, overdue=overdue,
                           blocked=eligibility.pending(loaded, loaded.items),
                           whatsapp=labels.seller_whatsapp(loaded, parties),
                           may_rate=ratings.may_rate(loaded, parties), may_reply=ratings.may_reply(parties),
                           show_addresses=can_see_client_addresses(current_user)), status


def _acting_party(loaded, parties, chosen):
    """The party the visitor takes `chosen` as. One who could take it in another status gets the
    step refused with what changed (their page is stale), anyone else a 403."""
    allowed = [party for party in parties if (loaded.status, chosen) in wf.TRANSITIONS
               and party in wf.TRANSITIONS[(loaded.status, chosen)].parties]
    elsewhere = [party for party in parties for (source, action), t in wf.TRANSITIONS.items()
                 if action is chosen and party in t.parties]
    if not (allowed or elsewhere):
        abort(403)
    return (allowed or elsewhere)[0]


@bp.post("/permintaan/<int:request_id>/<action>")
@role_required(*PROCUREMENT_PARTIES)
def step(request_id: int, action: str):
    loaded, parties = visible_request(request_id)
    chosen = RequestAction._value2member_map_.get(action)
    if chosen is None or chosen is RequestAction.EXPIRE:
        abort(404)
    party = _acting_party(loaded, parties, chosen)
    if services.is_overdue(loaded):  # the deadline passed while the page was open
        with edge.saving() as saved:
            services.act(loaded, RequestAction.EXPIRE, actor=None, party=wf.Party.SYSTEM)
        if saved:  # else a twin moved it first, and the edge says so
            flash(labels.done_message(RequestAction.EXPIRE, loaded), "warning")
        return redirect(url_for("procurement.detail", request_id=request_id))
    form = StepForm()
    if not form.validate():
        form.form_errors.extend(form.reviewed.errors)
        return _detail_page(loaded, parties, form, chosen, 422)
    data = None
    with edge.saving(form, not_allowed=_("Langkah ini tidak berlaku untuk status permintaan sekarang.")) as saved:
        data = steps.data_from(form, chosen, loaded, actor=current_user)
        services.act(loaded, chosen, actor=current_user, party=party, reason=form.reason.data or "",
                     reason_code=form.reason_code.data or "", data=data, ip=request.remote_addr or "",
                     reviewed=form.reviewed.data)
    if not saved:
        steps.discard(data)
        loaded, parties = visible_request(request_id)
        if isinstance(saved.error, services.RequestBlocked):  # the refused step changed nothing; the news is kept
            with edge.saving():
                notify.request_blocked(loaded)
            loaded, parties = visible_request(request_id)
        return _detail_page(loaded, parties, form, chosen, 422)
    flash(labels.done_message(chosen, loaded), "success")
    return redirect(url_for("procurement.detail", request_id=request_id))


@bp.get("/pemberitahuan")
@role_required(*READERS)
def notices():
    """The latest notices; reading them changes nothing (a GET never writes): the unread ones
    stay marked until the user says they have read them (notices_read)."""
    rows = db.session.scalars(sa.select(Notice).where(Notice.user_id == current_user.id)
                              .order_by(Notice.id.desc()).limit(100)).all()
    unread = {notice.id for notice in rows if notice.read_at is None}
    return render_template("procurement/notices.html", notices=rows, unread=unread)


@bp.post("/pemberitahuan/dibaca")
@role_required(*READERS)
def notices_read():
    """"Tandai sudah dibaca": every unread notice of this user up to the newest the page showed
    (one that arrived after the page was drawn stays unread)."""
    form = NoticesReadForm()
    if form.validate():
        with edge.saving():
            notify.mark_read(current_user, up_to=form.up_to.data)
    return redirect(url_for("procurement.notices"))
