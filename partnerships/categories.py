"""The one rule that derives a student's subsidy and facilitation category.

Pure Python (no database): the programme variant decides the subsidy category a–g of the
Regeling tegemoetkoming kosten opleidingsscholen; the programme variant plus, for hbo
bachelor students, the study year decides the facilitation category (002 §6.5):

====================================  =========  =======================
programme variant                     subsidy    facilitation
====================================  =========  =======================
hbo bachelor (full-/part-time)        a          year 1: hbo1, 2–3: 1, 4: 2
hbo master                            a          1
hbo kopopleiding                      b          1
wo master 60 EC                       c          1
wo master 120 EC                      d          1
educational minor                     e          2
zij-instromer                         f          3
higher/other qualification            g          3
====================================  =========  =======================

An hbo bachelor student without a known year gets no facilitation category (``None``): the
dashboard lists such students so somebody fills in the year. An administrator may override
either category on the student; the override is stored next to the derived value and shown.
"""

from .glossary import FacilitationCategory as F
from .glossary import ProgrammeVariant as V
from .glossary import SubsidyCategory as S

SUBSIDY_BY_VARIANT: dict[str, str] = {
    V.HBO_BACHELOR_VOLTIJD: S.A,
    V.HBO_BACHELOR_DEELTIJD: S.A,
    V.HBO_MASTER: S.A,
    V.HBO_KOPOPLEIDING: S.B,
    V.WO_MASTER_60: S.C,
    V.WO_MASTER_120: S.D,
    V.EDUCATIEVE_MINOR: S.E,
    V.ZIJ_INSTROMER: S.F,
    V.HOGER_ANDERE_BEVOEGDHEID: S.G,
}

_FACILITATION_BY_VARIANT: dict[str, str] = {
    V.HBO_MASTER: F.CAT_1,
    V.HBO_KOPOPLEIDING: F.CAT_1,
    V.WO_MASTER_60: F.CAT_1,
    V.WO_MASTER_120: F.CAT_1,
    V.EDUCATIEVE_MINOR: F.CAT_2,
    V.ZIJ_INSTROMER: F.CAT_3,
    V.HOGER_ANDERE_BEVOEGDHEID: F.CAT_3,
}
_FACILITATION_BY_HBO_YEAR = {1: F.HBO_YEAR_1, 2: F.CAT_1, 3: F.CAT_1, 4: F.CAT_2}


def derive_subsidy_category(variant: str) -> str:
    return SUBSIDY_BY_VARIANT[variant]


def derive_facilitation_category(variant: str, hbo_year: int | None) -> str | None:
    if variant in (V.HBO_BACHELOR_VOLTIJD, V.HBO_BACHELOR_DEELTIJD):
        return _FACILITATION_BY_HBO_YEAR.get(hbo_year)
    return _FACILITATION_BY_VARIANT[variant]
