"""``refpath plan`` and ``refpath log`` through CliRunner: exact text, files, JSON, exit codes."""

from __future__ import annotations

import csv
import io
import json
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from builders import ASSETS, TODAY, assert_same_routes, build_team, li, lines
from typer.testing import CliRunner

from refpath.cli import app

runner = CliRunner()
EXAMPLES = Path(__file__).resolve().parents[2] / "docs" / "examples" / "prospects.csv"
HEADER = [
    "prospect",
    "company",
    "introducer",
    "score",
    "hops",
    "inferred",
    "reasons",
    "status",
    "prospect_url",
    "introducer_url",
]


@pytest.fixture(autouse=True)
def fixed_today(freeze_today):
    freeze_today(
        "refpath.routes.introducers",
        "refpath.outreach.log",
        "refpath.outreach.plan",
        "refpath.cli.log_cmds",
    )


@pytest.fixture
def db(tmp_path):
    return build_team(tmp_path / "s.db")


BAD = sorted((ASSETS / "prospects" / "bad").iterdir())


def run(db, *args):
    return runner.invoke(app, ["--db", str(db), *map(str, args)])


def lead_list(tmp_path, rows, header=("Name", "Company")) -> Path:
    path = tmp_path / "leads.csv"
    with open(path, "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def read_csv(path: Path) -> list[list[str]]:
    with open(path, newline="", encoding="utf-8-sig") as f:
        return list(csv.reader(f))


TEAM = [
    ("Jane Doe", "Acme Robotics"),
    ("Sam Lee", "Globex"),
    ("Tom Baker", ""),
    ("Nobody Here", ""),
    ("Priya Raman", ""),
]


def test_plan_writes_the_csv_and_prints_the_summary(db, tmp_path):
    leads = lead_list(tmp_path, TEAM)
    result = run(db, "plan", leads, "-n", 1, "-o", tmp_path / "plan.csv")
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    assert lines(result.stdout) == [
        "Assigned 2 of 5 prospects; 1 over capacity, 1 not found, 1 already connected.",
        "Asks per introducer (at most 1):",
        "  Bob Okafor    1",
        "  Carol Mendes  1",
        f"Wrote {tmp_path / 'plan.csv'} (5 rows).",
        'Next: ask each introducer, then log it: refpath log add "Jane Doe" --via "Bob Okafor"',
    ]
    rows = read_csv(tmp_path / "plan.csv")
    assert rows[0] == HEADER
    assert [r[:3] + r[4:6] + r[7:8] for r in rows[1:]] == [
        ["Jane Doe", "Acme Robotics", "Bob Okafor", "You → Bob Okafor → Jane Doe", "no",
         "assigned"],
        ["Sam Lee", "Globex", "", "", "", "over capacity"],
        ["Tom Baker", "Acme Robotics", "Carol Mendes", "You → Carol Mendes → Tom Baker", "no",
         "assigned"],
        ["Nobody Here", "", "", "", "", "not found"],
        ["Priya Raman", "Initech", "", "", "", "already connected"],
    ]  # fmt: skip
    assert [r[8:] for r in rows[1:]] == [  # profile URLs: the prospect's and the introducer's
        [li("jane-doe"), li("bob-okafor")],
        [li("sam-lee-globex"), ""],
        [li("tom-baker"), li("carol-mendes")],
        ["", ""],
        [li("priya-raman"), ""],
    ]
    assert 0.5 < float(rows[1][3]) < 1 and rows[2][3] == ""
    assert rows[1][6] == (
        "You and Bob Okafor: teammates; connected since 2021 | "
        "Bob Okafor and Jane Doe: 40 messages 2018–2024; connected since 2016"
    )
    assert rows[2][6] == "Bob Okafor (0.20) is at capacity"
    assert (
        rows[5][6]
        == "You are already connected to Priya Raman 🚀 since 1 Jan 2020: you can write directly."
    )


def test_json_gives_the_same_rows_as_the_csv(db, tmp_path):
    leads = lead_list(tmp_path, [(n, c, "hot") for n, c in TEAM], ("Name", "Company", "Status"))
    result = run(db, "plan", leads, "--json", "-o", tmp_path / "plan.csv")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    rows = read_csv(tmp_path / "plan.csv")
    assert rows[0] == [*HEADER, "Status (list)"]  # the list's own column does not clash
    as_text = [
        {k: ("" if v is None else "yes" if v is True else "no" if v is False else str(v))
         for k, v in r.items()}
        for r in data["rows"]
    ]  # fmt: skip
    assert as_text == [dict(zip(rows[0], r, strict=True)) for r in rows[1:]]
    assert data["load"] == [
        {"introducer": "Bob Okafor", "asks": 2, "recent": 0},
        {"introducer": "Carol Mendes", "asks": 1, "recent": 0},
    ]


def test_without_output_a_table_is_printed(db, tmp_path):
    result = run(db, "plan", lead_list(tmp_path, TEAM[:1]))
    assert result.exit_code == 0
    out = lines(result.stdout)
    assert out[3].split("│")[1:-1] == [
        " Jane Doe ", " Bob Okafor ", " 0.72  ", " assigned ", " You → Bob Okafor → Jane Doe ",
    ]  # fmt: skip
    assert out[5:] == [
        "Assigned 1 of 1 prospect.",
        "Asks per introducer (at most 3):",
        "  Bob Okafor  1",
        'Next: ask each introducer, then log it: refpath log add "Jane Doe" --via "Bob Okafor"',
    ]


def test_cells_that_look_like_formulas_are_neutralised(db, tmp_path):
    evil = ['=HYPERLINK("http://x","y")', "+1", "@cmd", "-2+3"]
    rows = [(name, "-Acme", f"=1+{i}") for i, name in enumerate(evil)] + [("Jane Doe", "", "@x")]
    leads = lead_list(tmp_path, rows, ("Name", "Company", "=Notes"))
    result = run(db, "plan", leads, "-o", tmp_path / "plan.csv")
    assert result.exit_code == 0, result.output
    written = read_csv(tmp_path / "plan.csv")
    assert written[0][-1] == "'=Notes"
    assert [r[0] for r in written[1:]] == [
        '\'=HYPERLINK("http://x","y")',
        "'+1",
        "'@cmd",
        "'-2+3",
        "Jane Doe",
    ]
    assert [r[1] for r in written[1:5]] == ["'-Acme"] * 4
    assert [r[-1] for r in written[1:]] == ["'=1+0", "'=1+1", "'=1+2", "'=1+3", "'@x"]
    for row in written:
        assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for cell in row)


