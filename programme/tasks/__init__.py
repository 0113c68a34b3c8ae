"""Background work of the training programme (task names ``programme.tasks.<module>.<task>``)."""

from . import events  # noqa: F401
