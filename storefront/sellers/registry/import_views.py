"""Importing the Dinas's registry from a spreadsheet (routes of the blueprint in views.py).

Import in three steps, nothing saved before the last:
1. POST /impor: the file is read at once; a file that cannot be read at all (empty, binary, no
   column headers) is refused next to the upload box. Otherwise its bytes are stored server-side
   under a random token (a Storage, by default under the instance folder) and the session keeps
   the token, the file name and the user: the client never carries the rows.
2. GET /impor/pratinjau parses the stored bytes again and shows every row with its problems.
3. POST /impor/simpan parses the stored bytes once more against the database as it is now and
   saves all rows or none. The form carries the token of the preview it was rendered with, so a
   second upload in another tab cannot be saved by confirming the first one's preview.
Stored files are removed after saving or cancelling, and any older than a day at the next upload.
"""
from __future__ import annotations

import hmac
import os
import secrets
from datetime import timedelta

from flask import Response, abort, current_app, flash, redirect, render_template, session, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user

from storefront.media.storage import InvalidKey, LocalStorage
from storefront.reference import services as reference
from storefront.reference.models import City
from storefront.sellers.identifiers.contact import format_phone
from storefront.sellers.registry import files
from storefront.sellers.registry import preview as importer
from storefront.sellers.registry import services as registry
from storefront.sellers.registry.forms import ConfirmImportForm, ImportForm
from storefront.sellers.registry.rows import COLUMNS
from storefront.sellers.registry.views import KEEPER, bp, city_or_redirect
from storefront.sellers.workflow import SellerStatus
from storefront.timeutil import utcnow
from storefront.web import edge
from storefront.web.decorators import role_required
from storefront.web.forms import clean_text

SESSION_KEY = "registry_import"
IMPORT_MAX_AGE = timedelta(days=1)
PREVIEW_GOOD_ROWS = 200  # rows without problems shown in the preview (all problem rows are shown)


def import_storage() -> LocalStorage:
    """Where uploaded files wait between preview and confirmation: beside the private documents,
    which several app servers share already (REGISTRY_IMPORT_DIR overrides it in tests)."""
    root = current_app.config.get("REGISTRY_IMPORT_DIR") or os.path.join(current_app.config["DOCUMENT_ROOT"],
                                                                          "registry-imports")
    return LocalStorage(root)


def _pending() -> dict | None:
    """The upload waiting in this session, if it is this user's and well-formed."""
    pending = session.get(SESSION_KEY)
    if not isinstance(pending, dict):
        return None
    token, key = pending.get("token"), pending.get("key")
    if (pending.get("user") != current_user.id or not isinstance(token, str) or not isinstance(key, str)
            or not key.startswith(token + ".")):
        return None
    return pending


def _pending_bytes(pending: dict | None) -> bytes | None:
    if pending is None:
        return None
    try:
        return import_storage().read(pending["key"])
    except (FileNotFoundError, InvalidKey, OSError):
        return None


def _discard(pending: dict | None) -> None:
    session.pop(SESSION_KEY, None)
    if pending is not None:
        try:
            import_storage().delete(pending["key"])
        except (InvalidKey, OSError):
            current_app.logger.warning("could not delete a registry upload: %s", pending.get("key"))


def _prune(storage: LocalStorage) -> None:
    """Uploads nobody confirmed or cancelled are removed after a day."""
    limit = utcnow() - IMPORT_MAX_AGE
    for key in list(storage.iter_keys()):
        try:
            if storage.modified_at(key) < limit:
                storage.delete(key)
        except (FileNotFoundError, InvalidKey, OSError):
            continue


def _parse(data: bytes, filename: str, city: City) -> importer.RegistryPreview:
    return importer.parse_registry(data, filename, kecamatan=registry.known_kecamatan(city.id),
                                   existing_nibs=registry.existing_nibs())


def _display_name(filename: str) -> str:
    name = clean_text(filename.replace("\\", "/").rsplit("/", 1)[-1])
    return name[-100:] or "berkas"


@bp.route("/impor", methods=["GET", "POST"])
@role_required(KEEPER)
def import_upload():
    city = city_or_redirect()
    if city is None:
        return redirect(url_for("registry.index"))
    form = ImportForm()
    if form.validate_on_submit():
        upload = form.file.data
        data = upload.stream.read(files.MAX_BYTES + 1)
        filename = _display_name(upload.filename)
        preview = _parse(data, filename, city)
        if preview.file_problems:
            form.file.errors = [*form.file.errors, *(str(problem) for problem in preview.file_problems)]
        else:
            storage = import_storage()
            _prune(storage)
            _discard(_pending())
            token = secrets.token_hex(16)
            key = f"{token}.{preview.file_format}"
            storage.save(key, data, "application/octet-stream")
            session[SESSION_KEY] = {"token": token, "key": key, "name": filename, "user": current_user.id}
            return redirect(url_for("registry.import_preview"))
    return render_template("registry/import.html", form=form, columns=COLUMNS,
                           pending=_pending(), max_rows=importer.MAX_ROWS)


