"""Read the forms of a page and submit one exactly as a browser would (HTML Living Standard,
"constructing the entry list"): the test's eyes are the HTML the user gets, not the form class.

Only the standard library's html.parser: what a browser sends depends on the markup alone.
"""
from __future__ import annotations

import io
from dataclasses import dataclass, field
from html.parser import HTMLParser

# Inputs that never carry a value of their own in the entry list.
_BUTTON_TYPES = {"submit", "image", "reset", "button"}


@dataclass
class Option:
    value: str
    selected: bool
    disabled: bool


@dataclass
class Control:
    tag: str                 # input, select, textarea, button
    name: str
    type: str = ""           # input/button type
    value: str = ""
    checked: bool = False
    disabled: bool = False
    multiple: bool = False
    options: list[Option] = field(default_factory=list)
    form_owner: str | None = None  # the form="..." attribute, when the control sits outside its form
    formaction: str | None = None  # a submit button that posts elsewhere than its form

    def label(self) -> str:
        return f"{self.tag}[name={self.name}]"


@dataclass
class Form:
    method: str
    action: str
    enctype: str
    id: str
    controls: list[Control] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # text of the form's error boxes

    @property
    def multipart(self) -> bool:
        return self.enctype == "multipart/form-data"

    def named(self, name: str) -> list[Control]:
        return [c for c in self.controls if c.name == name]

    def submitters(self) -> list[Control | None]:
        """The buttons that submit this form (None: a form without one, submitted by Enter)."""
        return [c for c in self.controls if _is_submitter(c)] or [None]

    def target(self, submitter: Control | None, page_url: str) -> str:
        """Where pressing `submitter` posts: its formaction, else the form's action, else the page."""
        return (submitter.formaction if submitter is not None and submitter.formaction else None) \
            or self.action or page_url

    def entries(self, pressed: Control | None = None) -> list[tuple[str, object]]:
        """What a browser sends when `pressed` (a submit button) is pressed and nothing was touched.

        A single select with no option marked `selected` submits its first enabled option (the
        "selectedness setting algorithm"); a file input with no file sends an empty part.
        """
        entries: list[tuple[str, object]] = []
        if pressed is None:
            pressed = next((c for c in self.submitters() if c is not None and not c.formaction), None)
        for control in self.controls:
            if not control.name or control.disabled:
                continue
            if control.tag == "button" or (control.tag == "input" and control.type in _BUTTON_TYPES):
                if control is pressed:
                    entries.append((control.name, control.value))
                continue
            if control.tag == "select":
                entries += [(control.name, value) for value in browser_selection(control)]
            elif control.tag == "textarea":
                # Browsers normalise line breaks to CRLF in the submitted value.
                entries.append((control.name, control.value.replace("\r\n", "\n").replace("\n", "\r\n")))
            elif control.type in ("checkbox", "radio"):
                if control.checked:
                    entries.append((control.name, control.value if control.value != "" else "on"))
            elif control.type == "file":
                entries.append((control.name, (io.BytesIO(b""), "")))
            else:
                entries.append((control.name, control.value))
        return entries

    def data(self, pressed: Control | None = None) -> dict[str, list]:
        """entries() as a dict of lists (the test client's `data`)."""
        data: dict[str, list] = {}
        for name, value in self.entries(pressed):
            data.setdefault(name, []).append(value)
        return data


def browser_selection(select: Control) -> list[str]:
    enabled = [o for o in select.options if not o.disabled]
    chosen = [o.value for o in select.options if o.selected and not o.disabled]
    if select.multiple:
        return chosen
    selected = [o for o in select.options if o.selected]
    if selected:  # the last one marked selected wins for a single select
        return [] if selected[-1].disabled else [selected[-1].value]
    return [enabled[0].value] if enabled else []


def _is_submitter(control: Control) -> bool:
    if control.disabled:
        return False
    if control.tag == "button":
        return control.type in ("", "submit")
    return control.tag == "input" and control.type in ("submit", "image")


