"""Small factories for test data: committed rows with sensible defaults."""
from __future__ import annotations

import itertools

import sqlalchemy as sa

from storefront.accounts import passwords
from storefront.accounts.models import User
from storefront.accounts.roles import Role
from storefront.reference import services as reference
from storefront.reference.models import City, Opd

_sequence = itertools.count(1)


class Factory:
    def __init__(self, session, *, password: str):
        self.session = session
        self.password = password
        self._hash = passwords.hash_password(password, "scrypt:1024:8:1")

    def city(self) -> City:
        city = self.session.scalar(sa.select(City).limit(1))
        if city is None:
            city = City(slug="medan", code="12.71", name="Kota Medan", province="Sumatera Utara",
                        dinas_name="Dinas Koperasi UKM Perindag Kota Medan", dinas_short_name="Diskop")
            self.session.add(city)
            self.session.commit()
        return city

    def reference(self, city: str = "medan") -> City:
        """The full seeded reference data of a city."""
        result = reference.seed_reference(city)
        self.session.commit()
        return result

    def opd(self, name: str | None = None, **values) -> Opd:
        opd = Opd(city_id=self.city().id, name=name or f"Dinas Uji {next(_sequence)}", **values)
        self.session.add(opd)
        self.session.commit()
        return opd

    def user(self, role: Role = Role.PEMESAN, *, email: str | None = None, opd: Opd | None = None,
             **values) -> User:
        if role.needs_opd and opd is None:
            opd = self.opd()
        user = User(email=email or f"{role.value}{next(_sequence)}@uji.example", name=f"Pengguna {role.value}",
                    role=role, opd_id=opd.id if role.needs_opd else None, password_hash=self._hash, **values)
        self.session.add(user)
        self.session.commit()
        return user
