"""The store's schema: its tables, its version, creating it, and upgrading older stores.

``SCHEMA_VERSION`` is the layout (tables and indexes); the ``meta`` table
records the version of the name rules (:data:`refpath.identity.NAME_RULES`)
the keys follow. A store behind on either is upgraded in place when opened
(:func:`upgrade`, called by :func:`refpath.store.db.open_store`).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

from refpath.errors import StoreError
from refpath.identity import NAME_RULES

#: 2: the company_words and meta tables, connections_person with the date (schema 1 stores
#: are upgraded when opened).
SCHEMA_VERSION = 2
#: "rfpt" in ASCII: marks a SQLite file as a refpath store.
APPLICATION_ID = 0x72667074

SCHEMA = """
CREATE TABLE people (
    id          INTEGER PRIMARY KEY,
    key         TEXT NOT NULL UNIQUE,   -- see refpath.identity
    name        TEXT NOT NULL,          -- as written in the newest export
    name_key    TEXT NOT NULL,          -- folded, for matching
    company     TEXT NOT NULL DEFAULT '',
    company_key TEXT NOT NULL DEFAULT '',
    position    TEXT NOT NULL DEFAULT '',
    url         TEXT NOT NULL DEFAULT ''
);

CREATE TABLE owners (
    id          INTEGER PRIMARY KEY,
    person_id   INTEGER NOT NULL UNIQUE REFERENCES people(id),
    name        TEXT NOT NULL,
    name_key    TEXT NOT NULL UNIQUE,
    is_me       INTEGER NOT NULL DEFAULT 0,
    headline    TEXT NOT NULL DEFAULT '',
    source      TEXT NOT NULL,
    fmt         TEXT NOT NULL,
    owner_from  TEXT NOT NULL,
    exported_on TEXT,
    added_at    TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    rows        INTEGER NOT NULL,
    hidden      INTEGER NOT NULL,
    warnings    INTEGER NOT NULL
);

CREATE TABLE connections (
    owner_id     INTEGER NOT NULL REFERENCES owners(id),
    person_id    INTEGER NOT NULL REFERENCES people(id),
    connected_on TEXT,                   -- ISO date or NULL
    company      TEXT NOT NULL DEFAULT '',
    position     TEXT NOT NULL DEFAULT '',
    email        TEXT NOT NULL DEFAULT '',
    name         TEXT NOT NULL DEFAULT '',  -- as this owner's export wrote it
    url          TEXT NOT NULL DEFAULT '',  -- as this owner's export wrote it
    PRIMARY KEY (owner_id, person_id)
) WITHOUT ROWID;

CREATE TABLE signals (
    owner_id      INTEGER NOT NULL REFERENCES owners(id),
    person_id     INTEGER NOT NULL REFERENCES people(id),
    sent          INTEGER NOT NULL DEFAULT 0,   -- messages owner -> person
    received      INTEGER NOT NULL DEFAULT 0,   -- messages person -> owner
    first_msg     TEXT,
    last_msg      TEXT,
    invite        TEXT,                         -- 'INCOMING' | 'OUTGOING' | NULL
    invite_note   INTEGER NOT NULL DEFAULT 0,
    invite_on     TEXT,
    endorsements  INTEGER NOT NULL DEFAULT 0,   -- person endorsed owner
    recs_received INTEGER NOT NULL DEFAULT 0,   -- person recommended owner
    recs_given    INTEGER NOT NULL DEFAULT 0,   -- owner recommended person
    PRIMARY KEY (owner_id, person_id)
) WITHOUT ROWID;

