"""Dashboard cards of a student: short of webinars this period, their pair and their group."""

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from partnerships.access import STUDENT
from partnerships.dashboard import Card
from partnerships.models import AcademicYear, Student
from programme.models import IntervisionGroup, StudentPair, WebinarLog
from programme.selectors import groups as selectors


def cards(access, partnership) -> list[Card]:
    if STUDENT not in access.roles(partnership):
        return []
    student = Student.objects.filter(
        person=access.user, partnership=partnership, is_active=True
    ).first()
    if student is None:
        return []
    today = timezone.localdate()
    year = AcademicYear.current(today)
    slug = partnership.slug
    result = []
    period = selectors.current_period(year, today)
    if period is not None:
        done = WebinarLog.objects.filter(
            student=student, academic_year=year, period=period.number
        ).count()
        short = selectors.WEBINARS_PER_PERIOD - done
        if short > 0:
            log_url = reverse(
                "programme:webinar_log", kwargs={"partnership": slug, "pk": student.pk}
            )
            new_url = reverse("programme:webinar_create", kwargs={"partnership": slug})
            result.append(
                Card(
                    _("Webinars: %(n)d more to follow in period %(p)d")
                    % {"n": short, "p": period.number},
                    [
                        (_("Log a webinar"), new_url),
                        (_("My webinars (%(done)d logged this period)") % {"done": done}, log_url),
                    ],
                    count=short,
                )
            )
    pair = (
        StudentPair.objects.filter(partnership=partnership, academic_year=year)
        .filter(Q(first=student) | Q(second=student) | Q(third=student))
        .select_related(*selectors.PAIR_RELATED)
        .first()
    )
    if pair is not None:
        others = [m for m in selectors.pair_members(pair) if m.pk != student.pk]
        url = reverse("programme:pair_list", kwargs={"partnership": slug})
        result.append(
            Card(
                _("Your pair this year"),
                [(f"{m.person.full_name} ({m.school.name})", url) for m in others],
                level="info",
            )
        )
    group = (
        IntervisionGroup.objects.filter(
            partnership=partnership, academic_year=year, members=student
        )
        .select_related("supervisor")
        .first()
    )
    if group is not None:
        members = group.members.exclude(pk=student.pk).select_related("person", "school")
        url = reverse("programme:group_list", kwargs={"partnership": slug})
        result.append(
            Card(
                _("Your intervision group: %(name)s") % {"name": group.name},
                [(f"{m.person.full_name} ({m.school.name})", url) for m in members],
                level="info",
            )
        )
    return result
