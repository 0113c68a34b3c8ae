"""Baseline pages for the placements, quality, programme and professionalisation pages in the
benchmark (``drive.py``): as in ``baseline.py``, the rows each page shows read with plain
``.values()`` querysets and written as a bare HTML table — no access layer, no templates, no
forms, filters or navigation. Lists show the page's first page (its page size); pages that show
every row (the subsidy list, the capacity overview) show every row here too."""

from django.db.models import Count, Q, Sum
from django.http import Http404

from partnerships.models import AcademicYear, Person, Qualification, RoleAssignment, Student
from placements.models import (
    AllocationResult,
    AllocationRun,
    CapacityLine,
    Division,
    Place,
    Placement,
    PlacementEvent,
    Preference,
    PreferenceForm,
    ProcedureStep,
    Quota,
    QuotaShare,
    SchoolCapacity,
    TransferForm,
    TransferFormRemark,
)
from programme.models import Event, Registration, Session, TimeSlot
from quality.models import Answer, Invitation, QualityReport, ReportSection, SurveyRound
from tests.benchmarks.baseline import PAGE, _page, _partnership, _table


def _year(label: str) -> AcademicYear:
    try:
        return AcademicYear.objects.get(start_year=AcademicYear.parse_label(label))
    except (ValueError, AcademicYear.DoesNotExist) as exc:
        raise Http404 from exc


def _one(rows):
    rows = list(rows)
    if not rows:
        raise Http404
    return rows


PLACEMENT_COLUMNS = (
    "pk",
    "student__person__first_name",
    "student__person__last_name",
    "student__institute__name",
    "school__name",
    "subject__name",
    "stage",
    "level",
    "start",
    "status",
    "werkplekbegeleider__first_name",
    "werkplekbegeleider__last_name",
)


