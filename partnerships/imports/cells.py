"""Turning spreadsheet cells into values.

Every parser takes a non-empty cell (text from CSV; text, numbers or dates from XLSX) and
returns the value, or raises ValidationError with a message for the person who filled it in.
Django's own messages are used where they fit, so they read in the user's language."""

import datetime
import re
import unicodedata
from collections.abc import Callable, Iterable

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, validate_email
from django.utils.translation import gettext as _
from openpyxl.utils.datetime import from_excel

DATE_FORMATS = ("%d-%m-%Y", "%d/%m/%Y", "%d.%m.%Y", "%Y-%m-%d", "%Y/%m/%d")
# Excel day numbers from 1954 to 2119: a bare number outside this range is no date.
EXCEL_SERIALS = range(20000, 80000)
_POSTCODE = re.compile(r"([1-9][0-9]{3})\s*([A-Za-z]{2})")
_SCHOOL_YEAR = re.compile(r"(\d{4})(?:\s*[-/]\s*(\d{4}|\d{2}))?")
_THOUSANDS = re.compile(r"\d{1,3}(?:[. ]\d{3})+")


def normalise(text: str) -> str:
    """Lower case, without accents, spaces or punctuation: 'Co-Docënt ' → 'codocent'."""
    decomposed = unicodedata.normalize("NFKD", str(text).lower())
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return re.sub(r"[^0-9a-z]+", "", plain)


def is_empty(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def as_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.datetime):
        return value.date().isoformat() if value.time() == datetime.time() else value.isoformat()
    return str(value).strip()


def parse_int(value, *, minimum: int, maximum: int) -> int:
    if isinstance(value, bool):
        raise ValidationError(_("Enter a whole number."))
    if isinstance(value, int):
        number = value
    elif isinstance(value, float) and value.is_integer():
        number = int(value)
    else:
        text = as_text(value)
        if not (text.isdigit() or _THOUSANDS.fullmatch(text)):
            raise ValidationError(_("Enter a whole number."))
        number = int(re.sub(r"\D", "", text))
    MinValueValidator(minimum)(number)
    MaxValueValidator(maximum)(number)
    return number


def parse_date(value) -> datetime.date:
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return _from_serial(value)
    text = as_text(value).split(" ")[0]
    if text.isdigit():
        return _from_serial(int(text))
    for fmt in DATE_FORMATS:
        try:
            return datetime.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValidationError(_("Enter a date as dd-mm-yyyy, for example 31-07-2026."))


def _from_serial(number: float) -> datetime.date:
    if int(number) not in EXCEL_SERIALS:
        raise ValidationError(_("Enter a date as dd-mm-yyyy, for example 31-07-2026."))
    return from_excel(number).date()


def parse_email(value) -> str:
    text = as_text(value)
    validate_email(text)
    return text.lower()


def parse_postcode(value) -> str:
    match = _POSTCODE.fullmatch(as_text(value))
    if not match:
        raise ValidationError(_("Enter a Dutch postcode such as 1234 AB."))
    return f"{match[1]} {match[2].upper()}"


def parse_school_year(value) -> int:
    """'2025-2026', '2025/26' or 2025 → 2025 (the year the school year starts in)."""
    match = _SCHOOL_YEAR.fullmatch(as_text(value))
    if match:
        start = int(match[1])
        end = match[2]
        follows = end is None or int(end) in (start + 1, (start + 1) % 100)
        if follows and 2000 <= start <= 2100:
            return start
    raise ValidationError(_("Enter a school year such as 2025-2026."))


class Lookup:
    """Finds values by any of their names; by default ignoring case, accents, spaces and
    punctuation (pass another ``key`` to compare names differently)."""

    def __init__(self, pairs: Iterable[tuple[str, object]] = (), key: Callable = normalise):
        self._key = key
        self._values: dict[str, list] = {}
        for name, value in pairs:
            self.add(name, value)

    def add(self, name: str, value) -> None:
        key = self._key(name)
        if key:
            values = self._values.setdefault(key, [])
            if value not in values:
                values.append(value)

    def matches(self, name) -> list:
        return list(self._values.get(self._key(as_text(name)), []))

    def get(self, name):
        found = self.matches(name)
        return found[0] if found else None
