"""Find LinkedIn exports on disk and read each one into an Export.

``locate`` finds the exports under the paths a user gives (a Connections.csv,
an archive ``.zip``, an unzipped archive folder, or a team folder of those),
naming each owner from its file or folder name when that names someone, and
skipping symlinks that leave the folder given. ``load`` reads one located
export into an :class:`~refpath.exports.records.Export`, parsing Connections.csv with
:mod:`refpath.exports.connections` and the archive's other files with
:mod:`refpath.exports.archive`.
Zips are read in memory, with size and compression-ratio caps checked before any
byte is decompressed, and never extracted.
"""

from __future__ import annotations

import hashlib
import io
import os
import re
import stat
import zipfile
import zlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date
from functools import partial
from pathlib import Path
from typing import TypeVar

from refpath.errors import ExportError, InputError
from refpath.exports.archive import (
    parse_endorsements,
    parse_invitations,
    parse_messages,
    parse_profile,
    parse_recommendations,
)
from refpath.exports.connections import parse_connections
from refpath.exports.records import Export
from refpath.exports.text import decode_export, decode_stream
from refpath.identity import NAME_RULES

__all__ = ["Located", "load", "locate", "read_regular"]

_T = TypeVar("_T")
_MAX_FILE = 200 * 2**20  # no real export file comes close
_MAX_TOTAL = 2**30
_MAX_RATIO = 100  # CSV text compresses ~5:1; far beyond that is a zip bomb
_RATIO_FLOOR = 2**20  # tiny members may compress absurdly well, harmlessly
_MAX_DEPTH = 3  # team folder / colleague folder / unzipped archive
_MAX_ZIP_DEPTH = 1  # a zip holding LinkedIn's zip; not deeper
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
    "owner", "owners", "user", "users", "person", "colleague", "colleagues", "member",
    "members", "new", "old", "final", "backup", "latest", "file", "files", "folder", "network",
    "contacts", "contact", "list", "full", "part", "test", "sample", "the", "and", "unzipped",
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
    """'carol-mendes' -> 'Carol Mendes'; '' when the name does not look like a person's.

    LinkedIn's own names, dates, numbers and words such as "owner" or "user"
    are left out; what remains must be words of letters (``omar``, ``carol-mendes``):
    ``owner-1``, ``export (2)`` or ``data_2024`` name no one.
    """
    words = [
        w for w in _NAME_SPLIT.split(stem)
        if len(w) > 1 and w.lower() not in _GENERIC_WORDS and not any(ch.isdigit() for ch in w)
    ]  # fmt: skip
    if not words or not all(w.replace("'", "").isalpha() for w in words):
        return ""
    if all(w == w.lower() for w in words):
        words = [w[:1].upper() + w[1:] for w in words]
    return " ".join(words)


def _stem(found: Located) -> str:
    """The file or folder name an owner's name was looked for in."""
    if found.kind == "dir" or found.path.name.lower() == "connections.csv":
        return (found.path if found.kind == "dir" else found.path.parent).resolve().name
    return found.path.stem


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


def locate_exports(paths: Sequence[Path], owner: str | None = None) -> list[Located]:
    """:func:`locate`, checking that ``owner`` (from ``--owner``) names a single export."""
    located = locate(paths)
    if owner is not None and len(located) != 1:
        raise ExportError(
            f"--owner needs a single export, but {len(located)} were found: "
            + ", ".join(str(found.path) for found in located[:5])
            + (", ..." if len(located) > 5 else "")
        )
    return located


