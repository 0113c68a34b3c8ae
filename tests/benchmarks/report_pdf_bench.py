"""Benchmark: rendering the PDF of a quality report with realistic data.

    uv run python tests/benchmarks/report_pdf_bench.py [--scale 1] [--runs 5] [--record]

Uses its own PostgreSQL database (BENCH_REPORT_DATABASE_URL, default
postgres://postgres@127.0.0.1:5432/os_bench_report; created and migrated when missing) and
rolls everything back at the end. Builds a partnership with 40 schools and 6 institutes and the
three shipped surveys (student survey, wpb survey, KOOS self-evaluation), each run in two half
years (so every chart has a trend): per half 1,500·scale students, 1,000·scale werkplekbegeleiders
and 600·scale KOOS respondents invited, about 70% answering (the demo's answer generator). It
then drafts the half-year report of the second half (3 rounds, ~2,200 responses at scale 1; the
results summaries with their SVG charts, response, 120 cancelled placements, 30 improvement
actions), writes an analysis in every section, and times ``report_pdf_render`` ``--runs`` times
(median of wall and of CPU time), then ``--runs`` more renders split into steps (data, HTML,
WeasyPrint's parsing, layout and writing, garbage collection) to show where the CPU goes.
``--record`` appends the result to tests/benchmarks/RESULTS.md."""

from __future__ import annotations

import argparse
import datetime
import os
import random
import re
import secrets
import statistics
import sys
import time
import zlib
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
DATABASE_URL = os.environ.get(
    "BENCH_REPORT_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/os_bench_report"
)


class Rollback(Exception):
    pass


def pdf_pages(pdf: bytes) -> int | None:
    """The page count of the page tree (WeasyPrint writes it inside a compressed object stream)."""
    for match in re.finditer(rb"stream\r?\n", pdf):
        try:
            data = zlib.decompressobj().decompress(pdf[match.end() :])
        except zlib.error:
            continue
        if count := re.search(rb"/Type\s*/Pages\b[^>]*?/Count\s+(\d+)", data):
            return int(count.group(1))
    return None


def ensure_database() -> None:
    import psycopg

    url = urlsplit(DATABASE_URL)
    name = url.path.lstrip("/")
    admin = url._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')


def setup_django() -> None:
    os.environ.update({"DATABASE_URL": DATABASE_URL, "DJANGO_SETTINGS_MODULE": "config.settings"})
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)


