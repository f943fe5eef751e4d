"""A colleague's *share*: what an introduction needs from their export, and nothing more.

A share is a plain ``.zip`` a person can open without refpath:

``README.txt``
    what the file is, what each column means, what was never included;
``connections.csv``
    one row per connection: ``First Name, Last Name, URL, Company, Position,
    Connected On`` (ISO date), as the export listed them (no email);
``evidence.csv``
    one row per person with relationship evidence: message counts each way,
    first and last message *month*, invitation direction, whether it had a
    note and its month, endorsement count, recommendations given and received
    (and the company a recommendation names, which tells namesakes apart);
``share.json``
    the owner (name, headline, profile URL when known), the export's date,
    the share-format version, row counts, the sha256 of every other member and
    a checksum over all of it.

This module is pure reading and writing: :func:`plan_share` reduces an
:class:`~refpath.exports.records.Export` to what may leave the owner's machine (minus
the people they exclude), :func:`share_bytes`/:func:`write_share` write it,
and :func:`read_share` turns a share back into an ``Export`` (``fmt`` and
``owner_from`` are ``"share"``), so ingest needs no special path. A share that
was edited, truncated, or written by a newer refpath is refused with one
:class:`~refpath.errors.ExportError`. The checksum catches accidents and
casual edits; it is not a signature.

Cells that a spreadsheet would run as a formula (starting with ``= + - @``,
tab or CR) and cells starting with an apostrophe get one leading apostrophe,
which reading removes again, so every value comes back exactly.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import tempfile
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any, NamedTuple

from refpath import __version__
from refpath.errors import ExportError, InputError
from refpath.exports.records import (
    ConnectionsFile,
    Contact,
    EndorsementStats,
    Export,
    InvitationInfo,
    MessageStats,
    RecommendationInfo,
)
from refpath.identity import name_key, profile_key

__all__ = [
    "SHARE_VERSION",
    "EvidenceRow",
    "Excluded",
    "ShareInfo",
    "SharePlan",
    "is_share",
    "peek_share",
    "plan_share",
    "read_exclude_file",
    "read_share",
    "share_bytes",
    "write_share",
]

#: The share format this refpath writes and the newest it reads.
SHARE_VERSION = 1
FORMAT_NAME = "refpath-share"
MANIFEST = "share.json"
CONNECTIONS = "connections.csv"
EVIDENCE = "evidence.csv"
README = "README.txt"
#: the fmt / owner_from an Export read from a share carries (``refpath sources`` shows it)
SHARE_FMT = "share"
_MAX_MEMBER = 64 * 2**20  # a 30,000-row share is about 3 MB

CONNECTION_COLUMNS = ("First Name", "Last Name", "URL", "Company", "Position", "Connected On")
EVIDENCE_COLUMNS = (
    "Name", "URL", "Company", "Messages Sent", "Messages Received", "First Message Month",
    "Last Message Month", "Invitation", "Invitation Note", "Invitation Month", "Endorsements",
    "Recommendations Given", "Recommendations Received",
)  # fmt: skip
_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "'")


class EvidenceRow(NamedTuple):
    """What a share says about the owner and one counterpart."""

    name: str
    url: str  #: as the archive wrote it ('' when it named nobody by URL)
    company: str  #: only from a recommendation ('' otherwise)
    sent: int  #: messages the owner sent them
    received: int  #: messages they sent the owner
    first: date | None  #: first message, rounded to the 1st of its month
    last: date | None  #: last message, rounded to the 1st of its month
    invitation: str  #: "OUTGOING" (the owner invited them), "INCOMING" or ''
    note: bool  #: the invitation carried a personal note
    invited: date | None  #: the invitation's month (1st of it)
    endorsements: int  #: endorsements they gave the owner
    recs_given: int  #: recommendations the owner wrote for them
    recs_received: int  #: recommendations they wrote for the owner


@dataclass(frozen=True)
class Excluded:
    """One ``--exclude`` value and what it left out."""

    given: str
    connections: int
    evidence: int


@dataclass(frozen=True)
class SharePlan:
    """What a share of one export will hold, and what was left out."""

    export: Export
    contacts: tuple[Contact, ...]
    evidence: tuple[EvidenceRow, ...]
    excluded: tuple[Excluded, ...] = ()
    connections_only: bool = False
    #: counts over the whole export, for saying what was left out
    emails: int = 0  #: connections whose email address is not shared
    messages: int = 0  #: messages whose text and subject are not shared
    evidence_withheld: int = 0  #: evidence rows --connections-only left out
    warnings: tuple[str, ...] = field(default=())


@dataclass(frozen=True)
class ShareInfo:
    """A share's manifest, read without reading its rows."""

    path: Path
    owner: str
    exported_on: date | None
    checksum: str
    version: int
    connections: int
    evidence: int


