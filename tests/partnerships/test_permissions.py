"""The permission table: every URL, every kind of visitor, the status they get.

Rules (partnerships/access.py): another partnership's object, or an object outside the actor's
scope, is a 404; a page in your own partnership that your role does not allow is a 403;
anonymous visitors are sent to the login page (except on the public pages: the landing page at
``/`` and the privacy statement). Every new URL adds its rows here —
``test_every_url_has_rows`` fails otherwise.

Actors are the people of ``conftest.build_world``: one per ``Role`` in partnership A (school roles
at school1, institute roles at institute1), "student" (student1 at school1), three actors at
school2 ("…_other_school"), "other_partnership" (B's stagecoördinator), "nobody" (an account
without any role), "superuser" and "anonymous".
"""

from __future__ import annotations

import importlib
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django.urls import URLResolver, get_resolver, reverse

from partnerships.glossary import Role

pytestmark = pytest.mark.django_db

ALLOWED = "allowed"  # any answer but 403/404/5xx or the login page (for pages still being built)

MANAGERS = ("stagecoordinator", "programmamanager", "administratief_ondersteuner")
GOVERNANCE = ("stuurgroeplid", "bestuursraadlid", "werkgroeplid")
SCHOOL1_LEADS = ("schoolcoordinator", "schoolopleider", "leidinggevende")
SCHOOL1 = (*SCHOOL1_LEADS, "werkplekbegeleider", "co_docent", "assessor")
INSTITUTE = ("instituutsopleider", "instituutscoordinator", "instituutsassessor")
OTHER_SCHOOL = (
    "schoolcoordinator_other_school",
    "schoolopleider_other_school",
    "wpb_other_school",
)
STAFF = (*MANAGERS, *GOVERNANCE, *SCHOOL1, *INSTITUTE, *OTHER_SCHOOL)
A_ACTORS = (*STAFF, "student")
PARTNERSHIP_PREFIX = "p/<slug:partnership>/"


@dataclass(frozen=True)
class Row:
    name: str  # URL name, namespaced
    kwargs: Callable  # world -> URL kwargs
    actor: str
    expected: int | str
    method: str = "get"
    data: dict | Callable = field(default_factory=dict)  # or world -> dict
    variant: str = ""
    check: Callable | None = None  # (response, world) -> None, for allowed answers

    @property
    def id(self) -> str:
        name = self.name.removeprefix("partnerships:") + (
            f".{self.variant}" if self.variant else ""
        )
        method = "POST " if self.method == "post" else ""
        return f"{method}{name}-{self.actor}-{self.expected}"


def _resolve(world, path: str):
    obj = world
    for part in path.split("."):
        obj = obj[part] if isinstance(obj, dict) else getattr(obj, part)
    return obj


def in_a(const: dict | None = None, **paths: str) -> Callable:
    """URL kwargs under partnership A's slug: ``paths`` into the world, plus ``const`` values."""
    return lambda w: (
        {"partnership": w.a.slug, **(const or {})} | {k: _resolve(w, v) for k, v in paths.items()}
    )


def in_b(**paths: str) -> Callable:
    return lambda w: {"partnership": w.b.slug} | {k: _resolve(w, v) for k, v in paths.items()}


def _import_job(world) -> int:
    """A finished background import in partnership A (issue 13, item 5)."""
    from partnerships.models import ImportJob

    job, _ = ImportJob.objects.get_or_create(
        partnership=world.a, kind="schools", defaults={"status": "done"}
    )
    return job.pk


def fixed(**kwargs) -> Callable:
    return lambda w: dict(kwargs)


def has_form_errors(response, world):
    form = response.context["form"]
    assert form.errors, "an invalid submission should show the form's errors"


