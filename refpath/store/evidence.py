"""Attach an archive's relationship evidence to people in the store.

Messages, invitations, endorsements and recommendations name their
counterpart by profile URL, member URN or only by name. Each counterpart is
resolved to a person already in the store: by URL or URN first, then by a
unique folded name among the owner's own connections, then among the
colleagues; a name that agrees but for a middle name or initial counts when it
picks one connection. Evidence about people who are not in the store yet is counted and
kept by profile key in ``pending_signals`` until a later export brings that
person in (then :func:`resolve_pending` attaches it); evidence naming nobody
by URL is counted and dropped. Only counts, directions and dates are
written; never text.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from refpath.exports.dates import iso_date
from refpath.exports.records import Export
from refpath.identity import company_key, name_key, names_agree, profile_key
from refpath.store.db import resolve_key


@dataclass
class _Pair:
    sent: int = 0
    received: int = 0
    first: date | None = None
    last: date | None = None
    invite: str | None = None
    invite_note: bool = False
    invite_on: date | None = None
    endorsements: int = 0
    recs_received: int = 0
    recs_given: int = 0


def _min(a: date | None, b: date | None) -> date | None:
    return b if a is None else a if b is None else min(a, b)


def _max(a: date | None, b: date | None) -> date | None:
    return b if a is None else a if b is None else max(a, b)


class _Resolver:
    """Find the person id for a counterpart named by URL/URN and/or name."""

    def __init__(self, conn: sqlite3.Connection, owner_id: int, owner_pid: int) -> None:
        self.conn = conn
        self.owner_pid = owner_pid
        self.by_name: dict[str, list[tuple[int, str]]] = defaultdict(list)
        for pid, nk, ck in conn.execute(
            """SELECT p.id, p.name_key, p.company_key FROM connections c
               JOIN people p ON p.id = c.person_id WHERE c.owner_id = ?""",
            (owner_id,),
        ):
            self.by_name[nk].append((pid, ck))
        self._ends: dict[tuple[str, str], list[str]] | None = None
        self.owners: dict[str, list[int]] = defaultdict(list)
        for pid, nk in conn.execute(
            "SELECT o.person_id, o.name_key FROM owners o WHERE o.person_id != ?", (owner_pid,)
        ):
            self.owners[nk].append(pid)

    def _agreeing(self, nk: str) -> list[tuple[int, str]]:
        """The owner's connections whose name agrees with ``nk`` but for middle names."""
        words = nk.split()
        if len(words) < 2:
            return []
        if self._ends is None:
            self._ends = defaultdict(list)
            for key in self.by_name:
                parts = key.split()
                if len(parts) >= 2:
                    self._ends[parts[0], parts[-1]].append(key)
        keys = self._ends.get((words[0], words[-1]), [])
        return [e for key in keys if names_agree(nk, key) for e in self.by_name[key]]

    def __call__(self, name: str, url: str = "", company: str = "") -> int | None:
        key = profile_key(url) if url else None
        nk = name_key(name)
        pid = None
        if key:
            pid = resolve_key(self.conn, key)
        if pid is None and nk:
            found = self.by_name.get(nk, [])
            if len(found) > 1 and company:
                ck = company_key(company)
                found = [f for f in found if f[1] == ck]
            if len(found) == 1:
                pid = found[0][0]
            elif not found and len(self.owners.get(nk, [])) == 1:
                pid = self.owners[nk][0]
            elif not found:  # "Laura Quinn" recommended the owner; the export has Laura M. Quinn
                loose = {p for p, _ in self._agreeing(nk)}
                if len(loose) == 1:
                    pid = loose.pop()
            if pid is not None and key and key.startswith("urn:"):
                self.conn.execute("INSERT OR IGNORE INTO aliases VALUES (?, ?)", (key, pid))
        return None if pid == self.owner_pid else pid


_INSERT = """INSERT INTO {table} (owner_id, {who}, sent, received, first_msg, last_msg, invite,
    invite_note, invite_on, endorsements, recs_received, recs_given)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"""


def _rows(owner_id: int, pairs: dict) -> list[tuple]:
    return [
        (
            owner_id,
            who,
            p.sent,
            p.received,
            iso_date(p.first),
            iso_date(p.last),
            p.invite,
            int(p.invite_note),
            iso_date(p.invite_on),
            p.endorsements,
            p.recs_received,
            p.recs_given,
        )  # fmt: skip
        for who, p in pairs.items()
    ]


