"""No field of the data reaches the terminal raw: every value is one inert line.

A company holding a newline and ``refpath: error: ...`` would print a forged
refpath line; bidi overrides and isolates (U+202A-U+202E, U+2066-U+2069),
U+2028/U+2029 and other format characters would reorder or break what the user
reads. Here such a value is planted in every field an export, a lead list, the
outreach log or a file name can carry (name, company, position, headline,
email, URL-less namesakes, lead-list cells, a colleague's folder name, a
message file's name), and the whole output of every command that shows data is
scanned: no control, separator or format character (bar the line breaks refpath
prints itself, and the zero-width joiners scripts need), and no line that starts
with the planted text. The store keeps every value as written.
"""

from __future__ import annotations

import csv
import io
import json
import re
import sqlite3
from pathlib import Path

import pytest

from refpath.outfiles import _UNSAFE, one_line

from .support import IN, cli, connections_text, run_refpath

FORGED = "refpath: error: forged"
#: everything a terminal or a bidi-aware reader would act on, in one value
EVIL = (
    f"\n{FORGED}\r\nline2\u2028ls\u2029ps\x85nel\u202eRLO\u202aLRE\u2066LRI\u2069"
    "PDI\u200bzw\ufeffbom\u061calm\u00adshy\x1b[31mred\x07bell\x9b1m\x0bvt\x0cff"
)
#: the values as stored: an export's line ends are read as one kind (CR, CRLF -> LF)
STORED = EVIL.replace("\r\n", "\n").replace("\r", "\n")
#: characters refpath's own output may hold: its line breaks and the joiners
ALLOWED = {"\n", "\u200c", "\u200d"}


def _row(first, last, slug, email, company, position, on="01 Feb 2026"):
    return [first, last, IN + slug if slug else "", email, company, position, on]


PEOPLE = [
    ("Tara", "Target", "tara-target", f"tara{EVIL}@x.example", f"Hostcorp{EVIL}", f"CEO{EVIL}"),
    ("Ben", "Bridge", "ben-bridge", "", f"Hostcorp{EVIL}", f"CTO{EVIL}"),
    (f"Ned{EVIL}", "Namesake", "", "", f"Other{EVIL}", ""),  # no URL: for doctor
    (f"Ned{EVIL}", "Namesake", "ned-n", "", f"Hostcorp{EVIL}", ""),
]


@pytest.fixture(scope="module")
def world(tmp_path_factory) -> dict[str, Path]:
    """A store with hostile values everywhere, a hostile lead list and a hostile file name."""
    root = tmp_path_factory.mktemp("forged")
    team = root / "team"
    evil = team / f"olga{EVIL.replace('/', '')}"
    evil.mkdir(parents=True)
    (evil / "Connections.csv").write_text(
        connections_text([_row(*p) for p in PEOPLE]), encoding="utf-8"
    )
    profile = io.StringIO()
    csv.writer(profile, lineterminator="\n").writerows(
        [["First Name", "Last Name", "Headline"], ["Olga", "Owner", f"Head{EVIL}"]]
    )
    (evil / "Profile.csv").write_text(profile.getvalue(), encoding="utf-8")
    (root / "mia-me.csv").write_text(
        connections_text([_row("Olga", "Owner", "olga-o", "", "Us", "Lead")]), encoding="utf-8"
    )
    db = root / "s.db"
    mine = cli(db, "add", root / "mia-me.csv", "--me")
    assert mine.exit_code == 0, mine.output
    leads = root / f"leads{EVIL.replace('/', '')}.csv"
    rows = [
        ["Name", "Company", "URL", "Notes"],
        ["Tara Target", f"Hostcorp{EVIL}", IN + "tara-target", f"hot{EVIL}"],
        [f"Zed{EVIL} Nobody", f"Nowhere{EVIL}", "", f"cold{EVIL}"],
    ]
    text = io.StringIO()
    csv.writer(text, lineterminator="\n").writerows(rows)
    leads.write_text(text.getvalue(), encoding="utf-8")
    message = root / f"msg{EVIL.replace('/', '')}.txt"
    message.write_text("Hi! Quick question.\n", encoding="utf-8")
    return {"root": root, "team": team, "db": db, "leads": leads, "message": message}


