from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class QualityConfig(AppConfig):
    name = "quality"
    verbose_name = _("Quality")

    def ready(self):
        from partnerships.access import ACTION_ROLES
        from partnerships.dashboard import PROVIDERS
        from partnerships.demo.load import EXTENSIONS
        from partnerships.navigation import NAV_ITEMS, NavItem
        from partnerships.notifications import on_sent

        from . import dashboard, demo
        from .permissions import QUALITY_ACTION_ROLES, QualityAction
        from .services.rounds import INVITE_KEY, invitation_mail_sent

        on_sent(INVITE_KEY, invitation_mail_sent)
        from .privacy import install as install_privacy

        install_privacy()

        ACTION_ROLES.update(QUALITY_ACTION_ROLES)
        for provider in dashboard.PROVIDERS:
            if provider not in PROVIDERS:
                PROVIDERS.append(provider)
        item = NavItem(_("Quality"), "quality:overview", QualityAction.VIEW_QUALITY, "quality")
        if item not in NAV_ITEMS:
            before_import = next(
                (i for i, n in enumerate(NAV_ITEMS) if n.url_name == "partnerships:import"),
                len(NAV_ITEMS),
            )
            NAV_ITEMS.insert(before_import, item)
        for loader in demo.LOADERS:
            if loader not in EXTENSIONS:
                EXTENSIONS.append(loader)
        from partnerships.demo.bench import EXTENSIONS as BENCH_EXTENSIONS

        for loader in demo.BENCH_LOADERS:  # the benchmark partnership (seed_demo --scale)
            if loader not in BENCH_EXTENSIONS:
                BENCH_EXTENSIONS.append(loader)
        from .chapters import register as register_chapters

        register_chapters()  # the plan's chapters (partnerships.governance.registry)
