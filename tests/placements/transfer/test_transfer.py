"""Transfer forms (doorstroomformulieren): the yearly task, the page with autosave, the flow from
draft to acknowledged, the frozen snapshot, the PDF, access and audit, the portfolio and lists.

The world of tests/partnerships serves here (``tests.placements.transfer.perm_transfer`` builds
student1's ending placement at school1 with its three guides and the next one at school2)."""

import datetime

import pytest
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from partnerships.models import AuditEntry, Person
from placements import services
from placements.models import Placement, TransferForm, TransferFormRemark, TransferSettings
from placements.tasks import create_transfer_forms, send_transfer_reminders
from tests.factories import PersonFactory, StudentFactory, academic_year
from tests.partnerships.conftest import dutch, shows
from tests.placements.transfer.transfer_world import ending_placement, form_of, placement

pytestmark = pytest.mark.django_db


def may_20() -> datetime.date:
    """A day after the default transfer date (15 May) in the current academic year."""
    return datetime.date(academic_year().start_year + 1, 5, 20)


def url(world, name, form):
    return reverse(f"placements:{name}", kwargs={"partnership": world.a.slug, "pk": form.pk})


def audits(form, action):
    return AuditEntry.objects.filter(
        object_type="placements.transferform", object_id=str(form.pk), action=action
    )


def htmx_post(client, path, data):
    return client.post(path, data, HTTP_HX_REQUEST="true")


# --- the yearly task ---------------------------------------------------------------------------
def test_task_creates_one_draft_per_ending_placement_and_mails_once(
    world, mailoutbox, django_capture_on_commit_callbacks
):
    active = ending_placement(world)
    confirmed = placement(world.student2, world.school2, status="confirmed")
    placement(world.student3, world.school1, status="proposed")  # not ending: no form
    last_year = academic_year(academic_year().start_year - 1)
    placement(world.student3, world.school1, year=last_year, status="completed")
    before = may_20() - datetime.timedelta(days=6)  # 14 May: not yet
    assert create_transfer_forms(on=before.isoformat()) == 0

    with django_capture_on_commit_callbacks(execute=True):
        assert create_transfer_forms(on=may_20().isoformat()) == 2
    with django_capture_on_commit_callbacks(execute=True):
        assert create_transfer_forms(on=may_20().isoformat()) == 0
        assert create_transfer_forms(on=(may_20() + datetime.timedelta(days=1)).isoformat()) == 0

    forms = TransferForm.objects.filter(student__partnership=world.a)
    assert {f.placement_id for f in forms} == {active.pk, confirmed.pk}
    form = forms.get(placement=active)
    assert form.status == "draft"
    assert form.deadline == may_20() + datetime.timedelta(days=28)
    assert sorted(m.to[0] for m in mailoutbox) == sorted(
        [world.student1.person.email, world.student2.person.email]
    )
    assert form.get_absolute_url() in mailoutbox[0].body + mailoutbox[1].body


def test_task_follows_each_partnerships_date(world):
    ending_placement(world)
    TransferSettings.objects.create(partnership=world.a, create_month=6, create_day=1)
    assert create_transfer_forms(on=may_20().isoformat()) == 0
    assert create_transfer_forms(on=may_20().replace(month=6, day=2).isoformat()) == 1
    form = TransferForm.objects.get(student=world.student1)
    assert form.deadline == may_20().replace(month=6, day=2) + datetime.timedelta(days=28)


def test_reminders_before_and_on_the_deadline_once_per_day(
    world, mailoutbox, django_capture_on_commit_callbacks
):
    today = may_20()
    form = form_of(world, deadline=today + datetime.timedelta(days=7))
    submitted = services.transfer_form_open(
        placement=placement(world.student2, world.school2), deadline=today
    )[0]
    TransferForm.objects.filter(pk=submitted.pk).update(status="submitted")
    with django_capture_on_commit_callbacks(execute=True):
        assert send_transfer_reminders(on=today.isoformat()) == 1
        assert send_transfer_reminders(on=today.isoformat()) == 0
        assert send_transfer_reminders(on=(today + datetime.timedelta(days=1)).isoformat()) == 0
        on_deadline = form.deadline.isoformat()
        assert send_transfer_reminders(on=on_deadline) == 1
        assert send_transfer_reminders(on=on_deadline) == 0
    reminders = [m for m in mailoutbox if m.to == [world.student1.person.email]]
    assert len(reminders) == 2


