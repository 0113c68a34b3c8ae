"""Permission rows for the alumni register, a round's e-mail list and the review and release of
open answers (issue 15, items 3-4). Wired into ``tests/partnerships/test_permissions.py`` with the
other ``perm_*.py`` files.

The survey staff (programme manager, administratief ondersteuner) keep the alumni register and
the e-mail lists; only the programme manager reviews open answers and releases a round's
results. Another partnership's contact or round under A's slug is a 404."""

import datetime

from django.utils import timezone

from quality.choices import Audience, ConsentSource, RoundStatus
from quality.models import AlumniContact
from tests.partnerships.test_permissions import Row, forged, has_form_errors, url_rows
from tests.quality.perm_rounds import _round

NS = "quality"
STAFF = ("programmamanager", "administratief_ondersteuner")
PM = ("programmamanager",)


def in_a(w):
    return {"partnership": w.a.slug}


def _contact(partnership):
    return AlumniContact.objects.create(
        partnership=partnership,
        email=f"oud{AlumniContact.objects.count()}@example.org",
        consent_on=timezone.localdate() - datetime.timedelta(days=3),
        consent_source=ConsentSource.EXIT_FORM,
    )


def a_contact(w):
    return {"partnership": w.a.slug, "pk": _contact(w.a).pk}


def b_contact_under_a(w):
    return {"partnership": w.a.slug, "pk": _contact(w.b).pk}


def list_round(w):
    survey_round = _round(w.a)
    survey_round.audience = Audience.EMAIL_LIST
    survey_round.save(update_fields=["audience"])
    return {"partnership": w.a.slug, "pk": survey_round.pk}


def closed_round(w):
    return {"partnership": w.a.slug, "pk": _round(w.a, RoundStatus.CLOSED).pk}


def b_round_under_a(w):
    return {"partnership": w.a.slug, "pk": _round(w.b, RoundStatus.CLOSED).pk}


ROWS: list[Row] = [
    *url_rows("alumni_list", in_a, ok=STAFF, namespace=NS),
    *url_rows("alumni_create", in_a, ok=STAFF, namespace=NS),
    *url_rows(
        "alumni_create",
        in_a,
        ok=STAFF,
        method="post",
        data={"email": "geen-adres"},
        check=has_form_errors,
        namespace=NS,
    ),
    *url_rows("alumni_withdraw", a_contact, ok=STAFF, namespace=NS),
    *url_rows("alumni_withdraw", a_contact, ok=STAFF, ok_status=302, method="post", namespace=NS),
    *url_rows("round_addresses", list_round, ok=STAFF, namespace=NS),
    *url_rows(
        "round_addresses",
        list_round,
        ok=STAFF,
        ok_status=302,
        method="post",
        data={"addresses": "een@example.org\ntwee@example.org"},
        namespace=NS,
    ),
    *url_rows(
        "round_addresses",
        list_round,
        ok=STAFF,
        method="post",
        data={"addresses": "fout"},
        check=has_form_errors,
        variant="invalid",
        namespace=NS,
    ),
    *url_rows("round_review", closed_round, ok=PM, namespace=NS),
    *url_rows("round_review", closed_round, ok=PM, ok_status=302, method="post", namespace=NS),
    *url_rows("round_release", closed_round, ok=PM, namespace=NS),
    *url_rows("round_release", closed_round, ok=PM, ok_status=302, method="post", namespace=NS),
    *forged("alumni_withdraw", b_contact_under_a, actor="programmamanager", namespace=NS),
    *forged("round_addresses", b_round_under_a, actor="programmamanager", namespace=NS),
    *forged("round_review", b_round_under_a, actor="programmamanager", namespace=NS),
    *forged("round_release", b_round_under_a, actor="superuser", method="post", namespace=NS),
]
