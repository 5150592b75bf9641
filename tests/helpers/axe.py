"""axe-core in a Playwright page: the serious and critical accessibility violations of what is shown.

axe-core comes from the npm registry (package.json pins it; `make test` runs `npm ci`), never a CDN.

How it gets into the page: `page.add_init_script(path=...)`. The app's Content-Security-Policy
forbids inline scripts, so `page.add_script_tag(...)` would be blocked (and the blocked script is a
console error, which fails the test through conftest's watcher). An init script is handed to
Chromium over the DevTools protocol and runs in every new document before the page's own scripts,
outside CSP; the context and its CSP stay exactly as a visitor gets them (unlike `bypass_csp=True`,
which would also hide real CSP violations of the page from the tests). So: `install(page)` before the
first `goto`, then `serious_violations(page)` / `assert_accessible(page)` on each page reached.
"""
from __future__ import annotations

from storefront.config import PROJECT_ROOT

AXE_JS = PROJECT_ROOT / "node_modules" / "axe-core" / "axe.min.js"
SERIOUS = ("serious", "critical")

# Runs in the page; returns only what the report needs (axe's full result is large).
_RUN = """async (impacts) => {
  const result = await window.axe.run(document, {resultTypes: ["violations"]});
  return result.violations.filter(v => impacts.includes(v.impact)).map(v => ({
    id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
    nodes: v.nodes.map(n => ({target: n.target.map(String).join(" "), summary: n.failureSummary || ""})),
  }));
}"""


def install(page) -> None:
    """Load axe-core into every document this page opens from now on (call before `goto`)."""
    if not AXE_JS.exists():
        raise RuntimeError(f"{AXE_JS} is missing: run `make test` or `npm ci` first")
    page.add_init_script(path=str(AXE_JS))


def serious_violations(page) -> list[dict]:
    """axe-core's violations of impact serious or critical on the page as it is now."""
    if not page.evaluate("typeof window.axe === 'object'"):
        raise RuntimeError(f"axe-core is not loaded in {page.url}: call axe.install(page) before page.goto")
    return page.evaluate(_RUN, list(SERIOUS))


def describe(violations: list[dict], url: str = "") -> str:
    """One block per violation: id, impact, help text and link, then each offending selector."""
    lines = [f"{len(violations)} serious/critical accessibility violation(s){' on ' + url if url else ''}:"]
    for violation in violations:
        lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']} <{violation['helpUrl']}>")
        for node in violation["nodes"]:
            summary = " ".join(node["summary"].split())
            lines.append(f"    {node['target']}" + (f" -- {summary}" if summary else ""))
    return "\n".join(lines)


def assert_accessible(page) -> None:
    violations = serious_violations(page)
    assert not violations, describe(violations, page.url)
