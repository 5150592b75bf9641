"""URL parameters are parsed strictly: no query string makes any GET route fail (issue 10, point 11).

Property-based (Hypothesis) over every GET route (the access matrix's cases, which cover
app.url_map) as the visitor and every role: random query parameters whose names are the ones the
app reads (found in the source), the route's own arguments, the keywords of url_for (`_anchor`,
`_method`, `_scheme`, `_external`, `endpoint`) and random text, and whose values are random
Unicode (superscript and other non-ASCII digits pass str.isdigit() but not int()), huge numbers,
empty values and repeats. The answer is never a 5xx. Examples are bounded and derandomized so the
run is the same every time; ETALASE_FUZZ_EXAMPLES raises the count for a longer local hunt.
"""
from __future__ import annotations

import os
import re
from pathlib import Path
from urllib.parse import urlencode

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import storefront
from tests.helpers.access_matrix import principal_name
from tests.helpers.crawl import PRINCIPALS, case_id, get_cases

URL_FOR_KEYWORDS = ["_anchor", "_method", "_scheme", "_external", "endpoint", "values"]
TRICKY_VALUES = ["²", "¹²", "٣", "१", "𝟗", "Ⅻ", "-1", "0", "00", "+5", " 7", "1_000", "1e9", "1.5", "NaN",
                 "9" * 30, str(2**31), str(2**63), "", " ", "\x00", "%", "%00", "true", "POST", "javascript",
                 "https", "//forged.invalid", "../..", "<b>x</b>", "ẞ" * 50]
EXAMPLES = int(os.environ.get("ETALASE_FUZZ_EXAMPLES") or 8)


def parameter_names() -> list[str]:
    """Every query parameter the app reads: request.args and page_number() calls in the source,
    the catalog filter form's fields, the routes' own arguments, and url_for's keywords."""
    names = set(URL_FOR_KEYWORDS)
    for path in Path(storefront.__file__).parent.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        names |= set(re.findall(r'request\.args\.get(?:list)?\(\s*"(\w+)"', text))
        names |= set(re.findall(r'page_number\(\s*"(\w+)"', text))
    from wtforms.fields.core import UnboundField

    from storefront.catalog.filters import FilterForm
    names |= {name for name in dir(FilterForm) if isinstance(getattr(FilterForm, name), UnboundField)}
    names |= {"page", "slug", "product_id", "seller_id", "request_id", "kind_name", "item_id", "key", "code"}
    return sorted(names)


NAMES = parameter_names()
values = st.one_of(st.sampled_from(TRICKY_VALUES), st.text(max_size=12),
                   st.integers(min_value=-10**20, max_value=10**40).map(str))
names = st.one_of(st.sampled_from(NAMES), st.text(min_size=1, max_size=8))
queries = st.lists(st.tuples(names, values), max_size=6)


def with_query(url: str, pairs) -> str:
    return url + ("&" if "?" in url else "?") + urlencode(pairs)


@pytest.mark.parametrize("case", get_cases(), ids=case_id)
@settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(principal=st.sampled_from(PRINCIPALS), pairs=queries)
def test_no_query_string_makes_a_page_fail(busy, case, principal, pairs):
    url = with_query(busy.url(*case), pairs)
    response = busy.clients[principal].get(url)
    response.close()
    assert response.status_code < 500, f"GET {url} as {principal_name(principal)}: {response.status_code}"


@pytest.mark.parametrize("case", get_cases(), ids=case_id)
def test_the_reported_parameters_on_every_route(busy, case):
    """What outside testing found, on every route for everyone: url_for's keywords spread into a
    link, and superscript digits in every parameter the app reads."""
    base = busy.url(*case)
    urls = [with_query(base, [(name, "x") for name in URL_FOR_KEYWORDS] + [("page", "²")]),
            with_query(base, [(name, "²") for name in NAMES]),
            with_query(base, [(name, "9" * 40) for name in NAMES] + [("page", "1"), ("page", "²")])]
    problems = []
    for url in urls:
        for principal in PRINCIPALS:
            response = busy.clients[principal].get(url)
            response.close()
            if response.status_code >= 500:
                problems.append(f"GET {url} as {principal_name(principal)}: {response.status_code}")
    assert not problems, "\n".join(problems)


def test_the_fuzzer_knows_the_parameters_the_app_reads():
    assert {"page", "q", "kategori", "tab", "status", "peran", "kecamatan", "p", "next", "kode"} <= set(NAMES)
