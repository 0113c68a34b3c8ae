"""The budget of a partnership's school year, its lines and what was entered as realised on
them, and the declarations of hours or costs against a line. Money is integer cents."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .choices import DeclarationKind, DeclarationStatus, LineCategory, Side
from .registry import Source


class Budget(models.Model):
    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="budgets"
    )
    academic_year = models.ForeignKey(
        "partnerships.AcademicYear", on_delete=models.PROTECT, related_name="+"
    )
    notes = models.TextField(_("notes"), max_length=2000, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-academic_year__start_year"]
        verbose_name = _("budget")
        verbose_name_plural = _("budgets")
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "academic_year"], name="finance_budget_once_a_year"
            )
        ]

    def __str__(self) -> str:
        return _("Budget %(year)s") % {"year": self.academic_year.label}

    def get_absolute_url(self) -> str:
        return reverse(
            "finance:budget_detail",
            kwargs={"partnership": self.partnership.slug, "year": self.academic_year.label},
        )


class BudgetLine(models.Model):
    """One income or cost line. Its realisation: the amounts of its ``source`` (the product's
    records, through the registry), the amounts entered by hand, and the approved and paid
    declarations against it."""

    budget = models.ForeignKey(Budget, on_delete=models.CASCADE, related_name="lines")
    side = models.CharField(_("income or costs"), max_length=6, choices=Side.choices)
    category = models.CharField(_("category"), max_length=24, choices=LineCategory.choices)
    name = models.CharField(_("name"), max_length=200)
    budgeted_cents = models.BigIntegerField(_("budgeted"), default=0)
    source = models.CharField(
        _("realised from"),
        max_length=32,
        choices=Source.choices,
        blank=True,
        help_text=_("The product's own records this line is realised from; empty: entered."),
    )
    accepts_declarations = models.BooleanField(_("open for declarations"), default=False)
    hourly_rate_cents = models.PositiveIntegerField(
        _("hourly rate"),
        null=True,
        blank=True,
        help_text=_("For declarations of hours; empty: only costs can be declared."),
    )
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["budget", "-side", "position", "pk"]  # income first
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(budgeted_cents__gte=0), name="finance_line_budget_not_negative"
            )
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse(
            "finance:line_detail",
            kwargs={"partnership": self.budget.partnership.slug, "pk": self.pk},
        )


class RealisationEntry(models.Model):
    """An amount realised on a line that the product does not record itself (an invoice, a
    partner's contribution received); a correction may be negative."""

    line = models.ForeignKey(BudgetLine, on_delete=models.CASCADE, related_name="entries")
    date = models.DateField(_("date"))
    description = models.CharField(_("description"), max_length=200)
    amount_cents = models.BigIntegerField(_("amount"))
    entered_by = models.ForeignKey(
        "partnerships.Person", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["date", "pk"]
        verbose_name = _("realised amount")
        verbose_name_plural = _("realised amounts")

    def __str__(self) -> str:
        return self.description


class Declaration(models.Model):
    """Hours or costs declared against a budget line by a person, for themself or on behalf of
    their school; draft → submitted → approved (→ paid) or rejected."""

    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="declarations"
    )
    line = models.ForeignKey(
        BudgetLine,
        on_delete=models.PROTECT,
        related_name="declarations",
        verbose_name=_("budget line"),
    )
    declarant = models.ForeignKey(
        "partnerships.Person",
        on_delete=models.PROTECT,
        related_name="declarations",
        verbose_name=_("declared by"),
    )
    organisation = models.ForeignKey(
        "partnerships.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="declarations",
        verbose_name=_("on behalf of"),
    )
    kind = models.CharField(_("hours or costs"), max_length=5, choices=DeclarationKind.choices)
    date = models.DateField(_("date"))
    description = models.TextField(_("what for"), max_length=1000)
    hours = models.DecimalField(_("hours"), max_digits=6, decimal_places=2, null=True, blank=True)
    amount_cents = models.BigIntegerField(_("amount"))
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=DeclarationStatus.choices,
        default=DeclarationStatus.DRAFT,
    )
    created_at = models.DateTimeField(auto_now_add=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        "partnerships.Person", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reason = models.TextField(_("reason"), max_length=1000, blank=True)
    paid_at = models.DateTimeField(null=True, blank=True)
    paid_by = models.ForeignKey(
        "partnerships.Person", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("declaration")
        verbose_name_plural = _("declarations")
        indexes = [models.Index(fields=["partnership", "status"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount_cents__gt=0), name="finance_declaration_positive"
            ),
            models.CheckConstraint(
                condition=models.Q(kind="costs", hours__isnull=True)
                | models.Q(kind="hours", hours__gt=0),
                name="finance_declaration_hours_for_hours",
            ),
        ]

    def __str__(self) -> str:
        return _("Declaration %(number)s") % {"number": self.number}

    @property
    def number(self) -> str:
        return f"D{self.pk:05d}" if self.pk else ""

    def get_absolute_url(self) -> str:
        return reverse(
            "finance:declaration_detail",
            kwargs={"partnership": self.partnership.slug, "pk": self.pk},
        )


class DeclarationAttachment(models.Model):
    """The receipt or time sheet of a declaration, kept in the database like the guidance
    attachments (web and worker need no shared disk)."""

    declaration = models.OneToOneField(
        Declaration, on_delete=models.CASCADE, related_name="attachment"
    )
    name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    data = models.BinaryField()

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return self.name
