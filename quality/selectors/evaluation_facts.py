"""The facts an internal evaluation opens with (issue 15, item 5): the organisation's placements
against its quota, its certified mentors and compliance gaps, its students' mandatory attendance
and its response rates this year — and each theme asked as a question, with the facts that
belong to it written under it, so the organisation starts from its own numbers."""

from __future__ import annotations

import datetime
import re

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from ..choices import EvaluationTheme, RoundStatus
from ..models import Invitation, SurveyRound
from ..report_data import organisation_scope, rate, year_data, year_end

QUESTIONS = {
    EvaluationTheme.PLACEMENTS: _(
        "How many students did you place against your share of the quota, and how did the "
        "placement process go?"
    ),
    EvaluationTheme.PROGRAMME: _(
        "What did your organisation contribute to the training programme, and how did your "
        "students take part in it?"
    ),
    EvaluationTheme.PROFESSIONALISATION: _(
        "Are there enough certified mentors and trainers for the students you take, and which "
        "gaps will you close next year?"
    ),
    EvaluationTheme.FACILITATION: _(
        "Were the facilitation hours enough, and did they reach the people who do the work?"
    ),
    EvaluationTheme.COLLABORATION: _(
        "How did the collaboration with the schools and institutes of the partnership go?"
    ),
    EvaluationTheme.COMMUNICATION: _(
        "Did information reach the right people in time? What do the survey response rates "
        "say about it?"
    ),
    EvaluationTheme.CONCLUSIONS: _(
        "What are your conclusions, which points will you improve, and what do you advise the "
        "partnership?"
    ),
}


def response_rates(*, partnership, year, organisation) -> list[dict]:
    """Participation of this organisation's invitees in the year's closed rounds (counts only,
    as the response-rate pages show them)."""
    dim = "school" if organisation.kind == "school" else "institute"
    rows = []
    for survey_round in SurveyRound.objects.filter(
        partnership=partnership, academic_year=year, status=RoundStatus.CLOSED
    ).order_by("opens_on", "pk"):
        invitations = Invitation.objects.filter(round=survey_round, **{dim: organisation})
        invited = invitations.count()
        if not invited:
            continue
        responded = invitations.filter(responded_at__isnull=False).count()
        rows.append(
            {
                "title": survey_round.title,
                "invited": invited,
                "responded": responded,
                "rate": rate(responded, invited),
            }
        )
    return rows


def organisation_facts(*, partnership, organisation, year, today: datetime.date) -> dict:
    scope = organisation_scope(
        partnership=partnership, academic_year=year, organisation=organisation
    )
    figures = year_data(
        partnership=partnership, academic_year=year, end=year_end(year, today), scope=scope
    )
    return {
        "on": today,
        "year": figures,
        "responses": response_rates(partnership=partnership, year=year, organisation=organisation),
    }


def fact_lines(facts: dict) -> dict[str, list[str]]:
    """Per theme the facts in words (the reader's language)."""
    year = facts["year"]
    lines: dict[str, list[str]] = {theme: [] for theme in EvaluationTheme.values}
    placements = year.get("placements")
    if placements:
        quota = placements["quota"]
        if quota.get("available"):
            lines[EvaluationTheme.PLACEMENTS].append(
                _("Placed this year: %(realised)s students against a quota share of %(share)s.")
                % {"realised": quota["realised"], "share": quota["places"]}
            )
        else:
            lines[EvaluationTheme.PLACEMENTS].append(_("This year has no approved quota yet."))
        rotation = placements["rotation"]
        lines[EvaluationTheme.PLACEMENTS].append(
            _("Students on the subsidy list: %(n)s.") % {"n": placements["subsidy"]["total"]}
        )
        if rotation["returning"]:
            lines[EvaluationTheme.PLACEMENTS].append(
                _("%(r)s of %(n)s returning hbo students are new to this school.")
                % {"r": rotation["rotated"], "n": rotation["returning"]}
            )
    programme = year["programme"]
    attendance = programme["attendance"]
    expected = sum(attendance.values())
    if expected:
        lines[EvaluationTheme.PROGRAMME].append(
            _("Mandatory events: your students were present %(p)s of %(n)s times.")
            % {"p": attendance["present"], "n": expected}
        )
    prof = year["professionalisation"]
    for school in prof.get("schools", []):
        lines[EvaluationTheme.PROFESSIONALISATION].append(
            _("Certified mentors: %(c)s of %(m)s werkplekbegeleiders.")
            % {"c": school["certified_mentors"], "m": school["mentors"]}
        )
        from professionalisation.selectors.report import gap_label

        gaps = "; ".join(f"{gap_label(code)}: {n}" for code, n in school["gaps"].items())
        lines[EvaluationTheme.PROFESSIONALISATION].append(
            _("Compliance gaps: %(gaps)s.") % {"gaps": gaps or _("none")}
        )
    lines[EvaluationTheme.PROFESSIONALISATION].append(
        _("%(t)s of %(s)s staff take part in professionalisation this year.")
        % {"t": prof["taking_part"], "s": prof["staff"]}
    )
    for row in facts["responses"]:
        lines[EvaluationTheme.COMMUNICATION].append(
            _("Response %(title)s: %(r)s of %(i)s (%(p)s%%).")
            % {"title": row["title"], "r": row["responded"], "i": row["invited"], "p": row["rate"]}
        )
    return lines


def prefilled_findings(facts: dict) -> dict[str, str]:
    """The text each theme opens with: its question, then its facts."""
    lines = fact_lines(facts)
    heading = _("Facts on %(day)s:") % {"day": date_format(facts["on"], "DATE_FORMAT")}
    texts = {}
    for theme in EvaluationTheme:
        text = str(QUESTIONS[theme])
        if lines[theme.value]:
            text += "\n\n" + heading + "\n" + "\n".join(f"- {line}" for line in lines[theme.value])
        texts[theme.value] = text + "\n\n"
    return texts


def _heading_pattern() -> re.Pattern:
    template = re.escape(_("Facts on %(day)s:")).replace(re.escape("%(day)s"), ".+")
    return re.compile(rf"^{template}$")


def has_own_words(text: str, prefilled: str) -> bool:
    """Whether ``text`` holds anything beyond the question and facts it was opened with
    (``prefilled``, from :func:`prefilled_findings`): a line that is not one of those lines and
    not a facts heading of any day. An empty text has none either."""
    given = {line.strip() for line in prefilled.splitlines() if line.strip()}
    heading = _heading_pattern()
    return any(
        line.strip() and line.strip() not in given and not heading.match(line.strip())
        for line in text.splitlines()
    )
