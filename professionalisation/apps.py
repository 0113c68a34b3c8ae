from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProfessionalisationConfig(AppConfig):
    name = "professionalisation"
    verbose_name = _("Professionalisation")