@pytest.mark.parametrize("path", BAD, ids=[p.name for p in BAD])
def test_a_bad_prospect_file_exits_2_naming_the_file(db, path):
    result = run(db, "plan", path)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert len(lines(result.stderr)) == 1
    assert result.stderr.startswith(f"refpath: error: {path}")


def test_list_warnings_go_to_stderr(db, tmp_path):
    leads = tmp_path / "leads.csv"
    leads.write_text("Name,Company\n,Acme\nJane Doe,Acme Robotics\n")
    result = run(db, "plan", leads, "-o", tmp_path / "plan.csv")
    assert result.exit_code == 0
    assert lines(result.stderr) == [
        f"refpath: warning: {leads}: line 2: no name or profile URL; skipped"
    ]


def test_other_refusals_have_their_exit_codes(db, tmp_path):
    leads = lead_list(tmp_path, TEAM)
    missing = run(tmp_path / "none.db", "plan", leads)
    assert (missing.exit_code, missing.stdout) == (3, "")
    assert "no refpath store here yet" in missing.stderr
    same = run(db, "plan", leads, "-o", leads)
    assert same.exit_code == 2
    assert lines(same.stderr) == [
        f"refpath: error: {leads}: is the lead list itself; write the output to another file"
    ]
    nowhere = run(db, "plan", leads, "-o", tmp_path / "no" / "such" / "plan.csv")
    assert nowhere.exit_code == 2
    assert nowhere.stderr.startswith(f"refpath: error: {tmp_path / 'no' / 'such' / 'plan.csv'}")
    assert run(db, "plan", leads, "-n", -1).exit_code == 2


