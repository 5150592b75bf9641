"""Issue 11 point 6: one definition of each thing.

Each test reads the whole code base (the templates, the Python sources, the mapped columns), so a
new template, module or enum is checked without being listed here:
- templates ask the model or a label helper; they never compare an enum's value to a string;
- a class gets no one- or two-letter alias (`S = SellerStatus`, `RequestAction as A`);
- a set of roles is written once, in storefront/accounts/roles.py;
- an upper-case constant is defined in one module (the others import it);
- every enum stored in a column has one `*_LABELS` mapping, in its feature's labels module or
  beside the enum, with a label for every member and an English translation of each.
"""
from __future__ import annotations

import ast
import enum
import importlib
import pkgutil
from pathlib import Path

import pytest
import sqlalchemy as sa
from babel.messages.pofile import read_po
from jinja2 import nodes

import storefront
from storefront.config import PROJECT_ROOT
from storefront.extensions import db

TEMPLATES = PROJECT_ROOT / "templates"
PYTHON_DIRS = ("storefront", "tests", "bench", "tools", "migrations")
EN_CATALOG = PROJECT_ROOT / "translations" / "en" / "LC_MESSAGES" / "messages.po"


def python_files(*dirs: str):
    for name in dirs:
        yield from sorted((PROJECT_ROOT / name).rglob("*.py"))
    if (PROJECT_ROOT / "wsgi.py").exists() and "storefront" in dirs:
        yield PROJECT_ROOT / "wsgi.py"


def where(path: Path, node) -> str:
    return f"{path.relative_to(PROJECT_ROOT)}:{node.lineno}"


# --- templates ask the model, not a string -------------------------------------------------------

# Attributes that hold an enum (or an event's stored status): compared to a literal, they spell a
# member by hand, and a renamed member silently makes the test false.
ENUM_ATTRIBUTES = ("value", "status", "to_status", "from_status", "role", "kind", "action")


def _string_literal(node) -> bool:
    if isinstance(node, nodes.Const):
        return isinstance(node.value, str)
    if isinstance(node, (nodes.Tuple, nodes.List)):
        return bool(node.items) and all(_string_literal(item) for item in node.items)
    return False


def _reads_enum(node) -> bool:
    """An expression that reads an enum member or its value (`x.status`, `x.role.value`, or a
    list of values: `parties | map(attribute="value")`)."""
    if isinstance(node, nodes.Name) and node.name.endswith("status"):  # a `status` variable
        return True
    for inner in [node, *node.find_all((nodes.Getattr, nodes.Filter))]:
        if isinstance(inner, nodes.Getattr) and inner.attr in ENUM_ATTRIBUTES:
            return True
        if isinstance(inner, nodes.Filter) and inner.name == "map" and any(
                keyword.key == "attribute" and isinstance(keyword.value, nodes.Const)
                and keyword.value.value in ENUM_ATTRIBUTES for keyword in inner.kwargs):
            return True
    return False


def enum_string_comparisons(tree) -> list[int]:
    """Line numbers where a template compares an enum to a string, or looks one up by its value
    in a dict written in the template."""
    lines = []
    for compare in tree.find_all(nodes.Compare):
        operands = [compare.expr, *(operand.expr for operand in compare.ops)]
        if any(_string_literal(o) for o in operands) and any(
                _reads_enum(o) for o in operands if not _string_literal(o)):
            lines.append(compare.lineno)
    for item in tree.find_all(nodes.Getitem):
        if isinstance(item.node, nodes.Dict) and _reads_enum(item.arg):
            lines.append(item.lineno)
    return lines


def test_the_template_scan_finds_what_it_looks_for(app):
    found = lambda source: enum_string_comparisons(app.jinja_env.parse(source))  # noqa: E731
    assert found('{% if seller.status.value == "invited" %}x{% endif %}')
    assert found("{% if current_user.role.value != 'auditor' %}x{% endif %}")
    assert found('{% if event.to_status in ("rejected", "suspended") %}x{% endif %}')
    assert found('{{ "primary" if action.value == "submit" else "secondary" }}')
    assert found('{% if "pemesan" in parties | map(attribute="value") | list %}x{% endif %}')
    assert found('{{ {"submit": "Ajukan"}[action.value] }}')
    assert not found("{% if tab == 'semua' %}x{% endif %}")
    assert not found('{% if field.type == "BooleanField" %}x{% endif %}')
    assert not found("{% if status == s.value %}x{% endif %}")
    assert not found("{% if seller.is_invited %}x{% endif %}")