-- Evidence about someone no export lists yet, by profile key, until one does.
CREATE TABLE pending_signals (
    owner_id      INTEGER NOT NULL REFERENCES owners(id),
    key           TEXT NOT NULL,
    sent          INTEGER NOT NULL DEFAULT 0,
    received      INTEGER NOT NULL DEFAULT 0,
    first_msg     TEXT,
    last_msg      TEXT,
    invite        TEXT,
    invite_note   INTEGER NOT NULL DEFAULT 0,
    invite_on     TEXT,
    endorsements  INTEGER NOT NULL DEFAULT 0,
    recs_received INTEGER NOT NULL DEFAULT 0,
    recs_given    INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX pending_signals_owner ON pending_signals(owner_id);

CREATE TABLE aliases (
    alias     TEXT PRIMARY KEY,             -- another key for the same person
    person_id INTEGER NOT NULL REFERENCES people(id)
) WITHOUT ROWID;

-- Manual identity decisions, by key, so they survive re-ingest.
CREATE TABLE decisions (
    a          TEXT NOT NULL,
    b          TEXT NOT NULL,
    same       INTEGER NOT NULL,            -- 1: same person, 0: different people
    decided_at TEXT NOT NULL,
    PRIMARY KEY (a, b)
);

-- The outreach log (refpath log, refpath plan), by person key so it survives re-ingest.
-- Names are as shown when logged; no message text.
CREATE TABLE outreach (
    id              INTEGER PRIMARY KEY,
    prospect_key    TEXT NOT NULL,
    prospect_name   TEXT NOT NULL,
    introducer_key  TEXT NOT NULL,
    introducer_name TEXT NOT NULL,
    status          TEXT NOT NULL,          -- 'asked' | 'introduced' | 'declined' | 'met'
    on_date         TEXT NOT NULL,          -- ISO date
    note            TEXT NOT NULL DEFAULT ''
);

-- Each word of each folded company name in people, so a company is found by a whole word
-- ("contoso" finds "the contoso group") with one index look-up. Rebuilt by every write.
CREATE TABLE company_words (
    word TEXT NOT NULL,
    key  TEXT NOT NULL,                     -- a people.company_key holding the word
    PRIMARY KEY (word, key)
) WITHOUT ROWID;

-- Facts about the store itself: 'name_rules' is the refpath.identity.NAME_RULES its keys follow.
CREATE TABLE meta (
    name  TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
"""

#: What schema 1 lacks (an upgrade creates it).
_SCHEMA_2 = SCHEMA[SCHEMA.index("-- Each word of each folded company") :]


#: Indexes a bulk add may drop and rebuild (name, CREATE statement).
SECONDARY_INDEXES = [
    ("people_name", "CREATE INDEX IF NOT EXISTS people_name ON people(name_key, company_key)"),
    ("people_company", "CREATE INDEX IF NOT EXISTS people_company ON people(company_key)"),
    # With the date, who lists a person and since when comes from the index alone: the
    # sides of 1,599 people at one company in 6.7 ms instead of 13.5 (1M-row store).
    (
        "connections_person",
        "CREATE INDEX IF NOT EXISTS connections_person ON connections(person_id, connected_on)",
    ),
    ("signals_person", "CREATE INDEX IF NOT EXISTS signals_person ON signals(person_id)"),
    ("aliases_person", "CREATE INDEX IF NOT EXISTS aliases_person ON aliases(person_id)"),
]


def statements(script: str) -> list[str]:
    r"""Split a SQL script into statements (comments may hold ';', statements may not).

    >>> statements("CREATE TABLE a (x); -- a; comment\nCREATE TABLE b (y);")
    ['CREATE TABLE a (x)', 'CREATE TABLE b (y)']
    """
    code = "\n".join(line.split("--", 1)[0] for line in script.splitlines())
    return [s.strip() for s in code.split(";") if s.strip()]


def create(conn: sqlite3.Connection) -> None:
    """Create the tables and indexes of an empty store (inside the caller's transaction)."""
    for statement in statements(SCHEMA):
        conn.execute(statement)
    for _, index in SECONDARY_INDEXES:
        conn.execute(index)
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
    conn.execute("INSERT INTO meta VALUES ('name_rules', ?)", (str(NAME_RULES),))


def outdated(conn: sqlite3.Connection, version: int) -> bool:
    """Whether the store lacks a table this refpath has, or its keys follow older rules."""
    if version < SCHEMA_VERSION:
        return True
    row = conn.execute("SELECT value FROM meta WHERE name = 'name_rules'").fetchone()
    return row is None or int(row[0]) < NAME_RULES


def upgrade(
    path: Path,
    conn: sqlite3.Connection,
    read_only: bool,
    on_upgrade: Callable[[str], None] | None = None,
) -> None:
    """Bring an older store up to date in one transaction: new tables, keys under today's rules.

    A read-only store keyed by older rules is read as it is (its look-ups follow
    the rules it was written with, until it is opened where it can be written);
    one that lacks a table cannot be read and says so.
    """
    from refpath.store.keys import refresh_company_words, rekey

    if read_only:
        if conn.execute("PRAGMA user_version").fetchone()[0] < SCHEMA_VERSION:
            raise StoreError(
                f"{path}: this store was written by an older refpath and is read-only here; "
                "open it once where it can be written (refpath upgrades it in place)"
            )
        return
    conn.execute("BEGIN IMMEDIATE")
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if version < 2:
        for statement in statements(_SCHEMA_2):
            conn.execute(statement)
        conn.execute("DROP INDEX IF EXISTS connections_person")
        conn.execute(dict(SECONDARY_INDEXES)["connections_person"])
    if outdated(conn, version):  # another refpath may have upgraded it while this one waited
        if on_upgrade is not None:
            people = conn.execute("SELECT COUNT(*) FROM people").fetchone()[0]
            on_upgrade(
                f"{path}: upgrading the store for this refpath (once): new indexes, and "
                f"{people:,} {'person' if people == 1 else 'people'} matched by today's name rules"
            )
        rekey(conn)
        refresh_company_words(conn)
        conn.execute(
            "INSERT OR REPLACE INTO meta (name, value) VALUES ('name_rules', ?)",
            (str(NAME_RULES),),
        )
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
    conn.execute("COMMIT")
