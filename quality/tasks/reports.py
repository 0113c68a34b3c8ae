"""Tasks (being written)."""
