"""The demo placement year of partnership ``hos``, loaded by ``manage.py seed_demo`` through
``partnerships.demo.load.EXTENSIONS`` (registered in ``PlacementsConfig.ready``).

Two years, so a stagecoördinator can walk the whole procedure at once:

* the **current** academic year runs: approved quota, every school's capacity, a published
  division, placements (active, a few February placements on their way, cancelled ones), small
  appointments, and the calendar with the steps before today done;
* the **next** year is being planned: a draft quota, capacity from all schools but the two
  smallest (they have not answered the request yet), a draft division with a few reserved
  places, an open preference window with forms of about half the students who continue, and
  its calendar. "Next" is ``selectors.planning_year()`` from March to July; from August to
  February that is the current year itself, and the demo then prepares the year after it.

Deterministic (random generators seeded by names, never by database ids) and idempotent: each
part looks for what it would create and leaves existing rows alone, so running seed_demo again —
also after someone clicked around in the demo — changes nothing. Writes go through the services
(full_clean, activity log) with three exceptions, each validated with full_clean: the capacity
request and the division's submission and publication (the services would e-mail everyone), and
the ~230 active and completed placements, written in bulk with the "created" event the service
logs (a service call per row would cost seconds). About a second on PostgreSQL.

The modules: ``demo_year`` (the order of the parts, quota, division, calendar), ``demo_capacity``,
``demo_placements`` (this year), ``demo_history`` (earlier years), ``demo_preferences``
(preferences and small appointments).
"""

import datetime

from django.utils import timezone

DEMO_SLUGS = frozenset({"hos"})


def load(partnership, today: datetime.date | None = None) -> str | None:
    """Load the demo placement years into ``partnership`` (only the demo partnership ``hos``);
    returns a line for seed_demo's output."""
    if partnership.slug not in DEMO_SLUGS:
        return None
    # Imported here: the services pull in the allocation solver, which every process would
    # otherwise load at start-up (this function is registered in PlacementsConfig.ready).
    from placements.demo.profiles import load as load_profiles
    from placements.demo.travel import load as load_travel
    from placements.demo.year import load_years

    years = load_years(partnership, today or timezone.localdate())
    return f"{years}; {load_profiles(partnership)}; {load_travel(partnership)}"
