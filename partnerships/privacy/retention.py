"""The nightly retention run: every registered kind deletes or anonymises what is past its term.

Each kind runs in its own transaction, so one failing kind leaves the others done; the run is
idempotent (what is deleted is gone, what is anonymised is no longer matched), so running it
twice on a day, or after a missed night, changes nothing more."""

import datetime
import logging

from django.db import transaction
from django.utils import timezone

from .registry import kinds

logger = logging.getLogger(__name__)


def retention_apply(*, today: datetime.date | None = None) -> dict[str, int]:
    """Rows deleted or anonymised per kind."""
    today = today or timezone.localdate()
    changed: dict[str, int] = {}
    for kind in kinds():
        if kind.retain is None:
            continue
        with transaction.atomic():
            changed[kind.key] = kind.retain(today, kind.term.cutoff(today))
    logger.info("Retention on %s: %s", today, changed)
    return changed
