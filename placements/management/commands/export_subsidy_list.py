"""``manage.py export_subsidy_list --year 2025-2026 --format xlsx --output FILE``: the subsidy
category list as the administrator downloads it in the browser, logged the same way."""

import datetime
import getpass
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone, translation

from partnerships.models import AcademicYear, Partnership
from placements import services
from placements.models import SubsidySnapshot
from placements.subsidy import exports as export


def _os_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no login name in some containers
        return "?"


class Command(BaseCommand):
    help = "Export the placed students per subsidy category of an academic year (CSV, XLSX, PDF)."

    def add_arguments(self, parser):
        parser.add_argument("--year", required=True, help="The academic year, e.g. 2025-2026.")
        parser.add_argument("--format", required=True, help="csv, xlsx or pdf.")
        parser.add_argument("--output", help="The file to write (default: the download's name).")
        parser.add_argument("--partnership", help="The partnership's short name (slug).")
        parser.add_argument(
            "--reference-date", help="YYYY-MM-DD (default: 1 October after the year)."
        )
        parser.add_argument("--snapshot", type=int, help="Export this snapshot (its id) instead.")
        parser.add_argument("--language", default=settings.LANGUAGE_CODE, help="nl or en.")

    def handle(self, *args, **options):
        fmt = options["format"].lower()
        if fmt not in export.FORMATS:
            raise CommandError(
                f"Unknown format {options['format']!r}: choose one of {', '.join(export.FORMATS)}."
            )
        year = self._year(options["year"])
        partnership = self._partnership(options["partnership"])
        with translation.override(options["language"]):
            if options["snapshot"]:
                subsidy = self._snapshot(partnership, year, options["snapshot"])
            else:
                day = self._reference_date(year, options["reference_date"])
                subsidy = services.subsidy_list_build(
                    partnership=partnership, year=year, reference_date=day
                )
            content, _type, name = export.export(
                subsidy,
                fmt,
                by_name=f"manage.py export_subsidy_list ({_os_user()})",
                at=timezone.now(),
            )
        path = Path(options["output"] or name)
        try:
            path.write_bytes(content)
        except OSError as exc:
            raise CommandError(f"Cannot write {path}: {exc}") from exc
        services.subsidy_export_record(
            subsidy=subsidy, fmt=fmt, by=None, via=f"command line ({_os_user()})"
        )
        self.stdout.write(
            f"{path}: {len(subsidy.rows)} students counted, {len(subsidy.excluded)} not counted "
            f"({partnership.slug}, {year.label}, reference date {subsidy.reference_date})."
        )

    def _year(self, label: str) -> AcademicYear:
        try:
            start = AcademicYear.parse_label(label)
        except ValueError:
            raise CommandError(
                f"Unknown academic year {label!r}: write it like 2025-2026."
            ) from None
        if not 2000 <= start <= 2100:
            raise CommandError(f"Academic year {label!r} is out of range.")
        return AcademicYear.objects.get_or_create(start_year=start)[0]

    def _partnership(self, slug: str | None) -> Partnership:
        if slug:
            found = Partnership.objects.filter(slug=slug).first()
            if found is None:
                raise CommandError(f"No partnership {slug!r}.")
            return found
        partnerships = list(Partnership.objects.all()[:2])
        if len(partnerships) != 1:
            known = ", ".join(Partnership.objects.values_list("slug", flat=True)) or "none"
            raise CommandError(f"Choose a partnership with --partnership (known: {known}).")
        return partnerships[0]

    def _reference_date(self, year: AcademicYear, text: str | None) -> datetime.date:
        if not text:
            return services.subsidy_default_reference_date(year)
        try:
            day = datetime.date.fromisoformat(text)
        except ValueError:
            raise CommandError(f"Reference date {text!r} is not a date like 2026-10-01.") from None
        try:
            services.subsidy_check_reference_date(year, day)
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from None
        return day

    def _snapshot(self, partnership, year, pk: int):
        snapshot = (
            SubsidySnapshot.objects.filter(partnership=partnership, academic_year=year, pk=pk)
            .select_related("partnership", "academic_year")
            .first()
        )
        if snapshot is None:
            raise CommandError(f"No snapshot {pk} of {partnership.slug} for {year.label}.")
        return services.subsidy_list_from_snapshot(snapshot)
