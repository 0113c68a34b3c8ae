from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnershipsConfig(AppConfig):
    name = "partnerships"
    verbose_name = _("Partnerships")

    def ready(self):
        from . import form_defaults, signals  # noqa: F401

        form_defaults.install()
        from .governance.providers import install as install_governance

        install_governance()
