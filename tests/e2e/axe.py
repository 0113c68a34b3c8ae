"""Run axe-core (shipped inside axe-playwright-python, nothing downloaded) against a page."""

from axe_playwright_python.sync_playwright import Axe

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
OPTIONS = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}

_axe = Axe()


def format_violations(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        lines.append(f"- {v['id']} ({v.get('impact')}): {v['help']}\n  {v['helpUrl']}")
        for node in v["nodes"]:
            lines.append(f"    at {', '.join(map(str, node['target']))}")
            lines.append(f"       {node['html'][:200]}")
            messages = [c["message"] for key in ("any", "all", "none") for c in node.get(key, [])]
            lines.extend(f"       * {m}" for m in messages)
    return "\n".join(lines)


def assert_accessible(page) -> None:
    """Zero WCAG 2.1 A/AA violations on the page as it is now."""
    page.wait_for_load_state("load")  # stylesheets applied, so contrast is measured for real
    violations = _axe.run(page, options=OPTIONS).response["violations"]
    assert not violations, (
        f"{len(violations)} accessibility violation(s) on {page.url} "
        f"(lang={page.locator('html').get_attribute('lang')}):\n{format_violations(violations)}"
    )
