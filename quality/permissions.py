"""Who may do what in the quality cycle. Registered into the shared access layer
(``partnerships.access.ACTION_ROLES``) when the app loads.

Answering a survey needs no role: the personal link is the credential (see
``quality.views.answer``). Object scoping (which internal evaluations, which drafts) lives in
``quality.selectors``: school and institute leads read adopted reports only and fill in their
own organisation's internal evaluation; an action's owner may update that action."""

from enum import StrEnum

from partnerships.access import GOVERNANCE, INSTITUTE_LEADS, MANAGERS
from partnerships.glossary import Role as R


class QualityAction(StrEnum):
    VIEW_QUALITY = "view_quality"  # the hub, framework and calendar
    MANAGE_FRAMEWORK = "manage_framework"  # ambitions, indicators, instruments, calendar
    MANAGE_SURVEYS = "manage_surveys"  # builder and templates
    MANAGE_ROUNDS = "manage_rounds"  # plans, rounds, settings
    VIEW_RESPONSE_RATES = "view_response_rates"
    VIEW_RESULTS = "view_results"
    VIEW_QUALITY_REPORTS = "view_quality_reports"
    WRITE_ANALYSIS = "write_analysis"
    COMMENT_REPORT = "comment_report"
    ADOPT_REPORT = "adopt_report"
    VIEW_ACTIONS = "view_actions"
    MANAGE_ACTIONS = "manage_actions"
    VIEW_RISKS = "view_risks"
    MANAGE_RISKS = "manage_risks"
    VIEW_EVALUATIONS = "view_evaluations"
    FILL_EVALUATION = "fill_evaluation"
    MANAGE_ALUMNI = "manage_alumni"  # the alumni register with consent
    REVIEW_OPEN_ANSWERS = "review_open_answers"  # mark open answers, release a round's results


QUALITY_MANAGERS = frozenset({R.PROGRAMMAMANAGER})
SURVEY_STAFF = frozenset({R.PROGRAMMAMANAGER, R.ADMINISTRATIEF_ONDERSTEUNER})
SCHOOL_LEADS = frozenset({R.SCHOOLCOORDINATOR, R.SCHOOLOPLEIDER, R.LEIDINGGEVENDE})
ORGANISATION_EVALUATORS = frozenset(
    {R.SCHOOLCOORDINATOR, R.LEIDINGGEVENDE, R.INSTITUUTSCOORDINATOR}
)
READERS = MANAGERS | GOVERNANCE | SCHOOL_LEADS | INSTITUTE_LEADS

QUALITY_ACTION_ROLES = {
    QualityAction.VIEW_QUALITY: READERS,
    QualityAction.MANAGE_FRAMEWORK: QUALITY_MANAGERS,
    QualityAction.MANAGE_SURVEYS: SURVEY_STAFF,
    QualityAction.MANAGE_ROUNDS: SURVEY_STAFF,
    QualityAction.VIEW_RESPONSE_RATES: MANAGERS | GOVERNANCE,
    QualityAction.VIEW_RESULTS: READERS,
    QualityAction.VIEW_QUALITY_REPORTS: READERS,
    QualityAction.WRITE_ANALYSIS: QUALITY_MANAGERS,
    QualityAction.COMMENT_REPORT: QUALITY_MANAGERS | GOVERNANCE,
    QualityAction.ADOPT_REPORT: frozenset({R.STUURGROEPLID}),
    QualityAction.VIEW_ACTIONS: READERS,
    QualityAction.MANAGE_ACTIONS: QUALITY_MANAGERS | {R.STAGECOORDINATOR},
    QualityAction.VIEW_RISKS: MANAGERS | GOVERNANCE,
    QualityAction.MANAGE_RISKS: QUALITY_MANAGERS,
    QualityAction.VIEW_EVALUATIONS: MANAGERS | GOVERNANCE | ORGANISATION_EVALUATORS,
    QualityAction.FILL_EVALUATION: ORGANISATION_EVALUATORS,
    QualityAction.MANAGE_ALUMNI: SURVEY_STAFF,
    QualityAction.REVIEW_OPEN_ANSWERS: QUALITY_MANAGERS,
}
