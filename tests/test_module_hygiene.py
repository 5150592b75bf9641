"""Issue 11 point 2: a module's private names stay in it, and packages are not re-export shims.

Every Python module of the repository is parsed with `ast` (nothing is imported). Two rules:

- No module reaches into another storefront module's private names: neither
  `from storefront.x import _name` nor `x._name` where `x` is a storefront module. A name that
  two modules need is public in the module that owns it, under a name that says what it is.
- No module of storefront/ is a re-export shim. A package's `__init__.py` keeps only its
  docstring, and no module lists in `__all__` a name it imports: a name importable from two
  places leaves the reader guessing which one owns it. `storefront/__init__.py` (the application
  factory, the one package module with code) may import what it uses, never only to re-export.

Test modules reaching into other test modules are out of scope here (tests/helpers.py is their
shared place).
"""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = "storefront"
SCANNED = ("storefront", "tests", "bench", "tools", "migrations", "wsgi.py")
APP_FACTORY = Path(PACKAGE, "__init__.py")


def python_files(*tops: str) -> list[Path]:
    files = []
    for top in tops:
        path = ROOT / top
        if path.is_file():
            files.append(path)
        elif path.is_dir():
            files.extend(p for p in sorted(path.rglob("*.py")) if ".venv" not in p.parts)
    return [file.relative_to(ROOT) for file in files]


def module_name(path: Path) -> str:
    parts = list(path.with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def is_module(dotted: str) -> bool:
    """True when the dotted name is a module or package of the repository (not a name inside one)."""
    path = ROOT.joinpath(*dotted.split("."))
    return path.with_suffix(".py").is_file() or (path / "__init__.py").is_file()


def is_private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def is_ours(dotted: str | None) -> bool:
    return bool(dotted) and (dotted == PACKAGE or dotted.startswith(PACKAGE + "."))


def imported_module(node: ast.ImportFrom, path: Path) -> str | None:
    """The absolute module an import-from names (relative imports resolved against the file)."""
    if not node.level:
        return node.module
    package = module_name(path).split(".")
    if path.name != "__init__.py":
        package.pop()
    base = package[:len(package) - node.level + 1]
    return ".".join([*base, node.module] if node.module else base)


def dotted(node: ast.AST) -> str | None:
    """`a.b.c` for a chain of attributes on a name, else None."""
    names = []
    while isinstance(node, ast.Attribute):
        names.append(node.attr)
        node = node.value
    if not isinstance(node, ast.Name):
        return None
    names.append(node.id)
    return ".".join(reversed(names))


def read(path: Path) -> str:
    return (ROOT / path).read_text(encoding="utf-8")


def private_reaches(path: Path, source: str) -> list[str]:
    """Every `from storefront... import _x` and `module._x` (module of storefront) in one file."""
    tree = ast.parse(source, filename=str(path))
    own = module_name(path)
    found = []
    modules: dict[str, str] = {}  # local name -> storefront module it is bound to
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if not is_ours(alias.name):
                    continue
                if alias.asname:
                    modules[alias.asname] = alias.name
                else:
                    modules[alias.name.split(".")[0]] = alias.name.split(".")[0]
        elif isinstance(node, ast.ImportFrom):
            source = imported_module(node, path)
            if not is_ours(source):
                continue
            for alias in node.names:
                if is_private(alias.name) and source != own:
                    found.append(f"{path}:{node.lineno}: from {source} import {alias.name}")
                if is_module(f"{source}.{alias.name}"):
                    modules[alias.asname or alias.name] = f"{source}.{alias.name}"
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Attribute) and is_private(node.attr)):
            continue
        chain = dotted(node.value)
        if chain is None:
            continue
        first, _, rest = chain.partition(".")
        if first not in modules:
            continue
        target = ".".join(filter(None, [modules[first], rest]))
        if is_module(target) and target != own:
            found.append(f"{path}:{node.lineno}: {chain}.{node.attr} (private name of {target})")
    return sorted(set(found))


def re_exports(path: Path, source: str) -> list[str]:
    """What makes a module a re-export shim: a package `__init__` that imports anything, an
    `__all__` that lists imported names, the app factory importing a name it does not use."""
    tree = ast.parse(source, filename=str(path))
    imports = [node for node in tree.body if isinstance(node, (ast.Import, ast.ImportFrom))
               and not (isinstance(node, ast.ImportFrom) and node.module == "__future__")]
    imported = {alias.asname or alias.name.split(".")[0]: node.lineno for node in imports for alias in node.names}
    found = []
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(isinstance(target, ast.Name) and target.id == "__all__"
                                                for target in node.targets):
            listed = [item.value for item in getattr(node.value, "elts", []) if isinstance(item, ast.Constant)]
            found += [f"{path}:{node.lineno}: __all__ lists {name}, which it imports" for name in listed
                      if name in imported]
    if path.name == "__init__.py" and path != APP_FACTORY:
        found += [f"{path}:{node.lineno}: {ast.unparse(node)[:90]}" for node in imports]
    elif path == APP_FACTORY:
        used = {node.id for node in ast.walk(tree) if isinstance(node, ast.Name)}
        found += [f"{path}:{line}: imports {name} without using it" for name, line in imported.items()
                  if name not in used]
    return found


def test_no_module_reaches_into_another_modules_private_names():
    found = [line for path in python_files(*SCANNED) for line in private_reaches(path, read(path))]
    assert not found, f"{len(found)} private names used outside their module:\n" + "\n".join(found)


def test_no_module_is_a_re_export_shim():
    modules = python_files(PACKAGE)
    assert sum(path.name == "__init__.py" for path in modules) > 5  # the scan found the packages
    found = [line for path in modules for line in re_exports(path, read(path))]
    assert not found, f"{len(found)} re-exports:\n" + "\n".join(found)


# --- the checks can fail ----------------------------------------------------------------------------

PROBE = Path("tests", "probe.py")


@pytest.mark.parametrize("source, expected", [
    ("from storefront.sellers.registry.rows import _secret\n", 1),
    ("from storefront.sellers import services\nservices._secret()\n", 1),
    ("import storefront.sellers.services as s\ns._secret\n", 1),
    ("import storefront.sellers.services\nstorefront.sellers.services._secret\n", 1),
    ("from storefront.text import lazy_gettext as _l\n_l('x')\n", 0),  # a public name under a short alias
    ("from storefront.sellers.workflow import SellerStatus\nSellerStatus._member_map_\n", 0),  # a class's
    ("import os\nos._exit\n", 0),  # not ours
], ids=["from-import", "module-attribute", "aliased-module", "dotted-module", "public-alias", "class-attribute",
        "not-ours"])
def test_the_private_name_check_finds_a_reach(source, expected):
    assert len(private_reaches(PROBE, source)) == expected


def test_the_shim_check_finds_a_re_export():
    package = Path(PACKAGE, "sellers", "__init__.py")
    module = Path(PACKAGE, "sellers", "probe.py")
    assert len(re_exports(package, '"""A package."""\nfrom storefront.text import lazy_gettext\n')) == 1
    assert re_exports(package, '"""A package."""\nfrom __future__ import annotations\n') == []
    assert re_exports(package, '"""A package."""\n') == []
    assert len(re_exports(module, 'from storefront.text import lazy_gettext\n__all__ = ["lazy_gettext"]\n')) == 1
    assert re_exports(module, 'from storefront.text import lazy_gettext\n__all__ = ["f"]\ndef f(): pass\n') == []
    assert len(re_exports(APP_FACTORY, "from storefront import errors\n")) == 1
    assert re_exports(APP_FACTORY, "from storefront import errors\nerrors.init()\n") == []