def build(scale: int):
    from django.utils import timezone

    from partnerships.models import AcademicYear, Organisation, Partnership, Person, Student
    from placements.models import Placement
    from quality.demo.rounds import _answers
    from quality.models import (
        ImprovementAction,
        Invitation,
        Question,
        Response,
        Survey,
        SurveyRound,
    )
    from quality.services.surveys import survey_templates_install

    rng = random.Random(1)
    partnership = Partnership.objects.create(name="Benchmark rapportage", slug="bench-report")
    schools = [
        Organisation.objects.create(partnership=partnership, name=f"School {i:02}", kind="school")
        for i in range(40)
    ]
    institutes = [
        Organisation.objects.create(
            partnership=partnership, name=f"Instituut {i}", kind="institute", institute_level="hbo"
        )
        for i in range(6)
    ]
    surveys = survey_templates_install(partnership=partnership)
    sizes = {"students": 1500, "mentors": 1000, "koos": 600}
    groups = {"students": "student", "mentors": "mentor", "koos": "school_trainer"}
    people = Person.objects.bulk_create(
        Person(email=f"p{i}@bench-report.example", first_name="P", last_name=str(i), password="!")
        for i in range(max(sizes.values()) * scale)
    )
    today = timezone.localdate()
    year = AcademicYear.current(today)
    halves = [
        (1, datetime.date(year.start_year + 1, 1, 8)),
        (2, datetime.date(year.start_year + 1, 6, 8)),
    ]
    for survey, audience in zip(surveys, sizes, strict=True):
        survey = Survey.objects.get(pk=survey.pk)
        questions = list(Question.objects.filter(section__survey=survey))
        base = {q.pk: rng.uniform(2.9, 4.1) for q in questions}
        for step, (half, opens_on) in enumerate(halves):
            survey_round = SurveyRound.objects.create(
                partnership=partnership,
                survey=survey,
                academic_year=year,
                half=half,
                title=f"{survey.name} {opens_on:%B %Y}",
                audience="students" if audience == "students" else "mentors",
                opens_on=opens_on,
                closes_on=opens_on + datetime.timedelta(days=21),
                status="closed",
            )
            means = {pk: m + 0.2 * step for pk, m in base.items()}
            invitations, responses, answers = [], [], []
            for i in range(sizes[audience] * scale):
                school, institute = schools[i % 40], institutes[i % 6]
                responded = rng.random() < 0.7
                invitations.append(
                    Invitation(
                        round=survey_round,
                        person=people[i],
                        key=secrets.token_urlsafe(32),
                        group=groups[audience],
                        school=school,
                        institute=institute,
                        responded_at=timezone.now() if responded else None,
                    )
                )
                if responded:
                    response = Response(
                        round=survey_round,
                        group=groups[audience],
                        school=school,
                        institute=institute,
                    )
                    responses.append(response)
                    answers += _answers(rng, questions, means, response)
            Invitation.objects.bulk_create(invitations, batch_size=2000)
            Response.objects.bulk_create(responses, batch_size=2000)
            from quality.models import Answer

            Answer.objects.bulk_create(answers, batch_size=5000)
    from partnerships.models import Subject

    subject = Subject.objects.create(partnership=partnership, name="Wiskunde", code="wi")
    students = Student.objects.bulk_create(
        Student(
            partnership=partnership,
            person=people[i],
            institute=institutes[i % 6],
            programme_variant="hbo_bachelor_voltijd",
            hbo_year=2,
            subject=subject,
            start_year=year,
        )
        for i in range(120)
    )
    reasons = ["Andere baan", "Ziekte", "Studie gestopt", "Verhuisd", "Niet passend bij de school"]
    Placement.objects.bulk_create(
        Placement(
            student=s,
            academic_year=year,
            school=schools[(i * 7) % 40 if i % 3 else 0],
            subject=subject,
            stage="onderbouw",
            level="hbo",
            start="september",
            status="cancelled",
            cancel_reason=reasons[i % 5],
        )
        for i, s in enumerate(students)
    )
    ImprovementAction.objects.bulk_create(
        ImprovementAction(
            partnership=partnership,
            title=f"Verbeteractie {i}",
            level="school" if i % 2 else "partnership",
            organisation=schools[i] if i % 2 else None,
            owner=people[i],
            due_date=today + datetime.timedelta(days=30 * (i % 7) - 60),
            status=["proposed", "planned", "in_progress", "done"][i % 4],
            evaluation="Afgerond en geëvalueerd." if i % 4 == 3 else "",
        )
        for i in range(30)
    )
    return partnership, year, today


PHASES = {
    "data": "the report's frozen data (report_document)",
    "html": "the HTML (render_to_string, charts as images)",
    "parse": "WeasyPrint parses the HTML and CSS",
    "layout": "cascade, boxes and layout into pages (render)",
    "write": "drawing, fonts and the PDF file (write_pdf)",
    "gc": "collecting the render's garbage afterwards",
}


def render_phases(report) -> dict[str, float]:
    """One render as ``report_pdf_render`` does it, split into the steps of ``PHASES`` (CPU
    seconds each, ``time.process_time``), to see where the time goes."""
    import gc

    from django.conf import settings
    from django.template.loader import render_to_string
    from django.utils import timezone, translation
    from weasyprint import HTML

    from partnerships.pdf import svg_as_images
    from quality.services import reports as services

    t = {}
    c = time.process_time()

    def lap(name):
        nonlocal c
        now = time.process_time()
        t[name], c = now - c, now

    gc.collect()
    c = time.process_time()
    context = {**services.report_document(report), "draft": False, "printed_at": timezone.now()}
    lap("data")
    with translation.override(settings.LANGUAGE_CODE):
        html = svg_as_images(render_to_string(services.PRINT_TEMPLATE, context))
    lap("html")
    gc.disable()
    try:
        document = HTML(string=html, base_url=str(settings.BASE_DIR))
        lap("parse")
        document = document.render()
        lap("layout")
        document.write_pdf()
        lap("write")
        del document
    finally:
        gc.enable()
    gc.collect()
    lap("gc")
    return t