def read_regular(
    path: Path, limit: int, what: str = "this file", error: type[InputError] = InputError
) -> bytes:
    """The bytes of the regular file at ``path``, refusing at once anything else or too big.

    A FIFO, a device (``/dev/zero``), a socket or a folder raises ``error`` before
    a byte is read (the open does not wait for a FIFO's writer), and so does a
    file over ``limit`` bytes, also one that grows past it while read.
    """
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except IsADirectoryError as err:
        raise error(f"{path}: is a folder, not a file") from err
    except OSError as err:
        raise error(f"{path}: can't read it ({err.strerror or err})") from err
    mb = f"{limit / 2**20:g} MB"
    try:
        st = os.fstat(fd)
        if stat.S_ISDIR(st.st_mode):
            raise error(f"{path}: is a folder, not a file")
        if not stat.S_ISREG(st.st_mode):
            raise error(f"{path}: not a regular file (a pipe or a device); give a file")
        if st.st_size > limit:
            raise error(f"{path}: over {mb}, too big for {what}")
        os.set_blocking(fd, True)
        with os.fdopen(fd, "rb") as f:
            fd = -1
            data = f.read(st.st_size + 1)  # (not limit + 1: no buffer of the limit's size)
            if len(data) > st.st_size:  # it grew while read
                data += f.read(limit + 1 - len(data))
    except OSError as err:
        raise error(f"{path}: can't read it ({err.strerror or err})") from err
    finally:
        if fd >= 0:
            os.close(fd)
    if len(data) > limit:
        raise error(f"{path}: over {mb}, too big for {what}")
    return data


def _read_file(path: Path) -> bytes:
    """A file's bytes, refusing anything too big to be an export."""
    return read_regular(path, _MAX_FILE, "an export", ExportError)


def _skipped(label: str, size: int) -> str:
    """The warning for an optional archive file too big to read."""
    return (
        f"{label}: {size // 2**20} MB, over the {_MAX_FILE // 2**20} MB limit for one file;"
        " skipped (the export is added without it)"
    )


def _read_folder(folder: Path, root: Path, warnings: list[str]) -> dict[str, tuple[str, bytes]]:
    """An unzipped archive's files by kind.

    An optional file (messages.csv, ...) over the size limit is skipped with a
    warning, as a malformed one is; only Connections.csv is required.
    """
    files: dict[str, tuple[str, bytes]] = {}
    for child in _children(folder, root):
        kind = _ARCHIVE_FILES.get(child.name.lower())
        if kind and kind not in files and child.is_file():
            size = child.stat().st_size
            if kind != "connections" and size > _MAX_FILE:
                warnings.append(_skipped(str(child), size))
                continue
            files[kind] = (str(child), _read_file(child))
    return files


_ARCHIVE_NAME = re.compile(r"LinkedInDataExport_(\d{1,2})-(\d{1,2})-(\d{4})", re.IGNORECASE)


def archive_date(source: str | Path) -> date | None:
    """The date in a LinkedIn archive's name (``Basic_LinkedInDataExport_11-20-2026.zip``).

    The name of ``source`` itself counts, or of the folder holding it (an
    unzipped archive's ``Connections.csv``, also inside a zip:
    ``x.zip:Basic_LinkedInDataExport_11-20-2026/Connections.csv``); None when
    neither is such a name.

    >>> archive_date("team/Basic_LinkedInDataExport_11-20-2026.zip")
    datetime.date(2026, 11, 20)
    >>> archive_date("Complete_LinkedInDataExport_03-02-2025/Connections.csv")
    datetime.date(2025, 3, 2)
    >>> archive_date("carol/Connections.csv") is None
    True
    """
    path = Path(source)
    for name in (path.name, path.parent.name):
        found = _ARCHIVE_NAME.search(name)
        if found:
            month, day, year = map(int, found.groups())
            try:
                return date(year, month, day)
            except ValueError:
                return None
    return None


def _unsafe_member(name: str) -> bool:
    """Whether a zip entry name is absolute or climbs out with '..'."""
    name = name.replace("\\", "/")
    return (
        name.startswith("/")
        or re.match(r"[A-Za-z]:", name) is not None
        or (".." in name.split("/"))
    )


def _read_zip(path: Path, warnings: list[str]) -> dict[str, tuple[str, bytes]]:
    """A LinkedIn archive's files by kind, read in memory with bomb checks.

    The archive is refused if *any* entry has an absolute path or a '..'
    part: LinkedIn never writes one, so such a zip was made by someone else
    (nothing is ever written to disk either way). The files used are the
    shallowest Connections.csv and the known files next to it; the size
    limits (200 MB a file, 1 GB in all, 100:1 compression above 1 MB) apply
    to those, before any byte is decompressed. An optional file over 200 MB
    that compresses like text is skipped with a warning; a zip bomb refuses the
    whole archive. A zip holding no Connections.csv but one zip (LinkedIn's
    archive zipped again, say with other downloads) is read through to that
    one, in memory, with the same checks.
    """
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError) as err:
        raise ExportError(f"{path}: not a readable zip archive ({err})") from err
    with archive:
        return _read_archive(archive, str(path), warnings, 0)


