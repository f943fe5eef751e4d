"""Honest failure: a store refpath cannot use gives one clear line, exit 3, and stays as it was.

Each case runs real ``refpath`` commands against a store file that is from a
newer refpath, damaged in some way, another program's SQLite file, or on a
full disk, and checks the exit code, that stderr is exactly one line naming
the file, and that the file is byte-for-byte what it was (sha256 before and
after) with no companion file left behind.
"""

from __future__ import annotations

import os
import random
import shutil
import sqlite3
import subprocess
from pathlib import Path

import pytest

from refpath.errors import StoreError
from refpath.exports.locate import read_exports
from refpath.store.db import open_store
from refpath.store.ingest import add_exports
from refpath.store.schema import SCHEMA_VERSION

from .support import SAMPLES, SMALL, cli, digest, dump, new_store, one_error_line, run_refpath

COMMANDS = [
    ["add", SAMPLES / "bob-okafor"],
    ["stats"],
    ["sources"],
    ["to", "Jane Doe"],
    ["at", "Acme"],
    ["doctor"],
    ["remove", "Carol Mendes"],
    ["export", "-o", "{tmp}/net.csv"],
]


@pytest.fixture(scope="module")
def good_store(tmp_path_factory) -> bytes:
    """The bytes of a refpath store holding two small exports (WAL checkpointed)."""
    db = new_store(tmp_path_factory.mktemp("good") / "s.db", SMALL, SAMPLES / "riley-chen")
    return db.read_bytes()


def _newer(good: bytes, tmp: Path) -> bytes:
    path = tmp / "newer.db"
    path.write_bytes(good)
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    return path.read_bytes()


def _foreign(good: bytes, tmp: Path) -> bytes:
    path = tmp / "foreign.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE notes (body TEXT)")
    conn.execute("INSERT INTO notes VALUES ('my shopping list')")
    conn.commit()
    conn.close()
    return path.read_bytes()


def _garbled(good: bytes, tmp: Path) -> bytes:
    """Page 1 (header and schema) intact, every other page random bytes."""
    page = int.from_bytes(good[16:18], "big")
    rng = random.Random(7)
    return good[:page] + bytes(rng.randrange(256) for _ in range(len(good) - page))


CASES = {
    "newer_refpath": (_newer, "this store was written by a newer refpath"),
    "random_bytes": (lambda g, t: random.Random(1).randbytes(8192), "damaged or not a refpath"),
    "text_file": (lambda g, t: b"name,company\nJane,Acme\n" * 50, "damaged or not a refpath"),
    "truncated_half": (lambda g, t: g[: len(g) // 2], "damaged or not a refpath"),
    "truncated_to_100_bytes": (lambda g, t: g[:100], "damaged or not a refpath"),
    "truncated_to_first_page": (lambda g, t: g[:4096], "damaged or not a refpath"),
    "garbled_pages": (_garbled, "damaged or not a refpath"),
    "sqlite_header_then_junk": (
        lambda g, t: b"SQLite format 3\x00" + random.Random(2).randbytes(4000),
        "damaged or not a refpath",
    ),
    "another_programs_sqlite": (_foreign, "not a refpath store"),
}


@pytest.mark.parametrize("case", CASES)
@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: a[0])
def test_an_unusable_store_gives_one_line_and_is_left_as_it_was(tmp_path, good_store, case, args):
    make, says = CASES[case]
    content = make(good_store, tmp_path)
    folder = tmp_path / "store"
    folder.mkdir()
    db = folder / "s.db"
    db.write_bytes(content)
    args = [str(a).format(tmp=tmp_path) for a in args]

    result = cli(db, *args)

    assert result.exit_code == 3, (result.stdout, result.stderr)
    assert says in one_error_line(result.stderr, db)
    assert "nothing was changed" in result.stderr or "upgrade refpath" in result.stderr
    assert result.stdout == ""
    assert digest(db) == digest_of(content)
    assert sorted(p.name for p in folder.iterdir()) == ["s.db"]  # no -wal/-shm left over
    assert not (tmp_path / "net_nodes.csv").exists()


def digest_of(data: bytes) -> str:
    import hashlib

    return hashlib.sha256(data).hexdigest()


def test_a_real_refpath_process_reports_a_newer_store_in_one_line(tmp_path, good_store):
    db = tmp_path / "s.db"
    db.write_bytes(_newer(good_store, tmp_path))
    before = digest(db)
    result = run_refpath(db, "add", SAMPLES / "bob-okafor")
    assert result.returncode == 3
    line = one_error_line(result.stderr, db)
    assert f"(schema {SCHEMA_VERSION + 1}, this refpath reads {SCHEMA_VERSION})" in line
    assert digest(db) == before


# ------------------------------------------------------------------ full disk


def _mount_tiny_tmpfs(where: Path, size_kb: int) -> bool:
    """Mount a tmpfs of ``size_kb`` at ``where`` (root only); False when that is not possible."""
    if os.geteuid() != 0 or not shutil.which("mount"):
        return False
    where.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size_kb}k,mode=0700", "tmpfs", str(where)],
        capture_output=True,
        check=False,
    )
    return done.returncode == 0


