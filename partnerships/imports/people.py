"""People in staff and student files: their columns, their checks, and finding or creating
the person at save time.

A person is found by e-mail address. A new person gets an account without a usable password
(they set one through the password reset). An existing person's details are updated only when
they already belong to this partnership; someone known only elsewhere keeps their details, so
one partnership's file cannot rename another partnership's people.

Staff and student files run to thousands of rows, so their rows are saved directly: every row
has passed the model's full_clean() in the check before anything is saved, and saving through
the per-object services again would re-query every foreign key and cost a savepoint per row
(a minute instead of seconds for 5,000 rows). Unique constraints still hold in the database;
a clash with a concurrent change rolls the whole import back."""

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..models import Partnership, Person
from .cells import as_text, parse_email, parse_int
from .columns import Cells, Column, Row

EMAIL = Column(
    "email",
    "E-mail",
    "E-mail",
    required=True,
    example="j.vandijk@example.org",
    help=gettext_lazy("The person's own address; it is also their login name."),
    aliases=("e-mailadres", "email address", "mail"),
)
FIRST_NAME = Column("first_name", "Voornaam", "First name", required=True, example="Jan")
TUSSENVOEGSEL = Column(
    "tussenvoegsel",
    "Tussenvoegsel",
    "Prefix",
    example="van",
    help=gettext_lazy("For example van, de or van der."),
    aliases=("tussenvoegsels", "prefix (tussenvoegsel)", "infix"),
)
LAST_NAME = Column(
    "last_name", "Achternaam", "Last name", required=True, example="Dijk", aliases=("surname",)
)
PHONE = Column(
    "phone",
    "Telefoon",
    "Phone",
    example="06 12345678",
    aliases=("telefoonnummer", "telephone", "phone number"),
)
TEACHING_SINCE = Column(
    "teaching_since",
    "Voor de klas sinds",
    "Teaching since",
    example="2015",
    help=gettext_lazy("The year the person started teaching."),
    aliases=("lesgevend sinds", "docent sinds", "teaching since (year)"),
)
NAME_COLUMNS = [EMAIL, FIRST_NAME, TUSSENVOEGSEL, LAST_NAME]
_TEXT_FIELDS = ("first_name", "tussenvoegsel", "last_name", "phone")


class People:
    def __init__(self, partnership: Partnership):
        self.partnership = partnership
        self.existing: dict[str, Person] = {}
        self.members: set[int] = set()
        self.first_row: dict[str, int] = {}
        self.merged: dict[str, dict] = {}  # e-mail → the person's fields over all rows
        self.saved: dict[str, Person] = {}

    def prepare(self, rows: list[Row]) -> None:
        emails = {as_text(row.value("email")).lower() for row in rows} - {""}
        people = Person.objects.annotate(email_lower=Lower("email")).filter(email_lower__in=emails)
        self.existing = {person.email.lower(): person for person in people}
        in_partnership = Q(roles__partnership=self.partnership) | Q(
            student_records__partnership=self.partnership
        )
        self.members = set(
            Person.objects.filter(in_partnership, pk__in=[p.pk for p in people]).values_list(
                "pk", flat=True
            )
        )

    def check(self, cells: Cells) -> str | None:
        """The row's e-mail address when the person's cells are right; errors are noted."""
        fields = {key: cells.text(key) for key in _TEXT_FIELDS if cells.has(key)}
        if cells.has("teaching_since"):
            year = timezone.localdate().year
            fields["teaching_since"] = cells.parse(
                "teaching_since", parse_int, minimum=1940, maximum=year
            )
        email = cells.parse("email", parse_email)
        if email is None:
            return None
        fields["email"] = email
        person = Person(**fields)
        try:
            person.full_clean(exclude=["password"], validate_unique=False)  # no queries
        except ValidationError as exc:
            cells.add_model_errors(exc)
        self._merge(cells, email, fields)
        return email

    def _merge(self, cells: Cells, email: str, fields: dict) -> None:
        """The same person on several rows (several roles) must have the same details."""
        merged = self.merged.setdefault(email, {})
        first = self.first_row.setdefault(email, cells.row.number)
        for key, value in fields.items():
            if value in (None, ""):
                merged.setdefault(key, value)
            elif merged.get(key) in (None, ""):
                merged[key] = value
            elif merged[key] != value:
                cells.add(
                    key, _("Row %(row)s gives this person a different value.") % {"row": first}
                )

    def person_for(self, email: str) -> Person:
        if email in self.saved:
            return self.saved[email]
        fields = self.merged[email]
        person = self.existing.get(email)
        if person is None:
            person = Person(**fields)
            person.set_unusable_password()
            person.save()
        elif person.pk in self.members:
            changed = [name for name, value in fields.items() if getattr(person, name) != value]
            for name in changed:
                setattr(person, name, fields[name])
            if changed:
                person.save(update_fields=changed)
        self.saved[email] = person
        return person
