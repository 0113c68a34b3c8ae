"""Generated students for a demo partnership: every programme variant of the spec's mix, placed
at a school with a werkplekbegeleider of their subject, a schoolopleider and an instituutsopleider
— except a few on purpose, so the dashboards have something to show."""

from __future__ import annotations

from dataclasses import dataclass

from partnerships.categories import derive_facilitation_category, derive_subsidy_category
from partnerships.demo import BETA_SUBJECTS, SUBJECTS, teaches, text
from partnerships.glossary import HBO_BACHELOR_VARIANTS, HBO_VARIANTS, SubsidyCategory
from partnerships.glossary import ProgrammeVariant as V

SUBJECT_NAMES = {code: name for code, name, _short in SUBJECTS}
SUBJECT_WEIGHTS = {code: 2.0 if short else 1.0 for code, _name, short in SUBJECTS}
SUBJECT_WEIGHTS.update({"klassieke-talen": 0.5, "techniek": 0.5})
HBO_LEVEL = HBO_VARIANTS | {V.ZIJ_INSTROMER}
EERSTEGRAADS = {V.HBO_MASTER, V.WO_MASTER_60, V.WO_MASTER_120, V.HOGER_ANDERE_BEVOEGDHEID}


@dataclass
class StudentRow:
    email: str
    institute: str
    variant: str
    hbo_year: int | None
    subject: str
    grade: str
    wo_programme: str
    student_number: str
    postcode: str
    learning_goals: str
    start_year: int
    is_active: bool = True
    school: str | None = None
    werkplekbegeleider: str | None = None
    schoolopleider: str | None = None
    instituutsopleider: str | None = None
    subsidy_category_override: str = ""
    override_reason: str = ""

    @property
    def subsidy_category(self) -> str:
        return derive_subsidy_category(self.variant)

    @property
    def facilitation_category(self) -> str:
        return derive_facilitation_category(self.variant, self.hbo_year) or ""


def accepts(institute, subject: str) -> bool:
    """Which subjects an institute trains: a bèta institute only the bèta subjects, a
    university no physical education or technology."""
    if institute.beta_only:
        return subject in BETA_SUBJECTS
    return institute.level == "hbo" or subject not in ("lo", "techniek")


def allocate(mix, n: int) -> list[tuple[str, int | None]]:
    """n (variant, hbo year) pairs in the proportions of ``mix`` (largest remainder)."""
    raw = [share * n for _v, _y, share in mix]
    counts = [int(r) for r in raw]
    order = sorted(range(len(mix)), key=lambda i: raw[i] - counts[i], reverse=True)
    for k in range(n - sum(counts)):
        counts[order[k % len(order)]] += 1
    return [(v, y) for (v, y, _s), count in zip(mix, counts, strict=True) for _ in range(count)]


