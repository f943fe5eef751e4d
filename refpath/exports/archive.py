"""The LinkedIn archive's files other than Connections.csv, parsed into records.

The ``parse_*`` functions are pure: each takes the text of one optional file
(messages, invitations, endorsements received, recommendations, the owner's
profile), reads it by column name and reduces it to per-person counts and
dates; message and invitation text is never kept. Finding and reading the
archive on disk is :mod:`refpath.exports.locate`.
"""

from __future__ import annotations

import csv
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from typing import Any, NamedTuple, TextIO

from refpath.exports.dates import cached_date
from refpath.exports.records import (
    EndorsementStats,
    InvitationInfo,
    MessageStats,
    RecommendationInfo,
)
from refpath.exports.tables import open_table

__all__ = [
    "parse_endorsements",
    "parse_invitations",
    "parse_messages",
    "parse_profile",
    "parse_recommendations",
]
_YES = {"true", "yes", "y", "1"}
_SKIPPED_FOLDERS = {"draft", "drafts", "spam"}
_SPONSOR = "linkedin member"  # sponsored messages come from this name, without a URL
#: A message with a field longer than this (the csv module's default limit) is skipped
#: alone; no real LinkedIn message comes near it.
LONG_FIELD = 131072
#: What the csv module may read as one field while messages are read (the file cap):
#: over-long fields are then skipped one message at a time, not the whole file.
_READ_FIELD = 256 * 2**20


@contextmanager
def _long_fields() -> Iterator[None]:
    """Let the csv module read fields up to ``_READ_FIELD`` for a while (a global setting)."""
    before = csv.field_size_limit()
    csv.field_size_limit(max(before, _READ_FIELD))
    try:
        yield
    finally:
        csv.field_size_limit(before)


def _compare_key(name: str) -> str:
    """A name for comparing: NFKC, case-folded, single spaces."""
    return " ".join(unicodedata.normalize("NFKC", name).casefold().split())


# ------------------------------------------------------------------ messages


class _Message(NamedTuple):
    """One message worth counting, without its subject or content."""

    conversation: str
    sender: str
    sender_url: str
    recipients: tuple[tuple[str, str], ...]  # (name, url) pairs
    on: date | None
    outgoing: bool | None  # from the 2018 Direction column, else None


def _recipients(to: str, urls: list[str]) -> tuple[tuple[str, str], ...]:
    """Pair the TO names with RECIPIENT PROFILE URLS.

    Names may hold commas ("Lee, MBA"), so they are split only when the split
    matches the URLs, or, without URLs, when every part looks like a full name.
    """
    parts = [p.strip() for p in to.split(",")]
    if len(urls) > 1:
        names = parts if len(parts) == len(urls) else [""] * len(urls)
    elif urls:
        names = [to.strip()]
    else:
        multi = len(parts) > 1 and all(len(p.split()) > 1 for p in parts)
        names = parts if multi else [to.strip()]
        urls = [""] * len(names)
    return tuple(
        (name, url)
        for name, url in zip(names, urls, strict=True)
        if (name or url) and not (name.lower() == _SPONSOR and not url)
    )


