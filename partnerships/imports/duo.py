"""Schools from DUO's open data: the CSV of school locations in secondary education
("Adressen alle vestigingen vo", semicolon-separated, published monthly from BRIN).

A row is one location (vestiging). It is matched on its location number (BRIN + two digits,
``VESTIGINGSNUMMER``, or ``VESTIGINGSCODE`` in DUO's newer files); an organisation that holds
only the four-character BRIN is the main location (``…00``). A matched school keeps the name the
partnership knows it by and gets the address, postcode, place, location number and school types
from DUO; an unknown location is added as a new school under DUO's name. The other columns of
DUO's file (province, municipality, regions, …) are ignored."""

import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .. import services
from ..glossary import OrganisationKind
from ..models import Organisation, SchoolType
from .base import Change, Checked, Duplicate, Importer, Note
from .cells import parse_postcode
from .columns import Cells, Column

COLUMNS = [
    Column(
        "location",
        "VESTIGINGSNUMMER",
        "VESTIGINGSNUMMER",
        required=True,
        example="16SW03",
        help=gettext_lazy("The BRIN code with the two digits of the location."),
        aliases=("vestigingscode",),
    ),
    Column(
        "brin",
        "BRIN NUMMER",
        "BRIN NUMMER",
        example="16SW",
        aliases=("instellingscode", "brin"),
    ),
    Column("name", "VESTIGINGSNAAM", "VESTIGINGSNAAM", required=True, example="Metameer"),
    Column("street", "STRAATNAAM", "STRAATNAAM", example="Stationsweg"),
    Column("number", "HUISNUMMER-TOEVOEGING", "HUISNUMMER-TOEVOEGING", example="5"),
    Column("postcode", "POSTCODE", "POSTCODE", example="5831 CR"),
    Column("city", "PLAATSNAAM", "PLAATSNAAM", example="BOXMEER"),
    Column("phone", "TELEFOONNUMMER", "TELEFOONNUMMER", example="0485571434"),
    Column(
        "structure",
        "ONDERWIJSSTRUCTUUR",
        "ONDERWIJSSTRUCTUUR",
        example="VBO/MAVO/HAVO/VWO",
        help=gettext_lazy("DUO's school types separated by slashes, such as HAVO/VWO."),
    ),
]
# DUO's ONDERWIJSSTRUCTUUR parts → our school type codes.
STRUCTURE = {
    "PRO": ("pro",),
    "VBO": ("vmbo-b", "vmbo-k"),
    "VMBO": ("vmbo-b", "vmbo-k", "vmbo-gt"),
    "MAVO": ("mavo",),
    "HAVO": ("havo",),
    "VWO": ("vwo",),
    "ATH": ("vwo",),
    "GYM": ("gymnasium",),
    "LWOO": ("lwoo",),
    "ISK": ("isk",),
}
CHANGED = ("brin", "address", "postcode", "city", "phone")
_LOCATION = re.compile(r"[0-9]{2}[A-Z]{2}[0-9]{2}")


def code(value) -> str:
    return re.sub(r"\s+", "", str(value)).upper()


def place_name(text: str) -> str:
    """DUO writes places in capitals: 'S-GRAVENHAGE → 's-Gravenhage, DEN HAAG → Den Haag."""
    name = text.strip().title()
    return re.sub(r"^'S-", "'s-", name)


def parse_structure(value) -> list[str]:
    """'VBO/MAVO' → the codes of our school types; raises for an unknown part."""
    codes, unknown = [], []
    for part in re.split(r"[/,;]", str(value)):
        part = part.strip().upper()
        if part in STRUCTURE:
            codes.extend(c for c in STRUCTURE[part] if c not in codes)
        elif part:
            unknown.append(part)
    if unknown:
        raise ValidationError(_("Unknown school type: %(types)s.") % {"types": ", ".join(unknown)})
    return codes


def _text(value) -> str:
    if isinstance(value, list):
        return ", ".join(value)
    return str(value or "")


@dataclass
class DuoRecord:
    organisation: Organisation
    school_types: list[SchoolType] | None