@pytest.fixture
def tiny_disk(tmp_path):
    """A real 4 MB file system (a tmpfs), unmounted afterwards."""
    where = tmp_path / "disk"
    if not _mount_tiny_tmpfs(where, 4096):
        pytest.skip("needs root and mount to make a small file system")
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], check=False)


def _fill(disk: Path, leave_kb: int) -> Path:
    """Fill the file system until only ``leave_kb`` kB are free."""
    free = shutil.disk_usage(disk).free // 1024
    filler = disk / "filler"
    with open(filler, "wb") as f:
        f.write(bytes(max(0, free - leave_kb) * 1024))
    return filler


@pytest.mark.parametrize("leave_kb", [64, 0])
def test_a_full_disk_gives_one_line_and_leaves_the_store_as_it_was(tiny_disk, synth_team, leave_kb):
    """A real refpath process on a real full file system; then space is freed and it works."""
    db = tiny_disk / "s.db"
    assert run_refpath(db, "add", SMALL).returncode == 0
    before, content = digest(db), dump(db)
    filler = _fill(tiny_disk, leave_kb)
    team = synth_team(2, 2_000, seed=5)

    commands = [["add", team]] + ([["stats"], ["sources"]] if leave_kb == 0 else [])
    for args in commands:
        result = run_refpath(db, *args)
        assert result.returncode == 3, (args, result.stdout, result.stderr)
        assert "the disk is full; nothing was changed" in one_error_line(result.stderr, db)
        assert digest(db) == before

    filler.unlink()
    assert dump(db) == content
    again = run_refpath(db, "add", team)
    assert again.returncode == 0, again.stderr
    assert "3 exports" in again.stdout


def test_a_store_that_cannot_grow_rolls_the_whole_add_back(tmp_path, synth_team, monkeypatch):
    """The same through the library (where no tmpfs can be mounted): max_page_count as the disk."""
    db = new_store(tmp_path / "s.db", SMALL)
    before = digest(db)
    team = synth_team(2, 2_000, seed=5)

    real_open = open_store

    def open_small(path, **kwargs):
        store = real_open(path, **kwargs)
        pages = store.conn.execute("PRAGMA page_count").fetchone()[0]
        store.conn.execute(f"PRAGMA max_page_count = {pages + 8}")
        return store

    with open_small(db) as store, pytest.raises(StoreError, match="the disk is full"):
        add_exports(store, read_exports([team]))
    assert digest(db) == before

    monkeypatch.setattr("refpath.store.db.open_store", open_small)
    result = cli(db, "add", team)
    assert result.exit_code == 3
    assert "the disk is full; nothing was changed" in one_error_line(result.stderr, db)
    assert digest(db) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["s.db"]
