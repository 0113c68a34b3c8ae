from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from ..access import STUDENT, get_access
from ..dashboard import cards_for
from ..glossary import Role
from .base import PartnershipPage
from .public import landing


def home(request):
    """Anonymous visitors see what the product is; a user goes to their partnership, or chooses
    one when they have several."""
    if not request.user.is_authenticated:
        return landing(request)
    partnerships = list(get_access(request).partnerships())
    if len(partnerships) == 1:
        return redirect(partnerships[0].get_absolute_url())
    return render(request, "partnerships/choose_partnership.html", {"partnerships": partnerships})


class Dashboard(PartnershipPage):
    page_cache = True
    template_name = "partnerships/dashboard.html"
    nav_section = "dashboard"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["cards"] = cards_for(self.access, self.partnership)
        labels = dict(Role.choices) | {STUDENT: _("student")}
        context["my_roles"] = sorted(labels[r] for r in self.access.roles(self.partnership))
        return context
