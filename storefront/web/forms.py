"""The base of every form: CSRF (Flask-WTF), Indonesian messages, and input hygiene."""
from __future__ import annotations

import unicodedata

from flask_wtf import FlaskForm
from wtforms import PasswordField, StringField, TextAreaField

from storefront.errors import DomainError
from storefront.text import lazy_gettext as _l

# WTForms ships no Indonesian catalog, so its built-in messages are mapped to ours here: one
# place, translated to English through our own catalog like every other string.
WTFORMS_MESSAGES = {
    "This field is required.": _l("Wajib diisi."),
    "Invalid input.": _l("Isian tidak valid."),
    "Invalid email address.": _l("Alamat email tidak valid. Contoh: nama@contoh.go.id"),
    "Not a valid choice.": _l("Pilihan tidak tersedia. Pilih salah satu dari daftar."),
    "Invalid Choice: could not coerce.": _l("Pilihan tidak tersedia. Pilih salah satu dari daftar."),
    "Not a valid integer value.": _l("Isi dengan angka bulat, tanpa titik atau koma."),
    "Not a valid decimal value.": _l("Isi dengan angka."),
    "Not a valid float value.": _l("Isi dengan angka."),
    "Not a valid date value.": _l("Tanggal tidak valid."),
    "Not a valid datetime value.": _l("Tanggal dan jam tidak valid."),
    "Field must be equal to %(other_name)s.": _l("Isian ini harus sama dengan isian sebelumnya."),
    "Field must be between %(min)d and %(max)d characters long.":
        _l("Panjang isian harus %(min)d sampai %(max)d karakter."),
    "Field must be at least %(min)d character long.": _l("Isian minimal %(min)d karakter."),
    "Field must be at least %(min)d characters long.": _l("Isian minimal %(min)d karakter."),
    "Field cannot be longer than %(max)d character.": _l("Isian maksimal %(max)d karakter."),
    "Field cannot be longer than %(max)d characters.": _l("Isian maksimal %(max)d karakter."),
    "Number must be at least %(min)s.": _l("Angka minimal %(min)s."),
    "Number must be at most %(max)s.": _l("Angka maksimal %(max)s."),
    "Number must be between %(min)s and %(max)s.": _l("Angka harus antara %(min)s dan %(max)s."),
}


class _Translations:
    """What WTForms asks of a translations object, answered from WTFORMS_MESSAGES."""

    def gettext(self, message: str) -> str:
        return str(WTFORMS_MESSAGES.get(message, message))

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return self.gettext(singular if n == 1 else plural)


_TRANSLATIONS = _Translations()
# The Unicode categories of control and format characters (NUL, RTL override, zero-width...).
INVISIBLE_CATEGORIES = {"Cc", "Cf"}


def clean_text(value):
    """Trim, and strip invisible characters that no one types on purpose (tabs and newlines stay)."""
    if not isinstance(value, str):
        return value
    kept = "".join(ch for ch in value
                   if ch in "\n\t" or unicodedata.category(ch) not in INVISIBLE_CATEGORIES)
    return kept.replace("\r\n", "\n").strip()


class BaseForm(FlaskForm):
    class Meta:
        def get_translations(self, form):
            return _TRANSLATIONS

        def bind_field(self, form, unbound_field, options):
            # Every text field is cleaned before validation, so no NUL byte reaches a database.
            # Passwords are only hashed, never stored, and are kept exactly as typed.
            if (issubclass(unbound_field.field_class, (StringField, TextAreaField))
                    and not issubclass(unbound_field.field_class, PasswordField)):
                options["filters"] = (clean_text, *unbound_field.kwargs.get("filters", ()))
            return unbound_field.bind(form=form, **options)

    def apply_error(self, error: DomainError) -> None:
        """Show a service's refusal next to the field it concerns (or at the top of the form)."""
        field = getattr(self, error.field, None) if error.field else None
        if field is not None:
            field.errors = [*field.errors, str(error)]
        else:
            self.form_errors.append(str(error))


class ActionForm(BaseForm):
    """A button that changes state: only the CSRF token."""
