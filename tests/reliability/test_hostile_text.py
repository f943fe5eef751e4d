"""Hostile text in names, companies and positions.

A colleague's export can carry whatever other people typed into their
profiles: spreadsheet formulas (``=HYPERLINK(...)``, ``+1``, ``@cmd``,
``-2+3``), terminal control sequences (colours, BEL, a window-title OSC) and
rich markup. refpath keeps the values as written in the store (a person's
display name drops control characters, see ``identity.display_name``), writes
every CSV through ``refpath.outfiles`` so no cell starts a formula, and shows
everything on the terminal through ``safe()``, so no escape byte from the data
reaches it and markup is printed, not interpreted.
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import sqlite3
from pathlib import Path

import pytest

from refpath.identity import display_name
from refpath.outfiles import neutralize, write_csv

from .support import IN, cli, connections_text, one_error_line, run_refpath

FORMULAS = ['=HYPERLINK("http://x","y")', "+1", "@cmd", "-2+3", "=cmd|' /C calc'!A0"]
ESCAPES = ["Eve\x1b[31m", "Red\x1b[0m", "Bell\x07Corp", "\x1b]0;title\x07CEO", "\x9b31mC1"]
MARKUP = ["[bold red]x[/]", "[link=http://evil.example]Acme[/link]", "[red]VP[/red]"]
#: first, last, slug, email, company, position
ROWS = [
    ('=HYPERLINK("http://x","y")', "Smith", "hostile-formula", "", "+1", "@cmd"),
    ("-2+3", "Jones", "hostile-minus", "=1+1@evil.example", "=cmd|' /C calc'!A0", "-2+3"),
    ("Eve\x1b[31m", "Red\x1b[0m", "hostile-ansi", "", "Bell\x07Corp", "\x1b]0;title\x07CEO"),
    ("[bold red]x[/]", "Markup", "hostile-markup", "", MARKUP[1], "[red]VP[/red]"),
    ("@cmd", "At", "hostile-at", "at@example.invalid", "\x9b31mC1", "+1"),
    ("[bold red]x[/]", "Markup", "", "", "Other", ""),  # a namesake without URL: for doctor
]
#: the namesake is in the ordinary export only: doctor lists duplicates across exports
EVIL_ROWS = ROWS[:5]
OWNER = ('=HYPERLINK("http://x","Eve")', "\x1b[31mOwner\x07")
HEADLINE = "\x1b]0;pwned\x07Head of [bold]Data[/bold]"
#: a terminal would act on any of these; only \n may appear in refpath's plain output
CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f]")


def _row(first, last, slug, email, company, position, day=1):
    return [first, last, IN + slug if slug else "", email, company, position, f"0{day} Feb 2026"]


@pytest.fixture(scope="module")
def team(tmp_path_factory) -> Path:
    """Two colleagues: one whose Profile.csv is hostile too, and one ordinary."""
    root = tmp_path_factory.mktemp("hostile")
    evil = root / "team" / "evil"
    evil.mkdir(parents=True)
    (evil / "Connections.csv").write_text(
        connections_text([_row(*r, day=i + 1) for i, r in enumerate(EVIL_ROWS)]),
        encoding="utf-8",
    )
    profile = io.StringIO()
    csv.writer(profile, lineterminator="\n").writerows(
        [["First Name", "Last Name", "Headline"], [*OWNER, HEADLINE]]
    )
    (evil / "Profile.csv").write_text(profile.getvalue(), encoding="utf-8")
    (root / "team" / "nia-normal.csv").write_text(
        connections_text(
            [_row(*r) for r in ROWS[:3] + ROWS[4:]]
            + [_row("Ola", "Plain", "ola", "", "Acme", "CTO")]
        ),
        encoding="utf-8",
    )
    return root / "team"


@pytest.fixture(scope="module")
def added(team, tmp_path_factory) -> tuple[Path, str]:
    """The store with the hostile team added, and what ``add`` printed."""
    db = tmp_path_factory.mktemp("hostile-store") / "s.db"
    result = cli(db, "add", team)
    assert result.exit_code == 0, result.output
    return db, result.stdout + result.stderr


def assert_inert(text: str) -> None:
    """No control character (ESC, BEL, CSI, ...) from the data: only line breaks."""
    found = CONTROL.findall(text)
    assert not found, f"raw control characters reached the terminal: {found!r}"


# ------------------------------------------------------------------ the store


def test_values_are_stored_as_written(added):
    db, _ = added
    conn = sqlite3.connect(db)
    try:
        stored = set(conn.execute("SELECT company, position, email FROM connections"))
        names = {r[0] for r in conn.execute("SELECT name FROM people")}
        owner = conn.execute("SELECT name, headline FROM owners WHERE name LIKE '=%'").fetchone()
    finally:
        conn.close()
    for first, last, _slug, email, company, position in ROWS:
        assert (company, position, email) in stored
        assert display_name(first, last) in names
    # names without control characters are exactly as written
    assert {'=HYPERLINK("http://x","y") Smith', "-2+3 Jones", "[bold red]x[/] Markup"} <= names
    assert "@cmd At" in names
    assert owner == (" ".join(OWNER), HEADLINE)


# ------------------------------------------------------------------ CSV files


def _assert_no_formula_cells(path: Path) -> list[str]:
    """Every cell of a CSV refpath wrote: none may start a formula. Returns the cells."""
    with open(path, newline="", encoding="utf-8") as f:
        cells = [cell for row in csv.reader(f) for cell in row]
    for cell in cells:
        if cell[:1] in ("=", "+", "-", "@", "\t", "\r"):
            float(cell)  # only numbers refpath computed itself may start with '-'
    return cells


def test_safecsv_neutralises_every_formula_and_keeps_the_rest(tmp_path):
    values = [*FORMULAS, "\tTab", "\rCR", *ESCAPES, *MARKUP, "Jane", "", "'quoted"]
    path = tmp_path / "x.csv"
    assert write_csv(path, ["=header", "b"], [[v, 1.5] for v in values] + [[-2, -0.5]]) == 19
    with open(path, newline="", encoding="utf-8-sig") as f:
        rows = list(csv.reader(f))
    assert rows[0] == ["'=header", "b"]
    for value, (cell, number) in zip(values, rows[1:], strict=False):
        expected = "'" + value if value[:1] in "=+-@\t\r" and value else value
        assert cell == expected and number == "1.5"
    assert rows[-1] == ["-2", "-0.5"]  # numbers stay numbers
    assert neutralize(3) == 3 and neutralize(None) is None


@pytest.mark.parametrize("show_emails", [False, True])
def test_export_csv_has_no_formula_cells(added, tmp_path, show_emails):
    db, _ = added
    args = ["export", "-o", tmp_path / "net.csv"] + (["--show-emails"] if show_emails else [])
    result = cli(db, *args)
    assert result.exit_code == 0, result.output
    assert_inert(result.output)
    cells = _assert_no_formula_cells(tmp_path / "net_nodes.csv")
    cells += _assert_no_formula_cells(tmp_path / "net_edges.csv")
    for value in ['=HYPERLINK("http://x","y") Smith', "+1", "@cmd", "-2+3"]:
        assert "'" + value in cells  # exported, and neutralised
    assert ("'=1+1@evil.example" in cells) is show_emails


@pytest.mark.parametrize("suffix", [".gexf", ".graphml"])
def test_graph_exports_with_escapes_in_names_are_well_formed_xml(added, tmp_path, suffix):
    import networkx as nx

    db, _ = added
    path = tmp_path / f"net{suffix}"
    assert cli(db, "export", "-o", path).exit_code == 0
    read = nx.read_gexf if suffix == ".gexf" else nx.read_graphml
    assert read(path).number_of_nodes() == 9


def test_plan_csv_has_no_formula_cells(added, tmp_path):
    """``plan -o`` writes hostile names, and a lead list's own hostile columns, inertly."""
    from refpath.cli import app

    if "plan" not in {c.name or c.callback.__name__ for c in app.registered_commands}:
        pytest.skip("no 'plan' command yet")
    db, _ = added
    leads = tmp_path / "leads.csv"
    rows = [[IN + r[2], '=HYPERLINK("http://evil.example","x")', "+1", "@cmd"] for r in ROWS[:5]]
    leads.write_text(_csv_of(["URL", "Notes", "Owner", "Stage"], rows), encoding="utf-8")
    result = cli(db, "plan", leads, "-o", tmp_path / "plan.csv")
    assert result.exit_code == 0, result.output
    assert_inert(result.stdout)
    assert_inert(result.stderr)
    cells = _assert_no_formula_cells(tmp_path / "plan.csv")
    assert '\'=HYPERLINK("http://evil.example","x")' in cells  # a passed-through column
    assert '\'=HYPERLINK("http://x","Eve") Owner' in cells  # a hostile introducer
    assert "'=cmd|' /C calc'!A0" in cells and "'+1" in cells  # hostile companies


