"""A report's life through the pages: analysis per section, comments, handing it to the
steering group, adoption with the archived PDF, and nothing changing after that."""

import datetime
import re
import zlib
from urllib.parse import unquote

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from partnerships.models import AuditEntry
from quality.choices import ReportStatus
from quality.models import QualityReport, ReportComment, ReportSection
from quality.services import reports as services
from quality.tasks.reports import archive_report_pdf
from tests.factories import academic_year
from tests.quality.reports_world import draft, report_in, sha

pytestmark = pytest.mark.django_db


def url(world, name, report, *args):
    return reverse(f"quality:{name}", args=[world.a.slug, report.pk, *args])


def _inflate(stream: bytes) -> bytes:
    """A Flate stream's content; other filters (images) and a stream the light regex cut short
    (its binary held the end marker) give what could be read — the page tree is in another."""
    try:
        return zlib.decompressobj().decompress(stream)
    except zlib.error:
        return b""


def pdf_pages(data: bytes) -> int:
    """A light parse: a PDF header, a cross-reference and end marker, objects that inflate,
    and the page count of the page tree (WeasyPrint compresses objects into streams)."""
    assert data.startswith(b"%PDF-")
    assert data.rstrip().endswith(b"%%EOF")
    offset = int(re.findall(rb"startxref\s+(\d+)", data)[-1])
    assert re.match(rb"xref|\d+ 0 obj\s*<<[^>]*/Type\s*/XRef", data[offset : offset + 200])
    streams = re.findall(rb"stream\r?\n(.*?)\r?\nendstream", data, re.S)
    text = data + b"".join(_inflate(s) for s in streams)
    counts = re.findall(rb"/Type\s*/Pages\b[^>]*?/Count\s+(\d+)", text, re.S)
    counts += re.findall(rb"/Count\s+(\d+)[^>]*?/Type\s*/Pages\b", text, re.S)
    return max(int(c) for c in counts)


def test_the_whole_flow_through_the_pages(client, world, django_capture_on_commit_callbacks):
    report = draft(world)
    pm, member = world["programmamanager"], world["stuurgroeplid"]

    client.force_login(pm)
    page = client.get(url(world, "report_detail", report))
    assert page.status_code == 200
    assert page.context["may_write"] and page.context["may_submit"]
    assert "quality-summary" in page.content.decode()  # the results partial per round
    response = client.post(
        url(world, "report_section_edit", report, "response"),
        {"analysis": "De respons van studenten haalde de norm."},
    )
    assert response.status_code == 302
    assert response["Location"].endswith("#section-response")
    section = report.sections.get(key="response")
    assert section.analysis == "De respons van studenten haalde de norm."
    assert section.updated_by == pm

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url(world, "report_submit", report)).status_code == 302
    report.refresh_from_db()
    assert report.status == ReportStatus.IN_REVIEW and report.submitted_at
    assert [m.to for m in mail.outbox] == [[member.email]]

    client.force_login(member)
    page = client.get(url(world, "report_detail", report))
    assert page.context["may_adopt"] and not page.context["may_write"]
    response = client.post(
        url(world, "report_comment", report),
        {"section": section.pk, "text": "Mooi resultaat, ook voor wo?"},
    )
    assert response.status_code == 302 and response["Location"].endswith("#section-response")
    client.post(url(world, "report_comment", report), {"section": "", "text": "Akkoord."})
    assert list(report.comments.values_list("section__key", "text")) == [
        ("response", "Mooi resultaat, ook voor wo?"),
        (None, "Akkoord."),
    ]

    meeting_date = timezone.localdate() - datetime.timedelta(days=2)
    response = client.post(
        url(world, "report_adopt", report),
        {"meeting": "Stuurgroep februari", "meeting_date": meeting_date.isoformat()},
    )
    assert response.status_code == 302  # to the check page: nothing adopted yet
    assert QualityReport.objects.get(pk=report.pk).status == ReportStatus.IN_REVIEW
    token = response["Location"].split("?data=", 1)[1]
    response = client.post(url(world, "report_adopt_check", report), {"data": unquote(token)})
    assert response["Location"] == url(world, "report_adopted", report)
    report.refresh_from_db()
    assert report.status == ReportStatus.ADOPTED
    assert (report.meeting, report.meeting_date, report.adopted_by) == (
        "Stuurgroep februari",
        meeting_date,
        member,
    )
    # adopting: the page returned at once, the PDF is the worker's job (issue 15, item 7)
    assert report.is_adopting and report.pdf is None
    assert "wordt vastgesteld" in client.get(url(world, "report_detail", report)).content.decode()
    assert archive_report_pdf(report.pk) is True
    assert archive_report_pdf(report.pk) is False  # a second delivery: nothing to do
    report.refresh_from_db()
    archived = bytes(report.pdf)
    assert pdf_pages(archived) >= 2 and report.pdf_sha256 == sha(archived)
    assert AuditEntry.objects.filter(action="report_adopt", object_id=str(report.pk)).exists()

    download = client.get(url(world, "report_pdf", report))
    assert download["Content-Type"] == "application/pdf"
    assert download.content == archived and sha(download.content) == report.pdf_sha256
    entry = AuditEntry.objects.get(action="download", object_id=str(report.pk))
    assert entry.person == member and entry.details == {"archived": True}

    page = client.get(url(world, "report_detail", report)).content.decode()
    assert "Stuurgroep februari" in page
    assert url(world, "report_comment", report) not in page  # no comment form any more


