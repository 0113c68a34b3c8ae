"""No combination of a round's published results singles out fewer than the minimum of
respondents (issue 13, item 3a).

Every view a user can ask for — each filter value or none on each of the five dimensions, with no
breakdown or a breakdown by each other dimension — goes through ``round_summary``, the source of
the results page, its PDF and its XLSX (``quality/views/results.py``) and of the reports. From the
summaries we collect every published group (the filtered population, each shown breakdown cell;
per question the respondents who answered it; per open question the respondents whose texts are
listed) as the set of its responses, and attack them with ``tests/quality/disclosure.py``: every
signed pair and triple, and the exact linear-algebra check over all combinations."""

import itertools
from collections import defaultdict

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quality import anonymity, results
from quality.choices import QuestionKind
from quality.forms.results import ResultsFilterForm
from quality.models import Answer, QualitySettings, Response
from quality.results import DIMENSIONS, round_summary
from tests.factories import InstituteFactory, PartnershipFactory, SchoolFactory
from tests.quality.disclosure import isolatable, pairs_and_triples
from tests.quality.results_world import closed_round, respond, survey_with

K = 5


def _key(value) -> str:
    return "none" if value in (None, "") else str(value)


def requests(survey_round):
    """Every (filters, breakdown) the results form offers for the round."""
    present = {d: set() for d in DIMENSIONS}
    for row in Response.objects.filter(round=survey_round).values_list(*DIMENSIONS):
        for dim, value in zip(DIMENSIONS, row, strict=True):
            present[dim].add(value)
    filter_choices = [
        [None, *sorted((v for v in present[d] if v not in (None, "")), key=str)] for d in DIMENSIONS
    ]
    for values in itertools.product(*filter_choices):
        filters = {d: v for d, v in zip(DIMENSIONS, values, strict=True) if v is not None}
        for breakdown in [None, *(d for d in DIMENSIONS if d not in filters)]:
            yield filters, breakdown, present


def published_groups(survey_round):
    """{family: set of published response sets}: "responses", ("question", id), ("texts", id)."""
    responses = list(Response.objects.filter(round=survey_round).values("pk", *DIMENSIONS))
    answered = defaultdict(set)
    for response_id, question_id in Answer.objects.filter(response__round=survey_round).values_list(
        "response_id", "question_id"
    ):
        answered[question_id].add(response_id)

    def members(filters):
        return frozenset(r["pk"] for r in responses if all(r[d] == v for d, v in filters.items()))

    # which views exist is the rule's to say (the form asks the same); a sample of the refused
    # ones is checked against round_summary, the rest skipped to keep the test fast
    tree = results.response_tree(
        results.Cube([{d: r[d] for d in DIMENSIONS} | {"n": 1} for r in responses]),
        QualitySettings.for_partnership(survey_round.partnership).min_group,
    )
    families = defaultdict(set)
    views = refused = 0
    seen = set()
    for filters, breakdown, present in requests(survey_round):
        try:
            path = results._check_view(tree, filters, breakdown)
        except anonymity.NotInHierarchy:
            refused += 1
            if refused % 7 == 1:
                with pytest.raises(anonymity.NotInHierarchy):
                    round_summary(round=survey_round, filters=filters, breakdown=breakdown)
            continue  # not a view anyone can ask for
        if (path, breakdown) in seen:  # only confirms a value everyone there shares: same view
            continue
        seen.add((path, breakdown))
        summary = round_summary(round=survey_round, filters=filters, breakdown=breakdown)
        views += 1
        if not summary["shown"]:
            continue
        group = members(filters)
        assert summary["responses"] == len(group)
        families["responses"].add(group)
        cells = {}
        if summary["breakdown"]:
            by_key = {_key(v): v for v in present[breakdown]}
            for cell in summary["breakdown"]["cells"]:
                cells[cell["key"]] = members(filters | {breakdown: by_key[cell["key"]]})
                if cell["shown"]:
                    assert cell["responses"] == len(cells[cell["key"]])
                    families["responses"].add(cells[cell["key"]])
        for section in summary["sections"]:
            for q in section["questions"]:
                who = answered[q["id"]]
                if q["shown"]:
                    assert q["answered"] == len(group & who)
                    families[("question", q["id"])].add(group & who)
                if q["kind"] == QuestionKind.OPEN and q["stats"]:
                    assert len(q["stats"]["texts"]) == len(group & who)
                    families[("texts", q["id"])].add(group & who)
                for cell in q["cells"]:
                    if cell["shown"]:
                        assert cell["answered"] == len(cells[cell["key"]] & who)
                        families[("question", q["id"])].add(cells[cell["key"]] & who)
    return families, views


def assert_no_small_group(families, k=K):
    for family, sets in families.items():
        assert all(len(s) >= k for s in sets if s), family
        assert not pairs_and_triples(sets, k), family
        assert not isolatable(sets, k), family


# --- the audit itself finds the issue's attack --------------------------------------------------


def test_the_audit_finds_a_minus_hbo_plus_b_and_hbo():
    a_hbo, a_wo, b_hbo = set(range(5)), {5}, set(range(6, 11))
    b_wo = set(range(11, 16))
    a, hbo = frozenset(a_hbo | a_wo), frozenset(a_hbo | b_hbo)
    shown_before = {frozenset(range(16)), a, hbo, frozenset(b_hbo), frozenset(b_hbo | b_wo)}
    assert all(len(s) >= K for s in shown_before)  # every figure ≥ 5 on its own
    assert frozenset({5}) in isolatable(shown_before, K)
    assert any(group == {5} for _s, _c, group in pairs_and_triples(shown_before, K))


