"""Put parsed exports into the store, merging people into one node each.

``add_exports`` writes any number of colleagues' exports in **one**
transaction: either every export lands or the store is left exactly as it
was. For each export it resolves every row to a person (profile URL slug
first; for rows without a URL, folded name plus company, merged with a URL
person only when exactly one matches), replaces that owner's edges and
per-pair signals, and garbage-collects people nobody knows any more.
Afterwards it links each colleague to the row that stands for them in the
other colleagues' exports (see :mod:`refpath.store.merge`).

Rows of one export are never merged with each other: LinkedIn lists two
members twice even when their names, companies and positions are identical.

Speed: rows are resolved with batched key look-ups and Python dicts, not a
query per row. When an add is large compared with the store (a first import
of a team folder), the secondary indexes are dropped for the bulk insert and
rebuilt once at the end, inside the same transaction.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from operator import itemgetter

from refpath.errors import InputError, StoreError, UnknownPerson
from refpath.exports.dates import iso_date
from refpath.exports.records import Export, Skipped
from refpath.exports.share import SHARE_FMT
from refpath.identity import company_key, name_key, owner_key, profile_key
from refpath.store.db import Store, resolve_key
from refpath.store.evidence import resolve_pending, store_signals
from refpath.store.merge import apply_same_decisions, link_owners, merge_people
from refpath.store.resolve import Batch, Keyed, key_export
from refpath.store.schema import SECONDARY_INDEXES

#: Below this many people in the store, an add rebuilds indexes instead of updating them.
BULK_BELOW = 200_000


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
    #: why this export was not used ('' when it was): a share that holds less than
    #: another export of the same colleague
    skipped: str = ""
    #: people whose evidence (messages, invitations, endorsements, recommendations) was
    #: kept from the export this one replaced, because this one brings none of its own
    kept_evidence: int = 0


def _owner_person(batch: Batch, export: Export, existing: int | None) -> int:
    """Find or create the person node that stands for the export's owner."""
    conn = batch.conn
    url_key = profile_key(export.owner_url) if export.owner_url else None
    if url_key and not url_key.startswith("in:"):
        url_key = None
    pid = resolve_key(conn, url_key) if url_key else None
    if pid is None and existing is None:
        pid = resolve_key(conn, owner_key(export.owner_name))
    if pid is None and existing is None:
        batch.wrote(url_key or owner_key(export.owner_name))
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
            batch.wrote(url_key)
            conn.execute(
                "UPDATE people SET key = ?, url = ? WHERE id = ?",
                (url_key, export.owner_url, existing),
            )
            conn.execute("INSERT OR REPLACE INTO aliases VALUES (?, ?)", (old, existing))
        return existing
    if existing is not None and existing != pid:
        pid = merge_people(conn, existing, pid)
    return pid


def _share_skipped(
    export: Export, row: tuple | None, earlier: tuple[bool, date | None] | None
) -> str:
    """Why a share is not used, or '' when it is (see :func:`add_exports`)."""
    if export.connections.fmt != SHARE_FMT:
        return ""
    if earlier is not None and not earlier[0]:
        return "their own export in this add holds more, so it is used"
    if (
        earlier is not None
        and earlier[1]
        and (not export.exported_on or export.exported_on < earlier[1])
    ):
        return "a newer share of theirs in this add is used"
    if row is not None and row[3] and row[4] != SHARE_FMT:
        return "your own export is in the store and holds more than your share"
    return ""


