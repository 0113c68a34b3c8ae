"""Reads for the division pages: declared and divided places per school and per quota unit
(a school, or a cluster acting as one school), and per subject. A fixed number of queries
however many schools and places there are."""

from dataclasses import dataclass, field

from django.db.models import Count, Sum
from django.utils.translation import gettext as _

from partnerships.glossary import InstituteLevel, Role
from partnerships.models import Organisation, Person, RoleAssignment
from placements.choices import Availability
from placements.division.services import rotating_students
from placements.models import CapacityLine, Place, Quota, SchoolCapacity


@dataclass
class Row:
    name: str
    unit: str  # the quota unit: "c<cluster>" or "s<school>"
    school_id: int | None = None
    declared: int = 0
    declared_maybe: int = 0
    total_cap: int | None = None
    updated_at: object = None
    hbo: int = 0
    wo: int = 0
    maybe: int = 0
    reserved: int = 0
    quota: int | None = None
    schools: list = field(default_factory=list)

    @property
    def places(self) -> int:
        return self.hbo + self.wo

    @property
    def over_cap(self) -> bool:
        return self.total_cap is not None and self.places > self.total_cap

    @property
    def over_declared(self) -> bool:
        return self.places > self.declared + self.declared_maybe


def summary(partnership, year, division) -> dict:
    """Per school and per quota unit: declared, total cap, divided places (fixed queries)."""
    schools = partnership.organisations.filter(kind="school", is_active=True).order_by("name")
    rows = {
        s.pk: Row(s.name, f"c{s.cluster_id}" if s.cluster_id else f"s{s.pk}", s.pk) for s in schools
    }
    declared = (
        CapacityLine.objects.filter(capacity__academic_year=year, capacity__school__in=list(rows))
        .values_list("capacity__school", "availability")
        .annotate(n=Sum("places"))
    )
    for school, availability, n in declared:
        if availability == Availability.MAYBE:
            rows[school].declared_maybe = n
        else:
            rows[school].declared = n
    caps = SchoolCapacity.objects.filter(academic_year=year, school__in=list(rows))
    for school, cap, updated in caps.values_list("school", "total_cap", "updated_at"):
        rows[school].total_cap, rows[school].updated_at = cap, updated
    places = Place.objects.filter(division=division, school__in=list(rows))
    for school, level, maybe, n, reserved in places.values_list(
        "school", "level", "maybe"
    ).annotate(n=Sum("capacity"), r=Sum("reserved")):
        row = rows[school]
        setattr(row, level, getattr(row, level) + n)
        row.maybe += n if maybe else 0
        row.reserved += reserved
    quota = Quota.objects.filter(partnership=partnership, academic_year=year).first()
    units = {}
    if quota is not None:
        shares = quota.shares.select_related("school", "cluster")
        units = {
            (f"c{s.cluster_id}" if s.cluster_id else f"s{s.school_id}"): Row(
                s.unit_name, "", quota=s.share
            )
            for s in shares
        }
        for row in rows.values():
            unit = units.setdefault(row.unit, Row(row.name, "", quota=0))
            unit.hbo, unit.wo = unit.hbo + row.hbo, unit.wo + row.wo
            unit.schools.append(row.name)
    total = Row(_("Total"), "")
    for row in rows.values():
        for name in ("declared", "declared_maybe", "hbo", "wo", "maybe", "reserved"):
            setattr(total, name, getattr(total, name) + getattr(row, name))
        if row.total_cap is not None:
            total.total_cap = (total.total_cap or 0) + row.total_cap
    return {
        "rows": list(rows.values()),
        "total": total,
        "quota": quota,
        "units": sorted(units.values(), key=lambda u: u.name.lower()),
    }


def subject_rows(partnership, division) -> list[dict]:
    """Per subject: hbo and wo places, reserved, and hbo students who rotate next year."""
    rotating = rotating_students(partnership)
    rows = {}
    for subject in partnership.subjects.order_by("name"):
        rows[subject.pk] = {"subject": subject, "hbo": 0, "wo": 0, "reserved": 0}
    for subject, level, n, reserved in (
        Place.objects.filter(division=division)
        .values_list("subject", "level")
        .annotate(n=Sum("capacity"), r=Sum("reserved"))
    ):
        rows[subject][level] += n
        rows[subject]["reserved"] += reserved
    for subject, row in rows.items():
        row["rotating"] = rotating.get(subject, 0)
    return [row for row in rows.values() if row["hbo"] or row["wo"] or row["rotating"]]


@dataclass
class LevelRow:
    """What publishing shows to one level: its places and the institutes whose staff see them."""

    level: str
    label: str
    places: int = 0
    schools: int = 0
    institutes: list = field(default_factory=list)  # (institute, number of staff) pairs


def publish_summary(division) -> dict:
    """Before publishing: per level (hbo, wo) the places and schools, and the institutes of that
    level with how many of their staff will see them; the institutes' coordinators get an
    e-mail (``division_publish``). A fixed number of queries."""
    partnership = division.partnership
    rows = {value: LevelRow(value, label) for value, label in InstituteLevel.choices}
    places = division.places.filter(capacity__gt=0).values("level")
    for level, n, schools in places.annotate(
        n=Sum("capacity"), s=Count("school", distinct=True)
    ).values_list("level", "n", "s"):
        if level in rows:
            rows[level].places, rows[level].schools = n, schools
    institutes = Organisation.objects.filter(
        partnership=partnership, kind="institute", is_active=True
    ).order_by("name")
    staff = dict(
        RoleAssignment.objects.active()
        .filter(partnership=partnership, organisation__in=institutes)
        .values("organisation")
        .annotate(n=Count("person", distinct=True))
        .values_list("organisation", "n")
    )
    for institute in institutes:
        if institute.institute_level in rows:
            rows[institute.institute_level].institutes.append(
                (institute, staff.get(institute.pk, 0))
            )
    coordinators = RoleAssignment.objects.active().filter(
        partnership=partnership, role=Role.INSTITUUTSCOORDINATOR
    )
    return {
        "levels": list(rows.values()),
        "emailed": list(
            Person.objects.filter(pk__in=coordinators.values("person")).order_by(
                "last_name", "first_name"
            )
        ),
    }
