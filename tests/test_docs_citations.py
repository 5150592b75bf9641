"""Code cites the repository's own docs/, never a file outside it.

The research notes and the design file that Etalase was first written from live beside the
repository, not in it: a newcomer who clones it cannot open them, and their numbered sections say
nothing. So every Markdown file that the code, the tests, the benchmarks, the tools, the migrations,
the templates or README.md name must exist in the repository, nothing names a path outside it or a
numbered section (a "§" with a number), and a citation of docs/<file>.md by heading
(`docs/domain.md, "Halal"`) or by anchor (`docs/domain.md#halal`) names a heading that file has.
"""
from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCANNED_DIRS = ("storefront", "tests", "bench", "tools", "migrations", "templates")
SCANNED_FILES = ("README.md",)
SKIPPED_DIRS = {"__pycache__", "results"}  # bench/results: measurements written by the benchmarks
THIS_FILE = Path(__file__).resolve()  # names what it forbids, to test the patterns

OUTSIDE = {
    "the design file beside the repository": re.compile(r"\bDESIGN\.md"),
    "a path into the shared folder": re.compile(r"\.\./shared|\bshared/(?:reference|DESIGN)"),
    "a research note (reference/*.md)": re.compile(r"\breference/[\w-]+\.md"),
    "a numbered section of a file outside the repository": re.compile(r"\u00a7\s*\d"),
}
MARKDOWN_NAME = re.compile(r"(?<![\w./-])([\w./-]*[\w-]\.md)\b")
# docs/domain.md#halal; docs/domain.md, "Halal"; docs/domain.md, "NIB", "NIK" and "P-IRT"
# (also \"Halal\" inside JSON strings)
DOCS_CITATION = re.compile(r'\b(docs/[\w./-]+\.md)(?:#([\w-]+))?')
NEXT_NAME = re.compile(r'`?(?:,\s*|\s+and\s+)\\?"([^"\\]+)\\?"')
HEADING = re.compile(r"^#{1,6}\s+(.+?)\s*#*\s*$")


def scanned_files() -> list[Path]:
    files = [ROOT / name for name in SCANNED_FILES]
    for folder in SCANNED_DIRS:
        for path in sorted((ROOT / folder).rglob("*")):
            if path.is_file() and path != THIS_FILE and not SKIPPED_DIRS & set(path.relative_to(ROOT).parts):
                files.append(path)
    return files


def text_lines(path: Path) -> list[str]:
    try:
        return path.read_text(encoding="utf-8").splitlines()
    except UnicodeDecodeError:  # images, fonts, compiled translations
        return []


def headings(doc: Path) -> tuple[set[str], set[str]]:
    """(names, anchors) of a Markdown file's headings. A heading's name is its text before a
    parenthesis, so `### Products (`catalog/models.py`)` is cited as "Products"."""
    names, anchors = set(), set()
    in_code = False
    for line in doc.read_text(encoding="utf-8").splitlines():
        if line.startswith("```"):
            in_code = not in_code
        match = None if in_code else HEADING.match(line)
        if match:
            text = match.group(1)
            names.add(text.split(" (")[0].strip())
            anchors.add(slug(text))
    return names, anchors


def slug(heading: str) -> str:
    """The anchor GitHub gives a heading: lowercase, punctuation dropped, spaces to hyphens."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def citations(line: str) -> list[tuple[str, str, list[str]]]:
    """(docs file, anchor or "", the heading names quoted after it) for each citation in `line`."""
    found = []
    for match in DOCS_CITATION.finditer(line):
        cited, position = [], match.end()
        while name := NEXT_NAME.match(line, position):
            cited.append(name.group(1))
            position = name.end()
        found.append((match.group(1), match.group(2) or "", cited))
    return found


def where(path: Path, number: int) -> str:
    return f"{path.relative_to(ROOT)}:{number}"


def test_nothing_cites_a_file_outside_the_repository():
    offenders = []
    for path in scanned_files():
        for number, line in enumerate(text_lines(path), 1):
            offenders += [f"{where(path, number)}: {what}: {line.strip()}"
                          for what, pattern in OUTSIDE.items() if pattern.search(line)]
    assert not offenders, "cite docs/ instead:\n" + "\n".join(offenders)


def test_every_markdown_file_named_exists_in_the_repository():
    missing = []
    for path in scanned_files():
        for number, line in enumerate(text_lines(path), 1):
            for name in MARKDOWN_NAME.findall(line):
                if not any((base / name).is_file() for base in (ROOT, path.parent)):
                    missing.append(f"{where(path, number)}: {name}")
    assert not missing, "these Markdown files are not in the repository:\n" + "\n".join(missing)


def test_docs_citations_name_a_heading_of_the_file():
    wrong = []
    cache: dict[str, tuple[set[str], set[str]]] = {}
    for path in scanned_files():
        for number, line in enumerate(text_lines(path), 1):
            for doc, anchor, cited in citations(line):
                if not (ROOT / doc).is_file():
                    wrong.append(f"{where(path, number)}: {doc} does not exist")
                    continue
                names, anchors = cache.setdefault(doc, headings(ROOT / doc))
                if anchor and anchor not in anchors:
                    wrong.append(f"{where(path, number)}: {doc} has no heading #{anchor}")
                wrong += [f"{where(path, number)}: {doc} has no heading \"{name}\"" for name in cited
                          if name not in names]
    assert not wrong, "\n".join(wrong)


def test_the_checks_catch_what_they_are_for(tmp_path):
    """The patterns themselves: a forbidden mention is found, an allowed one is not."""
    found = lambda text: [what for what, pattern in OUTSIDE.items() if pattern.search(text)]  # noqa: E731
    assert found("see DESIGN.md") and found("../shared/reference/domain-indonesia.md") and found("§8.5")
    assert found("(reference/procurement-anchors.md)")
    assert not found('docs/domain.md, "Halal"') and not found("storefront/reference/data/catalog.json")
    assert MARKDOWN_NAME.findall("the notes in domain-indonesia.md and bench/README.md") == [
        "domain-indonesia.md", "bench/README.md"]
    assert citations('(docs/domain.md, "Purchase requests": later edits)') == [
        ("docs/domain.md", "", ["Purchase requests"])]
    assert citations('docs/domain.md, "NIB", "NPWP and NITKU" and "NIK".') == [
        ("docs/domain.md", "", ["NIB", "NPWP and NITKU", "NIK"])]
    assert citations('(docs/domain.md, \\"Reference data\\")') == [("docs/domain.md", "", ["Reference data"])]
    assert citations("docs/domain.md#halal and docs/search.md") == [
        ("docs/domain.md", "halal", []), ("docs/search.md", "", [])]
    doc = tmp_path / "x.md"
    doc.write_text("# Title\n## Products (`catalog/models.py`)\n```\n# not a heading\n```\n")
    assert headings(doc) == ({"Title", "Products"}, {"title", "products-catalogmodelspy"})
