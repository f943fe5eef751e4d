"""The store file itself: what ``--db`` may name, who may read it, what a failure leaves.

``--db /dev/null`` or any other path that is not a regular file is refused
with one line (and no ``-journal`` appears beside it). An existing empty file
taken as a new store becomes 0600. A first ``add`` that fails (a bad export,
Ctrl-C) leaves no store file behind, but never removes a store another
refpath has open. A store on a read-only file system, or one the user may read
but not write, can still be queried (``to``, ``at``, ``stats``, ``sources``,
``export``, ``map``, ``plan``); a command that must write says "read-only". A
``user_version`` of 0 or below gives the clear "not a refpath store" line.
"""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import stat
import subprocess
import time
from pathlib import Path

import pytest
from builders import copy_store, read_only_disk

from .support import (
    REPO,
    SMALL,
    child_env,
    digest,
    one_error_line,
    refpath_cmd,
    run_refpath,
    store_files,
)

LEADS = REPO / "docs" / "examples" / "prospects.csv"
BAD_EXPORT = REPO / "tests" / "assets" / "exports" / "bad"
#: commands that only read the store, with what they need (OUT: a writable folder)
QUERIES = [
    ["to", "Jane Doe"],
    ["at", "Acme Robotics"],
    ["stats"],
    ["sources"],
    ["doctor"],
    ["log"],
    ["export", "-o", "{out}/net.gexf"],
    ["map", "-o", "{out}/map.png"],
    ["plan", LEADS],
]
#: commands that must write
WRITES = [
    ["add", SMALL],
    ["log", "add", "Jane Doe", "--via", "Bob Okafor"],
    ["same", "Jane Doe", "Bob Okafor"],
    ["remove", "Carol Mendes"],
]


@pytest.fixture
def db(sample_db, tmp_path) -> Path:
    return copy_store(sample_db, tmp_path / "store" / "s.db", one_file=True)


# ------------------------------------------------------------- what --db may name


@pytest.mark.parametrize("special", ["/dev/null", "/dev/zero", "fifo"])
@pytest.mark.parametrize("command", [["stats"], ["add", SMALL], ["to", "Jane Doe"]])
def test_a_store_path_that_is_not_a_regular_file_is_refused(tmp_path, special, command):
    path = Path(special)
    if special == "fifo":
        path = tmp_path / "s.db"
        os.mkfifo(path)
    done = run_refpath(path, *command)
    assert done.returncode == 3, done.stderr
    assert "not a regular file" in one_error_line(done.stderr, path)
    assert not stat.S_ISREG(os.stat(path).st_mode)
    assert not any(Path(f"{path}{s}").exists() for s in ("-journal", "-wal", "-shm"))


def test_an_existing_empty_file_taken_as_a_new_store_becomes_private(tmp_path):
    db = tmp_path / "s.db"
    db.write_bytes(b"")
    db.chmod(0o666)
    done = run_refpath(db, "add", SMALL)
    assert done.returncode == 0, done.stderr
    for path in store_files(db):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path


def test_a_failed_first_add_leaves_no_store_behind(tmp_path):
    db = tmp_path / "new" / "s.db"
    done = run_refpath(db, "add", BAD_EXPORT / next(iter(sorted(os.listdir(BAD_EXPORT)))))
    assert done.returncode == 2, done.stderr
    one_error_line(done.stderr)
    assert list(db.parent.iterdir()) == []


def test_a_failed_first_add_into_an_empty_file_leaves_it_empty(tmp_path):
    db = tmp_path / "s.db"
    db.write_bytes(b"")
    done = run_refpath(db, "add", BAD_EXPORT / "empty.csv")
    assert done.returncode == 2, done.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["s.db"]
    assert db.stat().st_size == 0


def test_a_first_add_stopped_by_ctrl_c_leaves_no_store_behind(tmp_path, synth_team):
    team = synth_team(6, 3000)
    db = tmp_path / "s.db"
    proc = subprocess.Popen(
        refpath_cmd(db, "add", team),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=child_env(),
        text=True,
    )
    deadline = time.monotonic() + 60
    while not db.exists() or db.stat().st_size == 0:  # wait until it is writing
        assert time.monotonic() < deadline and proc.poll() is None
        time.sleep(0.01)
    time.sleep(0.2)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    if proc.returncode == 0:
        pytest.skip("the add finished before Ctrl-C arrived")
    assert proc.returncode == 130, err
    assert not any(Path(f"{db}{s}").exists() for s in ("", "-wal", "-shm", "-journal"))


def test_a_failed_first_add_never_removes_a_store_another_refpath_has_open(tmp_path):
    from refpath.store.db import open_store

    db = tmp_path / "s.db"
    first = open_store(db)
    assert first.created
    other = open_store(db)  # e.g. a second add that started a moment later
    try:
        assert not first.discard_if_unused()
        assert db.exists()
    finally:
        other.close()
    assert first.discard_if_unused()
    assert not any(Path(f"{db}{s}").exists() for s in ("", "-wal", "-shm", "-journal"))


@pytest.mark.parametrize("version", [0, -1, -(2**31)])
def test_a_user_version_of_zero_or_below_is_not_a_refpath_store(db, version):
    conn = sqlite3.connect(db)
    conn.execute(f"PRAGMA user_version = {version}")
    conn.close()
    before = digest(db)
    for command in (["stats"], ["add", SMALL], ["to", "Jane Doe"]):
        done = run_refpath(db, *command)
        assert done.returncode == 3, done.stderr
        assert "not a refpath store" in one_error_line(done.stderr, db)
        assert digest(db) == before


# ------------------------------------------------------------- read-only stores


def _check_read_only(db: Path, out: Path, prefix: tuple[str, ...] = ()) -> None:
    before = digest(db)
    for command in QUERIES:
        args = [str(a).format(out=out) for a in command]
        done = _run(db, args, prefix)
        assert done.returncode == 0, (args, done.stderr)
        assert done.stdout and "Traceback" not in done.stderr
    assert (out / "net.gexf").stat().st_size and (out / "map.png").stat().st_size
    for command in WRITES:
        done = _run(db, [str(a) for a in command], prefix)
        assert done.returncode == 3, (command, done.stdout, done.stderr)
        assert "read-only" in one_error_line(done.stderr, db)
    assert digest(db) == before


def _run(db: Path, args: list[str], prefix: tuple[str, ...] = ()) -> subprocess.CompletedProcess:
    return subprocess.run(
        [*prefix, *refpath_cmd(db, *args)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=child_env(),
        timeout=180,
        check=False,
    )


def test_a_store_on_a_read_only_file_system_can_be_queried(db, tmp_path):
    with read_only_disk(tmp_path / "disk") as copy:
        out = tmp_path / "out"
        out.mkdir()
        _check_read_only(copy(db), out)


def test_a_store_without_write_permission_can_be_queried(db, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    db.chmod(0o400)  # its owner may read it, not write it, nor make -wal/-shm beside it
    db.parent.chmod(0o555)
    prefix: tuple[str, ...] = ()
    if os.geteuid() == 0:  # root ignores permissions: drop the capabilities that let it
        if not shutil.which("setpriv"):
            pytest.skip("needs setpriv to run without root's file-permission override")
        prefix = ("setpriv", "--bounding-set=-dac_override,-dac_read_search,-fowner")
    try:
        _check_read_only(db, out, prefix)
    finally:
        db.parent.chmod(0o755)
