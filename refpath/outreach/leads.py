"""Read a lead list, and match its rows to people: the prospects ``refpath plan`` plans for.

A lead list is what a CRM or Sales Navigator exports, or what a seller types:
a CSV (``,``, ``;`` or tab; with or without a BOM) whose header has a ``Name``
column or ``First Name``/``Last Name``, optionally ``Company`` and a profile
``URL``/``Profile URL``/``LinkedIn URL``; every other column is kept and passed
through to the plan. A file whose first line is not such a header is read as
a plain list, one name (or profile URL) per line. :func:`parse_prospects` is
pure (text in, records out); :func:`read_prospects` reads and decodes a file.
Every problem is a :class:`ProspectListError` naming the file and line.
:func:`match_prospect` finds the one person a row means, or says why not:
several people match (ambiguous) or none (not found); it never guesses.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path

from refpath.errors import ExportError, ProspectListError
from refpath.identity import canonical_url, company_key, display_name, name_key, profile_key
from refpath.routes.people import Person, close_people_at, find_people, prospect_at
from refpath.store.db import Store

__all__ = [
    "Prospect",
    "ProspectList",
    "match_prospect",
    "parse_prospects",
    "person_key",
    "read_prospects",
]

_NAME = {"name", "fullname", "contactname", "leadname", "prospect", "prospectname"}
_FIRST = {"firstname", "givenname", "first", "forename"}
_LAST = {"lastname", "surname", "familyname", "last"}
_COMPANY = {
    "company", "companyname", "account", "accountname", "organization", "organisation",
    "currentcompany", "employer",
}  # fmt: skip
_URL = {
    "url", "profileurl", "linkedinurl", "linkedinprofileurl", "linkedin", "linkedinprofile",
    "publicprofileurl", "profile",
}  # fmt: skip
_DELIMITERS = (",", ";", "\t")
_HEADER_SEARCH = 10  # a header may follow a short preamble (export notes, a title line)
_SHOWN = 5  # line numbers quoted in one warning
MAX_LIST = 64 * 2**20  # a lead list of 64 MB holds about a million prospects
_WORDS = re.compile(r"[^\W\d_][^\W\d_ .'’-]*(?:[ .'’-]+[^\W\d_]+)*\.?")  # "Anne-Marie O'Neil"

_Header = tuple[int, str, dict[str, int]]  # (line index, delimiter, column index per role)


@dataclass(frozen=True)
class Prospect:
    """One row of a lead list."""

    name: str  #: display name as written ('' when the row only has a profile URL)
    company: str  #: '' when the list has no company for them
    url: str  #: profile URL as written, or ''
    line: int  #: 1-based line in the file where the row starts
    extra: tuple[str, ...] = ()  #: values of :attr:`ProspectList.extra_columns`, in order

    @property
    def label(self) -> str:
        """How to show this prospect: the name, else the URL."""
        return self.name or self.url


@dataclass(frozen=True)
class ProspectList:
    """What one lead-list file holds."""

    source: str  #: the file, for messages
    prospects: tuple[Prospect, ...]
    extra_columns: tuple[str, ...] = ()  #: passed-through columns, in file order
    warnings: tuple[str, ...] = ()
    url_column: str = ""  #: the header of the list's own profile URL column, if it has one


def _header_key(cell: str) -> str:
    """A header cell for recognising a column: letters and digits only, case-folded."""
    return re.sub(r"[^a-z0-9]", "", cell.casefold())


def _cells(line: str, delimiter: str) -> list[str]:
    try:
        return next(csv.reader([line], delimiter=delimiter), [])
    except csv.Error:
        return []


def _roles(cells: list[str]) -> dict[str, int] | None:
    """Column index per role (name, first, last, company, url), or None if not a header."""
    roles: dict[str, int] = {}
    for i, cell in enumerate(cells):
        folded = _header_key(cell)
        for role, names in (
            ("name", _NAME), ("first", _FIRST), ("last", _LAST),
            ("company", _COMPANY), ("url", _URL),
        ):  # fmt: skip
            if folded in names and role not in roles:
                roles[role] = i
                break
    if {"name", "first", "last", "url"} & roles.keys():
        return roles
    return None


def _find_header(lines: list[str]) -> _Header | None:
    """(line index, delimiter, roles) of the header among the first lines, if any."""
    seen = 0
    for index, line in enumerate(lines):
        if not line.strip():
            continue
        # The delimiter that splits the line into the most recognised columns wins.
        best: _Header | None = None
        for delimiter in _DELIMITERS:
            roles = _roles(_cells(line, delimiter))
            if roles is not None and (best is None or len(roles) > len(best[2])):
                best = (index, delimiter, roles)
        if best is not None:
            return best
        seen += 1
        if seen >= _HEADER_SEARCH:
            break
    return None


def _first_last(name: str) -> str:
    """``"Doe, Jane"`` (a CRM's Last, First) as ``"Jane Doe"``; credentials stay at the end.

    >>> _first_last("Doe, Jane"), _first_last("Smith, MBA"), _first_last("Doe, Jane, PhD")
    ('Jane Doe', 'Smith, MBA', 'Jane Doe, PhD')
    >>> _first_last('=HYPERLINK("http://x","y")'), _first_last("O'Neil, Anne-Marie J.")
    ('=HYPERLINK("http://x","y")', "Anne-Marie J. O'Neil")
    """
    parts = [p.strip() for p in name.split(",")]
    if len(parts) < 2:
        return name
    credentials: list[str] = []
    while len(parts) > 1 and name_key(f"{parts[0]}, {parts[-1]}") == name_key(parts[0]):
        credentials.insert(0, parts.pop())
    if len(parts) != 2 or not all(_WORDS.fullmatch(p) for p in parts):
        return name
    return ", ".join([f"{parts[1]} {parts[0]}", *credentials])


def _some(lines: list[int]) -> str:
    shown = ", ".join(map(str, lines[:_SHOWN]))
    more = f" (and {len(lines) - _SHOWN} more)" if len(lines) > _SHOWN else ""
    return f"line{'s' if len(lines) > 1 else ''} {shown}{more}"


def _column_names(header: list[str], used: set[int]) -> list[tuple[int, str]]:
    """(index, unique display name) of the columns passed through."""
    names: list[tuple[int, str]] = []
    taken: set[str] = set()
    for i, cell in enumerate(header):
        if i in used:
            continue
        base = " ".join(cell.split()) or f"column {i + 1}"
        name, n = base, 2
        while name.casefold() in taken:
            name, n = f"{base} ({n})", n + 1
        taken.add(name.casefold())
        names.append((i, name))
    return names


def _parse_table(source: str, lines: list[str], found: _Header) -> ProspectList:
    index, delimiter, roles = found
    header = _cells(lines[index], delimiter)
    columns = _column_names(header, set(roles.values()))
    body = io.StringIO("".join(lines[index + 1 :]))
    reader = csv.reader(body, delimiter=delimiter, strict=True)
    prospects: list[Prospect] = []
    nameless: list[int] = []
    long_rows: list[int] = []
    headers: list[int] = []  # the header again (two lists pasted together): not a prospect
    folded_header = [_header_key(c) for c in header]
    start = index + 2
    rows: list[tuple[int, list[str]]] = []
    try:
        for row in reader:
            rows.append((start, row))
            start = index + 2 + reader.line_num
    except csv.Error as err:
        what = (
            "a quoted cell starting on this line is never closed"
            if "end of data" in str(err)
            else f"broken quoting ({err}); a cell holding quotes or {delimiter!r} must be "
            'quoted, with inner quotes doubled ("")'
        )
        raise ProspectListError(f"{source}:{start}: {what}") from err

    def cell(row: list[str], role: str) -> str:
        i = roles.get(role)
        return row[i].strip() if i is not None and i < len(row) else ""

    for line, row in rows:
        if not any(c.strip() for c in row):
            continue
        if [_header_key(c) for c in row[: len(header)]] == folded_header:
            headers.append(line)
            continue
        if len(row) > len(header):
            long_rows.append(line)
        name = _first_last(display_name(cell(row, "name")))
        name = name or display_name(cell(row, "first"), cell(row, "last"))
        url = cell(row, "url")
        if not name_key(name) and not profile_key(url):  # '', '%', '*': would match anyone
            nameless.append(line)
            continue
        extra = tuple(row[i].strip() if i < len(row) else "" for i, _ in columns)
        prospects.append(Prospect(name, display_name(cell(row, "company")), url, line, extra))
    # Unnamed columns with nothing in them (trailing delimiters) are not worth passing on.
    keep = [
        k
        for k, (i, _) in enumerate(columns)
        if header[i].strip() or any(p.extra[k] for p in prospects)
    ]
    if len(keep) < len(columns):
        prospects = [
            Prospect(p.name, p.company, p.url, p.line, tuple(p.extra[k] for k in keep))
            for p in prospects
        ]
    warnings = []
    if any(line.strip() for line in lines[:index]):
        warnings.append(f"{source}: lines 1–{index} before the header were skipped")
    if nameless:
        warnings.append(f"{source}: {_some(nameless)}: no name or profile URL; skipped")
    if headers:
        warnings.append(f"{source}: {_some(headers)}: the header line again; skipped")
    if long_rows:
        warnings.append(
            f"{source}: {_some(long_rows)}: more cells than the header has columns; "
            "the extra cells were ignored"
        )
    if not prospects:
        raise ProspectListError(
            f"{source}: no prospects found: every row below the header on line {index + 1} "
            "is empty or has no name"
        )
    url_header = " ".join(header[roles["url"]].split()) if "url" in roles else ""
    return ProspectList(
        source, tuple(prospects), tuple(columns[k][1] for k in keep), tuple(warnings), url_header
    )


def _parse_plain(source: str, lines: list[str]) -> ProspectList:
    prospects: list[Prospect] = []
    nameless: list[int] = []
    for number, raw in enumerate(lines, 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if profile_key(line):
            prospects.append(Prospect("", "", line, number))
        elif name_key(line):
            prospects.append(Prospect(_first_last(display_name(line)), "", "", number))
        else:  # symbols only: would match anyone whose name folds to nothing
            nameless.append(number)
    if not prospects:
        raise ProspectListError(
            f"{source}: no prospects found (only blank, comment or symbol-only lines)"
        )
    skipped = f"{source}: {_some(nameless)}: no name or profile URL; skipped"
    return ProspectList(source, tuple(prospects), warnings=(skipped,) if nameless else ())


def parse_prospects(text: str, source: str = "<prospects>") -> ProspectList:
    """Parse a lead list (a CSV with a name header, or one name per line).

    Parameters
    ----------
    text : str
        The file's text (already decoded; a leading BOM is ignored).
    source : str
        Name of the file, used in messages.

    Returns
    -------
    ProspectList
        The prospects in file order, the passed-through columns, and warnings.

    Raises
    ------
    ProspectListError
        When the file is empty, a CSV has no name column, quoting is broken, or
        no row names anyone.

    Examples
    --------
    >>> lst = parse_prospects("First Name;Last Name;Company;Notes\\nJane;Doe;Acme;hot\\n")
    >>> lst.prospects[0].name, lst.prospects[0].company, lst.extra_columns, lst.prospects[0].extra
    ('Jane Doe', 'Acme', ('Notes',), ('hot',))
    >>> [p.label for p in parse_prospects("Jane Doe\\nlinkedin.com/in/sam-lee\\n").prospects]
    ['Jane Doe', 'linkedin.com/in/sam-lee']
    """
    text = text.removeprefix("\ufeff")
    if not text.strip():
        raise ProspectListError(f"{source}: the file is empty; give one prospect per line")
    lines = list(io.StringIO(text, newline=""))  # split at \r, \n, \r\n only, as csv does
    found = _find_header(lines)
    if found is not None:
        return _parse_table(source, lines, found)
    first_no, first = next((i, x) for i, x in enumerate(lines, 1) if x.strip())
    for delimiter in _DELIMITERS:
        if sum(1 for c in _cells(first, delimiter) if c.strip()) > 1:
            raise ProspectListError(
                f"{source}:{first_no}: no 'Name' or 'First Name'/'Last Name' column in the "
                "header; add one, or give one name per line"
            )
    return _parse_plain(source, lines)


def read_prospects(path: Path) -> ProspectList:
    """Read and parse a lead-list file (UTF-8 with or without BOM, UTF-16, cp1252).

    Raises :class:`ProspectListError` naming ``path`` when it cannot be read
    or parsed, at once for anything but a regular file (a FIFO, ``/dev/zero``),
    and for a file over 64 MB.
    """
    from refpath.exports.locate import read_regular
    from refpath.exports.text import decode_export

    path = Path(path)
    data = read_regular(path, MAX_LIST, "a lead list", ProspectListError)
    try:
        text, warnings = decode_export(data, str(path))
    except ExportError as err:
        raise ProspectListError(
            f"{path}: this looks like a binary file (a spreadsheet?), not a CSV or text list; "
            "save it as CSV"
        ) from err
    found = parse_prospects(text, str(path))
    if warnings:
        found = ProspectList(
            found.source, found.prospects, found.extra_columns, (*warnings, *found.warnings),
            found.url_column,
        )  # fmt: skip
    return found


# -- matching rows to people ----------------------------------------------------


def person_key(person: Person) -> str:
    """The key a person is logged under; prospects in no export get one from URL or name.

    >>> person_key(Person(0, "", "Jane Doe", "Acme Inc", "", "", ()))
    'nm:jane doe|acme'
    """
    if person.key:
        return person.key
    return profile_key(person.url) or f"nm:{name_key(person.name)}|{company_key(person.company)}"


def match_prospect(store: Store, prospect: Prospect) -> tuple[Person | None, str, str]:
    """(person, status, note) for one list row; status is '' when exactly one person matches.

    A profile URL is matched by URL only; a name is matched folded, narrowed
    by the company when the row has one, as ``refpath to NAME --company``
    does. A name in no export at a company the data knows becomes a prospect
    reached through that company (``id == 0``, inferred routes only). Else
    status is ``"ambiguous"`` or ``"not found"`` and the note says why. A name
    close to someone's at that company (a misspelling) is never made a prospect:
    the status is ``"check the name"`` and the note names the candidate.
    """
    from dataclasses import replace

    url = canonical_url(prospect.url) if profile_key(prospect.url) else ""
    company = prospect.company if company_key(prospect.company) else None
    people = find_people(store, url or prospect.name, company=company)
    if len(people) == 1:
        return people[0], "", ""
    if people:
        who = "; ".join(
            ", ".join(x for x in (p.name, p.position, p.company) if x) for p in people[:5]
        )
        more = f" and {len(people) - 5} more" if len(people) > 5 else ""
        return None, "ambiguous", f"{len(people)} people match: {who}{more}; add a company or URL"
    if company and prospect.name and not url:
        close = close_people_at(store, prospect.name, company)
        if close:
            said = " or ".join(f"{p.name} ({p.company})" for p in close)
            note = (
                f"no one called {prospect.label} at {prospect.company}; did you mean {said}? "
                "(someone else: give their profile URL in the list)"
            )
            return None, "check the name", note
    found = prospect_at(store, prospect.name, company) if company and prospect.name else None
    if found is not None:
        return replace(found, url=url), "", "in no export; reached through their company"
    where = f" at {prospect.company}" if company else ""
    return None, "not found", f"no one called {prospect.label}{where} in the store"