class StudentGenerator:
    def __init__(self, generator):
        self.g = generator
        self.rng = generator.rng
        self.spec = generator.spec
        self.year = generator.year

    def run(self) -> None:
        rng, spec = self.rng, self.spec
        slots = allocate(spec.mix, spec.students)
        rng.shuffle(slots)
        _school, _subject, n_focus = spec.focus
        rest = list(range(n_focus, len(slots)))
        unplaced = set(rng.sample(rest, len(slots) // 40))
        rest = [i for i in rest if i not in unplaced]
        no_wpb = set(rng.sample(rest, len(slots) // 30))
        inactive = set(rng.sample(rest, len(slots) // 50))
        students = [
            self.student(i, variant, year, i < n_focus, i not in unplaced, i not in no_wpb)
            for i, (variant, year) in enumerate(slots)
        ]
        for i in inactive:
            students[i].is_active = False
        self.irregular(students)
        self.g.plan.students = students

    def student(self, i, variant, hbo_year, focus, placed, with_wpb) -> StudentRow:
        rng = self.rng
        email = self.g.person(
            f"student:{i}",
            teaching=variant in (V.ZIJ_INSTROMER, V.HOGER_ANDERE_BEVOEGDHEID),
            domain=f"student.{self.spec.domain}",
        )
        institutes = self.institutes_for(variant)
        school = self.pick_school(focus) if placed else None
        subject = self.spec.focus[1] if focus else self.pick_subject(school, institutes)
        institute = self.pick_institute(institutes, subject)
        row = StudentRow(
            email=email,
            institute=institute.name,
            variant=variant,
            hbo_year=hbo_year,
            subject=subject,
            grade="1" if variant in EERSTEGRAADS else "2",
            wo_programme=self.wo_programme(variant, institute, subject),
            student_number=institute.student_number.format(rng.randint(1_000_000, 9_999_999)),
            postcode=f"25{rng.randint(0, 99):02d} "
            + "".join(rng.choices(text.POSTCODE_LETTERS, k=2)),
            learning_goals=""
            if rng.random() < 0.08
            else "\n".join(rng.sample(text.LEARNING_GOALS, 2)),
            start_year=self.start_year(variant, hbo_year),
        )
        if school:
            row.school = school.name
            row.schoolopleider = rng.choice(self.g.school_trainers[school.name])
            guides = self.g.wpbs.get((school.name, subject), [])
            if guides and with_wpb:
                row.werkplekbegeleider = guides[0] if focus else rng.choice(guides)
        trainers = self.g.institute_trainers[institute.name]
        same = [email for email, trained in trainers if trained == subject]
        row.instituutsopleider = rng.choice(same or [email for email, _s in trainers])
        return row

    def institutes_for(self, variant) -> list:
        institutes = self.spec.institutes
        if variant == V.HOGER_ANDERE_BEVOEGDHEID:
            level = self.rng.choice(("hbo", "wo"))
        else:
            level = "hbo" if variant in HBO_LEVEL else "wo"
        return [i for i in institutes if i.level == level] or list(institutes)

    def pick_school(self, focus: bool):
        schools = self.spec.schools
        if focus:
            return next(s for s in schools if s.short_name == self.spec.focus[0])
        return self.rng.choices(schools, weights=[s.pupils[0] for s in schools])[0]

    def pick_subject(self, school, institutes) -> str:
        """A subject some institute of the student's level trains and the school teaches,
        preferably one the school has a werkplekbegeleider for."""
        trained = [c for c in SUBJECT_WEIGHTS if any(accepts(i, c) for i in institutes)]
        if school:
            trained = [c for c in trained if teaches(school, c)] or trained
        guided = [c for c in trained if school and self.g.wpbs.get((school.name, c))]
        codes = guided or trained
        return self.rng.choices(codes, weights=[SUBJECT_WEIGHTS[c] for c in codes])[0]

    def pick_institute(self, institutes, subject):
        options = [i for i in institutes if accepts(i, subject)] or list(institutes)
        beta = [i for i in options if i.beta_only]
        if beta and self.rng.random() < 0.6:
            return self.rng.choice(beta)
        return self.rng.choice([i for i in options if not i.beta_only] or options)

    def wo_programme(self, variant, institute, subject) -> str:
        name = SUBJECT_NAMES[subject]
        if variant == V.EDUCATIEVE_MINOR:
            return f"bachelor {name} met educatieve minor"
        if variant not in (V.WO_MASTER_60, V.WO_MASTER_120):
            return ""
        if institute.beta_only:
            return f"master Science Education and Communication ({name})"
        return f"master Leraar VHO {name}"

    def start_year(self, variant, hbo_year) -> int:
        if variant in HBO_BACHELOR_VARIANTS:
            return self.year - ((hbo_year or 2) - 1)
        if variant in (V.WO_MASTER_120, V.HBO_MASTER, V.ZIJ_INSTROMER, V.HOGER_ANDERE_BEVOEGDHEID):
            return self.year - self.rng.randint(0, 1)
        return self.year

    def irregular(self, students: list[StudentRow]) -> None:
        """An hbo bachelor without a known year (no facilitation category until somebody fills
        it in) and a subsidy category set by hand, as the administrator would."""
        part_time = [s for s in students if s.variant == V.HBO_BACHELOR_DEELTIJD]
        if len(students) < 50 or len(part_time) < 2:
            return
        part_time[0].hbo_year = None
        part_time[1].subsidy_category_override = SubsidyCategory.G
        part_time[1].override_reason = text.OVERRIDE_REASON