class DuoSchoolImporter(Importer):
    kind = "duo"
    label = gettext_lazy("Schools from DUO (open data)")
    description = gettext_lazy(
        "DUO's CSV of school locations in secondary education as you download it. A row "
        "updates the school with the same location number (BRIN + two digits) or adds it; a "
        "school you already have keeps its name. Delete the rows of schools outside your "
        "partnership first."
    )
    list_url_name = "partnerships:organisation_list"
    columns = COLUMNS
    needs_check = True

    def prepare(self, rows):
        self.by_code: dict[str, Organisation] = {}
        self.before: dict[int, dict] = {}
        organisations = self.partnership.organisations.exclude(brin="")
        for organisation in organisations.prefetch_related("school_types"):
            self.by_code.setdefault(code(organisation.brin), organisation)
            self.before[organisation.pk] = {
                **{name: getattr(organisation, name) for name in CHANGED},
                "school_types": sorted(t.code for t in organisation.school_types.all()),
            }
        self.names = {o.name.casefold(): o for o in self.partnership.organisations.all()}
        self.types = {t.code: t for t in SchoolType.objects.all()}

    def _existing(self, location: str) -> Organisation | None:
        found = self.by_code.get(location)
        if found is None and location.endswith("00"):
            found = self.by_code.get(location[:4])
        return found

    def check(self, cells: Cells) -> Checked:
        location = code(cells.text("location"))
        if location and not _LOCATION.fullmatch(location):
            cells.add("location", _("Enter a location number such as 16SW03."))
        brin = code(cells.text("brin"))
        if brin and location and not location.startswith(brin):
            cells.add("brin", _("The location number does not start with this BRIN code."))
        organisation = self._existing(location) if cells.ok("location") else None
        name = cells.text("name")
        if organisation is None:
            organisation = Organisation(
                partnership=self.partnership, kind=OrganisationKind.SCHOOL, name=name
            )
            clash = self.names.get(name.casefold())
            if name and clash is not None:
                cells.add(
                    "name",
                    _("%(name)s already exists with another BRIN code (%(brin)s).")
                    % {"name": clash.name, "brin": clash.brin or "—"},
                )
        elif not organisation.is_school:
            cells.add("location", _("This BRIN code belongs to an institute, not a school."))
        self._address(cells, organisation, location)
        codes = cells.parse("structure", parse_structure)
        school_types = [self.types[c] for c in codes if c in self.types] if codes else None
        if cells.ok("location", "brin", "name"):
            try:
                organisation.full_clean(
                    exclude=["partnership"], validate_unique=False, validate_constraints=False
                )
            except ValidationError as exc:
                cells.add_model_errors(exc, keys={"brin": "location", "address": "street"})
        duplicates = [Duplicate("location", location)] if location else []
        if cells.errors:
            return Checked(duplicates=duplicates)
        return Checked(DuoRecord(organisation, school_types), duplicates)

    def _address(self, cells: Cells, organisation: Organisation, location: str) -> None:
        organisation.brin = location
        street = " ".join(p for p in (cells.text("street"), cells.text("number")) if p)
        if street:
            organisation.address = street
        if cells.has("postcode") and not cells.empty("postcode"):
            organisation.postcode = cells.parse("postcode", parse_postcode) or ""
        if cells.text("city"):
            organisation.city = place_name(cells.text("city"))
        if cells.text("phone") and not organisation.phone:
            organisation.phone = cells.text("phone")

    def save(self, record: DuoRecord) -> bool:
        created = record.organisation.pk is None
        services.organisation_save(
            organisation=record.organisation, school_types=record.school_types
        )
        return created

    def describe(self, record: DuoRecord) -> Change:
        organisation = record.organisation
        if organisation.pk is None:
            return Change(organisation.name, new=True)
        before = self.before.get(organisation.pk, {})
        after = {name: getattr(organisation, name) for name in CHANGED}
        if record.school_types is not None:
            after["school_types"] = sorted(t.code for t in record.school_types)
        labels = {
            name: str(Organisation._meta.get_field(name).verbose_name)
            for name in (*CHANGED, "school_types")
        }
        changes = [
            (labels[name], _text(before.get(name)), _text(value))
            for name, value in after.items()
            if before.get(name) != value
        ]
        return Change(organisation.name, new=False, changes=changes)

    def notes(self) -> list[Note]:
        return [
            Note(
                "ONDERWIJSSTRUCTUUR",
                [(part, ", ".join(codes)) for part, codes in STRUCTURE.items()],
            )
        ]