def resolve_pending(conn: sqlite3.Connection) -> int:
    """Attach evidence that waited for its counterpart to join the store; return how many.

    An archive can mention someone (a message, an invitation) before any
    export lists them; that evidence waits by profile key until a later add
    brings the person in, so adding exports in any order gives the same store.
    """
    found = conn.execute(
        """SELECT w.rowid, w.owner_id, COALESCE(p.id, a.person_id) FROM pending_signals w
           LEFT JOIN people p ON p.key = w.key LEFT JOIN aliases a ON a.alias = w.key
           WHERE COALESCE(p.id, a.person_id) IS NOT NULL"""
    ).fetchall()
    for rowid, owner_id, pid in found:
        if conn.execute(
            "SELECT 1 FROM owners WHERE id = ? AND person_id = ?", (owner_id, pid)
        ).fetchone():
            conn.execute("DELETE FROM pending_signals WHERE rowid = ?", (rowid,))
            continue
        conn.execute(
            """INSERT INTO signals (owner_id, person_id, sent, received, first_msg, last_msg,
                 invite, invite_note, invite_on, endorsements, recs_received, recs_given)
               SELECT owner_id, ?, sent, received, first_msg, last_msg, invite, invite_note,
                 invite_on, endorsements, recs_received, recs_given
               FROM pending_signals WHERE rowid = ?
               ON CONFLICT (owner_id, person_id) DO UPDATE SET
                 sent = sent + excluded.sent, received = received + excluded.received,
                 first_msg = COALESCE(MIN(first_msg, excluded.first_msg), first_msg,
                                      excluded.first_msg),
                 last_msg = COALESCE(MAX(last_msg, excluded.last_msg), last_msg,
                                     excluded.last_msg),
                 invite = COALESCE(invite, excluded.invite),
                 invite_note = MAX(invite_note, excluded.invite_note),
                 invite_on = COALESCE(invite_on, excluded.invite_on),
                 endorsements = endorsements + excluded.endorsements,
                 recs_received = recs_received + excluded.recs_received,
                 recs_given = recs_given + excluded.recs_given""",
            (pid, rowid),
        )
        conn.execute("DELETE FROM pending_signals WHERE rowid = ?", (rowid,))
    return len(found)


def store_signals(
    conn: sqlite3.Connection, export: Export, owner_id: int, owner_pid: int
) -> tuple[int, int]:
    """Write per-pair evidence for one export; return (people with evidence, unmatched)."""
    if not (export.messages or export.invitations or export.endorsements or export.recommendations):
        return 0, 0
    resolve = _Resolver(conn, owner_id, owner_pid)
    pairs: dict[int, _Pair] = defaultdict(_Pair)
    waiting: dict[str, _Pair] = defaultdict(_Pair)  # by profile key: not in the store yet
    unmatched = 0

    def pair_for(name: str, url: str, company: str = "") -> _Pair | None:
        nonlocal unmatched
        pid = resolve(name, url, company)
        if pid is not None:
            return pairs[pid]
        unmatched += 1
        key = profile_key(url) if url else None
        return waiting[key] if key and key.startswith("in:") else None

    for m in export.messages:
        if (p := pair_for(m.name, m.url)) is not None:
            p.sent += m.sent
            p.received += m.received
            p.first, p.last = _min(p.first, m.first), _max(p.last, m.last)
    for inv in export.invitations:
        if (p := pair_for(inv.name, inv.url)) is not None:
            p.invite, p.invite_note = inv.direction, p.invite_note or inv.has_note
            p.invite_on = _max(p.invite_on, inv.sent_at)
    for e in export.endorsements:
        if (p := pair_for(e.name, e.url)) is not None:
            p.endorsements += e.count
    for r in export.recommendations:
        if (p := pair_for(r.name, "", r.company)) is not None:
            if r.given:
                p.recs_given += 1
            else:
                p.recs_received += 1
    conn.executemany(_INSERT.format(table="signals", who="person_id"), _rows(owner_id, pairs))
    conn.executemany(_INSERT.format(table="pending_signals", who="key"), _rows(owner_id, waiting))
    return len(pairs), unmatched
