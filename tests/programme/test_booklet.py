"""The programme booklet PDF: published events in date order with their sessions, in the
reader's language."""

import datetime

import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from partnerships.models import AcademicYear
from programme.views import booklet as views
from tests.programme.groups_world import event, session

pytestmark = pytest.mark.django_db


def test_the_booklet_lists_published_events_in_date_order(client, world, monkeypatch):
    start = AcademicYear.current().start_date
    later = event(world.a, title="Slotbijeenkomst", day=start + datetime.timedelta(days=300))
    first = event(world.a, title="Startbijeenkomst", day=start + datetime.timedelta(days=40),
                  mandatory=False)  # fmt: skip
    session(first, title="Lesobservatie", line="basis", theme="Kijkkader", room="B2.14",
            facilitators=[world["co_docent"]])  # fmt: skip
    event(world.a, title="Nog niet gepubliceerd", published=False)
    calls = []
    real = views.render_to_pdf

    def spy(template, context, *, language=None):
        calls.append((template, context, language))
        return real(template, context, language=language)

    monkeypatch.setattr(views, "render_to_pdf", spy)
    client.force_login(world["student"])
    client.post(reverse("set_language"), {"language": "en"})
    response = client.get(reverse("programme:booklet_pdf", kwargs={"partnership": world.a.slug}))
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF") and b"%%EOF" in response.content[-1024:]
    template, context, language = calls[0]
    assert language == "en"
    assert [e.pk for e in context["events"]] == [first.pk, later.pk]
    with translation.override(language):
        html = render_to_string(template, context)
    for text in ("Startbijeenkomst", "Lesobservatie", "Kijkkader", "B2.14",
                 world["co_docent"].full_name, "optional", "mandatory"):  # fmt: skip
        assert text in html, text
    assert "Nog niet gepubliceerd" not in html
    assert html.index("Startbijeenkomst") < html.index("Slotbijeenkomst")
