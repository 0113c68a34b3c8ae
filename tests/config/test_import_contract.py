"""The direction of imports between the apps (ARCHITECTURE: partnerships is the base; placements,
programme and professionalisation use it; quality may read the others to report on them).

Every ``import``/``from … import`` in the apps' code, also inside functions, is read with ``ast``.
An app may import only the apps in ``ALLOWED``; and from another app (other than the base) only
its public face, ``services`` and ``selectors`` — except the imports in ``KNOWN`` (empty now;
it may only shrink)."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
APPS = ("config", "partnerships", "placements", "programme", "professionalisation", "quality")
ALLOWED = {
    "config": {"partnerships", "placements", "programme", "professionalisation", "quality"},
    "partnerships": set(),
    "placements": {"partnerships"},
    "programme": {"partnerships"},
    "professionalisation": {"partnerships", "placements"},
    "quality": {"partnerships", "placements", "programme", "professionalisation"},
}
PUBLIC = ("services", "selectors")
KNOWN: set[tuple[str, str]] = set()  # (file, module) internals still reached into: none left


def imports(path: Path):
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            if node.module in APPS:  # from placements import selectors -> placements.selectors
                yield from (f"{node.module}.{alias.name}" for alias in node.names)
            else:
                yield node.module


def crossings() -> list[tuple[str, str, str]]:
    found = []
    for app in APPS:
        for path in (ROOT / app).rglob("*.py"):
            for module in imports(path):
                other = module.split(".")[0]
                if other in APPS and other != app:
                    found.append((app, str(path.relative_to(ROOT)), module))
    return found


def test_apps_import_only_in_the_allowed_direction():
    wrong = [
        f"{path} imports {module}"
        for app, path, module in crossings()
        if module.split(".")[0] not in ALLOWED[app]
    ]
    assert not wrong, "imports against the direction of the apps:\n" + "\n".join(wrong)


def test_other_apps_are_reached_through_their_services_and_selectors():
    internal = {
        (path, module)
        for app, path, module in crossings()
        if app != "config"
        and module.split(".")[0] != "partnerships"
        and (len(module.split(".")) < 2 or module.split(".")[1] not in PUBLIC)
    }
    assert internal <= KNOWN, f"new imports of another app's internals: {sorted(internal - KNOWN)}"
    assert internal >= KNOWN, f"fixed, remove from KNOWN: {sorted(KNOWN - internal)}"
