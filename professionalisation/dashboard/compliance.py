"""Dashboard cards of compliance: school leads see their school's gaps, managers and governance
the schools with gaps; both see how many placements have a werkplekbegeleider who falls short."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from partnerships.dashboard import Card
from professionalisation import compliance
from professionalisation.permissions import ProAction


def _url(partnership, name, **kwargs):
    return reverse(
        f"professionalisation:{name}", kwargs={"partnership": partnership.slug, **kwargs}
    )


def cards(access, partnership) -> list:
    if not access.can(partnership, ProAction.VIEW_COMPLIANCE):
        return []
    scope = compliance.schools(access, partnership)
    on = access.today
    norms = compliance.as_rules(compliance.norms_for(partnership))
    # The schools' staff facts serve both cards: most werkplekbegeleiders are among that staff.
    facts = compliance.school_facts(partnership, scope, on)
    counts = compliance.gap_counts(
        partnership=partnership, scope=scope, norms=norms, on=on, facts=facts
    )
    if not counts:
        return []
    with_gaps = [(pk, name, n) for pk, name, n in counts if n]
    items = [
        (
            ngettext("%(school)s: %(n)s gap", "%(school)s: %(n)s gaps", n)
            % {"school": name, "n": n},
            _url(partnership, "compliance_school", pk=pk),
        )
        for pk, name, n in with_gaps
    ]
    if compliance.sees_all_schools(access, partnership):
        gap_card = Card(
            _("Schools with professionalisation gaps"),
            items[:10],
            _("Every school meets the professionalisation requirements."),
            count=len(with_gaps),
        )
    else:
        gap_card = Card(
            _("Professionalisation gaps at your school"),
            items,
            _("Your school meets the professionalisation requirements."),
            count=sum(n for _pk, _name, n in with_gaps),
        )
    flags = compliance.flagged_count(
        access=access, partnership=partnership, on=on, scope=scope, norms=norms, known=facts.people
    )
    flag_card = Card(
        _("Placements with a werkplekbegeleider who falls short"),
        [(_("See the flagged placements"), _url(partnership, "mentor_flags"))] if flags else [],
        _("Every placement's werkplekbegeleider meets the requirements."),
        count=flags,
    )
    return [gap_card, flag_card]