def _add_one(
    batch: Batch,
    keyed: Keyed,
    me: bool,
    seen: dict[str, tuple[bool, date | None]] | None = None,
) -> AddSummary:
    conn = batch.conn
    export = keyed.export
    nk = name_key(export.owner_name)
    if not nk:
        raise InputError(f"{export.source}: the owner's name {export.owner_name!r} has no letters")
    row = conn.execute(
        "SELECT id, person_id, fingerprint, is_me, fmt FROM owners WHERE name_key = ?", (nk,)
    ).fetchone()
    if row is None:  # an owner keyed by older name rules ("Ilse Varga, Certified Coach")
        row = next(
            (
                (oid, pid, fp)
                for oid, pid, fp, name in conn.execute(
                    "SELECT id, person_id, fingerprint, name FROM owners"
                )
                if name_key(name) == nk
            ),
            None,
        )
    cf = export.connections
    seen = {} if seen is None else seen
    skipped = _share_skipped(export, row, seen.get(nk))
    if skipped:
        return AddSummary(
            export.owner_name, export.source, me, keyed.read, cf.hidden,
            0, 0, False, False, 0, 0, (), skipped,
        )  # fmt: skip
    seen[nk] = (cf.fmt == SHARE_FMT, export.exported_on)
    if row and row[2] == export.fingerprint:
        if me:
            conn.execute("UPDATE owners SET is_me = (id = ?)", (row[0],))
        return AddSummary(
            export.owner_name, export.source, me, keyed.read, cf.hidden,
            0, 0, True, False, 0, 0, tuple(export.warnings),
        )  # fmt: skip
    owner_id = row[0] if row else None
    owner_pid = _owner_person(batch, export, row[1] if row else None)
    conn.execute(
        "UPDATE people SET name_key = ? WHERE id = ? AND key LIKE 'ow:%' AND name_key != ?",
        (nk, owner_pid, nk),
    )
    batch.next_id = max(batch.next_id, owner_pid + 1)
    values = (
        owner_pid, export.owner_name, nk, export.owner_headline, export.source, cf.fmt,
        export.owner_from, iso_date(export.exported_on),
        datetime.now(UTC).isoformat(timespec="seconds"), export.fingerprint,
        keyed.read, cf.hidden, len(export.warnings) + len(cf.warnings),
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

    rows, warnings = keyed.rows, keyed.warnings
    known = batch.resolve(rows)
    kept = 0
    if row:  # people only this owner knew may become garbage
        conn.execute(
            "INSERT OR IGNORE INTO touched SELECT person_id FROM connections WHERE owner_id = ? "
            "UNION SELECT person_id FROM signals WHERE owner_id = ?",
            (owner_id, owner_id),
        )
        tables = ["connections"]
        if _brings_evidence(export):
            tables += ["signals", "pending_signals"]
        else:  # a bare Connections.csv over a full archive: the archive's evidence stays
            kept = conn.execute(
                "SELECT COUNT(*) FROM signals WHERE owner_id = ?", (owner_id,)
            ).fetchone()[0]
        for table in tables:
            conn.execute(f"DELETE FROM {table} WHERE owner_id = ?", (owner_id,))
    conn.executemany(
        "INSERT OR IGNORE INTO connections (owner_id, person_id, connected_on, company, "
        "position, email, name, url) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        sorted(
            [
                (owner_id, r.pid, r.on, r.company, r.position, r.email, r.name, r.url)
                for r in rows
                if r.pid != owner_pid
            ],
            key=itemgetter(1),
        ),
    )
    n_signals, unmatched = store_signals(conn, export, owner_id, owner_pid)
    return AddSummary(
        owner=export.owner_name,
        source=export.source,
        is_me=me,
        rows=keyed.read,
        hidden=cf.hidden,
        new_people=len(rows) - known,
        known_people=known,
        unchanged=False,
        replaced=bool(row),
        signals=n_signals,
        unmatched_signals=unmatched,
        warnings=tuple(export.warnings) + tuple(cf.warnings) + tuple(warnings),
        kept_evidence=kept,
    )


