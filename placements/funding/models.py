"""Money that follows the students: the subsidy amount per category a–g per year (entered by the
administrator), the distribution key the stuurgroep decides per year (with its frozen result)
and the payments made to schools and institutes. Money is stored in integer cents."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from partnerships.glossary import SubsidyCategory

PERCENT = [MinValueValidator(0), MaxValueValidator(100)]


class SubsidyRate(models.Model):
    """The ministry's amount per student of a category in a year (Regeling tegemoetkoming
    kosten opleidingsscholen); never in code: the administrator enters it every year."""

    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="subsidy_rates"
    )
    academic_year = models.ForeignKey(
        "partnerships.AcademicYear", on_delete=models.PROTECT, related_name="+"
    )
    category = models.CharField(
        _("subsidy category"), max_length=1, choices=SubsidyCategory.choices
    )
    amount_cents = models.PositiveBigIntegerField(_("amount per student (cents)"))
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        "partnerships.Person", on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["category"]
        verbose_name = _("subsidy amount")
        verbose_name_plural = _("subsidy amounts")
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "academic_year", "category"], name="subsidy_rate_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.academic_year} {self.category}: {self.amount_cents}"


class DistributionKey(models.Model):
    """The stuurgroep's key for a year: the subsidy of a snapshot split into the partnership's
    own costs, a part for the institutes, a fixed part per school and a part per placed student
    weighted by facilitation category. Deciding it freezes ``result`` (``rules.Result`` as
    JSON): later data never rewrites what each school and institute was allotted."""

    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="distribution_keys"
    )
    academic_year = models.ForeignKey(
        "partnerships.AcademicYear", on_delete=models.PROTECT, related_name="+"
    )
    snapshot = models.ForeignKey(
        "placements.SubsidySnapshot",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("subsidy list snapshot"),
    )
    own_costs_percent = models.PositiveSmallIntegerField(
        _("own costs of the partnership (%)"), validators=PERCENT
    )
    institutes_percent = models.PositiveSmallIntegerField(
        _("part for the institutes (%)"), validators=PERCENT
    )
    fixed_percent = models.PositiveSmallIntegerField(
        _("fixed part per school (%)"), validators=PERCENT
    )
    weights = models.JSONField(_("weight per facilitation category"), default=dict)
    total_cents = models.BigIntegerField(_("total distributed (cents)"), default=0)
    result = models.JSONField(default=dict, editable=False)
    decided_at = models.DateTimeField(null=True)
    decided_by = models.ForeignKey(
        "partnerships.Person", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    decision_code = models.CharField(_("decision"), max_length=40, blank=True)
    decision_url = models.CharField(max_length=500, blank=True)

    class Meta:
        verbose_name = _("distribution key")
        verbose_name_plural = _("distribution keys")
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "academic_year"], name="distribution_key_unique"
            )
        ]

    def __str__(self) -> str:
        return str(_("Distribution key %(year)s") % {"year": self.academic_year})

    @property
    def students_percent(self) -> int:
        return 100 - self.own_costs_percent - self.institutes_percent - self.fixed_percent


class FundingPayment(models.Model):
    """Money paid to a school or institute out of a year's distribution."""

    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="funding_payments"
    )
    academic_year = models.ForeignKey(
        "partnerships.AcademicYear", on_delete=models.PROTECT, related_name="+"
    )
    organisation = models.ForeignKey(
        "partnerships.Organisation",
        on_delete=models.PROTECT,
        related_name="funding_payments",
        verbose_name=_("school or institute"),
    )
    amount_cents = models.PositiveBigIntegerField(_("amount (cents)"))
    paid_on = models.DateField(_("paid on"))
    reference = models.CharField(_("reference"), max_length=100, blank=True)
    recorded_at = models.DateTimeField(auto_now_add=True)
    recorded_by = models.ForeignKey(
        "partnerships.Person", on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["paid_on", "pk"]
        verbose_name = _("payment")
        verbose_name_plural = _("payments")

    def __str__(self) -> str:
        return f"{self.organisation} {self.paid_on}: {self.amount_cents}"
