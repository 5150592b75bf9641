"""Who may try a password now: limits that lock the attacker, not the office.

- account + address (hard, LOGIN_LIMIT_PER_ACCOUNT_ADDRESS): one address guessing one account is
  stopped for the window, even with the right password, until the window ends or an admin or
  verifier unlocks the account.
- account (soft, LOGIN_LIMIT_PER_ACCOUNT): from all addresses together, a short window larger than
  the hard limit, so one address alone can never trip it; an attack from many addresses makes
  everyone wait a few seconds, and the owner elsewhere still gets in.
- address (LOGIN_LIMIT_PER_IP): failures on any accounts from one address (password spraying).
  One account adds at most its hard limit to it, so an office behind one NAT address is not
  locked out by one account's failures.

Every counter is taken before the password is checked and given back when the password was
right. An unlock moves the account to fresh counters: the counters carry the id of its latest
unlock event.
"""
from __future__ import annotations

from flask import current_app

from storefront.accounts import services
from storefront.text import lazy_gettext as _l
from storefront.web import attempts

ACCOUNT_ADDRESS, ACCOUNT, ADDRESS = "account-address", "account", "address"
SLOW_DOWN_TEXT = (_l("Tunggu sebentar"),
                  _l("Akun ini baru saja menerima banyak percobaan masuk dari berbagai tempat, jadi setiap "
                     "percobaan harus menunggu sebentar. Coba lagi dalam beberapa detik."))


def counters(email: str, address: str) -> list[attempts.Counter]:
    config = current_app.config
    email = services.normalize_email(email)[:254]
    generation = str(services.latest_unlock_id(email))
    return [
        attempts.Counter(config["LOGIN_LIMIT_PER_ACCOUNT_ADDRESS"],
                         ("etalase", "login-account-address", email, generation, address), ACCOUNT_ADDRESS),
        attempts.Counter(config["LOGIN_LIMIT_PER_IP"], ("etalase", "login-address", address), ADDRESS),
        attempts.Counter(config["LOGIN_LIMIT_PER_ACCOUNT"], ("etalase", "login-account", email, generation),
                         ACCOUNT),
    ]


def begin(email: str, address: str) -> attempts.Attempt:
    """Take this sign-in's hits; check `allowed` before checking the password."""
    return attempts.take(*counters(email, address))


def succeeded(attempt: attempts.Attempt) -> None:
    """The password was right: this attempt does not count."""
    attempts.give_back(attempt)


def refusal_text(attempt: attempts.Attempt):
    """(title, message) of the 429 page: wait a little (soft), or the general limit text."""
    return SLOW_DOWN_TEXT if attempt.refused_by.name == ACCOUNT else None
