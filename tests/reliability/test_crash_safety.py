"""Crash safety: SIGKILL a real ``refpath add`` in the middle, then look at the store.

One ``add`` is one SQLite transaction in WAL mode, so a process killed at any
moment before its commit leaves the store exactly as it was: every table row
for row, the schema and the pragmas, and ``stats`` says the same. The add is
then simply run again.

The kill is timed from the outside: a probe connection tries ``BEGIN
IMMEDIATE`` without waiting; while that fails the writer is inside its
transaction. The first test kills early in the transaction (the dirty pages
are still in the writer's memory). The second uses a team big enough for
SQLite to spill pages to the WAL before the commit and kills as soon as the
WAL grows, so that recovery must ignore frames that were written but never
committed.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import time
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

import pytest

from .support import SAMPLES, SMALL, child_env, dump, new_store, refpath_cmd, run_refpath
from .support import write_lock_held as locked


class Killed(NamedTuple):
    wal: int  #: bytes in the WAL when the signal was sent
    code: int  #: the add's exit code
    err: str  #: what it wrote to stderr
    readers: list[str]  #: command lines of its reader processes at that moment


def kill_mid_add(
    db: Path,
    team: Path,
    ready: Callable[[float, int], bool],
    how: signal.Signals = signal.SIGKILL,
    *,
    group: bool = False,
) -> Killed:
    """Start ``refpath add TEAM``; send it ``how`` once ``ready(seconds locked, wal bytes)``.

    The add runs in a process group of its own. The signal goes to the writer
    only, or with ``group`` to the whole group, as a terminal's Ctrl-C does
    (the reader process that reads a large team folder ahead gets it too).
    Either way, afterwards no process of the group may be left running.
    """
    wal = Path(f"{db}-wal")
    proc = subprocess.Popen(
        refpath_cmd(db, "add", team),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env=child_env(),
        start_new_session=True,
    )
    probe = sqlite3.connect(db, timeout=0, isolation_level=None)
    try:
        deadline = time.monotonic() + 120
        since = None
        while proc.poll() is None and time.monotonic() < deadline:
            if since is None and locked(probe):
                since = time.monotonic()
            size = wal.stat().st_size if wal.exists() else 0
            if since is not None and ready(time.monotonic() - since, size):
                break
            time.sleep(0.02)
    finally:
        probe.close()  # first: closing the last connection would clean the WAL up
    try:
        if proc.poll() is not None:
            out = proc.communicate()[1]
            raise AssertionError(f"the add ended ({proc.returncode}) before the signal: {out}")
        readers = [cmd for cmd in alive_in_group(proc.pid) if "refpath.store.readahead" in cmd]
        if group:
            os.killpg(proc.pid, how)
        else:
            proc.send_signal(how)
        _, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    if how == signal.SIGKILL:
        assert proc.returncode == -signal.SIGKILL
    assert wait_until_group_ends(proc.pid) == []
    return Killed(size, proc.returncode, err, readers)


def alive_in_group(pgid: int) -> list[str]:
    """Command lines of process group ``pgid``'s running processes (zombies not counted).

    Read from /proc; where there is none, this finds nothing.
    """
    alive = []
    for proc in Path("/proc").glob("[0-9]*"):
        try:
            fields = (proc / "stat").read_text().rsplit(")", 1)[1].split()
            cmdline = (proc / "cmdline").read_bytes().replace(b"\0", b" ").decode()
        except OSError:  # it ended while we looked
            continue
        if int(fields[2]) == pgid and fields[0] != "Z":
            alive.append(cmdline)
    return alive


def wait_until_group_ends(pgid: int, seconds: float = 15) -> list[str]:
    deadline = time.monotonic() + seconds
    while (alive := alive_in_group(pgid)) and time.monotonic() < deadline:
        time.sleep(0.05)
    return alive


needs_proc = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc")


@pytest.mark.slow
def test_sigkill_mid_add_leaves_the_store_as_it_was_and_the_add_runs_again(tmp_path, synth_team):
    team = synth_team(4, 20_000)
    db = new_store(tmp_path / "s.db", SMALL)
    before, stats_before = dump(db), run_refpath(db, "stats", "--json").stdout

    kill_mid_add(db, team, lambda seconds, wal: seconds > 0.5)

    assert run_refpath(db, "stats", "--json").stdout == stats_before  # refpath recovers it
    assert dump(db) == before
    again = run_refpath(db, "add", team)
    assert again.returncode == 0, again.stderr
    assert "5 exports" in again.stdout
    assert dump(db)["integrity"] == [("ok",)]


@pytest.mark.slow
def test_sigkill_while_the_wal_holds_uncommitted_pages(tmp_path, synth_team):
    team = synth_team(13, 20_000)
    db = new_store(tmp_path / "s.db", SMALL)
    before = dump(db)

    wal = kill_mid_add(db, team, lambda seconds, wal: wal > 0 or seconds > 60).wal

    assert wal > 0, "the writer never spilled to the WAL before its commit: use a bigger team"
    assert Path(f"{db}-wal").stat().st_size >= wal  # the uncommitted frames are still there
    stats = run_refpath(db, "stats", "--json")  # refpath's own open recovers the store
    assert stats.returncode == 0 and '"owners": 1' in stats.stdout, stats
    assert dump(db) == before
    # the recovered store takes new writes
    result = run_refpath(db, "add", SAMPLES / "bob-okafor")
    assert result.returncode == 0, result.stderr
    assert "2 exports" in result.stdout


@pytest.mark.slow
@pytest.mark.parametrize(
    "group", [False, pytest.param(True, marks=needs_proc)], ids=["writer", "terminal"]
)
def test_ctrl_c_mid_add_exits_130_with_one_line_and_leaves_the_store_as_it_was(
    tmp_path, synth_team, group
):
    """Ctrl-C to the writer, or from a terminal to every process of the add (the reader too)."""
    team = synth_team(4, 20_000)  # big enough to be read ahead in a second process
    db = new_store(tmp_path / "s.db", SMALL)
    before = dump(db)

    killed = kill_mid_add(
        db, team, lambda seconds, wal: seconds > 0.5, how=signal.SIGINT, group=group
    )

    assert killed.code == 130
    assert killed.err == "refpath: interrupted; the store is unchanged\n"
    assert dump(db) == before


@pytest.mark.slow
@needs_proc
def test_a_killed_add_leaves_no_reader_process_behind(tmp_path, synth_team):
    team = synth_team(4, 20_000)
    db = new_store(tmp_path / "s.db", SMALL)

    # the writer only, as an OOM killer would; kill_mid_add checks the group ends
    killed = kill_mid_add(db, team, lambda seconds, wal: seconds > 0.5)

    assert killed.readers, "no reader process: use a bigger team"
