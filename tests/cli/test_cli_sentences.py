"""Every sentence refpath prints is true (issue 15), item by item through CliRunner.

A draft states only what the store shows; one answer per person across commands;
counts agree within an answer; export dates from the archive name; your export is
not a colleague's; next steps name what they need; CSVs open in Excel; usage
errors are one line; removing your own export asks first.
"""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pytest
from builders import SAMPLES, copy_store, lines
from typer.testing import CliRunner

from refpath.cli import app

runner = CliRunner()
ROOT = Path(__file__).resolve().parents[2]
MINE = SAMPLES / "Basic_LinkedInDataExport_11-20-2026.zip"


def run(db: Path, *args: object, **kw):
    return runner.invoke(app, ["--db", str(db), *map(str, args)], **kw)


@pytest.fixture
def sample(sample_db, tmp_path):
    """A copy of the sample team's store that this test may change."""
    return copy_store(sample_db, tmp_path / "s.db")


# -- a draft states only what the store shows -----------------------------------------


def test_a_draft_for_a_prospect_in_no_export_says_the_company_is_the_users_word(sample_db):
    result = run(sample_db, "draft", "Quentin Oyelaran", "--company", "Acme Robotics", "-r", "x")
    assert result.exit_code == 0, result.output
    assert "lists you both" not in result.stdout and ", like Quentin" not in result.stdout
    assert "at Acme Robotics, where I understand Quentin Oyelaran works." in result.stdout
    one_hop = run(
        sample_db, "draft", "Zoe New", "--company", "Northwind Analytics", "--via", "Bob", "-r", "x"
    )
    assert one_hop.exit_code == 0, one_hop.output
    assert (
        "Do you know Zoe New? I understand Zoe works at Northwind Analytics, where our "
        "LinkedIn data lists you." in one_hop.stdout
    )
    assert "lists you both" not in one_hop.stdout


def test_a_draft_for_someone_in_the_store_still_states_the_stores_facts(sample_db):
    result = run(sample_db, "draft", "Jane Doe", "--via", "Carol", "-r", "x")
    assert "our LinkedIn data lists Tom at Acme Robotics, like Jane Doe" in result.stdout


# -- one answer per person -------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Nadia Qureshi", "You are already connected to Nadia Qureshi since 20 Jun 2023: "
                          "you can write directly."),
        ("Bob Okafor", "Bob Okafor is a colleague: their export is in the store (see refpath "
                       "sources), so no introduction is needed."),
    ],
)  # fmt: skip
def test_draft_and_map_say_what_to_says_for_a_connection_and_a_colleague(
    sample_db, tmp_path, name, expected
):
    to = run(sample_db, "to", name)
    draft = run(sample_db, "draft", name, "-r", "x")
    drawn = run(sample_db, "map", "-o", tmp_path / "m.png", "--highlight", name)
    for result in (to, draft, drawn):
        assert result.exit_code == 0, result.output
        assert expected in lines(result.stdout)
        assert "add more exports" not in result.output
        assert "no introduction route" not in result.output
    assert lines(draft.stdout)[-1] == f"Next: write to {name} directly."
    assert lines(drawn.stdout)[-1] == "Nothing highlighted."


def test_the_user_is_you_to_every_command(sample_db, tmp_path):
    for args in (
        ("to", "Alex Rivera"),
        ("draft", "Alex Rivera"),
        ("map", "-o", tmp_path / "m.png", "--highlight", "Alex Rivera"),
        ("log", "add", "Alex Rivera", "--via", "Bob"),
    ):
        result = run(sample_db, *args)
        assert result.exit_code == 1
        assert lines(result.stderr)[0].startswith(
            "refpath: error: Alex Rivera is you: name someone else."
        )


def test_plan_gives_a_colleague_and_the_user_their_own_status(sample_db, tmp_path):
    leads = tmp_path / "leads.csv"
    leads.write_text("Name\nBob Okafor\nAlex Rivera\nNadia Qureshi\n", encoding="utf-8")
    rows = json.loads(run(sample_db, "plan", leads, "--json").stdout)["rows"]
    assert [(r["status"], r["reasons"]) for r in rows] == [
        ("colleague", "Bob Okafor is a colleague: their export is in the store (see refpath "
                      "sources), so no introduction is needed."),
        ("you", "Alex Rivera is you: name someone else."),
        ("already connected", "You are already connected to Nadia Qureshi since 20 Jun 2023: "
                              "you can write directly."),
    ]  # fmt: skip


