"""Schools and institutes. A row updates the organisation of the same name in the partnership
(ignoring case) or creates it; a cluster named in the file is created when it is new.

A partnership has tens of organisations, not thousands, so rows are saved through the
services (which also handle clusters and school types)."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, override

from .. import services
from ..glossary import InstituteLevel, OrganisationKind
from ..models import AcademicYear, Cluster, Organisation, PupilCount, SchoolType
from .base import Checked, Duplicate, Importer, Note, name_key, name_lookup
from .cells import Lookup, parse_int, parse_postcode
from .columns import Cells, Column

COLUMNS = [
    Column("name", "Naam", "Name", required=True, example="Voorbeeldcollege"),
    Column("short_name", "Korte naam", "Short name", example="VBC", aliases=("afkorting",)),
    Column(
        "kind",
        "Soort",
        "Kind",
        required=True,
        example="school",
        help=gettext_lazy("school, or instituut (institute) for a teacher-training institute."),
        aliases=("soort organisatie", "organisation kind"),
    ),
    Column(
        "school_types",
        "Schooltypen",
        "School types",
        example="vmbo-b, havo",
        help=gettext_lazy("Codes separated by commas; schools only."),
        aliases=("schoolsoorten", "onderwijstypen"),
    ),
    Column(
        "institute_level",
        "Niveau instituut",
        "Institute level",
        help=gettext_lazy("hbo or wo; institutes only."),
        aliases=("niveau",),
    ),
    Column(
        "cluster",
        "Cluster",
        "Cluster",
        help=gettext_lazy("Schools in one cluster act as one school; a new name creates it."),
    ),
    Column("brin", "BRIN", "BRIN", example="12AB", aliases=("brin code", "brinnummer")),
    Column(
        "board",
        "Bestuur",
        "Board",
        example="Stichting Voorbeeld",
        aliases=("schoolbestuur", "school board"),
    ),
    Column("address", "Adres", "Address", example="Schoolstraat 1"),
    Column("postcode", "Postcode", "Postcode", example="2511 AB", aliases=("postal code",)),
    Column("city", "Plaats", "City", example="Den Haag", aliases=("vestigingsplaats", "town")),
    Column(
        "email",
        "E-mail",
        "E-mail",
        example="info@voorbeeldcollege.nl",
        aliases=("e-mailadres", "email address"),
    ),
    Column("phone", "Telefoon", "Phone", example="070 1234567", aliases=("telefoonnummer",)),
    Column(
        "pupils",
        "Leerlingen",
        "Pupils",
        example="1200",
        help=gettext_lazy("Number of pupils in the school year chosen on the import page."),
        aliases=("aantal leerlingen", "leerlingaantal", "number of pupils"),
    ),
]
_TEXT_FIELDS = ("short_name", "brin", "board", "address", "city", "email", "phone")
SCHOOL_TYPE_ALIASES = {
    "vmbo-gt": ("vmbo-g", "vmbo-t", "vmbo-tl", "vmbo gt"),
    "gymnasium": ("gym",),
    "pro": ("praktijkonderwijs",),
}


@dataclass
class SchoolRecord:
    organisation: Organisation
    school_types: list[SchoolType] | None
    new_cluster: str
    pupils: int | None


def kind_lookup() -> Lookup:
    lookup = Lookup(
        [
            ("school", OrganisationKind.SCHOOL),
            ("instituut", OrganisationKind.INSTITUTE),
            ("institute", OrganisationKind.INSTITUTE),
            ("lerarenopleiding", OrganisationKind.INSTITUTE),
        ]
    )
    for language in ("nl", "en"):
        with override(language):
            for value, label in OrganisationKind.choices:
                lookup.add(str(label), value)
    return lookup


class SchoolImporter(Importer):
    kind = "schools"
    label = gettext_lazy("Schools and institutes")
    description = gettext_lazy(
        "A row updates the organisation with the same name in this partnership, or adds it."
    )
    list_url_name = "partnerships:organisation_list"
    columns = COLUMNS

    def prepare(self, rows):
        organisations = self.partnership.organisations.all()
        self.organisations = name_lookup((o.name, o) for o in organisations)
        self.clusters = name_lookup((c.name, c) for c in self.partnership.clusters.all())
        self.kinds = kind_lookup()
        self.levels = Lookup((value, value) for value in InstituteLevel.values)
        self.school_types = Lookup()
        for school_type in SchoolType.objects.all():
            for name in (school_type.code, school_type.name):
                self.school_types.add(name, school_type)
            for alias in SCHOOL_TYPE_ALIASES.get(school_type.code, ()):
                self.school_types.add(alias, school_type)

    def check(self, cells: Cells) -> Checked:
        name = cells.text("name")
        organisation = self.organisations.get(name) or Organisation(
            partnership=self.partnership, name=name
        )
        kind = cells.parse("kind", self._kind)
        level = cells.parse("institute_level", self._level)
        organisation.kind = kind or organisation.kind
        if cells.has("institute_level"):
            organisation.institute_level = level or ""
        for key in _TEXT_FIELDS:
            if cells.has(key):
                setattr(organisation, key, cells.text(key))
        if cells.has("postcode"):
            organisation.postcode = cells.parse("postcode", parse_postcode) or ""
        school_types = self._school_types(cells) if cells.has("school_types") else None
        new_cluster = self._cluster(cells, organisation)
        pupils = cells.parse("pupils", parse_int, minimum=0, maximum=100_000)
        self._check_kind_rules(cells, organisation, school_types, new_cluster, pupils)
        if cells.ok("kind", "institute_level", "cluster"):
            try:
                organisation.full_clean(
                    exclude=["partnership"], validate_unique=False, validate_constraints=False
                )
            except ValidationError as exc:
                cells.add_model_errors(exc)
        duplicates = [Duplicate("name", name_key(name))] if name else []
        if cells.errors:
            return Checked(duplicates=duplicates)
        record = SchoolRecord(organisation, school_types, new_cluster, pupils)
        return Checked(record, duplicates)

    def _kind(self, value) -> str:
        kind = self.kinds.get(value)
        if kind is None:
            raise ValidationError(_("Fill in school or instituut."))
        return kind

    def _level(self, value) -> str:
        level = self.levels.get(value)
        if level is None:
            raise ValidationError(_("Fill in hbo or wo."))
        return level

    def _school_types(self, cells: Cells) -> list[SchoolType]:
        found, unknown = [], []
        for part in cells.text("school_types").replace(";", ",").split(","):
            school_type = self.school_types.get(part)
            if school_type is not None:
                found.append(school_type)
            elif part.strip():
                unknown.append(part.strip())
        if unknown:
            cells.add(
                "school_types",
                _("Unknown school type: %(types)s.") % {"types": ", ".join(unknown)},
            )
        return found

    def _cluster(self, cells: Cells, organisation: Organisation) -> str:
        """Sets an existing cluster on the organisation; returns a new cluster's name."""
        if not cells.has("cluster"):
            return ""
        name = cells.text("cluster")
        try:
            MaxLengthValidator(Cluster._meta.get_field("name").max_length)(name)
        except ValidationError as exc:
            cells.add("cluster", exc.messages[0])
            return ""
        organisation.cluster = self.clusters.get(name) if name else None
        return name if name and organisation.cluster is None else ""

    def _check_kind_rules(self, cells, organisation, school_types, new_cluster, pupils) -> None:
        if organisation.kind != OrganisationKind.INSTITUTE:
            if cells.ok("institute_level") and organisation.institute_level:
                cells.add("institute_level", _("Only institutes have a level (hbo or wo)."))
            return
        if school_types:
            cells.add("school_types", _("Only schools have school types."))
        if new_cluster or organisation.cluster_id:
            cells.add("cluster", _("Only schools can be part of a cluster."))
        if pupils is not None:
            cells.add("pupils", _("Only schools have pupils."))

    def save(self, record: SchoolRecord) -> bool:
        organisation = record.organisation
        created = organisation.pk is None
        services.organisation_save(
            organisation=organisation,
            school_types=record.school_types,
            new_cluster=record.new_cluster,
        )
        if record.pupils is not None:
            self._save_pupils(organisation, record.pupils)
        return created

    def _save_pupils(self, organisation: Organisation, pupils: int) -> None:
        start_year = self.academic_year or AcademicYear.start_year_for(timezone.localdate())
        year, _created = AcademicYear.objects.get_or_create(start_year=start_year)
        count = PupilCount.objects.filter(organisation=organisation, academic_year=year).first()
        count = count or PupilCount(organisation=organisation, academic_year=year)
        count.pupils = pupils
        services.pupil_count_save(pupil_count=count)

    def notes(self) -> list[Note]:
        kinds = [
            ("school", str(OrganisationKind.SCHOOL.label)),
            ("instituut", str(OrganisationKind.INSTITUTE.label)),
        ]
        return [
            Note(str(self.column("kind").heading), kinds),
            Note(
                str(self.column("institute_level").heading),
                [(value, str(label)) for value, label in InstituteLevel.choices],
            ),
            Note(
                str(self.column("school_types").heading),
                [(t.code, t.name) for t in SchoolType.objects.all()],
            ),
        ]
