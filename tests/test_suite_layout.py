"""The suite's own layout (issue 11, point 9): what tests share lives in tests/helpers/ (or, for
fixtures, in a conftest.py), and no module imports a test module. So any test file can be read,
run (`pytest tests/test_x.py`), moved or deleted on its own, and collecting one file never runs
another's module code.
"""
from __future__ import annotations

import ast
from pathlib import Path

TESTS = Path(__file__).resolve().parent


def imported_modules(source: str, module: str) -> set[str]:
    """Every module name `source` (the text of `module`, dotted) imports; for `from a import b`
    both a and a.b, since b may be a module."""
    package = module.rsplit(".", 1)[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:  # relative: from the package, up level - 1 packages
                parent = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                base = ".".join(parent + ([base] if base else []))
            found.add(base)
            found |= {f"{base}.{alias.name}" for alias in node.names}
    return found


def is_test_module(name: str) -> bool:
    return name.startswith("tests.") and name.rsplit(".", 1)[-1].startswith("test_")


def problems(path: Path, source: str) -> list[str]:
    module = ".".join(path.relative_to(TESTS.parent).with_suffix("").parts)
    names = imported_modules(source, module)
    found = [f"{module} imports the test module {name}" for name in sorted(names) if is_test_module(name)]
    if module.startswith("tests.helpers."):  # helpers stand on their own: no fixtures, no tests
        found += [f"{module} imports {name}" for name in sorted(names)
                  if name.startswith("tests.") and name.rsplit(".", 1)[-1] == "conftest"]
    return found


def test_no_module_imports_a_test_module():
    found = [problem for path in sorted(TESTS.rglob("*.py")) for problem in problems(path, path.read_text("utf-8"))]
    assert not found, "move what is shared into tests/helpers/:\n" + "\n".join(found)


def test_the_check_sees_every_way_of_importing_a_test_module():
    """The check above must be able to fail."""
    test_file = TESTS / "procurement" / "test_x.py"
    for source in ("from tests.test_route_access import ACCESS", "import tests.test_route_access",
                   "from tests.procurement import test_workflow", "from . import test_workflow",
                   "from .test_workflow import EDGES", "from ..test_route_access import rules"):
        assert problems(test_file, source), source
    assert not problems(test_file, "from tests.helpers.access_matrix import ACCESS\nfrom tests import database")
    assert problems(TESTS / "helpers" / "x.py", "from tests.procurement.conftest import submit")