def _csv_of(header: list[str], rows: list[list[str]]) -> str:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows([header, *rows])
    return buf.getvalue()


# ---------------------------------------------------------------- the terminal


def test_add_prints_nothing_raw(added):
    _, output = added
    assert_inert(output)
    assert '=HYPERLINK("http://x","Eve") Owner: added' in output


COMMANDS = [
    ["sources"],
    ["sources", "--json"],
    ["doctor"],
    ["doctor", "--json"],
    ["stats"],
    ["at", "Bell"],
    ["at", "Acme", "--json"],
    ["clusters"],
    *[["to", IN + r[2]] for r in ROWS if r[2]],
    *[["to", IN + r[2], "--json", "--show-emails"] for r in ROWS if r[2]],
    ["to", "[bold red]x[/] Markup"],  # two namesakes: the ambiguity list
    ["to", "\x1b]0;pwned\x07Nobody \x1b[31mHere"],  # unknown, echoed back
    ["remove", "\x1b[31mNobody\x07"],  # unknown owner: lists the owners
    ["same", IN + "hostile-ansi", "Nobody \x1b[2J"],
    ["draft", IN + "hostile-ansi", "--reason", "\x1b[2Jmaintenance windows"],
    ["draft", IN + "hostile-markup", "--reason", "x", "--note"],
]


