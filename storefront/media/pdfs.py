"""Uploaded PDFs made inert: the one place every PDF upload (seller documents, payment proofs)
passes through before it is stored.

A PDF is a program as much as a picture: `/OpenAction` JavaScript, `/AA` triggers, launch and
URI actions, embedded files, rich media and XFA forms all run or open in a verifier's desktop
reader. A verifier needs the pages only, so the file is re-written (pikepdf, on qpdf) with the page
content and nothing that acts: no actions of any kind, no annotations (links, attachments, media,
form widgets), no document outline, no forms, no name trees of scripts or files. What cannot be
re-written (a password-protected or unreadable file) is refused with a reason for the uploader.
Streams are copied as they are, never decoded, so a compressed bomb costs nothing here.
"""
from __future__ import annotations

import io
import logging
from dataclasses import dataclass

import pikepdf
from pikepdf import Array, Dictionary, Name

from storefront.text import lazy_gettext as _l

logger = logging.getLogger(__name__)
MAX_PAGES = 200
MAX_OBJECTS = 200_000
# Keys that start something (actions, triggers, scripts) or carry files, media or forms.
ACTIVE_KEYS = ("/OpenAction", "/AA", "/AF", "/JS", "/JavaScript", "/EmbeddedFiles", "/EmbeddedFile", "/RichMedia",
               "/RichMediaContent", "/RichMediaSettings", "/XFA", "/AcroForm", "/URI", "/Launch", "/SubmitForm",
               "/ImportData", "/GoToR", "/GoToE", "/Movie", "/Sound", "/Rendition", "/Collection", "/Threads")
# Catalog entries that exist only to act, link or hold files (named destinations may stay).
CATALOG_KEYS = ("/OpenAction", "/AA", "/AcroForm", "/Outlines", "/URI", "/Collection", "/Threads", "/Perms",
                "/Legal", "/Requirements")


@dataclass
class PdfRejected(Exception):
    """The file cannot be made inert; `message` tells the uploader why (Indonesian, translated)."""

    message: object

    def __str__(self) -> str:
        return str(self.message)


ENCRYPTED = _l("PDF ini dikunci dengan kata sandi, jadi isinya tidak dapat diperiksa. Simpan ulang tanpa kata "
               "sandi (atau unggah fotonya), lalu kirim lagi.")
UNREADABLE = _l("Berkas ini bukan PDF yang utuh dan tidak dapat dibaca. Simpan ulang atau pindai lagi, lalu "
                "kirim lagi (atau unggah fotonya).")
TOO_MANY_PAGES = _l("PDF ini lebih dari %(pages)s halaman. Unggah halaman yang diperlukan saja.", pages=MAX_PAGES)
EMPTY = _l("PDF ini tidak berisi halaman.")


def make_inert(data: bytes) -> bytes:
    """The same pages without anything that acts; raises PdfRejected when that cannot be done."""
    try:
        pdf = pikepdf.open(io.BytesIO(data))
    except pikepdf.PasswordError as error:
        raise PdfRejected(ENCRYPTED) from error
    except (pikepdf.PdfError, ValueError, RecursionError) as error:
        raise PdfRejected(UNREADABLE) from error
    try:
        with pdf:
            return _rewrite(pdf)
    except PdfRejected:
        raise
    except Exception as error:  # noqa: BLE001 - whatever stops the re-write, the file is not stored as it is
        logger.warning("PDF upload refused: re-writing it failed (%s)", error)
        raise PdfRejected(UNREADABLE) from error


def _rewrite(pdf: pikepdf.Pdf) -> bytes:
    if len(pdf.objects) > MAX_OBJECTS:
        raise PdfRejected(UNREADABLE)
    pages = len(pdf.pages)
    if pages == 0:
        raise PdfRejected(EMPTY)
    if pages > MAX_PAGES:
        raise PdfRejected(TOO_MANY_PAGES)
    root = pdf.Root
    for key in CATALOG_KEYS:
        _drop(root, key)
    if "/Names" in root:  # keep named destinations; drop scripts, files and everything else
        names = root.Names
        for key in list(names.keys()):
            if key != "/Dests":
                del names[key]
    for page in pdf.pages:
        for key in ("/AA", "/Annots"):
            _drop(page.obj, key)
    for obj in pdf.objects:  # what is left anywhere (form XObjects, unreachable leftovers)
        _strip(obj)
    out = io.BytesIO()
    # Not encrypted again (the verifier must be able to read it), streams copied as they are.
    # deterministic_id: the same upload gives the same bytes, so it is stored (and counted) once.
    pdf.save(out, stream_decode_level=pikepdf.StreamDecodeLevel.none,
             object_stream_mode=pikepdf.ObjectStreamMode.preserve, fix_metadata_version=False, deterministic_id=True)
    return out.getvalue()


def _drop(dictionary, key: str) -> None:
    if key in dictionary:
        del dictionary[key]


def _strip(obj, depth: int = 0) -> None:
    """Remove active keys and action dictionaries from one object and its direct children."""
    if depth > 50:
        return
    if isinstance(obj, pikepdf.Stream):
        obj = obj.stream_dict
    if isinstance(obj, Dictionary):
        for key in ACTIVE_KEYS:
            _drop(obj, key)
        action = obj.get("/A")
        if isinstance(action, Dictionary) and "/S" in action:
            del obj["/A"]
        if obj.get("/Type") == Name.Action or obj.get("/S") in (Name.JavaScript, Name.Launch):
            for key in list(obj.keys()):
                if key != "/Type":
                    del obj[key]
        for key in list(obj.keys()):
            _strip_direct(obj[key], depth)
    elif isinstance(obj, Array):
        for child in obj:
            _strip_direct(child, depth)


def _strip_direct(child, depth: int) -> None:
    """Children that are objects of their own are walked by `_rewrite` anyway."""
    if isinstance(child, (Dictionary, Array)) and not child.is_indirect:
        _strip(child, depth + 1)
