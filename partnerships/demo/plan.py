"""Turns a ``demo.PartnershipSpec`` into plain rows: people, role assignments, qualifications,
subject sections and students.

Pure Python and deterministic: the same spec on the same day gives the same rows (a
``random.Random`` seeded per partnership), so loading them with update_or_create on natural keys
is idempotent. Generated people are named by a *slot* ("Segbroek:wpb:0" is the first
werkplekbegeleider at Segbroek); a demo login with that slot gives the person a memorable e-mail
address and a fixed name.
"""

import datetime
import random
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field

from partnerships.demo import BETA_SUBJECTS, SUBJECTS, PartnershipSpec, SchoolSpec, teaches, text
from partnerships.demo.students import SUBJECT_WEIGHTS, StudentGenerator, accepts
from partnerships.glossary import Grade, Role
from partnerships.glossary import QualificationKind as K
from partnerships.glossary import QualificationStatus as S


@dataclass
class PersonRow:
    email: str
    first_name: str
    last_name: str
    tussenvoegsel: str = ""
    teaching_since: int | None = None


@dataclass
class RoleRow:
    email: str
    role: str
    org: str | None = None  # organisation name
    subject: str | None = None  # subject code
    valid_from: datetime.date | None = None
    valid_until: datetime.date | None = None


@dataclass
class QualRow:
    email: str
    kind: str
    status: str
    obtained_on: datetime.date | None = None
    subject: str | None = None
    grade: str = ""


@dataclass
class SectionRow:
    school: str
    subject: str
    takes_students: bool
    contact: str | None = None


@dataclass
class Plan:
    spec: PartnershipSpec
    start_year: int
    persons: dict[str, PersonRow] = field(default_factory=dict)
    roles: list[RoleRow] = field(default_factory=list)
    qualifications: list[QualRow] = field(default_factory=list)
    sections: list[SectionRow] = field(default_factory=list)
    students: list = field(default_factory=list)  # demo_students.StudentRow

    @property
    def academic_years(self) -> set[int]:
        pupil_years = max(len(s.pupils) for s in self.spec.schools)
        years = {self.start_year - k for k in range(pupil_years)}
        return years | {s.start_year for s in self.students}


def _ascii(value: str) -> str:
    plain = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode()
    return "".join(c for c in plain.lower() if c.isalnum())