# --- the page: autosave, save without JavaScript, submit -----------------------------------------
def test_autosave_saves_only_the_field_sent(client, world):
    form = form_of(world, strengths="Klassenmanagement")
    client.force_login(world["student"])
    response = htmx_post(
        client, url(world, "transfer_form", form), {"autosave": "suits_me", "suits_me": "Havo"}
    )
    assert response.status_code == 200
    assert "alert" not in response.content.decode()
    form.refresh_from_db()
    assert (form.suits_me, form.strengths) == ("Havo", "Klassenmanagement")
    assert form.status == "draft"


def test_autosave_reports_errors_and_keeps_the_text(client, world):
    form = form_of(world, suits_me="Eerst")
    client.force_login(world["student"])
    path = url(world, "transfer_form", form)
    response = htmx_post(client, path, {"autosave": "suits_me", "suits_me": "x" * 5001})
    assert 'role="alert"' in response.content.decode()
    TransferForm.objects.filter(pk=form.pk).update(status="final")
    response = htmx_post(client, path, {"autosave": "suits_me", "suits_me": "Later"})
    assert 'role="alert"' in response.content.decode()
    form.refresh_from_db()
    assert form.suits_me == "Eerst"


def test_autosave_after_the_session_ended_says_so(client, world):
    form = form_of(world)
    response = htmx_post(client, url(world, "transfer_form", form), {"autosave": "suits_me"})
    assert response.status_code == 200 and 'role="alert"' in response.content.decode()
    response = client.post(url(world, "transfer_form", form), {"suits_me": "x"})
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_save_without_javascript_and_submit(
    client, world, mailoutbox, django_capture_on_commit_callbacks
):
    form = form_of(world)
    client.force_login(world["student"])
    path = url(world, "transfer_form", form)
    texts = {
        "suits_me": "Vmbo",
        "strengths": "Contact met leerlingen",
        "points_of_attention": "",
        "learning_goals_next_year": "Differentiëren",
        "other_remarks": "",
    }
    check = url(world, "transfer_submit", form)
    response = client.post(path, {**texts, "step": "submit"})
    # saved, then check your answers: points of attention missing, no submit button
    assert response.status_code == 302 and response["Location"] == check
    page = client.get(check)
    assert [name for name, _label in page.context["missing"]] == ["points_of_attention"]
    assert dutch("Submit for remarks") not in page.content.decode()
    form.refresh_from_db()
    assert (form.status, form.suits_me, form.strengths) == (
        "draft",
        "Vmbo",
        "Contact met leerlingen",
    )

    response = client.post(path, {**texts, "points_of_attention": "Orde", "step": "submit"})
    assert response["Location"] == check
    page = client.get(check).content.decode()
    names = [
        world[a].full_name for a in ("werkplekbegeleider", "schoolopleider", "instituutsopleider")
    ]
    assert "Orde" in page and all(escape(name) in page for name in names)
    assert TransferForm.objects.get(pk=form.pk).status == "draft"  # nothing sent yet
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(check)
    assert response["Location"] == url(world, "transfer_submitted", form)
    form.refresh_from_db()
    assert form.status == "submitted" and form.submitted_at
    guides = {
        world[a].email for a in ("werkplekbegeleider", "schoolopleider", "instituutsopleider")
    }
    assert {m.to[0] for m in mailoutbox} == guides
    done = client.get(response["Location"])
    assert all(escape(name) in done.content.decode() for name in names)
    assert not list(done.context["messages"])  # the page is the confirmation, no flash message
    page = client.get(path).content.decode()
    assert "Orde" in page and 'name="step" value="submit"' not in page