def _brings_evidence(export: Export) -> bool:
    """Whether an export holds any relationship evidence (a bare Connections.csv holds none)."""
    return bool(
        export.messages or export.invitations or export.endorsements or export.recommendations
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
    exports: Iterable[Export | Keyed | Skipped],
    *,
    me: bool = False,
    on_export: Callable[[AddSummary], None] | None = None,
    on_skip: Callable[[Skipped], None] | None = None,
) -> list[AddSummary]:
    """Add colleagues' exports to the store in one transaction.

    Any error (a bad file half-way through a team folder included) rolls the
    whole call back, so the store is exactly as it was. ``exports`` may come
    already keyed (from :func:`refpath.store.readahead.read_keyed`).

    A colleague's share (:mod:`refpath.exports.share`) is added like an export
    and replaces their earlier one, except that it is skipped (``skipped``
    says why) when the same call also adds that colleague's own export, or a
    newer share of theirs, or when it is the user's share and the store holds
    the user's own export.

    It may also
    hold :class:`Skipped` exports (``--keep-going``): each is passed to
    ``on_skip`` and the others are added. Two exports of one add whose owners
    are one person refuse the whole add: one would silently replace the other.
    """
    skipped = 0
    summaries: list[AddSummary] = []
    owners: dict[str, str] = {}  # folded owner name -> the export that named them
    with store.transaction() as conn:
        conn.execute("CREATE TEMP TABLE IF NOT EXISTS touched (person_id INTEGER PRIMARY KEY)")
        conn.execute("DELETE FROM touched")
        conn.execute("PRAGMA cache_size = -65536")  # 64 MiB while writing, at most
        bulk = conn.execute("SELECT COUNT(*) FROM people").fetchone()[0] < BULK_BELOW
        if bulk:
            for name, _ in SECONDARY_INDEXES:
                conn.execute(f"DROP INDEX IF EXISTS {name}")
        batch = Batch(conn)
        seen: dict[str, tuple[bool, date | None]] = {}  # owners added by this call
        for item in exports:
            if isinstance(item, Skipped):
                if on_skip:
                    on_skip(item)
                skipped += 1
                continue
            keyed = item if isinstance(item, Keyed) else key_export(item, batch.companies)
            _check_owner(owners, keyed.export)
            if me and summaries:
                raise InputError(
                    f"{keyed.export.source}: --me marks one export as yours, but several were "
                    "given; add your own export on its own with --me"
                )
            summary = _add_one(batch, keyed, me, seen)
            summaries.append(summary)
            if on_export:
                on_export(summary)
        if not summaries:
            if skipped:
                raise InputError(f"none of the {skipped} exports could be read; nothing was added")
            raise InputError("no exports found in the given paths")
        if bulk:
            for _, create in SECONDARY_INDEXES:
                conn.execute(create)
        collect_garbage(conn)
        link_owners(conn)
        apply_same_decisions(conn)
        resolve_pending(conn)
    return summaries


def _check_owner(owners: dict[str, str], export: Export) -> None:
    """Refuse a second export of the same owner in one add (it would replace the first).

    A colleague's share is not such a second export: beside their raw export or
    another share of theirs, the rule of :func:`_share_skipped` picks one, says
    which, and the other is reported as skipped.
    """
    if export.connections.fmt == SHARE_FMT:
        return
    nk = name_key(export.owner_name)
    if nk in owners:
        raise InputError(
            f"{owners[nk]} and {export.source} are both exports of {export.owner_name!r}, so one "
            "would replace the other; nothing was added. Name each folder or file after its "
            'colleague, or add them one at a time with --owner "Full Name"'
        )
    owners[nk] = export.source


