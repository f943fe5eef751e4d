"""The records a LinkedIn data export ("Get a copy of your data") is parsed into.

The record types every later layer receives are defined here: a
``ConnectionsFile`` of ``Contact`` rows, per-counterpart ``MessageStats``,
``InvitationInfo``, ``EndorsementStats`` and ``RecommendationInfo``, and the
``Export`` that holds one colleague's share. ``read_exports`` and
``read_export`` are thin wrappers over files, archive folders, team folders and
zips, which ``refpath.sources`` finds and reads (zips in memory, never
extracted). The pure parsers live elsewhere: ``decode_export`` (from
``refpath.textdecode``, re-exported here) turns a file's bytes into text,
``refpath.connections`` reads a Connections.csv in any known variant,
``refpath.archive`` the archive's other files and ``refpath.dates`` the dates.
Nothing here touches the store. Message text is never returned: messages are
reduced to per-counterpart counts and dates as they are parsed.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import NamedTuple

from refpath.errors import ExportError
from refpath.textdecode import decode_export

__all__ = [
    "Contact",
    "ConnectionsFile",
    "EndorsementStats",
    "Export",
    "InvitationInfo",
    "MessageStats",
    "RecommendationInfo",
    "decode_export",
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

    for found in sources.locate_exports(paths, owner):
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