# --- the flow: remarks, final (snapshot), shared, acknowledged, employer -------------------------
def test_the_whole_flow(client, world, mailoutbox, django_capture_on_commit_callbacks):
    form = form_of(world, status="submitted", strengths="Structuur")
    client.force_login(world["werkplekbegeleider"])
    response = client.post(
        url(world, "transfer_remark", form), {"text": "Meer variatie in werkvormen"}
    )
    assert response.status_code == 302
    client.force_login(world["student"])
    page = client.get(url(world, "transfer_form", form)).content.decode()
    assert "Meer variatie in werkvormen" in page

    # not final before the institute trainer agrees
    response = client.post(url(world, "transfer_finalise", form), follow=True)
    assert TransferForm.objects.get(pk=form.pk).status == "submitted"
    assert shows(response, "The form can be made final once your institute trainer has agreed.")
    client.force_login(world["instituutsopleider"])
    client.post(url(world, "transfer_remark", form), {"agrees": "on"})
    client.force_login(world["student"])
    assert client.post(url(world, "transfer_finalise", form)).status_code == 302
    form.refresh_from_db()
    assert form.status == "final" and form.snapshot["previous_school"]["name"] == "Alfa College"

    # a final form is frozen: later changes to the data do not show
    world.school1.name = "Nieuwe Naam College"
    world.school1.save()
    Person.objects.filter(pk=world["werkplekbegeleider"].pk).update(first_name="Gewijzigd")
    page = client.get(url(world, "transfer_form", form)).content.decode()
    assert "Alfa College" in page and "Nieuwe Naam" not in page and "Gewijzigd" not in page
    assert htmx_post(
        client, url(world, "transfer_form", form), {"autosave": "strengths", "strengths": "x"}
    )
    assert TransferForm.objects.get(pk=form.pk).strengths == "Structuur"

    # shared with school2: its coordinator, schoolopleider and the new wpb get access and a mail
    client.force_login(world["schoolcoordinator_other_school"])
    assert client.get(url(world, "transfer_form", form)).status_code == 404
    client.force_login(world["student"])
    check = client.get(url(world, "transfer_share", form))  # check before sharing: who gets it
    assert escape(world["wpb_other_school"].full_name) in check.content.decode()
    assert TransferForm.objects.get(pk=form.pk).status == "final"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url(world, "transfer_share", form))
    assert response["Location"] == url(world, "transfer_shared", form)
    assert client.get(response["Location"]).status_code == 200
    form.refresh_from_db()
    assert form.status == "shared" and form.snapshot["new_school"]["name"] == "Beekdal School"
    receivers = {
        world[a].email
        for a in (
            "schoolcoordinator_other_school",
            "schoolopleider_other_school",
            "wpb_other_school",
        )
    }
    assert receivers <= {m.to[0] for m in mailoutbox}

    client.force_login(world["schoolcoordinator_other_school"])
    assert client.get(url(world, "transfer_form", form)).status_code == 200
    response = client.post(url(world, "transfer_acknowledge", form), {})
    assert response.status_code == 200 and response.context["ack_form"].errors
    assert (
        client.post(url(world, "transfer_acknowledge", form), {"discussed": "on"}).status_code
        == 302
    )
    form.refresh_from_db()
    assert form.status == "acknowledged"
    assert form.acknowledged_by == world["schoolcoordinator_other_school"]
    assert {e.action for e in AuditEntry.objects.filter(object_id=str(form.pk))} >= {
        "transfer_remark",
        "transfer_finalise",
        "transfer_share",
        "transfer_acknowledge",
        "view",
    }


def test_an_agreement_by_someone_else_does_not_count(client, world):
    form = form_of(world, status="submitted")
    client.force_login(world["schoolopleider"])
    forged = {"agrees": "on", "role": "instituutsopleider"}
    assert client.post(url(world, "transfer_remark", form), forged).context["remark_form"].errors
    client.post(url(world, "transfer_remark", form), {"agrees": "on"})
    assert TransferFormRemark.objects.get(form=form).role == "schoolopleider"
    client.force_login(world["student"])
    client.post(url(world, "transfer_finalise", form))
    assert TransferForm.objects.get(pk=form.pk).status == "submitted"


def test_a_remark_needs_text_or_agreement(client, world):
    form = form_of(world, status="submitted")
    client.force_login(world["werkplekbegeleider"])
    response = client.post(url(world, "transfer_remark", form), {"text": "  "})
    assert response.status_code == 200 and response.context["remark_form"].errors["text"]
    assert not TransferFormRemark.objects.exists()