def url_rows(
    name: str,
    kwargs: Callable,
    *,
    ok,
    not_found=(),
    ok_status: int | str = 200,
    method: str = "get",
    data: dict | None = None,
    variant: str = "",
    check: Callable | None = None,
    actors=A_ACTORS,
    namespace: str = "partnerships",
) -> list[Row]:
    """One row per actor: ``ok`` get ``ok_status``, ``not_found`` 404, every other actor of A a 403;
    anonymous is sent to log in, another partnership's user and a user without roles get 404,
    and the superuser is allowed. Other apps' URLs under /p/<slug>/ pass their ``namespace``."""
    name = f"{namespace}:{name}"
    ok, not_found = set(ok), set(not_found)
    assert not ok & not_found, name
    assert (ok | not_found) <= set(A_ACTORS), (ok | not_found) - set(A_ACTORS)
    common = {"method": method, "data": data or {}, "variant": variant}
    rows = [
        Row(
            name,
            kwargs,
            actor,
            ok_status if actor in ok else 404 if actor in not_found else 403,
            check=check if actor in ok else None,
            **common,
        )
        for actor in actors
    ]
    rows += [
        Row(name, kwargs, "anonymous", 302, **common),
        Row(name, kwargs, "other_partnership", 404, **common),
        Row(name, kwargs, "nobody", 404, **common),
        Row(name, kwargs, "superuser", ok_status, check=check, **common),
    ]
    return rows


def post_invalid_rows(name: str, kwargs: Callable, *, ok, not_found=(), data=None, variant=""):
    """An invalid submission: the allowed actors get the form back with its errors."""
    return url_rows(
        name,
        kwargs,
        ok=ok,
        not_found=not_found,
        method="post",
        data=data or {},
        variant=variant,
        check=has_form_errors,
    )


def forged(
    name, kwargs, variant="forged", actor="stagecoordinator", method="get", namespace="partnerships"
) -> list[Row]:
    """A row for an id that does not exist or lies outside partnership A / the actor's scope."""
    return [Row(f"{namespace}:{name}", kwargs, actor, 404, method=method, variant=variant)]


FORGED = 999_999_999
SC, SO, IC, IO = (
    "schoolcoordinator",
    "schoolopleider",
    "instituutscoordinator",
    "instituutsopleider",
)
SC2, SO2, WPB2 = OTHER_SCHOOL
ADMINS = ("programmamanager", "administratief_ondersteuner")  # may override categories
PLACEMENT_YEAR = (*MANAGERS, *GOVERNANCE, *SCHOOL1_LEADS, IO, IC, SC2, SO2)
WPB_PERSON = "people.werkplekbegeleider.pk"
WPB_ROLE = "roles.werkplekbegeleider.pk"

