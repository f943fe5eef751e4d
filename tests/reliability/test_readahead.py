"""Reading a large team folder in a second process (``refpath.store.readahead``).

A large ``refpath add`` reads and keys the exports in a reader process while
the main one writes the store. It must decide exactly what one process
decides, fail at the same export with the same line, and never leave the
reader behind.
"""

from __future__ import annotations

import dataclasses
import io
import shutil
import sqlite3
import subprocess
from pathlib import Path

import pytest

from refpath.errors import ExportError
from refpath.exports import locate as sources
from refpath.store import readahead
from refpath.store.resolve import Keyed

from .support import BAD, SAMPLES, cli, dump, one_error_line


@pytest.fixture
def reader_runs(monkeypatch):
    """Force the reader process on (``True``) or off (``False``); returns the readers started."""
    started: list[subprocess.Popen] = []

    class Spy(subprocess.Popen):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            started.append(self)

    monkeypatch.setattr(readahead.subprocess, "Popen", Spy)

    def choose(on: bool) -> list[subprocess.Popen]:
        monkeypatch.setattr(readahead, "READAHEAD_BYTES", 0 if on else 1 << 60)
        return started

    return choose


def all_ended(readers: list[subprocess.Popen]) -> bool:
    return all(reader.poll() is not None for reader in readers)


def store_without_clock(db: Path) -> dict[str, object]:
    """Every table of the store, with the one value that differs between runs (added_at) blanked."""
    conn = sqlite3.connect(db)
    with conn:
        conn.execute("UPDATE owners SET added_at = ''")
    conn.close()
    return dump(db)


@pytest.mark.parametrize("team", ["sample", "synthetic"])
def test_the_reader_process_gives_exactly_the_store_one_process_gives(
    tmp_path, reader_runs, synth_team, team
):
    folder = SAMPLES if team == "sample" else synth_team(6, 3_000, seed=11)
    outputs, stores = [], []
    for on in (False, True):
        started = reader_runs(on)
        db = tmp_path / f"reader-{on}.db"
        result = cli(db, "add", folder)
        assert result.exit_code == 0, result.stderr
        assert len(started) == (1 if on else 0)
        outputs.append(result.stdout.replace(str(db), "STORE"))
        stores.append(store_without_clock(db))
    assert stores[0] == stores[1]
    assert outputs[0] == outputs[1]
    people = len(stores[1]["people"])  # type: ignore[arg-type]
    assert people > (400 if team == "sample" else 10_000)
    assert all_ended(started)


def test_a_small_add_stays_in_one_process(tmp_path, reader_runs, monkeypatch):
    started = reader_runs(True)
    monkeypatch.setattr(readahead, "READAHEAD_BYTES", 4 << 20)  # the default
    assert readahead._csv_bytes(sources.locate([SAMPLES])) < 4 << 20
    assert cli(tmp_path / "s.db", "add", SAMPLES).exit_code == 0
    assert started == []


def test_a_bad_export_half_way_fails_as_in_one_process_and_changes_nothing(tmp_path, reader_runs):
    team = tmp_path / "team"
    team.mkdir()
    shutil.copy(SAMPLES / "Carol Mendes.csv", team / "a-carol-mendes.csv")
    shutil.copy(BAD / "header_only.csv", team / "b-dana-ruiz.csv")
    shutil.copytree(SAMPLES / "bob-okafor", team / "c-bob-okafor")
    lines = []
    for on in (False, True):
        started = reader_runs(on)
        db = tmp_path / f"s-{on}.db"
        assert cli(db, "add", SAMPLES / "sam-weber").exit_code == 0
        before = dump(db)
        result = cli(db, "add", team)
        assert result.exit_code == 2
        lines.append(one_error_line(result.stderr, team / "b-dana-ruiz.csv"))
        assert dump(db) == before
        assert len(started) == (1 if on else 0)
        assert all_ended(started)
    assert lines[0] == lines[1]


def test_keep_going_skips_the_bad_export_alike_in_both_processes(tmp_path, reader_runs):
    team = tmp_path / "team"
    team.mkdir()
    shutil.copy(SAMPLES / "Carol Mendes.csv", team / "a-carol-mendes.csv")
    shutil.copy(BAD / "header_only.csv", team / "b-dana-ruiz.csv")
    shutil.copytree(SAMPLES / "bob-okafor", team / "c-bob-okafor")
    outputs = []
    for on in (False, True):
        started = reader_runs(on)
        db = tmp_path / f"s-{on}.db"
        result = cli(db, "add", team, "--keep-going")
        assert result.exit_code == 0, result.output
        assert len(started) == (1 if on else 0)
        assert all_ended(started)
        said = result.stdout.replace(db.name, "s.db")
        outputs.append((said, result.stderr, store_without_clock(db)))
    assert outputs[0] == outputs[1]
    assert str(team / "b-dana-ruiz.csv") in outputs[0][1]
    assert "Skipped 1 export" in outputs[0][0]


