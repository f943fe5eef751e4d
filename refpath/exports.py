"""Parse LinkedIn data exports ("Get a copy of your data") into plain records.

The record types every later layer receives are defined here. Pure functions
take bytes or text: ``decode_export`` (from ``refpath.textdecode``) turns a
file's bytes into text and ``parse_connections`` reads a Connections.csv in any
known variant.
``read_exports`` and ``read_export`` are thin wrappers over files, archive
folders, team folders and zips, which ``refpath.sources`` finds and reads (zips
in memory, never extracted). Nothing here touches the store. Message text is
never returned: messages are reduced to per-counterpart counts and dates as they
are parsed (see ``refpath.archive`` for the archive's files other than
Connections.csv, and ``refpath.dates`` for dates). The formats handled are
described in ``/work/shared/EXPORT_FORMATS.md``.
"""

from __future__ import annotations

import csv
import gc
import io
import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from itertools import chain
from operator import itemgetter
from pathlib import Path
from typing import NamedTuple

from refpath.dates import SLASHED
from refpath.dates import parse_date as _parse_date  # the name tests use
from refpath.errors import ExportError
from refpath.textdecode import decode_export, refuse_binary

__all__ = [
    "Contact",
    "ConnectionsFile",
    "EndorsementStats",
    "Export",
    "InvitationInfo",
    "MessageStats",
    "RecommendationInfo",
    "decode_export",
    "parse_connections",
    "read_export",
    "read_exports",
]


class Contact(NamedTuple):
    """One row of ``Connections.csv``: a member the owner is connected to."""

    first_name: str  #: as written, outer whitespace stripped
    last_name: str
    url: str  #: profile URL as written ('' in formats without a URL column)
    email: str  #: '' when absent; may hold 'urn:li:member:N'
    company: str
    position: str
    connected_on: date | None  #: None when the date could not be read
    line: int  #: 1-based line number in the file, for messages


@dataclass(frozen=True)
class ConnectionsFile:
    """What one ``Connections.csv`` holds."""

    contacts: tuple[Contact, ...]
    hidden: int  #: rows with only a date (hidden or deleted profiles), skipped
    fmt: str  #: "2018", "2021" (no URL column) or "current"
    warnings: tuple[str, ...]  #: e.g. invalid UTF-8 replaced, unreadable dates


class MessageStats(NamedTuple):
    """Messages between the owner and one counterpart, as counts and dates only."""

    name: str  #: counterpart's display name as written
    url: str  #: counterpart's profile URL ('' when the file has none)
    sent: int  #: messages the owner sent to them
    received: int  #: messages they sent to the owner
    first: date | None
    last: date | None


class InvitationInfo(NamedTuple):
    """A connection invitation between the owner and one counterpart."""

    name: str
    url: str  #: '' when absent; may be 'urn:li:member:N' in mid-2023 files
    direction: str  #: "INCOMING" (they invited the owner) or "OUTGOING"
    has_note: bool  #: whether the invitation carried a personal message
    sent_at: date | None


class EndorsementStats(NamedTuple):
    """Endorsements the owner received from one endorser."""

    name: str
    url: str  #: normalisable URL ('www.linkedin.com/in/slug' form) or ''
    count: int  # type: ignore[assignment]  # shadows tuple.count, by contract
    last: date | None


class RecommendationInfo(NamedTuple):
    """A written recommendation between the owner and one person (no text kept)."""

    name: str
    company: str
    given: bool  #: True: the owner wrote it; False: the owner received it
    created: date | None


