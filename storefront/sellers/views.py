"""The seller's side: register with an invitation, keep the profile and documents, submit."""
from __future__ import annotations

import sqlalchemy as sa
from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy.orm import selectinload

from storefront import once
from storefront.accounts.roles import Role
from storefront.accounts.signin import sign_in
from storefront.extensions import db
from storefront.lifecycle import allowed_actions
from storefront.media import services as media
from storefront.reference.models import Kecamatan
from storefront.sellers import documents, readiness, services
from storefront.sellers import workflow as wf
from storefront.sellers.forms import DocumentForm, ProfileForm, RegisterForm
from storefront.sellers.halal.kinds import BusinessScale
from storefront.sellers.labels import DOCUMENT_LABELS
from storefront.sellers.models import DocumentKind, Seller, SellerDocument
from storefront.sellers.workflow import Party, SellerAction
from storefront.web import attempts, edge, page_parts
from storefront.web.decorators import role_required
from storefront.web.error_pages import ALREADY_DONE, render_error

bp = Blueprint("sellers", __name__)


def own_seller(*options) -> Seller:
    """The signed-in seller's business (404 when the account has none)."""
    seller = db.session.scalar(sa.select(Seller).where(Seller.owner_id == current_user.id).options(*options))
    return seller or abort(404)


# Guessing codes is slowed per address. Only failed claims count (a Dinas workshop registers many
# owners from one address), taken before the code is looked at so parallel guesses cannot pass.
REGISTER_LIMIT_PER_ADDRESS = "20 per hour"


@bp.route("/daftar", methods=["GET", "POST"])
def register():
    if current_user.is_authenticated:
        return redirect(url_for("accounts.dashboard"))
    form = RegisterForm(code=request.args.get("kode", "")[:20] or None)
    if form.validate_on_submit():
        with edge.saving(form) as saved:
            services.check_new_owner(email=form.email.data, password=form.password.data)
            attempt = attempts.take(attempts.Counter(
                REGISTER_LIMIT_PER_ADDRESS, ("etalase", "register-address", request.remote_addr or ""), "address"))
            if attempt.allowed:  # else nothing was written: the limit answers before the code is read
                user = services.register(form.code.data, email=form.email.data, name=form.name.data,
                                         password=form.password.data)
                attempts.give_back(attempt)
                sign_in(user)
        if saved and not attempt.allowed:
            body, status = render_error(429)
            return body, status, {"Retry-After": str(attempt.retry_after)}
        if saved:
            flash(_("Akun dibuat. Lengkapi profil usaha Anda, lalu ajukan untuk diverifikasi."), "success")
            return redirect(url_for("sellers.profile"))
        if saved.error.message is services.CLAIM_REFUSED:
            form.code.data = ""  # not echoed: the answer is then the same for every failed code
    return render_template("sellers/register.html", form=form)


@bp.get("/penjual")
@role_required(Role.SELLER)
def dashboard():
    seller = own_seller(selectinload(Seller.documents))
    parts = page_parts.collect("sellers.dashboard", seller=seller)  # the products' counts (listings/dashboard.py)
    return render_template("sellers/dashboard.html", seller=seller, checklist=readiness.checklist(seller),
                           last_event=services.latest_event(seller), can_submit=_can(seller, SellerAction.SUBMIT),
                           **parts)


def _can(seller: Seller, action: SellerAction) -> bool:
    return action in allowed_actions(wf.SELLER_TRANSITIONS, seller.status, {Party.OWNER})


@bp.route("/penjual/profil", methods=["GET", "POST"])
@role_required(Role.SELLER)
def profile():
    seller = own_seller()
    form = ProfileForm(obj=seller)  # ChoiceField shows the stored BusinessScale as selected
    form.set_choices(db.session.scalars(sa.select(Kecamatan).where(Kecamatan.active.is_(True))
                                        .order_by(Kecamatan.name)).all())
    if form.validate_on_submit():
        values = {name: field.data for name, field in form._fields.items()
                  if name in services.PROFILE_FIELDS}
        values["scale"] = BusinessScale(values["scale"]) if values.get("scale") else None
        with edge.saving(form) as saved:
            services.update_profile(seller, actor=current_user, values=values)
            if form.logo_file.data and getattr(form.logo_file.data, "filename", ""):
                seller.logo_image_id = media.store_upload(form.logo_file.data, owner=current_user,
                                                          field="logo_file").id
        if saved:
            flash(_("Profil usaha disimpan."), "success")
            return redirect(url_for("sellers.dashboard"))
    locked = seller.status not in wf.SELLER_EDITABLE
    return render_template("sellers/profile.html", form=form, seller=seller, locked_fields=
                           services.LEGAL_FIELDS if locked else frozenset())


@bp.route("/penjual/dokumen", methods=["GET", "POST"])
@role_required(Role.SELLER)
def document_list():
    seller = own_seller(selectinload(Seller.documents))
    form = DocumentForm()
    if form.validate_on_submit():
        if not once.first_post(request.form.get("form_key"), current_user.id):
            flash(ALREADY_DONE, "warning")  # its twin, posted at the same time, created it
            return redirect(url_for("sellers.document_list"))
        with edge.saving(form) as saved:
            documents.add_document(seller, actor=current_user, kind=DocumentKind(form.kind.data),
                                   number=form.number.data, issued_on=form.issued_on.data,
                                   expires_on=form.expires_on.data, upload=form.file.data)
        if saved:
            flash(_("Dokumen diunggah."), "success")
            return redirect(url_for("sellers.document_list"))
    return render_template("sellers/documents.html", seller=seller, form=form, labels=DOCUMENT_LABELS,
                           can_delete=seller.status in wf.SELLER_EDITABLE)


def _own_document(document_id: int) -> tuple[Seller, SellerDocument]:
    seller = own_seller()
    document = db.session.get(SellerDocument, document_id)
    if document is None or document.seller_id != seller.id:
        abort(404)
    return seller, document


@bp.get("/penjual/dokumen/<int:document_id>/berkas")
@role_required(Role.SELLER)
def document_file(document_id: int):
    document = _own_document(document_id)[1]
    return send_document(document)


def send_document(document: SellerDocument):
    extension = "pdf" if document.content_type == "application/pdf" else "webp"
    return documents.send_private(document.file_key, document.content_type,
                                  f"dokumen-{document.kind.value}-{document.id}.{extension}")


@bp.post("/penjual/dokumen/<int:document_id>/hapus")
@role_required(Role.SELLER)
def document_delete(document_id: int):
    seller, document = _own_document(document_id)
    with edge.saving() as saved:
        key = documents.remove_document(document, seller=seller)
    if saved:
        documents.delete_file_if_unused(key)  # after the commit: a rollback must keep the file
        flash(_("Dokumen dihapus."), "success")
    return redirect(url_for("sellers.document_list"))


@bp.post("/penjual/ajukan")
@role_required(Role.SELLER)
def submit():
    seller = own_seller(selectinload(Seller.documents))
    with edge.saving(not_allowed=_("Profil tidak dapat diajukan sekarang.")) as saved:
        services.act(seller, SellerAction.SUBMIT, actor=current_user, party=Party.OWNER)
    if saved:
        flash(_("Profil diajukan. Dinas akan memeriksanya; Anda melihat hasilnya di dasbor ini."), "success")
    return redirect(url_for("sellers.dashboard"))