def _read_archive(
    archive: zipfile.ZipFile, path: str, warnings: list[str], depth: int
) -> dict[str, tuple[str, bytes]]:
    """:func:`_read_zip` on an open zip; ``path`` names it in messages."""
    infos = [i for i in archive.infolist() if not i.is_dir()]
    for info in infos:
        if _unsafe_member(info.filename):
            raise ExportError(
                f"{path}: refusing this archive: it has an entry with an unsafe path"
                f" ({info.filename!r}), which LinkedIn archives never have"
            )
    visible = [i for i in infos if not i.filename.startswith("__MACOSX/")]
    candidates = sorted(
        (i.filename.count("/"), i.filename)
        for i in visible
        if i.filename.rsplit("/", 1)[-1].lower() == "connections.csv"
    )
    if not candidates:
        inner = sorted((i.filename.count("/"), i.filename, i) for i in visible
                       if i.filename.lower().endswith(".zip"))  # fmt: skip
        if inner and depth < _MAX_ZIP_DEPTH and (len(inner) == 1 or inner[1][0] > inner[0][0]):
            info = inner[0][2]
            _check_sizes(path, [info])
            label = f"{path}:{info.filename}"
            try:
                nested = zipfile.ZipFile(io.BytesIO(_read_member(archive, info, path)))
            except (zipfile.BadZipFile, ValueError, EOFError, NotImplementedError) as err:
                raise ExportError(f"{label}: not a readable zip archive ({err})") from err
            with nested:
                return _read_archive(nested, label, warnings, depth + 1)
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
            ratio = info.file_size / max(info.compress_size, 1)
            if kind != "connections" and info.file_size > _MAX_FILE and ratio <= _MAX_RATIO:
                # too big, but not a bomb (those refuse the archive, in _check_sizes)
                warnings.append(_skipped(f"{path}:{info.filename}", info.file_size))
                continue
            wanted[kind] = info
    _check_sizes(path, list(wanted.values()))
    return {
        kind: (f"{path}:{info.filename}", _read_member(archive, info, path))
        for kind, info in wanted.items()
    }


def _check_sizes(path: Path | str, infos: list[zipfile.ZipInfo]) -> None:
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


def _read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, path: Path | str) -> bytes:
    """A member's bytes, in chunks, never more than its header declared.

    The chunks are appended to one growing buffer (a bytearray, which the text
    decoders read as they read bytes), so the member is never held twice.
    """
    limit = min(info.file_size, _MAX_FILE)
    data = bytearray()
    try:
        with archive.open(info) as member:
            while chunk := member.read(2**20):
                if len(data) + len(chunk) > limit:
                    raise ExportError(
                        f"{path}: {info.filename} is larger than its header says; refusing it"
                    )
                data += chunk
    except (
        zipfile.BadZipFile,
        zlib.error,
        EOFError,
        OSError,
        RuntimeError,
        NotImplementedError,
    ) as err:  # damaged data, or a compression method Python lacks
        raise ExportError(f"{path}: can't read {info.filename} ({err})") from err
    return data  # type: ignore[return-value]  # (bytes-like: read, hashed, decoded alike)


def _fingerprint(files: dict[str, tuple[str, bytes]]) -> str:
    """sha256 over the files' bytes by kind, so a zip and its unzipped folder agree.

    The name rules' version is part of it: re-adding an export added under older
    rules re-keys its people instead of finding it unchanged.
    """
    digest = hashlib.sha256(b"name-rules %d\0" % NAME_RULES)
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
    stream: bool = False,
) -> _T | None:
    """Parse an optional archive file; on trouble, note a warning and carry on.

    ``stream``: decode as the parser reads (:func:`decode_stream`), for a file
    that may be large (messages.csv), so its text is never held whole.
    """
    if kind not in files:
        return None
    label, data = files[kind]
    try:
        text, decoding = (decode_stream if stream else decode_export)(data, label)
        parsed = parse(text, source=label)
    except ExportError as err:
        warnings.append(f"{err} (file skipped)")
        return None
    warnings.extend(decoding)
    return parsed


