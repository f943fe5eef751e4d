"""The store's derived keys stay true: the company-word index after every write, and older
stores (schema 1, or keys folded by older name rules) upgraded in place when opened."""

from __future__ import annotations

import hashlib
import sqlite3

import pytest
from builders import ASSETS, lines, read_only_disk
from typer.testing import CliRunner

from refpath.cli import app
from refpath.identity import NAME_RULES, company_key, name_key
from refpath.store.db import open_store
from refpath.store.keys import rekey
from refpath.store.schema import SCHEMA_VERSION

runner = CliRunner()
TEAM = ASSETS / "names" / "team"


def run(db, *args):
    return runner.invoke(app, ["--db", str(db), *map(str, args)])


def words_index(db) -> set[tuple[str, str]]:
    conn = sqlite3.connect(db)
    try:
        return set(conn.execute("SELECT word, key FROM company_words"))
    finally:
        conn.close()


def words_wanted(db) -> set[tuple[str, str]]:
    """What the index must hold: each word of each company key people carry."""
    conn = sqlite3.connect(db)
    try:
        keys = {
            r[0] for r in conn.execute("SELECT company_key FROM people WHERE company_key != ''")
        }
    finally:
        conn.close()
    return {(w, k) for k in keys for w in k.split()}


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "s.db"
    assert run(path, "add", TEAM / "Ravi Menon.csv", "--me").exit_code == 0
    assert run(path, "add", TEAM).exit_code == 0
    return path


def test_the_company_word_index_follows_every_write(db):
    index = words_index(db)
    assert ("contoso", "contoso cars") in index and ("cars", "contoso cars") in index
    assert index == words_wanted(db)
    assert run(db, "remove", "Ingrid Sol", "--yes").exit_code == 0
    assert ("cars", "contoso cars") not in words_index(db)  # only Ingrid's export had them
    assert words_index(db) == words_wanted(db)
    assert run(db, "add", TEAM / "ingrid-sol", "--owner", "Ingrid Sol").exit_code == 0
    assert words_index(db) == words_wanted(db)
    assert ("globex", "globex") in words_index(db)  # only the URL-less Ilse Varga is there
    result = run(db, "same", "https://www.linkedin.com/in/ilse-varga-1a", "nm:ilse varga|globex")
    assert result.exit_code == 0, result.output
    assert ("globex", "globex") not in words_index(db)
    assert words_index(db) == words_wanted(db)


def test_a_log_entry_leaves_the_company_word_index_alone(db, monkeypatch):
    """The log writes no person: its transaction skips the index refresh (72 ms at 1M rows)."""
    import refpath.store.keys

    def refresh(conn):
        raise AssertionError("refreshed the company words for a log entry")

    monkeypatch.setattr(refpath.store.keys, "refresh_company_words", refresh)
    result = run(db, "log", "add", "Mikael Berg", "--via", "Ingrid Sol")
    assert result.exit_code == 0, result.output
    assert words_index(db) == words_wanted(db)
    # a write that can change people still refreshes it
    merged = run(db, "same", "https://www.linkedin.com/in/ilse-varga-1a", "nm:ilse varga|globex")
    assert isinstance(merged.exception, AssertionError)


def test_at_finds_a_company_by_any_whole_word_and_not_by_a_fragment(db):
    result = run(db, "at", "Contoso", "--json")
    assert result.exit_code == 0, result.output
    import json

    companies = {p["company"] for p in json.loads(result.stdout)["people"]}
    assert companies == {"Contoso", "Contoso Group", "Contoso Cars"}
    assert run(db, "at", "Cars", "--json").exit_code == 0  # a word after the first
    missed = run(db, "at", "Contosa")
    assert missed.exit_code == 1
    assert "closest companies: Contoso" in lines(missed.stderr)[0]


