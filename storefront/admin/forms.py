"""Admin forms: shape only. Uniqueness and role rules are checked by the services."""
from __future__ import annotations

from wtforms import BooleanField, EmailField, IntegerField, SelectChoice, StringField, SubmitField
from wtforms.validators import DataRequired, Email, Length, NumberRange, Optional, Regexp

from storefront.accounts.roles import Role
from storefront.reference.models import OPD_KIND_LABELS, OPD_KINDS
from storefront.text import lazy_gettext as _l
from storefront.web.fields import ChoiceField, optional_int
from storefront.web.forms import BaseForm


class UserForm(BaseForm):
    email = EmailField(_l("Email"), validators=[DataRequired(), Length(max=254), Email()])
    name = StringField(_l("Nama lengkap"), validators=[DataRequired(), Length(max=120)])
    # No role is chosen for the admin: a new account's rights are a decision, never a default.
    role = ChoiceField(_l("Peran"), choices=[SelectChoice("", _l("— pilih peran —"))] + [
        SelectChoice(r.value, r.label) for r in Role], validators=[DataRequired()])
    opd_id = ChoiceField(_l("OPD"), coerce=optional_int, validators=[Optional()],
                         description=_l("Wajib untuk Pemesan, PPK dan Bendahara; kosongkan untuk peran lain."))
    submit = SubmitField(_l("Simpan"))

    def set_opd_choices(self, opds) -> None:
        self.opd_id.choices = [SelectChoice("", _l("— tanpa OPD —"))] + [SelectChoice(o.id, o.label) for o in opds]


class UserEditForm(UserForm):
    email = None  # the sign-in name does not change; make a new account instead


class KecamatanForm(BaseForm):
    code = StringField(_l("Kode Kemendagri"), validators=[
        DataRequired(), Length(max=8),
        Regexp(r"^\d{2}\.\d{2}\.\d{2}$", message=_l("Format kode: 12.71.01 (provinsi.kota.kecamatan)."))])
    name = StringField(_l("Nama kecamatan"), validators=[DataRequired(), Length(max=80)])
    active = BooleanField(_l("Aktif"), default=True)
    submit = SubmitField(_l("Simpan"))


class OpdForm(BaseForm):
    name = StringField(_l("Nama OPD"), validators=[DataRequired(), Length(max=200)])
    short_name = StringField(_l("Singkatan"), validators=[Length(max=60)])
    kind = ChoiceField(_l("Jenis"), choices=[SelectChoice(k, OPD_KIND_LABELS[k]) for k in OPD_KINDS],
                       validators=[DataRequired()])
    active = BooleanField(_l("Aktif"), default=True)
    submit = SubmitField(_l("Simpan"))


class CategoryForm(BaseForm):
    name_id = StringField(_l("Nama (Indonesia)"), validators=[DataRequired(), Length(max=120)])
    name_en = StringField(_l("Nama (Inggris)"), validators=[DataRequired(), Length(max=120)])
    slug = StringField(_l("Slug (untuk alamat web)"), validators=[
        DataRequired(), Length(max=80),
        Regexp(r"^[a-z0-9]+(-[a-z0-9]+)*$", message=_l("Huruf kecil, angka dan tanda hubung saja. Contoh: kue-roti"))])
    parent_id = ChoiceField(_l("Induk"), coerce=optional_int, validators=[Optional()])
    position = IntegerField(_l("Urutan"), default=0, filters=[lambda v: v or 0],
                            validators=[Optional(), NumberRange(min=0, max=999)])
    active = BooleanField(_l("Aktif"), default=True)
    submit = SubmitField(_l("Simpan"))

    def set_parent_choices(self, categories, exclude_id=None) -> None:
        self.parent_id.choices = [SelectChoice("", _l("— kategori utama —"))] + [
            SelectChoice(c.id, c.name) for c in categories if c.id != exclude_id]


class UnitForm(BaseForm):
    code = StringField(_l("Kode"), validators=[
        DataRequired(), Length(max=20),
        Regexp(r"^[a-z0-9]+(-[a-z0-9]+)*$", message=_l("Huruf kecil, angka dan tanda hubung saja. Contoh: kotak"))])
    name_id = StringField(_l("Nama (Indonesia)"), validators=[DataRequired(), Length(max=60)])
    name_en = StringField(_l("Nama (Inggris)"), validators=[DataRequired(), Length(max=60)])
    active = BooleanField(_l("Aktif"), default=True)
    submit = SubmitField(_l("Simpan"))
