"""The app every test builds: its configuration, the password of every test account, signing in.

Plain functions (fixtures live in tests/conftest.py, which builds on these); test modules that
build an app of their own (another database file, production settings) start from `base_config`.
"""
from __future__ import annotations

import jinja2

TEST_PASSWORD = "kata-sandi-uji-123"


def base_config(database_url: str, tmp_path) -> dict:
    return {
        "TESTING": True,
        "SECRET_KEY": "test-secret",
        "SQLALCHEMY_DATABASE_URI": database_url,
        "ETALASE_ENV": "development",
        "WTF_CSRF_ENABLED": False,  # tests/test_csrf.py turns it back on
        "RATELIMIT_STORAGE_URI": "memory://",
        "MEDIA_ROOT": str(tmp_path / "media"),
        "DOCUMENT_ROOT": str(tmp_path / "documents"),
        "REGISTRY_IMPORT_DIR": str(tmp_path / "registry-imports"),
        "PASSWORD_HASH_METHOD": "scrypt:1024:8:1",  # cheap for tests; real hashes keep their own
        "SERVER_NAME": None,
        "BASE_URL": "http://localhost",  # the test client's own host: absolute links stay as they were
    }


def sign_in(client, email: str, password: str = TEST_PASSWORD):
    """Post the login form (the response tells whether it worked: 302)."""
    return client.post("/masuk", data={"email": email, "password": password})


class _CompiledTemplates(jinja2.BytecodeCache):
    """Every test builds an app of its own, and each app's Jinja would compile every template it
    renders again (often most of a short test's time). All test apps have the same Jinja settings,
    so they share the compiled code: Jinja keys it by template name and checks the source's hash."""

    def __init__(self):
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket) -> None:
        code = self._code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


_compiled_templates = _CompiledTemplates()


def share_compiled_templates(app):
    """Let `app` use (and add to) the templates the run's other test apps compiled."""
    app.jinja_env.bytecode_cache = _compiled_templates
    return app
