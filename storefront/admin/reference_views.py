"""Reference data screens: one set of views for kecamatan, OPD, categories and units."""
from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa
from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from storefront.accounts import permissions
from storefront.accounts.roles import Role
from storefront.admin.forms import CategoryForm, KecamatanForm, OpdForm, UnitForm
from storefront.admin.views import READERS, bp
from storefront.extensions import db
from storefront.reference import services as reference
from storefront.reference.models import Category, Kecamatan, Opd, Unit
from storefront.text import lazy_gettext as _l
from storefront.web import edge
from storefront.web.decorators import role_required
from storefront.web.pagination import page_number


@dataclass(frozen=True)
class ReferenceKind:
    model: type
    form: type
    title: object
    columns: tuple  # (attribute, heading)
    order_by: tuple


KINDS = {
    "kecamatan": ReferenceKind(Kecamatan, KecamatanForm, _l("Kecamatan"),
                               (("code", _l("Kode")), ("name", _l("Nama"))), (Kecamatan.code,)),
    "opd": ReferenceKind(Opd, OpdForm, _l("OPD"),
                         (("name", _l("Nama")), ("short_name", _l("Singkatan")), ("kind_label", _l("Jenis"))),
                         (Opd.kind, Opd.name)),
    "kategori": ReferenceKind(Category, CategoryForm, _l("Kategori produk"),
                              (("name_id", _l("Nama")), ("name_en", _l("Nama (Inggris)")), ("slug", _l("Slug"))),
                              (sa.func.coalesce(Category.parent_id, Category.id), Category.parent_id.is_not(None),
                               Category.position)),
    "satuan": ReferenceKind(Unit, UnitForm, _l("Satuan"),
                            (("code", _l("Kode")), ("name_id", _l("Nama")), ("name_en", _l("Nama (Inggris)"))),
                            (Unit.code,)),
}


def _kind(name: str) -> ReferenceKind:
    return KINDS.get(name) or abort(404)


def _prepare(form, kind: ReferenceKind, obj=None) -> None:
    if kind.model is Category:
        form.set_parent_choices(db.session.scalars(
            sa.select(Category).where(Category.parent_id.is_(None)).order_by(Category.position)).all(),
            exclude_id=obj.id if obj is not None else None)


def _values(form) -> dict:
    return {name: field.data for name, field in form._fields.items() if name not in ("csrf_token", "submit")}


@bp.get("/referensi")
@role_required(*READERS)
def reference_list():
    counts = {name: db.session.scalar(sa.select(sa.func.count()).select_from(kind.model))
              for name, kind in KINDS.items()}
    return render_template("admin/reference_list.html", kinds=KINDS, counts=counts)


@bp.get("/referensi/<kind_name>")
@role_required(*READERS)
def reference_items(kind_name: str):
    kind = _kind(kind_name)
    items = db.paginate(sa.select(kind.model).order_by(*kind.order_by), page=page_number(),
                        per_page=100, error_out=False)
    return render_template("admin/reference_items.html", kind=kind, kind_name=kind_name, items=items,
                           can_edit=permissions.can_edit_reference(current_user))


@bp.route("/referensi/<kind_name>/baru", methods=["GET", "POST"])
@role_required(Role.ADMIN)
def reference_new(kind_name: str):
    kind = _kind(kind_name)
    if kind.model in (Kecamatan, Opd) and reference.current_city() is None:
        flash(_("Muat dulu data kota (perintah seed-reference) sebelum menambah kecamatan atau OPD."), "danger")
        return redirect(url_for("admin.reference_items", kind_name=kind_name))
    return _edit(kind, kind_name, None)


@bp.route("/referensi/<kind_name>/<int:item_id>", methods=["GET", "POST"])
@role_required(Role.ADMIN)
def reference_edit(kind_name: str, item_id: int):
    kind = _kind(kind_name)
    obj = db.session.get(kind.model, item_id) or abort(404)
    return _edit(kind, kind_name, obj)


def _edit(kind: ReferenceKind, kind_name: str, obj):
    form = kind.form(obj=obj)
    _prepare(form, kind, obj)
    if form.validate_on_submit():
        target = obj if obj is not None else _new_row(kind)
        with edge.saving(form) as saved:
            reference.save(target, **_values(form))
        if saved:
            flash(_("Data %(kind)s disimpan.", kind=kind.title), "success")
            return redirect(url_for("admin.reference_items", kind_name=kind_name))
    return render_template("admin/reference_form.html", form=form, kind=kind, kind_name=kind_name, obj=obj)


def _new_row(kind: ReferenceKind):
    """A new row; kecamatan and OPDs belong to this deployment's city (checked to exist)."""
    if kind.model in (Kecamatan, Opd):
        return kind.model(city_id=reference.current_city().id)
    return kind.model()