def _month(day: date | None) -> date | None:
    return day.replace(day=1) if day else None


# ------------------------------------------------------------------ planning


def read_exclude_file(path: Path) -> list[str]:
    """Names or profile URLs from a file, one a line; blank lines and ``#`` comments skipped."""
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as err:
        raise InputError(f"{path}: can't read the exclude file ({err})") from err
    return [s for line in text.splitlines() if (s := line.strip()) and not s.startswith("#")]


def _evidence_rows(export: Export) -> list[EvidenceRow]:
    """Per counterpart: the export's evidence, merged only where ingest treats it as one.

    Records join one row when their profile key and folded name agree (and, for a
    recommendation, the company), so reading the share back resolves every
    record to the person the raw export's record resolves to.
    """
    rows: dict[tuple[str, str, int], list[Any]] = {}

    def entry(name: str, url: str, company: str = "") -> list[Any]:
        base = (profile_key(url) or url.strip(), name_key(name))
        n = 0
        while True:
            found = rows.get((*base, n))
            if found is None:
                found = rows[(*base, n)] = [name, url, company, 0, 0, None, None, "", False,
                                            None, 0, 0, 0]  # fmt: skip
                return found
            if not company or not found[2] or found[2] == company:
                if company:
                    found[2] = company
                return found
            n += 1

    for m in export.messages:
        e = entry(m.name, m.url)
        e[3] += m.sent
        e[4] += m.received
        first, last = _month(m.first), _month(m.last)
        e[5] = first if e[5] is None else min(e[5], first or e[5])
        e[6] = last if e[6] is None else max(e[6], last or e[6])
    for inv in export.invitations:
        e = entry(inv.name, inv.url)
        e[7], e[8] = inv.direction, e[8] or inv.has_note
        on = _month(inv.sent_at)
        e[9] = on if e[9] is None else max(e[9], on or e[9])
    for en in export.endorsements:
        entry(en.name, en.url)[10] += en.count
    for r in export.recommendations:
        entry(r.name, "", r.company)[11 if r.given else 12] += 1
    return [EvidenceRow(*e) for e in rows.values()]


def plan_share(
    export: Export, *, exclude: Sequence[str] = (), connections_only: bool = False
) -> SharePlan:
    """Reduce ``export`` to what a share holds, leaving out the people in ``exclude``.

    Each ``exclude`` value is a name or a profile URL. A person is left out
    entirely: their connection row and every piece of evidence about them,
    matched by URL and by name (so a recommendation, which has no URL, goes
    too). A value that matches nobody is an error: it is most likely a typo,
    and a typo would share the relationship the owner meant to keep private.

    Raises
    ------
    InputError
        When an ``exclude`` value matches nobody in the export, or names nobody.
    """
    evidence = _evidence_rows(export)
    # folded names and profile keys, computed only when someone is to be left out
    conn_keys = [
        (c, name_key(c.first_name, c.last_name), profile_key(c.url))
        for c in (export.connections.contacts if exclude else ())
    ]
    ev_keys = [(e, name_key(e.name), profile_key(e.url)) for e in (evidence if exclude else ())]
    people = [(nk, key) for _, nk, key in conn_keys] + [(nk, key) for _, nk, key in ev_keys]
    wanted: list[tuple[str, set[str], set[str]]] = []  # (given, folded names, profile keys)
    for given in exclude:
        key, nk = profile_key(given), name_key(given)
        names, urls = (set(), {key}) if key else ({nk}, set())
        if not (key or nk):
            raise InputError(f"--exclude {given!r}: neither a name nor a profile URL")
        # a person named by URL goes under every name they appear with, and vice versa
        for _ in range(2):
            for p_nk, p_key in people:
                if p_key and p_key in urls and p_nk:
                    names.add(p_nk)
                if p_nk and p_nk in names and p_key:
                    urls.add(p_key)
        wanted.append((given, names, urls))

    def hits(nk: str, key: str | None, names: set[str], urls: set[str]) -> bool:
        return (bool(nk) and nk in names) or (key is not None and key in urls)

    all_names = set().union(*(w[1] for w in wanted)) if wanted else set()
    all_urls = set().union(*(w[2] for w in wanted)) if wanted else set()
    excluded = []
    for given, names, urls in wanted:
        nc = sum(1 for _, nk, key in conn_keys if hits(nk, key, names, urls))
        ne = sum(1 for _, nk, key in ev_keys if hits(nk, key, names, urls))
        if not (nc or ne):
            raise InputError(
                f"--exclude {given!r}: matches nobody in {export.source}; check the spelling "
                "(nothing was written)"
            )
        excluded.append(Excluded(given, nc, ne))
    if exclude:
        contacts = tuple(c for c, nk, key in conn_keys if not hits(nk, key, all_names, all_urls))
        rows = tuple(e for e, nk, key in ev_keys if not hits(nk, key, all_names, all_urls))
    else:
        contacts, rows = export.connections.contacts, tuple(evidence)
    return SharePlan(
        export=export,
        contacts=contacts,
        evidence=() if connections_only else rows,
        excluded=tuple(excluded),
        connections_only=connections_only,
        emails=sum(1 for c in export.connections.contacts if c.email.strip()),
        messages=sum(m.sent + m.received for m in export.messages),
        evidence_withheld=len(rows) if connections_only else 0,
        warnings=tuple(export.connections.warnings) + tuple(export.warnings),
    )


