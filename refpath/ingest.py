"""Put parsed exports into the store, merging people into one node each.

``add_exports`` writes any number of colleagues' exports in **one**
transaction: either every export lands or the store is left exactly as it
was. For each export it resolves every row to a person (profile URL slug
first; for rows without a URL, folded name plus company, merged with a URL
person only when exactly one matches), replaces that owner's edges and
per-pair signals, and garbage-collects people nobody knows any more.
Afterwards it links each colleague to the row that stands for them in the
other colleagues' exports, when a reciprocal connection confirms it.

Rows of one export are never merged with each other: LinkedIn lists two
members twice even when their names, companies and positions are identical.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime

from refpath.errors import InputError
from refpath.exports import Export
from refpath.identity import (
    company_key,
    display_name,
    name_key,
    owner_key,
    profile_key,
)
from refpath.store import Store

_STAGE = """CREATE TEMP TABLE IF NOT EXISTS stage (
    line INTEGER PRIMARY KEY, key TEXT NOT NULL, name TEXT NOT NULL, name_key TEXT NOT NULL,
    company TEXT NOT NULL, company_key TEXT NOT NULL, position TEXT NOT NULL, url TEXT NOT NULL,
    email TEXT NOT NULL, connected_on TEXT, person_id INTEGER)"""
_KEY_RANK = {"in": 0, "nm": 1, "ow": 2}


@dataclass(frozen=True)
class AddSummary:
    """What adding one export did."""

    owner: str
    source: str
    is_me: bool
    rows: int  #: people read from Connections.csv
    hidden: int  #: hidden/deleted-profile rows skipped
    new_people: int  #: people the store did not know before
    known_people: int  #: people already in the store (from other exports)
    unchanged: bool  #: the very same export was added before; nothing changed
    replaced: bool  #: an earlier export of this owner was replaced
    signals: int  #: people with message/invitation/endorsement/recommendation evidence
    unmatched_signals: int  #: counterparts in messages etc. who are not in the store
    warnings: tuple[str, ...]


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


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


class _Vetoes:
    """The user's "different people" decisions, checked before any automatic merge."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.pairs: list[tuple[str, str, int | None, int | None]] = [
            (a, b, _resolve_key(conn, a), _resolve_key(conn, b))
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


def _resolve_key(conn: sqlite3.Connection, key: str) -> int | None:
    row = conn.execute("SELECT id FROM people WHERE key = ?", (key,)).fetchone()
    if row is None:
        row = conn.execute("SELECT person_id FROM aliases WHERE alias = ?", (key,)).fetchone()
    return row[0] if row else None


def _owner_person(conn: sqlite3.Connection, export: Export, existing: int | None) -> int:
    """Find or create the person node that stands for the export's owner."""
    url_key = profile_key(export.owner_url) if export.owner_url else None
    pid = _resolve_key(conn, url_key) if url_key else None
    if pid is None and existing is None:
        pid = _resolve_key(conn, owner_key(export.owner_name))
    if pid is None and existing is None:
        key = url_key if url_key and url_key.startswith("in:") else owner_key(export.owner_name)
        cur = conn.execute(
            "INSERT INTO people (key, name, name_key, url) VALUES (?, ?, ?, ?)",
            (key, export.owner_name, name_key(export.owner_name), export.owner_url),
        )
        return int(cur.lastrowid or 0)
    if pid is None:
        assert existing is not None
        if url_key and url_key.startswith("in:"):
            old = conn.execute("SELECT key FROM people WHERE id = ?", (existing,)).fetchone()[0]
            if old.startswith("ow:"):
                conn.execute(
                    "UPDATE people SET key = ?, url = ? WHERE id = ?",
                    (url_key, export.owner_url, existing),
                )
                conn.execute("INSERT OR REPLACE INTO aliases VALUES (?, ?)", (old, existing))
        return existing
    if existing is not None and existing != pid:
        pid = merge_people(conn, existing, pid)
    return pid