def test_the_archived_pdf_holds_the_adopted_content(world, monkeypatch):
    seen = {}
    real = services.render_to_pdf

    def spy(template, context, **kwargs):
        from django.template.loader import render_to_string

        seen["html"] = render_to_string(template, context)
        return real(template, context, **kwargs)

    monkeypatch.setattr(services, "render_to_pdf", spy)
    report = report_in(world, "in_review")
    services.report_section_update(
        section=report.sections.get(key="conclusions"),
        by=world["programmamanager"],
        analysis="Het partnerschap ligt op koers.",
    )
    services.report_adopt(
        report=report,
        by=world["stuurgroeplid"],
        meeting="Stuurgroep maart",
        meeting_date=timezone.localdate(),
    )
    assert "html" not in seen  # adoption itself renders nothing
    services.report_archive_pdf(report_id=report.pk)
    html = seen["html"]
    assert report.title in html and "Het partnerschap ligt op koers." in html
    assert "Stuurgroep maart" in html
    assert 'class="watermark"' not in html


def test_a_draft_pdf_is_rendered_fresh_with_a_watermark(client, world, monkeypatch):
    report = draft(world)
    client.force_login(world["stuurgroeplid"])
    first = client.get(url(world, "report_pdf", report))
    assert first.status_code == 200 and pdf_pages(first.content) >= 1
    assert QualityReport.objects.get(pk=report.pk).pdf is None  # nothing archived
    html = services.render_to_pdf.__globals__["render_to_string"](
        services.PRINT_TEMPLATE,
        {**services.report_document(report), "draft": True, "printed_at": timezone.now()},
    )
    assert 'class="watermark"' in html


def test_a_damaged_archive_is_never_served(client, world):
    report = report_in(world, "adopted")
    QualityReport.objects.filter(pk=report.pk).update(pdf=b"%PDF-1.7 tampered")
    client.force_login(world["stuurgroeplid"])
    assert client.get(url(world, "report_pdf", report)).status_code == 500


def test_nothing_changes_after_adoption_through_the_services(world):
    report = report_in(world, "adopted")
    section = report.sections.get(key="summary")
    pm, member = world["programmamanager"], world["stuurgroeplid"]
    attempts = [
        lambda: services.report_section_update(section=section, by=pm, analysis="Later"),
        lambda: services.report_comment_add(report=report, by=member, text="Te laat"),
        lambda: services.report_submit(report=report, by=pm),
        lambda: services.report_adopt(
            report=report, by=member, meeting="Nog eens", meeting_date=timezone.localdate()
        ),
    ]
    before = (report.pdf_sha256, report.adopted_at, report.meeting)
    for attempt in attempts:
        with pytest.raises(ValidationError):
            attempt()
    report.refresh_from_db()
    assert (report.pdf_sha256, report.adopted_at, report.meeting) == before
    assert ReportSection.objects.get(pk=section.pk).analysis == ""
    assert not ReportComment.objects.filter(report=report).exists()


