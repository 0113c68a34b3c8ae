"""Writes of guidance: recording an entry (with its observation scores and attachment), the
student's reflection, the year's norms and the observation frames. Each checks who may do it
again (the views decide what they show; a service never trusts that)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from partnerships.attachments import check_attachment
from partnerships.audit import record
from partnerships.models import AcademicYear, Partnership, Person
from placements.guidance import access
from placements.guidance.selectors import DEFAULT_NORMS
from placements.models import (
    GuidanceAttachment,
    GuidanceEntry,
    GuidanceNorm,
    ObservationCriterion,
    ObservationFrame,
    ObservationScore,
    Placement,
)

# The starter kijkkader of a partnership. The seed (002 §4.2) names the partnership's own
# observation frame but does not contain it; these criteria follow what the seed asks
# lessons to show (its vision: activating didactics, the teacher as coach, 21st century skills
# in the observation forms, observe-try-innovate). Coordinators replace them with their own.
DEFAULT_FRAME_NAME = "Kijkkader lesobservatie"
DEFAULT_SCALE = ["nog niet zichtbaar", "in ontwikkeling", "zichtbaar", "sterk zichtbaar"]
DEFAULT_CRITERIA = [
    ("Pedagogisch klimaat", "Zorgt voor een veilig en respectvol klimaat"),
    ("Pedagogisch klimaat", "Heeft contact met de leerlingen en stimuleert hun betrokkenheid"),
    ("Klassenmanagement", "Zorgt voor een ordelijk verloop en een duidelijke lesstructuur"),
    ("Didactiek", "Legt duidelijk uit en sluit aan bij voorkennis"),
    ("Didactiek", "Zet activerende werkvormen in (leren door te doen)"),
    ("Didactiek", "Stemt af op verschillen tussen leerlingen"),
    ("Didactiek", "Checkt of de leerdoelen bereikt zijn en geeft feedback"),
    ("Vernieuwing", "Vervult de rol van coach van de leerling"),
    ("Vernieuwing", "Besteedt aandacht aan 21e-eeuwse vaardigheden en digitale geletterdheid"),
    ("Vernieuwing", "Durft te observeren, proberen en innoveren"),
]


def participant_options(placement: Placement) -> list[tuple[str, str]]:
    """Who can be ticked as having taken part: the student and the assigned guides."""
    options = [("student", placement.student.person.full_name)]
    for role, field in access.GUIDE_FIELDS.items():
        person = getattr(placement, field)
        if person is not None:
            options.append((str(role), person.full_name))
    return options


@dataclass
class Score:
    criterion: ObservationCriterion
    score: int | None
    comment: str


@transaction.atomic
def entry_record(
    *,
    placement: Placement,
    by: Person,
    kind: str,
    date: datetime.date,
    participants: list[str],
    others: str = "",
    notes: str = "",
    agreements: str = "",
    frame: ObservationFrame | None = None,
    scores: list[Score] | None = None,
    attachment=None,
    today: datetime.date | None = None,
) -> GuidanceEntry:
    today = today or timezone.localdate()
    if kind not in access.kinds_for(placement, by):
        raise PermissionDenied
    if date > today:
        raise ValidationError({"date": _("The date cannot be in the future.")})
    options = dict(participant_options(placement))
    unknown = set(participants) - set(options)
    if unknown:
        raise ValidationError({"participants": _("Choose from the people of this placement.")})
    roles = access.guide_roles(placement, by)
    entry = GuidanceEntry(
        placement=placement,
        kind=kind,
        date=date,
        participants=[
            {"role": key, "name": options[key]} for key in options if key in participants
        ],
        others=others,
        notes=notes,
        agreements=agreements,
        author=by,
        author_role=roles[0] if roles else "student",
    )
    if entry.is_observation and frame is not None:
        if frame.partnership_id != placement.student.partnership_id:
            raise PermissionDenied
        entry.frame = frame
        entry.scale = list(frame.scale)
    entry.full_clean()
    entry.save()
    if entry.frame is not None and scores:
        top = len(entry.scale)
        ObservationScore.objects.bulk_create(
            ObservationScore(
                entry=entry,
                criterion=s.criterion,
                position=n,
                group=s.criterion.group,
                text=s.criterion.text,
                score=s.score if s.score and 1 <= s.score <= top else None,
                comment=s.comment[:1000],
            )
            for n, s in enumerate(scores)
            if s.criterion.frame_id == frame.pk
        )
    if attachment is not None:
        name, content_type = check_attachment(attachment)
        GuidanceAttachment.objects.create(
            entry=entry,
            name=name,
            content_type=content_type,
            size=attachment.size,
            data=attachment.read(),
        )
    record(
        person=by,
        action="guidance_entry",
        obj=entry,
        partnership=placement.student.partnership,
        kind=kind,
    )
    return entry


def reflection_save(*, entry: GuidanceEntry, by: Person, text: str) -> GuidanceEntry:
    if not access.is_student(entry.placement, by):
        raise PermissionDenied
    entry.reflection = text.strip()
    entry.reflection_at = timezone.now() if entry.reflection else None
    entry.full_clean()
    entry.save(update_fields=["reflection", "reflection_at", "updated_at"])
    return entry


def guidance_norms_ensure(*, partnership: Partnership, year: AcademicYear) -> list[GuidanceNorm]:
    """The year's norm rows, made from the defaults the first time."""
    norms = list(GuidanceNorm.objects.filter(partnership=partnership, academic_year=year))
    if norms:
        return norms
    GuidanceNorm.objects.bulk_create(
        [
            GuidanceNorm(
                partnership=partnership,
                academic_year=year,
                kind=kind,
                level=level,
                every_weeks=norm.every_weeks,
                per_period=norm.per_period,
            )
            for kind, level, norm in DEFAULT_NORMS
        ],
        ignore_conflicts=True,
    )
    return list(GuidanceNorm.objects.filter(partnership=partnership, academic_year=year))


