"""Password rules and hashing. Pure functions; the messages explain what to do next."""
from __future__ import annotations

from functools import cache

from werkzeug.security import check_password_hash, generate_password_hash

from storefront.text import lazy_gettext as _l

MIN_LENGTH = 10
MAX_LENGTH = 128  # long passphrases are welcome; nothing is truncated before hashing
# scrypt (memory-hard) through Werkzeug; parameters are stored in each hash, so they can change.
# Configurable (PASSWORD_HASH_METHOD) only so that tests can use a cheaper work factor.
HASH_METHOD = "scrypt:32768:8:1"

# The most used passwords in Indonesian and global leaks: refused whatever their length.
COMMON_PASSWORDS = frozenset("""
1234567890 12345678910 0123456789 1122334455 1234512345 qwertyuiop qwerty12345 password12
password123 passw0rd123 iloveyou12 indonesia1 indonesia123 bismillah bismillah1 bismillah123
sayangku123 rahasia123 rahasia1234 admin12345 administrator medan12345 jakarta123 etalase123
abcdefghij abcd123456 1q2w3e4r5t aaaaaaaaaa 1111111111 0000000000 9876543210 asdfghjkl1
""".split())


class PasswordRejected(ValueError):
    """The password breaks a rule; str(error) is a message for the user."""


def check_strength(password: str, *, email: str = "") -> None:
    if len(password) < MIN_LENGTH:
        raise PasswordRejected(_l("Kata sandi minimal %(n)d karakter.", n=MIN_LENGTH))
    if len(password) > MAX_LENGTH:
        raise PasswordRejected(_l("Kata sandi maksimal %(n)d karakter.", n=MAX_LENGTH))
    lowered = password.lower()
    if lowered in COMMON_PASSWORDS or len(set(password)) < 4:
        raise PasswordRejected(_l("Kata sandi ini terlalu mudah ditebak. Pakai kalimat yang hanya Anda ingat."))
    local_part = email.split("@")[0].lower()
    if local_part and len(local_part) >= 4 and local_part in lowered:
        raise PasswordRejected(_l("Kata sandi tidak boleh memuat alamat email Anda."))


def hash_password(password: str, method: str = HASH_METHOD) -> str:
    return generate_password_hash(password, method=method)


def verify_password(password_hash: str, password: str) -> bool:
    return check_password_hash(password_hash, password)


@cache
def dummy_hash(method: str = HASH_METHOD) -> str:
    """Checked when the email is unknown, so a wrong email costs as long as a wrong password."""
    return hash_password("etalase-dummy-password-for-timing", method)