@pytest.mark.parametrize(
    "args", COMMANDS, ids=lambda a: " ".join(a).encode("unicode_escape").decode()
)
def test_commands_print_nothing_raw(added, args):
    db, _ = added
    result = cli(db, *args)
    assert result.exit_code in (0, 1), result.output
    assert_inert(result.stdout)
    assert_inert(result.stderr)
    if "--json" in args:
        json.loads(result.stdout)


def test_the_outreach_log_prints_nothing_raw(added, tmp_path):
    from refpath.cli import app

    if "log" not in {g.name for g in app.registered_groups}:
        pytest.skip("no 'log' command yet")
    db = tmp_path / "s.db"
    shutil.copy(added[0], db)  # this test writes to its store
    logged = cli(db, "log", "add", IN + "hostile-ansi", "--via", " ".join(OWNER), "--note",
                 "\x1b]0;pwned\x07asked at the fair")  # fmt: skip
    assert logged.exit_code == 0, logged.output
    for result in (logged, cli(db, "log"), cli(db, "log", "--json"), cli(db, "log", "due")):
        assert result.exit_code in (0, 1), result.output
        assert_inert(result.stdout)
        assert_inert(result.stderr)


def test_markup_in_names_is_printed_not_interpreted(added):
    db, _ = added
    result = cli(db, "to", IN + "hostile-markup")
    assert result.exit_code == 0, result.output
    assert "[bold red]x[/] Markup" in result.stdout
    assert "[red]VP[/red], [link=http://evil.example]Acme[/link]" in result.stdout


@pytest.mark.parametrize("args", [["sources"], ["doctor"], ["to", IN + "hostile-ansi"]])
def test_with_colours_on_only_refpaths_own_styles_reach_the_terminal(added, args):
    """In a real process with colours forced, rich styles its own text, and nothing else."""
    db, _ = added
    result = run_refpath(db, *args, FORCE_COLOR="1")
    assert result.returncode == 0, result.stderr
    text = result.stdout + result.stderr
    assert "\x1b[" in text  # colours really are on
    assert "\x07" not in text and "\x1b]" not in text and "\x9b" not in text
    assert "Eve\x1b" not in text and "Red\x1b[0m" not in text and "\x1b[31mOwner" not in text
    assert not re.findall(r"\x1b(?!\[[0-9;]*m)", text), "an escape that is not a colour"


def test_a_bad_file_with_escapes_in_its_name_is_reported_inertly(tmp_path):
    path = tmp_path / "evil\x1b]0;pwned\x07.csv"
    path.write_text("")
    result = cli(tmp_path / "s.db", "add", path)
    assert result.exit_code == 2
    line = one_error_line(result.stderr)
    assert_inert(line)
    assert "the file is empty" in line and "0;pwned" in line
