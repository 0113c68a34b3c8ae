"""Who may open a transfer form and who may take which step; the one place for these rules.

Opening (``transfer_forms_visible``; anything else answers 404, forged ids too):

* the student;
* the guides of the ending placement: its werkplekbegeleider, schoolopleider and
  instituutsopleider;
* the schoolcoördinator of that school (and of its cluster);
* the partnership's managers (stagecoördinator, programme manager, administrator);
* once the form is shared: the receiving school's schoolcoördinator(s) and schoolopleider(s)
  and the next placement's werkplekbegeleider and schoolopleider.

Steps (``TransferPolicy``): the student writes and submits; the three guides add remarks or
agree; the student makes the form final once the institute trainer agreed (the institute trainer
has the final responsibility for the assessment); the student shares it with the new school
and, on the last form of a track, may record a first employer; the receiving school
acknowledges it after the introductory interview.
"""

from __future__ import annotations

import datetime

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from partnerships.access import MANAGERS, STUDENT, Access
from partnerships.glossary import Role
from partnerships.models import Partnership, Person
from placements.choices import PlacementStatus
from placements.models import TransferForm, TransferFormStatus
from placements.transfer.facts import current_next, school_people

T = TransferFormStatus
EDITABLE = frozenset({T.DRAFT, T.SUBMITTED})
SHARED = frozenset({T.SHARED, T.ACKNOWLEDGED})
FINISHED = frozenset({T.FINAL, T.SHARED, T.ACKNOWLEDGED})
# The guides of a placement, in the order a person holding two of them speaks as.
GUIDE_ROLES = (Role.INSTITUUTSOPLEIDER, Role.SCHOOLOPLEIDER, Role.WERKPLEKBEGELEIDER)
GUIDE_FIELDS = {
    Role.INSTITUUTSOPLEIDER: "instituutsopleider",
    Role.SCHOOLOPLEIDER: "schoolopleider",
    Role.WERKPLEKBEGELEIDER: "werkplekbegeleider",
}
GUIDE_RELATED = [f"placement__{field}" for field in GUIDE_FIELDS.values()]


def transfer_forms_visible(*, access: Access, partnership: Partnership) -> QuerySet[TransferForm]:
    qs = TransferForm.objects.filter(student__partnership=partnership)
    roles = access.roles(partnership)
    if roles & MANAGERS:
        return qs
    user = access.user
    condition = Q(pk__in=[])
    if STUDENT in roles:
        condition |= Q(student__person=user)
    if roles & set(GUIDE_ROLES):
        for field in GUIDE_FIELDS.values():
            condition |= Q(**{f"placement__{field}": user})
    if Role.SCHOOLCOORDINATOR in roles:
        schools = access.own_school_ids(partnership, {Role.SCHOOLCOORDINATOR})
        condition |= Q(placement__school__in=schools)
    if roles & {Role.SCHOOLCOORDINATOR, Role.SCHOOLOPLEIDER, Role.WERKPLEKBEGELEIDER}:
        receiving = access.own_school_ids(
            partnership, {Role.SCHOOLCOORDINATOR, Role.SCHOOLOPLEIDER}
        )
        condition |= (
            Q(status__in=SHARED)
            & ~Q(next_placement__status=PlacementStatus.CANCELLED)
            & (
                Q(next_placement__school__in=receiving)
                | Q(next_placement__werkplekbegeleider=user)
                | Q(next_placement__schoolopleider=user)
            )
        )
    return qs.filter(condition)


def guide_roles(form: TransferForm, person: Person) -> list[str]:
    """The guide roles ``person`` holds on the form's (ending) placement."""
    placement = form.placement
    return [
        role
        for role, field in GUIDE_FIELDS.items()
        if getattr(placement, f"{field}_id") == person.pk
    ]


def submit_recipients(form: TransferForm) -> list[tuple[str, Person]]:
    """The guides of the ending placement who get an e-mail when the student submits the form,
    each with their role: werkplekbegeleider, schoolopleider, instituutsopleider (once each)."""
    placement = form.placement
    seen: set[int] = set()
    people = []
    for role in (Role.WERKPLEKBEGELEIDER, Role.SCHOOLOPLEIDER, Role.INSTITUUTSOPLEIDER):
        person = getattr(placement, role)
        if person is not None and person.pk not in seen:
            seen.add(person.pk)
            people.append((str(Role(role).label), person))
    return people


def receivers(
    form: TransferForm, today: datetime.date | None = None, next_placement=None
) -> list[Person]:
    """The people of the receiving school who get the form once it is shared: its
    schoolcoördinator(s) and schoolopleider(s) and the next placement's guides at the school.
    ``next_placement`` previews the receivers before sharing links the form to it."""
    nxt = next_placement or form.next_placement
    if nxt is None or nxt.status == PlacementStatus.CANCELLED:
        return []
    today = today or timezone.localdate()
    people = school_people(nxt.school, Role.SCHOOLCOORDINATOR, today)
    people += school_people(nxt.school, Role.SCHOOLOPLEIDER, today)
    people += [p for p in (nxt.schoolopleider, nxt.werkplekbegeleider) if p is not None]
    unique = {p.pk: p for p in people if p.is_active}
    return list(unique.values())


def agreements(form: TransferForm) -> dict[str, object]:
    """Each guide role's latest remark (the remarks are ordered by time)."""
    latest: dict[str, object] = {}
    for remark in form.remarks.all():
        latest[remark.role] = remark
    return latest


class TransferPolicy:
    """What ``person`` may do with ``form`` now; each ``*_blocker`` gives the reason a step that
    the person could take is not possible yet (or "" when it is)."""

    def __init__(self, form: TransferForm, person: Person, today: datetime.date | None = None):
        self.form = form
        self.person = person
        self.today = today or timezone.localdate()
        self.is_student = form.student.person_id == person.pk
        self.guide_roles = guide_roles(form, person)
        self.next_placement = current_next(form) if self.is_student else form.next_placement

    @property
    def may_edit(self) -> bool:
        return self.is_student and self.form.status in EDITABLE

    @property
    def may_submit(self) -> bool:
        return self.is_student and self.form.status == T.DRAFT

    @property
    def may_remark(self) -> bool:
        return bool(self.guide_roles) and self.form.status == T.SUBMITTED

    @property
    def may_finalise(self) -> bool:
        return self.is_student and self.form.status == T.SUBMITTED

    def finalise_blocker(self) -> str:
        if self.form.placement.instituutsopleider_id is None:
            return _(
                "No institute trainer is assigned to this placement; ask your coordinator to "
                "assign one."
            )
        remark = agreements(self.form).get(Role.INSTITUUTSOPLEIDER)
        if remark is None or not remark.agrees:
            return _("The form can be made final once your institute trainer has agreed.")
        return ""

    @property
    def may_share(self) -> bool:
        return self.is_student and self.form.status == T.FINAL

    def share_blocker(self) -> str:
        if self.next_placement is None:
            return _(
                "Your next school is not known yet. As soon as your next placement has been "
                "proposed, you can share the form with that school."
            )
        return ""

    @property
    def may_choose_employer(self) -> bool:
        return self.is_student and self.form.status in FINISHED and self.next_placement is None

    @property
    def is_receiver(self) -> bool:
        return self.form.status in SHARED and any(
            p.pk == self.person.pk for p in receivers(self.form, self.today)
        )

    @property
    def may_acknowledge(self) -> bool:
        return self.form.status == T.SHARED and self.is_receiver