def test_templates_never_compare_an_enum_to_a_string(app):
    offenders = []
    for path in sorted(TEMPLATES.rglob("*.html")):
        tree = app.jinja_env.parse(path.read_text(encoding="utf-8"))
        offenders += [f"{path.relative_to(PROJECT_ROOT)}:{line}" for line in enum_string_comparisons(tree)]
    assert not offenders, ("compare enums in the model or a label helper (a property such as "
                           f"seller.is_invited), not to a string in the template: {offenders}")


# --- names spelled out ---------------------------------------------------------------------------

def _short(name: str) -> bool:
    return len(name) <= 2 and name[:1].isupper()


def _names(target) -> list[ast.expr]:
    return list(target.elts) if isinstance(target, (ast.Tuple, ast.List)) else [target]


def short_aliases(tree: ast.AST) -> list[tuple[int, str]]:
    """`S = SellerStatus`, `S, P = SellerStatus, ProductStatus`, `T = Entry.__table__.c` and
    `from x import RequestAction as A`: a one- or two-letter capital name for a class or a name
    reached from one. (Importing a module as `ET` is a module, not a class, and stays allowed.)"""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            found += [(node.lineno, alias.asname) for alias in node.names
                      if alias.asname and _short(alias.asname) and alias.name[:1].isupper()]
        elif isinstance(node, ast.Assign):
            for target in node.targets:
                values = _names(node.value) if isinstance(target, (ast.Tuple, ast.List)) else [node.value]
                for name, value in zip(_names(target), values, strict=False):  # `a, b = f()`: no values to pair
                    if (isinstance(name, ast.Name) and _short(name.id)
                            and isinstance(value, (ast.Name, ast.Attribute))):
                        found.append((node.lineno, name.id))
    return found


def test_the_alias_scan_finds_what_it_looks_for():
    assert short_aliases(ast.parse("S = SellerStatus"))
    assert short_aliases(ast.parse("S, SA = SellerStatus, SellerAction"))
    assert short_aliases(ast.parse("from storefront.procurement.workflow import RequestAction as A"))
    assert short_aliases(ast.parse("T = CatalogEntry.__table__.c"))
    assert not short_aliases(ast.parse("import xml.etree.ElementTree as ET"))
    assert not short_aliases(ast.parse("RED, BLUE = (220, 30, 30), (30, 30, 220)"))
    assert not short_aliases(ast.parse("import sqlalchemy as sa"))


def test_no_class_has_a_one_or_two_letter_alias():
    offenders = [f"{path.relative_to(PROJECT_ROOT)}:{line} {name}"
                 for path in python_files(*PYTHON_DIRS)
                 for line, name in short_aliases(ast.parse(path.read_text(encoding="utf-8")))]
    assert not offenders, f"spell the class name out: {offenders}"


# --- role sets written once ----------------------------------------------------------------------

ROLES_MODULE = PROJECT_ROOT / "storefront" / "accounts" / "roles.py"


def _is_role(node) -> bool:
    return isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "Role"


def role_sets(tree: ast.AST) -> list[int]:
    """Lines that list two or more roles by hand: a set, tuple or list of `Role.X`, or a call
    such as `role_required(Role.A, Role.B)`."""
    lines = []
    for node in ast.walk(tree):
        elements = (node.elts if isinstance(node, (ast.Set, ast.Tuple, ast.List))
                    else node.args if isinstance(node, ast.Call) else [])
        if len(elements) >= 2 and all(_is_role(element) for element in elements):
            lines.append(node.lineno)
    return lines


def test_the_role_set_scan_finds_what_it_looks_for():
    assert role_sets(ast.parse("X = frozenset({Role.ADMIN, Role.AUDITOR})"))
    assert role_sets(ast.parse("ok = user.role in (Role.PEMESAN, Role.PPK)"))
    assert role_sets(ast.parse("@role_required(Role.PEMESAN, Role.PPK)\ndef f(): pass"))
    assert not role_sets(ast.parse("@role_required(Role.PEMESAN)\ndef f(): pass"))
    assert not role_sets(ast.parse("PARTY = {Role.PEMESAN: 1, Role.PPK: 2}"))


def test_role_sets_are_defined_once_in_the_roles_module():
    offenders = [f"{path.relative_to(PROJECT_ROOT)}:{line}" for path in python_files("storefront")
                 if path != ROLES_MODULE for line in role_sets(ast.parse(path.read_text(encoding="utf-8")))]
    assert not offenders, f"name the set in storefront/accounts/roles.py and import it: {offenders}"


# --- constants defined once ----------------------------------------------------------------------

