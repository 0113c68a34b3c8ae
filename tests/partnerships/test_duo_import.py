"""Schools from DUO's open data (issue 17, item 5): the CSV of school locations in DUO's own
column layout, through the import page; matched on the location number (BRIN + two digits)."""

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from partnerships.glossary import Role
from partnerships.imports.duo import parse_structure, place_name
from partnerships.models import Organisation
from tests.factories import PASSWORD, InstituteFactory, RoleFactory, SchoolFactory
from tests.partnerships.test_imports import assert_imported, nl, upload

pytestmark = pytest.mark.django_db

DUO_FILE = Path(__file__).parent / "data" / "duo_vestigingen_vo.csv"


@pytest.fixture
def partnership(client):
    role = RoleFactory(role=Role.STAGECOORDINATOR)
    assert client.login(username=role.person.email, password=PASSWORD)
    return role.partnership


def duo_file(replace: dict[str, str] | None = None) -> SimpleUploadedFile:
    text = DUO_FILE.read_text(encoding="utf-8")
    for old, new in (replace or {}).items():
        text = text.replace(old, new)
    return SimpleUploadedFile("02.-alle-vestigingen-vo.csv", text.encode("utf-8"))


def import_duo(client, partnership, file):
    """Upload, see the check page, confirm: the response after the import."""
    check = upload(client, partnership, "duo", file)
    assert check.redirect_chain[-1][0] == f"/p/{partnership.slug}/import/check/", check.context.get(
        "report"
    )
    return client.post(f"/p/{partnership.slug}/import/check/", follow=True)


def types(organisation) -> list[str]:
    return sorted(t.code for t in organisation.school_types.all())


def test_duo_file_updates_known_schools_and_adds_new_ones(client, partnership):
    known = SchoolFactory(partnership=partnership, name="Het Lyceum", brin="99XA", address="")
    check = upload(client, partnership, "duo", duo_file())
    assert [c.name for c in check.context["new"]] == [
        "Vakcollege Voorbeeld",
        "Praktijkschool De Brug",
    ]
    [change] = check.context["changed"]
    assert change.name == "Het Lyceum"
    assert (nl("BRIN code"), "99XA", "99XA00") in change.changes
    assert (nl("address"), "", "Laan van Meerdervoort 100") in change.changes
    assert (nl("school types"), "", "havo, vwo") in change.changes
    assert not Organisation.objects.filter(brin="99XB01").exists()  # nothing saved yet
    page = check.content.decode()
    assert nl("Check before you import") in page and "Vakcollege Voorbeeld" in page

    response = client.post(f"/p/{partnership.slug}/import/check/", follow=True)
    assert_imported(response, created=2, updated=1)

    known.refresh_from_db()
    assert known.name == "Het Lyceum"  # the partnership's own name stays
    assert known.brin == "99XA00"
    assert (known.address, known.postcode, known.city) == (
        "Laan van Meerdervoort 100",
        "2517 AB",
        "'s-Gravenhage",
    )
    assert types(known) == ["havo", "vwo"]
    college = Organisation.objects.get(partnership=partnership, brin="99XB01")
    assert college.name == "Vakcollege Voorbeeld" and college.is_school
    assert college.address == "Schoolstraat 12-A" and college.city == "Delft"
    assert types(college) == ["mavo", "vmbo-b", "vmbo-k"]
    assert types(Organisation.objects.get(brin="99XC00")) == ["pro"]


def test_second_import_of_the_same_file_only_updates(client, partnership):
    assert_imported(import_duo(client, partnership, duo_file()), created=3)
    count = Organisation.objects.filter(partnership=partnership).count()
    check = upload(client, partnership, "duo", duo_file())
    assert (check.context["new"], check.context["changed"], check.context["unchanged"]) == (
        [],
        [],
        3,
    )
    response = client.post(f"/p/{partnership.slug}/import/check/", follow=True)
    assert_imported(response, created=0, updated=3)
    # the file has left the session: the check page goes back to the upload
    again = client.get(f"/p/{partnership.slug}/import/check/")
    assert again.status_code == 302 and again["Location"] == f"/p/{partnership.slug}/import/"
    assert Organisation.objects.filter(partnership=partnership).count() == count


def test_bad_rows_are_listed_and_nothing_is_saved(client, partnership):
    InstituteFactory(partnership=partnership, name="Hogeschool Voorbeeld", brin="99XC00")
    bad = duo_file(
        {
            '"99XB01"': '"99X-1"',  # not a location number
            '"2611 BC"': '"26110"',  # not a postcode
            '"VBO/MAVO"': '"VBO/MBO"',  # no school type of secondary education
        }
    )
    response = upload(client, partnership, "duo", bad)
    report = response.context["report"]
    errors = {(e.row, e.column, e.message) for e in report.errors}
    assert (3, "VESTIGINGSNUMMER", nl("Enter a location number such as 16SW03.")) in errors
    assert (3, "POSTCODE", nl("Enter a Dutch postcode such as 1234 AB.")) in errors
    assert (3, "ONDERWIJSSTRUCTUUR", nl("Unknown school type: %(types)s.", types="MBO")) in errors
    institute = nl("This BRIN code belongs to an institute, not a school.")
    assert (4, "VESTIGINGSNUMMER", institute) in errors
    assert not Organisation.objects.filter(brin__in=["99XA00", "99XB01"]).exists()


def test_a_new_school_whose_name_is_taken_is_refused(client, partnership):
    SchoolFactory(partnership=partnership, name="Voorbeeldlyceum", brin="11AA00")
    response = upload(client, partnership, "duo", duo_file())
    errors = [(e.row, e.column) for e in response.context["report"].errors]
    assert errors == [(2, "VESTIGINGSNAAM")]


def test_newer_duo_headings_and_brin_mismatch(client, partnership):
    headings = {'"BRIN NUMMER"': '"INSTELLINGSCODE"', '"VESTIGINGSNUMMER"': '"VESTIGINGSCODE"'}
    newer = duo_file(headings)
    assert_imported(import_duo(client, partnership, newer), created=3)
    mismatch = duo_file({'"99XA";"99XA00"': '"99XZ";"99XA00"'})
    errors = [
        (e.row, e.column)
        for e in upload(client, partnership, "duo", mismatch).context["report"].errors
    ]
    assert errors == [(2, "BRIN NUMMER")]


def test_structure_and_place_names():
    assert parse_structure("VWO/HAVO/VMBO") == ["vwo", "havo", "vmbo-b", "vmbo-k", "vmbo-gt"]
    assert parse_structure("ath/gym") == ["vwo", "gymnasium"]
    assert place_name("'S-HERTOGENBOSCH") == "'s-Hertogenbosch"
    assert place_name("DEN HAAG") == "Den Haag"
