"""When a page's data last changed, and by whom (issue 14, item 7).

``last_change(rows, at="updated_at", by="updated_by")`` asks the database once for the newest row
of a page's rows (an activity log, declarations with ``updated_at``/``updated_by``) and returns
``{"at": datetime, "by": Person | None}`` or None; ``partnerships/_last_change.html`` shows it.
One query per page, never one per row."""

from django.db.models import QuerySet


def last_change(rows: QuerySet, *, at: str = "updated_at", by: str | None = "updated_by"):
    rows = rows.exclude(**{f"{at}__isnull": True}).order_by(f"-{at}")
    if by:
        rows = rows.select_related(by)
    newest = rows.first()
    if newest is None:
        return None
    return {"at": getattr(newest, at), "by": getattr(newest, by) if by else None}
