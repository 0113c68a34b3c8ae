"""Professionalisation in the policy document (seed 000 §3.4 Professionaliseringsactiviteiten
and §3.5 Faciliteiten, inclusief het aantal scholingsuren per medewerker): the activities on
offer with this year's runs, the requirements per school and how many schools meet them, and
the year's participation and training hours. Counts only: nobody is named. Plain data for
``partnerships.governance.registry``, registered in ``professionalisation.apps``."""

from decimal import Decimal

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from partnerships.glossary import QualificationKind, Role
from partnerships.governance.registry import Fragment

from .choices import EnrolmentStatus, RunStatus
from .compliance import norms_for
from .models import Activity
from .selectors.report import gap_label, year_professionalisation


def activities_chapter(partnership, year) -> Fragment:
    activities = (
        Activity.objects.filter(partnership=partnership, is_active=True)
        .annotate(
            n_runs=Count(
                "runs",
                filter=Q(runs__academic_year=year) & ~Q(runs__status=RunStatus.CANCELLED),
                distinct=True,
            ),
            n_enrolled=Count(
                "runs__enrolments",
                filter=Q(runs__academic_year=year)
                & ~Q(runs__status=RunStatus.CANCELLED)
                & ~Q(runs__enrolments__status=EnrolmentStatus.CANCELLED),
            ),
        )
        .order_by("name")
    )
    roles = dict(Role.choices)
    rows = [
        [
            a.name,
            a.get_kind_display(),
            ", ".join(str(roles.get(r, r)) for r in a.target_roles) or "—",
            number_format(a.hours.normalize()),
            a.get_qualification_kind_display() or "—",
            str(a.n_runs),
            str(a.n_enrolled),
        ]
        for a in activities
    ]
    return Fragment(
        heading=_("Professionalisation activities %(year)s") % {"year": year.label},
        lines=[
            _("%(n)s activities offered; %(runs)s runs this year, %(enrolled)s enrolments.")
            % {
                "n": len(rows),
                "runs": sum(int(r[5]) for r in rows),
                "enrolled": sum(int(r[6]) for r in rows),
            }
        ],
        tables=[
            (
                [
                    _("Activity"),
                    _("Kind"),
                    _("For"),
                    _("Hours"),
                    _("Completion gives"),
                    _("Runs"),
                    _("Enrolments"),
                ],
                rows,
            )
        ],
    )


def compliance_chapter(partnership, year) -> Fragment:
    norms = norms_for(partnership)
    data = year_professionalisation(partnership=partnership, year=year, on=timezone.localdate())
    return Fragment(
        heading=_("Requirements per school and compliance"),
        lines=[
            _(
                "Per school at least %(so)s schoolopleiders of whom %(brlo)s BRLO-registered, "
                "%(sc)s schoolcoördinator, %(assessors)s certified assessor and %(wpb)s certified "
                "werkplekbegeleider in every section that takes students; a werkplekbegeleider "
                "has at least %(years)s years of teaching."
            )
            % {
                "so": norms.min_schoolopleiders,
                "brlo": norms.min_brlo,
                "sc": norms.min_coordinators,
                "assessors": norms.min_assessors,
                "wpb": norms.min_certified_wpb_per_section,
                "years": norms.min_teaching_years,
            },
            _("%(ok)s of %(n)s schools meet every requirement today.")
            % {"ok": data["schools_without_gaps"], "n": len(data["schools"])},
        ],
        tables=[
            (
                [_("School"), _("Certified mentors"), _("Gaps")],
                [
                    [
                        s["name"],
                        f"{s['certified_mentors']} / {s['mentors']}",
                        "; ".join(f"{gap_label(code)} ({n})" for code, n in s["gaps"].items())
                        or _("none"),
                    ]
                    for s in data["schools"]
                ],
            )
        ],
    )


def training_hours_chapter(partnership, year) -> Fragment:
    data = year_professionalisation(partnership=partnership, year=year, on=timezone.localdate())
    kinds = dict(QualificationKind.choices)
    return Fragment(
        heading=_("Participation and training hours %(year)s") % {"year": year.label},
        lines=[
            _(
                "%(part)s of the %(staff)s people with a role in training take part in "
                "professionalisation this school year; %(completed)s completed a run, together "
                "%(hours)s training hours."
            )
            % {
                "part": data["taking_part"],
                "staff": data["staff"],
                "completed": data["completed"],
                "hours": number_format(Decimal(data["hours"])),
            }
        ],
        tables=[
            (
                [_("Qualification obtained this school year"), _("Count")],
                [
                    [str(kinds.get(q["kind"], q["kind"])), str(q["count"])]
                    for q in data["qualifications"]
                ],
            )
        ],
    )


def register() -> None:
    from partnerships.governance.registry import register_chapter

    register_chapter("professionalisation", activities_chapter)
    register_chapter("compliance", compliance_chapter)
    register_chapter("training_hours", training_hours_chapter)
