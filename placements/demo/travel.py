"""Demo travel times (issue 11, rule 7): every demo school gets the minutes from its own
postcode area and from three neighbouring areas, and two students with preferences get a
maximum of 30 minutes and their own time of 45 minutes to their first preference, so the
allocation shows the travel rule at work. Rows that exist are left alone (idempotent; a time a
coordinator changed is kept)."""

from partnerships.models import Organisation
from placements.models import PreferenceForm, TravelTime
from placements.travel.models import postcode_area

LIMIT = 30
FAR = 45


def load(partnership) -> str:
    schools = Organisation.objects.filter(partnership=partnership, kind="school").order_by("name")
    created = 0
    for n, school in enumerate(schools):
        own = postcode_area(school.postcode) or f"25{n % 100:02d}"
        areas = [own] + [f"25{(int(own[2:]) + step) % 100:02d}" for step in (1, 3, 7)]
        for step, area in enumerate(areas):
            _row, new = TravelTime.objects.get_or_create(
                partnership=partnership,
                school=school,
                student=None,
                area=area,
                defaults={"minutes": 10 + 15 * step},
            )
            created += new
    forms = (
        PreferenceForm.objects.filter(
            student__partnership=partnership, preferences__rank=1, student__is_active=True
        )
        .select_related("student")
        .order_by(
            "-academic_year__start_year",
            "student__person__last_name",
            "student__person__first_name",
        )
    )
    for form in forms[:2]:
        first = form.preferences.get(rank=1)
        _row, new = TravelTime.objects.get_or_create(
            partnership=partnership,
            school_id=first.school_id,
            student=form.student,
            area="",
            defaults={"minutes": FAR},
        )
        if new:
            created += 1
            form.max_travel_minutes = LIMIT
            form.full_clean()
            form.save(update_fields=["max_travel_minutes"])
    return f"{created} travel times"
