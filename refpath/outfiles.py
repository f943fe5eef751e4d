"""Write CSV files that are safe to open in a spreadsheet.

Names come from other people's profiles, so a "name" like ``=HYPERLINK(...)``,
``+1``, ``@cmd`` or ``-2+3`` must not run as a formula when a user opens a
CSV refpath wrote (CSV/formula injection, OWASP). Every text cell that starts
with one of ``= + - @``, a tab or a carriage return gets a leading apostrophe,
which spreadsheets show as text. The store keeps the value as written; only
what refpath writes out is neutralised. Every CSV refpath writes goes through
:func:`write_csv`, which starts it with a UTF-8 BOM so Excel opens it as UTF-8.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def neutralize(value: Any) -> Any:
    """Return ``value`` made inert for spreadsheets (numbers pass through).

    >>> neutralize("=HYPERLINK(\\"http://x\\")")
    '\\'=HYPERLINK("http://x")'
    >>> neutralize("-2+3"), neutralize("Jane"), neutralize(-2)
    ("'-2+3", 'Jane', -2)
    """
    if isinstance(value, str) and value.startswith(_TRIGGERS):
        return "'" + value
    return value


def write_csv(path: Path, header: Sequence[str], rows: Iterable[Sequence[Any]]) -> int:
    """Write a UTF-8 CSV with a BOM and every cell neutralised; return the number of rows.

    The BOM (byte order mark) is what makes Excel read the file as UTF-8, so
    accents, emoji and arrows stay intact when it is opened with a double
    click; LibreOffice, Google Sheets, pandas and Python's ``utf-8-sig`` read
    it as usual.
    """
    n = 0
    with open(path, "w", newline="", encoding="utf-8-sig") as f:
        writer = csv.writer(f)
        writer.writerow([neutralize(h) for h in header])
        for row in rows:
            writer.writerow([neutralize(v) for v in row])
            n += 1
    return n