ROWS: list[Row] = [
    # --- dashboard and organisations --------------------------------------------------------
    *url_rows("dashboard", in_a(), ok=A_ACTORS),
    *url_rows("organisation_list", in_a(), ok=STAFF),
    *url_rows("organisation_create", in_a(), ok=MANAGERS),
    *post_invalid_rows("organisation_create", in_a(), ok=MANAGERS),
    *url_rows(
        "organisation_detail",
        in_a(pk="school1.pk"),
        ok=(*MANAGERS, *GOVERNANCE, *SCHOOL1),
        not_found=(*INSTITUTE, *OTHER_SCHOOL),
    ),
    *url_rows(
        "organisation_detail",
        in_a(pk="school3.pk"),
        variant="cluster_school",
        ok=(*MANAGERS, *GOVERNANCE, SC),
        not_found=(*(a for a in SCHOOL1 if a != SC), *INSTITUTE, *OTHER_SCHOOL),
    ),
    *url_rows(
        "organisation_detail",
        in_a(pk="institute.pk"),
        variant="institute",
        ok=(*MANAGERS, *GOVERNANCE, *INSTITUTE),
        not_found=(*SCHOOL1, *OTHER_SCHOOL),
    ),
    *url_rows("organisation_update", in_a(pk="school1.pk"), ok=MANAGERS),
    *post_invalid_rows("organisation_update", in_a(pk="school1.pk"), ok=MANAGERS),
    *url_rows("section_create", in_a(pk="school1.pk"), ok=(*MANAGERS, SC), not_found=(SC2,)),
    *url_rows("school_profile_update", in_a(pk="school1.pk"), ok=(*MANAGERS, SC), not_found=(SC2,)),
    *url_rows(
        "school_profile_update",
        in_a(pk="school2.pk"),
        variant="school2",
        ok=(*MANAGERS, SC2),
        not_found=(SC,),
    ),
    *post_invalid_rows(
        "school_profile_update",
        in_a(pk="school1.pk"),
        ok=(*MANAGERS, SC),
        not_found=(SC2,),
        data={"postcode": "not a postcode"},
    ),
    *url_rows(
        "section_create",
        in_a(pk="school3.pk"),
        variant="cluster_school",
        ok=(*MANAGERS, SC),
        not_found=(SC2,),
    ),
    *url_rows(
        "section_create",
        in_a(pk="school2.pk"),
        variant="school2",
        ok=(*MANAGERS, SC2),
        not_found=(SC,),
    ),
    *post_invalid_rows(
        "section_create", in_a(pk="school1.pk"), ok=(*MANAGERS, SC), not_found=(SC2,)
    ),
    *url_rows(
        "section_update",
        in_a(pk="school1.pk", section="section1.pk"),
        ok=(*MANAGERS, SC),
        not_found=(SC2,),
    ),
    *post_invalid_rows(
        "section_update",
        in_a(pk="school1.pk", section="section1.pk"),
        data={"notes": "x"},
        ok=(*MANAGERS, SC),
        not_found=(SC2,),
    ),
    *url_rows("pupil_count", in_a(pk="school1.pk"), ok=MANAGERS),
    *post_invalid_rows("pupil_count", in_a(pk="school1.pk"), data={"pupils": "-3"}, ok=MANAGERS),
    # --- people, roles, qualifications ------------------------------------------------------
    *url_rows("person_list", in_a(), ok=(*MANAGERS, SC, IC, SC2)),
    *url_rows(
        "person_detail",
        in_a(pk=WPB_PERSON),
        ok=(*MANAGERS, SC),
        not_found=(IC, SC2),
    ),
    *url_rows(
        "person_detail",
        in_a(pk="student1.person_id"),
        variant="student",
        ok=(*MANAGERS, SC, IC),
        not_found=(SC2,),
    ),
    *url_rows("person_create", in_a(), ok=MANAGERS),
    *post_invalid_rows("person_create", in_a(), ok=MANAGERS),
    *url_rows("person_update", in_a(pk=WPB_PERSON), ok=MANAGERS),
    *post_invalid_rows("person_update", in_a(pk=WPB_PERSON), ok=MANAGERS),
    *url_rows("role_create", in_a(pk=WPB_PERSON), ok=MANAGERS),
    *post_invalid_rows("role_create", in_a(pk=WPB_PERSON), ok=MANAGERS),
    *url_rows("role_update", in_a(pk=WPB_PERSON, role=WPB_ROLE), ok=MANAGERS),
    *post_invalid_rows(
        "role_update",
        in_a(pk=WPB_PERSON, role=WPB_ROLE),
        # a partnership-wide role at a school
        data=lambda w: {"role": "stagecoordinator", "organisation": w.school1.pk},
        ok=MANAGERS,
    ),
    *url_rows(
        "role_end", in_a(pk=WPB_PERSON, role=WPB_ROLE), ok=MANAGERS, ok_status=302, method="post"
    ),
    *url_rows("qualification_create", in_a(pk=WPB_PERSON), ok=MANAGERS),
    *post_invalid_rows("qualification_create", in_a(pk=WPB_PERSON), ok=MANAGERS),
    *url_rows(
        "qualification_update", in_a(pk=WPB_PERSON, qualification="qualification.pk"), ok=MANAGERS
    ),
    *post_invalid_rows(
        "qualification_update",
        in_a(pk=WPB_PERSON, qualification="qualification.pk"),
        data={"kind": "teaching", "status": "completed"},
        ok=MANAGERS,
    ),
    # --- students ---------------------------------------------------------------------------
    *url_rows(
        "student_list", in_a(), ok=(*MANAGERS, *SCHOOL1, IO, IC, *OTHER_SCHOOL), actors=STAFF
    ),
    # a student is sent to their own record (test_students.py checks where)
    Row("partnerships:student_list", in_a(), "student", 302),
    *url_rows(
        "student_detail",
        in_a(pk="student1.pk"),
        ok=(*MANAGERS, *SCHOOL1, IO, IC, "student"),
        not_found=OTHER_SCHOOL,
    ),
    *url_rows(
        "student_detail",
        in_a(pk="student2.pk"),
        variant="school2",
        ok=(*MANAGERS, *OTHER_SCHOOL),
        not_found=(*SCHOOL1, IO, IC, "student"),
    ),
    *url_rows(
        "student_detail",
        in_a(pk="student3.pk"),
        variant="unguided",
        ok=(*MANAGERS, *(a for a in SCHOOL1 if a != "werkplekbegeleider")),
        not_found=("werkplekbegeleider", IO, IC, "student", *OTHER_SCHOOL),
    ),
    *url_rows("student_create", in_a(), ok=(*MANAGERS, IC)),
    *post_invalid_rows("student_create", in_a(), ok=(*MANAGERS, IC)),
    *url_rows("student_update", in_a(pk="student1.pk"), ok=(*MANAGERS, IC)),
    *url_rows(
        "student_update",
        in_a(pk="student3.pk"),
        variant="other_institute",
        ok=MANAGERS,
        not_found=(IC,),
    ),
    *post_invalid_rows("student_update", in_a(pk="student1.pk"), ok=(*MANAGERS, IC)),
    *url_rows("student_categories", in_a(pk="student1.pk"), ok=ADMINS),
    *post_invalid_rows(
        "student_categories",
        in_a(pk="student1.pk"),
        data={"subsidy": "b", "facilitation": "", "reason": ""},
        ok=ADMINS,
    ),
    # --- import (content being written elsewhere; only access is pinned here) ----------------
    *url_rows("import", in_a(), ok=MANAGERS, ok_status=ALLOWED),
    *url_rows(
        "import_template",
        in_a({"kind": "schools", "fmt": "xlsx"}),
        ok=MANAGERS,
        ok_status=ALLOWED,
        variant="schools_xlsx",
    ),
    *[
        row
        for kind in ("schools", "staff", "students")
        for fmt in ("xlsx", "csv")
        if (kind, fmt) != ("schools", "xlsx")
        for row in url_rows(
            "import_template",
            in_a({"kind": kind, "fmt": fmt}),
            ok=MANAGERS,
            ok_status=ALLOWED,
            variant=f"{kind}_{fmt}",
            actors=(*MANAGERS, "werkplekbegeleider", "student"),
        )
    ],
    *url_rows("import_job", lambda w: {"partnership": w.a.slug, "pk": _import_job(w)}, ok=MANAGERS),
    # --- placements (/p/<slug>/placements/) ---------------------------------------------------
    *url_rows("year_current", in_a(), ok=PLACEMENT_YEAR, ok_status=302, namespace="placements"),
    *url_rows("year", in_a({"year": "2026-2027"}), ok=PLACEMENT_YEAR, namespace="placements"),
    *forged("year", in_a({"year": "2026-2028"}), namespace="placements"),
    *forged("year", in_a({"year": "1850-1851"}), "out_of_range", namespace="placements"),
    # --- forged ids and other partnerships' objects under A's slug ---------------------------
    *forged("organisation_detail", in_a({"pk": FORGED})),
    *forged("organisation_detail", in_a(pk="school_b.pk"), "b_school"),
    Row(
        "partnerships:organisation_detail",
        in_a(pk="school_b.pk"),
        "superuser",
        404,
        variant="b_school",
    ),
    Row(
        "partnerships:organisation_detail", in_b(pk="school_b.pk"), "superuser", 200, variant="in_b"
    ),
    Row(
        "partnerships:organisation_detail",
        in_b(pk="school1.pk"),
        "other_partnership",
        404,
        variant="a_school_in_b",
    ),
    Row(
        "partnerships:organisation_detail",
        in_b(pk="school_b.pk"),
        "stagecoordinator",
        404,
        variant="in_b",
    ),
    *forged("organisation_update", in_a(pk="school_b.pk"), "b_school"),
    *forged("organisation_update", in_a({"pk": FORGED})),
    *forged("section_create", in_a(pk="school_b.pk"), "b_school"),
    *forged("school_profile_update", in_a(pk="school_b.pk"), "b_school"),
    *forged("school_profile_update", in_a(pk="institute.pk"), "institute"),
    *forged("section_create", in_a(pk="institute.pk"), "institute"),
    *forged("section_create", in_a({"pk": FORGED})),
    *forged("section_update", in_a(pk="school1.pk", section="section2.pk"), "other_school", SC),
    *forged("section_update", in_a({"section": FORGED}, pk="school1.pk")),
    *forged("pupil_count", in_a(pk="institute.pk"), "institute"),
    *forged("pupil_count", in_a(pk="school_b.pk"), "b_school"),
    *forged("person_detail", in_a(pk="people.other_partnership.pk"), "b_person"),
    *forged("person_detail", in_a(pk="people.nobody.pk"), "no_role"),
    *forged("person_detail", in_a({"pk": FORGED})),
    *forged("person_update", in_a(pk="people.wpb_b.pk"), "b_person"),
    *forged("person_update", in_a({"pk": FORGED})),
    *forged("role_create", in_a(pk="people.wpb_b.pk"), "b_person"),
    *forged("role_update", in_a(pk=WPB_PERSON, role="roles.wpb_b.pk"), "b_role"),
    *forged("role_update", in_a(pk=WPB_PERSON, role="roles.schoolcoordinator.pk"), "other_persons"),
    *forged("role_update", in_a({"role": FORGED}, pk=WPB_PERSON)),
    *forged(
        "role_end",
        in_a(pk=WPB_PERSON, role="roles.schoolcoordinator.pk"),
        "other_persons",
        method="post",
    ),
    *forged("role_end", in_a(pk="people.wpb_b.pk", role="roles.wpb_b.pk"), "b_role", method="post"),
    *forged("role_end", in_a({"role": FORGED}, pk=WPB_PERSON), method="post"),
    Row(
        "partnerships:role_end",
        in_a(pk=WPB_PERSON, role=WPB_ROLE),
        "stagecoordinator",
        405,
        variant="get",
    ),
    *forged("qualification_create", in_a(pk="people.wpb_b.pk"), "b_person"),
    *forged(
        "qualification_update",
        in_a(pk=WPB_PERSON, qualification="qualification_b.pk"),
        "other_persons",
    ),
    *forged("qualification_update", in_a({"qualification": FORGED}, pk=WPB_PERSON)),
    *forged("student_detail", in_a(pk="student_b.pk"), "b_student"),
    *forged("student_detail", in_a({"pk": FORGED})),
    Row(
        "partnerships:student_detail",
        in_a(pk="student_b.pk"),
        "other_partnership",
        404,
        variant="b_student",
    ),
    Row(
        "partnerships:student_detail",
        in_b(pk="student_b.pk"),
        "other_partnership",
        200,
        variant="in_b",
    ),
    *forged("student_update", in_a(pk="student_b.pk"), "b_student"),
    *forged("student_update", in_a({"pk": FORGED})),
    *forged(
        "student_categories", in_a(pk="student_b.pk"), "b_student", "administratief_ondersteuner"
    ),
    *forged("student_categories", in_a({"pk": FORGED}), actor="administratief_ondersteuner"),
    *forged("dashboard", fixed(partnership="no-such-partnership")),
    *forged("dashboard", fixed(partnership="no-such-partnership"), actor="superuser"),
    # --- outside /p/<slug>/: home, auth pages, language ------------------------------------
    Row("home", fixed(), "anonymous", 200),  # the public landing page
    Row("home", fixed(), "stagecoordinator", 302),  # one partnership: straight to its dashboard
    Row("home", fixed(), "nobody", 200),
    Row("home", fixed(), "superuser", 200),  # several partnerships: a choice
    Row("privacy", fixed(), "anonymous", 200),
    Row("privacy", fixed(), "student", 200),
    Row("privacy", fixed(), "stagecoordinator", 200),
    Row("privacy", fixed(), "nobody", 200),
    Row("login", fixed(), "anonymous", 200),
    Row("login", fixed(), "stagecoordinator", 302),
    Row("logout", fixed(), "stagecoordinator", 302, method="post"),
    Row("logout", fixed(), "anonymous", 302, method="post"),
    Row("logout", fixed(), "stagecoordinator", 405, variant="get"),
    Row("password_reset", fixed(), "anonymous", 200),
    Row("password_reset_done", fixed(), "anonymous", 200),
    Row("password_reset_confirm", fixed(uidb64="MQ", token="forged-token"), "anonymous", 200),
    Row("password_reset_complete", fixed(), "anonymous", 200),
    Row("password_change", fixed(), "anonymous", 302),
    Row("password_change", fixed(), "student", 200),
    Row("password_change_done", fixed(), "anonymous", 302),
    Row("password_change_done", fixed(), "student", 200),
    Row("set_language", fixed(), "anonymous", 302, method="post", data={"language": "en"}),
    Row("set_language", fixed(), "student", 302, method="post", data={"language": "en"}),
]


