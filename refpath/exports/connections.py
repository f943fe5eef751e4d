"""Read the CSV files of a LinkedIn export: Connections.csv above all.

``parse_connections`` turns the text of a Connections.csv, in any known variant
(with or without a preamble, URL column, separator or date style), into a
:class:`~refpath.exports.records.ConnectionsFile` of :class:`~refpath.exports.records.Contact`
rows. It is pure: text in, records out, nothing read from disk. The header
helpers it shares with the archive's other files are in
:mod:`refpath.exports.tables`. The formats handled are described in
``/work/shared/EXPORT_FORMATS.md``.
"""

from __future__ import annotations

import csv
import gc
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from itertools import chain
from operator import itemgetter

from refpath.errors import ExportError
from refpath.exports.dates import FIRST_YEAR, SLASHED, last_year, parse_date
from refpath.exports.records import ConnectionsFile, Contact
from refpath.exports.tables import (
    Columns,
    column_key,
    header_columns,
    sniff_delimiter,
)
from refpath.exports.text import refuse_binary

__all__ = ["parse_connections"]


# ------------------------------------------------------------- Connections.csv

_HEADER_SCAN = 20  # the header comes after at most a short preamble
#: the columns of LinkedIn's own header; a file its owner cut down may lack some
_STANDARD = ("First Name", "Last Name", "Email Address", "Company", "Position", "Connected On")
_KNOWN = {column_key(c) for c in (*_STANDARD, "URL", "Profile URL", "Email", "Name", "Full Name")}
_NAMES = ("first name", "last name", "name", "full name")
_SUMMARY_LINES = 3  # at most this many lines at the end are a spreadsheet's totals
#: month abbreviations for messages, not the locale's
_MONTH_ABBR = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_AM_PM = re.compile(r"\d [AP]M\b", re.ASCII)  # LinkedIn's own US date-times
_US_DATETIME = re.compile(r"\d{1,2}/\d{1,2}/\d{2}, \d{1,2}:\d{2} [AP]M", re.ASCII)


