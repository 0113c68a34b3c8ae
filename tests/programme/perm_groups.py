"""Permission rows for groups, pairs, webinars, co-docent hours, the booklet and the calendar
feed. Wired into ``tests/partnerships/test_permissions.py`` with the other ``perm_*.py`` files.

Objects are made inside each row's kwargs (rolled back with the row's test). Who:

* groups and pairs: VIEW_GROUPS reads (managers, guides, institute leads, students — the list
  shows only what they may see); organisers (programme manager, administrator) make and edit;
* webinars: a student's log for whoever sees the student (school2's staff: 404 for student1);
  logging one: the student only (the superuser has no student record: 403);
* co-docent hours: managers, governance, schoolcoördinatoren and co-docenten; norms and
  packages: organisers;
* booklet and calendar page: everyone of the partnership; the ICS feed is public by key."""

from partnerships.models import AcademicYear
from programme.models import CalendarFeed, CoDocentPackage, IntervisionGroup, StudentPair
from tests.partnerships.test_permissions import (
    A_ACTORS,
    FORGED,
    IC,
    IO,
    MANAGERS,
    SC,
    SC2,
    SO,
    SO2,
    WPB2,
    Row,
    forged,
    has_form_errors,
    url_rows,
)

NS = "programme"
ORGANISERS = ("programmamanager", "administratief_ondersteuner")
GOVERNANCE = ("stuurgroeplid", "bestuursraadlid", "werkgroeplid")
WPB = "werkplekbegeleider"
READERS = (*MANAGERS, SC, SO, WPB, IO, IC, SC2, SO2, WPB2, "student")
CODOCENT_READERS = (*MANAGERS, *GOVERNANCE, SC, "co_docent", SC2)


def in_a(**make):
    return lambda w: {"partnership": w.a.slug} | {k: f(w) for k, f in make.items()}


def year():
    return AcademicYear.current()


def group(partnership_attr="a"):
    def make(w):
        p = getattr(w, partnership_attr)
        g = IntervisionGroup.objects.create(
            partnership=p, academic_year=year(), name="hbo 1", level="hbo"
        )
        g.members.set([w.student1] if p == w.a else [w.student_b])
        return g.pk

    return make


def pair(w):
    return StudentPair.objects.create(
        partnership=w.a, academic_year=year(), first=w.student1, second=w.student2
    ).pk


def pair_b(w):
    return StudentPair.objects.create(partnership=w.b, academic_year=year(), first=w.student_b).pk


def package(partnership_attr="a"):
    def make(w):
        p = getattr(w, partnership_attr)
        person = w["co_docent"] if p == w.a else w["wpb_b"]
        return CoDocentPackage.objects.create(
            partnership=p, academic_year=year(), person=person, kind="wpb_training"
        ).pk

    return make


def feed_key(w):
    return CalendarFeed.objects.create(person=w["student"], key="k" * 40).key


def rows(name, kwargs, *, ok=(), not_found=(), ok_status=200, superuser=None, **extra):
    """``url_rows`` in this namespace, with the superuser's answer given apart if needed."""
    out = url_rows(
        name, kwargs, ok=ok, not_found=not_found, ok_status=ok_status, namespace=NS, **extra
    )
    if superuser is None:
        return out
    return [
        Row(r.name, r.kwargs, r.actor, superuser, r.method, r.data, r.variant)
        if r.actor == "superuser"
        else r
        for r in out
    ]


ROWS = [
    # --- intervision groups -----------------------------------------------------------------
    *rows("group_list", in_a(), ok=READERS),
    *rows("groups_generate", in_a(), ok=ORGANISERS),
    *rows("groups_generate", in_a(), ok=ORGANISERS, method="post", ok_status=302),
    *rows("group_update", in_a(pk=group()), ok=ORGANISERS),
    *rows(
        "group_update",
        in_a(pk=group()),
        ok=ORGANISERS,
        method="post",
        data={"name": ""},
        variant="invalid",
        check=has_form_errors,
    ),
    *forged("group_update", in_a(pk=group("b")), namespace=NS, actor="programmamanager"),
    *forged(
        "group_update",
        in_a(pk=lambda w: FORGED),
        variant="missing",
        namespace=NS,
        actor="programmamanager",
    ),
    # --- pairs ------------------------------------------------------------------------------
    *rows("pair_list", in_a(), ok=READERS),
    *rows("pairs_generate", in_a(), ok=ORGANISERS),
    *rows("pairs_generate", in_a(), ok=ORGANISERS, method="post", ok_status=302),
    *rows("pair_update", in_a(pk=pair), ok=ORGANISERS),
    *rows(
        "pair_update",
        in_a(pk=pair),
        ok=ORGANISERS,
        method="post",
        data={"member": "", "replacement": ""},
        variant="invalid",
        check=has_form_errors,
    ),
    *forged("pair_update", in_a(pk=pair_b), namespace=NS, actor="programmamanager"),
    # --- webinars ---------------------------------------------------------------------------
    *rows("webinar_overview", in_a(), ok=READERS),
    *rows(
        "webinar_log",
        in_a(pk=lambda w: w.student1.pk),
        ok=(*MANAGERS, SC, SO, WPB, IO, IC, "student"),
        not_found=(SC2, SO2, WPB2),
    ),
    *forged("webinar_log", in_a(pk=lambda w: w.student2.pk), namespace=NS, actor="student"),
    *forged(
        "webinar_log", in_a(pk=lambda w: w.student_b.pk), variant="other_partnership", namespace=NS
    ),
    *rows("webinar_create", in_a(), ok=("student",), superuser=403),
    *rows(
        "webinar_create",
        in_a(),
        ok=("student",),
        superuser=403,
        method="post",
        data={"title": "Formatief evalueren", "followed_on": "", "summary": "kort"},
        variant="invalid",
        check=has_form_errors,
    ),
    # --- co-docent hours --------------------------------------------------------------------
    *rows("codocent_hours", in_a(), ok=CODOCENT_READERS),
    *rows("codocent_hours_xlsx", in_a(), ok=CODOCENT_READERS),
    *rows("codocent_norms", in_a(), ok=ORGANISERS),
    *rows(
        "codocent_norms",
        in_a(),
        ok=ORGANISERS,
        method="post",
        data={"meeting_hours": "-1"},
        variant="invalid",
        check=has_form_errors,
    ),
    *rows("codocent_packages", in_a(), ok=ORGANISERS),
    *rows(
        "codocent_packages",
        in_a(),
        ok=ORGANISERS,
        method="post",
        data={"person": "", "kind": "nonsense"},
        variant="invalid",
        check=has_form_errors,
    ),
    *rows(
        "codocent_package_delete",
        in_a(pk=package()),
        ok=ORGANISERS,
        method="post",
        ok_status=302,
    ),
    *forged(
        "codocent_package_delete",
        in_a(pk=package("b")),
        namespace=NS,
        actor="programmamanager",
        method="post",
    ),
    # --- booklet and calendar ---------------------------------------------------------------
    *rows("booklet_pdf", in_a(), ok=A_ACTORS),
    *rows("calendar_feed_page", in_a(), ok=A_ACTORS),
    *rows("calendar_feed_page", in_a(), ok=A_ACTORS, method="post", ok_status=302),
    Row("feed:ics", lambda w: {"key": feed_key(w)}, "anonymous", 200),
    Row("feed:ics", lambda w: {"key": "unknown-key"}, "anonymous", 404, variant="unknown"),
    Row("feed:ics", lambda w: {"key": feed_key(w)}, "other_partnership", 200, variant="any_reader"),
]
