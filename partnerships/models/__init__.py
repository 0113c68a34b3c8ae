from ..apitokens.models import ApiToken
from ..finance.models import (
    Budget,
    BudgetLine,
    Declaration,
    DeclarationAttachment,
    RealisationEntry,
)
from ..governance.models import (
    AgendaItem,
    Attendance,
    Body,
    Decision,
    GovernanceAction,
    Meeting,
    Member,
    PlanChapter,
    PlanVersion,
)
from .audit import AuditEntry
from .calendar import AcademicYear, Period
from .identity import ExternalIdentity, IdentityProvider
from .imports import ImportJob
from .notifications import SentNotification
from .organisations import (
    Cluster,
    Organisation,
    Partnership,
    PupilCount,
    SchoolType,
    Section,
    Subject,
)
from .outbox import OutboxMessage
from .people import Person, Qualification, RoleAssignment
from .students import Student

__all__ = [
    "Budget",
    "BudgetLine",
    "Declaration",
    "DeclarationAttachment",
    "RealisationEntry",
    "ApiToken",
    "AcademicYear",
    "AgendaItem",
    "Attendance",
    "Body",
    "Decision",
    "GovernanceAction",
    "Meeting",
    "Member",
    "PlanChapter",
    "PlanVersion",
    "AuditEntry",
    "Cluster",
    "ExternalIdentity",
    "IdentityProvider",
    "ImportJob",
    "Organisation",
    "OutboxMessage",
    "Partnership",
    "Period",
    "Person",
    "PupilCount",
    "Qualification",
    "RoleAssignment",
    "SchoolType",
    "Section",
    "SentNotification",
    "Student",
    "Subject",
]