def _commands(w: dict[str, Path]) -> list[list[object]]:
    out = w["root"] / "out"
    return [
        ["add", w["team"]],
        ["to", "Tara Target"],
        ["to", "Tara Target", "--show-emails"],
        ["to", "Tara Target", "--show-emails", "--json"],
        ["to", "Ben Bridge"],
        ["to", "Ned Namesake"],  # ambiguous: candidates listed
        ["to", "Tara Targte"],  # unknown: a suggestion
        ["to", "Quinn Nobody", "--company", "Hostcorp"],  # in no export: through the company
        ["at", "Hostcorp"],
        ["at", "Hostcorp", "--json"],
        ["draft", "Tara Target", "--reason", f"robots{EVIL}"],
        ["draft", "Tara Target", "--reason", "robots", "--note"],
        ["draft", "Tara Target", "--out", out],
        ["plan", w["leads"]],
        ["plan", w["leads"], "--json"],
        ["plan", w["leads"], "-o", out / "plan.csv", "--drafts", out / "drafts"],
        [
            "log",
            "add",
            "Tara Target",
            "--via",
            "Ben Bridge",
            "--note",
            f"n{EVIL}",
            "--date",
            "2026-01-02",
        ],  # fmt: skip
        ["log"],
        ["log", "--json"],
        ["log", "due"],
        ["sources"],
        ["sources", "--json"],
        ["stats"],
        ["doctor"],
        ["doctor", "--json"],
        ["clusters"],
        ["map", "-o", out / "map.svg", "--highlight", "Tara Target"],
        ["export", "-o", out / "net.csv", "--show-emails"],
        ["export", "-o", out / "net.gexf"],
        ["check", w["message"]],
        ["check", w["message"], "--target", "Tara Target"],
        ["remove", f"Nobody{EVIL}"],  # an unknown colleague: the error names the value
    ]


@pytest.fixture(scope="module")
def outputs(world) -> list[tuple[str, int, str]]:
    (world["root"] / "out").mkdir()
    found = []
    for args in _commands(world):
        result = cli(world["db"], *args)
        found.append((" ".join(map(str, args[:2])), result.exit_code, result.stdout))
        found.append((" ".join(map(str, args[:2])) + " (stderr)", result.exit_code, result.stderr))
    return found


def test_every_command_ran_and_showed_the_planted_values(outputs):
    codes = {name: code for name, code, _ in outputs}
    assert all(code in (0, 1) for code in codes.values()), codes
    assert list(codes.values())[0] == 0  # the add
    shown = "".join(text for _, _, text in outputs)
    for value in ("Hostcorp", "CEO", "CTO", "tara", "hot", "cold", "olga", "msg"):
        assert value in shown, value
    assert "forged" in shown  # the values are shown, only made inert


def test_no_output_holds_a_control_bidi_or_format_character(outputs):
    for name, _, text in outputs:
        bad = {ch for ch in _UNSAFE.findall(text) if ch not in ALLOWED}
        bad |= {ch for ch in text if ch in "\u2028\u2029\u202e\u2066\u2069\u200b\ufeff"}
        assert not bad, f"{name}: {sorted(map(hex, map(ord, bad)))} reached the terminal"


def test_no_output_line_is_forged(outputs):
    for name, _, text in outputs:
        for line in text.splitlines():
            # (a table cell may wrap onto a line of its own, always inside the table's border)
            assert not line.lstrip(" -").startswith(FORGED), f"{name}: forged line {line!r}"
            assert not line.startswith(("line2", "ls", "ps")), f"{name}: a value broke a line"


def test_json_outputs_parse_and_hold_no_break_or_format_character(outputs):
    for name, _, text in outputs:
        if "--json" in name or not text.startswith(("[", "{")):
            continue
        data = json.loads(text)
        flat = json.dumps(data, ensure_ascii=False)
        assert not re.search("[\n\u2028\u2029\u202e\u2066]", flat.replace("\\n", "")), name


def test_the_store_keeps_every_value_as_written(world, outputs):
    conn = sqlite3.connect(world["db"])
    try:
        companies = {c for (c,) in conn.execute("SELECT company FROM connections")}
        emails = {e for (e,) in conn.execute("SELECT email FROM connections")}
        headline = conn.execute("SELECT headline FROM owners WHERE headline != ''").fetchone()
        notes = {n for (n,) in conn.execute("SELECT note FROM outreach")}
    finally:
        conn.close()
    assert f"Hostcorp{STORED}" in companies and f"tara{STORED}@x.example" in emails
    assert headline == (f"Head{EVIL}",)  # Profile.csv is read by the csv module: CRLF kept
    assert f"n{EVIL}" in notes


def test_files_written_hold_values_as_one_line(world, outputs):
    out = world["root"] / "out"
    plan = (out / "plan.csv").read_text(encoding="utf-8-sig")
    rows = list(csv.reader(io.StringIO(plan)))
    assert all(len(r) == len(rows[0]) for r in rows)
    for cell in (c for r in rows for c in r):
        assert cell == one_line(cell)


def test_the_unsafe_class_covers_every_control_format_and_separator_character():
    import unicodedata

    for code in range(0x110000):
        ch = chr(code)
        if unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp") and ch not in ALLOWED - {"\n"}:
            assert _UNSAFE.match(ch), f"U+{code:04X} is not removed"


@pytest.mark.parametrize(
    "args",
    [
        ["to", "Tara Target", "--show-emails"],
        ["draft", "Tara Target", "--reason", "robots"],
        ["at", "Hostcorp"],
        ["sources"],
    ],
)
def test_a_real_process_prints_no_forged_line_either(world, outputs, args):
    done = run_refpath(world["db"], *args)
    assert done.returncode == 0, done.stderr
    for text in (done.stdout, done.stderr):
        assert not {ch for ch in _UNSAFE.findall(text) if ch not in ALLOWED}
        assert not any(line.lstrip(" -").startswith(FORGED) for line in text.splitlines())
    assert "forged" in done.stdout
