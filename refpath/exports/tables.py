"""The CSV tables of a LinkedIn export, read by column name.

A LinkedIn CSV's columns are found by name, not by position: ``column_key``
folds a header cell into a lookup key, ``sniff_delimiter`` finds the separator,
``header_columns`` maps each key to its column and ``require_columns`` names the required
columns a header lacks. ``open_table`` opens a file whose header is its first
line (the archive's files other than Connections.csv). Pure: text in, rows out.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Sequence
from typing import TextIO

from refpath.errors import ExportError
from refpath.exports.text import refuse_binary

__all__ = [
    "Columns",
    "column_key",
    "sniff_delimiter",
    "header_columns",
    "require_columns",
    "open_table",
]


def column_key(cell: str) -> str:
    """Header cell as a lookup key: case, spaces, underscores and a BOM ignored.

    >>> column_key("\ufeffFirst Name"), column_key("FirstName"), column_key("first_name")
    ('firstname', 'firstname', 'firstname')
    """
    return "".join(cell.replace("\ufeff", "").replace("_", " ").split()).lower()


class Columns(dict[str, int]):
    """Column key -> index, looked up by any spelling of the name ("first name", "FirstName").

    >>> cols = Columns({"firstname": 0})
    >>> cols["First Name"], "first_name" in cols, cols.get("Last Name", -1)
    (0, True, -1)
    """

    def __getitem__(self, name: str) -> int:
        return super().__getitem__(column_key(name))

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and super().__contains__(column_key(name))

    def get(self, name: str, default: int = -1) -> int:  # type: ignore[override]
        """The column's index, or ``default`` (-1: no such column)."""
        return super().get(column_key(name), default)


def sniff_delimiter(line: str) -> str:
    """The separator of a header line: ',', ';' or tab, whichever is most used."""
    counts = {d: line.count(d) for d in ",;\t"}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def header_columns(line: str, delimiter: str, source: str) -> Columns:
    """Column key -> index of its first occurrence (see :class:`Columns`)."""
    try:
        cells = next(csv.reader([line], delimiter=delimiter), [])
    except csv.Error as err:  # e.g. a giant field: not a header
        raise ExportError(f"{source}: the header line is not valid CSV ({err})") from err
    cols = Columns()
    for i, cell in enumerate(cells):
        key = column_key(cell)
        if key not in cols:
            dict.__setitem__(cols, key, i)
    return cols


def require_columns(cols: Columns, required: Sequence[str], source: str) -> None:
    """Raise ExportError naming the required columns that the header lacks."""
    missing = [name for name in required if name not in cols]
    if missing:
        names = ", ".join(f"'{name.title().replace('Url', 'URL')}'" for name in missing)
        plural = "s" if len(missing) > 1 else ""
        raise ExportError(f"{source}: missing column{plural} {names}")


def open_table(
    text: str | TextIO, source: str, required: Sequence[str]
) -> tuple[Columns, Iterator[list[str]]]:
    """Header columns and the rows of a CSV whose header is its first line.

    For the archive's other files. ``text`` is the file's text, or a text
    stream opened with ``newline=""`` (see :func:`refpath.exports.text.decode_stream`,
    which has checked it is text). Rows are padded to the header's width and
    fully empty lines skipped; malformed CSV raises ExportError.
    """
    if isinstance(text, str):
        refuse_binary(text, source)
        buf: TextIO = io.StringIO(text.lstrip("\ufeff"), newline="")
    else:
        buf = text
    line = buf.readline()
    while line and not line.strip():
        line = buf.readline()
    if not line:
        raise ExportError(f"{source}: the file is empty")
    delimiter = sniff_delimiter(line)
    cols = header_columns(line, delimiter, source)
    require_columns(cols, required, source)
    return cols, padded_rows(csv.reader(buf, delimiter=delimiter), max(cols.values()) + 1, source)


def padded_rows(reader: Iterator[list[str]], width: int, source: str) -> Iterator[list[str]]:
    """Non-empty rows, each at least ``width`` cells long."""
    try:
        for row in reader:
            if len(row) < width:
                if not row:
                    continue
                row += [""] * (width - len(row))
            yield row
    except csv.Error as err:
        raise ExportError(f"{source}: malformed CSV ({err})") from err
