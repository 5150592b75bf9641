"""The request's edge: the one place where a request's work is committed or rolled back (in the
spirit of indico's RH.process). Services flush and never commit; views load, authorise, validate,
and call one service inside `saving`:

    with edge.saving(form) as saved:
        product = listings.create_product(seller, actor=current_user, values=form.values())
    if saved:
        flash(_("Produk disimpan."), "success")
        return redirect(url_for("listings.product_photos", product_id=product.id))
    return render_template("listings/product_form.html", form=form)

- The block ran to its end: the session commits, once. The after-commit hooks (page cache, mail
  outbox, media file deletes) fire in that commit, and the view's own after-commit work (deleting a
  stored file, flashing success) comes after the `with`, under `if saved:`.
- A DomainError: the session rolls back, nothing of the block is kept, and the refusal is shown by
  its field (`show`); `saved` is false and `saved.error` holds it. The view carries on as it would
  have before trying: it re-renders the page with its form, or redirects.
- Any other exception: the session rolls back and the exception propagates to the handlers below
  (a busy database answers 503, a duplicate post "already done", anything else the 500 page).

A `return` inside the block commits what the block did: decide before the block what may leave
without saving. CLI commands commit themselves (each command is its own transaction).
"""
from __future__ import annotations

from contextlib import contextmanager

from flask import flash, redirect, request, url_for
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.orm.exc import StaleDataError

from storefront import once
from storefront.errors import DomainError
from storefront.extensions import db
from storefront.lifecycle import TransitionNotAllowed
from storefront.web.error_pages import ALREADY_DONE, BUSY_TEXT, render_error


class Saved:
    """What became of a `saving` block: true once committed; `error` is the refusal otherwise."""

    def __init__(self) -> None:
        self.committed = False
        self.error: DomainError | None = None

    def __bool__(self) -> bool:
        return self.committed


@contextmanager
def saving(form=None, *, not_allowed=None, show: bool = True):
    """Commit what the block does, or roll it back and show why it was refused.

    `form`: the form the view renders again after a refusal; the refusal goes next to the field it
    names, or at the top of the form. Without a form the view redirects, so it is flashed.
    `not_allowed`: what the page calls a step its status no longer allows (TransitionNotAllowed
    says it in general words). `show=False`: the view shows `saved.error` itself.
    """
    saved = Saved()
    try:
        try:
            yield saved
        except DomainError as error:
            db.session.rollback()
            saved.error = error
            if show:
                show_refusal(error if not_allowed is None or not isinstance(error, TransitionNotAllowed)
                             else DomainError(not_allowed, field=error.field), form)
            return
        db.session.commit()
    except BaseException:
        db.session.rollback()  # a failed commit too: the view may still read (checkout does)
        raise
    saved.committed = True


def show_refusal(error: DomainError, form=None) -> None:
    """A refusal next to the form field it names (or atop the form), or flashed without a form."""
    if form is not None:
        form.apply_error(error)
    else:
        flash(str(error), "danger")


# The database refused to wait any longer for a lock: SQLite's busy timeout ran out, or
# PostgreSQL chose this transaction as a deadlock's victim or gave up waiting for a row lock.
_BUSY_PGCODES = {"40P01", "55P03"}


def database_was_busy(error: DBAPIError) -> bool:
    # psycopg (3) names the SQLSTATE `sqlstate`; `pgcode` was psycopg2's name for it.
    if getattr(error.orig, "sqlstate", None) in _BUSY_PGCODES:
        return True
    message = str(error.orig)
    return "database is locked" in message or "database table is locked" in message


def init_app(app) -> None:
    """What ends a request that raised: every handler rolls back what the request had done."""

    @app.errorhandler(DBAPIError)
    def database_error(error: DBAPIError):
        if isinstance(error, IntegrityError) and request.method == "POST" and once.is_duplicate(error):
            return already_done(error)
        if not database_was_busy(error):
            return unexpected_error(error)
        # A moment of contention, not a bug: nothing was saved, and the visitor may simply retry.
        db.session.rollback()
        app.logger.warning("Database busy on %s %s: %s", request.method, request.path, error.orig)
        body, _ = render_error(503, BUSY_TEXT)
        return body, 503, {"Retry-After": "5"}

    @app.errorhandler(StaleDataError)
    def row_gone(error: StaleDataError):
        # An ORM update or delete found its row already changed or removed by a concurrent twin.
        return already_done(error) if request.method == "POST" else unexpected_error(error)

    def already_done(error):
        # The last safety net of storefront/once.py: a create service that did not claim its
        # unique key first met a concurrent twin at commit. Nothing of this post was saved; the
        # other one was, so the visitor is told so and sent where they can see it.
        db.session.rollback()
        app.logger.info("Duplicate post on %s %s: %s", request.method, request.path, getattr(error, "orig", error))
        flash(ALREADY_DONE, "warning")
        return redirect(_where_to_look())

    @app.errorhandler(Exception)
    def unexpected_error(error: Exception):
        # Anything unplanned: undo the half-done work, log it, show the 500 page.
        db.session.rollback()
        app.logger.exception("Unhandled error on %s %s", request.method, request.path)
        return render_error(500)


def _where_to_look() -> str:
    """The page of the form (when its address also answers GET), else the page the visitor came
    from on this site, else the dashboard."""
    rule = request.url_rule
    if rule is not None and "GET" in rule.methods:
        return request.path
    referrer = request.referrer or ""
    if referrer.startswith(request.host_url):  # never another site, nor "//other.site" on this one
        return "/" + referrer[len(request.host_url):].lstrip("/\\")
    return url_for("accounts.dashboard")
