"""Staff: a person and one role per row. The person is found by e-mail or created; the role
assignment is created unless an identical one exists. Someone with two roles has two rows."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, override

from ..glossary import INSTITUTE_ROLES, PARTNERSHIP_ROLES, OrganisationKind, Role
from ..models import RoleAssignment
from .base import Checked, Duplicate, Importer, Note
from .cells import Lookup, parse_date
from .columns import Cells, Column
from .directory import Directory
from .people import NAME_COLUMNS, PHONE, TEACHING_SINCE, People

R = Role
ROLE_ALIASES = {
    R.WERKPLEKBEGELEIDER: ("werkplekbegeleider", "wpb", "mentor"),
    R.SCHOOLOPLEIDER: ("schoolopleider", "so"),
    R.SCHOOLCOORDINATOR: ("schoolcoördinator", "school coordinator"),
    R.CO_DOCENT: ("co-docent",),
    R.ASSESSOR: ("assessor", "examinator"),
    R.LEIDINGGEVENDE: ("leidinggevende", "schoolleider", "teamleider", "directeur"),
    R.INSTITUUTSOPLEIDER: ("instituutsopleider", "io"),
    R.INSTITUUTSCOORDINATOR: ("instituutscoördinator", "institute coordinator"),
    R.INSTITUUTSASSESSOR: ("instituutsassessor", "assessor instituut"),
    R.STAGECOORDINATOR: ("stagecoördinator", "placement coordinator"),
    R.PROGRAMMAMANAGER: ("programmamanager",),
    R.ADMINISTRATIEF_ONDERSTEUNER: ("administratief ondersteuner", "administratie"),
    R.STUURGROEPLID: ("stuurgroeplid", "lid stuurgroep", "stuurgroep"),
    R.BESTUURSRAADLID: ("bestuursraadlid", "lid bestuursraad", "bestuursraad"),
    R.WERKGROEPLID: ("werkgroeplid", "lid werkgroep", "werkgroep"),
}

COLUMNS = [
    *NAME_COLUMNS,
    PHONE,
    TEACHING_SINCE,
    Column(
        "role",
        "Rol",
        "Role",
        required=True,
        example="werkplekbegeleider",
        help=gettext_lazy(
            "For example werkplekbegeleider (wpb), schoolopleider, schoolcoördinator."
        ),
    ),
    Column(
        "organisation",
        "Organisatie",
        "Organisation",
        help=gettext_lazy(
            "Name or short name of a school or institute in this partnership; "
            "empty for partnership-wide roles."
        ),
        aliases=("school", "instituut", "organization"),
    ),
    Column(
        "subject",
        "Vak",
        "Subject",
        help=gettext_lazy(
            "Name or code; for a werkplekbegeleider, co-docent or instituutsopleider."
        ),
        aliases=("vakgebied",),
    ),
    Column(
        "valid_from",
        "Geldig vanaf",
        "Valid from",
        example="01-08-2025",
        help=gettext_lazy("A date as dd-mm-yyyy; empty when not known."),
        aliases=("vanaf", "startdatum", "start date"),
    ),
    Column(
        "valid_until",
        "Geldig tot en met",
        "Valid until",
        help=gettext_lazy("A date as dd-mm-yyyy; empty when open-ended."),
        aliases=("geldig tot", "einddatum", "end date"),
    ),
]
_ROLE_KEYS = ("role", "organisation", "subject", "valid_from", "valid_until")
_IDENTITY = ("person_id", "role", "organisation_id", "subject_id", "valid_from", "valid_until")
_RESOLVED = ["person", "partnership", "organisation", "subject"]  # loaded by the importer


@dataclass
class StaffRecord:
    email: str
    assignment: RoleAssignment


def role_lookup() -> Lookup:
    lookup = Lookup()
    for role, aliases in ROLE_ALIASES.items():
        for alias in (role.value, *aliases):
            lookup.add(alias, role.value)
    for language in ("nl", "en"):
        with override(language):
            for value, label in Role.choices:
                lookup.add(str(label), value)
    return lookup


def role_scope(role: str) -> str:
    if role in PARTNERSHIP_ROLES:
        return _("partnership-wide")
    if role in INSTITUTE_ROLES:
        return _("at an institute")
    return _("at a school")


class StaffImporter(Importer):
    kind = "staff"
    label = gettext_lazy("Staff")
    description = gettext_lazy(
        "One role per row: someone with two roles has two rows. People are found by e-mail "
        "address; someone new gets an account without a password. A role someone already "
        "holds in exactly this way is not added twice."
    )
    list_url_name = "partnerships:person_list"
    columns = COLUMNS

    def prepare(self, rows):
        self.directory = Directory(self.partnership)
        self.people = People(self.partnership)
        self.people.prepare(rows)
        self.roles = role_lookup()
        self.held = set(
            RoleAssignment.objects.filter(
                partnership=self.partnership, person__in=list(self.people.existing.values())
            ).values_list(*_IDENTITY)
        )

    def check(self, cells: Cells) -> Checked:
        email = self.people.check(cells)
        assignment = RoleAssignment(
            partnership=self.partnership,
            role=cells.parse("role", self._role) or "",
            organisation=cells.parse("organisation", self.directory.organisation),
            subject=cells.parse("subject", self.directory.subject),
            valid_from=cells.parse("valid_from", parse_date),
            valid_until=cells.parse("valid_until", parse_date),
        )
        if cells.ok(*_ROLE_KEYS):
            try:
                assignment.full_clean(exclude=_RESOLVED, validate_constraints=False)
            except ValidationError as exc:
                cells.add_model_errors(exc)
        if cells.errors:
            return Checked()
        identity = (
            email,
            assignment.role,
            assignment.organisation_id,
            assignment.subject_id,
            assignment.valid_from,
            assignment.valid_until,
        )
        duplicate = Duplicate("", identity, gettext_lazy("This row repeats row %(row)s."))
        return Checked(StaffRecord(email, assignment), [duplicate])

    def _role(self, value) -> str:
        role = self.roles.get(value)
        if role is None:
            raise ValidationError(_("Unknown role; the template's notes list the roles."))
        return role

    def save(self, record: StaffRecord) -> bool:
        assignment = record.assignment
        assignment.person = self.people.person_for(record.email)
        identity = tuple(getattr(assignment, name) for name in _IDENTITY)
        if identity in self.held:
            return False
        assignment.save()
        self.held.add(identity)
        return True

    def examples(self) -> dict[str, str]:
        directory = Directory(self.partnership)
        return super().examples() | {
            "organisation": directory.example_organisation(
                OrganisationKind.SCHOOL, "Voorbeeldcollege"
            ),
            "subject": directory.example_subject("Nederlands"),
        }

    def notes(self) -> list[Note]:
        roles = [
            (" / ".join(ROLE_ALIASES[role][:2]), f"{role.label} ({role_scope(role)})")
            for role in Role
        ]
        return [Note(str(self.column("role").heading), roles)]
