"""`flask --app wsgi sellers check-expiry`: the daily permit check (cron or a systemd timer).

The group keeps the name operators schedule (README.md), though the check now spans the sellers'
documents and the listings' products: it lives here, above both (listings/expiry.py).
"""
from __future__ import annotations

from datetime import date, datetime

import click
from flask.cli import AppGroup

from storefront.extensions import db
from storefront.listings.expiry import check_expiry
from storefront.timeutil import iso_day, local_today

sellers = AppGroup("sellers", help="Penjual: pemeriksaan izin.")


@sellers.command("check-expiry")
@click.option("--today", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
              help="Tanggal pemeriksaan (default: hari ini di zona waktu kota).")
def check_expiry_command(today: datetime | None) -> None:
    """Flag documents past their end date and suspend live products whose P-IRT has ended."""
    day: date = today.date() if today else local_today()  # a typed day is a calendar day, no zone
    report = check_expiry(day)
    db.session.commit()
    click.echo(f"{iso_day(day)}: {len(report.flagged_documents)} dokumen ditandai kedaluwarsa, "
               f"{len(report.suspended_products)} produk dibekukan.")
