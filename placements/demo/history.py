"""Completed placements of earlier years in the demo (see ``placements.demo``): one per earlier
year for hbo bachelor students in year 2–4 and for wo master 120 EC students in their second
year, at other schools than today's, switching between vmbo and havo/vwo schools from year to
year — what the rotation rules, the preference form and the allocation look at."""

from partnerships.glossary import HBO_BACHELOR_VARIANTS, Stage, Start
from partnerships.glossary import ProgrammeVariant as V
from partnerships.models import Student
from placements.demo.placements import S, bulk_create, guides, is_upper, new_placement, other_school
from placements.models import Placement


def earlier(demo, student: Student) -> list[tuple[int, str]]:
    """(start year, stage) of the placements before this year, the most recent first."""
    now = demo.current.start_year
    if student.programme_variant in HBO_BACHELOR_VARIANTS and student.hbo_year:
        return [(now - k, Stage.ONDERBOUW) for k in range(1, student.hbo_year)]
    if student.programme_variant == V.WO_MASTER_120 and student.start_year.start_year < now:
        return [(now - 1, Stage.ONDERBOUW)]
    return []


def load_history(demo) -> None:
    taken = set(
        Placement.objects.filter(student__partnership=demo.partnership)
        .exclude(status=S.CANCELLED)
        .values_list("student", "academic_year__start_year")
    )
    guides_at, schools, years, rows = guides(demo), demo.school_map(), {}, []
    for student in demo.students:
        if student.school_id not in schools:
            continue
        rng = demo.rng("history", student.person.email)
        seen, upper = {student.school_id}, is_upper(schools[student.school_id])
        for start_year, stage in earlier(demo, student):
            if (student.pk, start_year) in taken:
                continue
            school = other_school(demo, student, rng, seen, upper=not upper)
            if school is None:
                break
            seen.add(school.pk)
            upper = is_upper(school)
            if start_year not in years:
                years[start_year] = demo.year(start_year)
            row = new_placement(
                demo,
                student,
                school,
                guides_at,
                academic_year=years[start_year],
                stage=stage,
                level=student.institute.institute_level,
                start=Start.SEPTEMBER,
                status=S.COMPLETED,
            )
            mentors = guides_at[0].get((school.pk, student.subject_id)) or [None]
            row.werkplekbegeleider = rng.choice(mentors)
            rows.append(row)
    bulk_create(demo, rows)