def test_the_last_form_goes_to_an_employer_by_choice(client, world):
    form = services.transfer_form_open(placement=ending_placement(world), deadline=may_20())[0]
    TransferForm.objects.filter(pk=form.pk).update(status="final")
    client.force_login(world["student"])
    path = url(world, "transfer_employer", form)
    response = client.post(path, {"share_with_employer": "on", "employer_name": ""})
    assert response.context["employer_form"].errors["employer_name"]
    client.post(
        path,
        {
            "share_with_employer": "on",
            "employer_name": "Het Lyceum",
            "employer_email": "hr@lyceum.nl",
        },
    )
    form.refresh_from_db()
    assert (form.share_with_employer, form.employer_name) == (True, "Het Lyceum")
    assert "Het Lyceum" in client.get(url(world, "transfer_form", form)).content.decode()
    # with a next placement the form goes to the next school instead
    with_next = form_of(world, status="final")
    client.post(path, {"share_with_employer": "on", "employer_name": "X"})
    assert TransferForm.objects.get(pk=with_next.pk).employer_name == "Het Lyceum"


def test_a_new_wpb_assigned_after_sharing_gets_the_form_next_morning(
    world, mailoutbox, django_capture_on_commit_callbacks
):
    form = form_of(
        world, status="shared", shared_at=datetime.datetime(2025, 1, 1, tzinfo=datetime.UTC)
    )
    Placement.objects.filter(pk=form.next_placement_id).update(werkplekbegeleider=None)
    today = datetime.date(2025, 1, 2)
    with django_capture_on_commit_callbacks(execute=True):
        send_transfer_reminders(on=today.isoformat())
    before = len(mailoutbox)
    new_wpb = PersonFactory()
    Placement.objects.filter(pk=form.next_placement_id).update(werkplekbegeleider=new_wpb)
    with django_capture_on_commit_callbacks(execute=True):
        send_transfer_reminders(on=today.isoformat())
        send_transfer_reminders(on=today.isoformat())
    assert [m.to[0] for m in mailoutbox[before:]] == [new_wpb.email]


# --- access and audit --------------------------------------------------------------------------
def test_views_and_downloads_are_audited_and_others_get_404(client, world):
    form = form_of(world)
    client.force_login(world["student"])
    client.get(url(world, "transfer_form", form))
    client.get(url(world, "transfer_form_pdf", form))
    assert audits(form, "view").get().person == world["student"]
    assert audits(form, "download").get().partnership == world.a
    other_placement = placement(
        world.student2, world.school2, werkplekbegeleider=world["wpb_other_school"]
    )
    other = services.transfer_form_open(placement=other_placement, deadline=may_20())[0]
    assert client.get(url(world, "transfer_form", other)).status_code == 404
    assert client.get(url(world, "transfer_form_pdf", other)).status_code == 404
    assert not audits(other, "view").exists()
    client.force_login(world["wpb_other_school"])
    assert client.get(url(world, "transfer_form", form)).status_code == 404
    assert client.get(url(world, "transfer_form", other)).status_code == 200


def test_every_view_is_audited_also_when_the_page_is_served_from_the_kept_copy(client, world):
    """The form page is kept for a repeat view (partnerships.page_cache); the audit entry is
    written before the kept copy is served, and does not count as a change of the data."""
    form = form_of(world)
    client.force_login(world["student"])
    first = client.get(url(world, "transfer_form", form))
    with CaptureQueriesContext(connection) as queries:
        again = client.get(url(world, "transfer_form", form))
    assert again.status_code == 200 and again.context is None  # served from the kept page
    assert len(queries) < 15
    assert audits(form, "view").count() == 2
    assert first.content.decode().count("<textarea") == again.content.decode().count("<textarea")


def test_pdf_shows_the_page_in_the_readers_language(client, world, monkeypatch):
    form = form_of(world, strengths="Relatie met de klas")
    TransferFormRemark.objects.create(
        form=form,
        author=world["werkplekbegeleider"],
        role="werkplekbegeleider",
        text="Mooi gegroeid",
    )
    calls = []
    from placements.transfer.views import form as views

    real = views.render_to_pdf

    def spy(template, context, *, language=None):
        calls.append((template, context, language))
        return real(template, context, language=language)

    monkeypatch.setattr(views, "render_to_pdf", spy)
    client.force_login(world["instituutsopleider"])
    client.post(reverse("set_language"), {"language": "en"})
    response = client.get(url(world, "transfer_form_pdf", form))
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    template, context, language = calls[0]
    assert language == "en"
    with translation.override(language):
        html = render_to_string(template, context)
    page = client.get(url(world, "transfer_form", form)).content.decode()
    for text in (
        "Relatie met de klas",
        "Mooi gegroeid",
        "Alfa College",
        world["schoolopleider"].email,
        "What are my strengths?",
    ):
        assert text in html and text in page