# ------------------------------------------------------------------ writing


def _cell(value: str) -> str:
    """Spreadsheet-safe and reversible: formula starts and apostrophes get one apostrophe."""
    return "'" + value if value.startswith(_TRIGGERS) else value


def _uncell(value: str) -> str:
    return value[1:] if value.startswith("'") else value


def _csv(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> bytes:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buf.getvalue().encode("utf-8")


def _ym(day: date | None) -> str:
    return f"{day.year:04d}-{day.month:02d}" if day else ""


def _readme(plan: SharePlan, info: dict[str, Any]) -> bytes:
    owner = info["owner"]
    lines = [
        f"LinkedIn connections shared by {owner['name']} (a refpath share)",
        "",
        f"Made with refpath from {owner['name']}'s LinkedIn data export"
        + (f" of {info['exported_on']}." if info["exported_on"] else "."),
        f"Share format version {SHARE_VERSION}. {len(plan.contacts)} connections; "
        + (
            "no relationship evidence (--connections-only)."
            if plan.connections_only
            else f"{len(plan.evidence)} rows of evidence."
        ),
        "",
        "Files",
        "-----",
        "connections.csv  one row per connection: First Name, Last Name, URL (profile),",
        "                 Company, Position, Connected On (YYYY-MM-DD). No email addresses.",
        "evidence.csv     one row per person with relationship evidence:",
        "                 Messages Sent (by the owner) and Messages Received (counts only),",
        "                 First/Last Message Month (YYYY-MM, never a day), Invitation",
        "                 (OUTGOING: the owner invited them; INCOMING: they invited the owner),",
        "                 Invitation Note (yes/no: whether it carried a personal message, not",
        "                 the message), Invitation Month, Endorsements (how many they gave the",
        "                 owner), Recommendations Given / Received (how many; no text).",
        "                 Company is filled only from a recommendation. A person the archive",
        "                 named once by profile URL and once by name only has two rows.",
        "share.json       owner, export date, format version, row counts, the sha256 of each",
        "                 file and a checksum over all of it. refpath refuses a share whose",
        "                 checksum does not match (an edited, damaged or truncated file).",
        "README.txt       this file.",
        "",
        "Never in this file: message text, subjects, conversation titles or ids, attachments,",
        "who was in which group chat, email addresses, phone numbers, postal addresses,",
        "exact message or invitation dates, and anything about people the owner excluded.",
        "",
        "A cell that starts with = + - @ or ' has one extra ' in front, so that a spreadsheet",
        "shows it as text instead of running it.",
        "",
        "To withdraw: delete this file from the team folder. The next `refpath sync` of that",
        "folder removes everything it brought from each colleague's store.",
        "",
    ]
    return "\n".join(lines).encode("utf-8")


def _checksum(manifest: dict[str, Any]) -> str:
    body = {k: v for k, v in manifest.items() if k != "checksum"}
    canon = json.dumps(body, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canon.encode("utf-8")).hexdigest()


def share_bytes(plan: SharePlan) -> tuple[bytes, str]:
    """The share file for ``plan`` (a zip) and its checksum. Same plan, same bytes."""
    export = plan.export
    connections = _csv(
        CONNECTION_COLUMNS,
        (
            (_cell(c.first_name), _cell(c.last_name), _cell(c.url), _cell(c.company),
             _cell(c.position), c.connected_on.isoformat() if c.connected_on else "")
            for c in plan.contacts
        ),
    )  # fmt: skip
    evidence = _csv(
        EVIDENCE_COLUMNS,
        (
            (_cell(e.name), _cell(e.url), _cell(e.company), e.sent, e.received, _ym(e.first),
             _ym(e.last), e.invitation, ("yes" if e.note else "no") if e.invitation else "",
             _ym(e.invited), e.endorsements, e.recs_given, e.recs_received)
            for e in plan.evidence
        ),
    )  # fmt: skip
    manifest: dict[str, Any] = {
        "format": FORMAT_NAME,
        "version": SHARE_VERSION,
        "owner": {
            "name": export.owner_name,
            "headline": export.owner_headline,
            "profile_url": export.owner_url,
        },
        "exported_on": export.exported_on.isoformat() if export.exported_on else None,
        "connections_only": plan.connections_only,
        "hidden_profiles": export.connections.hidden,
        "counts": {"connections": len(plan.contacts), "evidence": len(plan.evidence)},
        "written_by": f"refpath {__version__}",
    }
    readme = _readme(plan, manifest)
    members = {README: readme, CONNECTIONS: connections, EVIDENCE: evidence}
    manifest["files"] = {name: hashlib.sha256(data).hexdigest() for name, data in members.items()}
    manifest["checksum"] = _checksum(manifest)
    members[MANIFEST] = (json.dumps(manifest, ensure_ascii=False, indent=2) + "\n").encode()
    stamp = export.exported_on or date(1980, 1, 1)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in (README, MANIFEST, CONNECTIONS, EVIDENCE):
            info = zipfile.ZipInfo(name, (max(stamp.year, 1980), stamp.month, stamp.day, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, members[name])
    return buf.getvalue(), manifest["checksum"]


def write_share(plan: SharePlan, out: Path) -> str:
    """Write the share to ``out`` atomically (a temp file beside it, then a rename).

    Returns the checksum. ``out`` is never left half-written: on any error the
    temp file is removed and an existing ``out`` is untouched.

    Raises
    ------
    InputError
        When ``out`` is the export being shared, a folder, or cannot be written.
    """
    out = Path(out)
    source = Path(plan.export.source)
    try:
        if out.exists() and (out.is_dir() or (source.exists() and out.samefile(source))):
            raise InputError(f"{out}: is the export being shared or a folder; choose another -o")
    except OSError as err:
        raise InputError(f"{out}: can't check it ({err.strerror or err})") from err
    data, checksum = share_bytes(plan)
    parent = out.parent if str(out.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(dir=parent, prefix=f".{out.name}.", suffix=".tmp")
    except OSError as err:
        raise InputError(f"{out}: can't write there ({err.strerror or err})") from err
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o644 & ~umask)
        os.replace(tmp, out)
    except BaseException as err:
        Path(tmp).unlink(missing_ok=True)
        if isinstance(err, OSError):
            raise InputError(f"{out}: can't write it ({err.strerror or err})") from err
        raise
    return checksum


# ------------------------------------------------------------------ reading


def _members(path: Path) -> dict[str, bytes] | None:
    """A share's members by name, or None when ``path`` is not a share (no share.json)."""
    if path.is_dir():
        if not (path / MANIFEST).is_file():
            return None
        found = {}
        for name in (MANIFEST, README, CONNECTIONS, EVIDENCE):
            member = path / name
            if member.is_file():
                found[name] = member.read_bytes()
        return found
    try:
        with zipfile.ZipFile(path) as archive:
            infos = {i.filename: i for i in archive.infolist()}
            if MANIFEST not in infos:
                return None
            found = {}
            for name in (MANIFEST, README, CONNECTIONS, EVIDENCE):
                info = infos.get(name)
                if info is None:
                    continue
                if info.file_size > _MAX_MEMBER or info.flag_bits & 0x1:
                    raise ExportError(f"{path}: {name} is not what a refpath share holds")
                found[name] = archive.read(info)
            return found
    except (zipfile.BadZipFile, EOFError, ValueError, NotImplementedError) as err:
        raise ExportError(f"{path}: damaged or truncated ({err})") from err
    except (zipfile.LargeZipFile, RuntimeError, OSError) as err:
        raise ExportError(f"{path}: can't read it ({err})") from err


def is_share(path: Path) -> bool:
    """Whether ``path`` (a .zip, or an unzipped share folder) is a refpath share.

    A zip that cannot be read is not called a share here; reading it says what is wrong.
    """
    path = Path(path)
    try:
        if path.is_dir():
            return (path / MANIFEST).is_file()
        with zipfile.ZipFile(path) as archive:
            archive.getinfo(MANIFEST)
        return True
    except (KeyError, zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError):
        return False  # (NotImplementedError: a zip "version" Python cannot read, as locate says)


def _manifest(path: Path, data: bytes | None) -> dict[str, Any]:
    if data is None:
        raise ExportError(f"{path}: not a refpath share (no {MANIFEST})")
    try:
        manifest = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as err:
        raise ExportError(f"{path}: {MANIFEST} is damaged or was edited ({err})") from err
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT_NAME:
        raise ExportError(f"{path}: not a refpath share ({MANIFEST} does not say so)")
    version = manifest.get("version")
    if not isinstance(version, int) or version < 1:
        raise ExportError(f"{path}: {MANIFEST} is damaged or was edited (no format version)")
    if version > SHARE_VERSION:
        raise ExportError(
            f"{path}: a share in format {version}, newer than this refpath reads "
            f"({SHARE_VERSION}); upgrade refpath to add it"
        )
    if manifest.get("checksum") != _checksum(manifest):
        raise ExportError(
            f"{path}: this share was edited or damaged after it was made (checksum mismatch); "
            "ask its owner for a fresh one"
        )
    return manifest


def _owner_name(path: Path, manifest: dict[str, Any]) -> str:
    owner = manifest.get("owner")
    name = owner.get("name") if isinstance(owner, dict) else None
    if not isinstance(name, str) or not name.strip():
        raise ExportError(f"{path}: {MANIFEST} names no owner")
    return name


def _exported(manifest: dict[str, Any]) -> date | None:
    try:
        return date.fromisoformat(manifest["exported_on"]) if manifest.get("exported_on") else None
    except (TypeError, ValueError):
        return None


def peek_share(path: Path) -> ShareInfo:
    """Read only a share's manifest (fast: for ``sync`` of unchanged shares).

    Raises ExportError as :func:`read_share` does for the manifest; the rows
    are checked only when the share is read.
    """
    path = Path(path)
    try:
        if path.is_dir():
            data = (path / MANIFEST).read_bytes() if (path / MANIFEST).is_file() else None
        else:
            with zipfile.ZipFile(path) as archive:
                try:
                    info = archive.getinfo(MANIFEST)
                except KeyError:
                    data = None
                else:
                    if info.file_size > _MAX_MEMBER:
                        raise ExportError(f"{path}: {MANIFEST} is too big for a refpath share")
                    data = archive.read(info)
    except (zipfile.BadZipFile, EOFError, ValueError, NotImplementedError) as err:
        raise ExportError(f"{path}: damaged or truncated ({err})") from err
    except OSError as err:
        raise ExportError(f"{path}: can't read it ({err.strerror or err})") from err
    manifest = _manifest(path, data)
    counts = manifest["counts"] if isinstance(manifest.get("counts"), dict) else {}
    return ShareInfo(
        path=path,
        owner=_owner_name(path, manifest),
        exported_on=_exported(manifest),
        checksum=manifest["checksum"],
        version=manifest["version"],
        connections=int(counts.get("connections", 0)),
        evidence=int(counts.get("evidence", 0)),
    )


def _table(path: Path, name: str, data: bytes, header: Sequence[str]) -> list[list[str]]:
    try:
        rows = list(csv.reader(io.StringIO(data.decode("utf-8"), newline="")))
    except (UnicodeDecodeError, csv.Error) as err:
        raise ExportError(f"{path}: {name} is damaged ({err})") from err
    if not rows or tuple(rows[0]) != tuple(header):
        raise ExportError(f"{path}: {name} does not have a refpath share's columns")
    body = rows[1:]
    if any(len(r) != len(header) for r in body):
        raise ExportError(f"{path}: {name} has rows of the wrong width")
    return body


def _int(path: Path, text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise ExportError(f"{path}: evidence.csv holds {text!r} where a count belongs") from None
    if value < 0:
        raise ExportError(f"{path}: evidence.csv holds a negative count")
    return value


def _month_of(path: Path, text: str) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text + "-01")
    except ValueError:
        raise ExportError(f"{path}: evidence.csv holds {text!r} where a month belongs") from None


def read_share(path: Path) -> Export:
    """Read and check a share; return it as the :class:`Export` it was made from.

    What the share does not hold stays empty: emails, exact message dates (the
    1st of the month stands for the month), endorsement and recommendation
    dates. ``owner_from`` and ``connections.fmt`` are ``"share"``.

    Raises
    ------
    ExportError
        When ``path`` is not a share, or was edited, truncated or damaged, or
        was written in a newer share format.
    """
    path = Path(path)
    try:
        members = _members(path)
    except OSError as err:
        raise ExportError(f"{path}: can't read it ({err.strerror or err})") from err
    if members is None:
        raise ExportError(f"{path}: not a refpath share (no {MANIFEST})")
    manifest = _manifest(path, members.get(MANIFEST))
    files = manifest.get("files")
    if not isinstance(files, dict):
        raise ExportError(f"{path}: {MANIFEST} is damaged (no file list)")
    for name in (README, CONNECTIONS, EVIDENCE):
        data = members.get(name)
        if data is None:
            raise ExportError(f"{path}: {name} is missing; the share is incomplete")
        if hashlib.sha256(data).hexdigest() != files.get(name):
            raise ExportError(
                f"{path}: {name} was edited or damaged after the share was made "
                "(checksum mismatch); ask its owner for a fresh one"
            )
    owner = manifest["owner"] if isinstance(manifest.get("owner"), dict) else {}
    days: dict[str, date | None] = {"": None}
    contacts = []
    for line, row in enumerate(_table(path, CONNECTIONS, members[CONNECTIONS],
                                      CONNECTION_COLUMNS), 2):  # fmt: skip
        on = row[5]
        if on not in days:
            try:
                days[on] = date.fromisoformat(on)
            except ValueError:
                raise ExportError(
                    f"{path}: connections.csv line {line} holds {on!r} where a date belongs"
                ) from None
        contacts.append(
            Contact(_uncell(row[0]), _uncell(row[1]), _uncell(row[2]), "", _uncell(row[3]),
                    _uncell(row[4]), days[on], line)
        )  # fmt: skip
    messages, invitations, endorsements, recs = [], [], [], []
    for row in _table(path, EVIDENCE, members[EVIDENCE], EVIDENCE_COLUMNS):
        name, url, company = _uncell(row[0]), _uncell(row[1]), _uncell(row[2])
        sent, received = _int(path, row[3]), _int(path, row[4])
        first, last = _month_of(path, row[5]), _month_of(path, row[6])
        if sent or received or first or last:
            messages.append(MessageStats(name, url, sent, received, first, last))
        if row[7]:
            if row[7] not in ("INCOMING", "OUTGOING"):
                raise ExportError(f"{path}: evidence.csv holds {row[7]!r} as an invitation")
            invitations.append(
                InvitationInfo(name, url, row[7], row[8] == "yes", _month_of(path, row[9]))
            )
        if n := _int(path, row[10]):
            endorsements.append(EndorsementStats(name, url, n, None))
        recs += [RecommendationInfo(name, company, True, None)] * _int(path, row[11])
        recs += [RecommendationInfo(name, company, False, None)] * _int(path, row[12])
    hidden = manifest.get("hidden_profiles", 0)
    return Export(
        source=os.path.abspath(path),  # so that ``sync`` knows which folder it came from
        owner_name=_owner_name(path, manifest),
        owner_from=SHARE_FMT,
        owner_headline=str(owner.get("headline") or ""),
        owner_url=str(owner.get("profile_url") or ""),
        connections=ConnectionsFile(
            tuple(contacts), hidden if isinstance(hidden, int) else 0, SHARE_FMT, ()
        ),
        messages=tuple(messages),
        invitations=tuple(invitations),
        endorsements=tuple(endorsements),
        recommendations=tuple(recs),
        fingerprint=manifest["checksum"],
        exported_on=_exported(manifest),
    )


def rounded(export: Export) -> Export:
    """``export`` as a share keeps it: month-rounded dates, no emails, no other dates.

    For tests and checks: reading a share of ``export`` gives the same evidence.
    """
    contacts = tuple(c._replace(email="") for c in export.connections.contacts)
    return replace(
        export,
        connections=replace(export.connections, contacts=contacts),
        messages=tuple(
            m._replace(first=_month(m.first), last=_month(m.last)) for m in export.messages
        ),
        invitations=tuple(i._replace(sent_at=_month(i.sent_at)) for i in export.invitations),
        endorsements=tuple(e._replace(last=None) for e in export.endorsements),
        recommendations=tuple(r._replace(created=None) for r in export.recommendations),
    )
