"""The pure requirement rules: each rule, the cluster's shared coordinator, the candidates."""

import pytest

from partnerships.glossary import QualificationKind, Role
from professionalisation import requirements as r
from professionalisation.choices import ActivityKind
from professionalisation.requirements import (
    Candidate,
    GapCode,
    Holding,
    Norms,
    OpenRun,
    PersonFacts,
    SchoolFacts,
    SectionFacts,
    evaluate,
    mentor_shortfalls,
    school_gaps,
)

YEAR = 2025
NORMS = Norms()
WI, EN = 1, 2


def person(pid, name=None, since=2010, completed=(), running=(), enrolled=()):
    return PersonFacts(
        pid, name or f"P{pid:02d}", since, frozenset(completed), frozenset(running), enrolled
    )


def compliant_school(sid=1, cluster=None, base=0):
    """Two schoolopleiders (one BRLO), a coordinator, a certified assessor and a certified wpb
    for its one section (wiskunde); people ids from ``base``."""
    holdings = (
        Holding(base + 1, r.SCHOOLOPLEIDER),
        Holding(base + 2, r.SCHOOLOPLEIDER),
        Holding(base + 3, r.SCHOOLCOORDINATOR),
        Holding(base + 4, r.ASSESSOR),
        Holding(base + 5, r.WERKPLEKBEGELEIDER, WI),
    )
    people = {
        base + 1: person(base + 1, completed={r.BRLO}),
        base + 2: person(base + 2),
        base + 3: person(base + 3),
        base + 4: person(base + 4, completed={r.ASSESSOR_CERTIFICATE}),
        base + 5: person(base + 5, completed={r.WPB_BASIS}),
    }
    school = SchoolFacts(sid, f"School {sid}", cluster, holdings, (SectionFacts(WI, "Wiskunde"),))
    return school, people


def codes(gaps):
    return sorted(str(g.code) for g in gaps)


def with_holdings(school, *extra, drop=()):
    kept = tuple(h for h in school.holdings if h.person_id not in drop)
    return SchoolFacts(school.id, school.name, school.cluster_id, kept + extra, school.sections)


def test_the_values_are_those_of_the_glossary():
    assert r.WERKPLEKBEGELEIDER == Role.WERKPLEKBEGELEIDER
    assert r.SCHOOLOPLEIDER == Role.SCHOOLOPLEIDER
    assert r.SCHOOLCOORDINATOR == Role.SCHOOLCOORDINATOR
    assert r.ASSESSOR == Role.ASSESSOR
    kinds = {k.value for k in QualificationKind}
    assert {r.WPB_BASIS, r.WPB_VERDIEPING, r.SCHOOLOPLEIDER_COURSE, r.BRLO} <= kinds
    assert r.ASSESSOR_CERTIFICATE in kinds
    assert r.WPB_BASIS in {k.value for k in ActivityKind}


def test_a_compliant_school_has_no_gaps():
    school, people = compliant_school()
    assert school_gaps(school, people, NORMS, YEAR) == []


def test_an_empty_school_misses_every_role():
    gaps = school_gaps(SchoolFacts(1, "Leeg"), {}, NORMS, YEAR)
    assert codes(gaps) == ["assessors", "brlo", "coordinator", "schoolopleiders"]
    so = next(g for g in gaps if g.code == GapCode.SCHOOLOPLEIDERS)
    assert (so.have, so.need) == (0, 2)


def test_too_few_schoolopleiders_names_trained_and_enrolled_staff():
    school, people = compliant_school()
    school = with_holdings(
        school,
        Holding(10, "co_docent"),
        Holding(11, r.WERKPLEKBEGELEIDER, EN),
        drop={2},
    )
    course = OpenRun(7, "SO-cursus 2025", r.SCHOOLOPLEIDER_COURSE)
    people |= {
        10: person(10, "Trained", completed={r.SCHOOLOPLEIDER_COURSE}),
        11: person(11, "Enrolled", completed={r.WPB_BASIS}, enrolled=(course,)),
    }
    (gap,) = school_gaps(school, people, NORMS, YEAR)
    assert (gap.code, gap.have, gap.need) == (GapCode.SCHOOLOPLEIDERS, 1, 2)
    assert gap.candidates == (Candidate(11, "Enrolled", course), Candidate(10, "Trained"))


