from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProfessionalisationConfig(AppConfig):
    name = "professionalisation"
    verbose_name = _("Professionalisation")

    def ready(self):
        from partnerships.access import ACTION_ROLES
        from partnerships.dashboard import PROVIDERS
        from partnerships.demo.load import EXTENSIONS
        from partnerships.navigation import NAV_ITEMS, NavItem

        from . import dashboard, demo
        from .permissions import PRO_ACTION_ROLES, ProAction

        ACTION_ROLES.update(PRO_ACTION_ROLES)
        from .privacy import install as install_privacy

        install_privacy()
        from partnerships.finance.registry import Source, register

        from .selectors.costs import run_costs

        register(Source.PROFESSIONALISATION_RUNS, run_costs)
        for provider in dashboard.PROVIDERS:
            if provider not in PROVIDERS:
                PROVIDERS.append(provider)
        item = NavItem(
            _("Professionalisation"),
            "professionalisation:activity_list",
            ProAction.VIEW_ACTIVITIES,
            "professionalisation",
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

        for loader in demo.LOADERS:  # the benchmark partnership too (seed_demo --scale)
            if loader not in BENCH_EXTENSIONS:
                BENCH_EXTENSIONS.append(loader)
        from .chapters import register as register_chapters

        register_chapters()  # the plan's chapters (partnerships.governance.registry)
