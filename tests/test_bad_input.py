"""Bad input in every form: each field in turn gets empty, huge, NUL, emoji, HTML and junk values.

Never a 500. An invalid value re-renders the form (200) with the Indonesian message next to the
field and changes nothing in the database. A valid one (emoji or HTML in a name) is saved as
typed (NUL bytes stripped) and shown escaped.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from html import unescape

import pytest
import sqlalchemy as sa

from storefront.accounts import passwords
from storefront.accounts.models import User
from storefront.accounts.roles import Role
from storefront.extensions import db
from storefront.reference.models import Opd
from tests.app_setup import TEST_PASSWORD
from tests.helpers.access_matrix import REFERENCE_EDIT, REFERENCE_MODELS, REFERENCE_NEW, changed_tables, snapshot
from tests.helpers.clients import client_with, cookies_of, detached

EMPTY = ""
LONG = "x" * 10_000
NUL = "ab\x00cd"
EMOJI = "Kopi ☕ Medan 🇮🇩"
HTML = "<script>alert(1)</script>"
JUNK = "abc"
NEGATIVE = "-1"
TEXT_VALUES = {"empty": EMPTY, "long": LONG, "nul": NUL, "emoji": EMOJI, "html": HTML}
NUMBER_VALUES = {**TEXT_VALUES, "junk": JUNK, "negative": NEGATIVE}

NEW_PASSWORD = "kalimat-rahasia-baru-2026"
REQUIRED = "Wajib diisi."
BAD_CHOICE = "Pilihan tidak tersedia. Pilih salah satu dari daftar."
BAD_EMAIL = "Alamat email tidak valid. Contoh: nama@contoh.go.id"
BAD_LOGIN = "Email atau kata sandi salah, atau akun tidak aktif."
SLUG_RULE = "Huruf kecil, angka dan tanda hubung saja."


def too_long(limit: int) -> str:
    return f"Isian maksimal {limit} karakter."


def stored(value: str) -> str:
    """What the form keeps of a text value: invisible characters such as NUL are stripped."""
    return value.replace("\x00", "").strip()


# ---------------------------------------------------------------- outcomes

@dataclass(frozen=True)
class FieldError:
    message: str  # Indonesian, shown next to the field


@dataclass(frozen=True)
class FormError:
    message: str  # shown at the top of the form (sign-in does not say which field was wrong)


@dataclass(frozen=True)
class Saved:
    value: object  # what the column holds afterwards


# ---------------------------------------------------------------- field kinds

@dataclass(frozen=True)
class Text:
    limit: int
    required: bool = True

    values = TEXT_VALUES

    def outcome(self, value):
        if value == EMPTY:
            return FieldError(REQUIRED) if self.required else Saved("")
        if len(value) > self.limit:
            return FieldError(too_long(self.limit))
        return Saved(stored(value))


@dataclass(frozen=True)
class Pattern:
    """Text with a format (codes, slugs, email): saved only if what is kept fits the format."""
    limit: int
    rule: str
    fits: str  # regular expression of valid values

    values = TEXT_VALUES

    def outcome(self, value):
        if value == EMPTY:
            return FieldError(REQUIRED)
        if len(value) > self.limit:
            return FieldError(too_long(self.limit))
        if re.fullmatch(self.fits, stored(value)):
            return Saved(stored(value))  # "ab\x00cd" is kept as the valid slug "abcd"
        return FieldError(self.rule)


@dataclass(frozen=True)
class Choice:
    values = NUMBER_VALUES

    def outcome(self, value):
        return FieldError(REQUIRED if value == EMPTY else BAD_CHOICE)


@dataclass(frozen=True)
class OptionalId:
    """A select of row ids with an empty "none" choice."""
    when_empty: object  # Saved(None), or the FieldError the service gives when none is not allowed

    values = NUMBER_VALUES

    def outcome(self, value):
        return self.when_empty if value == EMPTY else FieldError(BAD_CHOICE)


@dataclass(frozen=True)
class Position:
    values = NUMBER_VALUES

    def outcome(self, value):
        if value == EMPTY:
            return Saved(0)
        if value == NEGATIVE:
            return FieldError("Angka harus antara 0 dan 999.")
        return FieldError("Isi dengan angka bulat, tanpa titik atau koma.")


@dataclass(frozen=True)
class Secret:
    """A password typed to prove who one is: too long, empty, or simply wrong."""
    wrong: object

    values = TEXT_VALUES

    def outcome(self, value):
        if value == EMPTY:
            return FieldError(REQUIRED)
        if len(value) > passwords.MAX_LENGTH:
            return FieldError(too_long(passwords.MAX_LENGTH))
        return self.wrong


@dataclass(frozen=True)
class LoginEmail:
    values = TEXT_VALUES

    def outcome(self, value):
        if value == EMPTY:
            return FieldError(REQUIRED)
        if len(value) > 254:
            return FieldError(too_long(254))
        return FormError(BAD_LOGIN)  # no such account


@dataclass(frozen=True)
class NewPassword:
    """The new password (typed twice: the confirmation gets the same value)."""
    values = TEXT_VALUES

    def outcome(self, value):
        if value == EMPTY:
            return FieldError(REQUIRED)
        if len(value) > passwords.MAX_LENGTH:
            return FieldError(too_long(passwords.MAX_LENGTH))
        if len(stored(value)) < passwords.MIN_LENGTH:
            return FieldError(f"Kata sandi minimal {passwords.MIN_LENGTH} karakter.")
        return Saved(stored(value))


@dataclass(frozen=True)
class Confirmation:
    values = TEXT_VALUES

    def outcome(self, value):
        return FieldError(REQUIRED if value == EMPTY else "Kedua kata sandi baru tidak sama.")


# ---------------------------------------------------------------- the forms

@dataclass
class Ctx:
    app: object
    admin: User
    member: User  # a pemesan: the account edited by the admin and whose password changes
    opd: Opd
    first: dict
    clients: dict


@dataclass(frozen=True)
class FormSpec:
    key: str
    url: Callable[[Ctx], str]
    client: str  # "anonymous", "admin" or "member"
    base: Callable[[Ctx], dict]
    fields: dict
    mirror: dict | None = None  # field -> another field that gets the same value
    saved_column: Callable | None = None  # (ctx, field) -> the stored value
    listing: Callable[[Ctx], str] | None = None  # the page that shows saved values


def _user_column(ctx, field, email=None):
    with ctx.app.app_context():
        query = sa.select(User)
        query = query.where(User.email == email) if email else query.where(User.id == ctx.member.id)
        user = db.session.scalar(query)
        value = getattr(user, field)
        return value.value if field == "role" else value


def _password_saved(ctx, _field):
    with ctx.app.app_context():
        return db.session.get(User, ctx.member.id).password_hash


def _reference_column(kind, edit):
    model = REFERENCE_MODELS[kind]

    def column(ctx, field):
        with ctx.app.app_context():
            if edit:
                row = db.session.get(model, ctx.first[kind])
            else:
                row = db.session.scalar(sa.select(model).order_by(model.id.desc()).limit(1))
            return getattr(row, field)
    return column


NEW_USER_EMAIL = "baru@uji.example"
USER_FIELDS = {
    "name": Text(120),
    "role": Choice(),
    "opd_id": OptionalId(FieldError("Pilih OPD untuk peran ini.")),
}
SLUG = r"[a-z0-9]+(-[a-z0-9]+)*"
REFERENCE_FIELDS = {
    "kecamatan": {"code": Pattern(8, "Format kode: 12.71.01", r"\d\d\.\d\d\.\d\d"), "name": Text(80)},
    "opd": {"name": Text(200), "short_name": Text(60, required=False), "kind": Choice()},
    "kategori": {"name_id": Text(120), "name_en": Text(120), "slug": Pattern(80, SLUG_RULE, SLUG),
                 "parent_id": OptionalId(Saved(None)), "position": Position()},
    "satuan": {"code": Pattern(20, SLUG_RULE, SLUG), "name_id": Text(60), "name_en": Text(60)},
}

FORMS = [
    FormSpec("login", lambda c: "/masuk", "anonymous",
             lambda c: {"email": c.member.email, "password": TEST_PASSWORD},
             {"email": LoginEmail(), "password": Secret(FormError(BAD_LOGIN))}),
    FormSpec("change-password", lambda c: "/akun/kata-sandi", "member",
             lambda c: {"current_password": TEST_PASSWORD, "new_password": NEW_PASSWORD,
                        "confirm_password": NEW_PASSWORD},
             {"current_password": Secret(FieldError("Kata sandi sekarang salah.")),
              "new_password": NewPassword(), "confirm_password": Confirmation()},
             mirror={"new_password": "confirm_password"}, saved_column=_password_saved),
    FormSpec("user-new", lambda c: "/admin/pengguna/baru", "admin",
             lambda c: {"email": NEW_USER_EMAIL, "name": "Nama Baru", "role": "pemesan", "opd_id": str(c.opd.id)},
             {"email": Pattern(254, BAD_EMAIL, r"[^@\s]+@[^@\s]+\.[a-z]+"), **USER_FIELDS},
             saved_column=lambda c, f: _user_column(c, f, NEW_USER_EMAIL), listing=lambda c: "/admin/pengguna"),
    FormSpec("user-edit", lambda c: f"/admin/pengguna/{c.member.id}", "admin",
             lambda c: {"name": "Nama Diubah", "role": "pemesan", "opd_id": str(c.opd.id)},
             USER_FIELDS, saved_column=_user_column, listing=lambda c: "/admin/pengguna"),
    *[FormSpec(f"{kind}-new", lambda c, kind=kind: f"/admin/referensi/{kind}/baru", "admin",
               lambda c, kind=kind: dict(REFERENCE_NEW[kind]), fields,
               saved_column=_reference_column(kind, edit=False),
               listing=lambda c, kind=kind: f"/admin/referensi/{kind}")
      for kind, fields in REFERENCE_FIELDS.items()],
    *[FormSpec(f"{kind}-edit", lambda c, kind=kind: f"/admin/referensi/{kind}/{c.first[kind]}", "admin",
               lambda c, kind=kind: dict(REFERENCE_EDIT[kind]), fields,
               saved_column=_reference_column(kind, edit=True),
               listing=lambda c, kind=kind: f"/admin/referensi/{kind}")
      for kind, fields in REFERENCE_FIELDS.items()],
]


def cases():
    for form in FORMS:
        for field, kind in form.fields.items():
            for label, value in kind.values.items():
                yield pytest.param(form, field, value, id=f"{form.key}-{field}-{label}")


def test_every_form_field_is_covered(app):
    """The field lists above match the forms (so a new field gets bad input too)."""
    from storefront.accounts.forms import ChangePasswordForm, LoginForm
    from storefront.admin.forms import UserEditForm, UserForm
    from storefront.admin.reference_views import KINDS

    def names(form_class):
        with app.test_request_context():
            form = form_class(meta={"csrf": False})
            return {name for name, field in form._fields.items()
                    if field.type not in ("SubmitField", "BooleanField", "CSRFTokenField")}

    specs = {form.key: set(form.fields) for form in FORMS}
    assert names(LoginForm) == specs["login"]
    assert names(ChangePasswordForm) == specs["change-password"]
    assert names(UserForm) == specs["user-new"]
    assert names(UserEditForm) == specs["user-edit"]
    for kind_name, kind in KINDS.items():
        assert names(kind.form) == specs[f"{kind_name}-new"] == specs[f"{kind_name}-edit"], kind_name


# ---------------------------------------------------------------- running a case

def _seed(app, make, login) -> dict:
    """The seeded city, an admin and a pemesan, both signed in: ids and cookies."""
    make.reference()
    with app.app_context():
        opd = db.session.scalar(sa.select(Opd).where(Opd.active.is_(True)).order_by(Opd.id))
        db.session.expunge(opd)
        first = {kind: db.session.scalar(sa.select(model.id).order_by(model.id))
                 for kind, model in REFERENCE_MODELS.items()}
    admin = make.user(Role.ADMIN)
    member = make.user(Role.PEMESAN, opd=opd)
    return {"admin": admin.id, "member": member.id, "opd": opd.id, "first": first,
            "cookies": {"admin": cookies_of(login(admin)), "member": cookies_of(login(member))}}


@pytest.fixture
def ctx(app, seeded) -> Ctx:
    """A copy of that world (built once per run: 500 cases would otherwise seed the city 500 times)."""
    seed = seeded("bad-input", _seed)
    clients = {"anonymous": app.test_client(),
               **{who: client_with(app, cookies) for who, cookies in seed["cookies"].items()}}
    return Ctx(app=app, admin=detached(app, User, seed["admin"]), member=detached(app, User, seed["member"]),
               opd=detached(app, Opd, seed["opd"]), first=dict(seed["first"]), clients=clients)


def field_errors(html: str) -> dict[str, str]:
    """Field name -> the error text shown next to it."""
    found = re.findall(r'<div id="([\w-]+)-galat"[^>]*data-testid="field-error">(.*?)</div>', html, re.S)
    return {name: " ".join(unescape(text).split()) for name, text in found}


def form_errors(html: str) -> str:
    match = re.search(r'data-testid="form-error">(.*?)</div>', html, re.S)
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", match[1])).split()) if match else ""


def assert_never_raw(html: str) -> None:
    assert "<script>alert" not in html, "user input reached the page unescaped"
    assert "Traceback" not in html


@pytest.mark.parametrize("form, field, value", list(cases()))
def test_bad_value_in_each_field(ctx, form, field, value):
    expected = form.fields[field].outcome(value)
    data = form.base(ctx) | {field: value}
    if form.mirror and field in form.mirror:
        data[form.mirror[field]] = value
    client = ctx.clients[form.client]
    before = snapshot(ctx.app)
    old_value = form.saved_column(ctx, field) if form.saved_column and not form.key.endswith("-new") else None

    response = client.post(form.url(ctx), data=data)

    assert response.status_code != 500
    assert_never_raw(response.text)
    if isinstance(expected, Saved):
        # A new account answers with its temporary password (200); other saves redirect.
        assert response.status_code == (200 if form.key == "user-new" else 302), \
            field_errors(response.text) or form_errors(response.text)
        assert not field_errors(response.text) and not form_errors(response.text)
        if form.key == "change-password":
            new_hash = form.saved_column(ctx, field)
            assert passwords.verify_password(new_hash, expected.value)
        else:
            assert form.saved_column(ctx, field) == expected.value
            page = client.get(form.listing(ctx))
            assert page.status_code == 200
            assert_never_raw(page.text)
            if isinstance(expected.value, str) and expected.value:
                assert escape_html(expected.value) in page.text
        return
    # Refused: the form again, the message where it belongs, nothing stored.
    assert response.status_code == 200
    errors = field_errors(response.text)
    if isinstance(expected, FieldError):
        assert field in errors, f"no error next to {field}: {errors or form_errors(response.text)}"
        assert expected.message in errors[field]
        assert set(errors) <= {field, *(form.mirror or {}).values()}, errors
    else:
        assert expected.message in form_errors(response.text)
        assert not errors
    assert not changed_tables(before, snapshot(ctx.app))
    if old_value is not None:
        assert form.saved_column(ctx, field) == old_value


def escape_html(text: str) -> str:
    """How Jinja writes text into a page."""
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&#34;").replace("'", "&#39;"))


# ---------------------------------------------------------------- search boxes (GET forms)

@pytest.mark.parametrize("value", list(NUMBER_VALUES.values()), ids=list(NUMBER_VALUES))
@pytest.mark.parametrize("param", ["q", "peran", "page"])
def test_bad_value_in_the_user_search(ctx, param, value):
    response = ctx.clients["admin"].get("/admin/pengguna", query_string={param: value})
    assert response.status_code == 200
    assert_never_raw(response.text)
    assert ctx.member.email in response.text or param == "q"  # filters that do not apply are ignored


@pytest.mark.parametrize("value", list(NUMBER_VALUES.values()), ids=list(NUMBER_VALUES))
def test_bad_page_numbers_in_reference_lists(ctx, value):
    for kind in REFERENCE_MODELS:
        response = ctx.clients["admin"].get(f"/admin/referensi/{kind}", query_string={"page": value})
        assert response.status_code == 200, kind
        assert "Nonaktif" in response.text or "Aktif" in response.text  # the first page, not an empty one