_SPREADSHEETS = (".xlsx", ".xlsm", ".xls", ".ods", ".numbers")
#: how a spreadsheet's own file starts: a zip (.xlsx, .ods, .numbers) or an OLE file (.xls)
_SPREADSHEET_MAGIC = (b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")


def _refuse_spreadsheet(label: str, data: bytes) -> None:
    """Refuse, in one line saying what to do, a spreadsheet given in place of a CSV.

    By its name (``Connections.xlsx``) or by its first bytes (a workbook renamed
    ``.csv``). refpath reads CSV only: reading workbooks would need a heavy
    dependency for a file any spreadsheet saves as CSV in two clicks.
    """
    suffix = Path(label).suffix.lower()
    if suffix in _SPREADSHEETS or bytes(data[:8]).startswith(_SPREADSHEET_MAGIC):
        what = f"a {suffix} spreadsheet" if suffix in _SPREADSHEETS else "a spreadsheet workbook"
        raise ExportError(
            f"{label}: this is {what}, not a CSV — open it and save it as CSV"
            " (comma-separated values), or add the Connections.csv from LinkedIn's archive"
        )


def load(found: Located, owner: str | None = None) -> Export:
    """Read and parse one located export.

    The owner's name comes from Profile.csv, else ``owner``, else the file or
    folder name; with none of them this raises ExportError. Trouble with the
    archive's optional files only adds warnings. A refpath share (see
    :mod:`refpath.exports.share`) names its owner itself; ``owner`` is ignored.
    """
    from refpath.exports import (
        share as share_format,  # a colleague's share reads into the same Export
    )

    if found.kind in ("zip", "dir") and share_format.is_share(found.path):
        return share_format.read_share(found.path)
    warnings: list[str] = []
    if found.kind == "zip":
        files = _read_zip(found.path, warnings)
    elif found.kind == "dir":
        files = _read_folder(found.path, found.root, warnings)
    else:
        files = {"connections": (str(found.path), _read_file(found.path))}
    label, data = files["connections"]
    _refuse_spreadsheet(label, data)
    text, decoding = decode_export(data, label)
    connections = parse_connections(text, source=label)
    if decoding:
        connections = replace(connections, warnings=tuple(decoding) + connections.warnings)
    # The archive's name dates it; else the newest connection is the best we know (a
    # file's modification time says when it was copied, not when it was exported).
    dated = [c.connected_on for c in connections.contacts if c.connected_on is not None]
    named = archive_date(found.path) or archive_date(label)
    exported_on = named or (max(dated) if dated else None)

    profile = _optional(files, "profile", warnings, parse_profile)
    name, headline = profile or ("", "")
    owner_from = "profile"
    if not name:
        name, owner_from = (owner, "option") if owner else (found.name, "filename")
    if not name:
        raise ExportError(
            f'{found.path}: can\'t tell whose export this is — pass --owner "Full Name",'
            " or put it in a folder named after its owner (e.g. carol-mendes/Connections.csv);"
            f" no Profile.csv names them, and {_stem(found)!r} is not a person's name"
        )
    messages, owner_url = _optional(
        files,
        "messages",
        warnings,
        partial(parse_messages, owner_name=name, warnings=warnings),
        stream=True,
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
    for found in locate_exports(paths, owner):
        yield load(found, owner)


def read_export(path: Path, *, owner: str | None = None) -> Export:
    """Read the single export at ``path``; see :func:`read_exports`.

    Raises
    ------
    ExportError
        As :func:`read_exports`, and when ``path`` holds several exports.
    """
    located = locate([path])
    if len(located) != 1:
        raise ExportError(f"{path}: holds {len(located)} exports; add it as a team folder")
    return load(located[0], owner)