def parse_connections(text: str, *, source: str = "<text>") -> ConnectionsFile:
    """Parse the text of a Connections.csv in any known variant.

    Finds the header among the first 20 lines (after any preamble, padded or
    not), detects the separator (``,``, ``;`` or tab) and reads columns by
    name, ignoring case, spaces and underscores (``FirstName``). A file cut
    down to fewer columns is read, with a warning naming those missing, as
    long as it has a name column. Rows with only a date (hidden profiles) are
    counted and skipped; spreadsheet ``NA`` cells count as empty. Dates are
    read once per unique value.

    Parameters
    ----------
    text : str
        The file's text, e.g. from :func:`refpath.exports.text.decode_export`.
    source : str
        What to call the file in messages.

    Returns
    -------
    ConnectionsFile
        The contacts in file order, the number of hidden rows, the format
        ("2018", "2021" or "current") and warnings.

    Raises
    ------
    ExportError
        When the text is empty or binary, has no header or no name column
        (First Name, Last Name, or Name), or no person is in it.

    Examples
    --------
    >>> text = (
    ...     "Notes:\\n"
    ...     '"When exporting your connection data, you may notice..."\\n'
    ...     "\\n"
    ...     "First Name,Last Name,URL,Email Address,Company,Position,Connected On\\n"
    ...     "Mara,Quillfeather,https://www.linkedin.com/in/mara-q,,Inkwell,CTO,13 Feb 2026\\n"
    ...     ",,,,,,02 Jun 2022"
    ... )
    >>> found = parse_connections(text, source="demo.csv")
    >>> found.fmt, found.hidden, len(found.contacts)
    ('current', 1, 1)
    >>> found.contacts[0].last_name, found.contacts[0].connected_on, found.contacts[0].line
    ('Quillfeather', datetime.date(2026, 2, 13), 5)
    >>> parse_connections("Company,Position\\nInkwell,CTO", source="demo.csv")
    Traceback (most recent call last):
    ...
    refpath.errors.ExportError: demo.csv: no name column (First Name or Last Name); its columns are: Company, Position
    """  # noqa: E501
    if not text.strip("\ufeff \t\r\n,;"):
        raise ExportError(f"{source}: the file is empty")
    refuse_binary(text, source)
    if "\r" in text:  # CRLF, mixed, or old-Mac CR: one kind of line end
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    start, delimiter, cols, preamble, cells = _connections_header(lines, source)
    read = _Read()
    spreadsheet_na = "NA" in text
    table = cols
    with _gc_paused():
        while start >= 0:
            read.segments.append((start, table.get("connected on", -1)))
            start = _contacts(lines, start, delimiter, table, source, spreadsheet_na, read)
            if start >= 0:  # another export's header pasted below: its rows by its columns
                header = next(csv.reader([lines[start - 1]], delimiter=delimiter), [])
                table = _header_cells(header) or table
    contacts, hidden, cache = read.contacts, read.hidden, read.cache
    dropped = _second_tables(read, dated="connected on" in cols)
    if dropped:
        gone = set(dropped)
        contacts = [c for c in contacts if c.line not in gone]
    summary = _trailing_summary(contacts, cols)
    if summary:
        del contacts[-len(summary) :]
    for line in chain(dropped, summary):
        read.undated.pop(line, None)
    unreadable = len(read.undated)
    if not contacts:
        if hidden:
            raise ExportError(
                f"{source}: header found but no people in it — all {hidden} rows are hidden"
                " profiles (rows with only a date)"
            )
        raise ExportError(f"{source}: header found but no people in it")
    warnings: list[str] = []
    missing = [c for c in _STANDARD if c not in cols and not (c == "First Name" and "name" in cols)]
    if missing:
        warnings.append(
            f"{source}: read without the column{'s' if len(missing) > 1 else ''} "
            + ", ".join(f"'{c}'" for c in missing)
            + " (the file has "
            + ", ".join(f"'{c}'" for c in cells if c)
            + ")"
        )
    if read.switched:  # two exports of different eras pasted into one file, say
        at, other = read.switched[0]
        warnings.append(
            f"{source}: line {at}: another header inside the file ({other[:80]!r});"
            " the rows after it are read by its columns"
            + (f" ({len(read.switched)} such headers)" if len(read.switched) > 1 else "")
        )
    if dropped:
        warnings.append(
            f"{source}: line {dropped[0]}: a second table below the connections (after an"
            f" empty line, {len(dropped)} row{'s' if len(dropped) > 1 else ''} with no profile"
            " URL and nothing under 'Connected On'); skipped, not read as people"
        )
    if summary:
        warnings.append(
            f"{source}: line {summary[0]}: {len(summary)} line{'s' if len(summary) > 1 else ''}"
            " at the end with a word and no person's details (a total, say) skipped, not a person"
        )
    if unreadable:
        example = next(iter(read.undated.values()))
        warnings.append(
            f"{source}: {unreadable} 'Connected On' date{'s' if unreadable > 1 else ''}"
            f" could not be read (e.g. {example!r}); kept without a date (a connection"
            f" date is a readable date from {FIRST_YEAR} to {last_year()})"
        )
    if read.headers:  # two exports pasted into one file, say: a header is not a person
        headers = read.headers
        warnings.append(
            f"{source}: line {headers[0]}: the header line is repeated inside the file"
            f" ({len(headers)} time{'s' if len(headers) > 1 else ''}); skipped, not read as"
            " people"
        )
    if read.spans:  # LinkedIn never writes one: a stray quote swallowed the lines after it
        spans = read.spans
        warnings.append(
            f"{source}: line {spans[0]}: a quoted field runs over several lines"
            f" ({len(spans)} such row{'s' if len(spans) > 1 else ''}); look for a stray '\"'"
        )
    contacts, order = _slashed_order(contacts, read, lines, delimiter, source)
    if order:
        warnings.append(order)
    if "url" in cols or "profile url" in cols:
        fmt = "current"
    elif not preamble and any(_US_DATETIME.match(raw) for raw in cache):
        fmt = "2018"
    else:
        fmt = "2021"
    return ConnectionsFile(tuple(contacts), hidden, fmt, tuple(warnings))


