"""The error pages, in the visitor's language and never a stack trace, and the texts the request
edge (storefront/web/edge.py) shows when the database refused a request's work."""
from __future__ import annotations

from flask import render_template
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from storefront.text import lazy_gettext as _l

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
