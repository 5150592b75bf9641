"""The layers hold, and the check that holds them can fail (docs/architecture.md, "Layers").

`lint-imports` (import-linter, with the contracts in pyproject.toml) runs in `make test`. Here it
runs against a copy of storefront/ with one forbidden import added, so a contract that quietly
stopped checking anything (a renamed package, a typo in a layer) is noticed.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")
LAYERS = "Layers: a package imports only from the layers below it"
WORKFLOWS = "Workflows: the lifecycle tables import neither Flask nor the database"
CYCLES = "No import cycles between sibling modules, at any depth"


@pytest.fixture
def copy(tmp_path) -> Path:
    shutil.copytree(ROOT / "storefront", tmp_path / "storefront", ignore=shutil.ignore_patterns("__pycache__"))
    return tmp_path


def lint_imports(where: Path) -> subprocess.CompletedProcess:
    """The same contracts, against the package under `where` (on the path first, and the cwd)."""
    return subprocess.run([str(LINT_IMPORTS), str(ROOT / "pyproject.toml"), "--no-cache", "--no-logo"],
                          cwd=where, env={**os.environ, "PYTHONPATH": str(where)},
                          capture_output=True, text=True, timeout=300)


def add_line(copy: Path, module: str, line: str) -> None:
    path = copy / "storefront" / module
    path.write_text(path.read_text(encoding="utf-8") + f"\n{line}\n", encoding="utf-8")


def test_the_contracts_hold_on_the_unchanged_package(copy):
    result = lint_imports(copy)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


@pytest.mark.parametrize(("module", "line", "contract", "named"), [
    # A web helper reaching into a feature (the import the navigation used to need).
    ("web/forms.py", "import storefront.procurement", LAYERS, "storefront.web.forms -> storefront.procurement"),
    # Infrastructure reaching up into the web helpers (config used to, for the base URL).
    ("config.py", "from storefront.web import redirects", LAYERS, "storefront.config -> storefront.web.redirects"),
    # Media stores files for any feature and knows none.
    ("media/storage.py", "import storefront.sellers.models", LAYERS, "storefront.media.storage -> storefront.sellers"),
    # A lower feature importing a higher one (the catalog used to ask procurement).
    ("catalog/views.py", "import storefront.procurement.ordering", LAYERS,
     "storefront.catalog.views -> storefront.procurement.ordering"),
    # A lifecycle table touching the database.
    ("listings/workflow.py", "import sqlalchemy", WORKFLOWS, "storefront.listings.workflow -> sqlalchemy"),
    ("procurement/workflow.py", "from storefront.extensions import db", WORKFLOWS,
     "storefront.procurement.workflow -> storefront.extensions"),
    ("lifecycle.py", "from flask import g", WORKFLOWS, "storefront.lifecycle -> flask"),
    # Two modules of one feature importing each other (listings.services already imports models).
    ("listings/models.py", "import storefront.listings.services", CYCLES, ".models -> .services"),
], ids=["web-feature", "infrastructure-web", "media-feature", "catalog-procurement", "workflow-sqlalchemy",
        "workflow-extensions", "lifecycle-flask", "sibling-cycle"])
def test_one_forbidden_import_breaks_its_contract(copy, module, line, contract, named):
    add_line(copy, module, line)
    result = lint_imports(copy)
    assert result.returncode != 0, result.stdout
    assert f"{contract} BROKEN" in result.stdout, result.stdout
    assert named in result.stdout, result.stdout


def test_a_new_top_level_module_needs_a_layer(copy):
    (copy / "storefront" / "tenders.py").write_text('"""A feature nobody placed in the layers yet."""\n')
    result = lint_imports(copy)
    assert result.returncode != 0, result.stdout
    assert f"{LAYERS} BROKEN" in result.stdout and "storefront.tenders" in result.stdout, result.stdout


def test_the_architecture_names_every_top_level_module():
    """docs/architecture.md, "Package map": a new package or module is described where it sits."""
    text = (ROOT / "docs/architecture.md").read_text(encoding="utf-8")
    package_map = text.split("## Package map", 1)[1].split("\n## ", 1)[0]
    named = set(re.findall(r"`([a-z0-9_]+)(?:/|\.py)`", package_map))
    modules = {path.stem if path.is_file() else path.name for path in (ROOT / "storefront").iterdir()
               if (path.suffix == ".py" and path.stem != "__init__") or (path / "__init__.py").is_file()}
    assert modules - named == set(), "describe them in docs/architecture.md"
