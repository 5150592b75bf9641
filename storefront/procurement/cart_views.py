"""The pemesan's cart and checkout: products from the catalog, grouped by seller, sent as one
purchase request per seller."""
from __future__ import annotations

import re
import secrets

import sqlalchemy as sa
from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy.exc import IntegrityError
from wtforms import SelectChoice

from storefront.accounts.roles import Role
from storefront.extensions import db
from storefront.procurement import ordering
from storefront.procurement.forms import AddToCartForm, CheckoutForm
from storefront.procurement.views import bp
from storefront.reference.models import Kecamatan
from storefront.timeutil import local_today
from storefront.web import edge
from storefront.web.decorators import role_required

DIGITS = re.compile(r"[0-9]{1,7}")  # ASCII digits only: str.isdigit() also takes "²"


@bp.get("/keranjang")
@role_required(Role.PEMESAN)
def cart():
    form = _checkout_form()
    return _cart_page(form)


def _checkout_form(formdata=None) -> CheckoutForm:
    form = CheckoutForm(formdata) if formdata is not None else CheckoutForm()
    # Who approves and where it goes are the pemesan's choice: nothing is preselected, except a
    # PPK when the OPD has only one (then there is nothing to choose).
    ppks = [SelectChoice(ppk.id, ppk.name) for ppk in ordering.ppk_choices(current_user)]
    form.ppk_id.choices = ppks if len(ppks) <= 1 else [SelectChoice("", _("— pilih PPK —")), *ppks]
    form.delivery_kecamatan_id.choices = [SelectChoice("", _("— pilih kecamatan —"))] + [
        SelectChoice(k.id, k.name) for k in db.session.scalars(
            sa.select(Kecamatan).where(Kecamatan.active.is_(True)).order_by(Kecamatan.name))]
    if formdata is None:
        form.key.data = secrets.token_urlsafe(24)
        form.fiscal_year.data = local_today().year
    return form


def _cart_page(form, problems=(), status=200):
    items = ordering.cart_items(current_user)
    by_product = {}
    for where, message in problems:
        by_product.setdefault(where, []).append(message)
    groups = {}
    for item in items:
        groups.setdefault(item.product.seller_id, []).append(item)
    return render_template("procurement/cart.html", groups=list(groups.values()), form=form,
                           problems=by_product, general=by_product.get("cart", [])), status


@bp.post("/keranjang/tambah/<int:product_id>")
@role_required(Role.PEMESAN)
def cart_add(product_id: int):
    if not ordering.is_public(product_id):
        abort(404)  # not public (or never was): as if it did not exist
    form = AddToCartForm()
    if not form.validate():
        flash(_("Isi jumlah dengan angka bulat lebih dari nol."), "danger")
        return redirect(request.referrer or url_for("catalog.home"))
    with edge.saving() as saved:
        item = ordering.add(current_user, product_id, form.quantity.data, key=form.key.data or None)
    if not saved:
        return redirect(url_for("procurement.cart"))
    flash(_("Ditambahkan ke keranjang."), "success")
    return redirect(url_for("procurement.cart", _anchor=f"produk-{item.product_id}"))


@bp.post("/keranjang/<int:item_id>/hapus")
@role_required(Role.PEMESAN)
def cart_remove(item_id: int):
    with edge.saving():
        removed = ordering.remove(current_user, item_id)
    if not removed:
        abort(404)  # not in this user's cart (someone else's, or gone)
    flash(_("Dihapus dari keranjang."), "success")
    return redirect(url_for("procurement.cart"))


@bp.post("/keranjang/ajukan")
@role_required(Role.PEMESAN)
def checkout():
    form = _checkout_form(request.form)
    if not form.validate():
        return _cart_page(form, status=422)
    quantities = {int(key[4:]): int(value) for key, value in request.form.items()
                  if DIGITS.fullmatch(key[4:]) and key.startswith("qty-") and DIGITS.fullmatch(value)}
    checkout_values = ordering.Checkout(
        ppk_id=form.ppk_id.data, kode_rekening=form.kode_rekening.data, rup_code=form.rup_code.data,
        fiscal_year=form.fiscal_year.data, delivery_address=form.delivery_address.data,
        delivery_kecamatan_id=form.delivery_kecamatan_id.data, recipient_name=form.recipient_name.data,
        recipient_phone=form.recipient_phone.data, needed_on=form.needed_on.data,
        window_start=form.window_start.data, window_end=form.window_end.data, notes=form.notes.data or "",
        quantities=quantities)
    try:
        with edge.saving(show=False) as saved:  # the problems are shown by product, below
            made = ordering.submit(current_user, checkout_values, form.key.data, ip=request.remote_addr or "")
    except IntegrityError:  # the same form sent twice at once: the other post made the requests
        made = ordering.submitted(current_user, form.key.data)
        if not made:
            raise
    else:
        if not saved:
            for where, message in saved.error.problems:
                field = getattr(form, where, None)
                if field is not None:
                    field.errors = [*field.errors, str(message)]
            return _cart_page(form, problems=saved.error.problems, status=422)
    flash(_("Permintaan pembelian diajukan ke PPK: %(numbers)s.", numbers=", ".join(r.number for r in made)),
          "success")
    return redirect(url_for("procurement.inbox", tab="semua"))
