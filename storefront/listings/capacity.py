"""Holding a seller's stock and daily capacity for accepted requests, so nothing is oversold.

Every change is one conditional UPDATE ("... SET reserved = reserved + n WHERE reserved + n <=
capacity"): the database applies it atomically, so two sellers' clicks, two workers or two
servers accepting at the same moment cannot promise the same units twice. `with_for_update`
would not do on SQLite (it compiles to nothing there); this holds on both databases.
"""
from __future__ import annotations

from datetime import date

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from storefront.extensions import db
from storefront.listings.models import CapacityHold, Product


def _ensure_day(product_id: int, day: date) -> None:
    """The day's row, created once even when two transactions ask at the same time."""
    insert = pg_insert if db.session.get_bind().dialect.name == "postgresql" else sqlite_insert
    db.session.execute(insert(CapacityHold).values(product_id=product_id, day=day, reserved=0)
                       .on_conflict_do_nothing(index_elements=["product_id", "day"]))


def take(product_id: int, quantity: int, *, day: date, capacity_per_day: int | None, stock: bool) -> bool:
    """Hold `quantity` units of the product for delivery on `day`: from its stock when it keeps
    one, and from that day's capacity when it has one. False (and nothing held) when either
    would go short."""
    if stock:
        taken = db.session.execute(
            sa.update(Product).where(Product.id == product_id, Product.stock >= quantity)
            .values(stock=Product.stock - quantity).execution_options(synchronize_session=False))
        if taken.rowcount != 1:
            return False
    if capacity_per_day is not None:
        _ensure_day(product_id, day)
        taken = db.session.execute(
            sa.update(CapacityHold)
            .where(CapacityHold.product_id == product_id, CapacityHold.day == day,
                   CapacityHold.reserved + quantity <= capacity_per_day)
            .values(reserved=CapacityHold.reserved + quantity).execution_options(synchronize_session=False))
        if taken.rowcount != 1:
            if stock:  # give back what this call took
                give_back(product_id, quantity, day=day, capacity=False, stock=True)
            return False
    return True


def give_back(product_id: int, quantity: int, *, day: date, capacity: bool, stock: bool) -> None:
    """Release what `take` held (a request terminated before shipping): from the stock and from
    the day's capacity, as the acceptance recorded it."""
    if stock:
        db.session.execute(sa.update(Product).where(Product.id == product_id)
                           .values(stock=Product.stock + quantity).execution_options(synchronize_session=False))
    if capacity:
        db.session.execute(
            sa.update(CapacityHold).where(CapacityHold.product_id == product_id, CapacityHold.day == day)
            .values(reserved=sa.func.max(CapacityHold.reserved - quantity, 0)
                    if db.session.get_bind().dialect.name == "sqlite"
                    else sa.func.greatest(CapacityHold.reserved - quantity, 0))
            .execution_options(synchronize_session=False))


def available(product_id: int, day: date, capacity_per_day: int) -> int:
    held = db.session.scalar(sa.select(CapacityHold.reserved).where(
        CapacityHold.product_id == product_id, CapacityHold.day == day)) or 0
    return max(capacity_per_day - held, 0)
