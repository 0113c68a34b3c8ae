"""Background work of professionalisation (task names
``professionalisation.tasks.<module>.<task>``)."""

from . import runs  # noqa: F401
