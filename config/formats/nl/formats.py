"""Dates for reading, in one format across the product: "7 december 2026" (also in tables and
with a time: "7 december 2026 14:05"). Input formats stay Django's."""

DATE_FORMAT = "j F Y"
SHORT_DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y H:i"
SHORT_DATETIME_FORMAT = "j F Y H:i"
