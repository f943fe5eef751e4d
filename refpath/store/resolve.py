"""Resolve an export's rows to person nodes: batched key look-ups and name matching.

Every row gets a person key (its profile URL slug, or folded name plus
company when the export has no URL column). Keys already in the store, or
aliases of them, resolve in batches of look-ups. A row without URL joins a
URL person only when exactly one has that name at that company; a URL row
takes over a name-only person when that pairing is unambiguous both ways; a
name a spreadsheet re-save damaged ("Nguy?n") matches the intact name at the
same company. Everything else becomes a new person. Rows of one export never
resolve to the same person.
"""

from __future__ import annotations

import marshal
import pickle
import re
import sqlite3
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date
from functools import cached_property
from operator import attrgetter
from typing import Any

from refpath.exports.records import Export
from refpath.identity import (
    PLAIN_URL,
    company_key,
    display_name,
    lossy_name_pattern,
    name_key,
    profile_key,
)
from refpath.store.merge import Vetoes

_CHUNK = 900


class KeysWritten:
    """The keys one add wrote to a store that was empty, as a bitmap of their hashes.

    In a first import nearly every key is new, and asking SQLite about each
    one costs more than the rest of resolving it. A key whose bit is clear was
    certainly not written, so it is new without a query; a set bit may be
    another key's (about 5% of them at a million keys), which costs only a
    look-up that finds nothing. 2 MiB, whatever the size of the add.
    """

    _BITS = 1 << 24

    def __init__(self) -> None:
        self.bits = bytearray(self._BITS >> 3)

    def add_all(self, keys: Iterable[str]) -> None:
        """Set the bits of ``keys``."""
        bits, mask = self.bits, self._BITS - 1
        for key in keys:
            h = hash(key) & mask
            bits[h >> 3] |= 1 << (h & 7)

    def which_may_hold(self, keys: Iterable[str]) -> list[str]:
        """The keys whose bit is set: every written key among ``keys``, and a few others."""
        bits, mask = self.bits, self._BITS - 1
        return [k for k in keys if bits[(h := hash(k) & mask) >> 3] >> (h & 7) & 1]


class Row:
    """One contact on its way into the store, with its person id once resolved."""

    __slots__ = (
        "key", "first", "last", "name", "company", "ck", "position", "url", "email", "on", "nk",
        "pid",
    )  # fmt: skip

    def __init__(
        self, key: str, first: str, last: str, name: str, company: str, ck: str, position: str,
        url: str, email: str, on: str | None, nk: str,
    ) -> None:  # fmt: skip
        self.key, self.first, self.last, self.name = key, first, last, name
        self.company, self.ck, self.position = company, ck, position
        self.url, self.email, self.on, self.nk = url, email, on, nk
        self.pid: int | None = None


#: How many columns a keyed export has: every Row field but ``pid``.
_WIDTH = len(Row.__slots__) - 1


@dataclass(frozen=True)
class Keyed:
    """An export with every row keyed, ready for :meth:`Batch.resolve`.

    The rows are kept as columns, one list per :class:`Row` field in the order
    ``Row()`` takes them: columns cross to another process ~10x faster than
    objects (see :meth:`pack`). ``read`` is how many contacts Connections.csv
    held: an export shipped from the reader process (:mod:`refpath.store.readahead`)
    arrives without its contacts, only their rows.
    """

    export: Export
    columns: list[list[Any]]
    warnings: list[str]
    read: int

    @cached_property
    def rows(self) -> list[Row]:
        """The rows as :class:`Row` objects (built once: resolving sets their ``pid``)."""
        return list(map(Row, *self.columns))

    def pack(self) -> bytes:
        """This export as bytes: its row columns, and the export without its contacts."""
        export = replace(self.export, connections=replace(self.export.connections, contacts=()))
        return pickle.dumps(
            (export, marshal.dumps(self.columns), self.warnings, self.read),
            pickle.HIGHEST_PROTOCOL,
        )

    @classmethod
    def unpack(cls, data: bytes) -> Keyed:
        """The inverse of :meth:`pack` (``export.connections.contacts`` stays empty)."""
        export, columns, warnings, read = pickle.loads(data)
        return cls(export, marshal.loads(columns), warnings, read)


def key_export(export: Export, companies: dict[str, str] | None = None) -> Keyed:
    """Key every row of ``export``: one row per contact, each with its person key.

    ``companies`` caches company keys across the exports of one add.
    """
    rows: list[tuple[Any, ...]] = []
    seen: dict[str, int] = {}
    companies = {} if companies is None else companies
    days: dict[date | None, str | None] = {None: None}
    plain = PLAIN_URL.match
    dup_urls = 0
    for c in export.connections.contacts:
        first, last = c.first_name, c.last_name
        nk = name_key(first, last)
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
            key, url = f"nm:{nk}|{ck}", ""
        n = seen[key] = seen.get(key, 0) + 1
        if n > 1:
            if key.startswith("in:"):
                dup_urls += 1
                continue
            key = f"{key}#{n}"  # two rows of one export are two members
        on = days.get(c.connected_on)
        if on is None and c.connected_on is not None:
            on = days[c.connected_on] = c.connected_on.isoformat()
        name = display_name(first, last) or "(no name)"
        rows.append((key, first, last, name, c.company, ck, c.position, url, c.email, on, nk))
    warnings = []
    if dup_urls:
        warnings.append(f"{export.source}: {dup_urls} rows repeat a profile URL and were skipped")
    # Transposed once; an export without rows still has every column, empty.
    columns = [list(col) for col in zip(*rows, strict=True)] or [[] for _ in range(_WIDTH)]
    return Keyed(export, columns, warnings, len(export.connections.contacts))


