"""`flask procurement expire`: requests nobody answered in 3 working days expire (run it hourly
from cron or a systemd timer; pages only show a request as overdue, since a GET changes nothing). `flask procurement holiday`:
the days off that do not count as working days."""
from __future__ import annotations

import click
import sqlalchemy as sa
from flask import current_app
from flask.cli import AppGroup

from storefront.extensions import db
from storefront.procurement import services
from storefront.procurement.models import Holiday
from storefront.timeutil import iso_day

procurement = AppGroup("procurement", help="Permintaan pembelian.")


@procurement.command("expire")
def expire() -> None:
    """Expire every request whose response deadline passed; prints their numbers."""
    # The notices and emails link to the request pages: their address is ETALASE_BASE_URL.
    with current_app.test_request_context(base_url=current_app.config["BASE_URL"]):
        expired = services.expire_overdue()
        db.session.commit()
    for request in expired:
        click.echo(f"{request.number}: kedaluwarsa")
    click.echo(f"{len(expired)} permintaan kedaluwarsa.")


@procurement.command("holiday")
@click.argument("day", required=False, type=click.DateTime(formats=["%Y-%m-%d"]))
@click.argument("name", required=False)
@click.option("--remove", is_flag=True, help="Hapus hari libur DAY.")
def holiday(day, name, remove) -> None:
    """List the holidays, or add DAY NAME (YYYY-MM-DD "Hari Natal"), or remove DAY: days that do
    not count as working days for response deadlines (the year's SKB national holidays and any
    regional ones)."""
    if day is None:
        for row in db.session.scalars(sa.select(Holiday).order_by(Holiday.day)):
            click.echo(f"{iso_day(row.day)}  {row.name}")
        return
    day = day.date()  # the day as typed: a calendar day, no zone
    existing = db.session.get(Holiday, day)
    if remove:
        if existing is None:
            raise click.ClickException(f"{iso_day(day)} bukan hari libur yang tercatat.")
        db.session.delete(existing)
    else:
        if not (name or "").strip():
            raise click.ClickException("Beri nama hari liburnya, misalnya \"Hari Natal\".")
        if existing is None:
            db.session.add(Holiday(day=day, name=name.strip()[:120]))
        else:
            existing.name = name.strip()[:120]
    db.session.commit()
    click.echo(f"{iso_day(day)}: {'dihapus' if remove else 'hari libur'}.")
