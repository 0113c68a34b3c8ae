"""Background work of the quality cycle. Celery's autodiscovery imports this package; each
part keeps its tasks in its own module (task names are ``quality.tasks.<module>.<task>``)."""

from . import actions, calendar, reports, rounds  # noqa: F401
