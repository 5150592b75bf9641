"""Upload limits: defaults, the two environment variables, and what they do to the body limit."""
from __future__ import annotations

import pytest

from storefront.config import PROJECT_ROOT, ConfigError, Defaults, from_environment


def test_defaults(app):
    assert app.config["MEDIA_MAX_BYTES"] == 10 * 1024 * 1024
    assert app.config["MEDIA_MAX_PIXELS"] == 40_000_000
    assert tuple(app.config["MEDIA_WIDTHS"]) == (320, 800, 1600)
    # A photo at the limit, plus the multipart overhead, fits in a request.
    assert app.config["MAX_CONTENT_LENGTH"] > app.config["MEDIA_MAX_BYTES"] + 64 * 1024


def test_unset_variables_leave_the_defaults_alone():
    settings = from_environment({}, "/tmp")
    assert not {"MEDIA_MAX_BYTES", "MEDIA_MAX_PIXELS", "MAX_CONTENT_LENGTH"} & set(settings)


def test_variables_set_the_limits_and_the_body_limit_follows():
    settings = from_environment({"ETALASE_MEDIA_MAX_MB": "20", "ETALASE_MEDIA_MAX_MEGAPIXELS": "24,5"}, "/tmp")
    assert settings["MEDIA_MAX_BYTES"] == 20 * 1024 * 1024
    assert settings["MEDIA_MAX_PIXELS"] == 24_500_000
    assert settings["MAX_CONTENT_LENGTH"] == 22 * 1024 * 1024
    smaller = from_environment({"ETALASE_MEDIA_MAX_MB": "5"}, "/tmp")
    assert smaller["MEDIA_MAX_BYTES"] == 5 * 1024 * 1024
    assert smaller["MAX_CONTENT_LENGTH"] == Defaults.MAX_CONTENT_LENGTH  # never lowered by this


@pytest.mark.parametrize("value", ["0", "-3", "sepuluh", "nan", "inf"])
def test_bad_values_fail_fast(value):
    with pytest.raises(ConfigError, match="ETALASE_MEDIA_MAX_MB"):
        from_environment({"ETALASE_MEDIA_MAX_MB": value}, "/tmp")


def test_readme_documents_the_variables():
    readme = (PROJECT_ROOT / "README.md").read_text()
    assert "`ETALASE_MEDIA_MAX_MB`" in readme and "`ETALASE_MEDIA_MAX_MEGAPIXELS`" in readme
