"""The Dinas verifies sellers: a queue oldest first, a review page, decisions with reasons."""
from __future__ import annotations

import sqlalchemy as sa
from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy.orm import selectinload
from wtforms import SelectChoice

from storefront import reviewed
from storefront.accounts import services as accounts
from storefront.accounts.models import User
from storefront.accounts.roles import DINAS_READERS, Role
from storefront.extensions import db
from storefront.lifecycle import allowed_actions
from storefront.sellers import permissions, readiness, review_facts, services
from storefront.sellers import workflow as wf
from storefront.sellers.forms import REVIEW_FIELDS, SellerDecisionForm
from storefront.sellers.identifiers.masking import mask_private
from storefront.sellers.labels import DOCUMENT_LABELS, SELLER_ACTION_LABELS
from storefront.sellers.models import Seller, SellerDocument, SellerEvent
from storefront.sellers.views import send_document
from storefront.sellers.workflow import Party, SellerAction
from storefront.timeutil import utcnow
from storefront.web import edge
from storefront.web.decorators import role_required
from storefront.web.pagination import page_number

bp = Blueprint("verification", __name__, url_prefix="/dinas/verifikasi")
READERS = tuple(DINAS_READERS)


def _seller(seller_id: int) -> Seller:
    seller = db.session.scalar(sa.select(Seller).where(Seller.id == seller_id).options(
        selectinload(Seller.documents), selectinload(Seller.kecamatan)))
    return seller or abort(404)


@bp.get("/")
@role_required(*READERS)
def queue():
    sellers = db.paginate(services.verification_queue().options(selectinload(Seller.kecamatan)),
                          page=page_number(), per_page=50, error_out=False)
    return render_template("verification/queue.html", sellers=sellers, now=utcnow())


@bp.get("/penjual/<int:seller_id>")
@role_required(*READERS)
def seller_review(seller_id: int):
    seller = _seller(seller_id)
    return _page(seller, _decision_form(seller))


def _decision_form(seller: Seller) -> SellerDecisionForm:
    form = SellerDecisionForm()
    actions = allowed_actions(wf.SELLER_TRANSITIONS, seller.status, {Party.VERIFIER})
    form.action.choices = reviewed.decision_choices([SelectChoice(action.value, SELLER_ACTION_LABELS[action])
                                                     for action in actions])
    return form


def _page(seller: Seller, form: SellerDecisionForm, status: int = 200):
    """The review page; its decision form carries the facts shown (so a stale decision is refused)."""
    form.reviewed.show(review_facts.seller_facts(seller))
    events = db.session.scalars(sa.select(SellerEvent).where(SellerEvent.seller_id == seller.id)
                                .options(selectinload(SellerEvent.actor)).order_by(SellerEvent.id)).all()
    return render_template("verification/seller_review.html", seller=seller, events=events, form=form,
                           checklist=readiness.checklist(seller), labels=DOCUMENT_LABELS,
                           review_fields=REVIEW_FIELDS, mask=mask_private,
                           can_decide=permissions.can_verify(current_user) and bool(form.action.choices),
                           can_unlock=permissions.can_verify(current_user) and seller.owner_id is not None), status


@bp.post("/penjual/<int:seller_id>/keputusan")
@role_required(Role.VERIFIER)
def seller_decide(seller_id: int):
    seller = _seller(seller_id)
    form = _decision_form(seller)
    if not form.validate_on_submit():
        # A missing or forged version is the whole form's fault; no choice left: the status moved on.
        form.form_errors.extend(form.reviewed.errors if form.action.choices
                                else [_("Keputusan ini tidak berlaku lagi.")])
        return _page(seller, form, 422)
    with edge.saving(form, not_allowed=_("Keputusan ini tidak berlaku lagi.")) as saved:
        services.act(seller, SellerAction(form.action.data), actor=current_user, party=Party.VERIFIER,
                     reason=form.reason.data or "", field_reasons=form.field_reasons(request.form),
                     reviewed=form.reviewed.data)
    if not saved:
        seller = _seller(seller_id)
        form.action.choices = _decision_form(seller).action.choices
        return _page(seller, form, 422)
    flash(_("Keputusan untuk %(name)s disimpan.", name=seller.business_name), "success")
    return redirect(url_for("verification.queue"))


@bp.get("/dokumen/<int:document_id>")
@role_required(*READERS)
def document_file(document_id: int):
    document = db.session.get(SellerDocument, document_id) or abort(404)
    return send_document(document)


@bp.post("/penjual/<int:seller_id>/buka-kunci")
@role_required(Role.VERIFIER)
def owner_unlock(seller_id: int):
    """The owner cannot sign in after failed attempts (theirs or someone else's): start afresh."""
    seller = db.session.get(Seller, seller_id) or abort(404)
    owner = db.session.get(User, seller.owner_id) if seller.owner_id is not None else None
    if owner is None:
        abort(404)
    with edge.saving():
        accounts.unlock_sign_in(owner, actor=current_user)
    flash(_("Kunci masuk pemilik %(name)s dibuka: hitungan percobaan gagalnya dimulai dari nol.",
            name=seller.business_name), "success")
    return redirect(url_for("verification.seller_review", seller_id=seller.id))
