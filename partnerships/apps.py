from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnershipsConfig(AppConfig):
    name = "partnerships"
    verbose_name = _("Partnerships")

    def ready(self):
        from django.db.models.signals import post_migrate

        post_migrate.connect(track_new_tables, sender=self)
        from . import form_defaults, signals  # noqa: F401

        form_defaults.install()
        from .finance.setup import install as install_finance

        install_finance()
        from .governance.providers import install as install_governance

        install_governance()
        from .privacy import base, tasks  # noqa: F401  (tasks: the worker finds the task)

        base.install()
        from .access import ACTION_ROLES
        from .privacy.permissions import PRIVACY_ACTION_ROLES

        ACTION_ROLES.update(PRIVACY_ACTION_ROLES)
        from .demo.apitokens import load as load_api_tokens
        from .demo.load import EXTENSIONS

        if load_api_tokens not in EXTENSIONS:
            EXTENSIONS.append(load_api_tokens)


def track_new_tables(using="default", **kwargs):
    """After every ``migrate``: tables added since carry the data-version trigger too
    (``partnerships.page_cache``; migration 0013 defines ``os_track_tables``)."""
    from django.db import connections

    with connections[using].cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_proc WHERE proname = 'os_track_tables'")
        if cursor.fetchone():
            cursor.execute("SELECT os_track_tables()")
