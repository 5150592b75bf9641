"""Command-line tasks. Thin like views: call a service, commit once."""
from __future__ import annotations

import click
from flask import current_app
from flask.cli import with_appcontext

from storefront.accounts import services as accounts
from storefront.accounts.roles import Role
from storefront.demo import seed
from storefront.errors import DomainError
from storefront.extensions import db
from storefront.media.cli import media
from storefront.reference import services as reference


@click.command("create-admin")
@click.option("--email", prompt="Email")
@click.option("--name", prompt="Nama")
@click.password_option("--password", prompt="Kata sandi")
@with_appcontext
def create_admin(email: str, name: str, password: str) -> None:
    """Create an administrator account (interactively, or from the options)."""
    try:
        accounts.create_user(actor=None, email=email, name=name, role=Role.ADMIN, opd_id=None,
                             password=password)
    except DomainError as error:
        db.session.rollback()
        raise click.ClickException(str(error)) from error
    db.session.commit()
    click.echo(f"Admin {accounts.normalize_email(email)} dibuat.")


@click.command("seed-reference")
@click.option("--city", default=None, help="Data kota (default: ETALASE_CITY).")
@with_appcontext
def seed_reference(city: str | None) -> None:
    """Load the city's kecamatan, OPDs, categories and units (existing rows are kept)."""
    city = city or current_app.config["ETALASE_CITY"]
    try:
        reference.seed_reference(city)
    except DomainError as error:
        raise click.ClickException(f"{error} ({', '.join(reference.available_cities())})") from error
    db.session.commit()
    click.echo(f"Data referensi {city} siap.")


@click.command("seed-demo")
@with_appcontext
def seed_demo() -> None:
    """Create the demo accounts (idempotent). Refused in production."""
    if current_app.config["ETALASE_ENV"] == "production":
        raise click.ClickException("seed-demo tidak boleh dijalankan di produksi.")
    demo_accounts = seed.seed_demo(current_app.config["ETALASE_CITY"])
    db.session.commit()
    click.echo(f"Akun demo (kata sandi untuk semua: {seed.DEMO_PASSWORD})")
    for account in demo_accounts:
        opd = f" — {account.opd}" if account.opd else ""
        click.echo(f"  {account.role.value:<10} {account.email}{opd}")


def init_app(app) -> None:
    from storefront.catalog.cli import catalog
    from storefront.demo.bench_seed import seed_bench_command
    from storefront.listings.cli import sellers
    from storefront.procurement.cli import procurement

    for command in (create_admin, seed_reference, seed_demo, seed_bench_command, media, sellers, catalog, procurement):
        app.cli.add_command(command)
