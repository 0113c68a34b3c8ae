"""The subject-access export (AVG art. 15): everything the product holds about one person in a
partnership, as a ZIP with one JSON file per kind of data (``registry``), the documents that
concern them (transfer forms as PDF, guidance attachments) and an ``index.json``.

Built inside the request: one person's data in one partnership is tens to hundreds of rows and
a handful of documents (a transfer form PDF takes about a second), so the administrator gets the
file at once instead of waiting for a worker (README "Privacy and retention")."""

import io
import json
import zipfile
from dataclasses import dataclass

from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone

from ..audit import record
from ..models import Partnership, Person
from .registry import kinds


@dataclass
class Part:
    key: str
    label: str
    records: int
    has_files: bool


def _count(data: dict) -> int:
    return sum(len(value) if isinstance(value, list) else 1 for value in data.values())


def subject_access_summary(*, person: Person, partnership: Partnership) -> list[Part]:
    """What the export will hold, per kind, for the check page (no documents rendered)."""
    return [
        Part(
            kind.key,
            str(kind.label),
            _count(kind.export(person, partnership)) if kind.export else 0,
            kind.files is not None,
        )
        for kind in kinds()
        if kind.export or kind.files
    ]


def _json(data) -> str:
    return json.dumps(data, cls=DjangoJSONEncoder, indent=2, ensure_ascii=False)


def subject_access_export(*, person: Person, partnership: Partnership, by: Person) -> bytes:
    """The ZIP; the export is recorded in the audit log."""
    buffer = io.BytesIO()
    index = {
        "person_id": person.pk,
        "partnership": partnership.slug,
        "made_at": timezone.now(),
        "made_by_id": by.pk,
        "parts": [],
    }
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for kind in kinds():
            part = {"key": kind.key, "label": str(kind.label), "files": []}
            if kind.export:
                part["json"] = f"{kind.key}.json"
                archive.writestr(part["json"], _json(kind.export(person, partnership)))
            for name, content in kind.files(person, partnership) if kind.files else []:
                path = f"documenten/{kind.key}/{name}"
                archive.writestr(path, content)
                part["files"].append(path)
            if kind.export or part["files"]:
                index["parts"].append(part)
        archive.writestr("index.json", _json(index))
    record(person=by, action="export", obj=person, partnership=partnership, what="subject_access")
    return buffer.getvalue()
