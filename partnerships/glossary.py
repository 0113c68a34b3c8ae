"""The domain's vocabulary in one place.

Domain terms without a good English word keep their Dutch name in code and UI
(werkplekbegeleider, schoolopleider, stagecoördinator, doorstroomformulier, tekortvak).
Every other app imports its choices from here.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class OrganisationKind(models.TextChoices):
    SCHOOL = "school", _("School")
    INSTITUTE = "institute", _("Institute")


class InstituteLevel(models.TextChoices):
    HBO = "hbo", _("hbo")
    WO = "wo", _("wo")


class Role(models.TextChoices):
    # At a school
    WERKPLEKBEGELEIDER = "werkplekbegeleider", _("werkplekbegeleider (mentor)")
    SCHOOLOPLEIDER = "schoolopleider", _("schoolopleider")
    SCHOOLCOORDINATOR = "schoolcoordinator", _("schoolcoördinator")
    CO_DOCENT = "co_docent", _("co-docent")
    ASSESSOR = "assessor", _("assessor/examinator")
    LEIDINGGEVENDE = "leidinggevende", _("school leader")
    # At an institute
    INSTITUUTSOPLEIDER = "instituutsopleider", _("instituutsopleider")
    INSTITUUTSCOORDINATOR = "instituutscoordinator", _("instituutscoördinator")
    INSTITUUTSASSESSOR = "instituutsassessor", _("institute assessor")
    # Partnership-wide
    STAGECOORDINATOR = "stagecoordinator", _("stagecoördinator")
    PROGRAMMAMANAGER = "programmamanager", _("programme manager")
    ADMINISTRATIEF_ONDERSTEUNER = "administratief_ondersteuner", _("administrator")
    STUURGROEPLID = "stuurgroeplid", _("steering group member")
    BESTUURSRAADLID = "bestuursraadlid", _("board council member")
    WERKGROEPLID = "werkgroeplid", _("working group member")


SCHOOL_ROLES = frozenset(
    {
        Role.WERKPLEKBEGELEIDER,
        Role.SCHOOLOPLEIDER,
        Role.SCHOOLCOORDINATOR,
        Role.CO_DOCENT,
        Role.ASSESSOR,
        Role.LEIDINGGEVENDE,
    }
)
INSTITUTE_ROLES = frozenset(
    {Role.INSTITUUTSOPLEIDER, Role.INSTITUUTSCOORDINATOR, Role.INSTITUUTSASSESSOR}
)
PARTNERSHIP_ROLES = frozenset(
    {
        Role.STAGECOORDINATOR,
        Role.PROGRAMMAMANAGER,
        Role.ADMINISTRATIEF_ONDERSTEUNER,
        Role.STUURGROEPLID,
        Role.BESTUURSRAADLID,
        Role.WERKGROEPLID,
    }
)
# Roles that can carry a subject (a wpb guides within a subject section).
SUBJECT_ROLES = frozenset({Role.WERKPLEKBEGELEIDER, Role.CO_DOCENT, Role.INSTITUUTSOPLEIDER})


class ProgrammeVariant(models.TextChoices):
    HBO_BACHELOR_VOLTIJD = "hbo_bachelor_voltijd", _("hbo bachelor, full-time")
    HBO_BACHELOR_DEELTIJD = "hbo_bachelor_deeltijd", _("hbo bachelor, part-time")
    HBO_MASTER = "hbo_master", _("hbo master")
    HBO_KOPOPLEIDING = "hbo_kopopleiding", _("hbo kopopleiding (one year)")
    WO_MASTER_60 = "wo_master_60", _("wo master 60 EC")
    WO_MASTER_120 = "wo_master_120", _("wo master 120 EC")
    EDUCATIEVE_MINOR = "educatieve_minor", _("educational minor")
    ZIJ_INSTROMER = "zij_instromer", _("zij-instromer")
    HOGER_ANDERE_BEVOEGDHEID = (
        "hoger_andere_bevoegdheid",
        _("appointed teacher, higher or other qualification"),
    )


HBO_VARIANTS = frozenset(
    {
        ProgrammeVariant.HBO_BACHELOR_VOLTIJD,
        ProgrammeVariant.HBO_BACHELOR_DEELTIJD,
        ProgrammeVariant.HBO_MASTER,
        ProgrammeVariant.HBO_KOPOPLEIDING,
    }
)
WO_VARIANTS = frozenset({ProgrammeVariant.WO_MASTER_60, ProgrammeVariant.WO_MASTER_120})
HBO_BACHELOR_VARIANTS = frozenset(
    {ProgrammeVariant.HBO_BACHELOR_VOLTIJD, ProgrammeVariant.HBO_BACHELOR_DEELTIJD}
)


class SubsidyCategory(models.TextChoices):
    A = "a", _("a — hbo bachelor/master teacher programme (≥40% practice)")
    B = "b", _("b — hbo kopopleiding (≥50% practice)")
    C = "c", _("c — wo master 60 EC (20% practice)")
    D = "d", _("d — wo master 120 EC (≥25% practice)")
    E = "e", _("e — university bachelor with educational minor (≥15 EC practice)")
    F = "f", _("f — zij-instromer (suitability statement)")
    G = "g", _("g — appointed teacher, higher or other qualification")


class FacilitationCategory(models.TextChoices):
    CAT_1 = "1", _("category 1 (hbo year 2–3, master, kopopleiding)")
    CAT_2 = "2", _("category 2 (hbo year 4, educational minor)")
    CAT_3 = "3", _("category 3 (zij-instromer, higher/other qualification)")
    HBO_YEAR_1 = "hbo1", _("hbo year 1 (norm set per partnership)")


class Grade(models.TextChoices):
    EERSTEGRAADS = "1", _("first-degree (eerstegraads)")
    TWEEDEGRAADS = "2", _("second-degree (tweedegraads)")


class QualificationKind(models.TextChoices):
    WPB_BASIS = "wpb_basis", _("wpb training, basic")
    WPB_VERDIEPING = "wpb_verdieping", _("wpb training, deepening")
    SCHOOLOPLEIDER_COURSE = "schoolopleider_course", _("schoolopleider course")
    BRLO = "brlo", _("BRLO registration")
    ASSESSOR = "assessor", _("assessor certificate")
    TEACHING = "teaching", _("teaching qualification")


class QualificationStatus(models.TextChoices):
    PLANNED = "planned", _("planned")
    RUNNING = "running", _("running")
    COMPLETED = "completed", _("completed")


class Start(models.TextChoices):
    SEPTEMBER = "september", _("September")
    FEBRUARY = "february", _("February")


class Stage(models.TextChoices):
    ONDERBOUW = "onderbouw", _("onderbouw (lower secondary)")
    BOVENBOUW = "bovenbouw", _("bovenbouw (upper secondary)")