# The same name for different things, each owned by its module.
SAME_NAME_DIFFERENT_THINGS = {
    "BATCH": "rows per bulk statement: catalog entries rebuilt, benchmark rows inserted",
    "KINDS": "reference data an admin edits; documents a request issues",
    "MAX_PAGES": "catalog result pages; pages of an uploaded PDF",
    "MAX_PRICE": "a price typed in the catalog filter; a product's price (domain rule)",
    "PER_PAGE": "catalog results; requests in an inbox",
    "READERS": "each blueprint's readers, as a tuple of a set from storefront/accounts/roles.py",
    "CERTIFIED": "the demo's ordered choice of certified statuses; the halal rule's set",
}


def module_constants() -> dict[str, list[str]]:
    defined: dict[str, list[str]] = {}
    for path in python_files("storefront"):
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            targets = (node.targets if isinstance(node, ast.Assign)
                       else [node.target] if isinstance(node, ast.AnnAssign) else [])
            for target in targets:
                for name in _names(target):
                    if isinstance(name, ast.Name) and name.id.isupper() and len(name.id) > 2:
                        defined.setdefault(name.id, []).append(where(path, node))
    return defined


def test_an_upper_case_constant_is_defined_in_one_module():
    twice = {name: places for name, places in module_constants().items()
             if len(places) > 1 and name not in SAME_NAME_DIFFERENT_THINGS}
    assert not twice, f"define each constant once and import it: {twice}"


# --- labels: one mapping per stored enum ---------------------------------------------------------

# Stored, and never shown to anyone: no words needed.
NEVER_SHOWN = {"RevisionStatus": "a pending change's state; its page shows the change, not the state"}


def all_modules():
    for module in pkgutil.walk_packages(storefront.__path__, "storefront."):
        yield importlib.import_module(module.name)


def column_enums() -> set[type[enum.Enum]]:
    for _module in all_modules():  # every model is mapped
        pass
    return {column.type.enum_class for table in db.metadata.tables.values() for column in table.columns
            if isinstance(column.type, sa.Enum) and column.type.enum_class is not None}


def assigned_here(module) -> set[str]:
    """The names a module assigns at its top level (not those it imports)."""
    tree = ast.parse(Path(module.__file__).read_text(encoding="utf-8"))
    targets = [target for node in tree.body if isinstance(node, (ast.Assign, ast.AnnAssign))
               for target in (node.targets if isinstance(node, ast.Assign) else [node.target])]
    return {name.id for target in targets for name in _names(target) if isinstance(name, ast.Name)}


def label_mappings() -> dict[type[enum.Enum], list[tuple[str, dict]]]:
    """Every module-level `*_LABELS` dict keyed by the members of one enum, by enum, where defined."""
    found: dict[type[enum.Enum], list[tuple[str, dict]]] = {}
    for module in all_modules():
        for name in sorted(assigned_here(module)):
            value = getattr(module, name)
            if not (name.endswith("LABELS") and isinstance(value, dict) and value):
                continue
            classes = {type(key) for key in value}
            if len(classes) == 1 and issubclass(next(iter(classes)), enum.Enum):
                found.setdefault(next(iter(classes)), []).append((f"{module.__name__}.{name}", value))
    return found


def test_every_stored_enum_has_one_label_mapping_covering_every_member():
    enums = column_enums()
    assert len(enums) >= 10  # guards against finding nothing
    mappings = label_mappings()
    with EN_CATALOG.open("rb") as po_file:
        english = read_po(po_file, locale="en")
    problems = []
    for enum_class in sorted(enums, key=lambda e: e.__name__):
        if enum_class.__name__ in NEVER_SHOWN:
            continue
        places = mappings.get(enum_class, [])
        if len(places) != 1:
            problems.append(f"{enum_class.__name__}: {len(places)} label mappings {[p for p, _ in places]}")
            continue
        place, labels = places[0]
        module = place.rsplit(".", 1)[0]
        if not (module.endswith(".labels") or module == enum_class.__module__):
            problems.append(f"{place}: labels live in the feature's labels module or beside the enum")
        missing = [member.name for member in enum_class if member not in labels]
        if missing:
            problems.append(f"{place}: no label for {missing}")
        for member, label in labels.items():
            msgid = label._args[0] if hasattr(label, "_args") else label
            entry = english.get(msgid)
            if entry is None or not entry.string:
                problems.append(f"{place}[{member.name}]: no English for {msgid!r}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("name", sorted(NEVER_SHOWN))
def test_enums_never_shown_are_still_stored(name):
    """The exemption above names enums that exist; a stale name fails here."""
    assert name in {enum_class.__name__ for enum_class in column_enums()}
