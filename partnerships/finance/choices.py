from django.db import models
from django.utils.translation import gettext_lazy as _


class Side(models.TextChoices):
    INCOME = "income", _("Income")
    COST = "cost", _("Costs")


class LineCategory(models.TextChoices):
    SUBSIDY = "subsidy", _("Subsidy")
    CONTRIBUTIONS = "contributions", _("Partner contributions")
    DISTRIBUTION = "distribution", _("Distribution to schools")
    EVENTS = "events", _("Programme events")
    CODOCENT = "codocent", _("Co-docent hours")
    PROFESSIONALISATION = "professionalisation", _("Professionalisation runs")
    STAFF = "staff", _("Staff")
    OTHER = "other", _("Other")


class DeclarationKind(models.TextChoices):
    HOURS = "hours", _("Hours")
    COSTS = "costs", _("Costs")


class DeclarationStatus(models.TextChoices):
    DRAFT = "draft", _("Not yet submitted")
    SUBMITTED = "submitted", _("Submitted, awaiting a decision")
    APPROVED = "approved", _("Approved, awaiting payment")
    REJECTED = "rejected", _("Rejected")
    PAID = "paid", _("Paid")
