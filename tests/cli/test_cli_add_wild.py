"""``refpath add`` on team folders as people lay them out: owners, --keep-going, re-adds.

Each exit code and message, and that a refused add leaves the store byte-identical.
"""

from __future__ import annotations

import shutil

import pytest
from builders import ASSETS, lines
from typer.testing import CliRunner

from refpath.cli import app

runner = CliRunner()
NAMES = ASSETS / "names"
ARCHIVE = ASSETS / "exports" / "archive"


def run(db, *args):
    return runner.invoke(app, ["--db", str(db), *map(str, args)])


@pytest.fixture
def db(tmp_path):
    """A store holding one colleague already, so that a refused add has something to keep."""
    path = tmp_path / "s.db"
    assert run(path, "add", NAMES / "team" / "Ravi Menon.csv").exit_code == 0
    return path


def _bytes(db) -> bytes:
    return db.read_bytes()


@pytest.mark.parametrize("folder", ["collide", "collide_profiles"])
def test_two_exports_of_one_colleague_in_one_add_are_refused_and_change_nothing(db, folder):
    before = _bytes(db)
    result = run(db, "add", NAMES / folder)
    assert result.exit_code == 2
    (line,) = lines(result.stderr)
    first, second = (
        (NAMES / "collide" / "Jane Doe.csv", NAMES / "collide" / "jane-doe")
        if folder == "collide"
        else (NAMES / folder / "owner-1", NAMES / folder / "owner-2")
    )
    assert line.startswith(f"refpath: error: {first} and {second} are both exports of ")
    assert line.endswith(
        "so one would replace the other; nothing was added. Name each folder or file after its "
        'colleague, or add them one at a time with --owner "Full Name"'
    )
    assert _bytes(db) == before
    assert run(db, "sources", "--json").stdout.count('"name"') == 1


def test_a_folder_name_that_is_no_persons_name_cannot_name_an_owner(tmp_path):
    db = tmp_path / "s.db"
    result = run(db, "add", NAMES / "generic")
    assert result.exit_code == 2
    (line,) = lines(result.stderr)
    assert line.startswith(
        f"refpath: error: {NAMES / 'generic' / 'owner-1'}: can't tell whose export this is — "
        'pass --owner "Full Name"'
    )
    assert "'owner-1' is not a person's name" in line
    assert "--keep-going" in line
    assert not db.exists() or "Per Ahl" not in run(db, "sources").stdout


def test_one_at_a_time_with_owner_is_the_way_out(tmp_path):
    db = tmp_path / "s.db"
    for n, name in (("1", "Jane Doe"), ("2", "Jon Roe")):
        path = NAMES / "generic" / f"owner-{n}"
        assert run(db, "add", path, "--owner", name).exit_code == 0
    assert "2 exports (none marked as yours)" in run(db, "stats").stdout


def test_without_keep_going_one_bad_file_refuses_the_whole_add_and_says_so(db):
    before = _bytes(db)
    result = run(db, "add", NAMES / "keep_going")
    assert result.exit_code == 2
    (line,) = lines(result.stderr)
    bad = NAMES / "keep_going" / "bo-lind.csv"
    assert line == (
        f"refpath: error: {bad}: no name column (First Name or Last Name); its columns are: "
        "Company, Position, Connected On — nothing was added; to add the other exports "
        "anyway, use --keep-going"
    )
    assert _bytes(db) == before


def test_keep_going_adds_every_good_export_and_reports_each_bad_one_in_one_line(db):
    result = run(db, "add", NAMES / "keep_going", "--keep-going")
    assert result.exit_code == 0, result.output
    bad = NAMES / "keep_going" / "bo-lind.csv"
    assert lines(result.stderr) == [
        f"refpath: warning: skipped: {bad}: no name column (First Name or Last Name); its "
        "columns are: Company, Position, Connected On"
    ]
    out = result.stdout
    assert "Ana Ruiz: added" in out and "Cy Moss: added" in out
    assert "Skipped 1 export that could not be read (listed above); the others were added." in out


