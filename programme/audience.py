"""Who an event is for — pure rules, no database.

An event's audience is a set of hbo years (1–4; hbo bachelor students of that year), a flag for
wo students (the wo master variants) and a set of staff roles. Other students (hbo master,
kopopleiding, zij-instromers) belong to an event only through the roles they hold as staff."""

from collections.abc import Iterable

WO_VARIANTS = frozenset({"wo_master_60", "wo_master_120"})
HBO_BACHELOR_VARIANTS = frozenset({"hbo_bachelor_voltijd", "hbo_bachelor_deeltijd"})


def student_in_audience(
    *, hbo_years: Iterable[int], wo: bool, programme_variant: str, hbo_year: int | None
) -> bool:
    """Is a student with this variant and hbo year expected at an event for ``hbo_years`` /
    ``wo``?"""
    if programme_variant in WO_VARIANTS:
        return bool(wo)
    if programme_variant in HBO_BACHELOR_VARIANTS:
        return hbo_year is not None and hbo_year in set(hbo_years)
    return False


def roles_in_audience(*, audience_roles: Iterable[str], roles: Iterable[str]) -> bool:
    """Does a person holding ``roles`` belong to an event open to ``audience_roles``?"""
    return bool(set(audience_roles) & set(roles))
