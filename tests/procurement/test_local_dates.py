"""Every date a person reads is the city's date (issue 10, point 5). Documents issued at 00.30 WIB on
8 December (17.30 UTC on the 7th) say 8 December everywhere: the Surat Pesanan and BAST PDFs, their
verification pages, the request page, the notices and the emails (a real SMTP server). A static
check keeps every module and template formatting dates through the one owner (storefront/i18n.py
over storefront/timeutil.py), so a new page or e-mail cannot fall back to the UTC date."""
from __future__ import annotations

import email
import email.policy
import re
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
import time_machine

from storefront.config import PROJECT_ROOT
from tests.helpers.mail_server import Inbox, free_port
from tests.helpers.pdf_pages import read_pdf
from tests.procurement.conftest import submit, walk_to_bast

ISSUED = datetime(2026, 12, 7, 17, 30, tzinfo=UTC)  # 8 December 2026, 00.30 in Medan (WIB, UTC+7)
LOCAL, UTC_DAY = "8 Desember 2026", "7 Desember 2026"


@pytest.fixture
def half_past_midnight():
    with time_machine.travel(ISSUED, tick=True):
        yield


@pytest.fixture
def smtp():
    from aiosmtpd.controller import Controller

    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    inbox.port = controller.port
    yield inbox
    controller.stop()


@pytest.fixture
def app_config(app_config, smtp):
    return app_config | {"MAIL_SERVER": "127.0.0.1", "MAIL_PORT": smtp.port, "MAIL_USE_TLS": False,
                         "MAIL_DEFAULT_SENDER": "etalase@pemkomedan.go.id"}


def _bodies(inbox) -> list[str]:
    texts = []
    for _, raw in inbox.messages:
        message = email.message_from_string(raw, policy=email.policy.default)
        texts.append(f"{message['Subject']}\n{message.get_body().get_content()}")
    return texts


def test_documents_issued_just_after_midnight_carry_the_city_date_everywhere(half_past_midnight, app, login,
                                                                               shop, smtp):
    (rid,) = submit(app, shop, {shop.products[0]: 4}, needed_on=date(2026, 12, 21))
    walk_to_bast(app, shop, rid)
    ppk = login(shop.ppk)
    read = {}
    for kind, name in (("sp", "surat-pesanan"), ("bast", "bast")):
        text = read_pdf(ppk.get(f"/permintaan/{rid}/{name}.pdf").data)
        read[f"{kind} PDF"] = text
        link = re.search(rf"(/verifikasi/{kind}/\d+/[0-9a-f]{{64}})", text.replace("\n", "").replace("\r", ""))[1]
        read[f"{kind} verification page"] = app.test_client().get(link).text
    read["request page"] = ppk.get(f"/permintaan/{rid}").text
    read["seller's notices"] = login(shop.seller_owner).get("/pemberitahuan").text
    mails = _bodies(smtp)
    for where, text in read.items():
        assert LOCAL in text, f"{where} does not say {LOCAL}"
        assert UTC_DAY not in text, f"{where} says the UTC date {UTC_DAY}"
    assert mails and not [body for body in mails if UTC_DAY in body]
    assert [body for body in mails if "027/88/SP/2026" in body and LOCAL in body], "the SP e-mail states its date"
    assert [body for body in mails if "027/88/BAST/2026" in body and LOCAL in body], "the BAST e-mail states its date"
    english = login(shop.ppk)
    english.set_cookie("bahasa", "en")
    page = english.get(f"/permintaan/{rid}").text
    assert "December 8, 2026" in page and "December 7, 2026" not in page


def test_the_owner_gives_the_city_date_without_a_request_or_an_app(half_past_midnight, app):
    from storefront.i18n import date_time, long_date
    from storefront.timeutil import local_date, local_today

    stored = ISSUED.replace(tzinfo=None)  # what the database keeps: naive UTC
    assert long_date(stored) == LOCAL and date_time(stored) == f"{LOCAL} 00.30" and local_today() == date(2026, 12, 8)
    with app.app_context():  # a command-line job (an e-mail sent by `flask procurement expire`)
        assert long_date(stored) == LOCAL and local_date(stored) == date(2026, 12, 8)
        assert long_date(date(2026, 12, 7)) == UTC_DAY  # a day is a day: no zone moves it