def _stage_rows(export: Export) -> tuple[list[tuple], list[str]]:
    """Rows for the staging table, one per contact, with a key each."""
    rows: list[tuple] = []
    warnings: list[str] = []
    seen: dict[str, int] = {}
    url_keys: dict[str, str | None] = {}
    companies: dict[str, str] = {}
    dup_urls = 0
    for c in export.connections.contacts:
        url = c.url
        key = None
        if url:
            key = url_keys.get(url)
            if key is None and url not in url_keys:
                key = url_keys[url] = profile_key(url)
            if key is not None and not key.startswith("in:"):
                key = None
        ck = companies.get(c.company)
        if ck is None:
            ck = companies[c.company] = company_key(c.company)
        nk = name_key(c.first_name, c.last_name)
        if key is None:
            key = f"nm:{nk}|{ck}"
            url = ""
        n = seen.get(key, 0) + 1
        seen[key] = n
        if n > 1:
            if key.startswith("in:"):
                dup_urls += 1
                continue
            key = f"{key}#{n}"  # two rows of one export are two members
        rows.append(
            (
                c.line,
                key,
                display_name(c.first_name, c.last_name) or "(no name)",
                nk,
                c.company,
                ck,
                c.position,
                url,
                c.email,
                _iso(c.connected_on),
            )
        )
    if dup_urls:
        warnings.append(f"{export.source}: {dup_urls} rows repeat a profile URL and were skipped")
    return rows, warnings


def _resolve_stage(conn: sqlite3.Connection, vetoes: _Vetoes) -> None:
    """Fill stage.person_id from keys, aliases and unambiguous name matches."""
    conn.execute("UPDATE stage SET person_id = p.id FROM people p WHERE p.key = stage.key")
    conn.execute(
        "UPDATE stage SET person_id = a.person_id FROM aliases a "
        "WHERE stage.person_id IS NULL AND a.alias = stage.key"
    )
    claimed = {
        r[0] for r in conn.execute("SELECT person_id FROM stage WHERE person_id IS NOT NULL")
    }
    # A row without URL joins a URL person when exactly one has that name at that company.
    matches: dict[int, list[int]] = defaultdict(list)
    for line, skey, pid, pkey in conn.execute(
        """SELECT s.line, s.key, p.id, p.key FROM stage s JOIN people p
             ON p.name_key = s.name_key AND p.company_key = s.company_key
           WHERE s.person_id IS NULL AND s.key LIKE 'nm:%' AND s.key NOT LIKE '%#%'
             AND s.company_key != '' AND p.key LIKE 'in:%'"""
    ):
        if not vetoes.blocks(skey, None, pkey, pid):
            matches[line].append(pid)
    updates = []
    for line, pids in matches.items():
        if len(pids) == 1 and pids[0] not in claimed:
            claimed.add(pids[0])
            updates.append((pids[0], line))
    conn.executemany("UPDATE stage SET person_id = ? WHERE line = ?", updates)
    # A URL row absorbs a name-only person when that pairing is unambiguous both ways.
    by_line: dict[int, list[int]] = defaultdict(list)
    by_person: dict[int, list[int]] = defaultdict(list)
    for line, skey, pid, pkey in conn.execute(
        """SELECT s.line, s.key, p.id, p.key FROM stage s JOIN people p
             ON p.name_key = s.name_key AND p.company_key = s.company_key
           WHERE s.person_id IS NULL AND s.key LIKE 'in:%' AND s.company_key != ''
             AND p.key LIKE 'nm:%' AND p.key NOT LIKE '%#%'"""
    ):
        if vetoes.blocks(skey, None, pkey, pid):
            continue
        by_line[line].append(pid)
        by_person[pid].append(line)
    for line, pids in by_line.items():
        pid = pids[0]
        if len(pids) != 1 or len(by_person[pid]) != 1 or pid in claimed:
            continue
        key, url = conn.execute("SELECT key, url FROM stage WHERE line = ?", (line,)).fetchone()
        other_url_people = conn.execute(
            """SELECT COUNT(*) FROM people p, people q WHERE q.id = ?
               AND p.name_key = q.name_key AND p.company_key = q.company_key
               AND p.key LIKE 'in:%'""",
            (pid,),
        ).fetchone()[0]
        if other_url_people:
            continue
        old = conn.execute("SELECT key FROM people WHERE id = ?", (pid,)).fetchone()[0]
        conn.execute("UPDATE people SET key = ?, url = ? WHERE id = ?", (key, url, pid))
        conn.execute("INSERT OR REPLACE INTO aliases VALUES (?, ?)", (old, pid))
        conn.execute("UPDATE stage SET person_id = ? WHERE line = ?", (pid, line))
        claimed.add(pid)


