"""Voices without a person in the product: alumni who consented to be asked, and the e-mail
list of a round (teachers without a role). Both are invited by e-mail address only."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from ..choices import ConsentSource


class AlumniContact(models.Model):
    """A former student who agreed to be surveyed: the address, when and how consent was given,
    and when it was withdrawn (then no new invitations)."""

    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="alumni_contacts"
    )
    email = models.EmailField(_("e-mail address"))  # stored in lower case
    name = models.CharField(_("name"), max_length=200, blank=True)
    institute = models.ForeignKey(
        "partnerships.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("institute"),
    )
    consent_on = models.DateField(_("consent given on"))
    consent_source = models.CharField(
        _("consent given"), max_length=20, choices=ConsentSource.choices
    )
    withdrawn_on = models.DateField(_("consent withdrawn on"), null=True, blank=True)
    created_by = models.ForeignKey(
        "partnerships.Person", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["email"]
        verbose_name = _("alumni contact")
        verbose_name_plural = _("alumni contacts")
        constraints = [
            models.UniqueConstraint(fields=["partnership", "email"], name="alumni_once_per_address")
        ]

    def __str__(self) -> str:
        return self.email


class RoundAddress(models.Model):
    """One address of a round's e-mail list (audience ``email_list``), with the school it is
    broken down by (optional)."""

    round = models.ForeignKey(
        "quality.SurveyRound", on_delete=models.CASCADE, related_name="addresses"
    )
    email = models.EmailField(_("e-mail address"))
    school = models.ForeignKey(
        "partnerships.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("school"),
    )

    class Meta:
        ordering = ["email"]
        verbose_name = _("address of an e-mail list")
        verbose_name_plural = _("addresses of an e-mail list")
        constraints = [
            models.UniqueConstraint(fields=["round", "email"], name="round_address_once")
        ]

    def __str__(self) -> str:
        return self.email
