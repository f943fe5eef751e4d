"""Put parsed exports into the store, merging people into one node each.

``add_exports`` writes any number of colleagues' exports in **one**
transaction: either every export lands or the store is left exactly as it
was. For each export it resolves every row to a person (profile URL slug
first; for rows without a URL, folded name plus company, merged with a URL
person only when exactly one matches), replaces that owner's edges and
per-pair signals, and garbage-collects people nobody knows any more.
Afterwards it links each colleague to the row that stands for them in the
other colleagues' exports (see :mod:`refpath.merge`).

Rows of one export are never merged with each other: LinkedIn lists two
members twice even when their names, companies and positions are identical.

Speed: rows are resolved with batched key look-ups and Python dicts, not a
query per row. When an add is large compared with the store (a first import
of a team folder), the secondary indexes are dropped for the bulk insert and
rebuilt once at the end, inside the same transaction.
"""

from __future__ import annotations

import re
import sqlite3
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime

from refpath.errors import InputError, StoreError, UnknownPerson
from refpath.exports import Export
from refpath.identity import (
    PLAIN_URL,
    company_key,
    display_name,
    lossy_name_pattern,
    name_key,
    owner_key,
    profile_key,
)
from refpath.merge import Vetoes, apply_same_decisions, link_owners, merge_people, resolve_key
from refpath.store import SECONDARY_INDEXES, Store

#: Below this many people in the store, an add rebuilds indexes instead of updating them.
BULK_BELOW = 200_000
_CHUNK = 900


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


class _Row:
    """One contact on its way into the store (name folding is done only when needed)."""

    __slots__ = ("key", "first", "last", "company", "ck", "position", "url", "email", "on", "pid")

    def __init__(
        self, key: str, first: str, last: str, company: str, ck: str, position: str,
        url: str, email: str, on: str | None,
    ) -> None:  # fmt: skip
        self.key, self.first, self.last, self.company, self.ck = key, first, last, company, ck
        self.position, self.url, self.email, self.on = position, url, email, on
        self.pid: int | None = None

    @property
    def nk(self) -> str:
        return name_key(self.first, self.last)

    @property
    def name(self) -> str:
        return display_name(self.first, self.last) or "(no name)"


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


def _rows(export: Export) -> tuple[list[_Row], list[str]]:
    """One row per contact, each with its person key."""
    rows: list[_Row] = []
    seen: dict[str, int] = {}
    companies: dict[str, str] = {}
    days: dict[date | None, str | None] = {None: None}
    plain = PLAIN_URL.match
    dup_urls = 0
    for c in export.connections.contacts:
        url, key = c.url, None
        if url:  # (URLs are unique within a file: nothing to cache)
            fast = plain(url)
            key = f"in:{fast.group(1)}" if fast else profile_key(url)
            if key is not None and not key.startswith("in:"):
                key = None
        ck = companies.get(c.company)
        if ck is None:
            ck = companies[c.company] = company_key(c.company)
        if key is None:
            key, url = f"nm:{name_key(c.first_name, c.last_name)}|{ck}", ""
        n = seen[key] = seen.get(key, 0) + 1
        if n > 1:
            if key.startswith("in:"):
                dup_urls += 1
                continue
            key = f"{key}#{n}"  # two rows of one export are two members
        on = days.get(c.connected_on)
        if on is None and c.connected_on is not None:
            on = days[c.connected_on] = c.connected_on.isoformat()
        rows.append(
            _Row(key, c.first_name, c.last_name, c.company, ck, c.position, url, c.email, on)
        )
    warnings = []
    if dup_urls:
        warnings.append(f"{export.source}: {dup_urls} rows repeat a profile URL and were skipped")
    return rows, warnings


