"""The Dinas's registry of UMKM binaan: list and counts, entries kept by hand, and a printable
invitation per entry. Importing from a spreadsheet is in import_views.py (same blueprint).

The verifier keeps the registry; the administrator and the auditor read it (and change nothing).
"""
from __future__ import annotations

import sqlalchemy as sa
from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy.orm import selectinload

from storefront.accounts.roles import DINAS_READERS, Role
from storefront.extensions import db
from storefront.reference import services as reference
from storefront.reference.models import City
from storefront.sellers.identifiers.contact import format_phone
from storefront.sellers.identifiers.core import normalise
from storefront.sellers.labels import SELLER_STATUS_LABELS
from storefront.sellers.models import Seller
from storefront.sellers.registry import services as registry
from storefront.sellers.registry.forms import RegistryEntryForm
from storefront.sellers.workflow import SellerStatus
from storefront.web import edge
from storefront.web.decorators import role_required
from storefront.web.forms import clean_text
from storefront.web.pagination import page_number
from storefront.web.params import whole_number

bp = Blueprint("registry", __name__, url_prefix="/dinas/binaan")

READERS = tuple(sorted(DINAS_READERS))  # verifier, admin, auditor
KEEPER = Role.VERIFIER


def _can_keep() -> bool:
    return current_user.is_authenticated and current_user.role is KEEPER


# --- the list ----------------------------------------------------------------------------------------

def _like(text: str) -> str:
    escaped = text.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


@bp.get("")
@role_required(*READERS)
def index():
    city = reference.current_city()
    base = sa.select(Seller)
    if city is not None:
        base = base.where(Seller.city_id == city.id)
    counts = {status: 0 for status in SELLER_STATUS_LABELS}
    count_query = sa.select(Seller.status, sa.func.count()).group_by(Seller.status)
    if city is not None:
        count_query = count_query.where(Seller.city_id == city.id)
    counts.update(dict(db.session.execute(count_query).all()))
    total = sum(counts.values())

    status_arg = request.args.get("status", "")
    status = next((s for s in SellerStatus if s.value == status_arg), None)
    q = clean_text(request.args.get("q", ""))[:100]
    kecamatan_list = registry.known_kecamatan(city.id) if city is not None else []
    kecamatan_id = whole_number(request.args.get("kecamatan"))
    if kecamatan_id not in {k.id for k in kecamatan_list}:
        kecamatan_id = None

    query = base.options(selectinload(Seller.kecamatan)).order_by(sa.func.lower(Seller.business_name), Seller.id)
    if status is not None:
        query = query.where(Seller.status == status)
    if kecamatan_id is not None:
        query = query.where(Seller.kecamatan_id == kecamatan_id)
    if q:
        pattern = _like(q)
        conditions = [sa.func.lower(Seller.business_name).like(pattern, escape="\\"),
                      sa.func.lower(Seller.owner_name).like(pattern, escape="\\")]
        digits = normalise(q)
        if digits.isdigit():
            conditions.append(Seller.nib.like(f"%{digits}%"))
        if len(digits) >= 4 and digits.isalnum():
            conditions.append(sa.func.replace(Seller.invitation_code, "-", "").like(f"%{digits}%"))
        query = query.where(sa.or_(*conditions))
    sellers = db.paginate(query, page=page_number(), per_page=current_app.config["PAGE_SIZE"], error_out=False)
    return render_template(
        "registry/index.html", sellers=sellers, counts=counts, total=total,
        verified_count=counts[SellerStatus.VERIFIED], status=status_arg if status else "",
        q=q, kecamatan_list=kecamatan_list, kecamatan_id=kecamatan_id or "", can_keep=_can_keep(),
        review_endpoint="verification.seller_review" if "verification.seller_review" in current_app.view_functions
        else None, format_phone=format_phone)


# --- invitation ----------------------------------------------------------------------------------------

def _entry(seller_id: int) -> Seller:
    seller = db.session.scalar(sa.select(Seller).where(Seller.id == seller_id)
                               .options(selectinload(Seller.kecamatan)))
    return seller or abort(404)


@bp.get("/<int:seller_id>/undangan")
@role_required(*READERS)
def invitation(seller_id: int):
    seller = _entry(seller_id)
    city = db.session.get(City, seller.city_id)
    invited = seller.status is SellerStatus.INVITED and seller.owner_id is None
    return render_template(
        "registry/invitation.html", seller=seller, city=city, invited=invited,
        link=registry.invitation_link(seller) if invited else None,
        whatsapp=registry.whatsapp_invitation(seller) if invited else None,
        phone=format_phone(seller.whatsapp) if seller.whatsapp else "",
        can_edit=_can_keep() and registry.can_edit_entry(seller))


@bp.post("/<int:seller_id>/undangan/kode-baru")
@role_required(KEEPER)
def invitation_renew(seller_id: int):
    """A code sent to the wrong number, shared or lost is replaced; the old one claims nothing."""
    seller = _entry(seller_id)
    with edge.saving() as saved:
        code = registry.renew_code(seller, actor=current_user)
    if saved:
        flash(_("Kode undangan %(name)s diganti menjadi %(code)s. Kode lama tidak berlaku lagi; kirim undangan "
                "yang baru.", name=seller.business_name, code=code), "success")
    return redirect(url_for("registry.invitation", seller_id=seller.id))


# --- entries kept by hand ------------------------------------------------------------------------------

def city_or_redirect():
    city = reference.current_city()
    if city is None:
        flash(_("Muat dulu data kota (perintah seed-reference) sebelum mengisi daftar binaan."), "danger")
    return city


@bp.route("/baru", methods=["GET", "POST"])
@role_required(KEEPER)
def entry_new():
    city = city_or_redirect()
    if city is None:
        return redirect(url_for("registry.index"))
    form = RegistryEntryForm()
    form.set_kecamatan_choices(registry.known_kecamatan(city.id))
    if form.validate_on_submit():
        with edge.saving(form) as saved:
            seller = registry.add_entry(actor=current_user, city_id=city.id, **form.entry_values())
        if saved:
            flash(_("%(name)s ditambahkan ke daftar binaan dengan kode undangan %(code)s.",
                    name=seller.business_name, code=seller.invitation_code), "success")
            return redirect(url_for("registry.invitation", seller_id=seller.id))
    return render_template("registry/entry_form.html", form=form, seller=None)


@bp.route("/<int:seller_id>/ubah", methods=["GET", "POST"])
@role_required(KEEPER)
def entry_edit(seller_id: int):
    seller = _entry(seller_id)
    if not registry.can_edit_entry(seller):
        flash(_("Usaha ini sudah mendaftar, jadi datanya dikelola pemiliknya."), "warning")
        return redirect(url_for("registry.invitation", seller_id=seller.id))
    form = RegistryEntryForm(data={  # as people write them: the phone in groups, the category by its name
        "business_name": seller.business_name, "owner_name": seller.owner_name, "nib": seller.nib or "",
        "kecamatan_id": seller.kecamatan_id, "address": seller.address, "category": seller.registry_category,
        "whatsapp": format_phone(seller.whatsapp) if seller.whatsapp else ""})
    form.set_kecamatan_choices(registry.known_kecamatan(seller.city_id))
    if form.validate_on_submit():
        with edge.saving(form) as saved:
            registry.update_entry(seller, actor=current_user, **form.entry_values())
        if saved:
            flash(_("Data %(name)s disimpan.", name=seller.business_name), "success")
            return redirect(url_for("registry.invitation", seller_id=seller.id))
    return render_template("registry/entry_form.html", form=form, seller=seller)


# --- import --------------------------------------------------------------------------------------------
