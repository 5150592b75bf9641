"""Rating a completed request (a pemesan of the OPD, once) and the seller's reply."""
from __future__ import annotations

from flask import abort, flash, redirect, url_for
from flask_babel import gettext as _
from flask_login import current_user

from storefront.accounts.roles import Role
from storefront.procurement import ratings
from storefront.procurement.forms import RatingForm, ReplyForm
from storefront.procurement.views import bp, visible_request
from storefront.procurement.workflow import Party
from storefront.web import edge
from storefront.web.decorators import role_required


@bp.post("/permintaan/<int:request_id>/nilai")
@role_required(Role.PEMESAN)
def rate(request_id: int):
    loaded, parties = visible_request(request_id)
    if Party.PEMESAN not in parties:
        abort(403)
    form = RatingForm()
    if not form.validate():
        flash(_("Pilih nilai 1 sampai 5 untuk setiap aspek."), "danger")
        return redirect(url_for("procurement.detail", request_id=request_id))
    with edge.saving() as saved:
        ratings.rate(loaded, actor=current_user, on_time=form.on_time.data, as_described=form.as_described.data,
                     quality=form.quality.data, comment=form.comment.data or "")
    if saved:
        flash(_("Terima kasih. Penilaian Anda tampil di halaman penjual untuk para pemesan OPD."), "success")
    return redirect(url_for("procurement.detail", request_id=request_id))


@bp.post("/permintaan/<int:request_id>/tanggapan")
@role_required(Role.SELLER)
def reply(request_id: int):
    loaded, parties = visible_request(request_id)
    if Party.SELLER not in parties:
        abort(403)
    form = ReplyForm()
    if not form.validate():
        flash(_("Tuliskan tanggapan Anda (paling panjang 1.000 karakter)."), "danger")
        return redirect(url_for("procurement.detail", request_id=request_id))
    with edge.saving() as saved:
        ratings.reply(loaded, actor=current_user, text=form.reply.data)
    if saved:
        flash(_("Tanggapan Anda tersimpan."), "success")
    return redirect(url_for("procurement.detail", request_id=request_id))
