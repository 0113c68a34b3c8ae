from .framework import Ambition, CalendarItem, Indicator, Instrument
from .register import (
    MIN_GROUP_FLOOR,
    EvaluationFinding,
    InternalEvaluation,
    QualitySettings,
    Risk,
)
from .reports import (
    ImprovementAction,
    OrganisationReport,
    QualityReport,
    ReportComment,
    ReportSection,
)
from .rounds import Answer, Ballot, Invitation, Response, RoundPlan, SurveyRound
from .surveys import Question, Survey, SurveySection
from .targets import Comparison, Measure, Target
from .voices import AlumniContact, RoundAddress

__all__ = [
    "MIN_GROUP_FLOOR",
    "AlumniContact",
    "Ambition",
    "Answer",
    "Ballot",
    "CalendarItem",
    "Comparison",
    "EvaluationFinding",
    "ImprovementAction",
    "Indicator",
    "Instrument",
    "InternalEvaluation",
    "Invitation",
    "Measure",
    "OrganisationReport",
    "QualityReport",
    "QualitySettings",
    "Question",
    "ReportComment",
    "ReportSection",
    "Response",
    "Risk",
    "RoundAddress",
    "RoundPlan",
    "Survey",
    "SurveyRound",
    "SurveySection",
    "Target",
]