@dataclass(frozen=True)
class Export:
    """One colleague's export: their connections plus the archive's other signals."""

    source: str  #: what to show the user: file, folder, or 'archive.zip'
    owner_name: str  #: from Profile.csv, --owner, or the file/folder name
    owner_from: str  #: "profile", "option" or "filename"
    owner_headline: str  #: Profile.csv Headline ('' if unknown)
    owner_url: str  #: the owner's own profile URL if the archive reveals it, else ''
    connections: ConnectionsFile
    messages: tuple[MessageStats, ...] = ()
    invitations: tuple[InvitationInfo, ...] = ()
    endorsements: tuple[EndorsementStats, ...] = ()
    recommendations: tuple[RecommendationInfo, ...] = ()
    fingerprint: str = ""  #: sha256 over the bytes read, to spot a re-added export
    exported_on: date | None = None  #: zip member or file modification date
    #: warnings about the archive's other files; Connections.csv's own warnings
    #: (decoding, dates) are in ``connections.warnings``, never repeated here
    warnings: tuple[str, ...] = ()


# ---------------------------------------------------------------- csv helpers


def _column_name(cell: str) -> str:
    """Header cell as a lookup key: no BOM or padding, one space, lower case."""
    return " ".join(cell.replace("\ufeff", "").replace("_", " ").split()).lower()


def _delimiter(line: str) -> str:
    """The separator of a header line: ',', ';' or tab, whichever is most used."""
    counts = {d: line.count(d) for d in ",;\t"}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def _header(line: str, delimiter: str, source: str) -> dict[str, int]:
    """Column key -> index of its first occurrence."""
    try:
        cells = next(csv.reader([line], delimiter=delimiter), [])
    except csv.Error as err:  # e.g. a giant field: not a header
        raise ExportError(f"{source}: the header line is not valid CSV ({err})") from err
    cols: dict[str, int] = {}
    for i, cell in enumerate(cells):
        cols.setdefault(_column_name(cell), i)
    return cols


def _missing(cols: dict[str, int], required: Sequence[str], source: str) -> None:
    """Raise ExportError naming the required columns that the header lacks."""
    missing = [name for name in required if name not in cols]
    if missing:
        names = ", ".join(f"'{name.title().replace('Url', 'URL')}'" for name in missing)
        plural = "s" if len(missing) > 1 else ""
        raise ExportError(f"{source}: missing column{plural} {names}")


def _open_table(
    text: str, source: str, required: Sequence[str]
) -> tuple[dict[str, int], Iterator[list[str]]]:
    """Header columns and the rows of a CSV whose header is its first line.

    For the archive's other files. Rows are padded to the header's width and
    fully empty lines skipped; malformed CSV raises ExportError.
    """
    refuse_binary(text, source)
    buf = io.StringIO(text.lstrip("\ufeff"), newline="")
    line = buf.readline()
    while line and not line.strip():
        line = buf.readline()
    if not line:
        raise ExportError(f"{source}: the file is empty")
    delimiter = _delimiter(line)
    cols = _header(line, delimiter, source)
    _missing(cols, required, source)
    return cols, _padded(csv.reader(buf, delimiter=delimiter), max(cols.values()) + 1, source)


def _padded(reader: Iterator[list[str]], width: int, source: str) -> Iterator[list[str]]:
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


# ------------------------------------------------------------- Connections.csv

_HEADER_SCAN = 20  # the header comes after at most a short preamble
_REQUIRED = ("first name", "last name", "connected on")
_US_DATETIME = re.compile(r"\d{1,2}/\d{1,2}/\d{2}, \d{1,2}:\d{2} [AP]M", re.ASCII)


