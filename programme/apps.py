from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgrammeConfig(AppConfig):
    name = "programme"
    verbose_name = _("Programme")

    def ready(self):
        from partnerships.access import ACTION_ROLES
        from partnerships.dashboard import PROVIDERS
        from partnerships.demo.load import EXTENSIONS
        from partnerships.navigation import NAV_ITEMS, NavItem

        from . import dashboard, demo
        from .permissions import PROGRAMME_ACTION_ROLES, ProgrammeAction

        ACTION_ROLES.update(PROGRAMME_ACTION_ROLES)
        from .privacy import install as install_privacy

        install_privacy()
        from partnerships.finance.registry import Source, register

        from .selectors.costs import codocent_costs, event_costs

        register(Source.PROGRAMME_EVENTS, event_costs)
        register(Source.CODOCENT_HOURS, codocent_costs)
        for provider in dashboard.PROVIDERS:
            if provider not in PROVIDERS:
                PROVIDERS.append(provider)
        item = NavItem(
            _("Programme"), "programme:event_list", ProgrammeAction.VIEW_PROGRAMME, "programme"
        )
        if item not in NAV_ITEMS:
            before = next(
                (i for i, n in enumerate(NAV_ITEMS) if n.url_name == "partnerships:import"),
                len(NAV_ITEMS),
            )
            NAV_ITEMS.insert(before, item)
        for loader in demo.LOADERS:
            if loader not in EXTENSIONS:
                EXTENSIONS.append(loader)
        from partnerships.demo.bench import EXTENSIONS as BENCH_EXTENSIONS

        for loader in demo.BENCH_LOADERS:
            if loader not in BENCH_EXTENSIONS:
                BENCH_EXTENSIONS.append(loader)
        from .chapters import register as register_chapters

        register_chapters()  # the plan's chapters (partnerships.governance.registry)
        from partnerships.contributions import CODOCENT, register_school_hours

        from .selectors.contributions import codocent_hours_by_school

        register_school_hours(CODOCENT, codocent_hours_by_school)
