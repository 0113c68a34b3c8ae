"""Students: the person (found by e-mail or created) and their student record in this
partnership, updated when the person already has one."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, override

from ..glossary import Grade, OrganisationKind, ProgrammeVariant
from ..models import AcademicYear, Student
from .base import Checked, Duplicate, Importer, Note
from .cells import Lookup, parse_int, parse_postcode, parse_school_year
from .columns import Cells, Column
from .directory import Directory
from .people import NAME_COLUMNS, People

V = ProgrammeVariant
VARIANT_ALIASES = {
    V.HBO_BACHELOR_VOLTIJD: ("hbo voltijd", "hbo bachelor voltijd", "voltijd"),
    V.HBO_BACHELOR_DEELTIJD: ("hbo deeltijd", "hbo bachelor deeltijd", "deeltijd"),
    V.HBO_MASTER: ("hbo master",),
    V.HBO_KOPOPLEIDING: ("kopopleiding", "hbo kopopleiding"),
    V.WO_MASTER_60: ("wo 60", "wo master 60", "wo 60 ec"),
    V.WO_MASTER_120: ("wo 120", "wo master 120", "wo 120 ec"),
    V.EDUCATIEVE_MINOR: ("educatieve minor", "minor"),
    V.ZIJ_INSTROMER: ("zij-instromer", "zij instromer"),
    V.HOGER_ANDERE_BEVOEGDHEID: ("hogere of andere bevoegdheid", "andere bevoegdheid"),
}
GRADE_ALIASES = {
    Grade.EERSTEGRAADS: ("1", "eerstegraads", "1e graads", "eerste graad", "first-degree"),
    Grade.TWEEDEGRAADS: ("2", "tweedegraads", "2e graads", "tweede graad", "second-degree"),
}

COLUMNS = [
    *NAME_COLUMNS,
    Column("student_number", "Studentnummer", "Student number", example="500123456"),
    Column(
        "institute",
        "Instituut",
        "Institute",
        required=True,
        help=gettext_lazy("Name or short name of an institute in this partnership."),
        aliases=("lerarenopleiding",),
    ),
    Column(
        "programme_variant",
        "Opleidingsvariant",
        "Programme variant",
        required=True,
        example="hbo voltijd",
        help=gettext_lazy("For example hbo voltijd, hbo deeltijd, wo 60, educatieve minor."),
        aliases=("variant", "opleidingsvorm"),
    ),
    Column(
        "hbo_year",
        "Studiejaar hbo",
        "hbo year",
        example="2",
        help=gettext_lazy("1 to 4; hbo bachelor students only."),
        aliases=("studiejaar",),
    ),
    Column(
        "wo_programme",
        "Wo-opleiding",
        "wo programme",
        help=gettext_lazy("The master programme of a wo student."),
        aliases=("masteropleiding",),
    ),
    Column(
        "subject",
        "Vak",
        "Subject",
        required=True,
        help=gettext_lazy("Name or code of a subject in this partnership."),
        aliases=("vakgebied",),
    ),
    Column(
        "grade",
        "Graad",
        "Grade",
        example="2",
        help=gettext_lazy("1 (eerstegraads) or 2 (tweedegraads)."),
        aliases=("bevoegdheid",),
    ),
    Column("postcode", "Postcode", "Postcode", example="2511 AB", aliases=("postal code",)),
    Column(
        "start_year",
        "Startjaar",
        "Start year",
        help=gettext_lazy("School year such as 2025-2026; empty means the current one."),
        aliases=("gestart in", "started in"),
    ),
    Column(
        "school",
        "School",
        "School",
        help=gettext_lazy("The current school, if the student is placed."),
        aliases=("stageschool", "huidige school", "current school"),
    ),
    Column(
        "learning_goals",
        "Leerdoelen",
        "Learning goals",
        aliases=("leerdoel",),
    ),
]
_RESOLVED = ["person", "partnership", "institute", "subject", "school", "start_year"]
_STUDENT_KEYS = (
    "student_number",
    "institute",
    "programme_variant",
    "hbo_year",
    "wo_programme",
    "subject",
    "grade",
    "postcode",
    "school",
    "learning_goals",
)


@dataclass
class StudentRecord:
    email: str
    student: Student
    start_year: int | None


def variant_lookup() -> Lookup:
    lookup = Lookup()
    for variant, aliases in VARIANT_ALIASES.items():
        for alias in (variant.value, *aliases):
            lookup.add(alias, variant.value)
    for language in ("nl", "en"):
        with override(language):
            for value, label in ProgrammeVariant.choices:
                lookup.add(str(label), value)
    return lookup


def grade_lookup() -> Lookup:
    lookup = Lookup()
    for grade, aliases in GRADE_ALIASES.items():
        for alias in aliases:
            lookup.add(alias, grade.value)
    for language in ("nl", "en"):
        with override(language):
            for value, label in Grade.choices:
                lookup.add(str(label), value)
    return lookup


class StudentImporter(Importer):
    kind = "students"
    label = gettext_lazy("Students")
    description = gettext_lazy(
        "People are found by e-mail address; someone new gets an account without a password. "
        "A row updates the person's student record in this partnership, or adds it."
    )
    list_url_name = "partnerships:student_list"
    columns = COLUMNS

    def prepare(self, rows):
        self.directory = Directory(self.partnership)
        self.people = People(self.partnership)
        self.people.prepare(rows)
        self.variants = variant_lookup()
        self.grades = grade_lookup()
        students = Student.objects.filter(
            partnership=self.partnership, person__in=list(self.people.existing.values())
        ).annotate(email_lower=Lower("person__email"))
        self.students = {student.email_lower: student for student in students}
        self.years: dict[int, AcademicYear] = {}

    def check(self, cells: Cells) -> Checked:
        email = self.people.check(cells)
        student = self.students.get(email) or Student(partnership=self.partnership)
        values = {
            "student_number": cells.text("student_number"),
            "institute": cells.parse("institute", self.directory.organisation),
            "programme_variant": cells.parse("programme_variant", self._variant) or "",
            "hbo_year": cells.parse("hbo_year", parse_int, minimum=1, maximum=4),
            "wo_programme": cells.text("wo_programme"),
            "subject": cells.parse("subject", self.directory.subject),
            "grade": cells.parse("grade", self._grade) or "",
            "postcode": cells.parse("postcode", parse_postcode) or "",
            "school": cells.parse("school", self.directory.organisation),
            "learning_goals": cells.text("learning_goals"),
        }
        for name, value in values.items():
            if cells.has(name):
                setattr(student, name, value)
        if not cells.has("hbo_year") and not student.is_hbo_bachelor:
            student.hbo_year = None  # a student who moved on from an hbo bachelor
        start_year = cells.parse("start_year", parse_school_year)
        if cells.ok(*_STUDENT_KEYS):
            try:
                student.full_clean(
                    exclude=_RESOLVED, validate_unique=False, validate_constraints=False
                )
            except ValidationError as exc:
                cells.add_model_errors(exc)
        duplicates = [Duplicate("email", email)] if email else []
        if student.student_number:
            duplicates.append(Duplicate("student_number", student.student_number))
        if cells.errors:
            return Checked(duplicates=duplicates)
        return Checked(StudentRecord(email, student, start_year), duplicates)

    def _variant(self, value) -> str:
        variant = self.variants.get(value)
        if variant is None:
            raise ValidationError(
                _("Unknown programme variant; the template's notes list the variants.")
            )
        return variant

    def _grade(self, value) -> str:
        grade = self.grades.get(value)
        if grade is None:
            raise ValidationError(_("Fill in 1 (eerstegraads) or 2 (tweedegraads)."))
        return grade

    def save(self, record: StudentRecord) -> bool:
        student = record.student
        created = student.pk is None
        student.person = self.people.person_for(record.email)
        if created or record.start_year is not None:
            student.start_year = self._year(
                record.start_year or AcademicYear.start_year_for(timezone.localdate())
            )
        student.save()  # checked with full_clean() before anything was saved
        return created

    def _year(self, start_year: int) -> AcademicYear:
        if start_year not in self.years:
            self.years[start_year] = AcademicYear.objects.get_or_create(start_year=start_year)[0]
        return self.years[start_year]

    def examples(self) -> dict[str, str]:
        directory = Directory(self.partnership)
        today = timezone.localdate()
        return super().examples() | {
            "email": "s.devries@student.example.org",
            "first_name": "Sanne",
            "tussenvoegsel": "de",
            "last_name": "Vries",
            "institute": directory.example_organisation(
                OrganisationKind.INSTITUTE, "Hogeschool Voorbeeld"
            ),
            "subject": directory.example_subject("Nederlands"),
            "start_year": AcademicYear(start_year=AcademicYear.start_year_for(today)).label,
            "school": directory.example_organisation(OrganisationKind.SCHOOL, ""),
        }

    def notes(self) -> list[Note]:
        variants = [(VARIANT_ALIASES[v][0], str(v.label)) for v in ProgrammeVariant]
        grades = [(GRADE_ALIASES[g][1], str(g.label)) for g in Grade]
        return [
            Note(str(self.column("programme_variant").heading), variants),
            Note(str(self.column("grade").heading), grades),
        ]
