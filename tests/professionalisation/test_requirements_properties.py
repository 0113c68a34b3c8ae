"""Properties of the requirement rules over generated schools (hypothesis)."""

import dataclasses

from hypothesis import given, settings
from hypothesis import strategies as st

from professionalisation import requirements as r
from professionalisation.requirements import (
    GapCode,
    Holding,
    Norms,
    OpenRun,
    PersonFacts,
    SchoolFacts,
    SectionFacts,
    evaluate,
)

YEAR = 2025
ROLES = [r.WERKPLEKBEGELEIDER, r.SCHOOLOPLEIDER, r.SCHOOLCOORDINATOR, r.ASSESSOR, "co_docent"]
KINDS = [r.WPB_BASIS, r.WPB_VERDIEPING, r.SCHOOLOPLEIDER_COURSE, r.BRLO, r.ASSESSOR_CERTIFICATE]
SUBJECTS = [1, 2, 3]
PEOPLE = range(1, 13)

kinds = st.frozensets(st.sampled_from(KINDS), max_size=3)
runs = st.lists(
    st.builds(OpenRun, st.integers(1, 5), st.just("run"), st.sampled_from(KINDS)), max_size=2
)
people = st.fixed_dictionaries(
    {
        pid: st.builds(
            PersonFacts,
            st.just(pid),
            st.just(f"P{pid:02d}"),
            st.one_of(st.none(), st.integers(2000, YEAR)),
            kinds,
            kinds,
            runs.map(tuple),
        )
        for pid in PEOPLE
    }
)
holding = st.builds(
    Holding,
    st.sampled_from(list(PEOPLE)),
    st.sampled_from(ROLES),
    st.one_of(st.none(), st.sampled_from(SUBJECTS)),
)
section = st.builds(SectionFacts, st.sampled_from(SUBJECTS), st.just("vak"), st.booleans())


@st.composite
def schools(draw):
    n = draw(st.integers(1, 4))
    out = []
    for sid in range(1, n + 1):
        secs = {s.subject_id: s for s in draw(st.lists(section, max_size=3))}
        out.append(
            SchoolFacts(
                sid,
                f"S{sid}",
                draw(st.one_of(st.none(), st.sampled_from([7, 8]))),
                tuple(draw(st.lists(holding, max_size=10))),
                tuple(secs.values()),
            )
        )
    return out


norms = st.builds(Norms, *[st.integers(0, 3) for _ in range(6)])
COUNTED = {GapCode.SCHOOLOPLEIDERS, GapCode.BRLO, GapCode.COORDINATOR, GapCode.ASSESSORS}


@settings(max_examples=60, deadline=None)
@given(schools(), people, norms)
def test_a_counted_gap_means_fewer_than_needed(facts, folks, norm):
    gaps = evaluate(facts, folks, norm, YEAR)
    for school in facts:
        by_code = {g.code: g for g in gaps[school.id] if g.code in COUNTED}
        for gap in by_code.values():
            assert gap.have < gap.need
        sos = school.holders(r.SCHOOLOPLEIDER)
        assert (GapCode.SCHOOLOPLEIDERS in by_code) == (len(sos) < norm.min_schoolopleiders)
        cluster = [s for s in facts if school.cluster_id and s.cluster_id == school.cluster_id]
        coordinators = {p for s in cluster or [school] for p in s.holders(r.SCHOOLCOORDINATOR)}
        assert (GapCode.COORDINATOR in by_code) == (len(coordinators) < norm.min_coordinators)


@settings(max_examples=60, deadline=None)
@given(schools(), people, norms)
def test_candidates_lack_what_the_gap_asks_and_are_enrolled_in_a_matching_run(facts, folks, norm):
    gaps = evaluate(facts, folks, norm, YEAR)
    needs = {
        GapCode.BRLO: {r.BRLO},
        GapCode.ASSESSORS: {r.ASSESSOR_CERTIFICATE},
        GapCode.SECTION: r.WPB_CERTIFICATES,
        GapCode.WPB_TRAINING: r.WPB_CERTIFICATES,
    }
    for school in facts:
        for gap in gaps[school.id]:
            assert gap.school_id == school.id
            ids = [c.person_id for c in gap.candidates]
            assert len(ids) == len(set(ids))
            assert [c.enrolled for c in gap.candidates] == sorted(
                (c.enrolled for c in gap.candidates), reverse=True
            )
            for c in gap.candidates:
                assert c.person_id in school.staff() or gap.code == GapCode.COORDINATOR
                lacks = gap.code in needs and not folks[c.person_id].holds(needs[gap.code])
                if gap.code == GapCode.ASSESSORS:  # certified staff may take the role
                    assert lacks or c.person_id not in school.holders(r.ASSESSOR)
                elif gap.code in needs:
                    assert lacks
                if c.run is not None:
                    assert c.run in folks[c.person_id].enrolled
                if gap.code == GapCode.SECTION:
                    assert c.person_id in school.holders(r.WERKPLEKBEGELEIDER, gap.subject_id)


@settings(max_examples=60, deadline=None)
@given(schools(), people, norms, st.sampled_from(list(PEOPLE)), st.sampled_from(KINDS))
def test_completing_a_qualification_never_opens_a_gap(facts, folks, norm, pid, kind):
    before = evaluate(facts, folks, norm, YEAR)
    p = folks[pid]
    # Everything else about the person stays (their enrolments too: a wpb enrolled in a
    # training run has no training gap before, and completing a course must not take that away).
    better = dataclasses.replace(p, completed=p.completed | {kind})
    after = evaluate(facts, folks | {pid: better}, norm, YEAR)
    for school in facts:
        keys = lambda gaps: {(g.code, g.subject_id, g.person_id) for g in gaps}  # noqa: E731
        assert keys(after[school.id]) <= keys(before[school.id])


@settings(max_examples=60, deadline=None)
@given(schools(), people, norms)
def test_every_wpb_gap_names_a_wpb_of_the_school(facts, folks, norm):
    gaps = evaluate(facts, folks, norm, YEAR)
    for school in facts:
        wpbs = school.holders(r.WERKPLEKBEGELEIDER)
        for gap in gaps[school.id]:
            if gap.code in r.MENTOR_CODES:
                assert gap.person_id in wpbs
        mentor_gaps = [g for g in gaps[school.id] if g.code in r.MENTOR_CODES]
        expected = sum(len(r.mentor_shortfalls(folks[p], norm, YEAR)) for p in wpbs)
        assert len(mentor_gaps) == expected