def _messages(
    rows: Iterator[list[str]], cols: dict[str, int], too_long: list[int]
) -> Iterator[_Message]:
    """The messages worth counting. CONTENT and SUBJECT never leave this frame.

    A row with a field over :data:`LONG_FIELD` characters is skipped, its
    number (from 1, after the header) appended to ``too_long``.
    """
    get = cols.get
    conv, sender, sender_url = (
        get("conversation id", -1),
        cols["from"],
        get("sender profile url", -1),
    )
    to, to_urls, when = cols["to"], get("recipient profile urls", -1), cols["date"]
    folder, direction = get("folder", -1), get("direction", -1)
    drafts = [i for i in (get("is message draft", -1), get("is conversation draft", -1)) if i >= 0]
    cache: dict[str, date | None] = {}
    # One object per distinct value: a large file repeats few senders, conversations and
    # recipient lists, and the messages are kept until the owner is known.
    same: dict[Any, Any] = {}
    one = same.setdefault
    for n, row in enumerate(rows):
        if any(len(cell) > LONG_FIELD for cell in row):
            too_long.append(n + 1)
            continue
        if folder >= 0 and row[folder].strip().lower() in _SKIPPED_FOLDERS:
            continue
        if any(row[i].strip().lower() in _YES for i in drafts):
            continue
        name, url = row[sender].strip(), row[sender_url].strip() if sender_url >= 0 else ""
        if not name or (name.lower() == _SPONSOR and not url):
            continue
        raw_urls = row[to_urls] if to_urls >= 0 else ""
        recipients = same.get((row[to], raw_urls))
        if recipients is None:
            urls = [u.strip() for u in raw_urls.split(",") if u.strip()]
            recipients = same[(row[to], raw_urls)] = _recipients(row[to], urls)
        way = row[direction].strip().upper() if direction >= 0 else ""
        yield _Message(
            one(row[conv].strip(), row[conv].strip()) if conv >= 0 else f"row {n}",
            one(name, name),
            one(url, url),
            recipients,
            cached_date(row[when].strip(), cache),
            {"OUTGOING": True, "INCOMING": False}.get(way),
        )


def _owner_names(messages: list[_Message], owner_name: str | None) -> set[str]:
    """The names the owner appears under.

    The given name when it appears; else the sender of OUTGOING rows (2018);
    else the participant present in the most conversations (ties: first name
    in sorted order).
    """
    if owner_name:
        want = _compare_key(owner_name)
        names = {m.sender for m in messages} | {n for m in messages for n, _ in m.recipients}
        found = {name for name in names if _compare_key(name) == want}
        if found:
            return found
    outgoing = Counter(m.sender for m in messages if m.outgoing)
    if outgoing:
        return {outgoing.most_common(1)[0][0]}
    people: defaultdict[str, set[str]] = defaultdict(set)
    for m in messages:
        people[m.conversation].add(m.sender)
        people[m.conversation].update(n for n, _ in m.recipients if n)
    counts = Counter(name for names in people.values() for name in names)
    if not counts:
        return set()
    return {min(counts, key=lambda name: (-counts[name], name))}