def test_brlo_counts_only_schoolopleiders_and_names_the_others():
    school, people = compliant_school()
    brlo_run = OpenRun(3, "BRLO-traject", r.BRLO)
    people[1] = person(1, "Anna")  # no longer registered
    people[2] = person(2, "Bert", enrolled=(brlo_run,))
    people[4] = person(4, completed={r.ASSESSOR_CERTIFICATE, r.BRLO})  # an assessor: no count
    (gap,) = school_gaps(school, people, NORMS, YEAR)
    assert (gap.code, gap.have, gap.need) == (GapCode.BRLO, 0, 1)
    assert gap.candidates == (Candidate(2, "Bert", brlo_run), Candidate(1, "Anna"))


def test_the_coordinator_is_shared_within_a_cluster():
    first, people = compliant_school(1, cluster=9)
    second, more = compliant_school(2, cluster=9, base=20)
    second = with_holdings(second, drop={23})  # no coordinator of its own
    alone, rest = compliant_school(3, base=40)
    alone = with_holdings(alone, drop={43})
    people |= more | rest
    gaps = evaluate([first, second, alone], people, NORMS, YEAR)
    assert gaps[1] == [] and gaps[2] == []
    (gap,) = gaps[3]
    assert (gap.code, gap.have, gap.need) == (GapCode.COORDINATOR, 0, 1)
    assert {c.person_id for c in gap.candidates} == {41, 42}  # its schoolopleiders
    assert not any(c.enrolled for c in gap.candidates)


def test_a_cluster_without_any_coordinator_misses_one_at_every_school():
    first, people = compliant_school(1, cluster=9)
    second, more = compliant_school(2, cluster=9, base=20)
    first, second = with_holdings(first, drop={3}), with_holdings(second, drop={23})
    gaps = evaluate([first, second], people | more, NORMS, YEAR)
    for sid in (1, 2):
        (gap,) = gaps[sid]
        assert gap.code == GapCode.COORDINATOR
        assert {c.person_id for c in gap.candidates} == {1, 2, 21, 22}


def test_an_assessor_without_certificate_does_not_count_but_is_a_candidate():
    school, people = compliant_school()
    people[4] = person(4, "Uncertified")
    run = OpenRun(5, "Assessorentraining", r.ASSESSOR_CERTIFICATE)
    people[1] = person(1, "Anna", completed={r.BRLO}, enrolled=(run,))  # a so, enrolled
    (gap,) = school_gaps(school, people, NORMS, YEAR)
    assert (gap.code, gap.have) == (GapCode.ASSESSORS, 0)
    assert gap.candidates == (Candidate(1, "Anna", run), Candidate(4, "Uncertified"))


def test_a_section_that_takes_students_needs_a_certified_wpb_of_its_subject():
    school, people = compliant_school()
    sections = (SectionFacts(WI, "Wiskunde"), SectionFacts(EN, "Engels"))
    school = SchoolFacts(1, "S", None, school.holdings, sections)
    wpb_run = OpenRun(8, "wpb basis", r.WPB_BASIS)
    school = with_holdings(
        school,
        Holding(30, r.WERKPLEKBEGELEIDER, EN),
        Holding(31, r.WERKPLEKBEGELEIDER, EN),
        Holding(32, r.WERKPLEKBEGELEIDER, None),  # no subject: not of the section
    )
    people |= {
        30: person(30, "Zoë", running={r.WPB_BASIS}),
        31: person(31, "Yara", enrolled=(wpb_run,)),
        32: person(32, "Xavi", completed={r.WPB_BASIS}),
    }
    (gap,) = school_gaps(school, people, NORMS, YEAR)
    assert (gap.code, gap.subject_id, gap.label, gap.have) == (GapCode.SECTION, EN, "Engels", 0)
    assert gap.candidates == (Candidate(31, "Yara", wpb_run), Candidate(30, "Zoë"))