def _rows_of_other_apps() -> list[Row]:
    """Each app keeps the rows for its own URLs in ``tests/<app>/[<feature>/]perm_<area>.py`` (a
    module-level ``ROWS``); they join this table and its coverage check."""
    rows: list[Row] = []
    tests = Path(__file__).resolve().parents[1]
    for path in sorted(tests.rglob("perm_*.py")):
        module = importlib.import_module(
            ".".join(("tests", *path.relative_to(tests).with_suffix("").parts))
        )
        rows.extend(module.ROWS)
    return rows


ROWS += _rows_of_other_apps()


def _ids_are_unique():
    duplicates = {i for i, n in Counter(row.id for row in ROWS).items() if n > 1}
    assert not duplicates, duplicates


_ids_are_unique()


@pytest.fixture(scope="module")
def session_keys(shared_world, django_db_blocker) -> dict[str, str]:
    """A logged-in session per actor, made once per module (as ``force_login`` would) — logging
    in for every one of the rows would double the time the table takes."""
    keys = {}
    with django_db_blocker.unblock():
        for actor, person in shared_world.people.items():
            session = SessionStore()
            session[SESSION_KEY] = str(person.pk)
            session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
            session[HASH_SESSION_KEY] = person.get_session_auth_hash()
            # An actor may go unused for longer than the 30-minute idle timeout while the table
            # runs (a busy machine): the table is about access, not about sessions ending.
            session.set_expiry(24 * 60 * 60)
            session.create()
            keys[actor] = session.session_key
    return keys