# --- portfolio, list, dashboard, settings -------------------------------------------------------
def test_portfolio_lists_the_students_forms_over_the_years(client, world):
    this = form_of(world)
    last_year = academic_year(academic_year().start_year - 1)
    earlier = services.transfer_form_open(
        placement=placement(world.student1, world.school3, year=last_year, status="completed"),
        deadline=may_20(),
    )[0]
    client.force_login(world["student"])
    response = client.get(
        reverse("placements:transfer_portfolio", args=[world.a.slug, world.student1.pk])
    )
    assert list(response.context["forms"]) == [this, earlier]
    assert AuditEntry.objects.filter(action="view_portfolio", person=world["student"]).exists()


def test_dashboard_cards(client, world):
    form = form_of(world, status="submitted", deadline=may_20())
    client.force_login(world["student"])
    page = client.get(reverse("partnerships:dashboard", args=[world.a.slug])).content.decode()
    assert url(world, "transfer_form", form) in page
    client.force_login(world["werkplekbegeleider"])
    page = client.get(reverse("partnerships:dashboard", args=[world.a.slug])).content.decode()
    assert url(world, "transfer_form", form) in page


def test_settings_are_validated(client, world):
    client.force_login(world["stagecoordinator"])
    path = reverse("placements:transfer_settings", args=[world.a.slug])
    data = {"create_month": 2, "create_day": 30, "deadline_days": 14, "reminder_days": 3}
    assert client.post(path, data).context["form"].errors["create_day"]
    assert client.post(path, data | {"create_day": 1}).status_code == 302
    assert TransferSettings.objects.get(partnership=world.a).create_month == 2


SIZES = (1, 10, 50)


@pytest.mark.parametrize("actor", ["stagecoordinator", "schoolcoordinator"])
def test_list_and_portfolio_query_counts_are_flat(client, world, actor):
    client.force_login(world[actor])
    list_url = reverse("placements:transfer_list", args=[world.a.slug, academic_year().label])
    counts, total = {}, 0
    for size in SIZES:
        for _ in range(size - total):
            student = StudentFactory(
                partnership=world.a, institute=world.institute, subject=world.subject
            )
            p = placement(student, world.school1, werkplekbegeleider=world["werkplekbegeleider"])
            form = services.transfer_form_open(placement=p, deadline=may_20())[0]
            TransferFormRemark.objects.create(
                form=form,
                author=world["werkplekbegeleider"],
                role="werkplekbegeleider",
                agrees=True,
            )
        total = size
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(list_url)
        assert response.context["paginator"].count == size
        counts[size] = len(ctx.captured_queries)
    assert len(set(counts.values())) == 1, counts


def test_portfolio_query_count_is_flat(client, world):
    client.force_login(world["student"])
    path = reverse("placements:transfer_portfolio", args=[world.a.slug, world.student1.pk])
    counts = {}
    for n, start_year in enumerate(
        range(academic_year().start_year - 4, academic_year().start_year + 1), 1
    ):
        year = academic_year(start_year)
        services.transfer_form_open(
            placement=placement(world.student1, world.school1, year=year), deadline=may_20()
        )
        if n in (1, 5):
            with CaptureQueriesContext(connection) as ctx:
                assert len(client.get(path).context["forms"]) == n
            counts[n] = len(ctx.captured_queries)
    assert counts[1] == counts[5], counts


def test_the_placement_page_links_to_the_form_for_its_readers(client, world):
    form = form_of(world)
    placement_url = reverse("placements:placement_detail", args=[world.a.slug, form.placement_id])
    client.force_login(world["student"])
    assert url(world, "transfer_form", form) in client.get(placement_url).content.decode()
    client.force_login(world["leidinggevende"])  # sees the placement, not the form
    response = client.get(placement_url)
    assert response.status_code == 200
    assert url(world, "transfer_form", form) not in response.content.decode()