def test_a_section_that_takes_no_students_needs_no_wpb():
    school, people = compliant_school()
    school = SchoolFacts(1, "S", None, school.holdings, (SectionFacts(EN, "Engels", False),))
    assert school_gaps(school, people, NORMS, YEAR) == []


def test_the_deepening_also_certifies_a_wpb():
    school, people = compliant_school()
    people[5] = person(5, completed={r.WPB_VERDIEPING})
    assert school_gaps(school, people, NORMS, YEAR) == []


@pytest.mark.parametrize(
    ("since", "expected"),
    [(None, GapCode.TEACHING_UNKNOWN), (2023, GapCode.TEACHING_YEARS), (2022, None)],
)
def test_a_wpb_needs_three_years_of_teaching(since, expected):
    school, people = compliant_school()
    people[5] = person(5, "Wim", since=since, completed={r.WPB_BASIS})
    gaps = school_gaps(school, people, NORMS, YEAR)
    if expected is None:
        assert gaps == []
    else:
        (gap,) = gaps
        assert (gap.code, gap.person_id, gap.label, gap.need) == (expected, 5, "Wim", 3)
        assert gap.candidates == ()
        if expected == GapCode.TEACHING_YEARS:
            assert gap.have == 2


@pytest.mark.parametrize(
    ("facts", "ok"),
    [
        ({"completed": {r.WPB_BASIS}}, True),
        ({"running": {r.WPB_BASIS}}, True),
        ({"enrolled": (OpenRun(1, "wpb", r.WPB_BASIS),)}, True),
        ({"enrolled": (OpenRun(1, "BRLO", r.BRLO),)}, False),
        ({"completed": {r.SCHOOLOPLEIDER_COURSE}}, False),
        ({}, False),
    ],
)
def test_every_wpb_has_a_completed_or_running_training(facts, ok):
    wpb = person(5, "Wim", **facts)
    shortfalls = mentor_shortfalls(wpb, NORMS, YEAR)
    assert (shortfalls == []) is ok
    if not ok:
        assert [s.code for s in shortfalls] == [GapCode.WPB_TRAINING]


def test_an_untrained_wpb_is_a_gap_with_themself_as_candidate_and_the_section_open():
    school, people = compliant_school()
    people[5] = person(5, "Wim")
    gaps = school_gaps(school, people, NORMS, YEAR)
    assert codes(gaps) == ["section", "wpb_training"]
    training = next(g for g in gaps if g.code == GapCode.WPB_TRAINING)
    assert training.candidates == (Candidate(5, "Wim"),)


def test_a_wpb_with_two_subjects_is_judged_once():
    school, people = compliant_school()
    school = with_holdings(school, Holding(5, r.WERKPLEKBEGELEIDER, EN))
    people[5] = person(5, since=None, completed={r.WPB_BASIS})
    assert codes(school_gaps(school, people, NORMS, YEAR)) == ["teaching_unknown"]


def test_norms_of_zero_switch_the_rules_off_and_higher_norms_add_gaps():
    off = Norms(0, 0, 0, 0, 0, 0)
    gaps = school_gaps(SchoolFacts(1, "Leeg", sections=(SectionFacts(WI, "Wi"),)), {}, off, YEAR)
    assert gaps == []
    school, people = compliant_school()
    strict = Norms(3, 2, 1, 2, 2, 20)
    gaps = school_gaps(school, people, strict, YEAR)
    assert codes(gaps) == ["assessors", "brlo", "schoolopleiders", "section", "teaching_years"]


def test_certified_staff_without_the_assessor_role_could_take_it():
    school, people = compliant_school()
    school = with_holdings(school, Holding(12, "co_docent"), drop={4})
    people[12] = person(12, "Certified", completed={r.ASSESSOR_CERTIFICATE})
    (gap,) = school_gaps(school, people, NORMS, YEAR)
    assert gap.code == GapCode.ASSESSORS
    assert gap.candidates == (Candidate(12, "Certified"),)
