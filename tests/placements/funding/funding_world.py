"""The subsidy list's small partnership (tests/placements/subsidy/subsidy_world.py) with money:
a stuurgroep with a member, the amounts per category, a snapshot, a decided key.

Counted in 2025-2026: Ann (a, Alfa, hbo, cat. 1), Bob (a, Alfa, hbo, cat. 1), Cas (c, Beekdal,
wo, cat. 1), Eva (e, Beekdal, wo, cat. 2), Fay (f, Alfa, hbo, cat. 3)."""

import datetime

from partnerships.glossary import Role
from partnerships.governance.models import Body
from placements import services as placement_services
from placements.funding import services
from tests.factories import academic_year
from tests.placements.subsidy.subsidy_world import YEAR, build, person_with

AMOUNTS = {"a": 250_000, "b": 240_000, "c": 300_000, "d": 300_000, "e": 150_000, "f": 400_000}
KEY = services.Proposal(10, 20, 30, {"1": 60, "2": 50, "3": 40, "hbo1": 0})


def world(slug="funding-test"):
    w = build(slug)
    w.year = academic_year(YEAR)
    w.stuurgroep = person_with(w.p, Role.STUURGROEPLID, first_name="Stu", last_name="Ur")
    w.body = Body.objects.create(
        partnership=w.p, kind="stuurgroep", name="Stuurgroep", meetings_per_year=6
    )
    w.body.members.create(person=w.stuurgroep, position="chair")
    return w


def with_amounts(w):
    services.funding_amounts_save(partnership=w.p, year=w.year, amounts=AMOUNTS, by=w.admin)
    return w


def snapshot(w, label="December"):
    return placement_services.subsidy_snapshot_take(
        partnership=w.p,
        year=w.year,
        reference_date=datetime.date(YEAR + 1, 10, 1),
        label=label,
        by=w.planner,
    )


def decided(w):
    from partnerships.governance import services as governance

    with_amounts(w)
    w.snapshot = snapshot(w)
    meeting = governance.resolve_meeting(partnership=w.p, value="written", by=w.stuurgroep)
    w.key = services.funding_key_decide(
        partnership=w.p,
        year=w.year,
        snapshot=w.snapshot,
        proposal=KEY,
        meeting=meeting,
        by=w.stuurgroep,
    )
    return w