def parse_connections(text: str, *, source: str = "<text>") -> ConnectionsFile:
    """Parse the text of a Connections.csv in any known variant.

    Finds the header among the first 20 lines (after any preamble, padded or
    not), detects the separator (``,``, ``;`` or tab) and reads columns by
    name, case-insensitively. Rows with only a date (hidden profiles) are
    counted and skipped; spreadsheet ``NA`` cells count as empty. Dates are
    read once per unique value.

    Parameters
    ----------
    text : str
        The file's text, e.g. from :func:`decode_export`.
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
        When the text is empty or binary, has no header or a required column
        (First Name, Last Name, Connected On) is missing, or no person is in it.

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
    >>> parse_connections("Name,Company\\nMara,Inkwell", source="demo.csv")
    Traceback (most recent call last):
    ...
    refpath.errors.ExportError: demo.csv: no 'First Name' header found in the first 20 lines — is this a LinkedIn Connections.csv?
    """  # noqa: E501
    if not text.strip("\ufeff \t\r\n,;"):
        raise ExportError(f"{source}: the file is empty")
    refuse_binary(text, source)
    if "\r" in text:  # CRLF, mixed, or old-Mac CR: one kind of line end
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    start, delimiter, cols, preamble = _connections_header(lines, source)
    with _gc_paused():
        found = _contacts(lines, start, delimiter, cols, source, spreadsheet_na="NA" in text)
    contacts, hidden, unreadable, cache, spans = found
    if not contacts:
        if hidden:
            raise ExportError(
                f"{source}: header found but no people in it — all {hidden} rows are hidden"
                " profiles (rows with only a date)"
            )
        raise ExportError(f"{source}: header found but no people in it")
    warnings: list[str] = []
    if unreadable:
        example = next(raw for raw, on in cache.items() if raw and on is None)
        warnings.append(
            f"{source}: {unreadable} 'Connected On' date{'s' if unreadable > 1 else ''}"
            f" could not be read (e.g. {example!r}); kept without a date"
        )
    if spans:  # LinkedIn never writes one: a stray quote swallowed the lines after it
        warnings.append(
            f"{source}: line {spans[0]}: a quoted field runs over several lines"
            f" ({len(spans)} such row{'s' if len(spans) > 1 else ''}); look for a stray '\"'"
        )
    contacts = _dayfirst_if_evident(contacts, cache)
    if "url" in cols or "profile url" in cols:
        fmt = "current"
    elif not preamble and any(_US_DATETIME.match(raw) for raw in cache):
        fmt = "2018"
    else:
        fmt = "2021"
    return ConnectionsFile(tuple(contacts), hidden, fmt, tuple(warnings))


def _contacts(
    lines: list[str],
    start: int,
    delimiter: str,
    cols: dict[str, int],
    source: str,
    spreadsheet_na: bool,
) -> tuple[list[Contact], int, int, dict[str, date | None], list[int]]:
    """Read the rows after the header.

    Returns the contacts, the number of hidden rows and of unreadable dates,
    the date cache, and the lines where a quoted field spans lines.
    ``spreadsheet_na`` says whether "NA" occurs in the text at all, so that
    most files skip the per-row check for NA cells.

    This loop is the hot path (50 exports x 20,000 rows). Lines without quotes
    are split with ``str.split``, which is faster than csv.reader; only the few
    with quotes go through the csv module. Contacts are built with
    ``tuple.__new__``, skipping NamedTuple's Python-level ``__new__``.
    """
    fi, li, di = cols["first name"], cols["last name"], cols["connected on"]
    ui = cols.get("url", cols.get("profile url", -1))
    ei = cols.get("email address", cols.get("email", -1))
    ci, pi = cols.get("company", -1), cols.get("position", -1)
    width = max(cols.values()) + 1
    # absent optional columns read the date column, then are blanked: no branch per cell
    pick = itemgetter(fi, li, *(i if i >= 0 else di for i in (ui, ei, ci, pi)), di)
    no_url, no_email, no_company, no_position = (i < 0 for i in (ui, ei, ci, pi))

    body = lines[start:]
    rest = iter(body)

    contacts: list[Contact] = []
    append = contacts.append
    new = tuple.__new__
    cache: dict[str, date | None] = {}
    hidden = unreadable = 0
    spans: list[int] = []  # lines where a quoted field runs into the next ones
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
                    spans.append(at)
            if len(row) < width:
                if not line.strip():
                    continue
                row += [""] * (width - len(row))
            if spreadsheet_na and "NA" in row:  # a spreadsheet's fill for empty cells
                row = ["" if cell == "NA" else cell for cell in row]
            first, last, url, email, company, position, raw = pick(row)
            first, last, raw = first.strip(), last.strip(), raw.strip()
            url = "" if no_url else url.strip()
            email = "" if no_email else email.strip()
            company = "" if no_company else company.strip()
            position = "" if no_position else position.strip()
            if not (first or last or url or email or company or position):
                hidden += raw != ""
                continue
            try:
                on = cache[raw]
            except KeyError:
                on = cache[raw] = _parse_date(raw)
            if on is None and raw:
                unreadable += 1
            append(new(Contact, (first, last, url, email, company, position, on, at)))
    except csv.Error as err:
        raise ExportError(f"{source}: line {at}: {err}") from err
    return contacts, hidden, unreadable, cache, spans


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