class _FormParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[Form] = []
        self.outside: list[Control] = []  # controls with a form="id" attribute
        self.errors: list[str] = []  # every error box of the page, in a form or not
        self._form: Form | None = None
        self._select: Control | None = None
        self._option: tuple[Option, dict] | None = None
        self._option_text: list[str] = []
        self._textarea: Control | None = None
        self._text: list[str] = []
        self._button: Control | None = None
        self._error_depth = 0  # inside an element marked data-testid="form-error"/"field-error"
        self._depth = 0

    # Every start tag: maintain the form, its controls, and the error boxes inside it.
    def handle_starttag(self, tag, attrs):
        attr = {key: (value if value is not None else "") for key, value in attrs}
        if tag not in _VOID:
            self._depth += 1
            if self._error_depth:
                self._error_depth += 1
            elif attr.get("data-testid") in ("form-error", "field-error"):
                self._error_depth = 1
                self._text = []
        if tag == "form":
            self._form = Form(method=attr.get("method", "get").lower(), action=attr.get("action", ""),
                              enctype=attr.get("enctype", "application/x-www-form-urlencoded").lower(),
                              id=attr.get("id", ""))
            self.forms.append(self._form)
        elif tag == "input":
            self._add(Control("input", attr.get("name", ""), type=attr.get("type", "text").lower(),
                              value=attr.get("value", ""), checked="checked" in attr,
                              disabled="disabled" in attr, form_owner=attr.get("form"),
                              formaction=attr.get("formaction")))
        elif tag == "select":
            self._select = Control("select", attr.get("name", ""), disabled="disabled" in attr,
                                   multiple="multiple" in attr, form_owner=attr.get("form"))
            self._add(self._select)
        elif tag == "option" and self._select is not None:
            self._close_option()
            self._option = (Option(attr.get("value", ""), "selected" in attr, "disabled" in attr), attr)
            self._option_text = []
        elif tag == "textarea":
            self._textarea = Control("textarea", attr.get("name", ""), disabled="disabled" in attr,
                                     form_owner=attr.get("form"))
            self._text = []
            self._add(self._textarea)
        elif tag == "button":
            self._button = Control("button", attr.get("name", ""), type=attr.get("type", "submit").lower(),
                                   value=attr.get("value", ""), disabled="disabled" in attr,
                                   form_owner=attr.get("form"), formaction=attr.get("formaction"))
            self._add(self._button)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in _VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag):
        if tag not in _VOID:
            self._depth -= 1
            if self._error_depth:
                self._error_depth -= 1
                if self._error_depth == 0:
                    message = " ".join("".join(self._text).split())
                    self.errors.append(message)
                    if self._form is not None:
                        self._form.errors.append(message)
        if tag == "form":
            self._form = None
        elif tag == "option":
            self._close_option()
        elif tag == "select":
            self._close_option()
            self._select = None
        elif tag == "textarea" and self._textarea is not None:
            text = "".join(self._text)
            # The parser drops one newline right after <textarea>, as browsers do.
            self._textarea.value = text[1:] if text.startswith("\n") else text
            self._textarea = None
        elif tag == "button":
            self._button = None

    def handle_data(self, data):
        if self._option is not None:
            self._option_text.append(data)
        if self._textarea is not None or self._error_depth:
            self._text.append(data)

    def _close_option(self):
        if self._option is None:
            return
        option, attr = self._option
        if "value" not in attr:  # an option without a value submits its text
            option.value = " ".join("".join(self._option_text).split())
        self._select.options.append(option)
        self._option = None

    def _add(self, control: Control):
        if control.form_owner is not None:
            self.outside.append(control)
        elif self._form is not None:
            self._form.controls.append(control)


_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


def parse_forms(html: str) -> list[Form]:
    """Every form of the page, with the controls that belong to it (form="id" ones included)."""
    parser = _FormParser()
    parser.feed(html)
    parser.close()
    by_id = {form.id: form for form in parser.forms if form.id}
    for control in parser.outside:
        if control.form_owner in by_id:
            by_id[control.form_owner].controls.append(control)
    return parser.forms


def field_errors(html: str) -> list[str]:
    """Every error message a page shows next to a field or above a form (data-testid field-error
    or form-error)."""
    parser = _FormParser()
    parser.feed(html)
    parser.close()
    return parser.errors
