"""The demo seed. Idempotent: running it again finds what exists and changes nothing."""
from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa

from storefront.accounts import services as accounts
from storefront.accounts.models import User
from storefront.accounts.roles import Role
from storefront.demo import requests, sellers
from storefront.demo.businesses import DEMO_CITY
from storefront.extensions import db
from storefront.reference import services as reference
from storefront.reference.models import Opd

# Demo only: printed by `make run`, refused in production.
DEMO_PASSWORD = "etalase-demo-2026"


@dataclass(frozen=True)
class DemoAccount:
    email: str
    name: str
    role: Role
    opd: str | None = None  # OPD name, for procurement staff


DEMO_ACCOUNTS = (
    DemoAccount("admin@etalase.example", "Admin Etalase", Role.ADMIN),
    DemoAccount("verifikator@etalase.example", "Rina Simatupang", Role.VERIFIER),
    DemoAccount("auditor@etalase.example", "Bambang Hutapea", Role.AUDITOR),
    DemoAccount("pemesan.bappeda@etalase.example", "Dedi Saragih", Role.PEMESAN,
                "Badan Perencanaan Pembangunan Daerah"),
    DemoAccount("ppk.bappeda@etalase.example", "Lestari Purba", Role.PPK, "Badan Perencanaan Pembangunan Daerah"),
    DemoAccount("bendahara.bappeda@etalase.example", "Fitri Nasution", Role.BENDAHARA,
                "Badan Perencanaan Pembangunan Daerah"),
    DemoAccount("pemesan.johor@etalase.example", "Andi Lubis", Role.PEMESAN, "Kecamatan Medan Johor"),
    DemoAccount("ppk.johor@etalase.example", "Sarah Ginting", Role.PPK, "Kecamatan Medan Johor"),
    DemoAccount("bendahara.johor@etalase.example", "Yusuf Pane", Role.BENDAHARA, "Kecamatan Medan Johor"),
    DemoAccount("penjual.bika@etalase.example", "Rahmawati Lubis", Role.SELLER),
    DemoAccount("penjual.katering@etalase.example", "Ahmad Fauzi Siregar", Role.SELLER),
    DemoAccount("penjual.ulos@etalase.example", "Roslina br. Tobing", Role.SELLER),
    DemoAccount("penjual.batik@etalase.example", "Yusniar Daulay", Role.SELLER),
)
VERIFIER_EMAIL = "verifikator@etalase.example"  # decides on the demo sellers and products
# The owners of the other demo businesses (umkmNN@), created when they register (demo/sellers.py).
SELLER_ACCOUNTS = tuple(DemoAccount(email, name, Role.SELLER) for email, name in sellers.owner_accounts())


def seed_demo(city_slug: str) -> list[DemoAccount]:
    """Reference data for the city, the demo accounts, then the demo sellers and products (Medan
    only), each only if it does not exist yet. Flushes."""
    city = reference.seed_reference(city_slug)
    existing = set(db.session.scalars(sa.select(User.email)))
    opd_ids = dict(db.session.execute(sa.select(Opd.name, Opd.id)).all())
    for account in DEMO_ACCOUNTS:
        if account.email in existing:
            continue
        # A demo OPD missing from another city's data falls back to that city's first OPD.
        opd_id = opd_ids.get(account.opd, min(opd_ids.values())) if account.opd else None
        accounts.create_user(actor=None, email=account.email, name=account.name, role=account.role,
                             opd_id=opd_id, password=DEMO_PASSWORD)
    sellers.seed_demo_sellers(city, verifier_email=VERIFIER_EMAIL, password=DEMO_PASSWORD)
    if city.slug == DEMO_CITY:
        requests.seed_demo_requests()
    return list(DEMO_ACCOUNTS + (SELLER_ACCOUNTS if city.slug == DEMO_CITY else ()))