def _connections_header(lines: list[str], source: str) -> tuple[int, str, dict[str, int], bool]:
    """Find the header among the first lines: (its line number, separator, columns, preamble?)."""
    preamble = False
    for number, line in enumerate(lines[:_HEADER_SCAN], 1):
        if "first name" in line.lower():
            delimiter = _delimiter(line)
            cols = _header(line, delimiter, source)
            if "first name" in cols:
                _missing(cols, _REQUIRED, source)
                return number, delimiter, cols, preamble
        preamble = preamble or line.lstrip('\ufeff"').lower().startswith("notes:")
    raise ExportError(
        f"{source}: no 'First Name' header found in the first {_HEADER_SCAN} lines"
        " — is this a LinkedIn Connections.csv?"
    )


def _dayfirst_if_evident(contacts: list[Contact], cache: dict[str, date | None]) -> list[Contact]:
    """Re-read slashed dates day first when the file proves they are (e.g. 13/05/2023).

    Only for files whose dates are all slashed: a UK spreadsheet re-save. A
    date read month first with day <= 12 is then the same date with month and
    day swapped.
    """
    raws = [raw for raw in cache if raw]
    if not raws or not all(SLASHED.match(raw) for raw in raws):
        return contacts
    firsts, seconds = zip(*(raw.split("/", 2)[:2] for raw in raws), strict=True)
    if max(map(int, firsts)) <= 12 or max(map(int, seconds)) > 12:
        return contacts
    swapped = []
    for contact in contacts:
        on = contact.connected_on
        if on is not None and on.day <= 12:
            contact = contact._replace(connected_on=on.replace(month=on.day, day=on.month))
        swapped.append(contact)
    return swapped


def read_exports(paths: Sequence[Path], *, owner: str | None = None) -> Iterator[Export]:
    """Yield one Export per colleague found under ``paths`` (files, folders, zips).

    Each path may be a Connections.csv (any file name), a LinkedIn archive
    ``.zip``, an unzipped archive folder, or a team folder holding any mix of
    those, one per colleague. Zips are read in memory and never extracted.

    Parameters
    ----------
    paths : sequence of Path
        Files and folders given by the user.
    owner : str, optional
        The owner's full name, for a single export whose archive has no
        Profile.csv and whose file name does not name anyone.

    Yields
    ------
    Export
        In the order of ``paths``, and within a folder in sorted order.

    Raises
    ------
    ExportError
        On a missing path, a folder without exports, ``owner`` with several
        exports, an unreadable or unsafe zip, an export nobody can be named
        for, or a bad Connections.csv. Problems with the archive's other files
        only add warnings.
    """
    from refpath import sources  # imported here: sources builds on this module

    located = sources.locate(paths)
    if owner is not None and len(located) != 1:
        raise ExportError(
            f"--owner needs a single export, but {len(located)} were found: "
            + ", ".join(str(found.path) for found in located[:5])
            + (", ..." if len(located) > 5 else "")
        )
    for found in located:
        yield sources.load(found, owner)


def read_export(path: Path, *, owner: str | None = None) -> Export:
    """Read the single export at ``path``; see :func:`read_exports`.

    Raises
    ------
    ExportError
        As :func:`read_exports`, and when ``path`` holds several exports.
    """
    from refpath import sources

    located = sources.locate([path])
    if len(located) != 1:
        raise ExportError(f"{path}: holds {len(located)} exports; add it as a team folder")
    return sources.load(located[0], owner)
