"""Keeping the Dinas's registry of UMKM binaan: import, add and edit entries, invitation links.

A registry entry is a Seller in status `invited`, with an invitation code and no owner yet; the
owner claims it at /daftar?kode=<code> (the sellers blueprint). Services take the acting user,
validate everything again (the views' forms are a convenience, not the authority), flush, and
never commit. Every refusal is a RegistryError (a DomainError) whose message is for the user.
An entry's events (imported, added, code renewed) are written by storefront/lifecycle_engine.py.
"""
from __future__ import annotations

import re
import secrets
from collections.abc import Iterable
from urllib.parse import quote, urljoin

import sqlalchemy as sa
from flask import current_app
from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy.exc import IntegrityError

from storefront import lifecycle_engine
from storefront.errors import DomainError
from storefront.extensions import db
from storefront.reference.models import City, Kecamatan
from storefront.sellers.identifiers.contact import whatsapp_link
from storefront.sellers.identifiers.core import InvalidIdentifier
from storefront.sellers.models import Seller
from storefront.sellers.registry.preview import RegistryPreview
from storefront.sellers.registry.rows import check_values
from storefront.sellers.workflow import SellerStatus
from storefront.text import lazy_gettext as _l
from storefront.web.external import external_url

# Letters and digits nobody confuses when reading a printed code aloud or typing it from paper:
# no 0/O, 1/I/L; 31 symbols, so 8 of them give about 8.5 * 10^11 codes.
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_GROUPS = 2
CODE_GROUP_LENGTH = 4
DEFAULT_PREFIX = "ETL"
_CHUNK = 500  # NIBs per IN (...) query: well inside every database's parameter limit

# The fields a verifier keeps by hand (form field names; `kecamatan_id` is a select of ids).
ENTRY_FIELDS = ("business_name", "owner_name", "nib", "kecamatan_id", "whatsapp", "address", "category")
_COLUMN_OF_FIELD = {"business_name": "business_name", "owner_name": "owner_name", "nib": "nib",
                    "whatsapp": "whatsapp", "address": "address", "category": "category"}


class RegistryError(DomainError):
    """A change to the registry was refused; nothing was changed."""


# --- invitation codes ----------------------------------------------------------------------------------

def code_prefix(city: City | None) -> str:
    """Three letters for the city: "medan" -> MDN, "malang" -> MLN (first letter, then consonants)."""
    letters = re.sub(r"[^A-Z]", "", (city.slug if city is not None else "").upper())
    if not letters:
        return DEFAULT_PREFIX
    prefix = letters[0] + "".join(ch for ch in letters[1:] if ch not in "AEIOU")
    return (prefix + letters[1:] + "XXX")[:3] if len(prefix) < 3 else prefix[:3]


def new_invitation_code(prefix: str = DEFAULT_PREFIX) -> str:
    """`MDN-7K3P-Q9XA`: random (secrets), grouped in fours for reading aloud."""
    groups = ("".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_GROUP_LENGTH))
              for _ in range(CODE_GROUPS))
    return "-".join((prefix, *groups))


def new_invitation_codes(count: int, prefix: str) -> list[str]:
    """`count` codes, different from each other and from every code in the database."""
    codes: set[str] = set()
    while len(codes) < count:
        wanted = {new_invitation_code(prefix) for _ in range(count - len(codes))} - codes
        taken = set()
        for chunk in _chunks(sorted(wanted)):
            taken |= set(db.session.scalars(sa.select(Seller.invitation_code)
                                            .where(Seller.invitation_code.in_(chunk))))
        codes |= wanted - taken
    return list(codes)


def _chunks(items: list, size: int = _CHUNK) -> Iterable[list]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


# --- import ----------------------------------------------------------------------------------------------

def existing_nibs(nibs: Iterable[str] | None = None) -> dict[str, str]:
    """NIB -> business name of the sellers that have one (only those in `nibs`, if given)."""
    query = sa.select(Seller.nib, Seller.business_name).where(Seller.nib.is_not(None))
    if nibs is None:
        return dict(db.session.execute(query).all())
    found: dict[str, str] = {}
    for chunk in _chunks(sorted(set(nibs))):
        found.update(db.session.execute(query.where(Seller.nib.in_(chunk))).all())
    return found


def known_kecamatan(city_id: int) -> list[Kecamatan]:
    return list(db.session.scalars(sa.select(Kecamatan).where(
        Kecamatan.city_id == city_id, Kecamatan.active.is_(True)).order_by(Kecamatan.code)))