def test_log_add_says_what_to_says(sample):
    colleague = run(sample, "log", "add", "Bob Okafor", "--via", "Riley")
    assert colleague.exit_code == 1
    assert "is a colleague" in colleague.stderr and "Nothing was logged." in colleague.stderr
    connected = run(sample, "log", "add", "Nadia Qureshi", "--via", "Greta Lindqvist")
    assert connected.exit_code == 0
    assert lines(connected.stdout)[1] == (
        "You are already connected to Nadia Qureshi since 20 Jun 2023: you can write directly."
    )


# -- counts that agree -----------------------------------------------------------------


def test_counts_of_people_at_a_company_agree_within_one_answer(sample_db):
    out = run(sample_db, "to", "Quentin Oyelaran", "--company", "Acme Robotics").stdout
    said = out.replace("\n", " ")
    assert "is in no export, but 8 people at Acme Robotics are" in said
    data = json.loads(
        run(sample_db, "to", "Quentin Oyelaran", "--company", "Acme Robotics", "--json").stdout
    )
    reasons = [r for p in data["paths"] for r in p["reasons"] if "in the data" in r]
    assert reasons and all("(8 people there in the data)" in r for r in reasons)
    jane = json.loads(run(sample_db, "to", "Jane Doe", "--json").stdout)
    inferred = [r for p in jane["paths"] for r in p["reasons"] if "in the data" in r]
    assert inferred and all("(8 people there in the data)" in r for r in inferred)


# -- sources: the export date ----------------------------------------------------------


def test_sources_dates_exports_by_archive_name_else_newest_connection(tmp_path):
    db = tmp_path / "s.db"
    carol = tmp_path / "Carol Mendes.csv"
    shutil.copy(SAMPLES / "Carol Mendes.csv", carol)  # a copy made today: its mtime is today
    assert run(db, "add", MINE, "--me").exit_code == 0
    assert run(db, "add", carol).exit_code == 0
    data = {s["name"]: s for s in json.loads(run(db, "sources", "--json").stdout)}
    alex, carol_row = data["Alex Rivera"], data["Carol Mendes"]
    assert (alex["exported_on"], alex["exported_from"]) == ("2026-11-20", "archive name")
    assert (carol_row["exported_on"], carol_row["exported_from"]) == (
        "2023-04-27",
        "newest connection",
    )
    table = run(db, "sources").stdout
    assert "(archive" in table and "(newest" in table
    assert "the date in LinkedIn's archive name, else the newest Connected On" in table


# -- your export is not a colleague's --------------------------------------------------


def test_only_your_own_export_is_not_one_colleague(tmp_path):
    db = tmp_path / "s.db"
    added = run(db, "add", MINE, "--me")
    assert "1 colleague" not in added.stdout and "your export only." in added.stdout
    assert run(db, "stats").stdout.rstrip().endswith("; your export only")
    run(db, "add", SAMPLES / "bob-okafor")
    assert run(db, "stats").stdout.rstrip().endswith("; your export and 1 colleague's")


def test_a_second_me_says_who_you_were(tmp_path):
    db = tmp_path / "s.db"
    run(db, "add", MINE, "--me")
    moved = run(db, "add", SAMPLES / "bob-okafor", "--me")
    assert moved.exit_code == 0
    assert (
        "You are now Bob Okafor: routes start from this export, no longer from Alex Rivera's "
        "(still in the store as a colleague's)." in lines(moved.stdout)
    )
    again = run(db, "add", SAMPLES / "bob-okafor", "--me")
    assert "You are now" not in again.stdout


# -- next steps that name what they need -----------------------------------------------


def test_log_add_next_step_keeps_the_company(sample):
    result = run(sample, "log", "add", "Quentin Oyelaran", "--company", "Acme Robotics",
                 "--via", "Bob")  # fmt: skip
    assert result.exit_code == 0, result.output
    assert lines(result.stdout)[-1].endswith(
        'refpath log add "Quentin Oyelaran" --company "Acme Robotics" --via "Bob" '
        "--status introduced"
    )
    without = run(sample, "log", "add", "Quentin Oyelaran", "--via", "Bob")
    assert without.exit_code == 1
    assert "give their company with --company" in without.stderr