@pytest.mark.parametrize("row", ROWS, ids=[row.id for row in ROWS])
def test_permission_table(client, shared_world, session_keys, row: Row):
    world = shared_world
    if row.actor != "anonymous":
        client.cookies[settings.SESSION_COOKIE_NAME] = session_keys[row.actor]
    url = reverse(row.name, kwargs=row.kwargs(world))
    if row.method == "post":
        data = row.data(world) if callable(row.data) else row.data
        response = client.post(url, data)
    else:
        response = client.get(url)

    if row.expected == ALLOWED:
        assert response.status_code not in (403, 404), response.status_code
        assert response.status_code < 500
        assert not response.get("Location", "").startswith(reverse("login"))
    else:
        assert response.status_code == row.expected, (url, response.status_code)
    if row.actor == "anonymous" and url.startswith("/p/"):
        assert response["Location"].startswith(f"{reverse('login')}?next=")
    if row.check and response.status_code == 200:
        row.check(response, world)


def _named_urls(resolver, namespace="", route=""):
    """(namespaced name, full route) for every named URL."""
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            ns = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _named_urls(pattern, ns, route + str(pattern.pattern))
        elif pattern.name:
            yield namespace + pattern.name, route + str(pattern.pattern)


def test_every_url_has_rows():
    """Every URL under /p/<slug>/ (partnerships and any later app), and every other named URL
    outside the Django admin, has rows in the table — for /p/<slug>/ URLs, a row for every actor."""
    urls = dict(_named_urls(get_resolver()))
    assert "partnerships:dashboard" in urls
    covered: dict[str, set[str]] = {}
    for row in ROWS:
        covered.setdefault(row.name, set()).add(row.actor)

    missing = sorted(name for name in urls if not name.startswith("admin:") and name not in covered)
    assert not missing, f"URLs without rows in the permission table: {missing}"

    everyone = {*A_ACTORS, "anonymous", "other_partnership", "nobody", "superuser"}
    for name, route in urls.items():
        if route.startswith(PARTNERSHIP_PREFIX) or name.startswith("partnerships:"):
            lacking = everyone - covered[name]
            assert not lacking, f"{name} has no rows for {sorted(lacking)}"


