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

from tests.crawl import PRINCIPALS, case_id, get_cases
from tests.test_access_matrix import changed_tables, principal_name, snapshot


@pytest.mark.parametrize("case", get_cases(), ids=case_id)
def test_a_get_changes_nothing_and_sends_no_email(busy, sent_mail, case):
    endpoint, args = case
    url = busy.url(endpoint, args)
    before = snapshot(busy.app)
    for principal in PRINCIPALS:
        busy.clients[principal].get(url).close()
        after = snapshot(busy.app)
        assert not changed_tables(before, after), \
            f"GET {url} as {principal_name(principal)} changed {changed_tables(before, after)}"
    assert not sent_mail, f"GET {url} sent email: {[m.subject for m in sent_mail]}"


def _public_image(response) -> bool:
    return response.headers.get("Cache-Control", "").startswith("public,")


@pytest.mark.parametrize("case", get_cases(), ids=case_id)
def test_every_signed_in_answer_is_private_no_store(busy, case):
    endpoint, args = case
    url = busy.url(endpoint, args)
    problems = []
    for principal in PRINCIPALS[1:]:  # every role; the visitor's pages may be cached
        response = busy.clients[principal].get(url)
        response.close()
        if endpoint == "media.serve" and _public_image(response):
            continue
        directives = {part.strip() for part in response.headers.get("Cache-Control", "").split(",")}
        if not {"private", "no-store"} <= directives:
            problems.append(f"{principal_name(principal)}: {response.status_code} "
                            f"Cache-Control: {response.headers.get('Cache-Control')!r}")
    assert not problems, f"GET {url}:\n" + "\n".join(problems)