def test_keep_going_with_nothing_readable_is_an_error(tmp_path):
    folder = tmp_path / "team"
    folder.mkdir()
    shutil.copy(NAMES / "keep_going" / "bo-lind.csv", folder / "bo-lind.csv")
    shutil.copy(NAMES / "keep_going" / "bo-lind.csv", folder / "di-vo.csv")
    result = run(tmp_path / "s.db", "add", folder, "--keep-going")
    assert result.exit_code == 2
    assert lines(result.stderr)[-1] == (
        "refpath: error: none of the 2 exports could be read; nothing was added"
    )


def test_a_bare_connections_csv_over_a_full_archive_keeps_the_archives_evidence(tmp_path):
    db = tmp_path / "s.db"
    assert run(db, "add", ARCHIVE).exit_code == 0
    before = run(db, "to", "Teo Lind", "--json").stdout
    assert "endorse" in before
    bare = tmp_path / "Connections.csv"
    bare.write_bytes((ARCHIVE / "Connections.csv").read_bytes() + b"\n")
    result = run(db, "add", bare, "--owner", "Mara Quill")
    assert result.exit_code == 0, result.output
    assert "Mara Quill: replaced earlier export" in result.stdout
    assert (
        "kept the earlier export's evidence (messages, invitations, endorsements, "
        "recommendations) for " in result.stdout
    )
    assert "this export brings none of its own" in result.stdout
    assert run(db, "to", "Teo Lind", "--json").stdout == before


def test_re_adding_a_newer_export_in_a_later_add_still_replaces(tmp_path):
    db = tmp_path / "s.db"
    assert run(db, "add", NAMES / "collide" / "jane-doe").exit_code == 0
    result = run(db, "add", NAMES / "collide" / "Jane Doe.csv")
    assert result.exit_code == 0, result.output
    assert "Jane Doe: replaced earlier export" in result.stdout
    assert "kept the earlier" not in result.stdout


def test_a_cut_down_file_is_added_with_a_warning_and_a_file_without_names_is_refused(tmp_path):
    db = tmp_path / "s.db"
    good = ASSETS / "exports" / "good" / "cut_down_columns.csv"
    result = run(db, "add", good, "--owner", "Nia Holt")
    assert result.exit_code == 0, result.output
    assert lines(result.stderr) == [
        f"refpath: warning: {good}: read without the columns 'Last Name', 'Email Address' "
        "(the file has 'First Name', 'Company', 'Position', 'Connected On')"
    ]
    bad = ASSETS / "exports" / "bad" / "no_name_column.csv"
    result = run(db, "add", bad, "--owner", "Nia Holt")
    assert result.exit_code == 2
    assert lines(result.stderr) == [
        f"refpath: error: {bad}: no name column (First Name or Last Name); its columns are: "
        "Company, Position, Connected On"
    ]


def test_re_adding_exports_into_a_store_keyed_by_older_rules_re_keys_them(tmp_path):
    import sqlite3

    from refpath.identity import _fold

    db = tmp_path / "s.db"
    assert run(db, "add", NAMES / "team").exit_code == 0
    people = run(db, "stats", "--json").stdout
    conn = sqlite3.connect(db)  # what an older refpath wrote: decorations in the keys
    with conn:
        for pid, name in conn.execute("SELECT id, name FROM people").fetchall():
            conn.execute("UPDATE people SET name_key = ? WHERE id = ?", (_fold(name), pid))
        conn.execute("UPDATE owners SET fingerprint = 'older rules'")
    conn.close()
    assert run(db, "to", "Chidi Okoro").exit_code == 1
    result = run(db, "add", NAMES / "team")
    assert result.exit_code == 0, result.output
    assert "unchanged" not in result.stdout
    assert run(db, "to", "Chidi Okoro", "--json").exit_code == 0
    assert run(db, "stats", "--json").stdout == people  # re-keyed, nobody added twice