@dataclass
class _Read:
    """What reading the rows found, across the tables of one file."""

    contacts: list[Contact] = field(default_factory=list)
    hidden: int = 0
    undated: dict[int, str] = field(default_factory=dict)  # line -> unreadable date
    cache: dict[str, date | None] = field(default_factory=dict)
    spans: list[int] = field(default_factory=list)  # a quoted field runs into next lines
    headers: list[int] = field(default_factory=list)  # the header repeated (skipped)
    switched: list[tuple[int, str]] = field(default_factory=list)  # another header: line, text
    breaks: list[int] = field(default_factory=list)  # contacts read before each empty line
    segments: list[tuple[int, int]] = field(default_factory=list)  # header line, date column


def _contacts(
    lines: list[str],
    start: int,
    delimiter: str,
    cols: dict[str, int],
    source: str,
    spreadsheet_na: bool,
    read: _Read,
) -> int:
    """Read the rows after the header into ``read``, up to a header with other columns.

    Returns the line number of that header (the rows after it are read by its
    columns), or -1 at the end of the file. A row repeating this header is
    skipped and noted. ``spreadsheet_na`` says whether "NA" occurs in the text
    at all, so that most files skip the per-row check for NA cells.

    This loop is the hot path (50 exports x 20,000 rows). Lines without quotes
    are split with ``str.split``, which is faster than csv.reader; only the few
    with quotes go through the csv module. Contacts are built with
    ``tuple.__new__``, skipping NamedTuple's Python-level ``__new__``. Rows
    without a readable date are the only ones checked further (a header?).
    """
    fi = cols.get("first name", cols.get("name", cols.get("full name", -1)))
    li, di = cols.get("last name", -1), cols.get("connected on", -1)
    ui = cols.get("url", cols.get("profile url", -1))
    ei = cols.get("email address", cols.get("email", -1))
    ci, pi = cols.get("company", -1), cols.get("position", -1)
    width = max(cols.values()) + 1
    # absent columns read a name column, then are blanked: no branch per cell
    anchor = fi if fi >= 0 else li
    pick = itemgetter(*(i if i >= 0 else anchor for i in (fi, li, ui, ei, ci, pi, di)))
    no_first, no_last, no_date = fi < 0, li < 0, di < 0
    no_url, no_email, no_company, no_position = (i < 0 for i in (ui, ei, ci, pi))

    body = lines[start:]
    rest = iter(body)

    contacts = read.contacts
    append = contacts.append
    new = tuple.__new__
    cache = read.cache
    hidden = 0
    at = number = start
    try:
        for line in rest:
            at = number = number + 1
            if '"' not in line:
                row = line.split(delimiter)
            elif line.count('"') % 2 == 0:
                row = next(csv.reader((line,), delimiter=delimiter), [])
            else:  # maybe a field running into the next lines: let the csv module decide
                more = (f"{following}\n" for following in rest)
                reader = csv.reader(chain((f"{line}\n",), more), delimiter=delimiter)
                row = next(reader, [])
                if reader.line_num > 1:
                    number += reader.line_num - 1
                    read.spans.append(at)
            if len(row) < width:
                if not line.strip():
                    read.breaks.append(len(contacts))
                    continue
                row += [""] * (width - len(row))
            if spreadsheet_na and "NA" in row:  # a spreadsheet's fill for empty cells
                row = ["" if cell == "NA" else cell for cell in row]
            first, last, url, email, company, position, raw = pick(row)
            first = "" if no_first else first.strip()
            last = "" if no_last else last.strip()
            raw = "" if no_date else raw.strip()
            url = "" if no_url else url.strip()
            email = "" if no_email else email.strip()
            company = "" if no_company else company.strip()
            position = "" if no_position else position.strip()
            if not (first or last or url or email or company or position):
                if raw:
                    hidden += 1
                else:  # a line of empty cells: a spreadsheet's empty row
                    read.breaks.append(len(contacts))
                continue
            try:
                on = cache[raw]
            except KeyError:
                on = cache[raw] = parse_date(raw)
            if on is None:
                # (checked only here: a header's "Connected On" is never a date)
                other = _header_row(row, first, last)
                if other is not None:
                    if _same_columns(other, cols):
                        read.headers.append(at)
                        continue
                    read.hidden += hidden
                    read.switched.append((at, line.strip()))
                    return number
                if raw:
                    read.undated[at] = raw
            append(new(Contact, (first, last, url, email, company, position, on, at)))
    except csv.Error as err:
        raise ExportError(f"{source}: line {at}: {err}") from err
    read.hidden += hidden
    return -1


