"""The quality cycle in the policy document (seed 000 §4 Kwaliteitszorgplan): the framework with
its ambitions, indicators, instruments and targets (§4.3, §4.5), the quality calendar and the
reports of the year (§4.4), the improvement actions (§4.6) and the risk register (§4.7). Plain
data for ``partnerships.governance.registry``: each chapter shows the figures of the moment the
plan is drafted, frozen when it is adopted. Registered in ``quality.apps``."""


def register() -> None:
    from partnerships.governance.registry import register_chapter

    from .cycle import actions_chapter, calendar_chapter, risks_chapter
    from .framework import framework_chapter, instruments_chapter

    register_chapter("quality_framework", framework_chapter)
    register_chapter("quality_instruments", instruments_chapter)
    register_chapter("quality_calendar", calendar_chapter)
    register_chapter("improvement_actions", actions_chapter)
    register_chapter("risks", risks_chapter)
