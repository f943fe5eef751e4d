"""The store commands through the CLI: add, stats, sources, remove, same, different, doctor."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from refpath.cli import app

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "sample_exports"
ALEX_ZIP = SAMPLE / "Basic_LinkedInDataExport_11-20-2026.zip"
GOOD = ROOT / "tests" / "assets" / "exports" / "good"

runner = CliRunner()


def cli(db: Path, *args: str, env: dict[str, str] | None = None):
    return runner.invoke(app, ["--db", str(db), *args], env=env)


@pytest.fixture
def db(tmp_path):
    return tmp_path / "store.db"


@pytest.fixture(scope="module")
def sample_db(tmp_path_factory):
    db = tmp_path_factory.mktemp("sample") / "store.db"
    assert cli(db, "add", str(ALEX_ZIP), "--me").exit_code == 0
    result = cli(db, "add", str(SAMPLE))
    assert result.exit_code == 0, result.output
    return db


def test_sample_team_merges_into_the_true_counts(sample_db):
    # sample_exports/README.md: 413 distinct people, 683 distinct connected pairs.
    stats = json.loads(cli(sample_db, "stats", "--json").stdout)
    assert stats == {"people": 413, "connections": 683, "owners": 6}


def test_sources_lists_each_colleague_with_format_and_counts(sample_db):
    rows = json.loads(cli(sample_db, "sources", "--json").stdout)
    by_name = {r["name"]: r for r in rows}
    assert set(by_name) == {
        "Alex Rivera", "Bob Okafor", "Carol Mendes", "Dev Patel", "Riley Chen", "Sam Weber",
    }  # fmt: skip
    assert by_name["Alex Rivera"]["is_me"] is True
    assert by_name["Carol Mendes"]["fmt"] == "2021"
    assert by_name["Dev Patel"]["fmt"] == "2018"
    assert by_name["Bob Okafor"]["owner_from"] == "profile"
    assert by_name["Riley Chen"]["owner_from"] == "filename"
    assert all(r["rows"] == r["people"] for r in rows)


def test_add_prints_a_summary_per_export_and_a_next_step(db):
    result = cli(db, "add", str(ALEX_ZIP), "--me")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].startswith(
        "Alex Rivera (you): added — 171 people read, 2 hidden profiles skipped; 171 new, "
        "0 already known"
    )
    assert lines[-1] == 'Next: refpath to "Prospect Name" to find who can introduce you.'


def test_adding_the_same_export_twice_changes_nothing(db):
    cli(db, "add", str(ALEX_ZIP), "--me")
    before = json.loads(cli(db, "stats", "--json").stdout)
    again = cli(db, "add", str(ALEX_ZIP))
    assert again.exit_code == 0
    assert "Alex Rivera: unchanged" in again.stdout
    assert json.loads(cli(db, "stats", "--json").stdout) == before
    assert json.loads(cli(db, "sources", "--json").stdout)[0]["is_me"] is True


def test_readding_a_newer_export_replaces_the_owners_edges(db, tmp_path):
    old = tmp_path / "Pat Quinn.csv"
    shutil.copy(GOOD / "current.csv", old)
    cli(db, "add", str(old))
    first = json.loads(cli(db, "stats", "--json").stdout)
    shutil.copy(GOOD / "2021_preamble.csv", old)
    result = cli(db, "add", str(old))
    assert result.exit_code == 0 and "replaced earlier export" in result.stdout
    sources = json.loads(cli(db, "sources", "--json").stdout)
    assert [(s["name"], s["fmt"]) for s in sources] == [("Pat Quinn", "2021")]
    assert json.loads(cli(db, "stats", "--json").stdout) == first  # 3 people replaced by 3
    doctor = cli(db, "to", "Mara Quill")
    assert doctor.exit_code == 1 and "no one called 'Mara Quill'" in doctor.stderr


@pytest.mark.parametrize("variant", sorted(p.name for p in GOOD.glob("*.csv")))
def test_every_export_variant_adds_through_the_cli(db, tmp_path, variant):
    named = tmp_path / "team" / "pat-quinn"
    named.mkdir(parents=True)
    shutil.copy(GOOD / variant, named / "Connections.csv")
    result = cli(db, "add", str(tmp_path / "team"))
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Pat Quinn: added — ")
    stats = json.loads(cli(db, "stats", "--json").stdout)
    assert stats["owners"] == 1 and stats["people"] >= 2


def test_a_csv_given_directly_needs_an_owner(db, tmp_path):
    plain = tmp_path / "Connections.csv"
    shutil.copy(GOOD / "current.csv", plain)
    result = cli(db, "add", str(plain))
    assert result.exit_code == 2
    assert result.stderr.startswith(f"refpath: error: {plain}: can't tell whose export")
    assert "--owner" in result.stderr
    assert cli(db, "add", str(plain), "--owner", "Pat Quinn").exit_code == 0


def test_bad_input_is_one_line_exit_2_and_leaves_the_store_as_it_was(db, tmp_path):
    cli(db, "add", str(ALEX_ZIP), "--me")
    before = db.read_bytes()
    missing = tmp_path / "nope.zip"
    result = cli(db, "add", str(SAMPLE), str(missing))
    assert result.exit_code == 2
    assert result.stderr.strip() == f"refpath: error: {missing}: no such file or folder"
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.output
    assert db.read_bytes() == before


def test_query_commands_on_a_missing_store_say_how_to_start(db):
    result = cli(db, "stats")
    assert result.exit_code == 3
    assert result.stderr.strip() == (
        f"refpath: error: {db}: no refpath store here yet; run 'refpath add EXPORTS' first"
    )
    assert not db.exists()


def test_the_store_can_be_named_by_environment_variable(tmp_path):
    db = tmp_path / "env.db"
    result = runner.invoke(app, ["add", str(ALEX_ZIP)], env={"REFPATH_DB": str(db)})
    assert result.exit_code == 0, result.output
    assert db.exists()


def test_remove_deletes_a_colleague_and_reports_it(sample_db, tmp_path):
    db = tmp_path / "copy.db"
    shutil.copy(sample_db, db)
    result = cli(db, "remove", "Dev Patel")
    assert result.exit_code == 0
    assert result.stdout.startswith("Removed Dev Patel's export and ")
    names = [s["name"] for s in json.loads(cli(db, "sources", "--json").stdout)]
    assert "Dev Patel" not in names
    unknown = cli(db, "remove", "Nobody")
    assert unknown.exit_code == 1
    assert "is not a colleague whose export was added" in unknown.stderr


def test_same_different_and_doctor(db, tmp_path):
    team = tmp_path / "team"
    (team / "pat-quinn").mkdir(parents=True)
    (team / "lee-ford").mkdir(parents=True)
    (team / "pat-quinn" / "Connections.csv").write_text(
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        "Robin,Hale,https://www.linkedin.com/in/robin-hale-1,,Acme,CTO,01 Feb 2024\n"
        "Robin,Hale,https://www.linkedin.com/in/robin-hale-2,,Acme,CFO,01 Feb 2024",
        encoding="utf-8",
    )
    (team / "lee-ford" / "Connections.csv").write_text(
        "First Name,Last Name,Email Address,Company,Position,Connected On\n"
        "Robin,Hale,,Acme,CTO,01 Feb 2023",
        encoding="utf-8",
    )
    assert cli(db, "add", str(team)).exit_code == 0
    doctor = cli(db, "doctor", "--json")
    groups = json.loads(doctor.stdout)
    assert [len(g) for g in groups] == [3]
    assert sorted(p["key"] for p in groups[0]) == [
        "in:robin-hale-1", "in:robin-hale-2", "nm:robin hale|acme",
    ]  # fmt: skip
    same = cli(db, "same", "https://www.linkedin.com/in/robin-hale-1", "nm:robin hale|acme")
    assert same.exit_code == 0 and same.stdout.startswith("Recorded: Robin Hale")
    assert cli(db, "stats", "--json").stdout.count('"people": 4') == 1
    diff = cli(db, "different", "in:robin-hale-1", "in:robin-hale-2")
    assert diff.exit_code == 0 and "are different people" in diff.stdout
    ambiguous = cli(db, "same", "Robin Hale", "in:robin-hale-2")
    assert ambiguous.exit_code == 1
    assert ambiguous.stderr.startswith("refpath: error: 2 people match 'Robin Hale'")