def parse_messages(
    text: str | TextIO,
    *,
    owner_name: str | None = None,
    source: str = "<text>",
    warnings: list[str] | None = None,
) -> tuple[tuple[MessageStats, ...], str]:
    """Count the messages between the owner and each counterpart.

    Drafts, spam and sponsored messages (from "LinkedIn Member" without a URL)
    are skipped. A message to several recipients counts once for each. Subjects
    and contents are dropped as each row is read.

    A message with a field longer than :data:`LONG_FIELD` characters is
    skipped alone (counted in ``warnings``); the others still count.

    Parameters
    ----------
    text : str or text stream
        The text of ``messages.csv`` (any era: 2018, before or after Apr 2023),
        or a stream of it (:func:`refpath.exports.text.decode_stream`), read
        row by row.
    owner_name : str, optional
        The owner's name, e.g. from Profile.csv. When missing or not found,
        the owner is the participant present in the most conversations.
    source : str
        What to call the file in messages.
    warnings : list of str, optional
        Where to note messages skipped for an over-long field.

    Returns
    -------
    tuple[tuple[MessageStats, ...], str]
        One entry per counterpart (sorted by URL, then name), and the owner's
        own profile URL if the file shows it (else '').

    Raises
    ------
    ExportError
        When FROM, TO or DATE is missing, or the CSV is malformed.

    Examples
    --------
    >>> text = (
    ...     "CONVERSATION ID,FROM,SENDER PROFILE URL,TO,DATE,SUBJECT,CONTENT\\n"
    ...     "c1,Ivo Brandt,https://www.linkedin.com/in/ivo-b,Mara Quill,"
    ...     "2024-03-01 10:22:05 UTC,,Hello\\n"
    ...     "c1,Mara Quill,https://www.linkedin.com/in/mara-q,Ivo Brandt,"
    ...     "2024-03-02 08:00:00 UTC,,Hi!\\n"
    ... )
    >>> stats, me = parse_messages(text, owner_name="Mara Quill")
    >>> me, stats[0].name, stats[0].sent, stats[0].received, stats[0].last
    ('https://www.linkedin.com/in/mara-q', 'Ivo Brandt', 1, 1, datetime.date(2024, 3, 2))
    """
    too_long: list[int] = []
    with _long_fields():
        cols, rows = open_table(text, source, ("from", "to", "date"))
        messages = list(_messages(rows, cols, too_long))
    if too_long and warnings is not None:
        n = len(too_long)
        warnings.append(
            f"{source}: {n} message{'s' * (n > 1)} with a field over {LONG_FIELD:,} characters "
            f"skipped (row {', '.join(map(str, too_long[:5]))}{', ...' if n > 5 else ''}); "
            "the other messages were counted"
        )
    owner = _owner_names(messages, owner_name)
    urls = Counter(m.sender_url for m in messages if m.sender in owner and m.sender_url)
    owner_url = urls.most_common(1)[0][0] if urls else ""

    def is_owner(name: str, url: str) -> bool:
        return url == owner_url if url and owner_url else name in owner

    # pre-2023 files name recipients without URLs: borrow the URL a sender showed
    seen: defaultdict[str, set[str]] = defaultdict(set)
    for m in messages:
        if m.sender_url:
            seen[m.sender].add(m.sender_url)
    url_of = {name: next(iter(found)) for name, found in seen.items() if len(found) == 1}
    stats: dict[str, list[Any]] = {}  # key -> MessageStats fields
    for m in messages:
        if m.outgoing if m.outgoing is not None else is_owner(m.sender, m.sender_url):
            pairs, column = [p for p in m.recipients if not is_owner(*p)], 2
        else:
            pairs, column = [(m.sender, m.sender_url)], 3
        for name, url in pairs:
            url = url or url_of.get(name, "")
            entry = stats.setdefault(
                url or "name:" + _compare_key(name), [name, url, 0, 0, None, None]
            )
            entry[column] += 1
            if m.on:
                entry[4] = min(entry[4] or m.on, m.on)
                entry[5] = max(entry[5] or m.on, m.on)
    found = sorted(
        (MessageStats(*entry) for entry in stats.values()), key=lambda s: (s.url, s.name)
    )
    return tuple(found), owner_url


# ------------------------------------------------------- the other small files


def parse_invitations(text: str, *, source: str = "<text>") -> tuple[InvitationInfo, ...]:
    """Read ``Invitations.csv``: who invited whom, and whether with a note.

    The counterpart is ``To`` for OUTGOING invitations and ``From`` for
    INCOMING ones; their URL comes from ``invitee/inviterProfileUrl`` (or the
    ``...Urn`` columns of mid-2023 files). The note itself is not kept.

    Examples
    --------
    >>> text = (
    ...     "From,To,Sent At,Message,Direction\\n"
    ...     'Mara Quill,Ivo Brandt,"4/2/19, 12:00 AM",,OUTGOING\\n'
    ...     'Teo Lind,Mara Quill,"4/3/19, 9:10 AM","Hi Mara, we met at the fair.",INCOMING'
    ... )
    >>> for invitation in parse_invitations(text):
    ...     print(invitation.name, invitation.direction, invitation.has_note, invitation.sent_at)
    Ivo Brandt OUTGOING False 2019-04-02
    Teo Lind INCOMING True 2019-04-03
    """
    cols, rows = open_table(text, source, ("from", "to", "direction"))
    get = cols.get
    sent, note = get("sent at", -1), get("message", -1)
    inviter = get("inviterprofileurl", get("inviterprofileurn", -1))
    invitee = get("inviteeprofileurl", get("inviteeprofileurn", -1))
    cache: dict[str, date | None] = {}

    def info(row: list[str]) -> InvitationInfo | None:
        way = row[cols["direction"]].strip().upper()
        if way not in ("INCOMING", "OUTGOING"):
            return None
        name, url = (cols["to"], invitee) if way == "OUTGOING" else (cols["from"], inviter)
        return InvitationInfo(
            row[name].strip(),
            row[url].strip() if url >= 0 else "",
            way,
            bool(row[note].strip()) if note >= 0 else False,
            cached_date(row[sent].strip(), cache) if sent >= 0 else None,
        )

    return tuple(i for i in [info(row) for row in rows] if i and (i.name or i.url))


