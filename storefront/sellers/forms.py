"""Seller forms: registration, business profile, documents, and the verifier's decision.

Shape only; identifier formats and the lifecycle rules are checked in the services.
"""
from __future__ import annotations

from flask_wtf.file import FileField
from wtforms import (
    BooleanField,
    DateField,
    EmailField,
    PasswordField,
    SelectChoice,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Email, EqualTo, Length, Optional

from storefront.accounts.passwords import MAX_LENGTH
from storefront.reviewed import ReviewedField
from storefront.sellers.halal.kinds import SCALE_DESCRIPTIONS
from storefront.sellers.labels import DOCUMENT_LABELS
from storefront.text import lazy_gettext as _l
from storefront.web.fields import ChoiceField, optional_int
from storefront.web.forms import BaseForm


class RegisterForm(BaseForm):
    code = StringField(_l("Kode undangan"), validators=[DataRequired(), Length(max=20)],
                       description=_l("Kode ada di surat atau pesan WhatsApp undangan dari Dinas. Belum punya "
                                      "atau hilang? Minta ke Dinas; NIB saja tidak cukup untuk mendaftar."),
                       render_kw={"autocapitalize": "characters", "autocomplete": "off"})
    name = StringField(_l("Nama Anda"), validators=[DataRequired(), Length(max=120)],
                       render_kw={"autocomplete": "name"})
    email = EmailField(_l("Email"), validators=[DataRequired(), Length(max=254), Email()],
                       render_kw={"autocomplete": "email", "inputmode": "email"})
    password = PasswordField(_l("Kata sandi"), validators=[DataRequired(), Length(max=MAX_LENGTH)],
                             description=_l("Minimal 10 karakter. Kalimat pendek yang mudah Anda ingat lebih aman."),
                             render_kw={"autocomplete": "new-password"})
    confirm = PasswordField(_l("Ulangi kata sandi"), validators=[
        DataRequired(), EqualTo("password", message=_l("Kedua kata sandi tidak sama."))],
        render_kw={"autocomplete": "new-password"})
    submit = SubmitField(_l("Daftar"))


class ProfileForm(BaseForm):
    business_name = StringField(_l("Nama usaha"), validators=[DataRequired(), Length(max=120)])
    legal_name = StringField(_l("Nama badan usaha (bila ada)"), validators=[Length(max=160)],
                             description=_l("Contoh: CV Berkah Amplas. Kosongkan untuk usaha perorangan."))
    owner_name = StringField(_l("Nama pemilik"), validators=[DataRequired(), Length(max=120)])
    nib = StringField(_l("NIB"), validators=[Length(max=30)], render_kw={"inputmode": "numeric"},
                      description=_l("13 angka, dari dokumen NIB (OSS)."))
    npwp = StringField(_l("NPWP (bila ada)"), validators=[Length(max=30)], render_kw={"inputmode": "numeric"})
    is_pkp = BooleanField(_l("Usaha terdaftar sebagai PKP (memungut PPN)"))
    scale = ChoiceField(_l("Skala usaha"), validators=[Optional()])
    address = TextAreaField(_l("Alamat usaha"), validators=[DataRequired(), Length(max=500)])
    kecamatan_id = ChoiceField(_l("Kecamatan"), coerce=optional_int, validators=[DataRequired()])
    kelurahan = StringField(_l("Kelurahan"), validators=[Length(max=80)])
    whatsapp = StringField(_l("Nomor WhatsApp"), validators=[DataRequired(), Length(max=25)],
                           render_kw={"inputmode": "tel", "autocomplete": "tel"},
                           description=_l("Contoh: 0812 3456 7890. Tidak ditampilkan ke publik."))
    description = TextAreaField(_l("Tentang usaha"), validators=[Length(max=2000)])
    logo_file = FileField(_l("Logo atau foto usaha (bila ada)"), render_kw={"accept": "image/*"})
    nik = StringField(_l("NIK pemilik"), validators=[Length(max=30)], render_kw={"inputmode": "numeric"},
                      description=_l("16 angka di KTP. Hanya dilihat Dinas; tidak pernah ditampilkan ke publik."))
    bank_name = StringField(_l("Nama bank"), validators=[Length(max=60)])
    bank_account_number = StringField(_l("Nomor rekening"), validators=[Length(max=30)],
                                      render_kw={"inputmode": "numeric"})
    bank_account_holder = StringField(_l("Nama pemilik rekening"), validators=[Length(max=120)])
    submit = SubmitField(_l("Simpan profil"))

    def set_choices(self, kecamatan) -> None:
        # Every stored scale is a choice, or the page shows none and saving clears it.
        self.scale.choices = [SelectChoice("", _l("— pilih —"))] + [
            SelectChoice(scale.value, label) for scale, label in SCALE_DESCRIPTIONS.items()]
        self.kecamatan_id.choices = [SelectChoice("", _l("— pilih kecamatan —"))] + [
            SelectChoice(k.id, k.name) for k in kecamatan]


class DocumentForm(BaseForm):
    # No default kind: an upload left on "NIB" would claim to be the business's NIB.
    kind = ChoiceField(_l("Jenis dokumen"), validators=[DataRequired()],
                       choices=[SelectChoice("", _l("— pilih jenis dokumen —"))] + [
                           SelectChoice(kind.value, label) for kind, label in DOCUMENT_LABELS.items()])
    number = StringField(_l("Nomor dokumen"), validators=[DataRequired(), Length(max=40)])
    issued_on = DateField(_l("Tanggal terbit"), validators=[Optional()])
    expires_on = DateField(_l("Berlaku sampai (bila ada)"), validators=[Optional()])
    file = FileField(_l("Foto atau PDF dokumen"), render_kw={"accept": "image/*,application/pdf"},
                     description=_l("Foto dari kamera HP atau PDF, maksimal 10 MB."))
    submit = SubmitField(_l("Unggah dokumen"))


REVIEW_FIELDS = {
    "business_name": _l("Nama usaha"),
    "owner_name": _l("Nama pemilik"),
    "nib": _l("NIB"),
    "npwp": _l("NPWP"),
    "address": _l("Alamat dan kecamatan"),
    "whatsapp": _l("Nomor WhatsApp"),
    "bank": _l("Rekening bank"),
    "documents": _l("Dokumen"),
}


class SellerDecisionForm(BaseForm):
    """The verifier's decision on what the page showed (`reviewed`); no choice is made for them.
    Revision requests name what to fix, field by field."""

    reviewed = ReviewedField()
    action = ChoiceField(_l("Keputusan"), validators=[DataRequired()])
    reason = TextAreaField(_l("Alasan atau catatan untuk penjual"), validators=[Length(max=2000)])
    submit = SubmitField(_l("Simpan keputusan"))

    def field_reasons(self, formdata) -> dict[str, str]:
        """Per-field reasons posted as `field_<key>` (bounded and cleaned like every other input)."""
        from storefront.web.forms import clean_text

        reasons = {}
        for key in REVIEW_FIELDS:
            text = clean_text(formdata.get(f"field_{key}", ""))[:500]
            if text:
                reasons[key] = text
        return reasons
