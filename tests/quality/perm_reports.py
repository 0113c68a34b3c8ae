"""Permission rows for the quality reports and improvement actions (quality:report_*,
quality:action_*). Wired into ``tests/partnerships/test_permissions.py``.

Reports are made inside each row's kwargs (rolled back with the row's test), straight in the
status the row needs: a draft, one with the steering group, an adopted one with its archived
PDF. Managers and governance read every report; school and institute leads only adopted ones
(a draft is a 404 for them). The programme manager writes, governance and the programme manager
comment, the stuurgroeplid adopts. Actions: readers see them; the programme manager and the
stagecoördinator manage them; the owner (here the werkplekbegeleider, who cannot read actions
otherwise) opens and updates their own action."""

import datetime
import hashlib

from django.utils import timezone

from quality.models import ImprovementAction, QualityReport, ReportSection
from quality.report_data import SECTION_TITLES
from tests.factories import academic_year
from tests.partnerships.test_permissions import (
    FORGED,
    GOVERNANCE,
    IC,
    IO,
    MANAGERS,
    SC2,
    SCHOOL1_LEADS,
    SO2,
    Row,
    forged,
    has_form_errors,
    url_rows,
)

NS = "quality"
PM = "programmamanager"
STUURGROEP = "stuurgroeplid"
SEES_DRAFTS = (*MANAGERS, *GOVERNANCE)
LEADS = (*SCHOOL1_LEADS, IO, IC, SC2, SO2)
READERS = (*SEES_DRAFTS, *LEADS)
COMMENTERS = (PM, *GOVERNANCE)
ACTION_MANAGERS = ("stagecoordinator", PM)
OWNER = "werkplekbegeleider"
PDF = b"%PDF-1.7\n% archived\n"


def _report(partnership, status="draft", half=1) -> QualityReport:
    extra = {}
    if status == "adopted":
        extra = {
            "pdf": PDF,
            "pdf_sha256": hashlib.sha256(PDF).hexdigest(),
            "adopted_at": timezone.now(),
            "meeting": "Stuurgroep",
            "meeting_date": timezone.localdate(),
        }
    report = QualityReport.objects.create(
        partnership=partnership,
        academic_year=academic_year(),
        kind="half_year",
        half=half,
        title=f"Kwaliteitsrapportage {status}",
        status=status,
        data={"drafted_on": timezone.localdate().isoformat()},
        **extra,
    )
    ReportSection.objects.bulk_create(
        ReportSection(report=report, key=key, title=str(title), order=i)
        for i, (key, title) in enumerate(SECTION_TITLES.items())
    )
    return report


def report(status="draft", **extra):
    return lambda w: {"partnership": w.a.slug, "pk": _report(w.a, status).pk, **extra}


def b_report(w):
    return {"partnership": w.a.slug, "pk": _report(w.b, "adopted").pk}


def _action(w, *, owner=OWNER, report_status=None) -> ImprovementAction:
    return ImprovementAction.objects.create(
        partnership=w.a,
        title="Inwerkprogramma voor nieuwe wpb'ers",
        level="partnership",
        owner=w[owner],
        due_date=timezone.localdate() + datetime.timedelta(days=30),
        report=_report(w.a, report_status) if report_status else None,
    )


def action(**options):
    return lambda w: {"partnership": w.a.slug, "pk": _action(w, **options).pk}


def b_action(w):
    found = ImprovementAction.objects.create(
        partnership=w.b,
        title="Elders",
        level="partnership",
        owner=w["other_partnership"],
        due_date=timezone.localdate(),
    )
    return {"partnership": w.a.slug, "pk": found.pk}


def in_a(w):
    return {"partnership": w.a.slug}


def action_data(w):
    return {
        "title": "Inwerkprogramma",
        "source": "report",
        "level": "partnership",
        "owner": w[OWNER].pk,
        "due_date": (timezone.localdate() + datetime.timedelta(days=60)).isoformat(),
        "status": "in_progress",
        "evaluation": "",
    }


def invalid(name, kwargs, ok, data):
    """An invalid submission: the allowed actors get the form back with its errors."""
    return url_rows(
        name,
        kwargs,
        ok=ok,
        method="post",
        data=data,
        variant="invalid",
        check=has_form_errors,
        namespace=NS,
    )


ADOPT = {"meeting": "Stuurgroep 12 februari", "meeting_date": "2020-02-12"}
POST = {"method": "post", "namespace": NS}
GET = {"namespace": NS}