class _Batch:
    """State shared by the exports of one ``add``."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self.vetoes = Vetoes(conn)
        self.next_id = (conn.execute("SELECT MAX(id) FROM people").fetchone()[0] or 0) + 1
        self.has_nm = bool(
            conn.execute("SELECT EXISTS (SELECT 1 FROM people WHERE key > 'nm:' AND key < 'nm;')")
            .fetchone()[0]
        )  # fmt: skip
        self._names: dict[tuple[str, str], list[list]] | None = None
        self._by_company: dict[str, list[tuple[str, list]]] | None = None
        self._damaged: dict[str, list[tuple[re.Pattern[str], list]]] = defaultdict(list)

    def names(self) -> dict[tuple[str, str], list[list]]:
        """(name_key, company_key) -> [[id, key], ...] over the whole store, built on demand."""
        if self._names is None:
            self._names = defaultdict(list)
            for pid, key, nk, ck, name in self.conn.execute(
                "SELECT id, key, name_key, company_key, name FROM people"
            ):
                entry = [pid, key]
                self._names[(nk, ck)].append(entry)
                self._note_damaged(name, ck, entry)
        return self._names

    def _note_damaged(self, name: str, ck: str, entry: list) -> None:
        """Remember people whose stored name a re-save damaged ("Nguy?n")."""
        if "?" in name or "\ufffd" in name:
            pattern = lossy_name_pattern(name)
            if pattern is not None:
                self._damaged[ck].append((pattern, entry))

    def known(self, keys: list[str]) -> dict[str, tuple]:
        """key -> (id, name, company, position, url) for keys (or aliases) in the store."""
        found: dict[str, tuple] = {}
        for i in range(0, len(keys), _CHUNK):
            chunk = keys[i : i + _CHUNK]
            marks = ",".join("?" * len(chunk))
            for row in self.conn.execute(
                f"SELECT key, id, name, company, position, url FROM people WHERE key IN ({marks})",
                chunk,
            ):
                found[row[0]] = row[1:]
        missing = [k for k in keys if k not in found]
        for i in range(0, len(missing), _CHUNK):
            chunk = missing[i : i + _CHUNK]
            marks = ",".join("?" * len(chunk))
            for alias, pid in self.conn.execute(
                f"SELECT alias, person_id FROM aliases WHERE alias IN ({marks})", chunk
            ):
                found[alias] = (pid, None, None, None, None)
        return found

    def resolve(self, rows: list[_Row]) -> int:
        """Set ``pid`` on every row, inserting new people; return how many were known."""
        known = self.known([r.key for r in rows])
        claimed: set[int] = set()
        updates = []
        for r in rows:
            hit = known.get(r.key)
            if hit:
                r.pid = hit[0]
                claimed.add(hit[0])
                if hit[1] is not None and (
                    (r.company, r.position) != hit[2:4] or (r.url and r.url != hit[4])
                ):
                    # A name a re-save damaged ("Nguy?n") never replaces an intact one.
                    damaged = lossy_name_pattern(r.first, r.last) is not None
                    name = hit[1] if damaged else r.name
                    updates.append((name, r.company, r.ck, r.position, r.url, r.pid))
        pending = [r for r in rows if r.pid is None]
        if any(r.key.startswith("nm:") for r in pending):
            self._match_names(pending, claimed)
        if self.has_nm:
            self._absorb_name_only(pending, claimed)
        # The newest export describes a person best (people change jobs).
        self.conn.executemany(
            "UPDATE people SET name = ?, company = ?, company_key = ?, position = ?, "
            "url = CASE WHEN ?5 != '' THEN ?5 ELSE url END WHERE id = ?6",
            updates,
        )
        new = sorted((r for r in rows if r.pid is None), key=lambda r: r.key)
        inserts = []
        for r in new:
            r.pid, self.next_id = self.next_id, self.next_id + 1
            nk = r.nk
            inserts.append((r.pid, r.key, r.name, nk, r.company, r.ck, r.position, r.url))
            if self._names is not None:
                entry = [r.pid, r.key]
                self._names[(nk, r.ck)].append(entry)
                if self._by_company is not None:
                    self._by_company[r.ck].append((nk, entry))
                self._note_damaged(r.name, r.ck, entry)
        self.conn.executemany(
            "INSERT INTO people (id, key, name, name_key, company, company_key, position, url) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            inserts,
        )
        if any(r.key.startswith("nm:") for r in new):
            self.has_nm = True
        return len(rows) - len(new)

    def _match_names(self, pending: list[_Row], claimed: set[int]) -> None:
        """A row without URL joins a URL person when exactly one has that name at that company."""
        names = self.names()
        for r in pending:
            if not r.key.startswith("nm:") or "#" in r.key or not r.ck:
                continue
            cands = [
                pid
                for pid, key in names.get((r.nk, r.ck), ())
                if key.startswith("in:") and not self.vetoes.blocks(r.key, None, key, pid)
            ]
            repair = False
            if not cands:
                cands = self._lossy_matches(r)
                repair = lossy_name_pattern(r.first, r.last) is None
            if len(cands) == 1 and cands[0] not in claimed:
                r.pid = cands[0]
                claimed.add(cands[0])
                if repair:  # the store held a damaged copy of this intact name
                    self.conn.execute(
                        "UPDATE people SET name = ?, name_key = ? WHERE id = ?",
                        (r.name, r.nk, r.pid),
                    )

    def _lossy_matches(self, r: _Row) -> list[int]:
        """People at the row's company whose name matches it where a re-save lost letters.

        Either the row is damaged ("Nguy?n") and the store has the real name, or
        the row is intact and the store holds a damaged copy.
        """
        pattern = lossy_name_pattern(r.first, r.last)
        if pattern is not None:
            hits = [e for nk, e in self.at_company().get(r.ck, []) if pattern.fullmatch(nk)]
        else:
            self.names()
            nk = r.nk
            hits = [e for p, e in self._damaged.get(r.ck, []) if p.fullmatch(nk)]
        return [pid for pid, key in hits if not self.vetoes.blocks(r.key, None, key, pid)]

    def at_company(self) -> dict[str, list[tuple[str, list]]]:
        """company_key -> [(name_key, [id, key]), ...], built on demand from ``names()``."""
        if self._by_company is None:
            self._by_company = defaultdict(list)
            for (nk, ck), entries in self.names().items():
                for e in entries:
                    self._by_company[ck].append((nk, e))
        return self._by_company

    def _absorb_name_only(self, pending: list[_Row], claimed: set[int]) -> None:
        """A URL row takes over a name-only person when the pairing is unambiguous both ways."""
        names = self.names()
        by_person: dict[int, list[tuple[_Row, list]]] = defaultdict(list)
        for r in pending:
            if r.pid is not None or not r.key.startswith("in:") or not r.ck:
                continue
            group = names.get((r.nk, r.ck), ())
            if any(key.startswith("in:") for _, key in group):
                continue
            nm = [e for e in group if e[1].startswith("nm:") and "#" not in e[1]]
            if not nm:  # a re-save may have damaged one side's name
                lossy = set(self._lossy_matches(r))
                nm = [e for _, e in self.at_company().get(r.ck, []) if e[0] in lossy]
                nm = [e for e in nm if e[1].startswith("nm:") and "#" not in e[1]]
            if len(nm) == 1 and not self.vetoes.blocks(r.key, None, nm[0][1], nm[0][0]):
                by_person[nm[0][0]].append((r, nm[0]))
        for pid, matched in by_person.items():
            if len(matched) != 1 or pid in claimed:
                continue
            r, entry = matched[0]
            self.conn.execute(
                "UPDATE people SET key = ?, url = ? WHERE id = ?", (r.key, r.url, pid)
            )
            self.conn.execute("INSERT OR REPLACE INTO aliases VALUES (?, ?)", (entry[1], pid))
            entry[1] = r.key
            r.pid = pid
            claimed.add(pid)


def _owner_person(conn: sqlite3.Connection, export: Export, existing: int | None) -> int:
    """Find or create the person node that stands for the export's owner."""
    url_key = profile_key(export.owner_url) if export.owner_url else None
    if url_key and not url_key.startswith("in:"):
        url_key = None
    pid = resolve_key(conn, url_key) if url_key else None
    if pid is None and existing is None:
        pid = resolve_key(conn, owner_key(export.owner_name))
    if pid is None and existing is None:
        cur = conn.execute(
            "INSERT INTO people (key, name, name_key, url) VALUES (?, ?, ?, ?)",
            (
                url_key or owner_key(export.owner_name),
                export.owner_name,
                name_key(export.owner_name),
                export.owner_url if url_key else "",
            ),
        )
        return int(cur.lastrowid or 0)
    if pid is None:
        assert existing is not None
        old = conn.execute("SELECT key FROM people WHERE id = ?", (existing,)).fetchone()[0]
        if url_key and old.startswith("ow:"):
            conn.execute(
                "UPDATE people SET key = ?, url = ? WHERE id = ?",
                (url_key, export.owner_url, existing),
            )
            conn.execute("INSERT OR REPLACE INTO aliases VALUES (?, ?)", (old, existing))
        return existing
    if existing is not None and existing != pid:
        pid = merge_people(conn, existing, pid)
    return pid


