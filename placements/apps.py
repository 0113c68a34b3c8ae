from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlacementsConfig(AppConfig):
    name = "placements"
    verbose_name = _("Placements")

    def ready(self):
        from partnerships.access import ACTION_ROLES
        from partnerships.dashboard import PROVIDERS
        from partnerships.navigation import NAV_ITEMS, NavItem
        from placements.dashboard import placement_cards
        from placements.permissions import PLACEMENT_ACTION_ROLES, PlacementAction

        ACTION_ROLES.update(PLACEMENT_ACTION_ROLES)
        if placement_cards not in PROVIDERS:
            PROVIDERS.append(placement_cards)
        item = NavItem(
            _("Placements"),
            "placements:year_current",
            PlacementAction.VIEW_PLACEMENT_YEAR,
            "placements",
        )
        if item not in NAV_ITEMS:
            before_import = next(
                (i for i, n in enumerate(NAV_ITEMS) if n.url_name == "partnerships:import"),
                len(NAV_ITEMS),
            )
            NAV_ITEMS.insert(before_import, item)
        self.register_demo()
        from placements.funding.providers import register as register_budget_sources

        register_budget_sources()  # the expected subsidy and the distribution, for the budget
        from placements.calendar import chapters as calendar_chapters
        from placements.facilitation import chapters as facilitation_chapters
        from placements.quota import chapters as quota_chapters

        # plan chapters and agenda links (partnerships.governance.registry)
        for chapters in (quota_chapters, calendar_chapters, facilitation_chapters):
            chapters.register()
        from placements.privacy import install as install_privacy

        install_privacy()

    def register_demo(self):
        """seed_demo loads the demo placement year through the partnerships' extension point."""
        from partnerships.demo.load import EXTENSIONS
        from placements.demo import load
        from placements.demo.funding import load as load_funding
        from placements.demo.guidance import load as load_guidance
        from placements.demo.transfer import load as load_transfer_forms

        # transfer forms, guidance entries and money need the placements
        for loader in (load, load_transfer_forms, load_guidance, load_funding):
            if loader not in EXTENSIONS:
                EXTENSIONS.append(loader)
        from partnerships.demo.bench import EXTENSIONS as BENCH_EXTENSIONS
        from placements.demo.bench import load as load_bench

        if load_bench not in BENCH_EXTENSIONS:
            BENCH_EXTENSIONS.append(load_bench)
