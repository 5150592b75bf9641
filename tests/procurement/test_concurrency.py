"""Nothing oversold: 20 sellers' clicks at once (threads, each with its own connection) accept
requests against the last units of a day's capacity and of a stock, 100 rounds, on the suite's
database (PostgreSQL in its pass) and on a SQLite file."""
from __future__ import annotations

import random
import threading
from datetime import date, time, timedelta

import pytest
import sqlalchemy as sa

from storefront.accounts.models import User
from storefront.extensions import db
from storefront.listings.models import CapacityHold, Product
from storefront.procurement import services
from storefront.procurement.errors import ProcurementError
from storefront.procurement.models import PurchaseRequest, RequestEvent, RequestItem
from storefront.procurement.workflow import Party, RequestAction, RequestStatus
from tests import dbconfig
from tests.app_setup import base_config

THREADS, ROUNDS, CAPACITY, STOCK = 20, 100, 10, 25


@pytest.fixture
def app_config(app_config, tmp_path):
    """PostgreSQL in its pass; in the SQLite pass a SQLite file (an in-memory database has one
    connection, so no race could happen in it)."""
    if dbconfig.engine_name() == "sqlite":
        app_config = base_config(f"sqlite:///{tmp_path / 'concurrency.sqlite'}", tmp_path)
    # Every thread holds a connection from its first read to its commit (as each gunicorn worker does).
    return app_config | {"SQLALCHEMY_ENGINE_OPTIONS": {"pool_size": THREADS + 2, "max_overflow": 0,
                                                       "pool_pre_ping": True}}


def approved_requests(app, shop, product_id: int, day: date, quantities: list[int]) -> list[int]:
    """Requests already approved by the PPK (written directly: the race is what is tested)."""
    with app.app_context():
        ids = []
        for n, quantity in enumerate(quantities):
            request = PurchaseRequest(
                number=f"UJI/{day.isoformat()}/{n}", status=RequestStatus.APPROVED, opd_id=shop.opd.id,
                seller_id=shop.seller.id,
                submitted_by_id=shop.pemesan.id, ppk_id=shop.ppk.id, idempotency_key=f"{day}-{n}",
                kode_rekening="5.1", rup_code="123456", fiscal_year=2026, delivery_address="Jl. Uji",
                delivery_kecamatan_id=shop.kecamatan_id, recipient_name="Uji", recipient_phone="081234567890",
                needed_on=day, window_start=time(8), window_end=time(9), total=quantity * 1000, sp_number="SP/UJI")
            request.items = [RequestItem(product_id=product_id, quantity=quantity, name="Uji", unit_name="kotak",
                                         unit_price=1000, price_includes_ppn=False, seller_is_pkp=False,
                                         halal_status="in_process")]
            db.session.add(request)
            db.session.flush()
            ids.append(request.id)
        db.session.commit()
    return ids


def accept_all_at_once(app, shop, ids: list[int]) -> dict[int, str]:
    outcome, start = {}, threading.Barrier(len(ids), timeout=30)

    def accept(request_id: int) -> None:
        with app.test_request_context():
            request = db.session.get(PurchaseRequest, request_id)
            seller = db.session.get(User, shop.seller_owner.id)
            start.wait()
            try:
                services.act(request, RequestAction.ACCEPT, actor=seller, party=Party.SELLER)
                db.session.commit()
                outcome[request_id] = "accepted"
            except ProcurementError:
                db.session.rollback()
                outcome[request_id] = "refused"
            except Exception as error:  # reported by the assertion below
                db.session.rollback()
                outcome[request_id] = f"error: {error!r}"
            finally:
                db.session.remove()

    threads = [threading.Thread(target=accept, args=(request_id,)) for request_id in ids]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    return outcome


def test_the_last_units_are_never_promised_twice(app, shop):
    capacity_product, stock_product = shop.products  # 30 per day; a stock of 10
    with app.app_context():
        db.session.get(Product, capacity_product.id).capacity_per_day = CAPACITY
        db.session.get(Product, stock_product.id).stock = STOCK
        db.session.commit()
    rng, first_day = random.Random(7), date.today() + timedelta(days=30)
    accepted_stock = 0
    for round_number in range(ROUNDS):
        day = first_day + timedelta(days=round_number)
        product = capacity_product if round_number % 2 == 0 else stock_product
        quantities = [rng.randint(1, 3) for _ in range(THREADS)]
        ids = approved_requests(app, shop, product.id, day, quantities)
        outcome = accept_all_at_once(app, shop, ids)
        assert len(outcome) == THREADS, f"round {round_number}: a thread did not finish"
        errors = [value for value in outcome.values() if value.startswith("error")]
        assert not errors, f"round {round_number}: {errors[:3]}"
        taken = sum(q for request_id, q in zip(ids, quantities, strict=True) if outcome[request_id] == "accepted")
        with app.app_context():
            statuses = dict(db.session.execute(sa.select(PurchaseRequest.id, PurchaseRequest.status)
                                               .where(PurchaseRequest.id.in_(ids))).all())
            if product is capacity_product:
                held = db.session.scalar(sa.select(CapacityHold.reserved).where(
                    CapacityHold.product_id == product.id, CapacityHold.day == day))
                assert held == taken <= CAPACITY, f"round {round_number}: held {held}, accepted {taken}"
                assert taken > CAPACITY - 3  # the refused ones asked for more than was left
            else:
                accepted_stock += taken
                stock = db.session.get(Product, product.id).stock
                assert stock == STOCK - accepted_stock >= 0, f"round {round_number}: stock {stock}"
        assert all((statuses[i] is RequestStatus.ACCEPTED) == (outcome[i] == "accepted") for i in ids)


def test_the_same_step_twice_at_once_is_taken_once(app, shop):
    """A seller's double click, or two tabs: two accepts of one request at the same moment hold its
    units once and log one acceptance; the other is refused, never a server error."""
    product = shop.products[0]
    first_day = date.today() + timedelta(days=200)
    for round_number in range(20):
        day = first_day + timedelta(days=round_number)
        (request_id,) = approved_requests(app, shop, product.id, day, [2])
        results, start = [], threading.Barrier(2, timeout=30)

        def accept(request_id=request_id, start=start, results=results):  # bound to this round
            with app.test_request_context():
                request = db.session.get(PurchaseRequest, request_id)
                seller = db.session.get(User, shop.seller_owner.id)
                start.wait()
                try:
                    services.act(request, RequestAction.ACCEPT, actor=seller, party=Party.SELLER)
                    db.session.commit()
                    results.append("accepted")
                except ProcurementError:
                    db.session.rollback()
                    results.append("refused")
                except Exception as error:  # reported below
                    db.session.rollback()
                    results.append(repr(error))
                finally:
                    db.session.remove()

        threads = [threading.Thread(target=accept) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(60)
        with app.app_context():
            reserved = db.session.scalar(sa.select(CapacityHold.reserved).where(
                CapacityHold.product_id == product.id, CapacityHold.day == day))
            accepts = db.session.scalar(sa.select(sa.func.count()).select_from(RequestEvent).where(
                RequestEvent.request_id == request_id, RequestEvent.action == "accept"))
        assert sorted(results) == ["accepted", "refused"], (round_number, results)
        assert (reserved, accepts) == (2, 1), round_number
