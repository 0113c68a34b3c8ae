"""Money rules (pure Python, no Django): the expected subsidy, the distribution key and the
co-docent balance. Amounts are integer cents.

* **Expected subsidy**: per category a–g the counted students of a subsidy list times the
  amount per student of that year; a category without an amount counts 0 and is named.
* **Distribution** (``distribute``): the total is split into four parts by the key's
  percentages — the partnership's own costs, the institutes, a fixed part per school, and the
  rest per placed student — then each part over its recipients: the fixed part equally over the
  schools, the student part over the schools by the students' weights (per facilitation
  category), the institutes' part by their counted students. Every split is the quota's
  largest-remainder rule (``placements.quota.rules.distribute``) to the cent, so the parts add
  up to the total and each part's shares to the part. A part without anyone to receive it (no
  students, all weights 0) stays with the partnership's own costs, so nothing is lost.
* **Co-docent balance**: the co-docent hours all schools gave, spread over the schools by their
  share of the money distributed to schools (fair share); the balance is what the school gave
  minus its fair share.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction

from placements.quota.rules import Unit, distribute

CATEGORIES = ("a", "b", "c", "d", "e", "f", "g")
FACILITATION_CATEGORIES = ("1", "2", "3", "hbo1")
OWN, INSTITUTES, FIXED, STUDENTS = "own", "institutes", "fixed", "students"
PARTS = (OWN, INSTITUTES, FIXED, STUDENTS)


@dataclass(frozen=True)
class ExpectedLine:
    category: str
    students: int
    amount: int | None  # cents per student; None when not entered

    @property
    def total(self) -> int:
        return self.students * (self.amount or 0)


@dataclass(frozen=True)
class Expected:
    lines: tuple[ExpectedLine, ...]

    @property
    def total(self) -> int:
        return sum(line.total for line in self.lines)

    @property
    def students(self) -> int:
        return sum(line.students for line in self.lines)

    @property
    def missing(self) -> list[str]:
        """Categories with students but no amount entered."""
        return [line.category for line in self.lines if line.students and line.amount is None]


def expected_subsidy(counts: Mapping[str, int], amounts: Mapping[str, int]) -> Expected:
    return Expected(tuple(ExpectedLine(c, counts.get(c, 0), amounts.get(c)) for c in CATEGORIES))


def split(total: int, weights: Mapping[str, int | Fraction]) -> dict[str, int]:
    """``total`` cents over the keys in proportion to their weights, largest remainder to the
    cent (ties: the larger weight, then the key). All weights 0: everybody gets 0."""
    units = [Unit(key, key, weight) for key, weight in weights.items()]
    return distribute(total, units)


@dataclass(frozen=True)
class Key:
    own_costs_percent: int
    institutes_percent: int
    fixed_percent: int
    weights: Mapping[str, int]  # facilitation category -> weight per student

    @property
    def students_percent(self) -> int:
        return 100 - self.own_costs_percent - self.institutes_percent - self.fixed_percent

    def problems(self) -> list[str]:
        values = (self.own_costs_percent, self.institutes_percent, self.fixed_percent)
        found = []
        if any(v < 0 for v in values) or self.students_percent < 0:
            found.append("percent")
        if any(w < 0 for w in self.weights.values()):
            found.append("weight")
        return found


@dataclass(frozen=True)
class Student:
    id: int
    school: str  # recipient key of the school
    institute: str  # recipient key of the institute
    facilitation: str  # facilitation category ("" when unknown: weight 0)


@dataclass
class Result:
    total: int
    parts: dict[str, int]  # part -> cents (own costs include parts nobody could receive)
    schools: dict[str, dict[str, int]] = field(default_factory=dict)  # key -> {fixed, students}
    institutes: dict[str, int] = field(default_factory=dict)

    def school_total(self, key: str) -> int:
        return sum(self.schools.get(key, {}).values())

    @property
    def distributed(self) -> int:
        return sum(self.school_total(k) for k in self.schools) + sum(self.institutes.values())

    def check(self) -> None:
        """The invariant every page relies on: nothing is lost or made up."""
        assert self.parts[OWN] + self.distributed == self.total, self
        assert sum(self.parts.values()) == self.total, self


def distribute_total(
    total: int, key: Key, schools: Iterable[str], institutes: Iterable[str], students
) -> Result:
    if total < 0 or key.problems():
        raise ValueError("a negative total or an invalid key")
    schools, institutes, students = list(schools), list(institutes), list(students)
    parts = split(
        total,
        {
            OWN: key.own_costs_percent,
            INSTITUTES: key.institutes_percent,
            FIXED: key.fixed_percent,
            STUDENTS: key.students_percent,
        },
    )
    weight_of = {s.id: key.weights.get(s.facilitation, 0) for s in students}
    school_weights = {k: 0 for k in schools}
    institute_weights = {k: 0 for k in institutes}
    for s in students:
        school_weights[s.school] = school_weights.get(s.school, 0) + weight_of[s.id]
        institute_weights[s.institute] = institute_weights.get(s.institute, 0) + 1
    fixed = split(parts[FIXED], dict.fromkeys(school_weights, 1))
    per_student = split(parts[STUDENTS], school_weights)
    per_institute = split(parts[INSTITUTES], institute_weights)
    result = Result(
        total,
        {
            INSTITUTES: sum(per_institute.values()),
            FIXED: sum(fixed.values()),
            STUDENTS: sum(per_student.values()),
        },
        {k: {FIXED: fixed[k], STUDENTS: per_student[k]} for k in school_weights},
        per_institute,
    )
    result.parts[OWN] = total - result.distributed  # unreceived parts stay with the partnership
    result.check()
    return result


@dataclass(frozen=True)
class Balance:
    provided: Decimal
    fair_share: Decimal

    @property
    def balance(self) -> Decimal:
        return self.provided - self.fair_share


def codocent_balances(
    hours: Mapping[str, Decimal], shares: Mapping[str, int]
) -> dict[str, Balance]:
    """Per school the co-docent hours it gave against its fair share of all schools' hours, in
    proportion to ``shares`` (its cents of the schools' distribution); one decimal."""
    total_hours = sum(hours.values(), Decimal(0))
    total_share = sum(shares.values())
    result = {}
    for key in shares.keys() | hours.keys():
        fair = (
            Fraction(total_hours) * shares.get(key, 0) / total_share if total_share else Fraction(0)
        )
        result[key] = Balance(
            hours.get(key, Decimal(0)),
            (Decimal(fair.numerator) / Decimal(fair.denominator)).quantize(Decimal("0.1")),
        )
    return result
