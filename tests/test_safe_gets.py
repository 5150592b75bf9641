"""A GET changes nothing and every signed-in answer stays out of caches (issue 10, points 14 and 16).

Every GET route (the access matrix's cases, which cover app.url_map) is opened by the visitor and
by every role, over a world with overdue requests and unread notices: the database must be exactly
as before (every row of every table; the app keeps no last-seen or other bookkeeping column that a
page view writes, so nothing is exempt), no email leaves, and every answer to a signed-in user says
`Cache-Control: private, no-store` (a browser or proxy must not keep pages with NIK, bank details,
e-mail addresses or invitation codes). The one exception is a public image: the same bytes every
visitor gets, marked public (storefront/media/views.py).
"""
from __future__ import annotations

import pytest

from tests.helpers.access_matrix import changed_tables, principal_name, snapshot
from tests.helpers.crawl import PRINCIPALS, case_id, get_cases

# The answers of one crawl, shared by both tests: {case id: {principal: (status, Cache-Control)}}. The
# first test of a case to run opens its URL as everyone (over its own copy of the world); the other
# reads the same answers instead of asking again.
ANSWERS: dict[str, dict] = {}


def _answer(world, url: str, principal, case) -> None:
    response = world.clients[principal].get(url)
    response.close()
    ANSWERS.setdefault(case_id(case), {})[principal] = (response.status_code, response.headers.get("Cache-Control"))


@pytest.mark.parametrize("case", get_cases(), ids=case_id)
def test_a_get_changes_nothing_and_sends_no_email(busy, sent_mail, case):
    endpoint, args = case
    url = busy.url(endpoint, args)
    before = snapshot(busy.app)
    for principal in PRINCIPALS:
        _answer(busy, url, principal, case)
        after = snapshot(busy.app)
        assert not changed_tables(before, after), \
            f"GET {url} as {principal_name(principal)} changed {changed_tables(before, after)}"
    assert not sent_mail, f"GET {url} sent email: {[m.subject for m in sent_mail]}"


@pytest.mark.parametrize("case", get_cases(), ids=case_id)
def test_every_signed_in_answer_is_private_no_store(request, case):
    endpoint, args = case
    if set(ANSWERS.get(case_id(case), {})) != set(PRINCIPALS):  # not crawled yet (run alone, or first)
        busy = request.getfixturevalue("busy")
        for principal in PRINCIPALS:
            _answer(busy, busy.url(endpoint, args), principal, case)
    problems = []
    for principal in PRINCIPALS[1:]:  # every role; the visitor's pages may be cached
        status, cache_control = ANSWERS[case_id(case)][principal]
        if endpoint == "media.serve" and (cache_control or "").startswith("public,"):
            continue  # a public image: the same bytes for everyone
        directives = {part.strip() for part in (cache_control or "").split(",")}
        if not {"private", "no-store"} <= directives:
            problems.append(f"{principal_name(principal)}: {status} Cache-Control: {cache_control!r}")
    assert not problems, f"GET {endpoint} {args}:\n" + "\n".join(problems)
