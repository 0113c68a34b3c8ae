"""Permission rows for targets (streefdoelen) on indicators: the programme manager adds, edits
and deletes them; everyone else 403; another partnership's indicator or target is a 404. Wired
into ``tests/partnerships/test_permissions.py`` with the other ``perm_*.py`` files."""

from partnerships.models import AcademicYear
from quality.models import Target
from tests.partnerships.test_permissions import Row, forged
from tests.quality.factories import AmbitionFactory, IndicatorFactory
from tests.quality.perm_framework import NS, PM, POST, _invalid, b, in_a, indicator, rows


def target(w, partnership=None):
    p = partnership or w.a
    return Target.objects.create(
        partnership=p,
        indicator=IndicatorFactory(ambition=AmbitionFactory(partnership=p)),
        measure="dropout",
        comparison="le",
        value="1/20",
        academic_year=AcademicYear.current(),
    ).pk


ROWS: list[Row] = [
    *rows("target_create", in_a(indicator=indicator), ok=PM),
    *_invalid(
        "target_create",
        in_a(indicator=indicator),
        ok=PM,
        data={"measure": "question_mean", "comparison": "ge", "value": "9"},
    ),
    *rows("target_update", in_a(pk=target), ok=PM),
    *_invalid("target_update", in_a(pk=target), ok=PM, data={"value": ""}),
    *rows("target_delete", in_a(pk=target), ok=PM),
    *rows("target_delete", in_a(pk=target), ok=PM, ok_status=302, variant="post", **POST),
    *forged(
        "target_create",
        in_a(indicator=b(indicator)),
        "b_indicator",
        "programmamanager",
        namespace=NS,
    ),
    *forged("target_update", in_a(pk=b(target)), "b_target", "programmamanager", namespace=NS),
    *forged(
        "target_delete",
        in_a(pk=b(target)),
        "b_target",
        "programmamanager",
        method="post",
        namespace=NS,
    ),
]
