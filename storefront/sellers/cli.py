"""`flask --app wsgi sellers check-expiry`: the daily permit check (cron or a systemd timer)."""
from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import click
from flask import current_app
from flask.cli import AppGroup

from storefront.extensions import db
from storefront.sellers.expiry import check_expiry

sellers = AppGroup("sellers", help="Penjual: pemeriksaan izin.")


@sellers.command("check-expiry")
@click.option("--today", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
              help="Tanggal pemeriksaan (default: hari ini di zona waktu kota).")
def check_expiry_command(today: datetime | None) -> None:
    """Flag documents past their end date and suspend live products whose P-IRT has ended."""
    day: date = today.date() if today else datetime.now(ZoneInfo(current_app.config["BABEL_DEFAULT_TIMEZONE"])).date()
    report = check_expiry(day)
    db.session.commit()
    click.echo(f"{day:%Y-%m-%d}: {len(report.flagged_documents)} dokumen ditandai kedaluwarsa, "
               f"{len(report.suspended_products)} produk dibekukan.")