def test_every_role_is_an_actor():
    assert set(Role.values) <= set(A_ACTORS)
    assert set(A_ACTORS) - set(Role.values) == {"student", *OTHER_SCHOOL}


def test_allowed_pages_show_the_right_object(client, shared_world):
    """A 200 must be the page asked for, not some fallback: spot-check a few bodies."""
    w = shared_world
    client.force_login(w["werkplekbegeleider"])
    response = client.get(reverse("partnerships:student_detail", args=[w.a.slug, w.student1.pk]))
    assert response.context["student"] == w.student1
    assert w.student1.person.full_name in response.content.decode()
    client.force_login(w["schoolcoordinator"])
    response = client.get(
        reverse("partnerships:organisation_detail", args=[w.a.slug, w.school3.pk])
    )
    assert response.context["organisation"] == w.school3


def test_role_end_by_a_manager_ends_the_role(client, shared_world):
    w = shared_world
    client.force_login(w["stagecoordinator"])
    url = reverse(
        "partnerships:role_end",
        args=[w.a.slug, w["werkplekbegeleider"].pk, w.roles["werkplekbegeleider"].pk],
    )
    response = client.post(url)
    assert response["Location"] == reverse(
        "partnerships:person_detail", args=[w.a.slug, w["werkplekbegeleider"].pk]
    )
    assignment = type(w.roles["werkplekbegeleider"]).objects.get(
        pk=w.roles["werkplekbegeleider"].pk
    )
    assert assignment.valid_until is not None


def test_role_end_refused_leaves_the_role(client, shared_world):
    w = shared_world
    client.force_login(w["schoolcoordinator"])
    url = reverse(
        "partnerships:role_end",
        args=[w.a.slug, w["werkplekbegeleider"].pk, w.roles["werkplekbegeleider"].pk],
    )
    assert client.post(url).status_code == 403
    assignment = type(w.roles["werkplekbegeleider"]).objects.get(
        pk=w.roles["werkplekbegeleider"].pk
    )
    assert assignment.valid_until is None