def year_overview(request, partnership, year):
    """The procedure's steps of the year, the quota, and the placements per status."""
    p, y = _partnership(request, partnership), _year(year)
    steps = (
        ProcedureStep.objects.filter(partnership=p, academic_year=y)
        .order_by("number", "occurrence")
        .values("number", "code", "owner_role", "due_date", "status", "done_at")
    )
    quota = Quota.objects.filter(partnership=p, academic_year=y).values("places", "status")
    counts = (
        Placement.objects.filter(student__partnership=p, academic_year=y)
        .values("status")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return _page(_table(steps), _table(quota), _table(counts))


def quota(request, partnership, year):
    p, y = _partnership(request, partnership), _year(year)
    head = _one(
        Quota.objects.filter(partnership=p, academic_year=y).values(
            "pk", "places", "margin_percent", "status", "approved_at", "approval_meeting"
        )
    )
    shares = (
        QuotaShare.objects.filter(quota=head[0]["pk"])
        .order_by("school__name")
        .values(
            "school__name", "cluster__name", "pupils", "computed", "adjusted", "adjustment_reason"
        )
    )
    return _page(_table(head), _table(shares))


def capacity(request, partnership, year):
    """Every school's answer for the year: places per school, answered or not."""
    p, y = _partnership(request, partnership), _year(year)
    rows = (
        SchoolCapacity.objects.filter(school__partnership=p, academic_year=y)
        .order_by("school__name")
        .values("school__name", "answered_at")
        .annotate(places=Sum("lines__places"))
    )
    return _page(_table(rows))


def capacity_grid(request, partnership, year, school):
    p, y = _partnership(request, partnership), _year(year)
    lines = (
        CapacityLine.objects.filter(
            capacity__school=school, capacity__school__partnership=p, capacity__academic_year=y
        )
        .order_by("subject__name", "stage", "level", "start")
        .values("subject__name", "stage", "level", "start", "places", "availability")
    )
    return _page(_table(lines))


def division(request, partnership, year):
    """The division's head and its places summed per school."""
    p, y = _partnership(request, partnership), _year(year)
    head = _one(Division.objects.filter(partnership=p, academic_year=y).values("pk", "status"))
    per_school = (
        Place.objects.filter(division=head[0]["pk"])
        .values("school__name")
        .annotate(places=Sum("capacity"), reserved=Sum("reserved"))
        .order_by("school__name")
    )
    return _page(_table(head), _table(per_school))


def preferences(request, partnership, year):
    """The year's preference forms (page of 50) with each form's preferred schools."""
    p, y = _partnership(request, partnership), _year(year)
    forms = list(
        PreferenceForm.objects.filter(student__partnership=p, academic_year=y)
        .order_by("student__person__last_name", "student__person__first_name")
        .values(
            "pk",
            "student__person__first_name",
            "student__person__last_name",
            "student__institute__name",
            "updated_at",
        )[:50]
    )
    prefs = Preference.objects.filter(form__in=[f["pk"] for f in forms]).values(
        "form_id", "rank", "school__name"
    )
    return _page(_table(forms), _table(prefs))


def run_detail(request, partnership, pk):
    """The run's head and its first 100 results."""
    p = _partnership(request, partnership)
    head = _one(
        AllocationRun.objects.filter(partnership=p, pk=pk).values(
            "pk", "academic_year__start_year", "start", "status", "solver_status", "finished_at"
        )
    )
    results = (
        AllocationResult.objects.filter(run=pk)
        .order_by("student__person__last_name", "student__person__first_name")
        .values(
            "student__person__first_name",
            "student__person__last_name",
            "place__school__name",
            "place__subject__name",
            "locked",
        )[:100]
    )
    return _page(_table(head), _table(results))


def placement_list(request, partnership, year):
    p, y = _partnership(request, partnership), _year(year)
    rows = (
        Placement.objects.filter(student__partnership=p, academic_year=y)
        .order_by("student__person__last_name", "student__person__first_name", "pk")
        .values(*PLACEMENT_COLUMNS)[:PAGE]
    )
    return _page(_table(rows))


def placement_detail(request, partnership, pk):
    p = _partnership(request, partnership)
    rows = _one(
        Placement.objects.filter(student__partnership=p, pk=pk).values(
            *PLACEMENT_COLUMNS,
            "academic_year__start_year",
            "practice_percent",
            "schoolopleider__last_name",
            "instituutsopleider__last_name",
            "cancel_reason",
        )
    )
    events = (
        PlacementEvent.objects.filter(placement=pk)
        .order_by("-pk")
        .values("action", "by__first_name", "by__last_name")
    )
    return _page(_table(rows), _table(events))


def transfer_list(request, partnership, year):
    p, y = _partnership(request, partnership), _year(year)
    rows = (
        TransferForm.objects.filter(student__partnership=p, placement__academic_year=y)
        .order_by("student__person__last_name", "student__person__first_name")
        .values(
            "pk",
            "student__person__first_name",
            "student__person__last_name",
            "placement__school__name",
            "status",
            "deadline",
        )[:50]
    )
    return _page(_table(rows))


def transfer_form(request, partnership, pk):
    p = _partnership(request, partnership)
    rows = _one(
        TransferForm.objects.filter(student__partnership=p, pk=pk).values(
            "pk",
            "student__person__first_name",
            "student__person__last_name",
            "placement__school__name",
            "placement__subject__name",
            "status",
            "deadline",
            "suits_me",
            "strengths",
            "points_of_attention",
            "learning_goals_next_year",
            "other_remarks",
        )
    )
    remarks = TransferFormRemark.objects.filter(form=pk).values(
        "author__first_name", "author__last_name", "role", "text", "agrees"
    )
    return _page(_table(rows), _table(remarks))


def subsidy(request, partnership, year):
    """Every placement of the year with its student's subsidy category (the list shows all)."""
    p, y = _partnership(request, partnership), _year(year)
    rows = (
        Placement.objects.filter(student__partnership=p, academic_year=y)
        .order_by("student__subsidy_category", "student__person__last_name", "student_id")
        .values(
            "student_id",
            "student__person__first_name",
            "student__person__last_name",
            "student__institute__name",
            "student__subsidy_category",
            "school__name",
            "start",
            "status",
        )
    )
    return _page(_table(rows))


def results_index(request, partnership):
    p = _partnership(request, partnership)
    rows = (
        SurveyRound.objects.filter(partnership=p)
        .order_by("-closes_on")
        .values("pk", "title", "survey__name", "status", "results_state", "closes_on")
        .annotate(responses=Count("responses"))
    )
    return _page(_table(rows))


def round_results(request, partnership, pk):
    """Per question: the mean and count of the round's answers (the page's tables)."""
    p = _partnership(request, partnership)
    head = _one(SurveyRound.objects.filter(partnership=p, pk=pk).values("pk", "title", "status"))
    rows = (
        Answer.objects.filter(response__round=pk, value__isnull=False)
        .values("question__text", "question_id")
        .annotate(n=Count("pk"), total=Sum("value"))
        .order_by("question_id")
    )
    return _page(_table(head), _table(rows))


def round_rates(request, partnership, pk):
    """Invited and responded per school and per institute."""
    p = _partnership(request, partnership)
    head = _one(SurveyRound.objects.filter(partnership=p, pk=pk).values("pk", "title", "status"))
    invitations = Invitation.objects.filter(round=pk)
    responded = Count("pk", filter=Q(responded_at__isnull=False))
    schools = (
        invitations.values("school__name")
        .annotate(invited=Count("pk"), responded=responded)
        .order_by("school__name")
    )
    institutes = (
        invitations.values("institute__name")
        .annotate(invited=Count("pk"), responded=responded)
        .order_by("institute__name")
    )
    return _page(_table(head), _table(schools), _table(institutes))


def report_detail(request, partnership, pk):
    p = _partnership(request, partnership)
    head = _one(
        QualityReport.objects.filter(partnership=p, pk=pk).values(
            "pk", "title", "status", "kind", "half", "adopted_at", "meeting"
        )
    )
    sections = ReportSection.objects.filter(report=pk).order_by("order").values("title", "analysis")
    return _page(_table(head), _table(sections))


def event_list(request, partnership):
    """This year's published events (the list's first page of 100) with their registrations."""
    p = _partnership(request, partnership)
    rows = (
        Event.objects.filter(partnership=p, is_published=True)
        .order_by("date", "starts_at")
        .values("pk", "title", "kind", "date", "starts_at", "ends_at", "host_school__name")
        .annotate(registrations=Count("slots__registrations"))[:100]
    )
    return _page(_table(rows))


def signup(request, partnership, pk):
    """The event, its slots and sessions with their places taken, the student's choices."""
    p = _partnership(request, partnership)
    head = _one(
        Event.objects.filter(partnership=p, pk=pk).values(
            "pk", "title", "date", "starts_at", "ends_at", "signup_closes_on"
        )
    )
    slots = TimeSlot.objects.filter(event=pk).order_by("starts_at").values("pk", "title")
    sessions = (
        Session.objects.filter(slot__event=pk)
        .order_by("slot__starts_at", "title")
        .values("slot_id", "title", "room", "capacity")
        .annotate(taken=Count("registrations"))
    )
    mine = Registration.objects.filter(
        slot__event=pk, student__person=request.user, student__partnership=p
    ).values("slot_id", "session__title", "status")
    return _page(_table(head), _table(slots), _table(sessions), _table(mine))


def compliance(request, partnership):
    """Per school: its werkplekbegeleiders and how many of them hold a current qualification."""
    p = _partnership(request, partnership)
    roles = RoleAssignment.objects.filter(partnership=p, organisation__kind="school")
    per_school = (
        roles.values("organisation__name", "role")
        .annotate(people=Count("person", distinct=True))
        .order_by("organisation__name", "role")
    )
    people = roles.values("person")
    qualified = (
        Qualification.objects.filter(person__in=people)
        .values("kind", "status")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return _page(_table(per_school), _table(qualified))


def my_programme(request, partnership):
    """The student's registrations this year."""
    p = _partnership(request, partnership)
    student = Student.objects.filter(partnership=p, person=request.user).values("pk")
    rows = (
        Registration.objects.filter(student__in=student)
        .order_by("slot__event__date")
        .values("slot__event__title", "slot__event__date", "session__title", "status")
    )
    people = Person.objects.filter(pk=request.user.pk).values("first_name", "last_name")
    return _page(_table(people), _table(rows))