def import_registry(preview: RegistryPreview, *, actor, city_id: int) -> list[Seller]:
    """Create one invited Seller per row of a preview that has no problem at all. All or nothing.

    Raises RegistryError if the preview has any problem or no rows, or if an NIB was registered
    since the preview was made (checked again here, and by the unique constraint at flush).
    """
    if preview.problems:
        raise RegistryError(_l("Daftar ini belum disimpan karena masih ada %(count)s masalah. Perbaiki "
                               "berkasnya, lalu unggah lagi.", count=str(len(preview.problems))))
    if not preview.rows:
        raise RegistryError(_l("Berkas ini tidak berisi baris data, jadi tidak ada yang disimpan."))
    nibs = [row.values["nib"] for row in preview.rows if row.values.get("nib")]
    if len(set(nibs)) != len(nibs):
        raise RegistryError(_l("Ada NIB yang muncul lebih dari sekali di berkas ini. Tidak ada yang disimpan."))
    taken = existing_nibs(nibs)
    if taken:
        rows = [str(row.number) for row in preview.rows if row.values.get("nib") in taken]
        raise RegistryError(_l("NIB di baris %(rows)s baru saja didaftarkan oleh orang lain. Tidak ada yang "
                               "disimpan; unggah berkasnya lagi untuk melihat pratinjau terbaru.",
                               rows=", ".join(rows[:10]) + ("\u2026" if len(rows) > 10 else "")))
    allowed_kecamatan = {k.id for k in known_kecamatan(city_id)}
    for row in preview.rows:
        kecamatan = row.values.get("kecamatan")
        if kecamatan is not None and kecamatan.id not in allowed_kecamatan:
            raise RegistryError(_l("Kecamatan di baris %(row)s tidak lagi aktif. Tidak ada yang disimpan.",
                                   row=str(row.number)))
    city = db.session.get(City, city_id)
    codes = new_invitation_codes(len(preview.rows), code_prefix(city))
    sellers = [_new_seller(city_id, code, _row_values(row.values))
               for row, code in zip(preview.rows, codes, strict=True)]
    db.session.add_all(sellers)
    _flush(_l("Ada NIB atau kode undangan yang baru saja dipakai oleh data lain. Tidak ada yang disimpan; "
              "coba simpan lagi."))
    source = (preview.filename or "")[:100]
    for seller, row in zip(sellers, preview.rows, strict=True):
        _invited(seller, actor, "import", f"{source}, baris {row.number}".strip(", "))
    db.session.flush()
    return sellers


def _row_values(values: dict) -> dict:
    kecamatan = values.get("kecamatan")
    return {"business_name": values["business_name"], "owner_name": values["owner_name"],
            "nib": values.get("nib") or None, "kecamatan_id": kecamatan.id if kecamatan is not None else None,
            "whatsapp": values.get("whatsapp") or "", "address": values.get("address") or "",
            "registry_category": values.get("category") or ""}


def _new_seller(city_id: int, code: str, values: dict) -> Seller:
    return Seller(city_id=city_id, status=SellerStatus.INVITED, invitation_code=code, owner_id=None, **values)


def _invited(seller: Seller, actor, action: str, reason: str = "") -> None:
    """The event of a new entry: its first status, `invited` (from none)."""
    lifecycle_engine.record(seller, action, actor, before="", after=SellerStatus.INVITED, reason=reason)


def _flush(message) -> None:
    try:
        db.session.flush()
    except IntegrityError as error:
        raise RegistryError(message) from error


# --- keeping entries by hand --------------------------------------------------------------------------

def clean_entry(*, city_id: int, seller_id: int | None = None, **fields) -> dict:
    """Validate a hand-kept entry exactly as a file row is validated; raise RegistryError (with
    the form field) at the first problem. Returns the Seller column values."""
    unknown = set(fields) - set(ENTRY_FIELDS)
    if unknown:
        raise TypeError(f"unknown registry fields: {sorted(unknown)}")
    raw = {column: _text(fields.get(name)) for name, column in _COLUMN_OF_FIELD.items()}
    values, problems = check_values(raw)
    if problems:
        column, message = problems[0]
        field = next(name for name, key in _COLUMN_OF_FIELD.items() if key == column)
        raise RegistryError(message, field=field)
    kecamatan_id = fields.get("kecamatan_id") or None
    if kecamatan_id is not None:
        lookup = {k.id for k in known_kecamatan(city_id)}
        if kecamatan_id not in lookup:
            raise RegistryError(_l("Pilih kecamatan dari daftar."), field="kecamatan_id")
    nib = values.get("nib")
    if nib:
        query = sa.select(Seller.business_name).where(Seller.nib == nib)
        if seller_id is not None:
            query = query.where(Seller.id != seller_id)
        other = db.session.scalar(query)
        if other is not None:
            raise RegistryError(_l("NIB ini sudah terdaftar atas nama %(name)s. Satu NIB hanya untuk satu usaha.",
                                   name=other), field="nib")
    return {"business_name": values["business_name"], "owner_name": values["owner_name"], "nib": nib or None,
            "kecamatan_id": kecamatan_id, "whatsapp": values.get("whatsapp") or "",
            "address": values.get("address") or "", "registry_category": values.get("category") or ""}


