"""Listing forms: a product's fields, its photos, and the curator's decision."""
from __future__ import annotations

from flask_wtf.file import FileField
from wtforms import (
    BooleanField,
    IntegerField,
    SelectChoice,
    SelectMultipleField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from storefront.listings.models import DELIVERY_LABELS
from storefront.reviewed import ReviewedField
from storefront.sellers.halal.claims import OUT_OF_SCOPE_REASON_LABELS
from storefront.sellers.halal.statuses import HalalStatus
from storefront.text import lazy_gettext as _l
from storefront.web.fields import ChoiceField, MoneyField, optional_int
from storefront.web.forms import BaseForm


class ProductForm(BaseForm):
    name = StringField(_l("Nama produk"), validators=[DataRequired(), Length(max=120)],
                       description=_l("Contoh: Bika ambon pandan, 1 loyang 20×20 cm"))
    category_id = ChoiceField(_l("Kategori"), coerce=optional_int, validators=[DataRequired()])
    description = TextAreaField(_l("Deskripsi"), validators=[Length(max=3000)],
                                description=_l("Bahan, ukuran, rasa, daya tahan, cara penyajian."))
    price = MoneyField(_l("Harga (rupiah)"), validators=[InputRequired(), NumberRange(min=100, max=10_000_000_000)],
                       description=_l("Rupiah tanpa sen. Contoh: 75.000"))
    price_includes_ppn = BooleanField(_l("Harga sudah termasuk PPN"),
                                      description=_l("Kebanyakan UMKM bukan PKP dan tidak memungut PPN."))
    unit_id = ChoiceField(_l("Satuan"), coerce=optional_int, validators=[DataRequired()])
    min_order = IntegerField(_l("Pesanan minimal"), default=1, validators=[InputRequired(), NumberRange(min=1, max=100_000)])
    capacity_per_day = IntegerField(_l("Kapasitas produksi per hari"), validators=[Optional(), NumberRange(min=0, max=1_000_000)])
    stock = IntegerField(_l("Stok tersedia"), validators=[Optional(), NumberRange(min=0, max=1_000_000)],
                         description=_l("Isi salah satu: kapasitas per hari (dibuat setelah dipesan) atau stok."))
    # InputRequired, not DataRequired: 0 (ready the same day) is an answer, and DataRequired refuses it.
    lead_time_days = IntegerField(_l("Waktu siap kirim (hari)"), default=1,
                                  validators=[InputRequired(message=_l("Isi jumlah hari, 0 bila siap hari itu juga.")),
                                              NumberRange(min=0, max=90)])
    # No defaults for what the seller promises (where they deliver, the halal status): skipping
    # the question is "Wajib diisi", never a claim made for them.
    delivery_area = ChoiceField(_l("Daerah pengiriman"), validators=[DataRequired()],
                                choices=[SelectChoice("", _l("— pilih daerah pengiriman —"))] + [
                                    SelectChoice(area.value, label) for area, label in DELIVERY_LABELS.items()])
    delivery_kecamatan = SelectMultipleField(_l("Kecamatan tujuan (bila tidak seluruh kota)"), coerce=int,
                                             validators=[Optional()])
    halal_status = ChoiceField(_l("Status halal"), validators=[DataRequired()],
                               choices=[SelectChoice("", _l("— pilih status halal —"))] + [
                                   SelectChoice(status.value, status.label) for status in HalalStatus])
    halal_certificate_number = StringField(_l("Nomor sertifikat halal"), validators=[Length(max=30)],
                                           description=_l("Nomor BPJPH diawali ID, misalnya ID12110000012340925."))
    non_halal_ingredient = StringField(_l("Bahan tidak halal (bila status Tidak halal)"), validators=[Length(max=200)])
    halal_out_of_scope_reason = ChoiceField(_l("Alasan tidak termasuk wajib halal"), validators=[Optional()],
                                            choices=[SelectChoice("", _l("— tidak berlaku —"))] + [
                                                SelectChoice(r.value, label) for r, label in OUT_OF_SCOPE_REASON_LABELS.items()])
    pirt_number = StringField(_l("Nomor P-IRT (bila ada)"), validators=[Length(max=40)], render_kw={"inputmode": "numeric"})
    bpom_number = StringField(_l("Nomor BPOM MD/ML (bila ada)"), validators=[Length(max=40)])
    export_ready = BooleanField(_l("Siap ekspor"))
    submit = SubmitField(_l("Simpan produk"))

    def set_choices(self, categories, units, kecamatan) -> None:
        self.category_id.choices = [SelectChoice("", _l("— pilih kategori —"))] + [
            SelectChoice(c.id, c.name) for c in categories]
        self.unit_id.choices = [SelectChoice("", _l("— pilih satuan —"))] + [SelectChoice(u.id, u.name) for u in units]
        self.delivery_kecamatan.choices = [SelectChoice(k.id, k.name) for k in kecamatan]

    def values(self) -> dict:
        names = ("name", "category_id", "description", "price", "price_includes_ppn", "unit_id", "min_order",
                 "capacity_per_day", "stock", "lead_time_days", "delivery_area", "halal_status",
                 "halal_certificate_number", "non_halal_ingredient", "halal_out_of_scope_reason", "pirt_number",
                 "bpom_number", "export_ready")
        values = {name: self[name].data for name in names}
        values["halal_out_of_scope_reason"] = values["halal_out_of_scope_reason"] or None
        values["description"] = values["description"] or ""
        return values


class PhotoForm(BaseForm):
    photo = FileField(_l("Foto kemasan"), render_kw={"accept": "image/*", "capture": "environment"},
                      description=_l("JPG, PNG, WebP atau HEIC dari kamera HP, maksimal 10 MB."))
    alt_text = StringField(_l("Keterangan foto"), validators=[DataRequired(), Length(max=200)],
                           description=_l("Untuk pembaca layar dan bila foto tidak termuat. Contoh: kemasan depan."))
    submit = SubmitField(_l("Tambah foto"))


class PhotoChangeForm(BaseForm):
    operation = StringField(validators=[DataRequired(), Length(max=10)])
    alt_text = StringField(validators=[Length(max=200)])


class ProductDecisionForm(BaseForm):
    """The curator's decision on what the page showed (`reviewed`); no choice is made for them."""

    reviewed = ReviewedField()
    action = ChoiceField(_l("Keputusan"), validators=[DataRequired()])
    verified_claims = BooleanField(_l("Nomor sertifikat halal dan izin sudah saya cocokkan dengan dokumennya"))
    reason = TextAreaField(_l("Alasan atau catatan untuk penjual"), validators=[Length(max=2000)])
    submit = SubmitField(_l("Simpan keputusan"))
