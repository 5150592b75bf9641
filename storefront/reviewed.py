"""What a decision was about: the facts its page showed, carried by the form, compared on posting.

One design for every decision (curating a new product or a pending change, verifying a seller,
every step of a purchase request). Each owner of a decided object describes it as facts:
{key: Fact(label, shown, digest)}. The page renders `token(facts)` into the form's hidden
`reviewed` field (ReviewedField); the service calls `check(reviewed, facts now)` before it
changes anything, and a decision taken on other facts than the current ones is refused with
StaleDecision, whose message names each change (field: old → new). So an approval publishes what
the verifier saw, and a PPK's Surat Pesanan is for the terms the PPK read, never for what another
party changed while the page was open.

The token is signed (a forged one is refused like a missing one). A fact travels as the text a
person reads (shortened, masked for private numbers) plus a keyed digest of the whole value: a
long description or a NIK is compared exactly without being written into the page.
"""
from __future__ import annotations

import hashlib
import hmac
import json
from dataclasses import dataclass

from flask import current_app
from itsdangerous import BadSignature, URLSafeSerializer
from wtforms import HiddenField, SelectChoice
from wtforms.validators import ValidationError

from storefront.errors import DomainError
from storefront.text import lazy_gettext as _l

SALT = "etalase.reviewed-facts"
SHOWN_LENGTH = 80  # longer texts are shortened in the page and the message; the digest is whole
NOTHING = "—"


@dataclass(frozen=True)
class Fact:
    label: str
    shown: str
    digest: str


def fact(label, value, shown=None) -> Fact:
    """A fact about `value`; `shown` is what a person reads (default: the value itself)."""
    whole = json.dumps(value, sort_keys=True, default=str, ensure_ascii=False)
    digest = hmac.new(_secret(), whole.encode(), hashlib.sha256).hexdigest()[:24]
    text = str(shown if shown is not None else value)
    text = " ".join(text.split()) or NOTHING
    if len(text) > SHOWN_LENGTH:
        text = text[:SHOWN_LENGTH - 1] + "…"
    return Fact(str(label), text, digest)


def token(facts: dict[str, Fact]) -> str:
    return _serializer().dumps({key: [f.label, f.shown, f.digest] for key, f in facts.items()})


def read(value: str | None) -> dict | None:
    """The facts a posted token carries, or None when it is missing, malformed or forged."""
    if not value:
        return None
    try:
        loaded = _serializer().loads(value)
    except BadSignature:
        return None
    if not isinstance(loaded, dict) or not all(isinstance(v, list) and len(v) == 3 for v in loaded.values()):
        return None
    return {key: Fact(*map(str, item)) for key, item in loaded.items()}


def changes(reviewed: dict[str, Fact], now: dict[str, Fact]) -> list[tuple[str, str, str]]:
    """(label, as reviewed, as now) for every fact that differs, in the order of `now`."""
    found = []
    for key, current in now.items():
        seen = reviewed.get(key)
        if seen is None or seen.digest != current.digest:
            found.append((current.label, seen.shown if seen else NOTHING, current.shown))
    for key, seen in reviewed.items():
        if key not in now:
            found.append((seen.label, seen.shown, NOTHING))
    return found


class StaleDecision(DomainError):
    """The object changed after the page was rendered; `changes` says how."""

    def __init__(self, found: list[tuple[str, str, str]]):
        listed = "; ".join(f"{label}: {old} → {new}" for label, old, new in found)
        super().__init__(_l("Data ini berubah sejak halaman Anda buka, jadi keputusan Anda tidak disimpan: "
                            "%(changes)s. Periksa data terbaru di halaman ini, lalu putuskan lagi.", changes=listed))
        self.changes = found


def check(reviewed: dict[str, Fact] | None, now: dict[str, Fact]) -> None:
    """Raise StaleDecision unless the decision was rendered for the facts as they are now.

    `reviewed` None: a decision not taken on a page (the scheduled checks, the demo seed); every
    decision form requires its token, so a posted decision always comes with one."""
    if reviewed is None:
        return
    found = changes(reviewed, now)
    if found:
        raise StaleDecision(found)


class ReviewedField(HiddenField):
    """The hidden field of a decision form: rendered with `show(facts)`, read as a facts dict."""

    def show(self, facts: dict[str, Fact]) -> None:
        self.raw_data = [token(facts)]

    def process_formdata(self, valuelist):
        self.raw_data = list(valuelist)
        self.data = read(valuelist[0] if valuelist else None)

    def _value(self):
        return self.raw_data[0] if self.raw_data else ""

    def pre_validate(self, form):
        if self.data is None:
            raise ValidationError(_l("Halaman ini tidak lengkap atau sudah terlalu lama dibuka. Muat ulang "
                                     "halamannya, periksa datanya, lalu putuskan lagi."))


def decision_choices(choices: list) -> list:
    """A decision select's options: an empty first one, so nothing is decided until someone chooses
    (the select's DataRequired then answers "Wajib diisi")."""
    return [SelectChoice("", _l("— pilih keputusan —"))] + list(choices) if choices else []


def _secret() -> bytes:
    return str(current_app.secret_key).encode()


def _serializer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.secret_key, salt=SALT)
