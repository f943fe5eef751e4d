"""Read the dates in LinkedIn exports, whatever their format or language.

Exports write dates in many ways: "13 Feb 2026", "Feb 13, 2026",
"2024-03-01 10:22:05 UTC", US slashed "4/2/19, 12:00 AM", European dotted or
day-first re-saves, month names and abbreviations in English, Spanish, German,
French, Portuguese, Italian and Dutch ("18-ene-20", "12-Mär-19", "4-févr.-21"),
and spreadsheet day numbers.
``parse_date`` reads one of them (None when unreadable) without depending on the
locale; ``cached_date`` reads each distinct value once per file. Both are pure.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, timedelta
from functools import lru_cache

__all__ = ["SLASHED", "cached_date", "iso_date", "parse_date"]

_MONTH_NAMES = (
    "jan january januar janv janvier ene enero janeiro jän jänner gen gennaio januari",
    "feb february februar fév févr février fev febrero fevereiro febbraio februari",
    "mar march mär märz mrz mars marzo março mrt maart",
    "apr april avr avril abr abril aprile",
    "may mai mei mayo maio mag maggio",
    "jun june juni juin junio junho giu giugno",
    "jul july juli juil juillet julio julho lug luglio",
    "aug august aoû août aout ago agosto augustus",
    "sep sept september septembre septiembre set setembro settembre",
    "oct october okt oktober octobre octubre out outubro ott ottobre",
    "nov november novembre noviembre novembro",
    "dec december dez dezember déc décembre dic diciembre dezembro dicembre",
)
#: Month names and abbreviations by hand, so dates never depend on the locale.
_MONTHS = {n: i for i, names in enumerate(_MONTH_NAMES, 1) for n in names.split()}
_D_MON_Y = re.compile(r"(\d{1,2})\.?[ \-/]([^\W\d_]{3,10})\.?[ \-/,]+(\d{4}|\d{2})\b")
_MON_D_Y = re.compile(r"([^\W\d_]{3,10})\.? (\d{1,2}),? (\d{4})\b")
_Y_M_D = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})\b", re.ASCII)
SLASHED = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})\b", re.ASCII)
_DOTTED = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2})\b", re.ASCII)
_SERIAL = re.compile(r"\d{5}(?:\.\d+)?", re.ASCII)  # a spreadsheet's day number
#: No one connected on LinkedIn (2003) or met a contact before this year; earlier is garbage.
FIRST_YEAR = 1950


def last_year() -> int:
    """The latest year a date in an export may have: next year (clocks and time zones)."""
    return date.today().year + 1


@lru_cache(maxsize=1 << 16)  # colleagues' exports share most of their dates
def parse_date(raw: str, dayfirst: bool = False) -> date | None:
    """Read one date in any format seen in LinkedIn exports; None if unreadable.

    Slashed dates are month first (LinkedIn's own US format) unless ``dayfirst``
    or the first number cannot be a month. A year before 1950 or after next
    year is not a date refpath keeps (None); only a two-digit year is widened
    (``24`` is 2024, ``0001`` stays year 1 and is refused).

    >>> parse_date("01 Jan 0001"), parse_date("1/2/0024"), parse_date("5 Feb 1949")
    (None, None, None)
    >>> parse_date("5 Feb 24"), parse_date("12/31/1950")
    (datetime.date(2024, 2, 5), datetime.date(1950, 12, 31))
    """
    raw = raw.strip()
    if not raw.isascii():  # "févr." typed with a combining accent
        raw = unicodedata.normalize("NFC", raw)
    try:
        if m := _D_MON_Y.match(raw):
            year, mon, d = m[3], _MONTHS.get(m[2].lower(), 0), int(m[1])
        elif m := _MON_D_Y.match(raw):
            year, mon, d = m[3], _MONTHS.get(m[1].lower(), 0), int(m[2])
        elif m := _Y_M_D.match(raw):
            year, mon, d = m[1], int(m[2]), int(m[3])
        elif m := SLASHED.match(raw):
            year, mon, d = m[3], int(m[1]), int(m[2])
            if dayfirst or mon > 12:
                mon, d = d, mon
        elif m := _DOTTED.match(raw):
            year, mon, d = m[3], int(m[2]), int(m[1])
        elif _SERIAL.fullmatch(raw):
            serial = date(1899, 12, 30) + timedelta(days=int(float(raw)))
            return serial if 1990 <= serial.year <= last_year() else None
        else:
            return None
        y = int(year)
        if len(year) == 2:  # only a two-digit year is short for one: '0001' is year 1
            y += 2000 if y < 70 else 1900
        return date(y, mon, d) if FIRST_YEAR <= y <= last_year() else None
    except ValueError:
        return None


def cached_date(raw: str, cache: dict[str, date | None]) -> date | None:
    """``parse_date`` once per unique value: exports repeat few distinct dates."""
    try:
        return cache[raw]
    except KeyError:
        found = cache[raw] = parse_date(raw)
        return found


def iso_date(d: date | None) -> str | None:
    """A date as the store keeps it ('2024-03-01'), or None.

    >>> iso_date(date(2024, 3, 1)), iso_date(None)
    ('2024-03-01', None)
    """
    return d.isoformat() if d else None
