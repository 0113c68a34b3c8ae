"""The quality cycle's vocabulary. Domain terms keep their Dutch names where the customer uses
them (KOOS, stuurgroep); the NVAO standards and KOOS quality areas are national facts."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class NvaoStandard(models.IntegerChoices):
    LEARNING_OUTCOMES = 1, _("1 Intended learning outcomes")
    LEARNING_ENVIRONMENT = 2, _("2 Teaching-learning environment")
    ASSESSMENT = 3, _("3 Assessment")
    QUALITY_ASSURANCE = 4, _("4 Quality assurance")


class QualityArea(models.TextChoices):
    """The eight KOOS quality areas of a training school."""

    POSITIONERING = "positionering", _("positioning")
    KLIMAAT = "klimaat", _("climate")
    OPLEIDEN = "opleiden", _("training")
    PARTICIPATIE = "participatie", _("participation")
    AANBOD = "aanbod", _("offer")
    ONDERZOEK = "onderzoek", _("research")
    PROFESSIONALISEREN = "professionaliseren", _("professionalisation")
    MIDDELEN = "middelen", _("resources")


class InstrumentKind(models.TextChoices):
    SURVEY = "survey", _("survey")
    PANEL = "panel", _("panel")
    EVALUATION_SESSION = "evaluation_session", _("evaluation session")
    PEER_VISIT = "peer_visit", _("peer visit")
    ASSESSMENT_FORM = "assessment_form", _("assessment form")
    LESSON_OBSERVATION = "lesson_observation", _("lesson observation")
    PORTFOLIO = "portfolio", _("portfolio")
    MEETING_EVALUATION = "meeting_evaluation", _("evaluation in a meeting")
    INTERNAL_EVALUATION = "internal_evaluation", _("internal evaluation")
    DROPOUT_INVENTORY = "dropout_inventory", _("dropout inventory")
    REPORT = "report", _("report")
    OTHER = "other", _("other")


class TargetGroup(models.TextChoices):
    PARTNERSHIP = "partnership", _("partnership-wide")
    STUDENTS = "students", _("students")
    MENTORS = "mentors", _("werkplekbegeleiders")
    TRAINERS = "trainers", _("school and institute trainers")
    CO_DOCENTEN = "co_docenten", _("co-docenten")
    COORDINATORS = "coordinators", _("coordinators of schools and institutes")
    LEADERS = "leaders", _("school leaders (steering group)")
    BOARD = "board", _("board council")
    ORGANISATIONS = "organisations", _("schools and institutes")
    ALUMNI = "alumni", _("alumni")


class Frequency(models.TextChoices):
    HALF_YEARLY = "half_yearly", _("half-yearly")
    YEARLY = "yearly", _("yearly")
    CONTINUOUS = "continuous", _("continuous")
    ONCE = "once", _("once")


class CalendarStatus(models.TextChoices):
    PLANNED = "planned", _("planned")
    IN_PROGRESS = "in_progress", _("in progress")
    DONE = "done", _("done")
    SKIPPED = "skipped", _("skipped")


class PdcaPhase(models.TextChoices):
    PLAN = "plan", _("plan")
    DO = "do", _("do")
    CHECK = "check", _("check")
    ACT = "act", _("act")


class QuestionKind(models.TextChoices):
    SCALE = "scale", _("1–5 scale")
    DOUBLE_SCALE = "double_scale", _("desired and actual situation (KOOS)")
    SINGLE = "single", _("single choice")
    MULTIPLE = "multiple", _("multiple choice")
    OPEN = "open", _("open text")


class AnswerPart(models.TextChoices):
    """Which value of a question an answer row holds: a KOOS double question has two."""

    MAIN = "main", _("answer")
    DESIRED = "desired", _("desired situation")
    ACTUAL = "actual", _("actual situation")


class Audience(models.TextChoices):
    """Who a round invites; ``quality.audiences`` turns each into people with their groups."""

    STUDENTS = "students", _("every student with a placement this year")
    MENTORS = "mentors", _("every active werkplekbegeleider")
    TRAINERS = "trainers", _("school and institute trainers")
    CO_DOCENTEN = "co_docenten", _("co-docenten")
    COORDINATORS = "coordinators", _("school and institute coordinators")
    STEERING_GROUP = "steering_group", _("steering group")
    SCHOOL_COMMUNITY = "school_community", _("everyone at the schools and their trainers (KOOS)")
    INSTITUTE_TRAINERS = "institute_trainers", _("institute trainers")
    SCHOOL_LEADERS = "school_leaders", _("school leaders")
    BOARD_COUNCIL = "board_council", _("the bestuursraad")
    WORKING_GROUP = "working_group", _("the werkgroep samen opleiden")
    ALUMNI = "alumni", _("alumni who consented to be asked")
    EMAIL_LIST = "email_list", _("an e-mail list (e.g. teachers without a role)")


class RespondentGroup(models.TextChoices):
    """The group a respondent answers as; results break down by it."""

    STUDENT = "student", _("student")
    MENTOR = "mentor", _("werkplekbegeleider")
    SCHOOL_TRAINER = "school_trainer", _("schoolopleider")
    INSTITUTE_TRAINER = "institute_trainer", _("instituutsopleider")
    CO_DOCENT = "co_docent", _("co-docent")
    COORDINATOR = "coordinator", _("coordinator")
    LEADER = "leader", _("school leader")
    STEERING = "steering", _("steering group member")
    BOARD = "board", _("bestuursraad member")
    WORKING_GROUP = "working_group", _("werkgroep member")
    ALUMNUS = "alumnus", _("alumnus")
    TEACHER = "teacher", _("teacher")
    OTHER = "other", _("other")


class OpenAnswerReview(models.TextChoices):
    """The programme manager's decision on an open answer before the round's results are
    released (EvaP's practice); a deleted answer is removed from the database at release."""

    UNREVIEWED = "unreviewed", _("not reviewed")
    PUBLIC = "public", _("public")
    PRIVATE = "private", _("private")
    DELETED = "deleted", _("delete")


class ResultsState(models.TextChoices):
    """A closed round's open answers: to be reviewed, reviewed (every answer decided), released
    (the public ones shown in results, PDF, XLSX and reports)."""

    PENDING = "pending", _("to be reviewed")
    REVIEWED = "reviewed", _("reviewed")
    RELEASED = "released", _("released")


class ConsentSource(models.TextChoices):
    EXIT_FORM = "exit_form", _("form at the end of the training")
    EMAIL = "email", _("by e-mail")
    EVENT = "event", _("at a meeting or event")
    OTHER = "other", _("other")


class Half(models.IntegerChoices):
    FIRST = 1, _("first half (January)")
    SECOND = 2, _("second half (June)")


class RoundStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("scheduled")
    OPEN = "open", _("open")
    CLOSED = "closed", _("closed")
    CANCELLED = "cancelled", _("cancelled")


class ReportKind(models.TextChoices):
    HALF_YEAR = "half_year", _("half-yearly quality report")
    ANNUAL = "annual", _("annual report")


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    IN_REVIEW = "in_review", _("with the steering group")
    ADOPTED = "adopted", _("adopted")


class ActionLevel(models.TextChoices):
    PARTNERSHIP = "partnership", _("partnership")
    SCHOOL = "school", _("school")
    INSTITUTE = "institute", _("institute")


class ActionStatus(models.TextChoices):
    PROPOSED = "proposed", _("proposed")
    PLANNED = "planned", _("planned")
    IN_PROGRESS = "in_progress", _("in progress")
    DONE = "done", _("done")
    CANCELLED = "cancelled", _("cancelled")


class ActionSource(models.TextChoices):
    REPORT = "report", _("quality report")
    FINDING = "finding", _("finding")
    INTERNAL_EVALUATION = "internal_evaluation", _("internal evaluation")
    RISK = "risk", _("risk")


class RiskStatus(models.TextChoices):
    OPEN = "open", _("open")
    MITIGATED = "mitigated", _("mitigated")
    CLOSED = "closed", _("closed")


class EvaluationTheme(models.TextChoices):
    """The fixed themes of the yearly internal evaluation per partner organisation."""

    PLACEMENTS = "placements", _("placement numbers against the quota and the placement process")
    PROGRAMME = "programme", _("training programme")
    PROFESSIONALISATION = "professionalisation", _("professionalisation")
    FACILITATION = "facilitation", _("facilitation")
    COLLABORATION = "collaboration", _("collaboration")
    COMMUNICATION = "communication", _("communication")
    CONCLUSIONS = "conclusions", _("conclusions, improvement points and advice")


class EvaluationStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    SUBMITTED = "submitted", _("submitted")