ROWS: list[Row] = [
    # --- reports: reading ------------------------------------------------------------------
    *url_rows("report_list", in_a, ok=READERS, **GET),
    *url_rows("report_detail", report(), ok=SEES_DRAFTS, not_found=LEADS, **GET),
    *url_rows(
        "report_detail",
        report("in_review"),
        ok=SEES_DRAFTS,
        not_found=LEADS,
        variant="review",
        **GET,
    ),
    *url_rows("report_detail", report("adopted"), ok=READERS, variant="adopted", **GET),
    *url_rows("report_pdf", report(), ok=SEES_DRAFTS, not_found=LEADS, **GET),
    *url_rows("report_pdf", report("adopted"), ok=READERS, variant="adopted", **GET),
    # --- reports: writing, commenting, handing over, adopting -----------------------------------
    *url_rows("report_section_edit", report(section="dropout"), ok=(PM,), **GET),
    *url_rows(
        "report_section_edit",
        report(section="dropout"),
        ok=(PM,),
        ok_status=302,
        data={"analysis": "Minder uitval dan vorig jaar."},
        variant="save",
        **POST,
    ),
    *invalid("report_section_edit", report(section="dropout"), (PM,), {"analysis": "x" * 20001}),
    *url_rows(
        "report_section_edit",
        report("adopted", section="dropout"),
        ok=(PM,),
        ok_status=302,
        variant="adopted",
        **GET,
    ),
    *url_rows("report_comment", report(), ok=COMMENTERS, **GET),
    *url_rows(
        "report_comment",
        report("in_review"),
        ok=COMMENTERS,
        ok_status=302,
        data={"text": "Graag de uitval per instituut toelichten."},
        **POST,
    ),
    *invalid("report_comment", report(), COMMENTERS, {"text": " "}),
    *url_rows("report_submit", report(), ok=(PM,), **GET),
    *url_rows("report_submit", report(), ok=(PM,), ok_status=302, **POST),
    *url_rows("report_adopt", report("in_review"), ok=(STUURGROEP,), **GET),
    *url_rows(
        "report_adopt", report("in_review"), ok=(STUURGROEP,), ok_status=302, data=ADOPT, **POST
    ),
    *invalid("report_adopt", report("in_review"), (STUURGROEP,), {"meeting": ""}),
    # check before adopting: without (or with forged) signed values back to the form
    *url_rows("report_adopt_check", report("in_review"), ok=(STUURGROEP,), ok_status=302, **GET),
    *url_rows(
        "report_adopt_check",
        report("in_review"),
        ok=(STUURGROEP,),
        ok_status=302,
        data={"data": "forged"},
        **POST,
    ),
    *url_rows("report_adopted", report("adopted"), ok=(STUURGROEP,), **GET),
    *url_rows(
        "report_adopted",
        report("in_review"),
        ok=(STUURGROEP,),
        ok_status=302,
        variant="not_adopted",
        **GET,
    ),
    # --- improvement actions ----------------------------------------------------------------
    *url_rows("action_list", in_a, ok=READERS, **GET),
    *url_rows("action_create", in_a, ok=ACTION_MANAGERS, **GET),
    *invalid("action_create", in_a, ACTION_MANAGERS, {"level": "school"}),
    *url_rows("action_detail", action(), ok=(*READERS, OWNER), **GET),
    *url_rows(
        "action_detail",
        action(owner=PM, report_status="draft"),
        ok=SEES_DRAFTS,
        not_found=LEADS,
        variant="draft_report",
        **GET,
    ),
    *url_rows("action_update", action(), ok=(*ACTION_MANAGERS, OWNER), **GET),
    *url_rows(
        "action_update",
        action(),
        ok=(*ACTION_MANAGERS, OWNER),
        ok_status=302,
        data=action_data,
        **POST,
    ),
    *invalid("action_update", action(), (*ACTION_MANAGERS, OWNER), {"status": "done"}),
    # --- forged ids and other partnerships' objects -------------------------------------------
    *forged("report_detail", b_report, "b_report", namespace=NS),
    *forged("report_detail", lambda w: {"partnership": w.a.slug, "pk": FORGED}, namespace=NS),
    *forged("report_pdf", b_report, "b_report", namespace=NS),
    *forged(
        "report_section_edit",
        report(section="no-such-section"),
        "unknown_section",
        actor=PM,
        namespace=NS,
    ),
    *forged("report_comment", b_report, "b_report", actor=PM, method="post", namespace=NS),
    *forged("report_adopt", b_report, "b_report", actor=STUURGROEP, method="post", namespace=NS),
    *forged(
        "report_adopt_check", b_report, "b_report", actor=STUURGROEP, method="post", namespace=NS
    ),
    *forged("report_adopted", b_report, "b_report", actor=STUURGROEP, namespace=NS),
    *forged("action_detail", b_action, "b_action", namespace=NS),
    *forged("action_detail", lambda w: {"partnership": w.a.slug, "pk": FORGED}, namespace=NS),
    *forged("action_update", b_action, "b_action", method="post", namespace=NS),
]


# --- the report per school and per institute (issue 15, item 6) ------------------------------
def part(status="adopted", org="school1"):
    """An organisation's part of a report: its leads (and managers, governance) read it."""

    def kwargs(w):
        from quality.models import OrganisationReport

        found = _report(w.a, status)
        organisation = getattr(w, org)
        OrganisationReport.objects.create(
            report=found, organisation=organisation, data={"organisation": organisation.name}
        )
        return {"partnership": w.a.slug, "pk": found.pk, "organisation": organisation.pk}

    return kwargs


def b_part(w):
    from quality.models import OrganisationReport

    found = _report(w.b, "adopted")
    OrganisationReport.objects.create(report=found, organisation=w.school_b, data={})
    return {"partnership": w.a.slug, "pk": found.pk, "organisation": w.school_b.pk}


ROWS += [
    *url_rows(
        "report_organisation",
        part(),
        ok=(*SEES_DRAFTS, *SCHOOL1_LEADS),
        not_found=(IO, IC, SC2, SO2),
        **GET,
    ),
    *url_rows(
        "report_organisation",
        part(org="institute"),
        ok=(*SEES_DRAFTS, IO, IC),
        not_found=(*SCHOOL1_LEADS, SC2, SO2),
        variant="institute",
        **GET,
    ),
    *url_rows(
        "report_organisation",
        part(status="draft"),
        ok=SEES_DRAFTS,
        not_found=LEADS,
        variant="draft",
        **GET,
    ),
    *forged("report_organisation", b_part, "b_part", namespace=NS),
]