def test_drafts_are_written_per_assigned_prospect(db, tmp_path):
    result = run(db, "plan", lead_list(tmp_path, TEAM), "-o", tmp_path / "p.csv", "--drafts",
                 tmp_path / "drafts")  # fmt: skip
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "drafts").iterdir()) == [
        "jane-doe-via-bob-okafor.md",
        "sam-lee-via-bob-okafor.md",
        "tom-baker-via-carol-mendes.md",
    ]
    assert f"Wrote 3 drafts into {tmp_path / 'drafts'}." in lines(result.stdout)
    text = (tmp_path / "drafts" / "jane-doe-via-bob-okafor.md").read_text()
    assert text.startswith("# Warm introduction to Jane Doe via Bob Okafor")


def test_a_long_list_shows_a_progress_bar_on_a_terminal(db, tmp_path, monkeypatch):
    from rich.console import Console

    screen = io.StringIO()
    app_module = sys.modules["refpath.cli.app"]  # refpath.cli.app is also the Typer app
    monkeypatch.setattr(app_module, "err", Console(file=screen, force_terminal=True, width=100))
    leads = lead_list(tmp_path, [(f"Person {i}", "") for i in range(120)])
    result = run(db, "plan", leads, "-o", tmp_path / "p.csv")
    assert result.exit_code == 0
    assert "Finding routes" in screen.getvalue() and "120/120" in screen.getvalue()
    assert result.stderr == ""  # not a terminal: no bar


# -- the outreach log ---------------------------------------------------------------


def test_log_add_list_and_due(db):
    empty = run(db, "log")
    assert lines(empty.stdout) == [
        "The outreach log is empty.",
        'Next: after you ask someone, refpath log add "PROSPECT" --via "INTRODUCER"',
    ]
    ten_days = (TODAY - timedelta(days=10)).isoformat()
    added = run(db, "log", "add", "Jane Doe", "--via", "Bob Okafor", "--date", ten_days)
    assert added.exit_code == 0, added.output
    assert lines(added.stdout) == [
        f"Logged: asked Bob Okafor about Jane Doe on {ten_days}.",
        "Next: refpath log due lists asks waiting a week or more; log the answer with refpath "
        'log add "Jane Doe" --via "Bob Okafor" --status introduced',
    ]
    run(db, "log", "add", "Tom Baker", "--via", "Carol Mendes", "--note", "expo follow-up")
    data = json.loads(run(db, "log", "--json").stdout)
    assert [(e["prospect"], e["introducer"], e["status"], e["date"], e["note"]) for e in data] == [
        ("Jane Doe", "Bob Okafor", "asked", ten_days, ""),
        ("Tom Baker", "Carol Mendes", "asked", TODAY.isoformat(), "expo follow-up"),
    ]
    assert data[0]["prospect_key"] == "in:jane-doe"
    due = json.loads(run(db, "log", "due", "--json").stdout)
    assert [(e["prospect"], e["days"]) for e in due] == [("Jane Doe", 10)]
    text = run(db, "log", "due")
    assert lines(text.stdout)[-1] == (
        'Next: nudge the introducer, then log the answer: refpath log add "Jane Doe" '
        '--via "Bob Okafor" --status introduced'
    )
    met = run(db, "log", "add", "Jane Doe", "--via", "Bob Okafor", "--status", "met")
    assert lines(met.stdout) == [f"Logged: you met Jane Doe via Bob Okafor on {TODAY}."]
    assert [e["prospect"] for e in json.loads(run(db, "log", "due", "--json").stdout)] == []
    today = json.loads(run(db, "log", "due", "--days", "0", "--json").stdout)
    assert [(e["prospect"], e["days"]) for e in today] == [("Tom Baker", 0)]
    assert lines(run(db, "log", "due").stdout) == [
        "No follow-ups due: no ask 7 or more days old is waiting for an answer."
    ]


