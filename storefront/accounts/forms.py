"""Sign-in and password forms: shape only; the rules are in services and passwords."""
from __future__ import annotations

from wtforms import EmailField, PasswordField, SubmitField
from wtforms.validators import DataRequired, EqualTo, Length

from storefront.accounts.passwords import MAX_LENGTH
from storefront.text import lazy_gettext as _l
from storefront.web.forms import BaseForm


class LoginForm(BaseForm):
    # No format check here: a wrong address simply does not match an account.
    email = EmailField(_l("Email"), validators=[DataRequired(), Length(max=254)],
                       render_kw={"autocomplete": "username", "inputmode": "email"})
    password = PasswordField(_l("Kata sandi"), validators=[DataRequired(), Length(max=MAX_LENGTH)],
                             render_kw={"autocomplete": "current-password"})
    submit = SubmitField(_l("Masuk"))


class ChangePasswordForm(BaseForm):
    current_password = PasswordField(
        _l("Kata sandi sekarang"), validators=[DataRequired(), Length(max=MAX_LENGTH)],
        render_kw={"autocomplete": "current-password"})
    new_password = PasswordField(
        _l("Kata sandi baru"), validators=[DataRequired(), Length(max=MAX_LENGTH)],
        description=_l("Minimal 10 karakter. Kalimat pendek yang mudah Anda ingat lebih aman."),
        render_kw={"autocomplete": "new-password"})
    confirm_password = PasswordField(
        _l("Ulangi kata sandi baru"),
        validators=[DataRequired(), EqualTo("new_password", message=_l("Kedua kata sandi baru tidak sama."))],
        render_kw={"autocomplete": "new-password"})
    submit = SubmitField(_l("Simpan kata sandi"))
