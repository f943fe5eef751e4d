"""Merge person nodes: automatic owner links, the user's decisions, and the merge itself.

Two nodes become one when the evidence says they are one member: a
colleague's own node and their row in another colleague's export (confirmed
by the reciprocal listing), or a ``refpath same`` decision. The node with the
stronger key survives (URL slug over name over owner name) and the other key
becomes an alias, so later exports resolve straight to it. ``refpath
different`` decisions veto automatic merges.
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime

from refpath.store.db import resolve_key

_KEY_RANK = {"in": 0, "nm": 1, "ow": 2}


def _rank(key: str) -> int:
    return _KEY_RANK.get(key.split(":", 1)[0], 0)


def merge_people(conn: sqlite3.Connection, a: int, b: int) -> int:
    """Merge two person nodes into one and return the surviving id.

    The node with the stronger key survives (URL slug over name over owner
    name); the other key becomes an alias so later exports resolve to it.
    """
    if a == b:
        return a
    ka = conn.execute("SELECT key FROM people WHERE id = ?", (a,)).fetchone()[0]
    kb = conn.execute("SELECT key FROM people WHERE id = ?", (b,)).fetchone()[0]
    keep, drop, drop_key = (a, b, kb) if _rank(ka) <= _rank(kb) else (b, a, ka)
    for table in ("connections", "signals"):
        conn.execute(
            f"UPDATE OR IGNORE {table} SET person_id = ? WHERE person_id = ?", (keep, drop)
        )
        conn.execute(f"DELETE FROM {table} WHERE person_id = ?", (drop,))
    conn.execute("UPDATE OR IGNORE owners SET person_id = ? WHERE person_id = ?", (keep, drop))
    conn.execute("UPDATE aliases SET person_id = ? WHERE person_id = ?", (keep, drop))
    conn.execute("INSERT OR REPLACE INTO aliases VALUES (?, ?)", (drop_key, keep))
    conn.execute(
        """UPDATE people SET
             url = CASE WHEN url = '' THEN (SELECT url FROM people WHERE id = :d) ELSE url END,
             company = CASE WHEN company = '' THEN (SELECT company FROM people WHERE id = :d)
                       ELSE company END,
             company_key = CASE WHEN company_key = ''
                       THEN (SELECT company_key FROM people WHERE id = :d) ELSE company_key END,
             position = CASE WHEN position = '' THEN (SELECT position FROM people WHERE id = :d)
                       ELSE position END
           WHERE id = :k""",
        {"d": drop, "k": keep},
    )
    conn.execute("DELETE FROM people WHERE id = ?", (drop,))
    # An owner must not be connected to themselves after a merge.
    conn.execute(
        "DELETE FROM connections WHERE person_id = ? AND owner_id IN "
        "(SELECT id FROM owners WHERE person_id = ?)",
        (keep, keep),
    )
    return keep


class Vetoes:
    """The user's "different people" decisions, checked before any automatic merge."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.pairs: list[tuple[str, str, int | None, int | None]] = [
            (a, b, resolve_key(conn, a), resolve_key(conn, b))
            for a, b in conn.execute("SELECT a, b FROM decisions WHERE same = 0").fetchall()
        ]

    def blocks(self, key1: str, id1: int | None, key2: str, id2: int | None) -> bool:
        """True when a decision says these two are different people."""
        for a, b, ia, ib in self.pairs:
            side1 = {a, ia} if ia is not None else {a}
            side2 = {b, ib} if ib is not None else {b}
            one, two = {key1, id1} - {None}, {key2, id2} - {None}
            if (one & side1 and two & side2) or (one & side2 and two & side1):
                return True
        return False


def link_owners(conn: sqlite3.Connection) -> int:
    """Merge each colleague's node with their row in other colleagues' exports.

    LinkedIn connections are mutual, so when this owner lists colleague O2,
    O2's export holds exactly one row for this owner. If O2 lists exactly one
    person with the owner's folded name, that row is a *vote* for it. The URL
    row with strictly the most votes is the owner (a tie is left for the user:
    ``refpath doctor``); rows without URL that got a vote are the owner too
    (older exports, or the owner's earlier job). A different URL than the
    owner's own is never merged, and "different" decisions veto a merge.
    """
    vetoes = Vetoes(conn)
    merged = 0
    owner_ids = [r[0] for r in conn.execute("SELECT id FROM owners ORDER BY id")]
    for owner_id in owner_ids:
        pid, nk = conn.execute(
            "SELECT person_id, name_key FROM owners WHERE id = ?", (owner_id,)
        ).fetchone()
        own_key = conn.execute("SELECT key FROM people WHERE id = ?", (pid,)).fetchone()[0]
        votes: dict[tuple[int, str], int] = {}
        for _o2, namesakes in conn.execute(
            # CROSS JOIN keeps SQLite's order: the few namesakes first, by index.
            """SELECT o2.id, group_concat(p.id || ' ' || p.key, char(10)) FROM people p
               CROSS JOIN connections c ON c.person_id = p.id
               CROSS JOIN owners o2 ON o2.id = c.owner_id
               WHERE p.name_key = ? AND o2.id != ? AND p.id != ?
                 AND NOT EXISTS (SELECT 1 FROM owners x WHERE x.person_id = p.id)
                 AND (EXISTS (SELECT 1 FROM connections back
                              WHERE back.owner_id = ? AND back.person_id = o2.person_id)
                      OR EXISTS (SELECT 1 FROM people bp CROSS JOIN connections back
                                 ON back.person_id = bp.id
                                 WHERE bp.name_key = o2.name_key AND back.owner_id = ?))
               GROUP BY o2.id""",
            (nk, owner_id, pid, owner_id, owner_id),
        ):
            rows = namesakes.split("\n")
            if len(rows) != 1:
                continue  # O2 lists two namesakes: no telling which is the owner
            cid, key = rows[0].split(" ", 1)
            if vetoes.blocks(key, int(cid), own_key, pid):
                continue
            votes[(int(cid), key)] = votes.get((int(cid), key), 0) + 1
        urls = sorted(((n, c) for c, n in votes.items() if c[1].startswith("in:")), reverse=True)
        chosen = [c for c in votes if not c[1].startswith("in:")]
        if urls and not own_key.startswith("in:"):
            if len(urls) > 1 and urls[0][0] == urls[1][0]:
                continue  # namesakes tie: leave it to the user
            chosen.append(urls[0][1])
        for cid, _ in chosen:
            pid = merge_people(conn, pid, cid)
            merged += 1
    return merged


def apply_same_decisions(conn: sqlite3.Connection) -> None:
    """Re-apply the user's "same person" decisions (they survive re-ingest)."""
    for a, b in conn.execute("SELECT a, b FROM decisions WHERE same = 1").fetchall():
        ia, ib = resolve_key(conn, a), resolve_key(conn, b)
        if ia is not None and ib is not None and ia != ib:
            merge_people(conn, ia, ib)


def save_decision(conn: sqlite3.Connection, a: str, b: str, *, same: bool) -> None:
    """Record the user's word that the people with keys ``a`` and ``b`` are (not) one person."""
    conn.execute(
        "INSERT OR REPLACE INTO decisions (a, b, same, decided_at) VALUES (?, ?, ?, ?)",
        (a, b, int(same), datetime.now(UTC).isoformat(timespec="seconds")),
    )