def test_the_reader_stops_when_the_writer_stops_early(tmp_path, reader_runs):
    started = reader_runs(True)
    result = cli(tmp_path / "s.db", "add", SAMPLES, "--me")
    assert result.exit_code == 2
    one_error_line(result.stderr, "--me marks one export as yours")
    assert started and all_ended(started)  # the reader was running, and is gone


def test_a_reader_that_dies_fails_the_add_with_one_line_and_changes_nothing(
    tmp_path, reader_runs, monkeypatch
):
    started = reader_runs(True)
    monkeypatch.setattr(readahead, "_BOOT", "import sys; sys.exit('out of memory')")
    db = tmp_path / "s.db"
    assert cli(db, "add", SAMPLES / "sam-weber").exit_code == 0
    before = dump(db)
    result = cli(db, "add", SAMPLES)
    assert result.exit_code == 1
    line = one_error_line(result.stderr)
    assert line == (
        "refpath: error: the process reading the exports stopped unexpectedly (exit code 1: "
        "out of memory); nothing was added. Try again, or add the team folder in parts"
    )
    assert dump(db) == before and all_ended(started)


def read_in_this_process(monkeypatch, located, load) -> list[tuple[bytes, bytes]]:
    """The frames the reader sends for ``located`` when ``locate.load`` is ``load``."""
    monkeypatch.setattr(readahead.locate, "load", load)
    out = io.BytesIO()
    job = ([dataclasses.astuple(found) for found in located], None, False)
    readahead._serve(job, out)
    out.seek(0)
    frames = []
    while (frame := readahead._receive(out)) is not None:
        frames.append(frame)
    return frames


def test_an_export_error_in_the_reader_is_raised_in_the_writer_as_itself(monkeypatch):
    found = sources.locate([SAMPLES / "Carol Mendes.csv"])

    def load(found, owner):
        raise ExportError(f"{found.path}: holds only a header row")

    frames = read_in_this_process(monkeypatch, found + found, load)
    assert len(frames) == 1  # it stops at the first error
    with pytest.raises(ExportError, match="Carol Mendes.csv: holds only a header row$"):
        readahead._decode(*frames[0])


def test_a_bug_in_the_reader_reaches_the_writer_with_its_traceback(monkeypatch):
    found = sources.locate([SAMPLES / "Carol Mendes.csv"])

    def load(found, owner):
        raise ZeroDivisionError("a bug")

    frames = read_in_this_process(monkeypatch, found + found, load)
    assert len(frames) == 1
    with pytest.raises(RuntimeError, match="reader process failed") as raised:
        readahead._decode(*frames[0])
    assert "ZeroDivisionError: a bug" in str(raised.value)
    assert "def load" not in str(raised.value) and "in load" in str(raised.value)


def test_a_keyed_export_crosses_the_pipe_whole(monkeypatch):
    found = sources.locate([SAMPLES / "Carol Mendes.csv"])
    here = readahead.key_export(sources.load(found[0], None))
    frames = read_in_this_process(monkeypatch, found + found, sources.load)
    assert len(frames) == 2
    there = readahead._decode(*frames[1])
    assert isinstance(there, Keyed)
    assert there.read == here.read == len(here.rows) > 20
    assert there.warnings == here.warnings
    fields = ("key", "first", "last", "name", "company", "ck", "position", "url", "email", "on")
    for a, b in zip(here.rows, there.rows, strict=True):
        assert [getattr(a, f) for f in fields] == [getattr(b, f) for f in fields]
        assert a.nk == b.nk and b.pid is None
    assert there.export.connections.contacts == ()  # only the rows travel
    assert there.export.owner_name == here.export.owner_name == "Carol Mendes"


def test_an_export_without_rows_keeps_every_column():
    export = sources.load(sources.locate([SAMPLES / "Carol Mendes.csv"])[0], None)
    empty = dataclasses.replace(
        export, connections=dataclasses.replace(export.connections, contacts=())
    )
    keyed = readahead.key_export(empty)
    assert keyed.columns == [[] for _ in range(11)] and keyed.rows == [] and keyed.read == 0
    there = Keyed.unpack(keyed.pack())
    assert there.columns == keyed.columns and there.rows == []
    full = readahead.key_export(export)
    assert [len(column) for column in full.columns] == [len(full.rows)] * 11