@bp.get("/impor/templat.<fmt>")
@role_required(KEEPER)
def import_template(fmt: str):
    city = reference.current_city()
    kecamatan = registry.known_kecamatan(city.id) if city is not None else []
    example = kecamatan[0].name if kecamatan else "Medan Kota"
    if fmt == "csv":
        data, mimetype = files.template_csv(example), "text/csv; charset=utf-8"
    elif fmt == "xlsx":
        data = files.template_xlsx(example, notes=_template_notes())
        mimetype = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    else:
        abort(404)
    response = Response(data, mimetype=mimetype)
    response.headers["Content-Disposition"] = f'attachment; filename="templat-daftar-binaan.{fmt}"'
    response.headers["Cache-Control"] = "no-store"
    return response


def _template_notes() -> list[str]:
    return [
        _("Satu baris untuk setiap UMKM binaan. Baris pertama lembar Binaan adalah judul kolom: jangan diubah."),
        _("Wajib diisi: nama_usaha dan nama_pemilik. Kolom lain boleh kosong."),
        _("nib: 13 angka dari OSS. Kolom ini berformat Teks agar angkanya tidak berubah."),
        _("kecamatan: nama kecamatan (misalnya Medan Kota) atau kodenya (misalnya 12.71.01)."),
        _("telepon: nomor HP/WhatsApp yang diawali 08, untuk mengirim undangan."),
        _("Jangan memakai rumus: berkas yang berisi rumus ditolak."),
        _("Contoh di baris 2 adalah data fiktif: timpa atau hapus sebelum mengunggah."),
    ]


@bp.get("/impor/pratinjau")
@role_required(KEEPER)
def import_preview():
    pending = _pending()
    data = _pending_bytes(pending)
    city = reference.current_city()
    if data is None or city is None:
        return render_template("registry/preview.html", preview=None, form=None)
    preview = _parse(data, pending["name"], city)
    form = ConfirmImportForm(formdata=None, token=pending["token"])
    problem_rows = preview.rows_with_problems
    good_rows = preview.good_rows
    return render_template("registry/preview.html", preview=preview, form=form, problem_rows=problem_rows,
                           good_rows=good_rows[:PREVIEW_GOOD_ROWS],
                           hidden_good=max(0, len(good_rows) - PREVIEW_GOOD_ROWS),
                           columns=COLUMNS, format_phone=format_phone)


@bp.post("/impor/simpan")
@role_required(KEEPER)
def import_confirm():
    form = ConfirmImportForm()
    pending = _pending()
    token = form.token.data if isinstance(form.token.data, str) else ""
    if pending is None or not hmac.compare_digest(token.encode(), pending["token"].encode()):
        flash(_("Pratinjau ini sudah tidak berlaku: ada berkas lain yang diunggah sesudahnya, atau unggahannya "
                "sudah disimpan atau dibatalkan. Tidak ada yang disimpan."), "danger")
        return redirect(url_for("registry.import_upload"))
    data = _pending_bytes(pending)
    city = reference.current_city()
    if data is None or city is None:
        _discard(pending)
        flash(_("Berkas yang diunggah sudah tidak ada (lebih dari sehari). Unggah lagi. Tidak ada yang disimpan."),
              "danger")
        return redirect(url_for("registry.import_upload"))
    preview = _parse(data, pending["name"], city)
    with edge.saving() as saved:
        sellers = registry.import_registry(preview, actor=current_user, city_id=city.id)
    if not saved:
        return redirect(url_for("registry.import_preview"))
    _discard(pending)
    # Indonesian has one form; English gets two through the catalog.
    flash(ngettext("%(num)d UMKM binaan ditambahkan ke daftar, masing-masing dengan kode undangannya.",
                   "%(num)d UMKM binaan ditambahkan ke daftar, masing-masing dengan kode undangannya.",
                   len(sellers)), "success")
    return redirect(url_for("registry.index", status=SellerStatus.INVITED.value))


@bp.post("/impor/batal")
@role_required(KEEPER)
def import_cancel():
    _discard(_pending())
    flash(_("Unggahan dibatalkan. Tidak ada yang disimpan."), "info")
    return redirect(url_for("registry.import_upload"))

