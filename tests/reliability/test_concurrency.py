"""Two ``refpath`` processes on one store at once.

Writers take the lock with ``BEGIN IMMEDIATE`` and wait up to the busy timeout,
so a second ``add`` waits for the first and then runs; readers (WAL) never wait.
Nobody sees a raw "database is locked", and the store ends holding both adds.
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
import time
from pathlib import Path

import pytest

from .support import SAMPLES, SMALL, child_env, dump, new_store, refpath_cmd, run_refpath
from .support import write_lock_held as locked


def start(db: Path, *args: object) -> subprocess.Popen[str]:
    return subprocess.Popen(
        refpath_cmd(db, *args),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
        env=child_env(),
    )


def finish(procs: list[subprocess.Popen[str]]) -> list[tuple[int, str, str, float]]:
    """Wait for every process; (exit code, stdout, stderr, when it ended) for each."""
    ended: dict[int, float] = {}
    deadline = time.monotonic() + 180
    while len(ended) < len(procs) and time.monotonic() < deadline:
        for i, proc in enumerate(procs):
            if i not in ended and proc.poll() is not None:
                ended[i] = time.monotonic()
        time.sleep(0.01)
    results = []
    for i, proc in enumerate(procs):
        out, err = proc.communicate(timeout=60)
        results.append((proc.returncode, out, err, ended[i]))
    return results


def owners(db: Path) -> list[str]:
    return [s["name"] for s in json.loads(run_refpath(db, "sources", "--json").stdout)]


@pytest.mark.slow
def test_a_second_add_waits_for_the_first_and_both_land(tmp_path, synth_team):
    team = synth_team(3, 20_000, seed=11)
    db = new_store(tmp_path / "s.db", SMALL)
    stats_before = run_refpath(db, "stats", "--json").stdout

    first = start(db, "add", team)
    probe = sqlite3.connect(db, timeout=0, isolation_level=None)
    deadline = time.monotonic() + 60
    while not locked(probe) and first.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    probe.close()
    assert first.poll() is None, "the first add ended before the second started"
    second = start(db, "add", SAMPLES / "bob-okafor")
    # a reader during the write sees the store as it was, without waiting
    assert run_refpath(db, "stats", "--json").stdout == stats_before

    (code1, out1, err1, end1), (code2, out2, err2, end2) = finish([first, second])

    assert (code1, err1) == (0, "") and (code2, err2) == (0, ""), (err1, err2)
    for text in (out1, err1, out2, err2):
        assert "locked" not in text and "busy" not in text
    assert end2 > end1, "the second add should have waited for the first"
    assert "5 exports" in out2
    assert sorted(owners(db)) == sorted(
        ["Carol Mendes", "Bob Okafor", *(p.name.replace("-", " ").title() for p in team.iterdir())]
    )
    assert dump(db)["integrity"] == [("ok",)]


def test_two_first_adds_on_a_new_store_both_land(tmp_path):
    """Both processes find no store and create it at once: neither may trip on the other."""
    for attempt in range(3):
        db = tmp_path / f"new{attempt}.db"
        procs = [start(db, "add", SMALL), start(db, "add", SAMPLES / "bob-okafor")]
        results = finish(procs)
        for code, out, err, _ in results:
            assert (code, err) == (0, ""), f"attempt {attempt}: {err}"
            assert "locked" not in out
        assert sorted(owners(db)) == ["Bob Okafor", "Carol Mendes"]
        assert oct(db.stat().st_mode & 0o777) == oct(0o600)
