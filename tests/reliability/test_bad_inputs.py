"""``refpath add`` on inputs it cannot use: exit 2, one line naming the file, store unchanged.

Parametrized over every file in ``tests/assets/exports/bad`` plus inputs that
only exist at run time (a missing path, a FIFO, a device). A team folder with
one bad export among good ones adds nothing at all: one ``add`` is one
transaction.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from .support import BAD, SAMPLES, SMALL, cli, digest, dump, new_store, one_error_line, run_refpath

BAD_FILES = sorted(BAD.iterdir())


@pytest.fixture
def store(tmp_path) -> Path:
    return new_store(tmp_path / "s.db", SMALL)


def _add_fails(db: Path, *paths: Path) -> str:
    before = digest(db)
    result = cli(db, "add", *paths)
    assert result.exit_code == 2, (result.stdout, result.stderr)
    assert result.stdout == ""
    assert digest(db) == before
    assert sorted(p.name for p in db.parent.iterdir() if p.name.startswith(db.name)) == [db.name]
    return result.stderr


def test_the_bad_fixture_folder_is_not_empty():
    assert len(BAD_FILES) >= 10


@pytest.mark.parametrize("path", BAD_FILES, ids=lambda p: p.name)
def test_a_bad_file_fails_in_one_line_naming_it_and_changes_nothing(store, path):
    one_error_line(_add_fails(store, path), path)


@pytest.mark.parametrize("path", BAD_FILES, ids=lambda p: p.name)
def test_a_bad_file_in_a_team_folder_rolls_the_whole_add_back(store, tmp_path, path):
    team = tmp_path / "team"
    (team / "ana-lima").mkdir(parents=True)
    shutil.copy(SAMPLES / "bob-okafor" / "Connections.csv", team / "ana-lima" / "Connections.csv")
    (team / "zed-last").mkdir()
    shutil.copy(path, team / "zed-last" / path.name)
    before = dump(store)
    one_error_line(_add_fails(store, team), team / "zed-last" / path.name)
    assert dump(store) == before  # Ana Lima, read first, was not added either


def test_a_missing_path(store, tmp_path):
    missing = tmp_path / "nope" / "Connections.csv"
    assert "no such file or folder" in one_error_line(_add_fails(store, missing), missing)


def test_a_fifo_and_a_device_are_refused_without_blocking(store, tmp_path):
    fifo = tmp_path / "Connections.csv"
    os.mkfifo(fifo)
    assert "not a file or folder" in one_error_line(_add_fails(store, fifo), fifo)
    assert "not a file or folder" in one_error_line(
        _add_fails(store, Path("/dev/zero")), "/dev/zero"
    )


def test_a_real_process_fails_the_same_way(store):
    path = BAD / "other_columns.csv"
    before = digest(store)
    result = run_refpath(store, "add", path)
    assert result.returncode == 2
    assert "no 'First Name' header found" in one_error_line(result.stderr, path)
    assert result.stdout == "" and digest(store) == before
