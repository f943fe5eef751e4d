"""The rest of a LinkedIn archive: where exports are, and what its other files say.

``locate`` finds the exports under the paths a user gives (a Connections.csv,
an archive ``.zip``, an unzipped archive folder, or a team folder of those) and
``load`` reads one into an :class:`~refpath.exports.Export`. Zips are read in
memory with zip-bomb checks and never extracted. The ``parse_*`` functions read
the archive's optional files by column name and reduce them to per-person
counts and dates; message and invitation text is never kept.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
import zipfile
import zlib
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any, NamedTuple, TypeVar

from refpath.errors import ExportError
from refpath.exports import (
    EndorsementStats,
    Export,
    InvitationInfo,
    MessageStats,
    RecommendationInfo,
    _cached_date,
    _open_table,
    decode_export,
    parse_connections,
)

_T = TypeVar("_T")
_YES = {"true", "yes", "y", "1"}
_SKIPPED_FOLDERS = {"draft", "drafts", "spam"}
_SPONSOR = "linkedin member"  # sponsored messages come from this name, without a URL


def _fold(name: str) -> str:
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


def _messages(rows: Iterator[list[str]], cols: dict[str, int]) -> Iterator[_Message]:
    """The messages worth counting. CONTENT and SUBJECT never leave this frame."""
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
    for n, row in enumerate(rows):
        if folder >= 0 and row[folder].strip().lower() in _SKIPPED_FOLDERS:
            continue
        if any(row[i].strip().lower() in _YES for i in drafts):
            continue
        name, url = row[sender].strip(), row[sender_url].strip() if sender_url >= 0 else ""
        if not name or (name.lower() == _SPONSOR and not url):
            continue
        urls = [u.strip() for u in row[to_urls].split(",") if u.strip()] if to_urls >= 0 else []
        way = row[direction].strip().upper() if direction >= 0 else ""
        yield _Message(
            row[conv].strip() if conv >= 0 else f"row {n}",
            name,
            url,
            _recipients(row[to], urls),
            _cached_date(row[when].strip(), cache),
            {"OUTGOING": True, "INCOMING": False}.get(way),
        )


def _owner_names(messages: list[_Message], owner_name: str | None) -> set[str]:
    """The names the owner appears under.

    The given name when it appears; else the sender of OUTGOING rows (2018);
    else the participant present in the most conversations (ties: first name
    in sorted order).
    """
    if owner_name:
        want = _fold(owner_name)
        names = {m.sender for m in messages} | {n for m in messages for n, _ in m.recipients}
        found = {name for name in names if _fold(name) == want}
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
    text: str, *, owner_name: str | None = None, source: str = "<text>"
) -> tuple[tuple[MessageStats, ...], str]:
    """Count the messages between the owner and each counterpart.

    Drafts, spam and sponsored messages (from "LinkedIn Member" without a URL)
    are skipped. A message to several recipients counts once for each. Subjects
    and contents are dropped as each row is read.

    Parameters
    ----------
    text : str
        The text of ``messages.csv`` (any era: 2018, before or after Apr 2023).
    owner_name : str, optional
        The owner's name, e.g. from Profile.csv. When missing or not found,
        the owner is the participant present in the most conversations.
    source : str
        What to call the file in messages.

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
    cols, rows = _open_table(text, source, ("from", "to", "date"))
    messages = list(_messages(rows, cols))
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
            entry = stats.setdefault(url or "name:" + _fold(name), [name, url, 0, 0, None, None])
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
    cols, rows = _open_table(text, source, ("from", "to", "direction"))
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
            _cached_date(row[sent].strip(), cache) if sent >= 0 else None,
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
    cols, rows = _open_table(text, source, ("endorser first name", "endorser last name"))
    first, last = cols["endorser first name"], cols["endorser last name"]
    url_at, when = cols.get("endorser public url", -1), cols.get("endorsement date", -1)
    cache: dict[str, date | None] = {}
    by_endorser: dict[str, EndorsementStats] = {}
    for name, url, on in [
        (
            f"{row[first].strip()} {row[last].strip()}".strip(),
            row[url_at].strip() if url_at >= 0 else "",
            _cached_date(row[when].strip(), cache) if when >= 0 else None,
        )
        for row in rows
    ]:
        if not (name or url):
            continue
        key = url.lower() or "name:" + _fold(name)
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
    cols, rows = _open_table(text, source, ("first name", "last name"))
    first, last = cols["first name"], cols["last name"]
    company, when = cols.get("company", -1), cols.get("creation date", -1)
    cache: dict[str, date | None] = {}
    found = [
        RecommendationInfo(
            f"{row[first].strip()} {row[last].strip()}".strip(),
            row[company].strip() if company >= 0 else "",
            given,
            _cached_date(row[when].strip(), cache) if when >= 0 else None,
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
    cols, rows = _open_table(text, source, ("first name", "last name"))
    row = next(rows, None)
    if row is None:
        return "", ""
    name = f"{row[cols['first name']].strip()} {row[cols['last name']].strip()}".strip()
    headline = row[cols["headline"]].strip() if "headline" in cols else ""
    return name, headline


# ------------------------------------------------------- files, folders, zips

_MAX_FILE = 200 * 2**20  # no real export file comes close
_MAX_TOTAL = 2**30
_MAX_RATIO = 100  # CSV text compresses ~5:1; far beyond that is a zip bomb
_RATIO_FLOOR = 2**20  # tiny members may compress absurdly well, harmlessly
_MAX_DEPTH = 3  # team folder / colleague folder / unzipped archive
#: lower-case file name in an archive -> what it is
_ARCHIVE_FILES = {
    "connections.csv": "connections",
    "profile.csv": "profile",
    "messages.csv": "messages",
    "invitations.csv": "invitations",
    "endorsement_received_info.csv": "endorsements",
    "recommendations_received.csv": "recommendations_received",
    "recommendations_given.csv": "recommendations_given",
}
#: words in file and folder names that say nothing about whose export it is
_GENERIC_WORDS = {
    "connections", "connection", "linkedin", "linkedindataexport", "dataexport", "data",
    "export", "exports", "basic", "complete", "archive", "downloads", "download",
    "desktop", "documents", "tmp", "temp", "team", "csv", "zip", "copy", "of", "my",
}  # fmt: skip
_NAME_SPLIT = re.compile(r"[\s_.\-]+")


@dataclass(frozen=True)
class Located:
    """An export located on disk, before it is read."""

    kind: str  # "csv", "zip" or "dir" (an unzipped archive)
    path: Path
    name: str  # owner name from the file or folder name, '' when generic
    root: Path  # the folder the user gave (resolved): symlinks may not leave it


def _name_from(stem: str) -> str:
    """'carol-mendes' -> 'Carol Mendes'; '' for LinkedIn's own names and dates."""
    words = [
        w for w in _NAME_SPLIT.split(stem)
        if w and w.lower() not in _GENERIC_WORDS and not any(ch.isdigit() for ch in w)
    ]  # fmt: skip
    if not words:
        return ""
    if all(w == w.lower() for w in words):
        words = [w[:1].upper() + w[1:] for w in words]
    return " ".join(words)


def _children(folder: Path, root: Path) -> list[Path]:
    """Visible entries of ``folder``, sorted, skipping symlinks that leave ``root``."""
    kept = []
    for child in sorted(folder.iterdir()):
        if child.name.startswith((".", "~$", "__MACOSX")):
            continue
        if child.is_symlink():
            try:
                if not child.resolve().is_relative_to(root):
                    continue
            except (OSError, RuntimeError):  # dangling or looping link
                continue
        kept.append(child)
    return kept


def _discover(path: Path, root: Path, depth: int) -> list[Located]:
    """Exports at ``path``: a file, an unzipped archive, or a folder of them."""
    if path.is_file():
        kind = "zip" if path.suffix.lower() == ".zip" else "csv"
        return [Located(kind, path, _name_from(path.stem), root)]
    if not path.is_dir():
        return []
    children = _children(path, root)
    if any(c.name.lower() == "connections.csv" and c.is_file() for c in children):
        return [Located("dir", path, _name_from(path.resolve().name), root)]
    found: list[Located] = []
    for child in children:
        usable = child.suffix.lower() in (".csv", ".zip") if child.is_file() else depth < _MAX_DEPTH
        if usable:
            found += _discover(child, root, depth + 1)
    if len(found) == 1 and not found[0].name:
        # a colleague's folder holding one export under LinkedIn's own name
        found = [replace(found[0], name=_name_from(path.resolve().name))]
    return found


def locate(paths: Sequence[Path]) -> list[Located]:
    """Every export under ``paths``, in a stable order, each once."""
    located: list[Located] = []
    seen: set[Path] = set()
    for given in map(Path, paths):
        if not given.exists():
            raise ExportError(f"{given}: no such file or folder")
        if not (given.is_file() or given.is_dir()):
            raise ExportError(f"{given}: not a file or folder")
        try:
            found = _discover(given, given.resolve(), 0)
        except OSError as err:
            where = err.filename or given
            raise ExportError(f"{where}: can't read it ({err.strerror or err})") from err
        if not found:
            raise ExportError(
                f"{given}: no LinkedIn export in this folder (looked for Connections.csv,"
                " .zip archives and one .csv per colleague)"
            )
        for item in found:
            if item.path.resolve() not in seen:
                seen.add(item.path.resolve())
                located.append(item)
    return located


def _read_file(path: Path) -> bytes:
    """A file's bytes, refusing anything too big to be an export."""
    try:
        if path.stat().st_size > _MAX_FILE:
            raise ExportError(f"{path}: over {_MAX_FILE // 2**20} MB, too big for an export")
        return path.read_bytes()
    except OSError as err:
        raise ExportError(f"{path}: can't read it ({err.strerror or err})") from err


def _read_folder(folder: Path, root: Path) -> tuple[dict[str, tuple[str, bytes]], date | None]:
    """An unzipped archive's files by kind, and Connections.csv's modification date."""
    files: dict[str, tuple[str, bytes]] = {}
    for child in _children(folder, root):
        kind = _ARCHIVE_FILES.get(child.name.lower())
        if kind and kind not in files and child.is_file():
            files[kind] = (str(child), _read_file(child))
    connections = Path(files["connections"][0])
    return files, date.fromtimestamp(connections.stat().st_mtime)


def _unsafe_member(name: str) -> bool:
    """Whether a zip entry name is absolute or climbs out with '..'."""
    name = name.replace("\\", "/")
    return (
        name.startswith("/")
        or re.match(r"[A-Za-z]:", name) is not None
        or (".." in name.split("/"))
    )


def _read_zip(path: Path) -> tuple[dict[str, tuple[str, bytes]], date | None]:
    """A LinkedIn archive's files by kind, read in memory with bomb checks.

    The archive is refused if *any* entry has an absolute path or a '..'
    part: LinkedIn never writes one, so such a zip was made by someone else
    (nothing is ever written to disk either way). The files used are the
    shallowest Connections.csv and the known files next to it; the size
    limits (200 MB a file, 1 GB in all, 100:1 compression above 1 MB) apply
    to those, before any byte is decompressed.
    """
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError) as err:
        raise ExportError(f"{path}: not a readable zip archive ({err})") from err
    with archive:
        infos = [i for i in archive.infolist() if not i.is_dir()]
        for info in infos:
            if _unsafe_member(info.filename):
                raise ExportError(
                    f"{path}: refusing this archive: it has an entry with an unsafe path"
                    f" ({info.filename!r}), which LinkedIn archives never have"
                )
        candidates = sorted(
            (i.filename.count("/"), i.filename)
            for i in infos
            if i.filename.rsplit("/", 1)[-1].lower() == "connections.csv"
            and not i.filename.startswith("__MACOSX/")
        )
        if not candidates:
            raise ExportError(
                f"{path}: no Connections.csv inside this zip — is it a LinkedIn data archive?"
            )
        if len(candidates) > 1 and candidates[1][0] == candidates[0][0]:
            raise ExportError(
                f"{path}: holds several Connections.csv files; unzip it and add the folder"
                " (one sub-folder per colleague)"
            )
        folder = candidates[0][1].rpartition("/")[0]
        wanted: dict[str, zipfile.ZipInfo] = {}
        for info in infos:
            parent, _, base = info.filename.rpartition("/")
            kind = _ARCHIVE_FILES.get(base.lower())
            if kind and parent == folder and kind not in wanted:
                wanted[kind] = info
        _check_sizes(path, list(wanted.values()))
        files = {
            kind: (f"{path}:{info.filename}", _read_member(archive, info, path))
            for kind, info in wanted.items()
        }
    try:
        exported = date(*wanted["connections"].date_time[:3])
    except ValueError:
        exported = None
    return files, exported


def _check_sizes(path: Path, infos: list[zipfile.ZipInfo]) -> None:
    """Refuse encrypted members and zip bombs before reading anything."""
    for info in infos:
        if info.flag_bits & 0x1:
            raise ExportError(f"{path}: the archive is password-protected; unzip it first")
        if info.file_size > _MAX_FILE:
            raise ExportError(
                f"{path}: {info.filename} would unpack to {info.file_size // 2**20} MB,"
                f" over the {_MAX_FILE // 2**20} MB limit for one file"
            )
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > _RATIO_FLOOR and ratio > _MAX_RATIO:
            raise ExportError(
                f"{path}: {info.filename} is compressed {ratio:.0f}:1, which only zip bombs"
                " are; refusing it"
            )
    if sum(info.file_size for info in infos) > _MAX_TOTAL:
        raise ExportError(f"{path}: the export files would unpack to over 1 GB; refusing it")


def _read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, path: Path) -> bytes:
    """A member's bytes, in chunks, never more than its header declared."""
    limit = min(info.file_size, _MAX_FILE)
    chunks: list[bytes] = []
    size = 0
    try:
        with archive.open(info) as member:
            while chunk := member.read(2**20):
                size += len(chunk)
                if size > limit:
                    raise ExportError(
                        f"{path}: {info.filename} is larger than its header says; refusing it"
                    )
                chunks.append(chunk)
    except (
        zipfile.BadZipFile,
        zlib.error,
        EOFError,
        OSError,
        RuntimeError,
        NotImplementedError,
    ) as err:  # damaged data, or a compression method Python lacks
        raise ExportError(f"{path}: can't read {info.filename} ({err})") from err
    return b"".join(chunks)