@transaction.atomic
def guidance_norms_save(*, norms: list[GuidanceNorm], removed: list[GuidanceNorm], by: Person):
    for norm in removed:
        if norm.pk:
            norm.delete()
    for norm in norms:
        norm.full_clean()
        norm.save()
    if norms or removed:
        year = (norms or removed)[0]
        record(
            person=by,
            action="guidance_norms",
            obj=year.academic_year,
            partnership=year.partnership,
        )


def default_frame_ensure(partnership: Partnership) -> ObservationFrame:
    """The partnership's frame for new observations; the starter kijkkader the first time."""
    frame = ObservationFrame.objects.filter(partnership=partnership, is_default=True).first()
    if frame is not None:
        return frame
    with transaction.atomic():
        frame, created = ObservationFrame.objects.get_or_create(
            partnership=partnership,
            is_default=True,
            defaults={"name": DEFAULT_FRAME_NAME, "scale": DEFAULT_SCALE},
        )
        if created:
            ObservationCriterion.objects.bulk_create(
                ObservationCriterion(frame=frame, position=n, group=group, text=text)
                for n, (group, text) in enumerate(DEFAULT_CRITERIA, start=1)
            )
    return frame


@transaction.atomic
def frame_save(
    *,
    frame: ObservationFrame,
    criteria: list[ObservationCriterion],
    removed: list[ObservationCriterion],
    by: Person,
) -> ObservationFrame:
    """Saves a frame and its criteria; observations made with it keep their own copy of the
    criteria and the scale. Making it the default takes that from the partnership's other
    frame."""
    scale = [label.strip() for label in frame.scale if label.strip()]
    if len(scale) < 2:
        raise ValidationError({"scale": _("A scale needs at least two steps.")})
    frame.scale = scale
    if frame.is_default:
        ObservationFrame.objects.filter(partnership=frame.partnership, is_default=True).exclude(
            pk=frame.pk
        ).update(is_default=False)
    frame.full_clean()
    frame.save()
    for criterion in removed:
        if criterion.pk:
            criterion.delete()
    for criterion in criteria:
        criterion.frame = frame
        criterion.full_clean()
        criterion.save()
    record(person=by, action="observation_frame", obj=frame, partnership=frame.partnership)
    return frame
