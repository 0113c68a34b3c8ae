"""The guidance part of the test world (used by ``perm_guidance`` and the guidance tests):
student1's active placement at school1 this year, guided by A's wpb, schoolopleider and
instituutsopleider, with an entry (a talk, with a PDF attached) or a lesson observation."""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile

from partnerships.glossary import Role
from placements.guidance import services
from placements.models import GuidanceEntry, GuidanceKind
from tests.placements.transfer.transfer_world import placement

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def guided(w, **fields):
    return placement(
        w.student1,
        w.school1,
        werkplekbegeleider=w[Role.WERKPLEKBEGELEIDER],
        schoolopleider=w[Role.SCHOOLOPLEIDER],
        instituutsopleider=w[Role.INSTITUUTSOPLEIDER],
        **fields,
    )


def entry_of(w, kind=GuidanceKind.TALK, *, attachment=True) -> GuidanceEntry:
    p = guided(w)
    frame = services.default_frame_ensure(w.a) if kind != GuidanceKind.TALK else None
    upload = SimpleUploadedFile("verslag.pdf", PDF, "application/pdf") if attachment else None
    return services.entry_record(
        placement=p,
        by=w[Role.WERKPLEKBEGELEIDER],
        kind=kind,
        date=datetime.date.today(),
        participants=["student", "werkplekbegeleider"],
        notes="Lesvoorbereiding besproken.",
        agreements="Volgende week een exit ticket.",
        frame=frame,
        scores=[services.Score(c, 3, "") for c in frame.criteria.all()] if frame else None,
        attachment=upload,
    )