# --- Static: who may format a date -------------------------------------------------------------------

OWNERS = {"storefront/timeutil.py", "storefront/i18n.py"}
# Calls that turn a date or moment into text (or a moment into a day), outside the owner.
PY_FORMATTING = re.compile(r"\.strftime\(|\.isoformat\(|\bformat_(date|datetime|time|skeleton)\(|\.date\(\)"
                           r"|\{[^{}\n]*:%[a-zA-Z]|\.astimezone\(|\butcfromtimestamp\(|\bfromtimestamp\(")
# Not dates a person reads, each with its reason.
ALLOWED = {
    ("storefront/sellers/registry/rows.py", "value.date().isoformat() if value.time() == time() else value.isoformat"):
        "an uploaded workbook's cell as the text typed into it (input, not display; no zone is known)",
    ("storefront/sellers/registry/rows.py", "return value.isoformat()"): "the same, for a date cell",
    ("storefront/procurement/deadlines.py", "local.date()"): "already in the city's zone (pure module, zone passed in)",
    ("storefront/procurement/deadlines.py", ".astimezone("): "the pure deadline arithmetic, zone passed in",
    ("storefront/procurement/cli.py", "day.date()"): "a day typed on the command line (input)",
    ("storefront/listings/cli.py", "today.date()"): "a day typed on the command line (input)",
    ("storefront/media/storage.py", "datetime.fromtimestamp(stamp, UTC).replace(tzinfo=None)"):
        "a file's modification time kept as naive UTC like every stored moment (not display)",
}
TEMPLATE_FORMATTING = re.compile(r"strftime|isoformat|\|\s*(dateformat|datetimeformat|timeformat|timedeltaformat)\b")
# A value named like a date printed without the owner's filter.
TEMPLATE_RAW_DATE = re.compile(r"\{\{[^}|]*\b\w*(_at|_on|_by|date|day|_start|_end)\s*\}\}")


def _python_sources():
    for path in sorted((PROJECT_ROOT / "storefront").rglob("*.py")):
        yield path.relative_to(PROJECT_ROOT).as_posix(), path.read_text(encoding="utf-8")


def test_no_module_formats_a_date_except_through_the_owner():
    found = []
    for name, source in _python_sources():
        if name in OWNERS:
            continue
        for number, line in enumerate(source.splitlines(), 1):
            if PY_FORMATTING.search(line) and not any(name == where and snippet in line
                                                      for where, snippet in ALLOWED):
                found.append(f"{name}:{number}: {line.strip()}")
    assert not found, ("format dates through storefront.i18n (long_date, date_time, time_of_day) or "
                       "storefront.timeutil (local_date, iso_day):\n" + "\n".join(found))


def test_no_template_formats_a_date_except_through_the_owner():
    found = []
    for path in sorted(Path(PROJECT_ROOT / "templates").rglob("*.html")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if TEMPLATE_FORMATTING.search(line) or TEMPLATE_RAW_DATE.search(line):
                found.append(f"{path.relative_to(PROJECT_ROOT)}:{number}: {line.strip()[:160]}")
    assert not found, "print dates with | long_date, | date_time or | time_of_day:\n" + "\n".join(found)


def test_the_static_checks_can_fail():
    assert PY_FORMATTING.search('f"{moment:%d-%m-%Y}"') and PY_FORMATTING.search("moment.date().isoformat()")
    assert PY_FORMATTING.search("format_date(value)") and PY_FORMATTING.search("x.strftime('%H')")
    assert TEMPLATE_RAW_DATE.search("{{ req.sp_issued_at }}") and TEMPLATE_RAW_DATE.search("{{ content.date }}")
    assert TEMPLATE_FORMATTING.search('{{ req.window_start.strftime("%H.%M") }}')
    assert not TEMPLATE_RAW_DATE.search("{{ req.sp_issued_at | long_date }}")