def _header_row(row: list[str], first: str, last: str) -> Columns | None:
    """The columns of a row that is a Connections.csv header (with a name column), else None."""
    if column_key(first) not in _KNOWN and column_key(last) not in _KNOWN:
        return None
    return _header_cells(row)


def _header_cells(row: list[str]) -> Columns | None:
    """The columns of cells that name two of Connections.csv's columns, one a name; else None."""
    keys = [column_key(cell) for cell in row]
    if len(set(keys) & _KNOWN) < 2 or not any(column_key(n) in keys for n in _NAMES):
        return None
    cols = Columns()
    for i, key in enumerate(keys):
        if key and key not in cols:
            dict.__setitem__(cols, key, i)
    return cols


def _same_columns(a: dict[str, int], b: dict[str, int]) -> bool:
    """Whether two headers name the same columns at the same places (empty cells aside)."""
    return {k: v for k, v in a.items() if k} == {k: v for k, v in b.items() if k}


def _trailing_summary(contacts: list[Contact], cols: dict[str, int]) -> list[int]:
    """The lines of the last rows that are a spreadsheet's summary, not people.

    A person's row has a last name, a URL, an e-mail, a company or a position,
    or a connection date. A row at the end of the file with only a word in a
    name cell (``Total,,,,,,412``) has none of them: someone totalled the
    column. Only the last few rows are looked at, and only in a file that has
    one of those columns, so this costs nothing per row; never every row.
    """
    if not any(c in cols for c in ("last name", "url", "profile url", "company", "position")):
        return []
    found: list[int] = []
    for contact in reversed(contacts[-_SUMMARY_LINES:]):
        if contact.connected_on is not None or any(contact[1:6]):
            break
        found.append(contact.line)
    if len(found) == len(contacts):  # no one else: these were people after all
        return []
    return found[::-1]


def _second_tables(read: _Read, dated: bool) -> list[int]:
    """The lines of rows in a second table pasted below the connections (skipped).

    Such a table follows an empty line, and none of its rows has a profile URL
    or anything in the 'Connected On' cell, in a file whose first table has
    connection dates. LinkedIn writes no empty line among its rows, so files
    without one are not looked at.
    """
    contacts = read.contacts
    cuts = sorted({b for b in read.breaks if 0 < b < len(contacts)})
    if not cuts or not dated or not any(c.connected_on for c in contacts[: cuts[0]]):
        return []
    dropped: list[int] = []
    for begin, end in zip(cuts, [*cuts[1:], len(contacts)], strict=True):
        block = contacts[begin:end]
        if all(c.connected_on is None and not c.url and c.line not in read.undated for c in block):
            dropped += [c.line for c in block]
    return dropped


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Pause the cyclic GC while building many NamedTuples.

    NamedTuple instances stay GC-tracked (only exact tuples get untracked), so
    full collections would walk every Contact built so far, again and again;
    the rows create no reference cycles to collect.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _connections_header(lines: list[str], source: str) -> tuple[int, str, Columns, bool, list[str]]:
    """Find the header among the first lines.

    Returns its line number, the separator, its columns, whether a preamble
    came before it, and its cells as written. A header is a line naming two
    or more of Connections.csv's columns in any spelling; one without a name
    column is refused, naming the columns it has.
    """
    preamble = False
    for number, line in enumerate(lines[:_HEADER_SCAN], 1):
        delimiter = sniff_delimiter(line)
        try:
            cells = next(csv.reader([line], delimiter=delimiter), [])
        except csv.Error:
            cells = []
        if len({column_key(c) for c in cells} & _KNOWN) >= 2 or any(
            column_key(c) in ("firstname", "lastname") for c in cells
        ):
            cols = header_columns(line, delimiter, source)
            if not any(name in cols for name in _NAMES):
                have = ", ".join(c.strip().lstrip("\ufeff") for c in cells if c.strip())
                raise ExportError(
                    f"{source}: no name column (First Name or Last Name); its columns are: {have}"
                )
            return number, delimiter, cols, preamble, [c.strip().lstrip("\ufeff") for c in cells]
        preamble = preamble or line.lstrip('\ufeff"').lower().startswith("notes:")
    raise ExportError(
        f"{source}: no 'First Name' header found in the first {_HEADER_SCAN} lines"
        " — is this a LinkedIn Connections.csv?"
    )