def run(scale: int, runs: int) -> dict:
    from django.db import transaction

    from quality.services import reports as services

    result = {}
    try:
        with transaction.atomic():
            t0 = time.perf_counter()
            partnership, year, today = build(scale)
            result["build_s"] = time.perf_counter() - t0
            t0 = time.perf_counter()
            report, _created = services.report_draft(
                partnership=partnership, academic_year=year, kind="half_year", half=2, today=today
            )
            result["draft_s"] = time.perf_counter() - t0
            for section in report.sections.all():
                section.analysis = "Analyse van de stuurgroep. " * 40
                section.save()
            report.refresh_from_db()
            times, cpu, pdf = [], [], b""
            for _ in range(runs):
                t0, c0 = time.perf_counter(), time.process_time()
                pdf = services.report_pdf_render(report, draft=False)
                times.append(time.perf_counter() - t0)
                cpu.append(time.process_time() - c0)
            phases = [render_phases(report) for _ in range(runs)]
            result["phases"] = {k: statistics.median(p[k] for p in phases) for k in phases[0]}
            result["html_s"] = result["phases"]["html"]
            result |= {
                "times": times,
                "median_s": statistics.median(times),
                "cpu_median_s": statistics.median(cpu),
                "pages": pdf_pages(pdf),
                "pdf_kb": len(pdf) / 1024,
                "rounds": len(report.data["rounds"]),
                "responses": sum(r["responded"] for r in report.data["rounds"]),
                "invited": sum(r["invited"] for r in report.data["rounds"]),
            }
            raise Rollback
    except Rollback:
        pass
    return result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", type=int, default=1)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--record", action="store_true")
    args = parser.parse_args()
    ensure_database()
    setup_django()
    load_before = " ".join(Path("/proc/loadavg").read_text().split()[:3])
    r = run(args.scale, args.runs)
    load = " ".join(Path("/proc/loadavg").read_text().split()[:3])
    lines = [
        f"Report PDF: {r['rounds']} rounds, {r['invited']} invited, {r['responses']} responses "
        f"(scale {args.scale}); built in {r['build_s']:.1f} s, drafted in {r['draft_s']:.1f} s",
        f"report_pdf_render, {args.runs} runs: median {r['median_s']:.2f} s wall "
        f"(min {min(r['times']):.2f}, max {max(r['times']):.2f}), CPU (process time) median "
        f"{r['cpu_median_s']:.2f} s; {r['pages']} pages, {r['pdf_kb']:.0f} KB; "
        f"{os.cpu_count()} cores, load {load_before} before, {load} after",
        f"where the CPU goes (median of {args.runs} more renders, split in steps): "
        + ", ".join(f"{PHASES[k]} {v:.2f} s" for k, v in r["phases"].items()),
    ]
    print("\n".join(lines))
    if args.record:
        with (ROOT / "tests/benchmarks/RESULTS.md").open("a") as out:
            out.write(
                "\n\n## Quality report PDF (`tests/benchmarks/report_pdf_bench.py`, "
                f"{datetime.date.today().isoformat()})\n\n"
                "The half-year report of a partnership with 40 schools: three closed rounds "
                "(student survey, wpb survey, KOOS self-evaluation; each also run the half year "
                "before, so every chart has a trend), 120 cancelled placements, 30 improvement "
                "actions, an analysis in every section; rendered with WeasyPrint as at "
                "adoption.\n\n" + "\n".join(f"- {line}" for line in lines) + "\n"
            )


if __name__ == "__main__":
    main()
