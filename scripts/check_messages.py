"""Fails when the Dutch message catalogue is stale (source strings added or removed without
running makemessages) or incomplete (an untranslated or fuzzy entry).

Runs makemessages into a scratch copy of the project, so the working tree is left alone."""

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
PO = Path("locale/nl/LC_MESSAGES/django.po")
SOURCES = [
    "config",
    "partnerships",
    "placements",
    "programme",
    "professionalisation",
    "quality",
    "templates",
    "locale",
]


def entries(path: Path) -> set[tuple[str, str]]:
    return {(e.msgctxt or "", e.msgid) for e in polib.pofile(str(path)) if not e.obsolete}


def main() -> int:
    committed = ROOT / PO
    if not committed.exists():
        print(f"missing {PO}: run `python manage.py makemessages -l nl`")
        return 1
    with tempfile.TemporaryDirectory() as tmp:
        for name in SOURCES + ["manage.py"]:
            src = ROOT / name
            if src.is_dir():
                shutil.copytree(src, Path(tmp) / name, ignore=shutil.ignore_patterns("__pycache__"))
            elif src.exists():
                shutil.copy(src, Path(tmp) / name)
        subprocess.run(
            [
                sys.executable,
                "manage.py",
                "makemessages",
                "-l",
                "nl",
                "--no-obsolete",
                "--ignore=.venv/*",
                "--ignore=tests/*",
            ],
            cwd=tmp,
            check=True,
            capture_output=True,
            # makemessages never connects; without this the scratch copy would start an embedded
            # PostgreSQL of its own in its var/ (config/embedded_db.py).
            env={**os.environ, "DATABASE_URL": "postgres://localhost/not-connected"},
        )
        fresh = entries(Path(tmp) / PO)
    current = entries(committed)
    problems = []
    for _ctxt, msgid in sorted(fresh - current):
        problems.append(f"not in the catalogue: {msgid!r}")
    for _ctxt, msgid in sorted(current - fresh):
        problems.append(f"no longer in the source: {msgid!r}")
    catalogue = polib.pofile(str(committed))
    for entry in catalogue:
        if entry.obsolete:
            continue
        if "fuzzy" in entry.flags:
            problems.append(f"fuzzy: {entry.msgid!r}")
        elif not entry.translated():
            problems.append(f"untranslated: {entry.msgid!r}")
    if problems:
        print(f"{PO} is not complete and current ({len(problems)} problems):")
        print("\n".join(f"  {p}" for p in problems[:50]))
        print("Fix: python manage.py makemessages -l nl --no-obsolete, then translate.")
        return 1
    print(f"{PO}: {len(current)} messages, all translated and current")
    return 0


if __name__ == "__main__":
    sys.exit(main())
