"""Reading a large team folder in a second process (``refpath.readahead``).

A large ``refpath add`` reads and keys the exports in a reader process while
the main one writes the store. It must decide exactly what one process
decides, fail at the same export with the same line, and never leave the
reader behind.
"""

from __future__ import annotations

import multiprocessing
import shutil
import sqlite3
from pathlib import Path

import pytest

from refpath import readahead, sources
from refpath.errors import ExportError
from refpath.resolve import Keyed

from .support import BAD, SAMPLES, cli, dump, one_error_line


@pytest.fixture
def reader_runs(monkeypatch):
    """Force the reader process on (``True``) or off (``False``); counts its uses."""
    started = []
    real = readahead._from_reader

    def spy(located, owner):
        started.append(len(located))
        return real(located, owner)

    monkeypatch.setattr(readahead, "_from_reader", spy)

    def choose(on: bool) -> list[int]:
        monkeypatch.setattr(readahead, "READAHEAD_BYTES", 0 if on else 1 << 60)
        return started

    return choose


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
        assert started == ([len(sources.locate([folder]))] if on else [])
        outputs.append(result.stdout.replace(str(db), "STORE"))
        stores.append(store_without_clock(db))
    assert stores[0] == stores[1]
    assert outputs[0] == outputs[1]
    people = len(stores[1]["people"])  # type: ignore[arg-type]
    assert people > (400 if team == "sample" else 10_000)
    assert not multiprocessing.active_children()


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
        assert not multiprocessing.active_children()
    assert lines[0] == lines[1]


def test_the_reader_stops_when_the_writer_stops_early(tmp_path, reader_runs):
    started = reader_runs(True)
    result = cli(tmp_path / "s.db", "add", SAMPLES, "--me")
    assert result.exit_code == 2
    one_error_line(result.stderr, "--me marks one export as yours")
    assert started  # the reader was running, and is gone
    assert not multiprocessing.active_children()


def read_in_this_process(monkeypatch, located, load) -> bytes:
    """What the reader sends for ``located`` when ``sources.load`` is ``load``."""
    monkeypatch.setattr(readahead.signal, "signal", lambda *args: None)  # keep pytest's Ctrl-C
    monkeypatch.setattr(readahead.sources, "load", load)
    inbox, outbox = multiprocessing.Pipe(duplex=False)
    readahead._read_all(outbox, located, None)
    message = inbox.recv_bytes()
    with pytest.raises(EOFError):  # it sends nothing after an error, and closes its end
        inbox.recv_bytes()
    return message


def test_an_export_error_in_the_reader_is_raised_in_the_writer_as_itself(monkeypatch):
    found = sources.locate([SAMPLES / "Carol Mendes.csv"])

    def load(found, owner):
        raise ExportError(f"{found.path}: holds only a header row")

    message = read_in_this_process(monkeypatch, found + found, load)
    with pytest.raises(ExportError, match="Carol Mendes.csv: holds only a header row$"):
        readahead._decode(message)


def test_a_bug_in_the_reader_reaches_the_writer_with_its_traceback(monkeypatch):
    found = sources.locate([SAMPLES / "Carol Mendes.csv"])

    def load(found, owner):
        raise ZeroDivisionError("a bug")

    message = read_in_this_process(monkeypatch, found, load)
    with pytest.raises(RuntimeError, match="reader process failed") as raised:
        readahead._decode(message)
    assert "ZeroDivisionError: a bug" in str(raised.value)
    assert "def load" not in str(raised.value) and "in load" in str(raised.value)


def test_a_keyed_export_crosses_the_pipe_whole(monkeypatch):
    found = sources.locate([SAMPLES / "Carol Mendes.csv"])
    here = readahead.key_export(sources.load(found[0], None))
    message = read_in_this_process(monkeypatch, found, sources.load)
    there = readahead._decode(message)
    assert isinstance(there, Keyed)
    assert there.read == here.read == len(here.rows) > 20
    assert there.warnings == here.warnings
    fields = ("key", "first", "last", "name", "company", "ck", "position", "url", "email", "on")
    for a, b in zip(here.rows, there.rows, strict=True):
        assert [getattr(a, f) for f in fields] == [getattr(b, f) for f in fields]
        assert a.nk == b.nk and b.pid is None
    assert there.export.connections.contacts == ()  # only the rows travel
    assert there.export.owner_name == here.export.owner_name == "Carol Mendes"