def test_nothing_changes_after_adoption_through_the_pages(client, world):
    report = report_in(world, "adopted")
    client.force_login(world["programmamanager"])
    for name, args, data in [
        ("report_section_edit", ["summary"], {"analysis": "Later"}),
        ("report_comment", [], {"text": "Te laat"}),
        ("report_submit", [], {}),
    ]:
        response = client.post(url(world, name, report, *args), data)
        assert response.status_code == 302
        assert response["Location"] == report.get_absolute_url()
    client.force_login(world["stuurgroeplid"])
    response = client.post(
        url(world, "report_adopt", report),
        {"meeting": "Nog eens", "meeting_date": timezone.localdate().isoformat()},
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.meeting == "Stuurgroep"
    assert not report.comments.exists()
    assert report.sections.get(key="summary").analysis == ""
    page = client.get(report.get_absolute_url())
    assert not page.context["may_write"] and not page.context["may_comment"]
    assert not page.context["may_adopt"]


def test_adoption_needs_the_review_status_and_a_meeting(client, world):
    report = draft(world)
    client.force_login(world["stuurgroeplid"])
    response = client.post(
        url(world, "report_adopt", report),
        {"meeting": "Stuurgroep", "meeting_date": timezone.localdate().isoformat()},
    )
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    services.report_submit(report=report, by=world["programmamanager"])
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    response = client.post(
        url(world, "report_adopt", report), {"meeting": " ", "meeting_date": tomorrow}
    )
    form = response.context["form"]
    assert "meeting" in form.errors
    response = client.post(
        url(world, "report_adopt", report), {"meeting": "Stuurgroep", "meeting_date": tomorrow}
    )
    assert "meeting_date" in response.context["form"].errors
    report.refresh_from_db()
    assert report.status == ReportStatus.IN_REVIEW and report.pdf is None


def test_a_comment_needs_text_and_a_section_of_this_report(client, world):
    report = draft(world)
    other = draft(world, half=2)
    client.force_login(world["stuurgroeplid"])
    response = client.post(url(world, "report_comment", report), {"text": "  "})
    assert "text" in response.context["form"].errors
    foreign = other.sections.get(key="summary")
    response = client.post(
        url(world, "report_comment", report), {"section": foreign.pk, "text": "Hier?"}
    )
    assert "section" in response.context["form"].errors
    assert not ReportComment.objects.exists()


def test_leads_see_adopted_reports_only(client, world):
    drafted = draft(world, half=2)
    adopted = report_in(world, "adopted")
    client.force_login(world["schoolcoordinator"])
    listed = client.get(reverse("quality:report_list", args=[world.a.slug])).context["reports"]
    assert list(listed) == [adopted]
    assert client.get(url(world, "report_detail", drafted)).status_code == 404
    client.force_login(world["bestuursraadlid"])
    listed = client.get(reverse("quality:report_list", args=[world.a.slug])).context["reports"]
    assert set(listed) == {adopted, drafted}


@pytest.mark.parametrize("actor", ["programmamanager", "schoolcoordinator"])
def test_report_list_query_count_is_flat(client, world, actor):
    client.force_login(world[actor])
    list_url = reverse("quality:report_list", args=[world.a.slug])
    counts, made = {}, 0
    for size in (1, 10, 50):
        while made < size:
            QualityReport.objects.create(
                partnership=world.a,
                academic_year=academic_year(2000 + made),
                kind="half_year",
                half=1,
                title=f"Rapport {made}",
                status="adopted",
                adopted_by=world["stuurgroeplid"],
                adopted_at=timezone.now(),
                meeting="Stuurgroep",
            )
            made += 1
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(list_url)
        assert response.context["paginator"].count == size
        counts[size] = len(ctx.captured_queries)
    assert len(set(counts.values())) == 1, counts
