"""The layout of docs/ARCHITECTURE.md: placements has one package per feature; no app grows
prefix-named siblings of a layer (``forms_rounds.py`` next to ``forms_reports.py``) — a layer with
a second module becomes a package."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
APPS = ("partnerships", "placements", "programme", "professionalisation", "quality")
LAYERS = ("models", "services", "selectors", "forms", "views", "urls", "tasks", "dashboard", "demo")
FEATURES = (
    "quota",
    "capacity",
    "division",
    "preferences",
    "profiles",
    "allocation",
    "lifecycle",
    "calendar",
    "transfer",
    "subsidy",
    "facilitation",
    "appointments",
    "shortage",
    "travel",
)


def test_no_prefix_named_siblings_of_a_layer():
    found = [
        str(path.relative_to(ROOT))
        for app in APPS
        for path in (ROOT / app).rglob("*.py")
        if "migrations" not in path.parts
        and any(path.stem.startswith(f"{layer}_") for layer in LAYERS)
    ]
    assert not found, f"make these modules of a layer package: {found}"


def test_placements_features_are_packages_and_no_feature_module_sits_at_the_top():
    top = {p.stem for p in (ROOT / "placements").glob("*.py")}
    assert not [f for f in FEATURES if not (ROOT / "placements" / f / "__init__.py").exists()]
    strays = sorted(m for m in top if any(m.startswith(f"{f}_") for f in FEATURES))
    assert not strays, f"move into the feature's package: {strays}"
