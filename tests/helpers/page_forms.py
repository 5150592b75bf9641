"""Read a rendered page's forms as a browser would submit them: every input, select and textarea
with the value the page shows (a select with nothing selected sends its first option, an
unticked checkbox sends nothing). Tests post exactly that, plus what a person would type."""
from __future__ import annotations

from html.parser import HTMLParser


class _Forms(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[dict] = []
        self._form = None
        self._select = None  # (name, first value, chosen value)
        self._option = None
        self._textarea = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self._form = {"action": a.get("action", ""), "fields": {}}
            self.forms.append(self._form)
        elif self._form is None:
            return
        elif tag == "input" and a.get("name"):
            kind = (a.get("type") or "text").lower()
            if kind in ("checkbox", "radio"):
                if "checked" in a:
                    self._form["fields"][a["name"]] = a.get("value", "on")
            elif kind not in ("submit", "button", "file", "image", "reset"):
                self._form["fields"][a["name"]] = a.get("value", "")
        elif tag == "select" and a.get("name"):
            self._select = [a["name"], None, None]
        elif tag == "option" and self._select is not None:
            value = a.get("value")
            self._option = value
            if self._select[1] is None:
                self._select[1] = value
            if "selected" in a:
                self._select[2] = value
        elif tag == "textarea" and a.get("name"):
            self._textarea = [a["name"], ""]

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "select" and self._select is not None and self._form is not None:
            name, first, chosen = self._select
            self._form["fields"][name] = chosen if chosen is not None else (first or "")
            self._select = None
        elif tag == "textarea" and self._textarea is not None and self._form is not None:
            name, text = self._textarea
            self._form["fields"][name] = text[1:] if text.startswith("\n") else text
            self._textarea = None
        elif tag == "form":
            self._form = None


def form_fields(html: str, action: str) -> dict:
    """What the form posting to `action` (path) submits as rendered; AssertionError when absent."""
    parser = _Forms()
    parser.feed(html)
    for form in parser.forms:
        if form["action"].split("?")[0] == action:
            return dict(form["fields"])
    raise AssertionError(f"no form posts to {action}")


def select_options(html: str, name: str) -> list[str]:
    """The option values of the select called `name` (the first one on the page)."""
    values, inside = [], False

    class _Options(HTMLParser):
        def handle_starttag(self, tag, attrs):
            nonlocal inside
            a = dict(attrs)
            if tag == "select":
                inside = a.get("name") == name and not values
            elif tag == "option" and inside:
                values.append(a.get("value"))

        def handle_endtag(self, tag):
            nonlocal inside
            if tag == "select":
                inside = False

    _Options().feed(html)
    return values


def reviewed_token(client, page_url: str) -> str:
    """The version (reviewed facts) a decision form on `page_url` carries; "" when there is none."""
    parser = _Forms()
    parser.feed(client.get(page_url).get_data(as_text=True))
    return next((form["fields"]["reviewed"] for form in parser.forms if "reviewed" in form["fields"]), "")


def decide(client, page_url: str, data: dict | None = None):
    """Post a decision from the review page at `page_url`: its version, plus `data`."""
    return client.post(f"{page_url}/keputusan", data={"reviewed": reviewed_token(client, page_url), **(data or {})})


def take_step(client, request_id: int, action: str, data: dict | None = None, **kwargs):
    """Post a step of a purchase request from its page, as the page renders it plus `data`."""
    return client.post(f"/permintaan/{request_id}/{action}",
                       data={"reviewed": reviewed_token(client, f"/permintaan/{request_id}"), **(data or {})},
                       **kwargs)