def _make_old(db, *, schema: int | None = None, rules: int | None = None, fold=None) -> None:
    """What an older refpath left: no new tables (schema 1), or keys folded by older rules."""
    conn = sqlite3.connect(db)
    with conn:
        if fold is not None:
            for pid, name, company in conn.execute("SELECT id, name, company FROM people"):
                conn.execute(
                    "UPDATE people SET name_key = ?, company_key = ? WHERE id = ?",
                    (fold(name), company.casefold().strip(), pid),
                )
        if rules is not None:
            conn.execute("UPDATE meta SET value = ? WHERE name = 'name_rules'", (str(rules),))
        if schema == 1:
            conn.execute("DROP TABLE company_words")
            conn.execute("DROP TABLE meta")
            conn.execute("PRAGMA user_version = 1")
    conn.close()


def _tables(db) -> dict[str, list[tuple]]:
    """Every table's rows (owners aside: their added_at differs) and the schema itself."""
    conn = sqlite3.connect(db)
    try:
        names = [
            r[0]
            for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            if r[0] != "owners"
        ]
        tables = {t: sorted(conn.execute(f"SELECT * FROM {t}")) for t in sorted(names)}
        tables["sqlite_master"] = sorted(conn.execute("SELECT type, name, sql FROM sqlite_master"))
        return tables
    finally:
        conn.close()


def test_a_schema_1_store_is_upgraded_when_opened_and_then_equals_a_new_one(db):
    new = _tables(db)
    _make_old(db, schema=1, fold=str.casefold)
    result = run(db, "to", "Chidi Okoro")  # opened, upgraded, found
    assert result.exit_code == 0, result.output
    assert lines(result.stderr) == [
        f"refpath: {db}: upgrading the store for this refpath (once): new indexes, and "
        "27 people matched by today's name rules"
    ]
    assert run(db, "to", "Chidi Okoro").stderr == ""  # once
    assert _tables(db) == new
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert conn.execute("SELECT value FROM meta").fetchall() == [(str(NAME_RULES),)]
    conn.close()


def test_a_store_keyed_by_older_name_rules_is_re_keyed_without_re_adding(db):
    people = run(db, "stats", "--json").stdout
    new = _tables(db)
    _make_old(db, rules=NAME_RULES - 1, fold=str.casefold)
    result = run(db, "to", "Chidi Okoro", "--json")  # "Okoro, MBA, PMP, CSM" in the export
    assert result.exit_code == 0, result.output
    assert run(db, "at", "Fabrikam", "--json").exit_code == 0  # "fabrikam technologies" before
    assert _tables(db) == new
    assert run(db, "stats", "--json").stdout == people


def test_rekey_of_a_current_store_changes_nothing(db):
    """people.name_key is name_key(people.name): the store can always be re-keyed from names."""
    with open_store(db, create=False) as store, store.transaction() as conn:
        assert rekey(conn) == 0
        for name, nk, company, ck in conn.execute(
            "SELECT name, name_key, company, company_key FROM people"
        ):
            assert (name_key(name), company_key(company)) == (nk, ck)


@pytest.fixture
def read_only(tmp_path):
    """Copy a store onto a read-only file system."""
    with read_only_disk(tmp_path / "disk") as copy:
        yield copy


def test_a_read_only_schema_1_store_says_how_to_upgrade_and_is_left_as_it_was(db, read_only):
    _make_old(db, schema=1)
    ro = read_only(db)
    before = hashlib.sha256(ro.read_bytes()).hexdigest()
    result = run(ro, "to", "Chidi Okoro")
    assert result.exit_code == 3, result.output
    assert lines(result.stderr) == [
        f"refpath: error: {ro}: this store was written by an older refpath and is read-only "
        "here; open it once where it can be written (refpath upgrades it in place)"
    ]
    assert hashlib.sha256(ro.read_bytes()).hexdigest() == before


def test_a_read_only_store_under_older_rules_still_answers(db, read_only):
    _make_old(db, rules=NAME_RULES - 1)
    result = run(read_only(db), "to", "Chidi Okoro", "--json")
    assert result.exit_code == 0, result.output