def _add_one(batch: _Batch, export: Export, me: bool) -> AddSummary:
    conn = batch.conn
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
    batch.next_id = max(batch.next_id, owner_pid + 1)
    values = (
        owner_pid, export.owner_name, nk, export.owner_headline, export.source, cf.fmt,
        export.owner_from, _iso(export.exported_on),
        datetime.now(UTC).isoformat(timespec="seconds"), export.fingerprint,
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

    rows, warnings = _rows(export)
    known = batch.resolve(rows)
    if row:  # people only this owner knew may become garbage
        conn.execute(
            "INSERT OR IGNORE INTO touched SELECT person_id FROM connections WHERE owner_id = ? "
            "UNION SELECT person_id FROM signals WHERE owner_id = ?",
            (owner_id, owner_id),
        )
        conn.execute("DELETE FROM connections WHERE owner_id = ?", (owner_id,))
        conn.execute("DELETE FROM signals WHERE owner_id = ?", (owner_id,))
    conn.executemany(
        "INSERT OR IGNORE INTO connections "
        "(owner_id, person_id, connected_on, company, position, email) VALUES (?, ?, ?, ?, ?, ?)",
        sorted(
            (owner_id, r.pid, r.on, r.company, r.position, r.email)
            for r in rows
            if r.pid != owner_pid
        ),
    )
    from refpath.signals import store_signals

    n_signals, unmatched = store_signals(conn, export, owner_id, owner_pid)
    return AddSummary(
        owner=export.owner_name,
        source=export.source,
        is_me=me,
        rows=len(cf.contacts),
        hidden=cf.hidden,
        new_people=len(rows) - known,
        known_people=known,
        unchanged=False,
        replaced=bool(row),
        signals=n_signals,
        unmatched_signals=unmatched,
        warnings=tuple(export.warnings) + tuple(cf.warnings) + tuple(warnings),
    )


def collect_garbage(conn: sqlite3.Connection) -> int:
    """Delete people in ``touched`` whom no owner knows any more; return how many."""
    cur = conn.execute(
        """DELETE FROM people WHERE id IN (SELECT person_id FROM touched t
             WHERE NOT EXISTS (SELECT 1 FROM connections c WHERE c.person_id = t.person_id)
               AND NOT EXISTS (SELECT 1 FROM signals s WHERE s.person_id = t.person_id)
               AND NOT EXISTS (SELECT 1 FROM owners o WHERE o.person_id = t.person_id))"""
    )
    conn.execute(
        "DELETE FROM aliases WHERE person_id IN (SELECT person_id FROM touched) "
        "AND person_id NOT IN (SELECT id FROM people)"
    )
    conn.execute("DELETE FROM touched")
    return cur.rowcount


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
        conn.execute("CREATE TEMP TABLE IF NOT EXISTS touched (person_id INTEGER PRIMARY KEY)")
        conn.execute("DELETE FROM touched")
        conn.execute("PRAGMA cache_size = -65536")  # 64 MiB while writing, at most
        bulk = conn.execute("SELECT COUNT(*) FROM people").fetchone()[0] < BULK_BELOW
        if bulk:
            for name, _ in SECONDARY_INDEXES:
                conn.execute(f"DROP INDEX IF EXISTS {name}")
        batch = _Batch(conn)
        for export in exports:
            if me and summaries:
                raise InputError(
                    f"{export.source}: --me marks one export as yours, but several were "
                    "given; add your own export on its own with --me"
                )
            summary = _add_one(batch, export, me)
            summaries.append(summary)
            if on_export:
                on_export(summary)
        if not summaries:
            raise InputError("no exports found in the given paths")
        if bulk:
            for _, create in SECONDARY_INDEXES:
                conn.execute(create)
        collect_garbage(conn)
        link_owners(conn)
        apply_same_decisions(conn)
    return summaries


def remove_owner(store: Store, owner_name: str) -> int:
    """Delete everything that came only from this colleague's export.

    Their edges, evidence and owner record go; so does every person nobody
    else knows; people others still know get their details back from the
    remaining exports. Afterwards the file is vacuumed, so no bytes of the
    removed rows remain in it. Returns how many people were deleted. Raises
    StoreError, after removing, when another program reading the store keeps
    the old bytes in the file until it closes.
    """
    nk = name_key(owner_name)
    with store.transaction() as conn:
        found = conn.execute(
            "SELECT id, person_id FROM owners WHERE name_key = ?", (nk,)
        ).fetchone()
        if found is None:
            names = [r[0] for r in conn.execute("SELECT name FROM owners ORDER BY name")]
            listed = ", ".join(names) if names else "none yet"
            raise UnknownPerson(
                f"{owner_name!r} is not a colleague whose export was added (owners: {listed})"
            )
        owner_id, owner_pid = found
        conn.execute("CREATE TEMP TABLE IF NOT EXISTS touched (person_id INTEGER PRIMARY KEY)")
        conn.execute("DELETE FROM touched")
        conn.execute(
            "INSERT OR IGNORE INTO touched SELECT person_id FROM connections WHERE owner_id = ? "
            "UNION SELECT person_id FROM signals WHERE owner_id = ? UNION SELECT ?",
            (owner_id, owner_id, owner_pid),
        )
        for table in ("connections", "signals"):
            conn.execute(f"DELETE FROM {table} WHERE owner_id = ?", (owner_id,))
        conn.execute("DELETE FROM owners WHERE id = ?", (owner_id,))
        # Details the removed export wrote are replaced by a remaining export's view.
        latest = (
            "SELECT c.{col} FROM connections c WHERE c.person_id = people.id "
            "ORDER BY c.connected_on DESC LIMIT 1"
        )
        conn.execute(
            f"""UPDATE people SET company = COALESCE(({latest.format(col="company")}), ''),
                 position = COALESCE(({latest.format(col="position")}), '')
               WHERE id IN (SELECT person_id FROM touched)
                 AND EXISTS (SELECT 1 FROM connections c WHERE c.person_id = people.id)"""
        )
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
            if resolve_key(conn, a) is None or resolve_key(conn, b) is None:
                conn.execute("DELETE FROM decisions WHERE a = ? AND b = ?", (a, b))
    store.conn.execute("VACUUM")
    busy = store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
    if busy:  # a reader's snapshot still needs the old pages: they stay in the file for now
        raise StoreError(
            f"{store.path}: {owner_name}'s export was removed, but another program is reading "
            "the store, so the removed rows' old bytes stay in the file until it is closed"
        )
    return deleted
