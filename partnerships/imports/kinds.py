"""The kinds of import, by the name used in addresses (``/import/<kind>/template.xlsx``)."""

from ..models import Partnership
from .base import Importer
from .duo import DuoSchoolImporter
from .schools import SchoolImporter
from .staff import StaffImporter
from .students import StudentImporter

IMPORTERS: dict[str, type[Importer]] = {
    cls.kind: cls for cls in (SchoolImporter, StaffImporter, StudentImporter, DuoSchoolImporter)
}


def importer_for(
    kind: str, *, partnership: Partnership, academic_year: int | None = None
) -> Importer:
    """Raises KeyError for an unknown kind."""
    return IMPORTERS[kind](partnership=partnership, academic_year=academic_year)
