"""Domain errors and the HTTP error pages (in the visitor's language, never a stack trace)."""
from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.orm.exc import StaleDataError
from werkzeug.exceptions import HTTPException

from storefront.extensions import db
from storefront.text import lazy_gettext as _l


class DomainError(Exception):
    """A rule refused an action. `str(error)` is for the user; `field` names the form field."""

    def __init__(self, message, *, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field

    def __str__(self) -> str:
        return str(self.message)


ERROR_TEXT = {
    400: (_l("Permintaan tidak dapat diproses"),
          _l("Ada yang tidak beres dengan permintaan ini. Muat ulang halaman, lalu coba lagi.")),
    403: (_l("Akses ditolak"), _l("Akun Anda tidak berhak membuka halaman ini.")),
    404: (_l("Halaman tidak ditemukan"),
          _l("Alamat ini tidak ada atau sudah dipindahkan. Periksa alamatnya atau kembali ke beranda.")),
    405: (_l("Cara akses tidak diizinkan"), _l("Halaman ini tidak menerima permintaan seperti itu.")),
    413: (_l("Berkas terlalu besar"),
          _l("Berkas atau isian yang dikirim melebihi batas ukuran. Perkecil lalu kirim lagi.")),
    429: (_l("Terlalu banyak percobaan"),
          _l("Anda sudah mencoba terlalu sering. Tunggu beberapa menit, lalu coba lagi.")),
    500: (_l("Terjadi kesalahan pada server"),
          _l("Maaf, ada kesalahan di pihak kami. Kesalahan ini sudah dicatat; silakan coba lagi nanti.")),
}
BUSY_TEXT = (_l("Sistem sedang sibuk"),
             _l("Banyak perubahan masuk bersamaan, jadi perubahan Anda belum disimpan dan tidak ada yang "
                "berubah. Tunggu sebentar, lalu kirim lagi."))
ALREADY_DONE = _l("Kiriman yang sama baru saja tersimpan (mungkin tombolnya tertekan dua kali), jadi yang ini "
                  "tidak disimpan lagi. Periksa hasilnya di halaman ini.")
CSRF_TEXT = (_l("Sesi formulir kedaluwarsa"),
             _l("Formulir ini tidak membawa token keamanan yang sah. Muat ulang halaman, lalu kirim lagi."))


# The database refused to wait any longer for a lock: SQLite's busy timeout ran out, or
# PostgreSQL chose this transaction as a deadlock's victim or gave up waiting for a row lock.
_BUSY_PGCODES = {"40P01", "55P03"}


def database_was_busy(error: DBAPIError) -> bool:
    if getattr(error.orig, "pgcode", None) in _BUSY_PGCODES:
        return True
    message = str(error.orig)
    return "database is locked" in message or "database table is locked" in message


def render_error(code: int, text=None):
    title, message = text or ERROR_TEXT.get(code, ERROR_TEXT[500])
    return render_template("errors/error.html", code=code, title=title, message=message), code


def init_app(app) -> None:
    @app.errorhandler(CSRFError)
    def csrf_error(_error):
        return render_error(400, CSRF_TEXT)

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        code = error.code or 500
        body, _ = render_error(code)
        # Keep what the exception says about itself (Allow on 405); the page is our own HTML.
        headers = [(k, v) for k, v in error.get_headers() if k.lower() != "content-type"]
        return body, code, headers

    @app.errorhandler(DBAPIError)
    def database_error(error: DBAPIError):
        if isinstance(error, IntegrityError) and request.method == "POST":
            from storefront.once import is_duplicate  # (once.py builds on this module)

            if is_duplicate(error):
                return already_done(error)
        if not database_was_busy(error):
            return unexpected_error(error)
        # A moment of contention, not a bug: nothing was saved, and the visitor may simply retry.
        db.session.rollback()
        app.logger.warning("Database busy on %s %s: %s", request.method, request.path, error.orig)
        body, _ = render_error(503, BUSY_TEXT)
        return body, 503, {"Retry-After": "5"}

    @app.errorhandler(StaleDataError)
    def row_gone(error: StaleDataError):
        # An ORM update or delete found its row already changed or removed by a concurrent twin.
        return already_done(error) if request.method == "POST" else unexpected_error(error)

    def already_done(error):
        # The last safety net of storefront/once.py: a create service that did not claim its
        # unique key first met a concurrent twin at commit. Nothing of this post was saved; the
        # other one was, so the visitor is told so and sent where they can see it.
        db.session.rollback()
        app.logger.info("Duplicate post on %s %s: %s", request.method, request.path, getattr(error, "orig", error))
        flash(ALREADY_DONE, "warning")
        return redirect(_where_to_look())

    @app.errorhandler(Exception)
    def unexpected_error(error: Exception):
        # Anything unplanned: undo the half-done work, log it, show the 500 page.
        db.session.rollback()
        app.logger.exception("Unhandled error on %s %s", request.method, request.path)
        return render_error(500)


def _where_to_look() -> str:
    """The page of the form (when its address also answers GET), else the page the visitor came
    from on this site, else the dashboard."""
    rule = request.url_rule
    if rule is not None and "GET" in rule.methods:
        return request.path
    referrer = request.referrer or ""
    if referrer.startswith(request.host_url):  # never another site, nor "//other.site" on this one
        return "/" + referrer[len(request.host_url):].lstrip("/\\")
    return url_for("accounts.dashboard")