def _add_one(conn: sqlite3.Connection, export: Export, me: bool) -> AddSummary:
    nk = name_key(export.owner_name)
    if not nk:
        raise InputError(f"{export.source}: the owner's name {export.owner_name!r} has no letters")
    row = conn.execute(
        "SELECT id, person_id, fingerprint FROM owners WHERE name_key = ?", (nk,)
    ).fetchone()
    cf = export.connections
    if row and row[2] == export.fingerprint:
        if me:
            conn.execute("UPDATE owners SET is_me = (id = ?)", (row[0],))
        return AddSummary(
            export.owner_name, export.source, me, len(cf.contacts), cf.hidden,
            0, 0, True, False, 0, 0, tuple(export.warnings),
        )  # fmt: skip
    owner_id = row[0] if row else None
    owner_pid = _owner_person(conn, export, row[1] if row else None)
    now = datetime.now(UTC).isoformat(timespec="seconds")
    values = (
        owner_pid, export.owner_name, nk, export.owner_headline, export.source, cf.fmt,
        export.owner_from, _iso(export.exported_on), now, export.fingerprint,
        len(cf.contacts), cf.hidden, len(export.warnings) + len(cf.warnings),
    )  # fmt: skip
    if owner_id is None:
        cur = conn.execute(
            """INSERT INTO owners (person_id, name, name_key, headline, source, fmt, owner_from,
               exported_on, added_at, fingerprint, rows, hidden, warnings)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            values,
        )
        owner_id = int(cur.lastrowid or 0)
    else:
        conn.execute(
            """UPDATE owners SET person_id=?, name=?, name_key=?, headline=?, source=?, fmt=?,
               owner_from=?, exported_on=?, added_at=?, fingerprint=?, rows=?, hidden=?,
               warnings=? WHERE id = ?""",
            (*values, owner_id),
        )
    if me:
        conn.execute("UPDATE owners SET is_me = (id = ?)", (owner_id,))

    rows, warnings = _stage_rows(export)
    conn.execute(_STAGE)
    conn.execute("DELETE FROM stage")
    conn.executemany(
        "INSERT INTO stage (line, key, name, name_key, company, company_key, position, url, "
        "email, connected_on) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        rows,
    )
    _resolve_stage(conn, _Vetoes(conn))
    known = conn.execute("SELECT COUNT(*) FROM stage WHERE person_id IS NOT NULL").fetchone()[0]
    conn.execute(
        """INSERT INTO people (key, name, name_key, company, company_key, position, url)
           SELECT key, name, name_key, company, company_key, position, url
           FROM stage WHERE person_id IS NULL"""
    )
    conn.execute(
        "UPDATE stage SET person_id = p.id FROM people p "
        "WHERE stage.person_id IS NULL AND p.key = stage.key"
    )
    # The newest export describes a person best (people change jobs).
    conn.execute(
        """UPDATE people SET name = s.name, company = s.company, company_key = s.company_key,
             position = s.position, url = CASE WHEN s.url != '' THEN s.url ELSE people.url END
           FROM stage s WHERE people.id = s.person_id"""
    )
    replaced = bool(row)
    conn.execute("CREATE TEMP TABLE IF NOT EXISTS touched (person_id INTEGER PRIMARY KEY)")
    conn.execute("DELETE FROM touched")
    conn.execute(
        "INSERT OR IGNORE INTO touched SELECT person_id FROM connections WHERE owner_id = ? "
        "UNION SELECT person_id FROM signals WHERE owner_id = ?",
        (owner_id, owner_id),
    )
    conn.execute("DELETE FROM connections WHERE owner_id = ?", (owner_id,))
    conn.execute("DELETE FROM signals WHERE owner_id = ?", (owner_id,))
    conn.execute(
        """INSERT OR IGNORE INTO connections
             (owner_id, person_id, connected_on, company, position, email)
           SELECT ?, person_id, connected_on, company, position, email FROM stage
           WHERE person_id != ?""",
        (owner_id, owner_pid),
    )
    from refpath.signals import store_signals

    n_signals, unmatched = store_signals(conn, export, owner_id, owner_pid)
    collect_garbage(conn)
    return AddSummary(
        owner=export.owner_name,
        source=export.source,
        is_me=me,
        rows=len(cf.contacts),
        hidden=cf.hidden,
        new_people=len(rows) - known,
        known_people=known,
        unchanged=False,
        replaced=replaced,
        signals=n_signals,
        unmatched_signals=unmatched,
        warnings=tuple(export.warnings) + tuple(cf.warnings) + tuple(warnings),
    )


def collect_garbage(conn: sqlite3.Connection) -> int:
    """Delete people in ``touched`` whom no owner knows any more; return how many."""
    conn.execute("CREATE TEMP TABLE IF NOT EXISTS touched (person_id INTEGER PRIMARY KEY)")
    cur = conn.execute(
        """DELETE FROM people WHERE id IN (SELECT person_id FROM touched t
             WHERE NOT EXISTS (SELECT 1 FROM connections c WHERE c.person_id = t.person_id)
               AND NOT EXISTS (SELECT 1 FROM signals s WHERE s.person_id = t.person_id)
               AND NOT EXISTS (SELECT 1 FROM owners o WHERE o.person_id = t.person_id))"""
    )
    conn.execute("DELETE FROM aliases WHERE person_id NOT IN (SELECT id FROM people)")
    conn.execute("DELETE FROM touched")
    return cur.rowcount


def link_owners(conn: sqlite3.Connection) -> int:
    """Merge each colleague's node with their row in other colleagues' exports.

    A candidate has the owner's folded name, is listed by another owner O2, and
    O2 is listed by this owner: LinkedIn connections are mutual, so that
    reciprocal listing confirms it is the same member. Only a single confirmed
    candidate is merged; the user's "different" decisions veto a merge.
    """
    vetoes = _Vetoes(conn)
    merged = 0
    owners = conn.execute(
        "SELECT o.id, o.person_id, o.name_key FROM owners o ORDER BY o.id"
    ).fetchall()
    for owner_id, pid, nk in owners:
        pid = conn.execute("SELECT person_id FROM owners WHERE id = ?", (owner_id,)).fetchone()[0]
        own_key = conn.execute("SELECT key FROM people WHERE id = ?", (pid,)).fetchone()[0]
        candidates = [
            (cid, key)
            for cid, key in conn.execute(
                """SELECT DISTINCT p.id, p.key FROM people p
                   JOIN connections c ON c.person_id = p.id
                   JOIN owners o2 ON o2.id = c.owner_id
                   WHERE p.name_key = ? AND p.id != ? AND o2.id != ?
                     AND NOT EXISTS (SELECT 1 FROM owners x WHERE x.person_id = p.id)
                     AND EXISTS (SELECT 1 FROM connections back
                                 JOIN people bp ON bp.id = back.person_id
                                 WHERE back.owner_id = ? AND (back.person_id = o2.person_id
                                       OR bp.name_key = o2.name_key))""",
                (nk, pid, owner_id, owner_id),
            )
            if not vetoes.blocks(key, cid, own_key, pid)
        ]
        if own_key.startswith("in:"):
            # Two different URLs are two different members.
            candidates = [(c, k) for c, k in candidates if not k.startswith("in:")]
        url_candidates = [c for c, k in candidates if k.startswith("in:")]
        if len(url_candidates) == 1:
            chosen = url_candidates
        elif not url_candidates and len(candidates) == 1:
            chosen = [candidates[0][0]]
        else:
            continue
        merge_people(conn, pid, chosen[0])
        merged += 1
    return merged


def apply_same_decisions(conn: sqlite3.Connection) -> None:
    """Re-apply the user's "same person" decisions (they survive re-ingest)."""
    for a, b in conn.execute("SELECT a, b FROM decisions WHERE same = 1").fetchall():
        ia, ib = _resolve_key(conn, a), _resolve_key(conn, b)
        if ia is not None and ib is not None and ia != ib:
            merge_people(conn, ia, ib)


def add_exports(
    store: Store,
    exports: Iterable[Export],
    *,
    me: bool = False,
    on_export: Callable[[AddSummary], None] | None = None,
) -> list[AddSummary]:
    """Add colleagues' exports to the store in one transaction.

    Any error (a bad file half-way through a team folder included) rolls the
    whole call back, so the store is exactly as it was.
    """
    summaries: list[AddSummary] = []
    with store.transaction() as conn:
        for export in exports:
            if me and summaries:
                raise InputError(
                    f"{export.source}: --me marks one export as yours, but several were "
                    "given; add your own export on its own with --me"
                )
            summary = _add_one(conn, export, me)
            summaries.append(summary)
            if on_export:
                on_export(summary)
        if not summaries:
            raise InputError("no exports found in the given paths")
        link_owners(conn)
        apply_same_decisions(conn)
    return summaries


def remove_owner(store: Store, owner_name: str) -> int:
    """Delete everything that came only from this colleague's export.

    Their edges, evidence and owner record go; so does every person nobody
    else knows; people others still know get their details back from the
    remaining exports. Afterwards the file is vacuumed, so no bytes of the
    removed rows remain in it. Returns how many people were deleted.
    """
    from refpath.errors import UnknownPerson

    nk = name_key(owner_name)
    with store.transaction() as conn:
        row = conn.execute("SELECT id, person_id, name FROM owners WHERE name_key = ?", (nk,))
        found = row.fetchone()
        if found is None:
            names = [r[0] for r in conn.execute("SELECT name FROM owners ORDER BY name")]
            listed = ", ".join(names) if names else "none yet"
            raise UnknownPerson(
                f"{owner_name!r} is not a colleague whose export was added (owners: {listed})"
            )
        owner_id, owner_pid, _ = found
        conn.execute("CREATE TEMP TABLE IF NOT EXISTS touched (person_id INTEGER PRIMARY KEY)")
        conn.execute("DELETE FROM touched")
        conn.execute(
            "INSERT OR IGNORE INTO touched SELECT person_id FROM connections WHERE owner_id = ? "
            "UNION SELECT person_id FROM signals WHERE owner_id = ? UNION SELECT ?",
            (owner_id, owner_id, owner_pid),
        )
        conn.execute("DELETE FROM connections WHERE owner_id = ?", (owner_id,))
        conn.execute("DELETE FROM signals WHERE owner_id = ?", (owner_id,))
        conn.execute("DELETE FROM owners WHERE id = ?", (owner_id,))
        # Details the removed export wrote are replaced by a remaining export's view.
        conn.execute(
            """UPDATE people SET
                 company = (SELECT c.company FROM connections c WHERE c.person_id = people.id
                            ORDER BY c.connected_on DESC LIMIT 1),
                 position = (SELECT c.position FROM connections c WHERE c.person_id = people.id
                            ORDER BY c.connected_on DESC LIMIT 1)
               WHERE id IN (SELECT person_id FROM touched)
                 AND EXISTS (SELECT 1 FROM connections c WHERE c.person_id = people.id)"""
        )
        conn.execute("UPDATE people SET company = '' WHERE company IS NULL")
        conn.execute("UPDATE people SET position = '' WHERE position IS NULL")
        conn.executemany(
            "UPDATE people SET company_key = ? WHERE id = ?",
            [
                (company_key(company), pid)
                for pid, company in conn.execute(
                    "SELECT id, company FROM people WHERE id IN (SELECT person_id FROM touched)"
                ).fetchall()
            ],
        )
        deleted = collect_garbage(conn)
        # Decisions about people nobody knows any more would keep their names in the file.
        for a, b in conn.execute("SELECT a, b FROM decisions").fetchall():
            if _resolve_key(conn, a) is None or _resolve_key(conn, b) is None:
                conn.execute("DELETE FROM decisions WHERE a = ? AND b = ?", (a, b))
    store.conn.execute("VACUUM")
    store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return deleted
