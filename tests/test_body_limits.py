"""Bodies are bounded before parsing (issue 10, point 10).

Every POST route (the access matrix's POST cases, which cover app.url_map), sent a 12 MB
urlencoded body by someone allowed to use it, answers our 413 page at once and changes nothing;
a body sent without a length (chunked) is cut off the same way. Uploads keep their larger limit,
and every form of the app, filled to its maximum, still fits under the small one.
"""
from __future__ import annotations

import importlib
import inspect
import io
import pkgutil

import pytest
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import SelectMultipleField, StringField, TextAreaField
from wtforms.validators import Length

import storefront
from tests.helpers.access_matrix import POST_CASES, PRINCIPALS, allowed, changed_tables, snapshot

TWELVE_MB = 12_000_000
URLENCODED = "application/x-www-form-urlencoded"


def big_form_body() -> bytes:
    """A urlencoded body of many small fields: the worst case for the parser."""
    pair = b"a=" + b"x" * 30 + b"&"
    return pair * (TWELVE_MB // len(pair))


class CountedBody(io.BytesIO):
    """A request body that counts how much of it the app read."""

    bytes_read = 0

    def read(self, size=-1):
        data = super().read(size)
        self.bytes_read += len(data)
        return data

    def readline(self, size=-1):
        data = super().readline(size)
        self.bytes_read += len(data)
        return data


def _who(case):
    if allowed(case.endpoint, None):
        return None
    return next(p for p in PRINCIPALS if allowed(case.endpoint, p))


@pytest.mark.parametrize("case", POST_CASES, ids=lambda case: case.id)
def test_a_huge_form_body_is_refused_before_parsing(app, world, case):
    principal = _who(case)
    url = world.url(case.endpoint, case.args_for(principal) if case.args_for and principal else case.args)
    body = CountedBody(big_form_body())
    before = snapshot(app)
    response = world.clients[principal].post(url, input_stream=body, content_length=len(body.getvalue()),
                                             content_type=URLENCODED)
    assert response.status_code == 413, f"POST {url}: {response.status_code}"
    assert "Berkas terlalu besar" in response.text  # our own 413 page
    # Refused before parsing: not a byte of the body was read (a count, not a clock: no timed test).
    assert body.bytes_read == 0, f"POST {url} read {body.bytes_read} bytes before refusing"
    assert not changed_tables(before, snapshot(app))


def test_a_chunked_form_body_is_cut_off_while_it_is_read(app, make, client):
    user = make.user()
    stream = io.BytesIO(b"email=" + user.email.encode() + b"&password=" + b"x" * 1_000_000)
    response = client.post("/masuk", input_stream=stream, content_type=URLENCODED,
                           headers={"Transfer-Encoding": "chunked"}, environ_overrides={"wsgi.input_terminated": True})
    assert response.status_code == 413


def test_uploads_keep_their_larger_limit(app, client):
    """A multipart body above the form limit is not refused for its size (the view decides)."""
    body = {"email": "a@uji.example", "password": "x", "file": (io.BytesIO(b"x" * 300_000), "besar.bin")}
    response = client.post("/masuk", data=body, content_type="multipart/form-data")
    assert response.status_code != 413
    assert app.config["MAX_CONTENT_LENGTH"] > 10 * app.config["MAX_FORM_BYTES"]


def _form_classes():
    for module in pkgutil.walk_packages(storefront.__path__, "storefront."):
        loaded = importlib.import_module(module.name)
        for value in vars(loaded).values():
            if inspect.isclass(value) and issubclass(value, FlaskForm) and value.__module__ == loaded.__name__:
                yield value


def _worst_case_bytes(field) -> int:
    """What one field can add to a urlencoded body that its validators would accept."""
    if isinstance(field, SelectMultipleField):  # every choice ticked
        return sum(len(field.name) + 2 + len(str(value)) * 3 for value, *_ in (field.choices or []))
    if not isinstance(field, (StringField, TextAreaField)) or isinstance(field, FileField):
        return len(field.name) + 2 + 100  # a choice, a number, a date, a box: short by nature
    longest = max([v.max for v in field.validators if isinstance(v, Length) and v.max > 0] or [1000])
    return len(field.name) + 2 + longest * 12  # 4-byte characters, percent-encoded


def test_every_form_filled_to_its_maximum_fits_under_the_limit(app):
    """Each text field at its maximum length in 4-byte characters (12 bytes once percent-encoded;
    one without a maximum counts as 1,000 characters), every choice of a multiple select ticked."""
    limit = app.config["MAX_FORM_BYTES"]
    too_big, largest = [], (0, "")
    with app.test_request_context():
        for form_class in _form_classes():
            try:
                form = form_class(formdata=None)
            except TypeError:  # forms that need arguments: the fields are on the class
                form = form_class(formdata=None, **_arguments(form_class))
            size = sum(_worst_case_bytes(field) for field in form)
            largest = max(largest, (size, form_class.__name__))
            if size > limit:
                too_big.append(f"{form_class.__module__}.{form_class.__name__}: {size} bytes")
    assert not too_big, f"forms larger than MAX_FORM_BYTES={limit}: {too_big}"
    assert largest[0] > limit // 4, f"the limit is far above any form ({largest}): lower it"


def _arguments(form_class) -> dict:
    parameters = inspect.signature(form_class.__init__).parameters
    return {name: None for name, p in parameters.items()
            if p.default is inspect.Parameter.empty and name not in ("self", "args", "kwargs", "formdata")
            and p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD)}
