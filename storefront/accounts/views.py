"""Sign in, sign out, change password, and each role's dashboard."""
from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, logout_user

from storefront.accounts import services, signin_limits
from storefront.accounts.forms import ChangePasswordForm, LoginForm
from storefront.accounts.roles import ROLE_DESCRIPTIONS
from storefront.accounts.signin import sign_in
from storefront.extensions import db, login_manager
from storefront.reference.models import Opd
from storefront.web import edge
from storefront.web.error_pages import render_error
from storefront.web.navigation import items_for
from storefront.web.redirects import safe_next_url

bp = Blueprint("accounts", __name__)


@login_manager.user_loader
def load_user(token: str):
    return services.user_for_session(token)


@bp.route("/masuk", methods=["GET", "POST"])
def login():
    form = LoginForm()  # reads the body first: one too large is a 413 for everyone, signed in or not
    if current_user.is_authenticated:
        return redirect(url_for("accounts.dashboard"))
    if form.validate_on_submit():
        # Counted before the password is checked, so guesses sent together cannot all be tried.
        attempt = signin_limits.begin(form.email.data, request.remote_addr or "")
        if not attempt.allowed:
            body, status = render_error(429, signin_limits.refusal_text(attempt))
            return body, status, {"Retry-After": str(attempt.retry_after)}
        user = services.authenticate(form.email.data, form.password.data)
        if user is None:
            form.form_errors.append(_("Email atau kata sandi salah, atau akun tidak aktif."))
        else:
            signin_limits.succeeded(attempt)
            with edge.saving():
                sign_in(user)
            if user.must_change_password:
                flash(_("Selamat datang. Ganti dulu kata sandi sementara Anda."), "warning")
                return redirect(url_for("accounts.change_password"))
            flash(_("Selamat datang, %(name)s.", name=user.name), "success")
            return redirect(safe_next_url(request.args.get("next"), url_for("accounts.dashboard")))
    return render_template("accounts/login.html", form=form)


@bp.before_app_request
def require_password_change():
    """A generated password is for one sign-in only: nothing else opens until it is changed."""
    allowed = {"accounts.change_password", "accounts.logout", "static", "bootstrap.static",
               "i18n.set_language"}
    if (current_user.is_authenticated and current_user.must_change_password
            and request.endpoint not in allowed):
        return redirect(url_for("accounts.change_password"))
    return None


@bp.post("/keluar")
@login_required
def logout():
    with edge.saving():
        services.end_session(current_user.session_token)
    logout_user()
    session.clear()
    flash(_("Anda sudah keluar."), "info")
    return redirect(url_for("catalog.home"))


@bp.route("/akun/kata-sandi", methods=["GET", "POST"])
@login_required
def change_password():
    form = ChangePasswordForm()
    if form.validate_on_submit():
        user = current_user._get_current_object()
        with edge.saving(form) as saved:
            services.change_password(user, current=form.current_password.data, new=form.new_password.data)
            sign_in(user)
        if saved:
            flash(_("Kata sandi diganti. Sesi di perangkat lain sudah diakhiri."), "success")
            return redirect(url_for("accounts.dashboard"))
    return render_template("accounts/change_password.html", form=form)


@bp.get("/dasbor")
@login_required
def dashboard():
    role = current_user.role
    opd = db.session.get(Opd, current_user.opd_id) if current_user.opd_id else None
    links = [(item.endpoint, item.label) for item in items_for(current_user)
             if item.endpoint not in ("catalog.home", "accounts.dashboard")]
    return render_template("accounts/dashboard.html", role=role, role_description=ROLE_DESCRIPTIONS[role],
                           opd_name=opd.label if opd else "", links=links)