def _fingerprint(files: dict[str, tuple[str, bytes]]) -> str:
    """sha256 over the files' bytes by kind, so a zip and its unzipped folder agree."""
    digest = hashlib.sha256()
    for kind in sorted(files):
        data = files[kind][1]
        digest.update(b"%s\0%d\0" % (kind.encode(), len(data)))
        digest.update(data)
    return digest.hexdigest()


def _optional(
    files: dict[str, tuple[str, bytes]],
    kind: str,
    warnings: list[str],
    parse: Callable[..., _T],
) -> _T | None:
    """Parse an optional archive file; on trouble, note a warning and carry on."""
    if kind not in files:
        return None
    label, data = files[kind]
    try:
        text, decoding = decode_export(data, label)
        parsed = parse(text, source=label)
    except ExportError as err:
        warnings.append(f"{err} (file skipped)")
        return None
    warnings.extend(decoding)
    return parsed


def load(found: Located, owner: str | None = None) -> Export:
    """Read and parse one located export.

    The owner's name comes from Profile.csv, else ``owner``, else the file or
    folder name; with none of them this raises ExportError. Trouble with the
    archive's optional files only adds warnings.
    """
    if found.kind == "zip":
        files, exported_on = _read_zip(found.path)
    elif found.kind == "dir":
        files, exported_on = _read_folder(found.path, found.root)
    else:
        files = {"connections": (str(found.path), _read_file(found.path))}
        exported_on = date.fromtimestamp(found.path.stat().st_mtime)
    label, data = files["connections"]
    text, decoding = decode_export(data, label)
    connections = parse_connections(text, source=label)
    if decoding:
        connections = replace(connections, warnings=tuple(decoding) + connections.warnings)

    warnings: list[str] = []
    profile = _optional(files, "profile", warnings, parse_profile)
    name, headline = profile or ("", "")
    owner_from = "profile"
    if not name:
        name, owner_from = (owner, "option") if owner else (found.name, "filename")
    if not name:
        raise ExportError(
            f'{found.path}: can\'t tell whose export this is — pass --owner "Full Name",'
            " or put it in a folder named after its owner (e.g. carol-mendes/Connections.csv)"
        )
    messages, owner_url = _optional(
        files, "messages", warnings, partial(parse_messages, owner_name=name)
    ) or ((), "")
    invitations = _optional(files, "invitations", warnings, parse_invitations) or ()
    endorsements = _optional(files, "endorsements", warnings, parse_endorsements) or ()
    received = _optional(
        files, "recommendations_received", warnings, partial(parse_recommendations, given=False)
    )
    given = _optional(
        files, "recommendations_given", warnings, partial(parse_recommendations, given=True)
    )
    return Export(
        source=str(found.path),
        owner_name=name,
        owner_from=owner_from,
        owner_headline=headline,
        owner_url=owner_url,
        connections=connections,
        messages=messages,
        invitations=invitations,
        endorsements=endorsements,
        recommendations=(received or ()) + (given or ()),
        fingerprint=_fingerprint(files),
        exported_on=exported_on,
        warnings=tuple(warnings),
    )
