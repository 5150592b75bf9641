"""The Dinas curates listings: new products and pending changes of live ones, oldest first."""
from __future__ import annotations

import sqlalchemy as sa
from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy.orm import selectinload
from wtforms import SelectChoice

from storefront import reviewed
from storefront.accounts.roles import DINAS_READERS, Role
from storefront.extensions import db
from storefront.lifecycle import allowed_actions
from storefront.listings import review_facts
from storefront.listings import services as listings
from storefront.listings import workflow as wf
from storefront.listings.forms import ProductDecisionForm
from storefront.listings.models import Product, ProductEvent, ProductPhoto, ProductRevision
from storefront.listings.workflow import ProductAction, ProductStatus, RevisionStatus
from storefront.media.models import MediaImage
from storefront.sellers import permissions
from storefront.sellers.halal.statuses import shows_halal_badge
from storefront.sellers.workflow import Party
from storefront.text import lazy_gettext as _l
from storefront.web import edge
from storefront.web.decorators import role_required

bp = Blueprint("curation", __name__, url_prefix="/dinas/kurasi")
READERS = tuple(DINAS_READERS)
ACTION_LABELS = {
    ProductAction.APPROVE: _l("Setujui dan tayangkan"),
    ProductAction.REQUEST_REVISION: _l("Minta perbaikan"),
    ProductAction.REJECT: _l("Tolak"),
    ProductAction.SUSPEND: _l("Bekukan"),
    ProductAction.REINSTATE: _l("Tayangkan kembali"),
    "approve_revision": _l("Setujui perubahan"),
    "reject_revision": _l("Tolak perubahan (versi lama tetap tayang)"),
}


@bp.get("/")
@role_required(*READERS)
def queue():
    new = db.session.scalars(sa.select(Product).where(Product.status == ProductStatus.IN_REVIEW)
                             .options(selectinload(Product.seller)).order_by(Product.submitted_at)).all()
    changes = db.session.scalars(sa.select(ProductRevision).where(ProductRevision.status == RevisionStatus.IN_REVIEW)
                                 .options(selectinload(ProductRevision.product).selectinload(Product.seller))
                                 .order_by(ProductRevision.created_at)).all()
    return render_template("curation/queue.html", new=new, changes=changes)


def _product(product_id: int) -> Product:
    product = db.session.scalar(sa.select(Product).where(Product.id == product_id).options(
        selectinload(Product.seller), selectinload(Product.category), selectinload(Product.unit),
        selectinload(Product.delivery_kecamatan),
        selectinload(Product.photos).selectinload(ProductPhoto.image).selectinload(MediaImage.derivatives)))
    return product or abort(404)


REVISION_ACTIONS = ("approve_revision", "reject_revision")


def _choices(product: Product, revision) -> list:
    """The pending change's decisions first, then the lifecycle's (suspending never waits)."""
    pending = [SelectChoice(key, ACTION_LABELS[key]) for key in REVISION_ACTIONS] if revision is not None else []
    return reviewed.decision_choices(pending + [
        SelectChoice(action.value, ACTION_LABELS[action])
        for action in allowed_actions(wf.PRODUCT_TRANSITIONS, product.status, {Party.VERIFIER})])


def _page(product: Product, form: ProductDecisionForm, status: int = 200):
    """The review page; its decision form carries the facts shown (so a stale decision is refused)."""
    revision = listings.pending_revision(product)
    form.action.choices = _choices(product, revision)
    form.reviewed.show(review_facts.product_facts(product))
    events = db.session.scalars(sa.select(ProductEvent).where(ProductEvent.product_id == product.id)
                                .order_by(ProductEvent.id)).all()
    revision_images = {}
    if revision is not None and "photos" in revision.changes:
        ids = [photo["image_id"] for photo in revision.changes["photos"]] or [0]
        revision_images = {image.id: image for image in db.session.scalars(
            sa.select(MediaImage).where(MediaImage.id.in_(ids)).options(selectinload(MediaImage.derivatives)))}
    return render_template("curation/product_review.html", product=product, revision=revision, form=form,
                           events=events, revision_images=revision_images,
                           badge=shows_halal_badge(product.halal_status, product.halal_certificate_number),
                           can_decide=permissions.can_verify(current_user) and bool(form.action.choices)), status


@bp.get("/produk/<int:product_id>")
@role_required(*READERS)
def product_review(product_id: int):
    return _page(_product(product_id), ProductDecisionForm())


@bp.post("/produk/<int:product_id>/keputusan")
@role_required(Role.VERIFIER)
def product_decide(product_id: int):
    product = _product(product_id)
    revision = listings.pending_revision(product)
    form = ProductDecisionForm()
    form.action.choices = _choices(product, revision)
    if not form.validate_on_submit():
        # A missing or forged version is the whole form's fault; no choice left: the status moved on.
        form.form_errors.extend(form.reviewed.errors if form.action.choices
                                else [_("Keputusan ini tidak berlaku lagi.")])
        return _page(product, form, 422)
    reason, verified = form.reason.data or "", bool(form.verified_claims.data)
    with edge.saving(form, not_allowed=_("Keputusan ini tidak berlaku lagi.")) as saved:
        if form.action.data in REVISION_ACTIONS:
            listings.decide_revision(revision, product=product, actor=current_user,
                                     approve=form.action.data == "approve_revision", reason=reason,
                                     verified_claims=verified, reviewed=form.reviewed.data)
        else:
            listings.act(product, ProductAction(form.action.data), actor=current_user, party=Party.VERIFIER,
                         reason=reason, verified_claims=verified, reviewed=form.reviewed.data)
    if not saved:
        return _page(_product(product_id), form, 422)  # the choices are rebuilt for the status as it is now
    flash(_("Keputusan untuk %(name)s disimpan.", name=product.name), "success")
    return redirect(url_for("curation.queue"))
