"""Procurement forms: adding to the cart, checking out, and the fields each step asks for.

Shape only (types, lengths, ranges); the rules of ordering and of each step are in the services.
"""
from __future__ import annotations

from datetime import time

from flask_wtf.file import FileField
from wtforms import (
    DateField,
    HiddenField,
    IntegerField,
    SelectChoice,
    SelectField,
    StringField,
    TextAreaField,
    TimeField,
)
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional, Regexp, ValidationError

from storefront.procurement.labels import PAYMENT_LABELS
from storefront.procurement.models import MAX_QUANTITY
from storefront.procurement.services import CANCEL_REASONS
from storefront.reviewed import ReviewedField
from storefront.text import lazy_gettext as _l
from storefront.web.fields import ChoiceField, MoneyField, optional_int
from storefront.web.forms import BaseForm


class NoticesReadForm(BaseForm):
    """"Tandai sudah dibaca": the newest notice the page showed (later ones stay unread)."""

    up_to = IntegerField(validators=[InputRequired(), NumberRange(min=1, max=2**31 - 1)])


class AddToCartForm(BaseForm):
    quantity = IntegerField(_l("Jumlah"), validators=[InputRequired(), NumberRange(min=1, max=MAX_QUANTITY)])
    # Rendered once per page view: the same form sent twice adds once (ordering.add).
    key = HiddenField(validators=[Optional(), Length(min=16, max=64)])


class CheckoutForm(BaseForm):
    """The request's budget reference, delivery and approving PPK; the cart gives the items."""

    key = HiddenField(validators=[DataRequired(), Length(min=16, max=64)])
    ppk_id = ChoiceField(_l("PPK yang menyetujui"), coerce=optional_int, validators=[DataRequired()])
    kode_rekening = StringField(_l("Kode rekening belanja"), validators=[DataRequired(), Length(max=60)],
                                description=_l("Contoh: 5.1.02.01.01.0052 (belanja makanan dan minuman rapat)"))
    rup_code = StringField(_l("Kode RUP"), validators=[
        DataRequired(), Length(max=30), Regexp(r"^[0-9]{5,30}$", message=_l("Kode RUP berupa angka dari SiRUP."))])
    fiscal_year = IntegerField(_l("Tahun anggaran"), validators=[InputRequired(), NumberRange(min=2020, max=2100)])
    delivery_address = TextAreaField(_l("Alamat pengiriman"), validators=[DataRequired(), Length(max=400)])
    delivery_kecamatan_id = ChoiceField(_l("Kecamatan tujuan"), coerce=optional_int, validators=[DataRequired()])
    recipient_name = StringField(_l("Nama penerima"), validators=[DataRequired(), Length(max=120)])
    recipient_phone = StringField(_l("Telepon penerima"), validators=[
        DataRequired(), Length(max=20),
        Regexp(r"^\+?[0-9 -]{8,20}$", message=_l("Isi nomor telepon, contoh 0812 3456 7890."))],
        render_kw={"inputmode": "tel"})
    needed_on = DateField(_l("Tanggal dibutuhkan"), validators=[DataRequired()])
    window_start = TimeField(_l("Diantar mulai jam"), validators=[DataRequired()], default=time(8))
    window_end = TimeField(_l("Sampai jam"), validators=[DataRequired()], default=time(12))
    notes = TextAreaField(_l("Catatan untuk penjual"), validators=[Length(max=1000)])

    def validate_window_end(self, field):
        if self.window_start.data and field.data and field.data <= self.window_start.data:
            raise ValidationError(_l("Jam akhir harus sesudah jam mulai."))


CONFORMITY = [SelectChoice("", "—"), SelectChoice("sesuai", _l("Sesuai")), SelectChoice("tidak", _l("Tidak sesuai"))]


class StepForm(BaseForm):
    """Every step posts this; the step's own fields are read only for that step. `reviewed` carries
    what the page showed: a step is taken on the request as its party saw it, or not at all.

    Its selects are plain SelectFields (not ChoiceField): a step that does not show one does not
    send it, and the steps that need one refuse its absence themselves (services, field errors).
    """

    reviewed = ReviewedField()

    reason = TextAreaField(_l("Alasan"), validators=[Length(max=1000)])
    reason_code = SelectField(_l("Alasan"), validators=[Optional()],
                              choices=[SelectChoice("", "—")] + [SelectChoice(k, v) for k, v in CANCEL_REASONS.items()])
    note = TextAreaField(_l("Catatan"), validators=[Length(max=1000)])
    sp_number = StringField(_l("Nomor Surat Pesanan"), validators=[Length(max=60)])
    bast_number = StringField(_l("Nomor BAST"), validators=[Length(max=60)])
    # Asked with no default (a box left unticked would say "not as ordered"); whether the delivery
    # was on time is not asked at all: the dates say it (settlement.delivered_on_time).
    quantity_ok = SelectField(_l("Jumlah sesuai pesanan?"), validators=[Optional()], choices=CONFORMITY)
    quality_ok = SelectField(_l("Mutu sesuai pesanan?"), validators=[Optional()], choices=CONFORMITY)
    needed_on = DateField(_l("Tanggal yang ditawarkan"), validators=[Optional()])
    method = SelectField(_l("Cara bayar"), validators=[Optional()], choices=[SelectChoice("", "—")] + [
        SelectChoice(m.value, label) for m, label in PAYMENT_LABELS.items()])
    paid_on = DateField(_l("Tanggal bayar"), validators=[Optional()])
    amount = MoneyField(_l("Jumlah dibayar (Rp)"), validators=[Optional(), NumberRange(min=0, max=10**13)])
    payment_reference = StringField(_l("Nomor SP2D / referensi transfer"), validators=[Length(max=60)])
    proof = FileField(_l("Bukti pembayaran (foto atau PDF)"))
    photo = FileField(_l("Foto pengiriman (boleh dikosongkan)"))


# No preselected score: a pemesan who skips a line gives no stars rather than five.
STARS = [SelectChoice("", _l("— pilih —"))] + [SelectChoice(n, str(n)) for n in range(5, 0, -1)]


class RatingForm(BaseForm):
    on_time = ChoiceField(_l("Ketepatan waktu"), coerce=optional_int, choices=STARS, validators=[DataRequired()])
    as_described = ChoiceField(_l("Sesuai deskripsi"), coerce=optional_int, choices=STARS,
                               validators=[DataRequired()])
    quality = ChoiceField(_l("Mutu"), coerce=optional_int, choices=STARS, validators=[DataRequired()])
    comment = TextAreaField(_l("Ulasan"), validators=[Length(max=1000)])


class ReplyForm(BaseForm):
    reply = TextAreaField(_l("Tanggapan penjual"), validators=[DataRequired(), Length(max=1000)])
