from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnershipsConfig(AppConfig):
    name = "partnerships"
    verbose_name = _("Partnerships")

    def ready(self):
        from . import form_defaults, signals  # noqa: F401

        form_defaults.install()
        from .finance.setup import install as install_finance

        install_finance()
        from .governance.providers import install as install_governance

        install_governance()
