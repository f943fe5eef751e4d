"""Write LinkedIn export files byte-exactly as LinkedIn and spreadsheets do.

The writers here render ``Connections.csv`` in each real variant (the current
format, the 2021 no-URL file, the 2018 file, a spreadsheet re-save and a European
re-save), ``messages.csv`` and ``Profile.csv``, with LinkedIn's preamble, quoting,
date styles, line endings and slugs, and write the text without any newline
translation. ``refpath._synth.teams`` (the seeded team generator) and
``refpath._synth.sample_team`` (the committed demo team) build their files with them.
Standard library only.
"""

from __future__ import annotations

import base64
import random
import unicodedata
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import NamedTuple
from urllib.parse import quote

PROFILE_URL = "https://www.linkedin.com/in/"
#: The three preamble lines LinkedIn has written above the header since 2021.
PREAMBLE = (
    "Notes:\n"
    '"When exporting your connection data, you may notice that some of the email addresses are'
    " missing. You will only see email addresses for connections who have allowed their"
    " connections to see or download their email address using this setting"
    " https://www.linkedin.com/psettings/privacy/email. You can learn more here"
    ' https://www.linkedin.com/help/linkedin/answer/261"\n'
    "\n"
)
HEADER_CURRENT = "First Name,Last Name,URL,Email Address,Company,Position,Connected On"
HEADER_NO_URL = "First Name,Last Name,Email Address,Company,Position,Connected On"
HEADER_MESSAGES = (
    "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,"
    "RECIPIENT PROFILE URLS,DATE,SUBJECT,CONTENT,FOLDER"
)
HEADER_PROFILE = (
    "First Name,Last Name,Maiden Name,Address,Birth Date,Headline,Summary,Industry,"
    "Zip Code,Geo Location,Twitter Handles,Websites,Instant Messengers"
)
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")

#: The day the invented team's current exports were downloaded.
EXPORT_DAY = date(2026, 11, 20)


def csv_field(value: str, sep: str = ",") -> str:
    """Quote one CSV field the way LinkedIn and spreadsheets do (only when needed).

    Examples
    --------
    >>> csv_field('Smith, MBA'), csv_field('James "Tyler"'), csv_field("Ana")
    ('"Smith, MBA"', '"James ""Tyler""\"', 'Ana')
    """
    if sep in value or '"' in value or "\n" in value or "\r" in value:
        return '"' + value.replace('"', '""') + '"'
    return value


def csv_line(fields: Iterable[str], sep: str = ",") -> str:
    """Join fields into one CSV line (no line ending)."""
    return sep.join(csv_field(f, sep) for f in fields)


def date_text(when: date, style: str) -> str:
    """Render a date or datetime as one of the LinkedIn or spreadsheet styles.

    Parameters
    ----------
    when : date or datetime
        Styles with a time of day need a ``datetime``.
    style : str
        ``"current"`` (``13 Feb 2026``), ``"us"`` (``1/8/18, 6:14 PM``: 2018
        connections, invitations), ``"sheet"`` (``5-Jan-26``), ``"euro"``
        (``05.01.2026``), ``"message"`` (``2024-03-01 10:22:05 UTC``),
        ``"endorsement"`` (``2022/04/01 11:05:54 UTC``), ``"recommendation"``
        (``04/12/24, 10:03 AM``) or ``"month"`` (``Jun 2018``).

    Examples
    --------
    >>> date_text(date(2026, 2, 3), "current"), date_text(date(2026, 1, 5), "sheet")
    ('03 Feb 2026', '5-Jan-26')
    >>> date_text(datetime(2018, 1, 8, 18, 14), "us")
    '1/8/18, 6:14 PM'
    """
    mon = MONTHS[when.month - 1]
    if style == "current":
        return f"{when.day:02d} {mon} {when.year}"
    if style == "sheet":
        return f"{when.day}-{mon}-{when.year % 100:02d}"
    if style == "euro":
        return f"{when.day:02d}.{when.month:02d}.{when.year}"
    if style == "month":
        return f"{mon} {when.year}"
    assert isinstance(when, datetime), style
    ampm = "PM" if when.hour >= 12 else "AM"
    h12 = when.hour % 12 or 12
    if style == "us":
        return f"{when.month}/{when.day}/{when.year % 100:02d}, {h12}:{when.minute:02d} {ampm}"
    if style == "recommendation":
        return when.strftime("%m/%d/%y, ") + f"{h12:02d}:{when.minute:02d} {ampm}"
    if style == "message":
        return when.strftime("%Y-%m-%d %H:%M:%S UTC")
    if style == "endorsement":
        return when.strftime("%Y/%m/%d %H:%M:%S UTC")
    raise ValueError(f"unknown date style {style!r}")


class Row(NamedTuple):
    """One invented member as a Connections.csv row shows them."""

    first: str
    last: str
    slug: str  #: URL slug, possibly percent-encoded
    company: str
    position: str
    email: str = ""

    @property
    def url(self) -> str:
        """The profile URL, ``https://www.linkedin.com/in/<slug>``."""
        return PROFILE_URL + self.slug

    @property
    def name(self) -> str:
        """The display name used in messages and invitations."""
        return f"{self.first.strip()} {self.last.strip()}"


_FOLD = str.maketrans({"ł": "l", "ø": "o", "ß": "ss", "đ": "d", "æ": "ae", "œ": "oe", "ı": "i"})


