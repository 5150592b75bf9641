"""Forms of the binaan registry: an entry kept by hand, a file to import, the import confirmation.

The entry form checks each field with the same rules (and messages) as a row of an imported
file (rows.check_values), so every problem shows next to its field at once; the
services check again and also decide uniqueness.
"""
from __future__ import annotations

from flask_wtf.file import FileField
from wtforms import HiddenField, SelectChoice, StringField, SubmitField
from wtforms.validators import DataRequired, Length, Optional, StopValidation

from storefront.sellers.registry.rows import check_values
from storefront.text import lazy_gettext as _l
from storefront.web.fields import ChoiceField, optional_int
from storefront.web.forms import BaseForm

IMPORT_EXTENSIONS = (".csv", ".xlsx", ".txt")


class RegistryEntryForm(BaseForm):
    business_name = StringField(_l("Nama usaha"), validators=[DataRequired(), Length(max=120)])
    owner_name = StringField(_l("Nama pemilik"), validators=[DataRequired(), Length(max=120)])
    nib = StringField(_l("NIB"), validators=[Length(max=40)], render_kw={"inputmode": "numeric"},
                      description=_l("13 angka dari dokumen NIB (OSS). Boleh dikosongkan bila belum punya."))
    kecamatan_id = ChoiceField(_l("Kecamatan"), coerce=optional_int, validators=[Optional()])
    whatsapp = StringField(_l("Nomor HP/WhatsApp"), validators=[Length(max=40)],
                           render_kw={"inputmode": "tel", "autocomplete": "off"},
                           description=_l("Untuk mengirim undangan lewat WhatsApp. Contoh: 0812-3456-7890."))
    address = StringField(_l("Alamat usaha"), validators=[Length(max=200)])
    category = StringField(_l("Kategori usaha"), validators=[Length(max=80)],
                           description=_l("Bebas, misalnya: makanan ringan, tenun, kerajinan kayu."))
    submit = SubmitField(_l("Simpan"))

    # form field -> registry column key (the kecamatan is a list of choices here)
    CHECKED = {"business_name": "business_name", "owner_name": "owner_name", "nib": "nib",
               "whatsapp": "whatsapp", "address": "address", "category": "category"}

    def set_kecamatan_choices(self, kecamatan) -> None:
        self.kecamatan_id.choices = [SelectChoice("", _l("— belum diketahui —"))] + [
            SelectChoice(k.id, f"{k.name} ({k.code})") for k in kecamatan]

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        fields = {name: getattr(self, name) for name in self.CHECKED}
        raw = {self.CHECKED[name]: field.data or "" for name, field in fields.items() if not field.errors}
        _values, problems = check_values(raw)
        for key, message in problems:
            name = next(name for name, column in self.CHECKED.items() if column == key)
            fields[name].errors = [*fields[name].errors, message]
            valid = False
        return valid

    def entry_values(self) -> dict:
        return {name: getattr(self, name).data for name in (*self.CHECKED, "kecamatan_id")}


class ImportForm(BaseForm):
    file = FileField(_l("Berkas daftar binaan (CSV atau Excel .xlsx)"),
                     description=_l("Paling besar 2 MB dan 5.000 baris. Baris pertama berisi judul kolom."),
                     render_kw={"accept": ".csv,.xlsx,text/csv"})
    submit = SubmitField(_l("Unggah dan periksa"))

    def validate_file(self, field) -> None:
        upload = field.data
        if upload is None or not getattr(upload, "filename", ""):
            raise StopValidation(_l("Pilih berkas CSV atau Excel (.xlsx) dulu."))
        if not upload.filename.lower().endswith(IMPORT_EXTENSIONS):
            raise StopValidation(_l("Hanya berkas CSV atau Excel (.xlsx) yang bisa dibaca. Di Excel, pilih Simpan "
                                    "Sebagai lalu CSV UTF-8 atau Buku Kerja Excel (.xlsx)."))


class ConfirmImportForm(BaseForm):
    token = HiddenField()
    submit = SubmitField(_l("Simpan semua ke daftar binaan"))