def test_log_add_refusals(db):
    ambiguous = run(db, "log", "add", "Sam Lee", "--via", "Bob Okafor")
    assert ambiguous.exit_code == 1
    assert lines(ambiguous.stderr)[0] == (
        "refpath: error: 2 people match 'Sam Lee'; pick one with --company or a profile URL"
    )
    assert run(db, "log", "add", "Sam Lee", "-c", "Globex", "--via", "Bob Okafor").exit_code == 0
    unknown = run(db, "log", "add", "Jane Doe", "--via", "Bobby Nobody")
    assert unknown.exit_code == 1 and "no one called 'Bobby Nobody'" in unknown.stderr
    bad_date = run(db, "log", "add", "Jane Doe", "--via", "Bob Okafor", "--date", "24/11/2026")
    assert (bad_date.exit_code, lines(bad_date.stderr)) == (
        2,
        ["refpath: error: --date: '24/11/2026' is not a date like 2026-11-24"],
    )
    future = run(db, "log", "add", "Jane Doe", "--via", "Bob Okafor", "--date", "2099-01-01")
    assert future.exit_code == 2 and "is in the future" in future.stderr
    assert run(db, "log", "add", "Jane Doe", "--via", "Bob Okafor", "--status", "x").exit_code == 2
    same = run(db, "log", "add", "Jane Doe", "--via", "Jane Doe")
    assert same.exit_code == 2 and "cannot introduce you to themselves" in same.stderr


def test_the_log_changes_the_next_plan(db, tmp_path):
    leads = lead_list(tmp_path, TEAM[:2])
    run(db, "log", "add", "Jane Doe", "--via", "Bob Okafor")
    result = run(db, "plan", leads, "-n", 1, "-o", tmp_path / "plan.csv")
    assert lines(result.stdout)[:1] == [
        "Assigned 0 of 2 prospects; 1 recently asked, 1 over capacity."
    ]
    rows = read_csv(tmp_path / "plan.csv")
    assert [(r[0], r[6], r[7]) for r in rows[1:]] == [
        ("Jane Doe", f"asked Bob Okafor on {TODAY}", "recently asked"),
        ("Sam Lee", "Bob Okafor (0.20) is at capacity", "over capacity"),
    ]
    again = run(db, "plan", leads, "-n", 1, "--cooldown-days", 0, "-o", tmp_path / "plan.csv")
    assert lines(again.stdout)[0] == "Assigned 1 of 2 prospects; 1 over capacity."


# -- the sample team (sample_exports/ and docs/examples/prospects.csv) --------------------


def test_sample_lead_list_plan(sample_db, tmp_path):
    result = run(sample_db, "plan", EXAMPLES, "-o", tmp_path / "plan.csv")
    assert result.exit_code == 0, result.output
    rows = read_csv(tmp_path / "plan.csv")
    assert rows[0] == [*HEADER, "Title", "Notes"]
    status = {(r[0], r[1]): (r[7], r[2]) for r in rows[1:]}
    assert status[("Jane Doe", "Acme Robotics")] == ("assigned", "Bob Okafor")
    assert status[("Sam Lee", "")][0] == "ambiguous"
    assert status[("Quentin Oyelaran", "Harrowgate Foods")][0] == "not found"
    assert status[("Nadia Qureshi", "Ledgerwise")][0] == "already connected"
    assert len(rows) == 17 and rows[3][-1] == "RFP expected in Q1"
    loads: dict[str, int] = {}
    for r in rows[1:]:
        if r[7] == "assigned":
            loads[r[2]] = loads.get(r[2], 0) + 1
    assert max(loads.values()) <= 3


def test_sample_shared_routes_equal_introducers_for(sample_db):

    from refpath.store.db import open_store

    with open_store(sample_db, create=False) as store:
        assert_same_routes(store, TODAY, 10)
