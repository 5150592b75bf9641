"""Users and OPD staff: the admin creates, edits, disables; the auditor reads."""
from __future__ import annotations

import sqlalchemy as sa
from flask import Blueprint, abort, flash, make_response, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy.orm import selectinload

from storefront.accounts import permissions
from storefront.accounts import services as accounts
from storefront.accounts.models import User
from storefront.accounts.roles import BACK_OFFICE_READERS, Role
from storefront.admin import services as admin_services
from storefront.admin.forms import UserEditForm, UserForm
from storefront.extensions import db
from storefront.reference.models import Opd
from storefront.web import edge
from storefront.web.decorators import role_required
from storefront.web.forms import clean_text
from storefront.web.pagination import page_number
from storefront.web.queries import contains

bp = Blueprint("admin", __name__, url_prefix="/admin")

READERS = tuple(BACK_OFFICE_READERS)


def _active_opds():
    return db.session.scalars(sa.select(Opd).where(Opd.active.is_(True)).order_by(Opd.name)).all()


def _get_user(user_id: int) -> User:
    return db.session.get(User, user_id) or abort(404)


@bp.get("/pengguna")
@role_required(*READERS)
def user_list():
    query = sa.select(User).options(selectinload(User.opd)).order_by(User.role, User.name)
    role = request.args.get("peran", "")
    if role in {r.value for r in Role}:
        query = query.where(User.role == Role(role))
    text = clean_text(request.args.get("q", ""))[:100]  # no NUL byte reaches PostgreSQL
    if text:
        query = query.where(sa.or_(contains(User.name, text), contains(User.email, text)))
    users = db.paginate(query, page=page_number(), per_page=50, error_out=False)
    return render_template("admin/user_list.html", users=users, roles=list(Role), role=role, q=text,
                           can_edit=permissions.can_manage_users(current_user))


@bp.route("/pengguna/baru", methods=["GET", "POST"])
@role_required(Role.ADMIN)
def user_new():
    form = UserForm()
    form.set_opd_choices(_active_opds())
    if form.validate_on_submit():
        with edge.saving(form) as saved:
            user, password = accounts.create_user(
                actor=current_user, email=form.email.data, name=form.name.data,
                role=Role(form.role.data), opd_id=form.opd_id.data)
        if saved:
            return _show_password(user, password, created=True)
    return render_template("admin/user_form.html", form=form, user=None)


@bp.route("/pengguna/<int:user_id>", methods=["GET", "POST"])
@role_required(Role.ADMIN)
def user_edit(user_id: int):
    user = _get_user(user_id)
    form = UserEditForm(obj=user)  # ChoiceField shows the stored Role enum as selected
    form.set_opd_choices(_active_opds())
    if form.validate_on_submit():
        with edge.saving(form) as saved:
            admin_services.update_user(user, actor=current_user, name=form.name.data,
                                       role=Role(form.role.data), opd_id=form.opd_id.data)
        if saved:
            flash(_("Akun %(email)s disimpan.", email=user.email), "success")
            return redirect(url_for("admin.user_list"))
    return render_template("admin/user_form.html", form=form, user=user)


@bp.post("/pengguna/<int:user_id>/status")
@role_required(Role.ADMIN)
def user_set_active(user_id: int):
    user = _get_user(user_id)
    active = request.form.get("active") == "1"
    with edge.saving() as saved:
        accounts.set_active(user, actor=current_user, active=active)
    if saved:
        flash(_("Akun %(email)s diaktifkan.", email=user.email) if active else
              _("Akun %(email)s dinonaktifkan; semua sesinya sudah diakhiri.", email=user.email), "success")
    return redirect(url_for("admin.user_list"))


@bp.post("/pengguna/<int:user_id>/reset-kata-sandi")
@role_required(Role.ADMIN)
def user_reset_password(user_id: int):
    user = _get_user(user_id)
    with edge.saving():
        password = accounts.reset_password(user, actor=current_user)
    return _show_password(user, password, created=False)


@bp.post("/pengguna/<int:user_id>/buka-kunci")
@role_required(Role.ADMIN)
def user_unlock(user_id: int):
    user = _get_user(user_id)
    with edge.saving():
        accounts.unlock_sign_in(user, actor=current_user)
    flash(_("Kunci masuk akun %(email)s dibuka: hitungan percobaan gagalnya dimulai dari nol.", email=user.email),
          "success")
    return redirect(url_for("admin.user_edit", user_id=user.id))


def _show_password(user: User, password: str, *, created: bool):
    """The temporary password, once, in this response only: a flash would travel in the session
    cookie, which is signed but not encrypted. The page is never stored by a cache."""
    response = make_response(render_template("admin/user_password.html", user=user, password=password,
                                             created=created))
    response.headers["Cache-Control"] = "no-store"
    return response
