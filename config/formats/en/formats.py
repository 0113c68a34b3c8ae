"""Dates for reading, in the same shape as in Dutch: "7 December 2026" ("7 December 2026 14:05"
with a time)."""

DATE_FORMAT = "j F Y"
SHORT_DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y H:i"
SHORT_DATETIME_FORMAT = "j F Y H:i"
