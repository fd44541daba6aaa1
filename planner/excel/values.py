"""Reading what people type into cells: counts, areas, years and condition labels.

Each reader returns ``(value, None)`` or ``(None, expected)`` where ``expected`` is the
Vietnamese description of what the cell should hold, so that the import can collect every
problem of a file before reporting.

Counts are accepted as numbers or as text in Vietnamese (``1.234``) or English (``1,234``)
notation: a separator followed by groups of exactly three digits is a thousands separator. Any
other decimal part (``1,5``, ``2.50``, ``3.0`` typed as text) is refused as fractional rather than
guessed at. Conditions are matched without diacritics or case, in Vietnamese or English.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from collections.abc import Callable

from planner import labels
from planner.labels import EXCEL
from planner.limits import Limit
from planner.models import Condition
from planner.needs.procedures import FIELD_LABELS

_GROUPED = re.compile(r"^\d{1,3}(?P<sep>[.,\u00a0 ])\d{3}(?:(?P=sep)\d{3})*$")
_DECIMAL = re.compile(r"^\d+[.,]\d+$")
_NEGATIVE = re.compile(r"^[-\u2212]\s*\d")


def fold(text: str) -> str:
    """Lower case, no diacritics, single spaces: ``' Cần  sửa chữa'`` → ``'can sua chua'``."""
    text = unicodedata.normalize("NFD", text.strip().casefold().replace("đ", "d"))
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Mn")
    return " ".join(text.split())


# either language's words (read from the catalogues, not in the importing session's language)
_CONDITIONS = {
    fold(label): Condition(code) for code, label in labels.every_language(labels.CONDITION)
}
_CONDITIONS.update({c.value: c for c in Condition})
_FIELDS = {fold(label): code for code, label in labels.every_language(FIELD_LABELS)}
_FIELDS.update({code: code for code in FIELD_LABELS})


def is_blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def read_count(value: object) -> tuple[int | None, str | None]:
    """A non-negative whole number."""
    if isinstance(value, (bool, dt.date, dt.time, dt.timedelta)):
        return None, EXCEL["quantity"]
    if isinstance(value, (int, float)):
        if value < 0:
            return None, EXCEL["negative"]
        if isinstance(value, float) and not value.is_integer():
            return None, EXCEL["fractional"]
        return int(value), None
    if isinstance(value, str):
        text = value.strip()
        if _NEGATIVE.match(text):
            return None, EXCEL["negative"]
        if text.isdigit() and text.isascii():
            return int(text), None
        if _GROUPED.match(text):
            return int(re.sub(r"\D", "", text)), None
        if _DECIMAL.match(text):
            return None, EXCEL["fractional"]
    return None, EXCEL["quantity"]


def read_area(value: object) -> tuple[float | None, str | None]:
    """A non-negative number of m²; text may use a decimal comma (``120,5``)."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return (float(value), None) if value >= 0 else (None, EXCEL["negative"])
    if isinstance(value, str):
        text = value.strip()
        if _NEGATIVE.match(text):
            return None, EXCEL["negative"]
        count, _ = read_count(text)
        if count is not None:
            return float(count), None
        if _DECIMAL.match(text):
            return float(text.replace(",", ".")), None
    return None, EXCEL["number"]


def read_year(value: object, low: int, high: int) -> tuple[int | None, str | None]:
    """A year in ``low..high`` (a whole number, or its digits as text)."""
    expected = EXCEL["year_range"].format(low=low, high=high)
    year = None
    if isinstance(value, int) and not isinstance(value, bool):
        year = value
    elif isinstance(value, float) and value.is_integer():
        year = int(value)
    elif isinstance(value, str) and value.strip().isdigit() and value.strip().isascii():
        year = int(value.strip())
    if year is None or not low <= year <= high:
        return None, expected
    return year, None


_DAY_MONTH_YEAR = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$", re.ASCII)


def read_date(value: object, low: dt.date, high: dt.date) -> tuple[dt.date | None, str | None]:
    """A day in ``low..high``: a date cell, or text written ``dd/mm/yyyy`` (the Vietnamese order).

    openpyxl hands back a ``datetime`` for a cell Excel or LibreOffice saved as a date (its time
    of day, if any, is dropped). Text such as ``31/02/2024`` that is no real day, a bare number
    (a date cell that lost its date format could be any day) and anything else are refused, so
    that a survey is never dated by a guess.
    """
    expected = EXCEL["as_of"].format(low=labels.date(low), high=labels.date(high))
    day = None
    if isinstance(value, dt.datetime):
        day = value.date()
    elif isinstance(value, dt.date):
        day = value
    elif isinstance(value, str) and (found := _DAY_MONTH_YEAR.match(value.strip())):
        try:
            day = dt.date(int(found[3]), int(found[2]), int(found[1]))
        except ValueError:
            day = None
    if day is None or not low <= day <= high:
        return None, expected
    return day, None


def read_condition(value: object) -> tuple[Condition | None, str | None]:
    """Tốt / Cần sửa chữa / Hỏng, with or without diacritics, or good / repairable / broken."""
    if isinstance(value, str):
        found = _CONDITIONS.get(fold(value))
        if found is not None:
            return found, None
    return None, EXCEL["condition"]


def read_code(value: object) -> str | None:
    """An item code as typed (trimmed, upper case), or ``None`` for a blank cell."""
    if is_blank(value):
        return None
    return str(value).strip().upper()


def read_minutes(value: object) -> tuple[float | None, str | None]:
    """A handling time in minutes, strictly above 0 (``7,5`` with a decimal comma is fine)."""
    number, error = read_area(value)
    if error or number is None or not math.isfinite(number) or number <= 0:
        return None, EXCEL["minutes"]
    return number, None


def read_field(value: object) -> tuple[str | None, str | None]:
    """A procedure field: its code (``land``) or its label (``Đất đai``, ``dat dai``)."""
    if isinstance(value, str):
        found = _FIELDS.get(fold(value))
        if found is not None:
            return found, None
    return None, EXCEL["field_unknown"].format(fields="; ".join(FIELD_LABELS.values()))


Reader = Callable[[object], tuple]


def within(limit: Limit, reader: Reader) -> Reader:
    """``reader`` that also refuses values outside ``limit`` with the limit's message.

    The reader's own message wins for what it refuses (a negative or fractional count), except
    that a number beyond the limit (``1E400``, read as ``inf``, or ``1e300``) gets the sentence
    naming the limit rather than a vaguer one.
    """

    def read(value: object) -> tuple:
        found, error = reader(value)
        if error:
            number = isinstance(value, (int, float)) and not isinstance(value, bool)
            if number and (not math.isfinite(value) or value > limit.high):  # type: ignore[arg-type, operator]
                return None, limit.message
            return None, error
        if found is not None:
            problem = limit.problem(found)
            if problem:
                return None, problem
        return found, None

    return read