def _text(value) -> str:
    return "" if value is None else " ".join(str(value).split())


def add_entry(*, actor, city_id: int, **fields) -> Seller:
    """One invited Seller kept by hand; raises RegistryError (with the field) when refused."""
    values = clean_entry(city_id=city_id, **fields)
    city = db.session.get(City, city_id)
    seller = _new_seller(city_id, new_invitation_codes(1, code_prefix(city))[0], values)
    db.session.add(seller)
    _flush(_l("NIB ini baru saja didaftarkan oleh data lain. Periksa lagi daftarnya."))
    _invited(seller, actor, "add")
    db.session.flush()
    return seller


def can_edit_entry(seller: Seller) -> bool:
    """The Dinas keeps an entry's data until its owner registers; then the profile is the owner's."""
    return seller.status is SellerStatus.INVITED and seller.owner_id is None


def renew_code(seller: Seller, *, actor) -> str:
    """Replace the invitation code of an unclaimed entry (sent to the wrong number, shared, lost):
    the old code claims nothing from now on. Returns the new code; raises RegistryError."""
    # Take the row before the event row references it: two renewals at once then run one after the
    # other instead of each holding the key-share lock the other's update waits for (a deadlock on
    # PostgreSQL); reloaded, the entry is checked as it is now.
    db.session.refresh(seller, with_for_update=True)
    if not can_edit_entry(seller):
        raise RegistryError(_l("Usaha ini sudah mendaftar, jadi kode undangannya tidak berlaku lagi."))
    seller.invitation_code = new_invitation_codes(1, code_prefix(db.session.get(City, seller.city_id)))[0]
    lifecycle_engine.record(seller, "renew_code", actor, before=SellerStatus.INVITED, after=SellerStatus.INVITED)
    db.session.flush()
    return seller.invitation_code


def update_entry(seller: Seller, *, actor, **fields) -> None:
    """Change a registry entry that nobody has claimed yet. Raises RegistryError when refused."""
    if not can_edit_entry(seller):
        raise RegistryError(_l("Usaha ini sudah mendaftar, jadi datanya dikelola pemiliknya. Perubahan data "
                               "diajukan pemilik lalu diverifikasi Dinas."))
    values = clean_entry(city_id=seller.city_id, seller_id=seller.id, **fields)
    for name, value in values.items():
        setattr(seller, name, value)
    _flush(_l("NIB ini baru saja didaftarkan oleh data lain. Periksa lagi daftarnya."))


# --- invitations ------------------------------------------------------------------------------------

REGISTER_PATH = "/daftar"


def invitation_link(seller: Seller, base_url: str | None = None) -> str:
    """The absolute link that opens registration with the code filled in, on the public address
    (ETALASE_BASE_URL, or `base_url`), never on the Host of the verifier's request."""
    code = seller.invitation_code
    if base_url is None and "sellers.register" in current_app.view_functions:
        return external_url("sellers.register", kode=code)
    base = base_url or current_app.config["BASE_URL"].rstrip("/") + "/"
    return urljoin(base, f"{REGISTER_PATH}?kode={quote(code, safe='-')}")


def invitation_message(seller: Seller, base_url: str | None = None) -> str:
    """The WhatsApp text of the invitation, always in Indonesian (the UMKM's language), whatever
    language the verifier reads the site in."""
    city = db.session.get(City, seller.city_id)
    with force_locale("id"):
        return _("Halo %(owner)s, %(dinas)s mengundang %(business)s bergabung di Etalase, e-katalog produk "
                 "UMKM %(city)s. Kode undangan Anda: %(code)s. Daftar di: %(link)s",
                 owner=seller.owner_name or _("Bapak/Ibu"),
                 dinas=(city.dinas_short_name or city.dinas_name) if city else _("Dinas"),
                 business=seller.business_name, city=city.name if city else "",
                 code=seller.invitation_code, link=invitation_link(seller, base_url))


def whatsapp_invitation(seller: Seller, base_url: str | None = None) -> str:
    """A wa.me link with the invitation: to the entry's number, or (none known) to a contact the
    verifier picks in WhatsApp."""
    text = invitation_message(seller, base_url)
    if seller.whatsapp:
        try:
            return whatsapp_link(seller.whatsapp, text)
        except InvalidIdentifier:
            pass
    return "https://wa.me/?text=" + quote(text, safe="")