def _forget_aliases_only_they_made(conn: sqlite3.Connection) -> None:
    """Drop the ``ow:``, ``nm:`` and ``urn:`` aliases of touched people that nothing left backs.

    An ``ow:`` alias is backed by a remaining colleague of that name; an ``nm:``
    alias (a row without URL that a URL row took over) by a remaining
    connection row without URL whose name and company give that key; a
    ``urn:`` alias (evidence that named someone by member URN) by remaining
    evidence about that person, from any colleague (the store does not say
    whose evidence made it, so it stays while anyone's evidence might have). A
    colleague whose key is such an unbacked ``nm:`` key (their row in the
    removed export, linked to them) gets their own ``ow:`` key back. An alias
    a ``same``/``different`` decision or the outreach log names stays: the
    user typed those, and they keep the key anyway.
    """
    kept_by_user = {
        k
        for (k,) in conn.execute(
            "SELECT a FROM decisions UNION SELECT b FROM decisions "
            "UNION SELECT prospect_key FROM outreach UNION SELECT introducer_key FROM outreach"
        )
    }
    owners = {owner_key(name) for (name,) in conn.execute("SELECT name FROM owners")}

    def backed_nm(key: str, pid: int) -> bool:
        return key.split("#", 1)[0] in {
            f"nm:{name_key(name)}|{company_key(company)}"
            for name, company in conn.execute(
                "SELECT name, company FROM connections WHERE person_id = ? AND url = ''", (pid,)
            )
        }

    for pid, key, name in conn.execute(
        """SELECT p.id, p.key, o.name FROM people p JOIN owners o ON o.person_id = p.id
           WHERE p.id IN (SELECT person_id FROM touched) AND p.key LIKE 'nm:%'"""
    ).fetchall():
        if not backed_nm(key, pid):
            conn.execute("DELETE FROM aliases WHERE alias = ?", (owner_key(name),))
            conn.execute("UPDATE people SET key = ? WHERE id = ?", (owner_key(name), pid))
            if key in kept_by_user:
                conn.execute("INSERT OR IGNORE INTO aliases VALUES (?, ?)", (key, pid))

    def evidenced(pid: int) -> bool:
        return bool(conn.execute("SELECT 1 FROM signals WHERE person_id = ?", (pid,)).fetchone())

    gone = []
    for alias, pid in conn.execute(
        """SELECT alias, person_id FROM aliases
           WHERE person_id IN (SELECT person_id FROM touched)
             AND (alias LIKE 'ow:%' OR alias LIKE 'nm:%' OR alias LIKE 'urn:%')"""
    ).fetchall():
        if alias in kept_by_user:
            continue
        if alias.startswith("ow:"):
            backed = alias in owners
        elif alias.startswith("urn:"):
            backed = evidenced(pid)
        else:
            backed = backed_nm(alias, pid)
        if not backed:
            gone.append((alias,))
    conn.executemany("DELETE FROM aliases WHERE alias = ?", gone)


def _forget_urls_only_they_gave(conn: sqlite3.Connection) -> None:
    """People whose profile URL only the removed export gave go back to their name key."""
    for (pid,) in conn.execute(
        """SELECT p.id FROM people p WHERE p.id IN (SELECT person_id FROM touched)
             AND p.key LIKE 'in:%'
             AND EXISTS (SELECT 1 FROM connections c WHERE c.person_id = p.id)
             AND NOT EXISTS (SELECT 1 FROM connections c WHERE c.person_id = p.id
                             AND c.url != '')
             AND NOT EXISTS (SELECT 1 FROM owners o WHERE o.person_id = p.id)"""
    ).fetchall():
        old = conn.execute(
            "SELECT alias FROM aliases WHERE person_id = ? AND alias LIKE 'nm:%' LIMIT 1", (pid,)
        ).fetchone()
        if old is None:
            continue
        conn.execute("DELETE FROM aliases WHERE person_id = ?", (pid,))
        conn.execute("UPDATE people SET key = ?, url = '' WHERE id = ?", (old[0], pid))


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
        for table in ("connections", "signals", "pending_signals"):
            conn.execute(f"DELETE FROM {table} WHERE owner_id = ?", (owner_id,))
        conn.execute("DELETE FROM owners WHERE id = ?", (owner_id,))
        # Details the removed export wrote are replaced by a remaining export's view.
        latest = (
            "SELECT c.{col} FROM connections c WHERE c.person_id = people.id "
            "ORDER BY c.connected_on DESC LIMIT 1"
        )
        conn.execute(
            f"""UPDATE people SET company = COALESCE(({latest.format(col="company")}), ''),
                 position = COALESCE(({latest.format(col="position")}), ''),
                 name = COALESCE(({latest.format(col="name")}), name)
               WHERE id IN (SELECT person_id FROM touched)
                 AND EXISTS (SELECT 1 FROM connections c WHERE c.person_id = people.id)"""
        )
        _forget_urls_only_they_gave(conn)
        _forget_aliases_only_they_made(conn)
        conn.executemany(
            "UPDATE people SET company_key = ?, name_key = CASE WHEN ? != '' THEN ? "
            "ELSE name_key END WHERE id = ?",
            [
                (company_key(company), nk, nk, pid)
                for pid, company, name, key in conn.execute(
                    "SELECT id, company, name, key FROM people "
                    "WHERE id IN (SELECT person_id FROM touched)"
                ).fetchall()
                for nk in ("" if key.startswith("ow:") else name_key(name),)
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