class Generator:
    def __init__(self, spec: PartnershipSpec, today: datetime.date):
        self.spec = spec
        self.today = today
        self.year = today.year if today.month >= 8 else today.year - 1
        self.rng = random.Random(spec.seed)
        self.plan = Plan(spec, self.year)
        self.logins = {login.slot: login for login in spec.logins}
        self.wpbs: dict[tuple[str, str], list[str]] = defaultdict(list)
        self.school_trainers: dict[str, list[str]] = defaultdict(list)
        self.institute_trainers: dict[str, list[tuple[str, str]]] = defaultdict(list)
        self.coordinators: list[str] = []
        self.leaders: list[str] = []

    # --- building blocks --------------------------------------------------------------------
    def person(self, slot: str, *, teaching: bool = True, domain: str = "") -> str:
        rng = self.rng
        first = rng.choice(text.FIRST_NAMES)
        tussenvoegsel, last = rng.choice(text.LAST_NAMES)
        years = rng.randint(3, 30) if rng.random() > 0.1 else rng.randint(1, 2)
        login = self.logins.get(slot)
        if login:
            row = PersonRow(login.email, login.first_name, login.last_name, login.tussenvoegsel)
            years = 6 + sum(map(ord, login.email)) % 20  # the same in every partnership
        else:
            local = f"{_ascii(first)}.{_ascii(tussenvoegsel + last)}"
            email, n = f"{local}@{domain or self.spec.domain}", 1
            while email in self.plan.persons:
                n += 1
                email = f"{local}{n}@{domain or self.spec.domain}"
            row = PersonRow(email, first, last, tussenvoegsel)
        if teaching:
            row.teaching_since = self.year - years
        self.plan.persons[row.email] = row
        return row.email

    def role(self, email, role, org=None, subject=None, since_years=6) -> RoleRow:
        valid_from = datetime.date(self.year - self.rng.randint(0, since_years), 8, 1)
        row = RoleRow(email, role, org, subject, valid_from)
        self.plan.roles.append(row)
        return row

    def qualification(self, email, kind, status=S.COMPLETED, subject=None, grade=""):
        obtained = None
        if status == S.COMPLETED:
            obtained = datetime.date(
                self.year - self.rng.randint(1, 12), self.rng.choice((1, 6)), 15
            )
        self.plan.qualifications.append(QualRow(email, kind, status, obtained, subject, grade))

    def wpb_training(self, email: str, certain: bool) -> None:
        draw = self.rng.random()
        if certain or draw < 0.55:
            self.qualification(email, K.WPB_BASIS)
            if self.rng.random() < 0.3:
                self.qualification(email, K.WPB_VERDIEPING)
        elif draw < 0.75:
            self.qualification(email, K.WPB_BASIS, S.RUNNING)
        elif draw < 0.85:
            self.qualification(email, K.WPB_BASIS, S.PLANNED)

    # --- organisations ----------------------------------------------------------------------
    def school(self, school: SchoolSpec) -> None:
        rng, key, name = self.rng, school.short_name, school.name
        big = school.pupils[0] >= 1500
        subjects = [code for code, _name, _short in SUBJECTS if teaches(school, code)]
        n_wpb = self.spec.wpb_per_school or min(12, max(3, round(school.pupils[0] / 150)))
        wpb_subjects = self.guided_subjects(subjects, n_wpb)
        focus_school, focus_subject, _n = self.spec.focus
        if key == focus_school and focus_subject in subjects:
            if focus_subject in wpb_subjects:
                wpb_subjects.remove(focus_subject)
            else:
                wpb_subjects.pop()
            wpb_subjects.insert(0, focus_subject)
        upper = {"havo", "vwo", "gymnasium"} & set(school.types)
        grade = Grade.EERSTEGRAADS if upper else Grade.TWEEDEGRAADS
        for i, subject in enumerate(wpb_subjects):
            slot = f"{key}:wpb:{i}"
            email = self.person(slot)
            self.role(email, Role.WERKPLEKBEGELEIDER, name, subject)
            self.qualification(email, K.TEACHING, subject=subject, grade=grade)
            self.wpb_training(email, certain=slot in self.logins)
            self.wpbs[(name, subject)].append(email)
        for subject in subjects:
            guides = self.wpbs.get((name, subject), [])
            takes = bool(guides) or rng.random() < 0.12
            self.plan.sections.append(
                SectionRow(name, subject, takes, guides[0] if guides else None)
            )
        self.school_trainers_for(school, big)
        for i in range(2 if big else 1):
            email = self.person(f"{key}:cd:{i}")
            self.role(email, Role.CO_DOCENT, name, rng.choice(subjects))
            self.qualification(email, K.WPB_BASIS)
        if big:
            email = self.person(f"{key}:as:0")
            self.role(email, Role.ASSESSOR, name)
            self.qualification(email, K.ASSESSOR)
        leader = self.person(f"{key}:ll:0")
        self.role(leader, Role.LEIDINGGEVENDE, name)
        self.leaders.append(leader)

    def guided_subjects(self, subjects: list[str], n: int) -> list[str]:
        """The subjects of a school's n werkplekbegeleiders: a weighted sample without
        replacement, favouring shortage subjects and subjects the institutes train."""

        def weight(code):
            trained = any(accepts(i, code) for i in self.spec.institutes)
            return SUBJECT_WEIGHTS[code] * (1.0 if trained else 0.1)

        ranked = sorted(subjects, key=lambda c: self.rng.random() ** (1 / weight(c)), reverse=True)
        return ranked[:n] + self.rng.choices(subjects, k=max(0, n - len(ranked)))

    def school_trainers_for(self, school: SchoolSpec, big: bool) -> None:
        """≥2 schoolopleiders, the first registered in BRLO and a certified assessor; the
        second coordinates the school (or the cluster, at the cluster's coordinating school)."""
        key, name = school.short_name, school.name
        first = self.person(f"{key}:so:0")
        self.role(first, Role.SCHOOLOPLEIDER, name)
        self.role(first, Role.ASSESSOR, name)
        for kind in (K.SCHOOLOPLEIDER_COURSE, K.BRLO, K.ASSESSOR):
            self.qualification(first, kind)
        coordinates = not school.cluster or school.coordinates_cluster
        second = self.person(f"{key}:sc" if coordinates else f"{key}:so:1")
        self.role(second, Role.SCHOOLOPLEIDER, name)
        self.qualification(
            second, K.SCHOOLOPLEIDER_COURSE, S.COMPLETED if coordinates else S.RUNNING
        )
        trainers = [first, second]
        if coordinates:
            self.role(second, Role.SCHOOLCOORDINATOR, name)
            self.coordinators.append(second)
        if big:
            third = self.person(f"{key}:so:{1 if coordinates else 2}")
            self.role(third, Role.SCHOOLOPLEIDER, name, since_years=1)
            self.qualification(third, K.SCHOOLOPLEIDER_COURSE, S.RUNNING)
            trainers.append(third)
        self.school_trainers[name] = trainers

    def institute(self, institute) -> None:
        key, name = institute.short_name, institute.name
        if institute.beta_only:
            subjects = list(BETA_SUBJECTS)
        else:
            subjects = [c for c, _n, _s in SUBJECTS if institute.level == "hbo" or c != "lo"]
        self.rng.shuffle(subjects)
        for i in range(institute.trainers):
            email = self.person(f"{key}:io:{i}")
            subject = subjects[i % len(subjects)]
            self.role(email, Role.INSTITUUTSOPLEIDER, name, subject)
            self.institute_trainers[name].append((email, subject))
        coordinator = self.person(f"{key}:ic:0")
        self.role(coordinator, Role.INSTITUUTSCOORDINATOR, name)
        self.coordinators.append(coordinator)
        assessor = self.person(f"{key}:ia:0")
        self.role(assessor, Role.INSTITUUTSASSESSOR, name)
        self.qualification(assessor, K.ASSESSOR)

    def partnership_staff(self) -> None:
        for slot, role in (
            ("stagecoordinator", Role.STAGECOORDINATOR),
            ("programmamanager", Role.PROGRAMMAMANAGER),
            ("administratief", Role.ADMINISTRATIEF_ONDERSTEUNER),
        ):
            self.role(self.person(slot, teaching=slot != "administratief"), role)
        steering = [self.person("stuurgroep"), *self.leaders]
        steering += [email for email, _s in self.first_institute_trainers()]
        board = [self.person("bestuursraad", teaching=False)]
        board += [self.person(f"bestuursraad:{i}", teaching=False) for i in range(3)]
        working = [self.person("werkgroep"), *self.coordinators]
        for members, role in (
            (steering, Role.STUURGROEPLID),
            (board, Role.BESTUURSRAADLID),
            (working, Role.WERKGROEPLID),
        ):
            for email in members:
                self.role(email, role, since_years=3)

    def first_institute_trainers(self):
        return [trainers[0] for trainers in self.institute_trainers.values() if trainers]

    def role_changes(self) -> None:
        """A former werkplekbegeleider and two roles that end within a month."""
        school = self.spec.schools[0]
        former = self.person(f"{school.short_name}:wpb:former")
        row = self.role(former, Role.WERKPLEKBEGELEIDER, school.name, "nederlands")
        row.valid_from = datetime.date(self.year - 5, 8, 1)
        row.valid_until = datetime.date(self.year, 7, 31)
        login_emails = {login.email for login in self.spec.logins}
        candidates = [
            r
            for r in self.plan.roles
            if r.role == Role.WERKPLEKBEGELEIDER and r.email not in login_emails and r is not row
        ]
        for days, ending in zip((12, 26), self.rng.sample(candidates, 2), strict=True):
            ending.valid_until = self.today + datetime.timedelta(days=days)

    def run(self) -> Plan:
        for school in self.spec.schools:
            self.school(school)
        for institute in self.spec.institutes:
            self.institute(institute)
        self.partnership_staff()
        self.role_changes()
        StudentGenerator(self).run()
        return self.plan


def build_plan(spec: PartnershipSpec, today: datetime.date | None = None) -> Plan:
    return Generator(spec, today or datetime.date.today()).run()