class Batch:
    """State shared by the exports of one ``add``."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self.vetoes = Vetoes(conn)
        self.next_id = (conn.execute("SELECT MAX(id) FROM people").fetchone()[0] or 0) + 1
        #: in an add to an empty store: every key written so far (see ``wrote``)
        self.written = KeysWritten() if self.next_id == 1 else None
        self.has_nm = bool(
            conn.execute("SELECT EXISTS (SELECT 1 FROM people WHERE key > 'nm:' AND key < 'nm;')")
            .fetchone()[0]
        )  # fmt: skip
        self._names: dict[tuple[str, str], list[list]] | None = None
        self._by_company: dict[str, list[tuple[str, list]]] | None = None
        self._damaged: dict[str, list[tuple[re.Pattern[str], list]]] = defaultdict(list)
        #: company -> company key, shared by the exports of this add
        self.companies: dict[str, str] = {}

    def wrote(self, key: str) -> None:
        """Note a key written to ``people`` (or ``aliases``) outside ``resolve``."""
        if self.written is not None:
            self.written.add_all((key,))

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
        """key -> (id, name, company, position, url, name_key) for keys (or aliases) in the store.

        Keys are looked up in sorted chunks: neighbouring keys share b-tree pages
        (twice as fast as file order on a large store).
        """
        keys = sorted(self.written.which_may_hold(keys) if self.written is not None else keys)
        found: dict[str, tuple] = {}
        for i in range(0, len(keys), _CHUNK):
            chunk = keys[i : i + _CHUNK]
            marks = ",".join("?" * len(chunk))
            for row in self.conn.execute(
                f"SELECT key, id, name, company, position, url, name_key FROM people "
                f"WHERE key IN ({marks})",
                chunk,
            ):
                found[row[0]] = row[1:]
        # Aliases appear only after merges; a fresh import needn't look them up at all.
        any_alias = self.conn.execute("SELECT EXISTS (SELECT 1 FROM aliases)").fetchone()[0]
        missing = [k for k in keys if k not in found] if any_alias else []
        for i in range(0, len(missing), _CHUNK):
            chunk = missing[i : i + _CHUNK]
            marks = ",".join("?" * len(chunk))
            for alias, pid in self.conn.execute(
                f"SELECT alias, person_id FROM aliases WHERE alias IN ({marks})", chunk
            ):
                found[alias] = (pid, None, None, None, None, None)
        return found

    def resolve(self, rows: list[Row]) -> int:
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
                    (r.company, r.position) != hit[2:4]
                    or (r.url and r.url != hit[4])
                    or r.nk != hit[5]  # (a store keyed by older name rules, too)
                ):
                    # A name a re-save damaged ("Nguy?n") never replaces an intact one.
                    damaged = lossy_name_pattern(r.first, r.last) is not None
                    name, nk = (hit[1], hit[5]) if damaged else (r.name, r.nk)
                    updates.append((name, nk, r.company, r.ck, r.position, r.url, r.pid))
        pending = [r for r in rows if r.pid is None]
        if any(r.key.startswith("nm:") for r in pending):
            self._match_names(pending, claimed)
        if self.has_nm:
            self._absorb_name_only(pending, claimed)
        # The newest export describes a person best (people change jobs).
        self.conn.executemany(
            "UPDATE people SET name = ?, name_key = ?, company = ?, company_key = ?, position = ?, "
            "url = CASE WHEN ?6 != '' THEN ?6 ELSE url END WHERE id = ?7",
            updates,
        )
        new = sorted((r for r in rows if r.pid is None), key=attrgetter("key"))
        for pid, r in enumerate(new, self.next_id):
            r.pid = pid
        self.next_id += len(new)
        if self.written is not None:
            self.written.add_all([r.key for r in new])
        if self._names is not None:
            for r in new:
                entry = [r.pid, r.key]
                self._names[(r.nk, r.ck)].append(entry)
                if self._by_company is not None:
                    self._by_company[r.ck].append((r.nk, entry))
                self._note_damaged(r.name, r.ck, entry)
        self.conn.executemany(
            "INSERT INTO people (id, key, name, name_key, company, company_key, position, url) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [(r.pid, r.key, r.name, r.nk, r.company, r.ck, r.position, r.url) for r in new],
        )
        # Keys are "in:..." or "nm:...", and "nm:" sorts last: the last new key tells.
        if new and new[-1].key.startswith("nm:"):
            self.has_nm = True
        return len(rows) - len(new)

    def _match_names(self, pending: list[Row], claimed: set[int]) -> None:
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

    def _lossy_matches(self, r: Row) -> list[int]:
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

    def _absorb_name_only(self, pending: list[Row], claimed: set[int]) -> None:
        """A URL row takes over a name-only person when the pairing is unambiguous both ways."""
        names = self.names()
        by_person: dict[int, list[tuple[Row, list]]] = defaultdict(list)
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
            # the export being added describes them best (its name as written, too,
            # unless a re-save damaged it: "Nguy?n" never replaces an intact name)
            damaged = lossy_name_pattern(r.first, r.last) is not None
            self.conn.execute(
                "UPDATE people SET key = ?, url = ?, name = CASE WHEN ?3 THEN name ELSE ? END, "
                "name_key = CASE WHEN ?3 THEN name_key ELSE ? END, "
                "company = ?, company_key = ?, position = ? WHERE id = ?",
                (r.key, r.url, damaged, r.name, r.nk, r.company, r.ck, r.position, pid),
            )
            self.conn.execute("INSERT OR REPLACE INTO aliases VALUES (?, ?)", (entry[1], pid))
            entry[1] = r.key
            self.wrote(r.key)
            r.pid = pid
            claimed.add(pid)
