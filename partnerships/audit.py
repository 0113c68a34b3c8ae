from .models import AuditEntry, Partnership, Person


def record(
    *,
    person: Person | None,
    action: str,
    obj=None,
    partnership: Partnership | None = None,
    **details,
) -> AuditEntry:
    """Write one audit entry (e.g. ``view``, ``download``, ``export``) about ``obj``."""
    return AuditEntry.objects.create(
        partnership=partnership,
        person=person if person is not None and person.is_authenticated else None,
        action=action,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        details=details,
    )
