"""The subsidy category list through the service and the pages: who counts once and where, the
reconciliation list, the reference date, snapshots that later changes never rewrite, the
differences, the dashboard card, and a constant number of queries."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from partnerships.access import Access
from partnerships.models import AuditEntry, Person
from placements import services
from placements.models import Placement, SubsidySnapshot
from placements.subsidy.dashboard import subsidy_cards
from tests.clock import at_morning
from tests.factories import academic_year
from tests.placements.subsidy.subsidy_world import LABEL, YEAR, add_student, build, place

pytestmark = pytest.mark.django_db
DEFAULT = datetime.date(2026, 10, 1)


@pytest.fixture
def w():
    return build()


def names(rows):
    return [row["name"].split()[0] for row in rows]


def the_list(w, day=DEFAULT):
    return services.subsidy_list_build(
        partnership=w.p, year=academic_year(YEAR), reference_date=day
    )


def page(client, w, who=None, **query):
    client.force_login(who or w.admin)
    url = reverse("placements:subsidy", kwargs={"partnership": w.p.slug, "year": LABEL})
    return client.get(url, query)


def test_each_student_counts_once_and_the_others_are_listed_with_their_reason(w):
    subsidy = the_list(w)
    assert names(subsidy.rows) == ["Ann", "Bob", "Cas", "Eva", "Fay"]
    assert subsidy.totals.by_category == {"a": 2, "b": 0, "c": 1, "d": 0, "e": 1, "f": 1, "g": 0}
    assert subsidy.totals.by_school == {
        "Alfa College": {"a": 2, "b": 0, "c": 0, "d": 0, "e": 0, "f": 1, "g": 0},
        "Beekdal School": {"a": 0, "b": 0, "c": 1, "d": 0, "e": 1, "f": 0, "g": 0},
    }
    assert subsidy.totals.by_institute["Universiteit"]["c"] == 1
    cas = subsidy.rows[2]
    assert (cas["school"], cas["other_schools"]) == ("Beekdal School", ["Alfa College"])
    assert subsidy.flagged == 1  # Bob: no share recorded, counted
    reasons = {row["name"].split()[0]: row["reason"] for row in subsidy.excluded}
    assert reasons == {
        "Jan": "no_category",
        "Gus": "overridden",
        "Dirk": "below_minimum",
        "Ina": "not_confirmed",
        "Hans": "cancelled",
    }
    gus = next(row for row in subsidy.excluded if row["reason"] == "overridden")
    assert (gus["derived"], gus["override"]) == ("a", "g")


def test_an_earlier_reference_date_counts_who_was_placed_that_day(w):
    subsidy = the_list(w, datetime.date(2025, 10, 1))
    cas = next(row for row in subsidy.rows if row["name"].startswith("Cas"))
    assert (cas["school"], cas["other_schools"]) == ("Alfa College", [])
    assert subsidy.reference_date == datetime.date(2025, 10, 1)


def test_the_page_shows_totals_and_the_reconciliation_list(client, w):
    response = page(client, w)
    assert response.status_code == 200
    assert response.context["subsidy"].totals.total == 5
    html = response.content.decode()
    assert 'data-category="total">5<' in html
    assert html.count('data-reason="') == 5
    assert "Benoemd als docent" in html  # the override's reason, to reconcile
    assert "1 October" in html or "1 oktober" in html
    assert response.context["default_date"] == DEFAULT
    assert reverse("placements:subsidy_export", args=[w.p.slug, LABEL, "xlsx"]) in html


def test_a_reference_date_before_the_year_is_refused_and_the_default_used(client, w):
    response = page(client, w, reference_date="2024-05-01")
    assert response.status_code == 200
    assert response.context["reference_errors"]
    assert response.context["subsidy"].reference_date == DEFAULT
    choose = response.context["choose_form"]
    assert "reference_date" in choose.errors and "year" not in choose.errors
    assert page(client, w, reference_date="2025-10-01").context["query"] == (
        "reference_date=2025-10-01"
    )


def test_the_chooser_goes_to_the_chosen_year(client, w):
    client.force_login(w.admin)
    url = reverse("placements:subsidy_choose", kwargs={"partnership": w.p.slug})
    response = client.get(url, {"year": "2024-2025", "reference_date": "2025-06-01"})
    assert response.url == (
        reverse("placements:subsidy", args=[w.p.slug, "2024-2025"]) + "?reference_date=2025-06-01"
    )
    response = client.get(url, {"year": "nonsense"})
    start = services.subsidy_count_year(datetime.date.today())
    assert response.url == reverse("placements:subsidy", args=[w.p.slug, f"{start}-{start + 1}"])


def test_who_may_see_export_and_take_snapshots(client, w):
    assert page(client, w, w.coordinator).status_code == 403
    assert page(client, w, w.planner).status_code == 200
    export = reverse("placements:subsidy_export", args=[w.p.slug, LABEL, "csv"])
    take = reverse("placements:subsidy_snapshot_take", args=[w.p.slug, LABEL])
    assert client.get(export).status_code == 403  # the stagecoördinator reads, not exports
    client.force_login(w.admin)
    assert client.post(take, {"label": "x"}).status_code == 403
    assert client.get(export.replace(".csv", ".doc")).status_code == 404


def take_snapshot(client, w, **data):
    client.force_login(w.planner)
    url = reverse("placements:subsidy_snapshot_take", args=[w.p.slug, LABEL])
    return client.post(url, {"label": "Juli", **data})


def test_a_snapshot_is_never_rewritten_by_later_changes(client, w):
    response = take_snapshot(client, w)
    snapshot = SubsidySnapshot.objects.get()
    assert response.url == reverse("placements:subsidy_snapshot", args=[w.p.slug, snapshot.pk])
    assert (snapshot.taken_by, snapshot.reference_date, snapshot.label) == (
        w.planner,
        DEFAULT,
        "Juli",
    )
    frozen_rows, frozen_excluded = list(snapshot.rows), list(snapshot.excluded)
    entry = AuditEntry.objects.get(action="snapshot")
    assert entry.person == w.planner and entry.details["counted"] == 5

    # Later: Ann is renamed and moves school, Bob's placement is cancelled, Fay's category is
    # overridden, Gus's override is settled, a new student is placed, a school is renamed.
    Person.objects.filter(pk=w.students["Ann"].person_id).update(first_name="Anna")
    Placement.objects.filter(pk=w.placements["Ann"].pk).update(school=w.beekdal)
    Placement.objects.filter(pk=w.placements["Bob"].pk).update(status="cancelled")
    fay = w.students["Fay"]
    fay.subsidy_category_override, fay.override_reason = "g", "Andere bevoegdheid"
    fay.save()
    gus = w.students["Gus"]
    gus.subsidy_category_override = ""
    gus.save()
    place(w, add_student(w, "Kim"), w.alfa)
    w.alfa.name = "Alfa College (nieuw)"
    w.alfa.save()

    snapshot.refresh_from_db()
    assert snapshot.rows == frozen_rows and snapshot.excluded == frozen_excluded
    detail = client.get(reverse("placements:subsidy_snapshot", args=[w.p.slug, snapshot.pk]))
    html = detail.content.decode()
    assert "Ann Test" in html and "Anna Test" not in html and "(nieuw)" not in html

    compare = client.get(reverse("placements:subsidy_compare", args=[w.p.slug, snapshot.pk]))
    diff = compare.context["diff"]
    assert sorted(names(diff.added)) == ["Gus", "Kim"]
    assert sorted(names(diff.removed)) == ["Bob", "Fay"]
    assert [names([after]) for _before, after in diff.school_changed] == [["Anna"]]
    assert diff.category_changed == []
    why = dict((row["name"].split()[0], reason) for row, reason in compare.context["removed"])
    assert "cancelled" in why["Bob"] or "geannuleerd" in why["Bob"]


def test_two_snapshots_compared(client, w):
    take_snapshot(client, w, label="Juli")
    cas = w.students["Cas"]
    cas.programme_variant = "wo_master_120"  # d: at least 25%, so the share is corrected too
    cas.save()
    Placement.objects.filter(pk=w.placements["Cas"].pk).update(practice_percent=30)
    take_snapshot(client, w, label="December", reference_date="2026-01-15")
    july, december = SubsidySnapshot.objects.order_by("taken_at", "pk")
    assert december.reference_date == datetime.date(2026, 1, 15)
    url = reverse("placements:subsidy_compare", args=[w.p.slug, july.pk])
    diff = client.get(url, {"with": december.pk}).context["diff"]
    assert [(b["category"], a["category"]) for b, a in diff.category_changed] == [("c", "d")]
    assert [(b["school"], a["school"]) for b, a in diff.school_changed] == [
        ("Beekdal School", "Alfa College")  # February start is after 15 January
    ]
    assert client.get(url, {"with": 999_999_999}).status_code == 404


def test_an_invalid_snapshot_is_refused_with_its_error(client, w):
    response = take_snapshot(client, w, reference_date="2020-01-01")
    assert response.status_code == 200
    assert response.context["form"].errors["reference_date"]
    assert not SubsidySnapshot.objects.exists()


def test_another_partnerships_snapshot_is_not_found(client, w):
    other = build(slug="subsidy-other")
    snapshot = services.subsidy_snapshot_take(
        partnership=other.p, year=academic_year(YEAR), reference_date=DEFAULT, by=other.planner
    )
    client.force_login(w.admin)
    for name in ("subsidy_snapshot", "subsidy_compare"):
        assert (
            client.get(reverse(f"placements:{name}", args=[w.p.slug, snapshot.pk])).status_code
            == 404
        )
    url = reverse("placements:subsidy_snapshot_export", args=[w.p.slug, snapshot.pk, "csv"])
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("n", [1, 10, 50])
def test_queries_on_the_list_page_do_not_grow_with_the_students(
    client, w, n, django_assert_num_queries
):
    for i in range(n):
        place(w, add_student(w, f"Extra{i}"), w.beekdal, practice_percent=40 + i % 3)
    services.subsidy_snapshot_take(
        partnership=w.p, year=academic_year(YEAR), reference_date=DEFAULT, by=w.planner
    )
    client.force_login(w.admin)
    url = reverse("placements:subsidy", args=[w.p.slug, LABEL])
    client.get(url)  # sessions, content types: warm
    with django_assert_num_queries(QUERIES):
        response = client.get(url)
    assert response.context["subsidy"].totals.total == 5 + n


QUERIES = 7  # the layout reads the roles and student records in one query, the partnership once;
# the session row is not written (renewed at most once a minute, partnerships/sessions.py)


def cards_for(person, partnership, day):
    return subsidy_cards(Access(person, today=day), partnership)


def test_the_dashboard_card_follows_the_snapshot_rounds(w):
    july = datetime.date(2026, 7, 20)
    assert cards_for(w.admin, w.p, datetime.date(2026, 3, 1)) == []
    assert cards_for(w.coordinator, w.p, july) == []
    card = cards_for(w.admin, w.p, july)[0]
    assert card.level == "warning" and "2026-2027" in card.items[0][0]
    assert card.items[0][1] == reverse("placements:subsidy", args=[w.p.slug, "2026-2027"])
    with time_machine.travel(at_morning("2026-07-20")):  # taken in July's round
        services.subsidy_snapshot_take(
            partnership=w.p,
            year=academic_year(2026),
            reference_date=DEFAULT.replace(2027),
            by=w.planner,
        )
    done = cards_for(w.admin, w.p, july)[0]
    assert done.level == "info" and "/subsidy/snapshots/" in done.items[0][1]
    september = cards_for(w.manager, w.p, datetime.date(2026, 9, 10))[0]
    assert len(september.items) == 2 and "2025-2026" in september.items[1][0]
    january = cards_for(w.planner, w.p, datetime.date(2027, 1, 5))[0]
    assert january.level == "warning" and "2026-2027" in january.items[0][0]


def test_the_category_counts_follow_every_change_through_their_cache(w):
    """subsidy_category_counts is cached under a digest of the rows it reads: the same data gives
    the list's totals from the cache, a changed placement or category gives new counts."""
    from placements.subsidy.services import subsidy_category_counts

    def counts():
        return subsidy_category_counts(
            partnership=w.p, year=academic_year(YEAR), reference_date=DEFAULT
        )

    assert counts() == counts() == the_list(w).totals.by_category
    gus = Person.objects.get(first_name="Gus").student_records.get()
    gus.subsidy_category_override = ""  # back to the derived category: counted now
    gus.save()
    assert counts() == the_list(w).totals.by_category
    assert counts()["a"] == 3
    cancelled = Placement.objects.filter(student__person__first_name="Ann").first()
    cancelled.status = "cancelled"
    cancelled.save()
    assert counts() == the_list(w).totals.by_category
