"""Who may take which step of a placement's lifecycle, and who may tick off a procedure step.

On top of the role check (``PlacementAction.MANAGE_PLACEMENTS``) the placement itself decides:

* stagecoördinator and programme manager act on every placement of the partnership;
* a schoolcoördinator acts on the placements at their school (and its cluster schools);
* an instituutscoördinator proposes placements for their institute's students, withdraws a
  proposal before it is confirmed and assigns the institute trainer — but never confirms,
  activates or assigns the school's guides;
* the placement's own schoolopleider records the introductory interview (they hold it, often
  filling in the checklist on a phone during the talk) — nothing else.

Which steps a status allows mirrors ``services.lifecycle.ALLOWED``, so a button is only shown
when the service would accept it."""

from enum import StrEnum

from django.db.models import Q, QuerySet

from partnerships.access import Access
from partnerships.glossary import Role
from partnerships.models import Organisation, Partnership, Student
from placements.choices import ApprovalStatus, PlacementStatus
from placements.lifecycle.services import ALLOWED
from placements.models import Place, Placement, ProcedureStep
from placements.permissions import PLANNERS, PlacementAction

S = PlacementStatus


class Step(StrEnum):
    PLAN_INTERVIEW = "plan_interview"
    INTERVIEW_HELD = "interview_held"
    CONFIRM = "confirm"
    ACTIVATE = "activate"
    COMPLETE = "complete"
    CANCEL = "cancel"
    GUIDES = "guides"
    LOCK = "lock"


def step_possible(step: Step, status: str) -> bool:
    """Whether a placement in ``status`` can take ``step`` at all (whoever asks)."""
    allowed = ALLOWED[S(status)]
    return {
        Step.PLAN_INTERVIEW: status in (S.PROPOSED, S.INTERVIEW_PLANNED),
        Step.INTERVIEW_HELD: S.INTERVIEW_HELD in allowed,
        Step.CONFIRM: S.CONFIRMED in allowed,
        Step.ACTIVATE: S.ACTIVE in allowed,
        Step.COMPLETE: S.COMPLETED in allowed,
        Step.CANCEL: S.CANCELLED in allowed,
        Step.GUIDES: bool(allowed),
        Step.LOCK: bool(allowed),
    }[step]


# What an instituutscoördinator may do with their own institute's students' placements.
INSTITUTE_STEPS = frozenset({Step.CANCEL, Step.GUIDES})
BEFORE_CONFIRMATION = frozenset({S.PROPOSED, S.INTERVIEW_PLANNED, S.INTERVIEW_HELD})
GUIDE_FIELDS = ("werkplekbegeleider", "schoolopleider", "instituutsopleider")


class PlacementPolicy:
    def __init__(self, access: Access, partnership: Partnership):
        self.access = access
        self.partnership = partnership
        roles = access.roles(partnership)
        self.manages = access.can(partnership, PlacementAction.MANAGE_PLACEMENTS)
        self.plans = bool(roles & PLANNERS)
        self.school_ids: set[int] = set()
        self.institute_ids: set[int] = set()
        if self.manages and not self.plans:
            if Role.SCHOOLCOORDINATOR in roles:
                self.school_ids = access.own_school_ids(partnership, {Role.SCHOOLCOORDINATOR})
            if Role.INSTITUUTSCOORDINATOR in roles:
                institutes = access.manageable_institutes(partnership)
                self.institute_ids = set(institutes.values_list("pk", flat=True))

    def own_steps(self, placement: Placement) -> frozenset[Step]:
        """The steps this user may take on ``placement`` in the statuses that allow them."""
        steps = set(self._managed_steps(placement))
        if placement.schoolopleider_id and placement.schoolopleider_id == self.access.user.pk:
            steps.add(Step.INTERVIEW_HELD)
        return frozenset(steps)

    def _managed_steps(self, placement: Placement) -> frozenset[Step]:
        if not self.manages:
            return frozenset()
        if self.plans or placement.school_id in self.school_ids:
            return frozenset(Step)
        if placement.student.institute_id in self.institute_ids:
            steps = set(INSTITUTE_STEPS)
            if placement.status not in BEFORE_CONFIRMATION:
                steps.discard(Step.CANCEL)
            return frozenset(steps)
        return frozenset()

    def steps(self, placement: Placement) -> set[Step]:
        """The steps this user may take on ``placement`` now."""
        return {s for s in self.own_steps(placement) if step_possible(s, placement.status)}

    def may(self, step: Step, placement: Placement) -> bool:
        return step in self.steps(placement)

    def guide_fields(self, placement: Placement) -> tuple[str, ...]:
        """The guides this user may assign: the institute only its own trainer."""
        if self.plans or placement.school_id in self.school_ids:
            return GUIDE_FIELDS
        return ("instituutsopleider",)

    # --- proposing a new placement ----------------------------------------------------------
    def students_to_place(self) -> QuerySet[Student]:
        qs = Student.objects.filter(partnership=self.partnership, is_active=True)
        if not self.plans:
            qs = self.access.students(self.partnership).filter(
                Q(school__in=self.school_ids) | Q(institute__in=self.institute_ids),
                is_active=True,
            )
        return qs.select_related("person").order_by("person__last_name", "person__first_name")

    def schools_to_place_at(self) -> QuerySet[Organisation]:
        qs = Organisation.objects.filter(
            partnership=self.partnership, kind="school", is_active=True
        )
        if self.plans or self.institute_ids:
            return qs
        return qs.filter(pk__in=self.school_ids)

    def places_to_place_on(self, year) -> QuerySet[Place]:
        return Place.objects.filter(
            division__partnership=self.partnership,
            division__academic_year=year,
            division__status=ApprovalStatus.PUBLISHED,
            school__in=self.schools_to_place_at(),
        ).select_related("school", "subject")


def may_manage_step(access: Access, partnership: Partnership, step: ProcedureStep) -> bool:
    """A procedure step is ticked off by whoever holds its owner role, or the stagecoördinator."""
    return access.has_role(partnership, step.owner_role, Role.STAGECOORDINATOR)


def may_generate_calendar(access: Access, partnership: Partnership) -> bool:
    return bool(access.roles(partnership) & PLANNERS)
