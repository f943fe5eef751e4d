"""The records a LinkedIn data export ("Get a copy of your data") is parsed into.

The record types every later layer receives are defined here: a
``ConnectionsFile`` of ``Contact`` rows, per-counterpart ``MessageStats``,
``InvitationInfo``, ``EndorsementStats`` and ``RecommendationInfo``, and the
``Export`` that holds one colleague's share. Files, archive folders, team
folders and zips are found and read by ``refpath.exports.locate`` (zips in
memory, never extracted). The pure parsers live elsewhere:
``refpath.exports.text.decode_export`` turns a file's bytes into text,
``refpath.exports.connections`` reads a Connections.csv in any known variant,
``refpath.exports.archive`` the archive's other files and ``refpath.exports.dates`` the dates.
Nothing here touches the store. Message text is never returned: messages are
reduced to per-counterpart counts and dates as they are parsed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

__all__ = [
    "Contact",
    "Skipped",
    "ConnectionsFile",
    "EndorsementStats",
    "Export",
    "InvitationInfo",
    "MessageStats",
    "RecommendationInfo",
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
    #: the date in the archive's name, else the newest Connected On (never a file's mtime)
    exported_on: date | None = None
    #: warnings about the archive's other files; Connections.csv's own warnings
    #: (decoding, dates) are in ``connections.warnings``, never repeated here
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class Skipped:
    """An export ``refpath add --keep-going`` could not read, and why (one line)."""

    source: str
    error: str
