"""Permission rows for the round pages (settings, plans, rounds, response rates). Wired into
``tests/partnerships/test_permissions.py`` with the other ``perm_*.py`` files.

Plans and rounds are made inside each row's kwargs (rolled back with the row's test). The
survey staff (programme manager, administratief ondersteuner) manage; managers and governance
read rounds and their response rates; nobody else gets in. Another partnership's plan or round
under A's slug is a 404."""

import datetime

from django.utils import timezone

from quality.choices import Audience, RoundStatus
from quality.models import RoundPlan, SurveyRound
from tests.factories import academic_year
from tests.partnerships.test_permissions import (
    GOVERNANCE,
    MANAGERS,
    Row,
    forged,
    has_form_errors,
    url_rows,
)
from tests.quality.factories import SurveyFactory

NS = "quality"
STAFF = ("programmamanager", "administratief_ondersteuner")
READERS = (*MANAGERS, *GOVERNANCE)


def _round(partnership, status=RoundStatus.SCHEDULED):
    today = timezone.localdate()
    survey = SurveyFactory(partnership=partnership)
    return SurveyRound.objects.create(
        partnership=partnership,
        survey=survey,
        academic_year=academic_year(),
        half=1,
        title="Enquête werkplekbegeleiders",
        audience=Audience.MENTORS,
        opens_on=today + datetime.timedelta(days=3),
        closes_on=today + datetime.timedelta(days=20),
        status=status,
    )


def _plan(partnership):
    survey = SurveyFactory(partnership=partnership)
    return RoundPlan.objects.create(
        partnership=partnership, survey=survey, audience=Audience.MENTORS, months=[1, 6]
    )


def a_round(status=RoundStatus.SCHEDULED):
    return lambda w: {"partnership": w.a.slug, "pk": _round(w.a, status).pk}


def b_round_under_a(w):
    return {"partnership": w.a.slug, "pk": _round(w.b).pk}


def a_plan(w):
    return {"partnership": w.a.slug, "pk": _plan(w.a).pk}


def b_plan_under_a(w):
    return {"partnership": w.a.slug, "pk": _plan(w.b).pk}


def in_a(w):
    return {"partnership": w.a.slug}


def invalid(name, kwargs, data):
    """An invalid submission: the survey staff get the form back with its errors."""
    return url_rows(
        name, kwargs, ok=STAFF, method="post", data=data, check=has_form_errors, namespace=NS
    )


def shows_round(response, world):
    assert response.context["survey_round"].title == "Enquête werkplekbegeleiders"


OPEN = RoundStatus.OPEN
ROWS: list[Row] = [
    *url_rows("settings", in_a, ok=STAFF, namespace=NS),
    *invalid("settings", in_a, {"min_group": 4}),
    *url_rows("plan_list", in_a, ok=STAFF, namespace=NS),
    *url_rows("plan_create", in_a, ok=STAFF, namespace=NS),
    *invalid("plan_create", in_a, {"months": ["1", "2"]}),
    *url_rows("plan_update", a_plan, ok=STAFF, namespace=NS),
    *invalid("plan_update", a_plan, {"open_day": 0}),
    *url_rows("round_list", in_a, ok=READERS, namespace=NS),
    *url_rows("round_create", in_a, ok=STAFF, namespace=NS),
    *invalid("round_create", in_a, {"opens_on": "2020-01-01"}),
    *url_rows("round_detail", a_round(), ok=READERS, check=shows_round, namespace=NS),
    *url_rows("round_rates", a_round(OPEN), ok=READERS, check=shows_round, namespace=NS),
    *url_rows("round_open_now", a_round(), ok=STAFF, check=shows_round, namespace=NS),
    *url_rows("round_open_now", a_round(), ok=STAFF, ok_status=302, method="post", namespace=NS),
    *url_rows("round_close_now", a_round(OPEN), ok=STAFF, namespace=NS),
    *url_rows(
        "round_close_now", a_round(OPEN), ok=STAFF, ok_status=302, method="post", namespace=NS
    ),
    *url_rows("round_cancel", a_round(), ok=STAFF, namespace=NS),
    *url_rows("round_cancel", a_round(), ok=STAFF, ok_status=302, method="post", namespace=NS),
    # another partnership's plan and round under A's slug
    *forged("plan_update", b_plan_under_a, actor="programmamanager", namespace=NS),
    *forged("round_detail", b_round_under_a, actor="programmamanager", namespace=NS),
    *forged("round_rates", b_round_under_a, actor="stuurgroeplid", namespace=NS),
    *forged("round_cancel", b_round_under_a, actor="programmamanager", method="post", namespace=NS),
    *forged("round_open_now", b_round_under_a, actor="superuser", method="post", namespace=NS),
]