def parse_endorsements(text: str, *, source: str = "<text>") -> tuple[EndorsementStats, ...]:
    """Read ``Endorsement_Received_Info.csv``, one entry per endorser (count, last date).

    Every status counts (an endorsement the owner chose not to show was still
    given). Sorted by URL, then name.

    Examples
    --------
    >>> text = (
    ...     "Endorsement Date,Skill Name,Endorser First Name,Endorser Last Name,"
    ...     "Endorser Public Url,Endorsement Status\\n"
    ...     "2022/04/01 11:05:54 UTC,SQL,Teo,Lind,www.linkedin.com/in/teo-l,ACCEPTED\\n"
    ...     "2023/01/09 08:00:00 UTC,Python,Teo,Lind,www.linkedin.com/in/teo-l,ACCEPTED\\n"
    ... )
    >>> parse_endorsements(text)
    (EndorsementStats(name='Teo Lind', url='www.linkedin.com/in/teo-l', count=2, last=datetime.date(2023, 1, 9)),)
    """  # noqa: E501
    cols, rows = open_table(text, source, ("endorser first name", "endorser last name"))
    first, last = cols["endorser first name"], cols["endorser last name"]
    url_at, when = cols.get("endorser public url", -1), cols.get("endorsement date", -1)
    cache: dict[str, date | None] = {}
    by_endorser: dict[str, EndorsementStats] = {}
    for name, url, on in [
        (
            f"{row[first].strip()} {row[last].strip()}".strip(),
            row[url_at].strip() if url_at >= 0 else "",
            cached_date(row[when].strip(), cache) if when >= 0 else None,
        )
        for row in rows
    ]:
        if not (name or url):
            continue
        key = url.lower() or "name:" + _compare_key(name)
        old = by_endorser.get(key)
        if old:
            on = max(old.last, on) if old.last and on else old.last or on
        by_endorser[key] = EndorsementStats(name, url, old.count + 1 if old else 1, on)
    return tuple(sorted(by_endorser.values(), key=lambda e: (e.url, e.name)))


def parse_recommendations(
    text: str, *, given: bool, source: str = "<text>"
) -> tuple[RecommendationInfo, ...]:
    """Read ``Recommendations_Received.csv`` or ``_Given.csv`` (without their text).

    Every status counts (VISIBLE, HIDDEN, ...): a written recommendation is a
    tie whether or not it is shown on the profile.

    Examples
    --------
    >>> text = "First Name,Last Name,Company,Job Title,Text,Creation Date,Status\\n"
    >>> parse_recommendations(text + 'Ivo,Brandt,Inkwell,CTO,"Great.",03/14/21,VISIBLE', given=True)
    (RecommendationInfo(name='Ivo Brandt', company='Inkwell', given=True, created=datetime.date(2021, 3, 14)),)
    """  # noqa: E501
    cols, rows = open_table(text, source, ("first name", "last name"))
    first, last = cols["first name"], cols["last name"]
    company, when = cols.get("company", -1), cols.get("creation date", -1)
    cache: dict[str, date | None] = {}
    found = [
        RecommendationInfo(
            f"{row[first].strip()} {row[last].strip()}".strip(),
            row[company].strip() if company >= 0 else "",
            given,
            cached_date(row[when].strip(), cache) if when >= 0 else None,
        )
        for row in rows
    ]
    return tuple(r for r in found if r.name)


def parse_profile(text: str, *, source: str = "<text>") -> tuple[str, str]:
    """The owner's name and headline from ``Profile.csv`` (('', '') when it has no row).

    Examples
    --------
    >>> parse_profile("First Name,Last Name,Maiden Name,Headline\\n Mara ,Quill,,Data lead")
    ('Mara Quill', 'Data lead')
    """
    cols, rows = open_table(text, source, ("first name", "last name"))
    row = next(rows, None)
    if row is None:
        return "", ""
    name = f"{row[cols['first name']].strip()} {row[cols['last name']].strip()}".strip()
    headline = row[cols["headline"]].strip() if "headline" in cols else ""
    return name, headline
