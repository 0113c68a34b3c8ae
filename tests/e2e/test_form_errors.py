"""A form with errors, as a coordinator meets it in chromium (issue 14, item 5): the error summary
at the top lists each problem in words that name the field and links to it, the focus is on the
summary when the page opens, the page title starts with "Fout: ", and axe finds nothing. Also the
form's shape: the name first, "— kies —" as the empty choice, number inputs as wide as a number.
(The title without errors: tests/partnerships/test_form_defaults.py.) And a student who opens
"Studenten" lands on their own record."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.axe import assert_accessible
from tests.e2e.test_coordinator_journey import log_in

pytestmark = pytest.mark.e2e


def test_new_student_form_errors_in_the_summary(page, journey, live_server, screenshot):
    log_in(page, email=journey.coordinator.email)
    page.goto(f"/p/{journey.partnership.slug}/students/new/")
    form = page.locator("main form[method=post]")

    # The most identifying fields first: the name, then the e-mail, then the student number.
    names = form.locator("input:not([type=hidden]), select, textarea").evaluate_all(
        "els => els.map(e => e.name)"
    )
    assert names[:5] == ["first_name", "tussenvoegsel", "last_name", "email", "student_number"]
    # A real empty choice, not "---------".
    expect(form.locator("select[name=institute] option[value='']")).to_have_text("— kies —")
    assert "---------" not in form.inner_text()
    # A two-digit number is not typed into a field as wide as the page.
    assert form.locator("input[name=hbo_year]").bounding_box()["width"] <= 160
    assert_accessible(page)

    page.locator("input[name=first_name]").fill("Sanne")
    page.locator("input[name=email]").fill("geen-adres")
    page.locator("input[name=hbo_year]").fill("-1")
    page.locator("main form button[type=submit]").click()

    summary = page.locator("[data-error-summary]")
    expect(summary).to_be_visible()
    expect(summary).to_be_focused()
    expect(page).to_have_title(re.compile(r"^Fout: "))
    expect(summary.locator("h2")).to_have_text("Er is een probleem")
    # Specific messages, each naming its field, each a link to it.
    expect(summary.locator("a[href='#id_last_name']")).to_contain_text("Vul achternaam in")
    expect(summary.locator("a[href='#id_email']")).to_contain_text(
        "Vul een e-mailadres in zoals naam@school.nl"
    )
    expect(summary.locator("a[href='#id_institute']")).to_contain_text("Kies instituut")
    expect(summary.locator("a[href='#id_hbo_year']")).to_contain_text("moet 0 of meer zijn")
    assert "Dit veld is verplicht" not in summary.inner_text()
    # What was typed is kept.
    expect(page.locator("input[name=first_name]")).to_have_value("Sanne")
    assert_accessible(page)
    screenshot("form-error-summary")

    # A link in the summary takes the focus to its field.
    summary.locator("a[href='#id_last_name']").click()
    expect(page.locator("input[name=last_name]")).to_be_focused()

    # Corrected fields leave the summary; what is still wrong stays in it.
    page.locator("input[name=last_name]").fill("Bakker")
    page.locator("input[name=email]").fill("sanne.bakker@student.example.org")
    page.locator("main form button[type=submit]").click()
    expect(summary).to_be_focused()
    expect(summary.locator("a[href='#id_last_name']")).to_have_count(0)
    expect(summary.locator("a[href='#id_email']")).to_have_count(0)
    expect(summary.locator("a[href='#id_institute']")).to_have_count(1)
    expect(page.locator("input[name=last_name]")).to_have_value("Bakker")


def test_a_student_opening_students_sees_their_own_record(page, journey, live_server):
    student = journey.students[0]
    log_in(page, email=student.person.email)
    nav = page.locator(f"#mainnav a[href='/p/{journey.partnership.slug}/students/']")
    expect(nav).to_have_text("Mijn gegevens")
    nav.click()
    expect(page).to_have_url(
        f"{live_server.url}/p/{journey.partnership.slug}/students/{student.pk}/"
    )
    expect(page.locator("main h1")).to_contain_text(student.person.full_name)
    assert_accessible(page)