def _slashed_order(
    contacts: list[Contact], read: _Read, lines: list[str], delimiter: str, source: str
) -> tuple[list[Contact], str]:
    """Settle the order of slashed dates for the whole file: (contacts, a warning or '').

    Only for files with slashed dates without AM/PM (a spreadsheet's re-save;
    LinkedIn's own 2018 ``1/8/18, 6:14 PM`` is US order), also mixed with dates
    the spreadsheet left as LinkedIn wrote them (``01 Dec 2016``), which need no
    order. Read month first (LinkedIn's US order), the slashed dates are re-read
    day first when the file proves it: a first number above 12 (``13/05/2023``)
    and no second one. When no date proves either order (every day is 12 or
    less), a file separated by ``;`` is read day first: spreadsheets write ``;``
    in the locales that write the day first (most of Europe and Latin America).
    A ``,`` or tab file is read month first. Both say so in a warning.
    """
    raws = [raw for raw, on in read.cache.items() if on is not None]
    slashed = [raw for raw in raws if SLASHED.match(raw)]
    if not slashed or any(_AM_PM.search(raw) for raw in slashed):
        return contacts, ""
    firsts, seconds = zip(*(raw.split("/", 2)[:2] for raw in slashed), strict=True)
    if max(map(int, seconds)) > 12:
        return contacts, ""  # proved month first, as read
    note = ""
    if max(map(int, firsts)) <= 12:  # nothing proves either order
        example = min(slashed, key=len)
        on = parse_date(example)
        order = "day" if delimiter == ";" else "month"
        why = (
            "as spreadsheets that separate columns with ';' write them"
            if order == "day"
            else "as LinkedIn writes them"
        )
        if on is not None and order == "day":
            on = on.replace(month=on.day, day=on.month)
        shown = f"{on.day} {_MONTH_ABBR[on.month - 1]} {on.year}" if on else example
        note = (
            f"{source}: no date tells whether '{example}' is month/day or day/month (no"
            f" number above 12); read {order} first ({example} = {shown}), {why}"
        )
        if order == "month":
            return contacts, note
    mixed = len(slashed) < len(raws)  # then only the rows with a slashed date are re-read
    swapped = []
    for contact in contacts:
        on = contact.connected_on
        if (
            on is not None
            and on.day <= 12
            and (not mixed or SLASHED.match(_date_cell(contact.line, read, lines, delimiter)))
        ):
            contact = contact._replace(connected_on=on.replace(month=on.day, day=on.month))
        swapped.append(contact)
    return swapped, note


def _date_cell(line: int, read: _Read, lines: list[str], delimiter: str) -> str:
    """The 'Connected On' cell of the row on ``line``, read again (a rare path)."""
    di = next(d for start, d in reversed(read.segments) if start < line)
    try:
        row = next(csv.reader([lines[line - 1]], delimiter=delimiter), [])
    except csv.Error:
        return ""
    return row[di].strip() if 0 <= di < len(row) else ""