def test_via_a_first_name_picks_the_colleague(sample):
    # Two Sam Lees are in the store; Sam Weber is the colleague.
    logged = run(sample, "log", "add", "Jane Doe", "--via", "Sam")
    assert logged.exit_code == 0, logged.output
    assert lines(logged.stdout)[0].startswith("Logged: asked Sam Weber about Jane Doe")
    drafted = run(sample, "draft", "Jane Doe", "--via", "sam", "-r", "x")
    assert lines(drafted.stdout)[0] == "# Warm introduction to Jane Doe via Sam Weber"
    unknown = run(sample, "log", "add", "Jane Doe", "--via", "Bbo Okafr")
    assert unknown.exit_code == 1
    assert "closest names: Bob Okafor" in unknown.stderr


def test_readme_and_make_demo_say_how_to_get_refpath_on_path():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    use_it = readme[readme.index("## Set up") : readme.index("```sh\nrefpath add")]
    assert "source .venv/bin/activate" in use_it and "pipx install ." in use_it
    demo = (ROOT / "Makefile").read_text(encoding="utf-8").split("\ndemo:")[1].split("\n\n")[0]
    assert "activate" in demo and "pipx install ." in demo


# -- outputs opened elsewhere ----------------------------------------------------------


def test_the_plan_csv_opens_in_excel_with_urls_and_the_lists_own_url_column(sample_db, tmp_path):
    leads = tmp_path / "leads.csv"
    leads.write_text(
        "Name,Company,LinkedIn URL,Notes\n"
        "Jane Doe,Acme Robotics,linkedin.com/in/jane-doe-8a1f42/,hot\n"
        "Ana Lúcia Ferreira,Meridale Health,,warm\n"
        "Quentin Oyelaran,Acme Robotics,https://www.linkedin.com/in/quentin-o,cold\n",
        encoding="utf-8",
    )
    result = run(sample_db, "plan", leads, "-o", tmp_path / "plan.csv")
    assert result.exit_code == 0, result.output
    data = (tmp_path / "plan.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")  # the BOM Excel needs to read UTF-8
    rows = list(csv.DictReader(data.decode("utf-8-sig").splitlines()))
    assert list(rows[0])[-4:] == ["prospect_url", "introducer_url", "LinkedIn URL", "Notes"]
    jane, ana, quentin = rows
    assert jane["prospect_url"] == "https://www.linkedin.com/in/jane-doe-8a1f42"
    assert jane["introducer_url"].startswith("https://www.linkedin.com/in/bob-okafor")
    assert jane["LinkedIn URL"] == "linkedin.com/in/jane-doe-8a1f42/"  # as the list has it
    assert " → " in jane["hops"] and ana["prospect"] == "Ana Lúcia Ferreira"
    assert ana["prospect_url"].startswith("https://www.linkedin.com/in/ana-l%C3%BAcia")
    assert quentin["prospect_url"] == "https://www.linkedin.com/in/quentin-o"


def test_export_takes_the_file_as_an_argument_and_writes_a_bom(sample_db, tmp_path):
    by_argument = run(sample_db, "export", tmp_path / "team.csv")
    assert by_argument.exit_code == 0, by_argument.output
    assert (tmp_path / "team_nodes.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    nodes = list(csv.DictReader((tmp_path / "team_nodes.csv").read_text("utf-8-sig").splitlines()))
    jane = next(n for n in nodes if n["name"] == "Jane Doe")
    assert jane["url"] == "https://www.linkedin.com/in/jane-doe-8a1f42"  # to find her again
    assert run(sample_db, "export", "-o", tmp_path / "team.gexf").exit_code == 0
    assert "https://www.linkedin.com/in/jane-doe-8a1f42" in (tmp_path / "team.gexf").read_text()
    assert (tmp_path / "team.gexf").exists()
    both = run(sample_db, "export", tmp_path / "a.gexf", "-o", tmp_path / "b.gexf")
    assert both.exit_code == 2 and "give one" in both.stderr
    none = run(sample_db, "export")
    assert none.exit_code == 2 and "refpath export FILE" in none.stderr


def test_the_blurb_uses_the_first_segment_of_a_long_headline(sample_db):
    out = run(sample_db, "draft", "Jane Doe", "-r", "x").stdout
    assert "I'm Alex Rivera (Account Executive at Northwind Analytics), and" in out
    assert "data platforms for mid-market" not in out


# -- one error style -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["to", "Jane Doe", "--bogus"], "No such option: --bogus; see refpath to --help"),
        (["to", "Jane Doe", "--top", "0"],
         "Invalid value for '--top' / '-k': 0 is not in the range x>=1; see refpath to --help"),
        ([], "Missing command; see refpath --help"),
        (["nosuch"], "No such command 'nosuch'; see refpath --help"),
        (["log", "add"], "Missing argument 'prospect'; see refpath log add --help"),
        (["log", "add", "Jane Doe", "--status", "maybe"], "see refpath log add --help"),
    ],
)  # fmt: skip
def test_usage_errors_are_one_line_exit_2(sample_db, args, message):
    result = run(sample_db, *args)
    assert result.exit_code == 2 and result.stdout == ""
    assert len(lines(result.stderr)) == 1
    assert result.stderr.startswith("refpath: error: ")
    assert message in result.stderr


