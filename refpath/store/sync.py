"""Keep a store in step with a team's shared folder of colleagues' shares.

Teams keep their shares (:mod:`refpath.exports.share`) in one synced folder.
:func:`plan_sync` compares that folder with the store: a share whose owner is
new, or whose checksum differs from the one the store recorded, is to be
added; an unchanged share is left alone without reading its rows (only its
``share.json``); a colleague whose export came from a share in this folder and
who no longer has a share there is to be removed (withdrawing consent is
deleting one's file). Raw exports in the folder, the user's own export and
colleagues added from elsewhere are never removed. Applying the plan is
:func:`refpath.store.ingest.add_exports` and :func:`refpath.store.ingest.remove_owner`.
"""

from __future__ import annotations

import os
import zipfile
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from refpath.errors import ExportError, InputError
from refpath.exports.share import SHARE_FMT, ShareInfo, is_share, peek_share
from refpath.identity import name_key
from refpath.store.db import Store

__all__ = ["SyncPlan", "find_shares", "plan_sync"]

_MAX_DEPTH = 3
_NEVER = date.min


@dataclass
class SyncPlan:
    """What a sync of one folder will do."""

    folder: Path
    add: list[ShareInfo] = field(default_factory=list)  #: new or changed shares
    unchanged: list[ShareInfo] = field(default_factory=list)
    #: (colleague, the share the store holds them from) no longer in the folder
    remove: list[tuple[str, str]] = field(default_factory=list)
    #: shares left alone, and why
    ignored: list[tuple[Path, str]] = field(default_factory=list)
    raw: list[Path] = field(default_factory=list)  #: raw exports seen (sync leaves them)


def find_shares(folder: Path) -> tuple[list[Path], list[Path]]:
    """(shares, other export files) under ``folder``, sorted; hidden files skipped.

    Symlinks that leave the folder are not followed. An empty folder is fine:
    every colleague may have withdrawn. A ``.zip`` that is not a readable zip
    raises ExportError: it may be a share the drive has not finished copying.
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise InputError(f"{folder}: not a folder; sync takes the team's shared folder")
    root = folder.resolve()
    shares: list[Path] = []
    raw: list[Path] = []

    def walk(path: Path, depth: int) -> None:
        try:
            children = sorted(path.iterdir())
        except OSError as err:
            raise InputError(f"{path}: can't read it ({err.strerror or err})") from err
        for child in children:
            if child.name.startswith((".", "~$", "__MACOSX")):
                continue
            try:
                if child.is_symlink() and not child.resolve().is_relative_to(root):
                    continue
            except (OSError, RuntimeError):
                continue
            if child.is_file():
                if child.suffix.lower() == ".zip" and not zipfile.is_zipfile(child):
                    # a share half-copied by the shared drive, maybe: whose it is is unknown
                    raise ExportError(f"{child}: damaged or truncated (not a readable zip)")
                if child.suffix.lower() == ".zip" and is_share(child):
                    shares.append(child)
                elif child.suffix.lower() in (".zip", ".csv"):
                    raw.append(child)
            elif child.is_dir():
                if is_share(child):
                    shares.append(child)
                elif depth < _MAX_DEPTH:
                    walk(child, depth + 1)

    walk(folder, 0)
    return shares, raw


def _inside(source: str, root: Path) -> bool:
    try:
        return Path(source).resolve().is_relative_to(root)
    except (OSError, RuntimeError, ValueError):
        return False


def plan_sync(store: Store, folder: Path) -> SyncPlan:
    """Compare ``folder``'s shares with ``store``; change nothing.

    Of several shares by one colleague, the newest export is used (then the
    last file name). Raises ExportError on a share that cannot be read: a sync
    adds nothing rather than a part of the folder.
    """
    folder = Path(os.path.abspath(folder))
    shares, raw = find_shares(folder)
    plan = SyncPlan(folder=folder, raw=raw)
    newest: dict[str, ShareInfo] = {}
    for path in shares:
        info = peek_share(path)
        nk = name_key(info.owner)
        old = newest.get(nk)
        if old is None or (info.exported_on or _NEVER) >= (old.exported_on or _NEVER):
            if old is not None:
                plan.ignored.append((old.path, f"an older share of {old.owner}'s"))
            newest[nk] = info
        else:
            plan.ignored.append((path, f"an older share of {info.owner}'s"))
    owners = {
        row[1]: row
        for row in store.conn.execute(
            "SELECT name, name_key, is_me, fmt, source, fingerprint FROM owners ORDER BY id"
        )
    }
    for nk, info in newest.items():
        row = owners.get(nk)
        if row is None:
            plan.add.append(info)
        elif row[3] == SHARE_FMT and row[5] == info.checksum:
            plan.unchanged.append(info)
        elif row[2] and row[3] != SHARE_FMT:
            plan.ignored.append((info.path, "your own export is in the store and holds more"))
        else:
            plan.add.append(info)
    root = folder.resolve()
    for nk, row in owners.items():
        if row[3] == SHARE_FMT and nk not in newest and _inside(row[4], root):
            plan.remove.append((row[0], row[4]))
    return plan