# --- the issue's round: 16 responses, minimum 5, one respondent who is A∧wo ----------------------


@pytest.fixture
def issue_round(db):
    p = PartnershipFactory()
    survey, (q, optional, text) = survey_with(
        p, QuestionKind.SCALE, QuestionKind.SCALE, QuestionKind.OPEN
    )
    r = closed_round(survey)
    respond(r, {q: 4, optional: 3, text: "fine"}, 5, group="student", level="hbo")
    respond(r, {q: 1, optional: 1, text: "the one answer"}, 1, group="student", level="wo")
    respond(r, {q: 3, text: "ok"}, 5, group="mentor", level="hbo")
    respond(r, {q: 5, optional: 5}, 5, group="mentor", level="wo")
    return r


def test_issue_scenario_reveals_nobody_in_any_combination_of_views(issue_round):
    families, views = published_groups(issue_round)
    assert views > 1 and families["responses"]
    assert_no_small_group(families)
    lone = frozenset(Response.objects.filter(round=issue_round, level="wo", group="student"))
    assert len(lone) == 1


def test_issue_scenario_shows_what_it_safely_can(issue_round):
    # the whole round, the two groups, and the mentors per hbo/wo (5 and 5) stay visible
    whole = round_summary(round=issue_round, breakdown="group")
    assert whole["shown"] and whole["responses"] == 16
    assert all(c["shown"] for c in whole["breakdown"]["cells"])
    mentors = round_summary(round=issue_round, filters={"group": "mentor"}, breakdown="level")
    assert [c["responses"] for c in mentors["breakdown"]["cells"]] == [5, 5]
    # the students' hbo cell (5) is hidden with their wo cell (1): 6 − 5 would give it away
    students = round_summary(round=issue_round, filters={"group": "student"}, breakdown="level")
    assert not any(c["shown"] for c in students["breakdown"]["cells"])
    assert not round_summary(round=issue_round, filters={"group": "student", "level": "hbo"})[
        "shown"
    ]


def test_a_filter_across_the_tree_is_refused_by_the_form_and_the_summary(issue_round):
    with pytest.raises(anonymity.NotInHierarchy):
        round_summary(round=issue_round, filters={"level": "hbo"})
    with pytest.raises(anonymity.NotInHierarchy):
        round_summary(round=issue_round, breakdown="level")
    form = ResultsFilterForm({"level": "hbo"}, round=issue_round)
    assert not form.is_valid() and "level" in form.errors
    form = ResultsFilterForm({"breakdown": "level"}, round=issue_round)
    assert not form.is_valid() and "breakdown" in form.errors
    form = ResultsFilterForm({"group": "mentor", "breakdown": "level"}, round=issue_round)
    assert form.is_valid(), form.errors


# --- hypothesis: random rounds in the database ----------------------------------------------------

RESPONDENT = st.tuples(
    st.sampled_from(["student", "mentor"]),
    st.sampled_from(["hbo", "wo", ""]),
    st.integers(0, 2),  # school: none, first, second
    st.booleans(),  # with an institute
    st.sampled_from(["", "a"]),  # category
    st.integers(1, 5),  # the scale answer
    st.booleans(),  # answers the optional question
)


@pytest.mark.django_db
@settings(
    max_examples=6,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(people=st.lists(RESPONDENT, min_size=5, max_size=24))
def test_random_rounds_reveal_nobody(people):
    with transaction.atomic():
        p = PartnershipFactory()
        schools = [None, SchoolFactory(partnership=p), SchoolFactory(partnership=p)]
        institute = InstituteFactory(partnership=p)
        survey, (q, optional) = survey_with(p, QuestionKind.SCALE, QuestionKind.SCALE)
        r = closed_round(survey)
        for group, level, school, with_institute, category, value, answers in people:
            respond(
                r,
                {q: value, optional: value if answers else None},
                1,
                invite=False,
                group=group,
                level=level,
                school=schools[school],
                institute=institute if with_institute else None,
                category=category,
            )
        families, _views = published_groups(r)
        assert_no_small_group(families)
        transaction.set_rollback(True)


# --- hypothesis: the rule itself, on many more random rounds ------------------------------------

KEY = st.tuples(
    st.sampled_from("AB"), st.sampled_from(["hbo", "wo", ""]), st.sampled_from([1, 2, None])
)


@settings(max_examples=300, deadline=None)
@given(
    rows=st.lists(st.tuples(KEY, st.booleans()), min_size=0, max_size=40),
    k=st.integers(anonymity.FLOOR, 7),
)
def test_every_published_family_is_safe(rows, k):
    dims = ("group", "level", "school")
    people = list(enumerate(rows))
    counts = defaultdict(int)
    answered = defaultdict(int)
    for _i, (key, answers) in people:
        counts[key] += 1
        answered[key] += answers
    tree = anonymity.Tree(counts.items(), k, dims=dims)
    q_tree = anonymity.Tree(answered.items(), k, dims=dims, structure=tree)

    def members(path, only_answering=False):
        return frozenset(
            i
            for i, (key, answers) in people
            if all(key[dims.index(d)] == v for d, v in path) and (answers or not only_answering)
        )

    for t, only in ((tree, False), (q_tree, True)):
        published = {members(path, only) for path in t.published_paths()}
        assert all(len(s) >= k for s in published)
        assert not isolatable(published, k)
        # every path that can be asked for is either published or hidden, never in between
        for path in t.published_paths():
            dim = t.split(path)
            if dim:
                for value in t.shown_cells(path, dim):
                    assert (*path, (dim, value)) in t.published_paths()