def test_removing_your_own_export_asks_first_on_a_terminal(sample, monkeypatch):
    monkeypatch.setattr("refpath.cli.store_cmds._interactive", lambda: True)
    kept = run(sample, "remove", "Alex Rivera", input="n\n")
    assert kept.exit_code == 1 and "Nothing was removed." in kept.stdout
    assert "It is your own export" in kept.stdout
    assert "Alex Rivera" in run(sample, "sources").stdout
    removed = run(sample, "remove", "Alex Rivera", input="y\n")
    assert removed.exit_code == 0 and "Removed Alex Rivera's export" in removed.stdout
    assert "Next: mark your own export again with refpath add YOUR_EXPORT --me" in removed.stdout
    assert run(sample, "remove", "Bob Okafor").exit_code == 0  # a colleague: no question


def test_removing_a_big_export_asks_unless_yes_or_not_a_terminal(sample, monkeypatch):
    monkeypatch.setattr("refpath.cli.store_cmds.REMOVE_ASK_ABOVE", 100)
    monkeypatch.setattr("refpath.cli.store_cmds._interactive", lambda: True)
    asked = run(sample, "remove", "Bob Okafor", input="n\n")
    assert asked.exit_code == 1 and "It lists 142 people" in asked.stdout
    assert run(sample, "remove", "Bob Okafor", "--yes").exit_code == 0
    monkeypatch.setattr("refpath.cli.store_cmds._interactive", lambda: False)
    assert run(sample, "remove", "Riley Chen").exit_code == 0  # a script is never asked


def test_check_reads_other_encodings_and_stdin(tmp_path):
    message = "Hi Jérôme, I'd like to ask you about your line maintenance in a 15-minute call."
    cp1252 = tmp_path / "m.txt"
    cp1252.write_bytes(message.encode("cp1252"))
    from_file = runner.invoke(app, ["check", str(cp1252)])
    assert from_file.exit_code in (0, 1) and "not UTF-8" not in from_file.output
    from_stdin = runner.invoke(app, ["check", "-"], input=message.encode("cp1252"))
    assert from_stdin.exit_code in (0, 1)
    assert from_stdin.stdout.replace("<stdin>", str(cp1252)) == from_file.stdout


# -- an ambiguous name: every command says how to pick each namesake -------------------


@pytest.mark.parametrize(
    "args",
    [
        ["to", "Sam Lee"],
        ["draft", "Sam Lee", "--reason", "how you plan shifts"],
        ["log", "add", "Sam Lee", "--via", "Bob Okafor"],
        ["map", "-o", "{tmp}/m.png", "--highlight", "Sam Lee"],
    ],
    ids=["to", "draft", "log add", "map"],
)
def test_each_namesake_comes_with_a_command_that_picks_them(sample, tmp_path, args):
    import shlex

    args = [a.replace("{tmp}", str(tmp_path)) for a in args]
    result = run(sample, *args)
    assert result.exit_code == 1
    picks = [
        line.strip() for line in result.stderr.splitlines() if line.strip().startswith("refpath ")
    ]
    assert len(picks) == 2  # the sample team has two Sam Lees
    assert (
        result.stderr.splitlines()[-1] == "Next: run one of the commands above to pick that person."
    )
    for pick in picks:
        argv = shlex.split(pick)[1:]
        assert argv[: len(args[0].split())] == args[:1] and "Sam Lee" not in argv  # picks one
        done = run(sample, *argv)
        assert done.exit_code == 0, (pick, done.output)