def ascii_slug(name: str) -> str:
    """Lower-case ASCII slug of a name, as LinkedIn makes vanity URLs and folders.

    Examples
    --------
    >>> ascii_slug("Łukasz Wiśniewska"), ascii_slug("O'Brien"), ascii_slug("Ana Lúcia")
    ('lukasz-wisniewska', 'obrien', 'ana-lucia')
    """
    folded = unicodedata.normalize("NFKD", name.lower().translate(_FOLD))
    out = "".join(c for c in folded if c.isascii() and (c.isalnum() or c in " -"))
    return "-".join(out.replace("-", " ").split())


def encoded_slug(name: str) -> str:
    """Percent-encoded slug that keeps accents, as some real profile URLs do.

    Examples
    --------
    >>> encoded_slug("Ana Lúcia Ferreira")
    'ana-l%C3%BAcia-ferreira'
    """
    return quote("-".join(name.lower().replace("'", "").split()), safe="-")


# Date-only rows: a hidden or deleted profile, in each layout.
HIDDEN_ROWS = {"current": ",,,,,,", "2021": ",,,,,", "2018": ",,,,,"}
_SHEET_PAD = 5  # spreadsheets padded the preamble to `Notes:,,,,,` (EXPORT_FORMATS.md)


def connections_text(rows: Sequence[tuple[Row | None, date]], fmt: str) -> str:
    """Render Connections.csv text in one variant, rows in the order given.

    Parameters
    ----------
    rows : sequence of (Row or None, date)
        ``None`` writes a hidden-profile row holding only the date. The ``"2018"``
        format needs datetimes.
    fmt : str
        ``"current"`` and ``"2021"`` (LinkedIn since 2021: preamble, LF, no final
        newline), ``"2018"`` (no preamble, quoted US dates, final newline),
        ``"sheet"`` (current re-saved in a spreadsheet: CRLF, ``5-Jan-26``, ``NA`` in
        empty cells, ``Notes:,,,,,``) or ``"euro"`` (European re-save: ``;``,
        ``dd.mm.yyyy``, ``Connected on``, CRLF; encode it as cp1252).

    Examples
    --------
    >>> p = Row("Ana", "Smith, MBA", "ana-smith-1", "Tallymark", "CFO")
    >>> print(connections_text([(p, date(2026, 2, 13)), (None, date(2022, 6, 2))], "current"))
    ... # doctest: +ELLIPSIS
    Notes:
    "When exporting your connection data, ...answer/261"
    <BLANKLINE>
    First Name,Last Name,URL,Email Address,Company,Position,Connected On
    Ana,"Smith, MBA",https://www.linkedin.com/in/ana-smith-1,,Tallymark,CFO,13 Feb 2026
    ,,,,,,02 Jun 2022
    """
    if fmt in ("current", "2021"):
        url = fmt == "current"
        lines = [PREAMBLE + (HEADER_CURRENT if url else HEADER_NO_URL)]
        for p, when in rows:
            day = date_text(when, "current")
            if p is None:
                lines.append(HIDDEN_ROWS[fmt] + day)
            else:
                fields = [p.first, p.last, p.url, p.email] if url else [p.first, p.last, p.email]
                lines.append(csv_line([*fields, p.company, p.position, day]))
        return "\n".join(lines)
    if fmt == "2018":
        lines = [HEADER_NO_URL]
        for p, when in rows:
            day = csv_field(date_text(when, "us"))
            if p is None:
                lines.append(HIDDEN_ROWS[fmt] + day)
            else:
                lines.append(
                    csv_line([p.first, p.last, p.email, p.company, p.position]) + "," + day
                )
        return "\n".join(lines) + "\n"
    if fmt in ("sheet", "euro"):
        sep, style, header = ",", "sheet", HEADER_CURRENT
        if fmt == "euro":
            sep, style, header = ";", "euro", HEADER_CURRENT.replace("Connected On", "Connected on")
        pad = sep * _SHEET_PAD
        notes = PREAMBLE.split("\n")
        lines = [notes[0] + pad, notes[1] + pad, pad, header.replace(",", sep)]
        for p, when in rows:
            fields = (
                ["", "", "", "", "", ""]
                if p is None
                else [p.first, p.last, p.url, p.email, p.company, p.position]
            )
            if fmt == "sheet":
                fields = [f or "NA" for f in fields]
            lines.append(csv_line([*fields, date_text(when, style)], sep))
        return "\r\n".join(lines) + "\r\n"
    raise ValueError(f"unknown Connections.csv format {fmt!r}")


def messages_text(rows: Iterable[Sequence[str]], newline: str = "\n") -> str:
    """Render messages.csv (current columns) from ready field lists, with a final newline."""
    return newline.join([HEADER_MESSAGES, *(csv_line(r) for r in rows)]) + newline


def profile_text(
    first: str,
    last: str,
    headline: str,
    summary: str = "",
    industry: str = "",
    geo: str = "",
    newline: str = "\n",
) -> str:
    """Render Profile.csv: the archive owner's name and headline, no URL."""
    row = [first, last, "", "", "", headline, summary, industry, "", geo, "", "", ""]
    return HEADER_PROFILE + newline + csv_line(row) + newline


def conversation_id(rng: random.Random) -> str:
    """A conversation id shaped like LinkedIn's (``2-`` and base64)."""
    return "2-" + base64.b64encode(rng.getrandbits(192).to_bytes(24, "big")).decode()


def write_text(path: Path, text: str, encoding: str = "utf-8") -> None:
    """Write text byte-exactly (no newline translation on any platform)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode(encoding, errors="replace"))
