"""Read a lead list, and match its rows to people: the prospects ``refpath plan`` plans for.

A lead list is what a CRM, a prospecting tool or Sales Navigator exports, or what a
seller types: a CSV (``,``, ``;`` or tab; with or without a BOM) whose header has a name
column or first and last name columns, optionally a company and a profile URL; every
other column is kept and passed through to the plan. Columns are recognised by exact
aliases (``Name``, ``Company``, ``LinkedIn URL``), else by the words in their header
(``Person - Name``, ``Deal - Organization``, ``Person Linkedin Url``; a header naming a
company is never the person's); of several URL columns the one holding public profile
URLs is the person's. A file whose first line is not such a header is read as a plain
list, one name (or profile URL) per line. :func:`parse_prospects` is pure (text in,
records out); :func:`read_prospects` reads and decodes a file. Every problem is a
:class:`ProspectListError` naming the file and line. :func:`match_prospect` finds the
one person a row means, or says why not: several people match (ambiguous) or none
(not found); it never guesses.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
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
# Headers no alias above spells are read by their words ("Person - Name", "Contact: Full
# Name", "Deal - Organization", "Person Linkedin Url", "LinkedIn Company Profile URL").
_WHO = {"person", "contact", "lead", "prospect", "who"}  # whose column it is, or a name
_PREFIX = {"deal"}  # a CRM's object prefix: Pipedrive's "Deal - Contact person"
_FULL = {"full", "display", "complete"}
_FIRST_WORDS = [{"first"}, {"first", "name"}, {"given"}, {"given", "name"}, {"forename"},
                {"vorname"}, {"prenom"}]  # fmt: skip
_LAST_WORDS = [{"last"}, {"last", "name"}, {"surname"}, {"family", "name"}, {"nachname"},
               {"familienname"}, {"apellido"}, {"apellidos"}]  # fmt: skip
# French "Nom" is the surname beside "Prénom", Spanish "Nombre" the given name beside
# "Apellidos"; each alone is the whole name.
_HALF = {"nom": "last", "nombre": "first"}
_FIRM = {
    "company", "organization", "organisation", "org", "account", "employer", "firm", "firma",
    "unternehmen", "societe", "entreprise", "empresa", "companies", "accounts", "organizations",
}  # fmt: skip
_FIRM_NOISE = {"name", "current", "associated", "target", "primary", *_PREFIX, *_WHO}
_LINK = {"linkedin", "li", "url", "profile", "link"}
_LINK_NOISE = {"public", "default", "regular", "full", "main", "personal", *_WHO}
_NOT_PUBLIC = {"sales", "navigator", "recruiter"}  # a person's page, but not a public profile
_FIELDS = {
    "email", "e", "mail", "address", "phone", "mobile", "number", "title", "job", "notes",
    "note", "website", "domain", "city", "country", "id", "status", "owner", "name", *_FIRM,
}  # fmt: skip  # a lone header cell of these is a header without a name column
_LINKEDIN = re.compile(r"(?i)linked[ _-]?in")  # "linkedInProfileUrl", "Linked In"
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")
_LOOKUP = re.compile(r"(?i)\(from [^)]*\)")  # Airtable's "Company (from Companies)"
_COMPANY_PAGE = re.compile(r"(?i)linkedin\.com/(?:company|school|showcase)/")
_SALES_NAV = re.compile(r"(?i)linkedin\.com/(?:sales|talent|recruiter)/")
_MEMBER_ID = re.compile(r"^in:ac[a-z]aa[a-z0-9_-]{24,}$")  # /in/ACwAA...: an id, not a slug
_SEP_LINE = re.compile(r"^sep=.?\s*$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_DELIMITERS = (",", ";", "\t")
_HEADER_SEARCH = 10  # a header may follow a short preamble (export notes, a title line)
_SHOWN = 5  # line numbers quoted in one warning
_COLUMNS_SHOWN = 12  # a header's columns quoted in one error
MAX_LIST = 64 * 2**20  # a lead list of 64 MB holds about a million prospects
_WORDS = re.compile(r"[^\W\d_][^\W\d_ .'’-]*(?:[ .'’-]+[^\W\d_]+)*\.?")  # "Anne-Marie O'Neil"

# (line index, delimiter, column index per role, every possible profile URL column)
_Header = tuple[int, str, dict[str, int], tuple[int, ...]]


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


def _words(cell: str) -> set[str]:
    """The words of a header cell, case- and accent-folded, numbers left out.

    >>> sorted(_words("linkedInProfileUrl")), sorted(_words("Société (2)"))
    (['linkedin', 'profile', 'url'], ['societe'])
    """
    text = _CAMEL.sub(" ", _LINKEDIN.sub(" linkedin ", _LOOKUP.sub(" ", cell)))
    text = unicodedata.normalize("NFKD", text.casefold())
    text = "".join(c for c in text if not unicodedata.combining(c))
    return {w for w in re.split(r"[\W_]+", text) if w and not w.isdigit()}


def _role(cell: str) -> tuple[str, int] | None:
    """(role, strength) of one header cell: 3 an exact alias, 2 by its words, 1 a guess.

    >>> _role("Person - Name"), _role("Deal - Organization"), _role("Person Linkedin Url")
    (('name', 2), ('company', 2), ('url', 2))
    >>> _role("Company LinkedIn URL"), _role("Contact Owner"), _role("Middle Name")
    (None, None, None)
    >>> _role("Who"), _role("Sales Navigator URL"), _role("ZoomInfo Contact Profile URL")
    (('name', 1), ('url', 1), None)
    """
    key = _header_key(cell)
    for role, names in (
        ("name", _NAME), ("first", _FIRST), ("last", _LAST), ("company", _COMPANY), ("url", _URL),
    ):  # fmt: skip
        if key in names:
            return role, 3
    words = _words(cell)
    if words & _FIRM:  # a company's column: its name, or else not the person's at all
        return ("company", 2) if not words - _FIRM - _FIRM_NOISE else None
    rest = words - _WHO - _PREFIX
    if rest and rest - _FULL == {"name"}:
        return "name", 2
    if rest in _FIRST_WORDS:
        return "first", 2
    if len(rest) == 1 and min(rest) in _HALF:
        return _HALF[min(rest)], 1
    if rest in _LAST_WORDS:
        return "last", 2
    if not rest and words & _WHO:  # "Who", "Contact person"
        return "name", 1
    if words & _LINK and not rest - _LINK - _LINK_NOISE - _NOT_PUBLIC:
        return "url", 1 if rest & _NOT_PUBLIC else 2
    return None


def _roles(cells: list[str]) -> tuple[dict[str, int], tuple[int, ...]] | None:
    """(column index per role, URL columns), or None if not a header.

    Each role takes its strongest column, the first of equals; a guessed name
    column ("Who") gives way to first and last name columns, and counts only
    beside a company or URL column.
    """
    best: dict[str, tuple[int, int]] = {}
    urls: list[tuple[int, int]] = []
    for i, cell in enumerate(cells):
        found = _role(cell)
        if found is None:
            continue
        role, strength = found
        if role == "url":
            urls.append((-strength, i))
        if role not in best or strength > best[role][0]:
            best[role] = (strength, i)
    for half, other in (("first", "last"), ("last", "first")):
        if best.get(half, (3, 0))[0] == 1 and other not in best:  # "Nom" alone: the name
            strength, i = best.pop(half)
            if "name" not in best:
                best["name"] = (strength, i)
    if best.get("name", (3, 0))[0] == 1 and (
        {"first", "last"} & best.keys() or not {"company", "url"} & best.keys()
    ):  # a guessed name column gives way, and alone ("Who") is too little for a header
        del best["name"]
    roles = {role: i for role, (_, i) in best.items()}
    if {"name", "first", "last", "url"} & roles.keys():
        return roles, tuple(i for _, i in sorted(urls))  # strongest first
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
            found = _roles(_cells(line, delimiter))
            if found is not None and (best is None or len(found[0]) > len(best[2])):
                best = (index, delimiter, *found)
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


def _without_footer(
    rows: list[tuple[int, list[str]]], width: int
) -> tuple[list[tuple[int, list[str]]], list[int]]:
    """(rows, lines of a report's footer): lines of one cell, after a blank line, at the end.

    A Salesforce report ends in its title, a copyright line and "Generated By": no
    delimiter on those lines, so one cell each, below the table and a blank line.
    """
    if width < 2:
        return rows, []
    end = len(rows)
    while end and len(rows[end - 1][1]) <= 1:
        end -= 1
    blank = next((k for k in range(end, len(rows)) if not "".join(rows[k][1]).strip()), None)
    if blank is None:
        return rows, []
    footer = [line for line, row in rows[blank:] if "".join(row).strip()]
    return rows[:blank], footer


def _url_column(
    rows: list[tuple[int, list[str]]], roles: dict[str, int], urls: tuple[int, ...]
) -> tuple[dict[str, int], list[int]]:
    """(roles with the person's profile URL column chosen by its cells, company-page columns).

    Of several URL columns, the one holding the most public profile URLs is the
    person's (a Sales Navigator link, an id URL come after); a column holding more
    company pages (``linkedin.com/company/``) than profiles is never the person's.
    """
    roles = {role: i for role, i in roles.items() if role != "url"}
    best: tuple[int, int, int, int] | None = None
    pages: list[int] = []
    for rank, i in enumerate(urls):
        cells = [row[i].strip() for _, row in rows if i < len(row)]
        keys = [profile_key(c) for c in cells]
        profiles = sum(1 for k in keys if k)
        public = sum(1 for k in keys if k and not _MEMBER_ID.match(k))
        if sum(1 for c in cells if _COMPANY_PAGE.search(c)) > profiles:
            pages.append(i)
            continue
        if best is None or (public, profiles, -rank) > best[:3]:
            best = (public, profiles, -rank, i)
    if best is not None:
        roles["url"] = best[3]
    return roles, pages


def _parse_table(source: str, lines: list[str], found: _Header) -> ProspectList:
    index, delimiter, roles, urls = found
    header = _cells(lines[index], delimiter)
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
    rows, footer = _without_footer(rows, len(header))
    roles, company_pages = _url_column(rows, roles, urls)
    columns = _column_names(header, set(roles.values()))
    sales_nav: list[int] = []  # nameless rows with a Sales Navigator link
    sales_nav_named = False

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
        given = cell(row, "first")
        if name and given and " " not in name and name_key(given) not in ("", name_key(name)):
            name = display_name(given, name)  # German "Vorname;Name": Name is the surname
        name = name or display_name(given, cell(row, "last"))
        if _EMAIL.match(name):  # an address in the name column is not a name
            name = ""
        url = cell(row, "url")
        if not name_key(name) and not profile_key(url):  # '', '%', '*': would match anyone
            (sales_nav if _SALES_NAV.search(url) else nameless).append(line)
            continue
        sales_nav_named = sales_nav_named or bool(_SALES_NAV.search(url))
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
    # Excel's "sep=;" first line names the delimiter: not a preamble worth a warning
    if any(line.strip() and not _SEP_LINE.match(line) for line in lines[:index]):
        where = "line 1" if index == 1 else f"lines 1–{index}"
        warnings.append(
            f"{source}: {where} before the header {'was' if index == 1 else 'were'} skipped"
        )
    if nameless:
        warnings.append(f"{source}: {_some(nameless)}: no name or profile URL; skipped")
    url_header = " ".join(header[roles["url"]].split()) if "url" in roles else ""
    if sales_nav:
        warnings.append(
            f"{source}: {_some(sales_nav)}: a Sales Navigator link but no name; such links are "
            "not public profile URLs and cannot be matched; skipped"
        )
    if sales_nav_named:
        warnings.append(
            f"{source}: column {url_header!r} holds Sales Navigator links, not public profile "
            "URLs: those rows are matched by name and company"
        )
    for i in company_pages:
        warnings.append(
            f"{source}: column {' '.join(header[i].split())!r} holds company pages "
            "(linkedin.com/company/...), not people's profiles; passed through, not matched"
        )
    if footer:
        warnings.append(
            f"{source}: {_some(footer)}: one cell each below the table (a report's footer); skipped"
        )
    if headers:
        warnings.append(f"{source}: {_some(headers)}: the header line again; skipped")
    if long_rows:
        warnings.append(
            f"{source}: {_some(long_rows)}: more cells than the header has columns; "
            "the extra cells were ignored"
        )
    if not prospects:
        why = (
            "; Sales Navigator links (linkedin.com/sales/...) are not public profile URLs and "
            "cannot be matched: add the names, or export public profile URLs"
            if sales_nav
            else ""
        )
        raise ProspectListError(
            f"{source}: no prospects found: every row below the header on line {index + 1} "
            f"is empty or has no name{why}"
        )
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
        elif name_key(line) and not _EMAIL.match(line):
            prospects.append(Prospect(_first_last(display_name(line)), "", "", number))
        else:  # symbols only (would match anyone whose name folds to nothing), an address
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
        cells = [c for c in _cells(first, delimiter) if c.strip()]
        if len(cells) > 1 or set() < _words(first) <= _FIELDS:  # a header without a name ("Email")
            shown = ", ".join(" ".join(c.split()) for c in cells[:_COLUMNS_SHOWN])
            more = f" and {len(cells) - _COLUMNS_SHOWN} more" if len(cells) > _COLUMNS_SHOWN else ""
            raise ProspectListError(
                f"{source}:{first_no}: no 'Name' or 'First Name'/'Last Name' column in the "
                f"header (its columns: {shown}{more}); add one, or a LinkedIn URL column, or "
                "give one name per line"
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

    A profile URL is matched by URL only (but an id URL, ``/in/ACwAA...``, which no
    export holds, falls back to the name); a name is matched folded, narrowed
    by the company when the row has one, as ``refpath to NAME --company``
    does. A name in no export at a company the data knows becomes a prospect
    reached through that company (``id == 0``, inferred routes only). Else
    status is ``"ambiguous"`` or ``"not found"`` and the note says why. A name
    close to someone's at that company (a misspelling) is never made a prospect:
    the status is ``"check the name"`` and the note names the candidate.
    """
    from dataclasses import replace

    key = profile_key(prospect.url)
    url = canonical_url(prospect.url) if key else ""
    company = prospect.company if company_key(prospect.company) else None
    people = find_people(store, url or prospect.name, company=company)
    if not people and key and _MEMBER_ID.match(key) and name_key(prospect.name):
        # /in/ACwAA...: LinkedIn's id for the member, never the slug an export holds
        url = ""
        people = find_people(store, prospect.name, company=company)
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
