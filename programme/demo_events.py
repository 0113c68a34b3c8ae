"""Demo data (being written)."""


def load(partnership) -> str | None:
    return None
