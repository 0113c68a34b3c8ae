"""The rule deriving subsidy and facilitation categories, and an administrator's override."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import formats, timezone

from partnerships import services
from partnerships.categories import derive_facilitation_category, derive_subsidy_category
from partnerships.glossary import ProgrammeVariant as V
from partnerships.models import Student
from tests.factories import StudentFactory
from tests.partnerships.conftest import shows_dutch

pytestmark = pytest.mark.django_db

# (variant, hbo year) -> (subsidy category, facilitation category)
RULE = [
    (V.HBO_BACHELOR_VOLTIJD, 1, "a", "hbo1"),
    (V.HBO_BACHELOR_VOLTIJD, 2, "a", "1"),
    (V.HBO_BACHELOR_VOLTIJD, 3, "a", "1"),
    (V.HBO_BACHELOR_VOLTIJD, 4, "a", "2"),
    (V.HBO_BACHELOR_VOLTIJD, None, "a", None),
    (V.HBO_BACHELOR_DEELTIJD, 1, "a", "hbo1"),
    (V.HBO_BACHELOR_DEELTIJD, 2, "a", "1"),
    (V.HBO_BACHELOR_DEELTIJD, 3, "a", "1"),
    (V.HBO_BACHELOR_DEELTIJD, 4, "a", "2"),
    (V.HBO_BACHELOR_DEELTIJD, None, "a", None),
    (V.HBO_MASTER, None, "a", "1"),
    (V.HBO_KOPOPLEIDING, None, "b", "1"),
    (V.WO_MASTER_60, None, "c", "1"),
    (V.WO_MASTER_120, None, "d", "1"),
    (V.EDUCATIEVE_MINOR, None, "e", "2"),
    (V.ZIJ_INSTROMER, None, "f", "3"),
    (V.HOGER_ANDERE_BEVOEGDHEID, None, "g", "3"),
]


@pytest.mark.parametrize(
    ("variant", "year", "subsidy", "facilitation"),
    RULE,
    ids=[f"{v.value}-year{y}" for v, y, _s, _f in RULE],
)
def test_derivation_rule(variant, year, subsidy, facilitation):
    assert derive_subsidy_category(variant) == subsidy
    assert derive_facilitation_category(variant, year) == facilitation


def test_rule_covers_every_variant():
    assert {variant for variant, *_rest in RULE} == set(V)


def test_hbo_year_outside_one_to_four_has_no_category():
    assert derive_facilitation_category(V.HBO_BACHELOR_VOLTIJD, 5) is None
    assert derive_facilitation_category(V.HBO_BACHELOR_VOLTIJD, 0) is None


@pytest.mark.parametrize(
    ("variant", "year", "subsidy", "facilitation"),
    RULE,
    ids=[f"{v.value}-year{y}" for v, y, _s, _f in RULE],
)
def test_student_stores_the_derived_categories(db, variant, year, subsidy, facilitation):
    student = StudentFactory(programme_variant=variant, hbo_year=year)
    student.refresh_from_db()
    assert student.subsidy_category == subsidy
    assert student.facilitation_category == (facilitation or "")
    assert student.effective_subsidy_category == subsidy
    assert not student.has_override


def test_categories_follow_a_change_of_programme(db):
    student = StudentFactory(programme_variant=V.HBO_BACHELOR_VOLTIJD, hbo_year=1)
    assert student.facilitation_category == "hbo1"
    student.hbo_year = 4
    student.save()
    assert Student.objects.get(pk=student.pk).facilitation_category == "2"
    student.programme_variant, student.hbo_year = V.ZIJ_INSTROMER, None
    student.save()
    student.refresh_from_db()
    assert (student.subsidy_category, student.facilitation_category) == ("f", "3")


# --- the override -----------------------------------------------------------------------------
def test_override_is_stored_next_to_the_derived_value(world):
    admin = world["administratief_ondersteuner"]
    before = timezone.now()
    student = services.student_override_categories(
        student=world.student1, subsidy="b", facilitation="3", reason="Kopopleiding", by=admin
    )
    student = Student.objects.get(pk=student.pk)
    assert (student.subsidy_category, student.facilitation_category) == ("a", "1")
    assert (student.subsidy_category_override, student.facilitation_category_override) == (
        "b",
        "3",
    )
    assert student.effective_subsidy_category == "b"
    assert student.effective_facilitation_category == "3"
    assert student.has_override
    assert student.override_by == admin
    assert student.override_reason == "Kopopleiding"
    assert student.override_at >= before


def test_override_of_one_category_keeps_the_other_derived(world):
    student = services.student_override_categories(
        student=world.student1, subsidy="", facilitation="2", reason="Jaar 4", by=world["superuser"]
    )
    assert student.effective_subsidy_category == "a"
    assert student.effective_facilitation_category == "2"


def test_override_needs_a_reason(world):
    with pytest.raises(ValidationError) as exc:
        services.student_override_categories(
            student=world.student1, subsidy="b", facilitation="", reason="", by=world["superuser"]
        )
    assert "override_reason" in exc.value.message_dict
    assert not Student.objects.get(pk=world.student1.pk).has_override


def test_clearing_the_override_restores_the_derived_values(world):
    services.student_override_categories(
        student=world.student1, subsidy="b", facilitation="3", reason="x", by=world["superuser"]
    )
    student = services.student_override_categories(
        student=Student.objects.get(pk=world.student1.pk),
        subsidy="",
        facilitation="",
        reason="ignored when nothing is overridden",
        by=world["superuser"],
    )
    student.refresh_from_db()
    assert not student.has_override
    assert (student.effective_subsidy_category, student.effective_facilitation_category) == (
        "a",
        "1",
    )
    assert (student.override_reason, student.override_by, student.override_at) == ("", None, None)


def test_derived_value_is_kept_up_to_date_under_an_override(world):
    services.student_override_categories(
        student=world.student1, subsidy="", facilitation="3", reason="x", by=world["superuser"]
    )
    student = Student.objects.get(pk=world.student1.pk)
    student.hbo_year = 4
    student.save()
    student.refresh_from_db()
    assert student.facilitation_category == "2"
    assert student.effective_facilitation_category == "3"


# --- through the pages ------------------------------------------------------------------------
def _categories_url(world, student):
    return reverse("partnerships:student_categories", args=[world.a.slug, student.pk])


def test_override_page_requires_a_reason(client, world):
    client.force_login(world["administratief_ondersteuner"])
    response = client.post(
        _categories_url(world, world.student1), {"subsidy": "b", "facilitation": "", "reason": ""}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["reason"]
    assert shows_dutch(response, "Give a reason for the override.")
    assert '<html lang="nl">' in response.content.decode()
    assert not Student.objects.get(pk=world.student1.pk).has_override


def test_override_page_shows_the_derived_values(client, world):
    client.force_login(world["programmamanager"])
    response = client.get(_categories_url(world, world.student1))
    assert response.status_code == 200
    assert "A" in response.context["help_text"]
    assert response.context["form"].initial["subsidy"] == ""


def test_override_through_the_page_is_shown_on_the_student(client, world):
    admin = world["administratief_ondersteuner"]
    client.force_login(admin)
    response = client.post(
        _categories_url(world, world.student1),
        {"subsidy": "g", "facilitation": "3", "reason": "Benoemd met andere bevoegdheid"},
    )
    assert response.status_code == 302
    assert response["Location"] == world.student1.get_absolute_url()
    student = Student.objects.get(pk=world.student1.pk)
    assert (student.effective_subsidy_category, student.effective_facilitation_category) == (
        "g",
        "3",
    )

    page = client.get(world.student1.get_absolute_url())
    body = page.content.decode()
    assert "<strong>G</strong>" in body
    assert shows_dutch(page, "override")
    assert admin.full_name in body  # who
    assert "Benoemd met andere bevoegdheid" in body  # why
    when = formats.date_format(timezone.localtime(student.override_at), "SHORT_DATETIME_FORMAT")
    assert when in body  # when
    # the list marks the override as well, and filters on the effective category
    listing = client.get(
        reverse("partnerships:student_list", args=[world.a.slug]), {"category": "g"}
    )
    assert list(listing.context["object_list"]) == [student]
    listing = client.get(
        reverse("partnerships:student_list", args=[world.a.slug]), {"category": "a"}
    )
    assert student not in listing.context["object_list"]


def test_clearing_through_the_page_restores_derived(client, world):
    client.force_login(world["administratief_ondersteuner"])
    url = _categories_url(world, world.student1)
    client.post(url, {"subsidy": "b", "facilitation": "", "reason": "tijdelijk"})
    assert Student.objects.get(pk=world.student1.pk).has_override
    response = client.post(url, {"subsidy": "", "facilitation": "", "reason": ""})
    assert response.status_code == 302
    student = Student.objects.get(pk=world.student1.pk)
    assert not student.has_override
    assert student.effective_subsidy_category == "a"
    page = client.get(student.get_absolute_url())
    assert "tijdelijk" not in page.content.decode()


def test_stagecoordinator_may_not_override(client, world):
    client.force_login(world["stagecoordinator"])
    response = client.post(
        _categories_url(world, world.student1), {"subsidy": "b", "reason": "probeer"}
    )
    assert response.status_code == 403
    assert not Student.objects.get(pk=world.student1.pk).has_override
