"""Creating and editing through the pages (the forms, the services behind them, the redirects and
error messages), and the list pages' filters, search, sorting and pagination."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from partnerships.glossary import ProgrammeVariant, Role
from partnerships.models import (
    Organisation,
    Person,
    PupilCount,
    Qualification,
    RoleAssignment,
    SchoolType,
    Section,
    Student,
    Subject,
)
from tests.factories import PersonFactory, RoleFactory, SchoolFactory, StudentFactory, academic_year
from tests.partnerships.conftest import dutch, shows_dutch

pytestmark = pytest.mark.django_db


def url(world, name, *args):
    return reverse(f"partnerships:{name}", args=[world.a.slug, *args])


@pytest.fixture
def as_manager(client, world):
    client.force_login(world["stagecoordinator"])
    return client


def form_errors(response) -> dict:
    assert response.status_code == 200, getattr(response, "url", response.status_code)
    return response.context["form"].errors


# --- organisations ------------------------------------------------------------------------------
def test_create_school(as_manager, world):
    havo, vwo = SchoolType.objects.get(code="havo"), SchoolType.objects.get(code="vwo")
    response = as_manager.post(
        url(world, "organisation_create"),
        {
            "kind": "school",
            "name": "Nieuwe Scholengemeenschap",
            "city": "Delft",
            "school_types": [havo.pk, vwo.pk],
            "cluster": world.cluster.pk,
            "is_active": "on",
        },
    )
    school = Organisation.objects.get(name="Nieuwe Scholengemeenschap")
    assert response["Location"] == school.get_absolute_url()
    assert school.partnership == world.a
    assert school.cluster == world.cluster
    assert set(school.school_types.all()) == {havo, vwo}
    page = as_manager.get(response["Location"])
    assert "havo, vwo" in page.content.decode()


def test_institute_needs_a_level_in_the_form(as_manager, world):
    response = as_manager.post(
        url(world, "organisation_create"), {"kind": "institute", "name": "Hogeschool Zonder Niveau"}
    )
    assert "institute_level" in form_errors(response)
    assert shows_dutch(response, "An institute is either hbo or wo.")
    assert not Organisation.objects.filter(name="Hogeschool Zonder Niveau").exists()


def test_duplicate_organisation_name_is_refused(as_manager, world):
    response = as_manager.post(
        url(world, "organisation_create"), {"kind": "school", "name": world.school1.name}
    )
    assert form_errors(response)
    assert Organisation.objects.filter(partnership=world.a, name=world.school1.name).count() == 1


def test_cluster_of_another_partnership_is_not_offered(as_manager, world):
    other = world.b.clusters.create(name="Cluster Beta")
    response = as_manager.post(
        url(world, "organisation_create"),
        {"kind": "school", "name": "Grensschool", "cluster": other.pk},
    )
    assert "cluster" in form_errors(response)


def test_edit_organisation(as_manager, world):
    response = as_manager.post(
        url(world, "organisation_update", world.school2.pk),
        {"kind": "school", "name": "Beekdal College", "city": "Leiden", "is_active": ""},
    )
    assert response.status_code == 302
    world.school2.refresh_from_db()
    assert (world.school2.name, world.school2.city, world.school2.is_active) == (
        "Beekdal College",
        "Leiden",
        False,
    )


# --- sections -----------------------------------------------------------------------------------
def test_schoolcoordinator_adds_a_section(client, world):
    client.force_login(world["schoolcoordinator"])
    create = url(world, "section_create", world.school1.pk)
    page = client.get(create)
    contacts = set(page.context["form"].fields["contact"].queryset)
    assert world["werkplekbegeleider"] in contacts
    assert world["wpb_other_school"] not in contacts  # only people with a role at this school

    response = client.post(
        create,
        {
            "subject": world.subject2.pk,
            "contact": world["werkplekbegeleider"].pk,
            "takes_students": "on",
            "notes": "Twee plekken",
        },
    )
    assert response["Location"] == world.school1.get_absolute_url()
    section = Section.objects.get(school=world.school1, subject=world.subject2)
    assert section.contact == world["werkplekbegeleider"]
    detail = client.get(world.school1.get_absolute_url())
    assert world.subject2.name in detail.content.decode()


def test_schoolcoordinator_edits_a_section_of_a_cluster_school(client, world):
    section = Section.objects.create(school=world.school3, subject=world.subject2)
    client.force_login(world["schoolcoordinator"])
    response = client.post(
        url(world, "section_update", world.school3.pk, section.pk),
        {"subject": world.subject2.pk, "notes": "Vol", "takes_students": ""},
    )
    assert response.status_code == 302
    section.refresh_from_db()
    assert (section.notes, section.takes_students) == ("Vol", False)


def test_schoolcoordinator_of_another_school_gets_404(client, world):
    client.force_login(world["schoolcoordinator_other_school"])
    response = client.post(
        url(world, "section_create", world.school1.pk), {"subject": world.subject2.pk}
    )
    assert response.status_code == 404
    response = client.post(
        url(world, "section_update", world.school1.pk, world.section1.pk),
        {"subject": world.subject2.pk},
    )
    assert response.status_code == 404
    assert not Section.objects.filter(school=world.school1, subject=world.subject2).exists()
    world.section1.refresh_from_db()
    assert world.section1.subject == world.subject


def test_section_subject_twice_is_refused(client, world):
    client.force_login(world["schoolcoordinator"])
    response = client.post(
        url(world, "section_create", world.school1.pk), {"subject": world.subject.pk}
    )
    assert form_errors(response)
    assert Section.objects.filter(school=world.school1, subject=world.subject).count() == 1


def test_section_subject_of_another_partnership_is_refused(as_manager, world):
    response = as_manager.post(
        url(world, "section_create", world.school1.pk), {"subject": world.subject_b.pk}
    )
    assert "subject" in form_errors(response)


# --- pupil counts -------------------------------------------------------------------------------
def test_pupil_count_is_recorded_and_corrected(as_manager, world):
    year = academic_year()
    target = url(world, "pupil_count", world.school1.pk)
    response = as_manager.post(target, {"academic_year": year.pk, "pupils": 1250})
    assert response["Location"] == world.school1.get_absolute_url()
    response = as_manager.post(target, {"academic_year": year.pk, "pupils": 1310})
    assert response.status_code == 302
    counts = PupilCount.objects.filter(organisation=world.school1)
    assert [(c.academic_year, c.pupils) for c in counts] == [(year, 1310)]
    assert f"{year}: 1310" in as_manager.get(world.school1.get_absolute_url()).content.decode()


def test_pupil_count_must_be_a_number(as_manager, world):
    response = as_manager.post(
        url(world, "pupil_count", world.school1.pk),
        {"academic_year": academic_year().pk, "pupils": "veel"},
    )
    assert "pupils" in form_errors(response)
    assert "Aantal leerlingen moet een heel getal zijn" in response.content.decode()


# --- people -------------------------------------------------------------------------------------
def test_create_person(as_manager, world):
    response = as_manager.post(
        url(world, "person_create"),
        {
            "first_name": "Fleur",
            "tussenvoegsel": "de",
            "last_name": "Vries",
            "email": "Fleur.de.Vries@Example.org",
            "language": "nl",
            "role": Role.PROGRAMMAMANAGER,
        },
    )
    assert response.status_code == 302
    person = Person.objects.get(email="fleur.de.vries@example.org")
    assert person.full_name == "Fleur de Vries"
    assert not person.has_usable_password()  # they set one through the reset e-mail
    assert response["Location"] == url(world, "person_detail", person.pk)


def test_new_person_arrives_with_a_first_role_and_can_be_given_more(as_manager, world):
    response = as_manager.post(
        url(world, "person_create"),
        {
            "first_name": "Nieuw",
            "last_name": "Persoon",
            "email": "Nieuw@Example.org",
            "language": "nl",
            "role": Role.WERKPLEKBEGELEIDER,
            "organisation": world.school1.pk,
        },
    )
    assert response.status_code == 302
    assert as_manager.get(response["Location"]).status_code == 200
    person = Person.objects.get(email="nieuw@example.org")
    assert person.roles.get().organisation == world.school1
    assert not person.has_usable_password()
    assert as_manager.get(url(world, "role_create", person.pk)).status_code == 200


def test_new_person_with_an_impossible_first_role_is_refused_and_not_saved(as_manager, world):
    response = as_manager.post(
        url(world, "person_create"),
        {
            "first_name": "X",
            "last_name": "Y",
            "email": "xy@example.org",
            "language": "nl",
            "role": Role.WERKPLEKBEGELEIDER,
        },  # a school role needs a school
    )
    assert response.status_code == 200
    assert "organisation" in form_errors(response)
    assert not Person.objects.filter(email="xy@example.org").exists()


def test_existing_account_is_linked_not_renamed(as_manager, world):
    other = world["other_partnership"]
    response = as_manager.post(
        url(world, "person_create"),
        {
            "first_name": "Ander",
            "last_name": "Naam",
            "email": other.email.upper(),
            "language": "nl",
            "role": Role.STUURGROEPLID,
        },
    )
    assert response.status_code == 302
    other.refresh_from_db()
    assert other.last_name != "Naam"
    assert other.roles.filter(partnership=world.a, role=Role.STUURGROEPLID).exists()


def test_shared_account_keeps_its_email_when_one_partnership_edits_it(as_manager, world):
    other = world["other_partnership"]
    RoleFactory(person=other, partnership=world.a, role=Role.STUURGROEPLID)
    response = as_manager.post(
        url(world, "person_update", other.pk),
        {
            "first_name": "Nieuw",
            "last_name": "Naam",
            "email": "takeover@example.org",
            "language": "nl",
        },
    )
    assert response.status_code == 302
    other.refresh_from_db()
    assert other.email != "takeover@example.org"
    assert other.is_active
    assert other.last_name == "Naam"


def test_person_email_must_be_unique(as_manager, world):
    response = as_manager.post(
        url(world, "person_update", world["co_docent"].pk),
        {"first_name": "Co", "last_name": "Docent", "email": world["assessor"].email},
    )
    assert "email" in form_errors(response)


def test_edit_person(as_manager, world):
    person = world["co_docent"]
    response = as_manager.post(
        url(world, "person_update", person.pk),
        {
            "first_name": "Corrie",
            "last_name": "Docent",
            "email": person.email,
            "language": "en",
            "teaching_since": 2001,
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    person.refresh_from_db()
    assert (person.first_name, person.language, person.teaching_since) == ("Corrie", "en", 2001)


def test_teaching_since_in_the_future_is_refused(as_manager, world):
    person = world["co_docent"]
    response = as_manager.post(
        url(world, "person_update", person.pk),
        {
            "first_name": "Co",
            "last_name": "Docent",
            "email": person.email,
            "language": "nl",
            "teaching_since": timezone.localdate().year + 2,
        },
    )
    assert "teaching_since" in form_errors(response)


# --- role assignments ---------------------------------------------------------------------------
def test_add_a_role(as_manager, world):
    person = world["co_docent"]
    response = as_manager.post(
        url(world, "role_create", person.pk),
        {
            "role": Role.WERKPLEKBEGELEIDER,
            "organisation": world.school2.pk,
            "subject": world.subject2.pk,
            "valid_from": "2025-08-01",
        },
    )
    assert response["Location"] == url(world, "person_detail", person.pk)
    role = RoleAssignment.objects.get(person=person, role=Role.WERKPLEKBEGELEIDER)
    assert (role.partnership, role.organisation, role.subject) == (
        world.a,
        world.school2,
        world.subject2,
    )
    assert role.valid_from == datetime.date(2025, 8, 1)


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"role": Role.SCHOOLCOORDINATOR}, "organisation", "This role is held at a school."),
        (
            {"role": Role.STAGECOORDINATOR, "organisation": "school1"},
            "organisation",
            "This role is held for the partnership as a whole.",
        ),
        (
            {"role": Role.INSTITUUTSOPLEIDER, "organisation": "school1"},
            "organisation",
            "This role is held at an institute.",
        ),
        (
            {"role": Role.SCHOOLCOORDINATOR, "organisation": "school1", "subject": "subject"},
            "subject",
            "This role is not held per subject.",
        ),
        (
            {
                "role": Role.LEIDINGGEVENDE,
                "organisation": "school1",
                "valid_from": "2025-09-01",
                "valid_until": "2025-08-01",
            },
            "valid_until",
            "The end date lies before the start date.",
        ),
    ],
    ids=["school_role_without_school", "partnership_role_at_school", "institute_role_at_school",
         "subject_on_coordinator", "dates_reversed"],
)  # fmt: skip
def test_invalid_role_shows_the_field_error_in_dutch(as_manager, world, data, field, message):
    data = {
        k: (getattr(world, v).pk if k in ("organisation", "subject") else v)
        for k, v in data.items()
    }
    person = world["co_docent"]
    before = RoleAssignment.objects.filter(person=person).count()
    response = as_manager.post(url(world, "role_create", person.pk), data)
    assert dutch(message) in form_errors(response)[field]
    assert shows_dutch(response, message)
    assert RoleAssignment.objects.filter(person=person).count() == before


def test_role_at_another_partnerships_organisation_is_not_a_choice(as_manager, world):
    response = as_manager.post(
        url(world, "role_create", world["co_docent"].pk),
        {"role": Role.CO_DOCENT, "organisation": world.school_b.pk},
    )
    assert "organisation" in form_errors(response)
    assert "Kies organisatie uit de lijst" in response.content.decode()


def test_edit_a_role(as_manager, world):
    assignment = world.roles["co_docent"]
    response = as_manager.post(
        url(world, "role_update", assignment.person_id, assignment.pk),
        {"role": Role.ASSESSOR, "organisation": world.school3.pk, "valid_until": "2030-07-31"},
    )
    assert response.status_code == 302
    assignment.refresh_from_db()
    assert (assignment.role, assignment.organisation) == (Role.ASSESSOR, world.school3)
    assert RoleAssignment.objects.filter(person=assignment.person).count() == 1


def test_end_a_role(as_manager, world):
    assignment = world.roles["co_docent"]
    detail = url(world, "person_detail", assignment.person_id)
    assert dutch("End today") in as_manager.get(detail).content.decode()
    response = as_manager.post(url(world, "role_end", assignment.person_id, assignment.pk))
    assert response["Location"] == detail
    assignment.refresh_from_db()
    assert assignment.valid_until == timezone.localdate()
    page = as_manager.get(detail)
    assert shows_dutch(page, "The role has been ended.")
    assert dutch("End today") not in page.content.decode()
    # ended today: gone from tomorrow
    from partnerships.access import Access

    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    assert not Access(assignment.person, today=tomorrow).partnerships().exists()


def test_ending_an_ended_role_does_not_extend_it(as_manager, world):
    person = world["co_docent"]
    ended = timezone.localdate() - datetime.timedelta(days=300)
    old = RoleFactory(
        person=person,
        partnership=world.a,
        role=Role.LEIDINGGEVENDE,
        organisation=world.school1,
        valid_until=ended,
    )
    response = as_manager.post(url(world, "role_end", person.pk, old.pk))
    assert response.status_code == 302
    old.refresh_from_db()
    assert old.valid_until == ended


def test_ending_a_role_that_has_not_started_explains_why(as_manager, world):
    person = world["co_docent"]
    starts = timezone.localdate() + datetime.timedelta(days=30)
    future = RoleFactory(
        person=person,
        partnership=world.a,
        role=Role.ASSESSOR,
        organisation=world.school1,
        valid_from=starts,
    )
    response = as_manager.post(url(world, "role_end", person.pk, future.pk), follow=True)
    assert response.status_code == 200
    assert shows_dutch(response, "The end date lies before the start date.")
    future.refresh_from_db()
    assert (future.valid_from, future.valid_until) == (starts, None)


# --- qualifications -----------------------------------------------------------------------------
def test_add_and_edit_a_qualification(as_manager, world):
    person = world["co_docent"]
    response = as_manager.post(
        url(world, "qualification_create", person.pk),
        {
            "kind": "teaching",
            "status": "completed",
            "subject": world.subject.pk,
            "grade": "1",
            "obtained_on": "2019-07-01",
        },
    )
    assert response["Location"] == url(world, "person_detail", person.pk)
    qualification = Qualification.objects.get(person=person)
    assert (qualification.subject, qualification.grade) == (world.subject, "1")

    response = as_manager.post(
        url(world, "qualification_update", person.pk, qualification.pk),
        {"kind": "brlo", "status": "planned"},
    )
    assert response.status_code == 302
    qualification.refresh_from_db()
    assert (qualification.kind, qualification.subject, qualification.grade) == ("brlo", None, "")


def test_teaching_qualification_without_subject_is_refused(as_manager, world):
    response = as_manager.post(
        url(world, "qualification_create", world["co_docent"].pk),
        {"kind": "teaching", "status": "completed", "obtained_on": "2019-07-01"},
    )
    assert "subject" in form_errors(response)
    assert shows_dutch(response, "A teaching qualification names its subject and grade.")


# --- students -----------------------------------------------------------------------------------
def _student_data(world, **extra):
    return {
        "first_name": "Sanne",
        "last_name": "Bakker",
        "email": "Sanne.Bakker@Student.example.org",
        "student_number": "S-7777",
        "institute": world.institute.pk,
        "programme_variant": ProgrammeVariant.HBO_BACHELOR_VOLTIJD,
        "hbo_year": 1,
        "subject": world.subject.pk,
        "start_year": academic_year().pk,
        "school": world.school1.pk,
        "werkplekbegeleider": world["werkplekbegeleider"].pk,
        "is_active": "on",
    } | extra


def test_instituutscoordinator_creates_a_student_and_their_person(client, world):
    client.force_login(world["instituutscoordinator"])
    response = client.post(url(world, "student_create"), _student_data(world))
    student = Student.objects.get(student_number="S-7777")
    assert response["Location"] == student.get_absolute_url()
    assert student.person.email == "sanne.bakker@student.example.org"
    assert student.person.full_name == "Sanne Bakker"
    assert (student.subsidy_category, student.facilitation_category) == ("a", "hbo1")
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert "Sanne Bakker" in page.content.decode()
    # the new student can now sign in (after a password reset) and sees their own record
    client.force_login(student.person)
    assert client.get(student.get_absolute_url()).status_code == 200


def test_instituutscoordinator_cannot_pick_another_institute(client, world):
    client.force_login(world["instituutscoordinator"])
    response = client.post(
        url(world, "student_create"), _student_data(world, institute=world.institute2.pk)
    )
    assert "institute" in form_errors(response)
    assert not Student.objects.filter(student_number="S-7777").exists()


def test_hbo_bachelor_without_year_is_refused(as_manager, world):
    response = as_manager.post(url(world, "student_create"), _student_data(world, hbo_year=""))
    assert "hbo_year" in form_errors(response)
    assert shows_dutch(response, "An hbo bachelor student has a year (1–4).")
    assert not Person.objects.filter(email="sanne.bakker@student.example.org").exists()


def test_a_student_only_once_per_partnership(as_manager, world):
    response = as_manager.post(
        url(world, "student_create"), _student_data(world, email=world.student1.person.email)
    )
    assert "email" in form_errors(response)
    assert shows_dutch(response, "This person is already a student in this partnership.")


def test_staff_member_can_become_a_student(as_manager, world):
    """An existing person (here a co-docent) gets a student record; no second account."""
    person = world["co_docent"]
    data = _student_data(world, email=person.email, first_name=person.first_name)
    data["last_name"] = person.last_name
    response = as_manager.post(url(world, "student_create"), data)
    assert response.status_code == 302
    assert Student.objects.get(student_number="S-7777").person == person
    assert Person.objects.filter(email=person.email).count() == 1


def test_enrolling_an_existing_account_does_not_rename_it(client, world):
    """An institute coordinator of A types the e-mail of somebody who already has an account
    (here B's stagecoördinator): the student record is linked to that account, whose name they
    cannot change from here."""
    other = world["other_partnership"]
    name = (other.first_name, other.last_name)
    client.force_login(world["instituutscoordinator"])
    data = _student_data(world, email=other.email.upper(), first_name="Gekaapt", last_name="X")
    response = client.post(url(world, "student_create"), data)
    assert response.status_code == 302
    student = Student.objects.get(student_number="S-7777")
    assert student.person == other
    other.refresh_from_db()
    assert (other.first_name, other.last_name) == name != ("Gekaapt", "X")


def test_edit_a_student(as_manager, world):
    student = world.student1
    data = _student_data(
        world,
        first_name="Stijn",
        last_name="Student",
        email=student.person.email,
        student_number="S-0001",
        hbo_year=4,
        school=world.school3.pk,
    )
    response = as_manager.post(url(world, "student_update", student.pk), data)
    assert response["Location"] == student.get_absolute_url()
    student.refresh_from_db()
    assert (student.hbo_year, student.facilitation_category, student.school) == (
        4,
        "2",
        world.school3,
    )
    assert student.person.first_name == "Stijn"
    assert Student.objects.filter(partnership=world.a).count() == 3


def test_edit_form_shows_the_persons_name(as_manager, world):
    form = as_manager.get(url(world, "student_update", world.student1.pk)).context["form"]
    assert form["email"].value() == world.student1.person.email
    assert form["first_name"].value() == world.student1.person.first_name


# --- list filters, search, sorting, pagination -------------------------------------------------
def names(response, attr="name"):
    return [getattr(obj, attr) for obj in response.context["object_list"]]


def test_organisation_list_filters(as_manager, world):
    world.school2.school_types.add(SchoolType.objects.get(code="vmbo-b"))
    world.school3.is_active = False
    world.school3.save()
    target = url(world, "organisation_list")
    assert names(as_manager.get(target, {"kind": "institute"})) == [
        "Hogeschool Alfa",
        "Universiteit Alfa",
    ]
    assert names(as_manager.get(target, {"q": "lyceum"})) == ["Alfa Lyceum"]
    assert names(as_manager.get(target, {"q": "alfa college"})) == ["Alfa College"]
    assert names(as_manager.get(target, {"school_types": "vmbo-b"})) == ["Beekdal School"]
    assert "Alfa Lyceum" not in names(as_manager.get(target, {"is_active": "1"}))
    assert names(as_manager.get(target, {"is_active": "0"})) == ["Alfa Lyceum"]
    assert names(as_manager.get(target, {"o": "-name"}))[:2] == [
        "Universiteit Alfa",
        "Hogeschool Alfa",
    ]
    everything = names(as_manager.get(target))
    assert everything == sorted(everything)
    assert "Beta School" not in everything


def test_organisation_list_counts(as_manager, world):
    Section.objects.create(school=world.school1, subject=world.subject2)
    page = as_manager.get(url(world, "organisation_list"), {"q": "Alfa College"})
    (school1,) = page.context["object_list"]
    assert (school1.section_count, school1.student_count) == (2, 2)  # students 1 and 3


def test_organisation_list_is_scoped(client, world):
    client.force_login(world["schoolopleider"])
    assert names(client.get(url(world, "organisation_list"))) == ["Alfa College"]


def test_organisation_list_pagination(as_manager, world):
    for i in range(30):
        SchoolFactory(partnership=world.a, name=f"Zuid {i:02d}", city="Rotterdam")
    target = url(world, "organisation_list")
    first = as_manager.get(target, {"q": "zuid"})
    assert first.context["paginator"].count == 30
    assert names(first) == [f"Zuid {i:02d}" for i in range(25)]
    assert "q=zuid&amp;page=2" in first.content.decode()  # the filter travels with the page
    second = as_manager.get(target, {"q": "zuid", "page": 2})
    assert names(second) == [f"Zuid {i:02d}" for i in range(25, 30)]
    assert as_manager.get(target, {"q": "zuid", "page": 3}).status_code == 404


def test_person_list_filters(as_manager, world):
    target = url(world, "person_list")
    wpbs = names(as_manager.get(target, {"role": Role.WERKPLEKBEGELEIDER}), "email")
    assert sorted(wpbs) == ["werkplekbegeleider@example.org", "wpb.other.school@example.org"]
    assert names(as_manager.get(target, {"q": "stuurgroeplid"}), "email") == [
        "stuurgroeplid@example.org"
    ]
    emails = names(as_manager.get(target, {"o": "email"}), "email")
    assert emails == sorted(emails)
    assert "other.partnership@example.org" not in emails
    assert "student.two@example.org" in emails  # students are people of the partnership too
    assert names(as_manager.get(target, {"o": "-email"}), "email") == emails[::-1]


def test_person_list_shows_roles(as_manager, world):
    page = as_manager.get(url(world, "person_list"), {"q": "werkplekbegeleider@"})
    body = page.content.decode()
    assert f"{dutch(Role.WERKPLEKBEGELEIDER.label)} ({world.school1.name})" in body


def test_student_list_filters(as_manager, world):
    world.student3.is_active = False
    world.student3.save()
    target = url(world, "student_list")

    def listed(**query):
        return {s.pk for s in as_manager.get(target, query).context["object_list"]}

    s1, s2, s3 = world.student1.pk, world.student2.pk, world.student3.pk
    assert listed() == {s1, s2, s3}
    assert listed(q="S-0001") == {s1}
    assert listed(q="student two") == {s2}
    assert listed(institute=world.institute2.pk) == {s2, s3}
    assert listed(school=world.school1.pk) == {s1, s3}
    assert listed(programme_variant=ProgrammeVariant.WO_MASTER_60) == {s2}
    assert listed(category="d") == {s3}
    assert listed(is_active="1") == {s1, s2}
    assert listed(is_active="0") == {s3}
    assert listed(school=world.school1.pk, is_active="1") == {s1}


def test_student_list_sorting(as_manager, world):
    target = url(world, "student_list")
    by_institute = names(as_manager.get(target, {"o": "institute"}), "institute")
    assert [i.name for i in by_institute] == sorted(i.name for i in by_institute)
    by_year = [s.hbo_year for s in as_manager.get(target, {"o": "-year"}).context["object_list"]]
    assert by_year[-1] == 2  # nulls first when descending on PostgreSQL
    by_name = [
        s.person.last_name for s in as_manager.get(target, {"o": "-name"}).context["object_list"]
    ]
    assert by_name == ["Van Student Two", "Van Student Three", "Van Student"]


def test_student_list_pagination(as_manager, world):
    for _ in range(27):
        StudentFactory(partnership=world.a, institute=world.institute, school=world.school2)
    target = url(world, "student_list")
    first = as_manager.get(target, {"school": world.school2.pk})
    assert first.context["paginator"].count == 28
    assert len(first.context["object_list"]) == 25
    second = as_manager.get(target, {"school": world.school2.pk, "page": 2})
    assert len(second.context["object_list"]) == 3
    shown = {s.pk for s in first.context["object_list"]} | {
        s.pk for s in second.context["object_list"]
    }
    assert len(shown) == 28


def test_student_filter_choices_are_this_partnerships(as_manager, world):
    form = as_manager.get(url(world, "student_list")).context["filter"].form
    assert world.school_b not in form.fields["school"].queryset
    assert set(form.fields["institute"].queryset) == {world.institute, world.institute2}


def test_wpb_list_shows_only_guided_students(client, world):
    extra = StudentFactory(partnership=world.a, institute=world.institute, school=world.school1)
    client.force_login(world["werkplekbegeleider"])
    page = client.get(url(world, "student_list"))
    assert [s.pk for s in page.context["object_list"]] == [world.student1.pk]
    assert extra.person.full_name not in page.content.decode()
    # a forged filter for another school changes nothing
    page = client.get(url(world, "student_list"), {"school": world.school2.pk})
    assert list(page.context["object_list"]) == []


def test_search_with_several_words_needs_all(as_manager, world):
    PersonFactory(email="anna.jansen@example.org", first_name="Anna", last_name="Jansen")
    RoleFactory(
        person=Person.objects.get(email="anna.jansen@example.org"),
        partnership=world.a,
        role=Role.WERKGROEPLID,
    )
    target = url(world, "person_list")
    assert names(as_manager.get(target, {"q": "anna jansen"}), "email") == [
        "anna.jansen@example.org"
    ]
    assert names(as_manager.get(target, {"q": "anna nobody"}), "email") == []
    assert Subject.objects.filter(partnership=world.a).count() == 2


def test_student_filter_lists_only_visible_organisations(client, world):
    client.force_login(world["werkplekbegeleider"])
    response = client.get(url(world, "student_list"))
    school_choices = {str(o) for o in response.context["filter"].filters["school"].queryset}
    assert world.school2.name not in school_choices


def test_organisation_with_students_cannot_change_kind(as_manager, world):
    school = world.school1
    response = as_manager.post(
        url(world, "organisation_update", school.pk),
        {"kind": "institute", "name": school.name, "institute_level": "hbo", "is_active": "on"},
    )
    assert response.status_code == 200
    assert "kind" in form_errors(response)
    school.refresh_from_db()
    assert school.kind == "school"
