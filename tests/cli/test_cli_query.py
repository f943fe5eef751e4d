"""``refpath to`` and ``refpath at`` through CliRunner: exact text, JSON and exit codes."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest
from builders import build_team, lines, profile_export, row
from typer.testing import CliRunner

from refpath.cli import app

runner = CliRunner()


@pytest.fixture(autouse=True)
def fixed_today(freeze_today):
    freeze_today("refpath.routes.introducers")


@pytest.fixture
def db(tmp_path):
    return build_team(tmp_path / "s.db")


def run(db, *args):
    return runner.invoke(app, ["--db", str(db), *args])


def _without_scores(paths):
    for p in paths:
        assert 0 < p.pop("score") < 1
        for h in p["hops"]:
            assert 0 < h.pop("strength") < 1
    return paths


def test_to_prints_the_routes_as_json(db):
    result = run(db, "to", "jane doe", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    scores = [p["score"] for p in data["paths"]]
    assert scores == sorted(scores, reverse=True)
    assert data["target"] == {
        "name": "Jane Doe",
        "company": "Acme Robotics",
        "position": "VP Engineering",
        "url": "https://www.linkedin.com/in/jane-doe",
    }
    assert (data["connected"], data["connected_on"], data["start"]) == (False, None, "you")
    assert _without_scores(data["paths"]) == [
        {
            "via": ["Bob Okafor"],
            "inferred": False,
            "reasons": [
                "You and Bob Okafor: teammates; connected since 2021",
                "Bob Okafor and Jane Doe: 40 messages 2018–2024; connected since 2016",
            ],
            "hops": [
                {"from": "Alex Rivera", "to": "Bob Okafor", "inferred": False},
                {"from": "Bob Okafor", "to": "Jane Doe", "inferred": False},
            ],
        },
        {
            "via": ["Riley Chen"],
            "inferred": False,
            "reasons": [
                "You and Riley Chen: teammates; connected since 2021",
                "Riley Chen and Jane Doe: connected since Oct 2026; no other evidence",
            ],
            "hops": [
                {"from": "Alex Rivera", "to": "Riley Chen", "inferred": False},
                {"from": "Riley Chen", "to": "Jane Doe", "inferred": False},
            ],
        },
        {
            "via": ["Carol Mendes", "Tom Baker"],
            "inferred": True,
            "reasons": [
                "You and Carol Mendes: teammates; connected since 2021",
                "Carol Mendes and Tom Baker: 16 messages 2019–2025; connected since 2019",
                "Tom Baker and Jane Doe: both at Acme Robotics (12 people there in the data); "
                "inferred, no known connection",
            ],
            "hops": [
                {"from": "Alex Rivera", "to": "Carol Mendes", "inferred": False},
                {"from": "Carol Mendes", "to": "Tom Baker", "inferred": False},
                {"from": "Tom Baker", "to": "Jane Doe", "inferred": True},
            ],
        },
    ]
    assert "jane@acme.example" not in result.output


def test_to_prints_a_table_and_a_next_step(db):
    result = run(db, "to", "Jane Doe")
    assert result.exit_code == 0
    out = lines(result.stdout)
    assert out[:2] == [
        "Jane Doe — VP Engineering, Acme Robotics",
        "  https://www.linkedin.com/in/jane-doe",
    ]
    assert (
        out[-1]
        == 'Next: ask Bob Okafor — draft the request with refpath draft "Jane Doe" --reason "..."'
    )
    table = "\n".join(out[2:-1])
    assert table.index("Bob Okafor") < table.index("Riley Chen") < table.index("inferred")
    assert result.stderr == ""


def test_show_emails_is_needed_to_see_an_email(db):
    hidden = run(db, "to", "Jane Doe")
    shown = run(db, "to", "Jane Doe", "--show-emails")
    assert "jane@acme.example" not in hidden.output
    assert lines(shown.stdout)[2] == "  jane@acme.example"
    data = json.loads(run(db, "to", "Jane Doe", "--json", "--show-emails").stdout)
    assert data["target"]["emails"] == ["jane@acme.example"]


def test_already_connected_is_said_with_the_date(tmp_path):
    db = build_team(tmp_path / "s.db", jane_in_mine=True)
    result = run(db, "to", "Jane Doe")
    out = lines(result.stdout)
    assert out[2:4] == [
        "You are already connected to Jane Doe since 14 Feb 2023: you can write directly.",
        "  You and Jane Doe: connected since 2023; no other evidence",
    ]
    assert out[-1] == (
        "Next: write to Jane Doe directly, or for a warmer introduction ask Bob Okafor: "
        'refpath draft "Jane Doe" --reason "..."'
    )
    data = json.loads(run(db, "to", "Jane Doe", "--json").stdout)
    assert (data["connected"], data["connected_on"]) == (True, "2023-02-14")
    assert data["direct"]["reasons"] == [
        "You and Jane Doe: connected since 2023; no other evidence"
    ]


def test_without_me_the_team_is_the_start_and_it_says_so(tmp_path):
    db = build_team(tmp_path / "s.db", me=False)
    result = run(db, "to", "Jane Doe")
    assert result.exit_code == 0
    assert lines(result.stdout)[2] == (
        "No export is marked as yours, so routes start from the whole team (mark yours with: "
        "refpath add YOUR_EXPORT --me)."
    )
    data = json.loads(run(db, "to", "Jane Doe", "--json").stdout)
    assert data["start"] == "team" and data["me"] is None
    assert [p["via"] for p in data["paths"]] == [
        ["Bob Okafor"],
        ["Riley Chen"],
        ["Carol Mendes", "Tom Baker"],
    ]


def test_accents_emoji_and_urls_find_people(db):
    for query, name in [
        ("Ana Lucia Ferreira", "Ana Lúcia Ferreira"),
        ("priya raman", "Priya Raman 🚀"),
        ("linkedin.com/in/Jane-Doe/", "Jane Doe"),
    ]:
        result = run(db, "to", query, "--json")
        assert result.exit_code == 0
        assert json.loads(result.stdout)["target"]["name"] == name


def test_unknown_name_exits_1_with_the_closest_names(db):
    result = run(db, "to", "Jane Doh")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert lines(result.stderr) == [
        "refpath: error: no one called 'Jane Doh' in the store; closest names: Jane Doe; "
        "for a prospect in no export, give their company with --company",
        'Next: refpath to "Jane Doe" (the closest name)',
    ]


def test_ambiguous_name_exits_1_and_lists_the_candidates(db):
    result = run(db, "to", "Sam Lee")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert lines(result.stderr) == [
        "refpath: error: 2 people match 'Sam Lee'; pick one with --company or a profile URL",
        "  - Sam Lee — Data Scientist, Globex [known by Bob Okafor]",
        '      refpath to "https://www.linkedin.com/in/sam-lee-globex"',
        "  - Sam Lee — Engineer, Initech [known by Carol Mendes]",
        '      refpath to "https://www.linkedin.com/in/sam-lee-initech"',
        "Next: run one of the commands above to pick that person.",
    ]
    narrowed = run(db, "to", "Sam Lee", "--company", "initech", "--json")
    assert narrowed.exit_code == 0
    assert json.loads(narrowed.stdout)["target"]["company"] == "Initech"


def test_a_prospect_in_no_export_at_a_known_company_gets_the_company_route(db):
    result = run(db, "to", "Nia Newcomer", "--company", "Acme Robotics")
    assert result.exit_code == 0
    out = lines(result.stdout)
    assert out[:2] == [
        "Nia Newcomer — Acme Robotics",
        "Nia Newcomer is in no export, but 12 people at Acme Robotics are: these routes go "
        "through them and are inferred.",
    ]
    assert out[-1] == (
        "Next: ask Bob Okafor about Acme Robotics, or see everyone there with "
        'refpath at "Acme Robotics"'
    )
    data = json.loads(run(db, "to", "Nia Newcomer", "-c", "acme robotics", "--json").stdout)
    assert data["in_store"] is False and all(p["inferred"] for p in data["paths"])
    unknown = run(db, "to", "Nia Newcomer", "--company", "Nowhere")
    assert unknown.exit_code == 1
    assert lines(unknown.stderr)[-1] == (
        "Next: check the spelling of the name and the company, or add an export that lists "
        "someone there with refpath add EXPORTS"
    )


def test_a_missing_store_exits_3(tmp_path):
    result = run(tmp_path / "none.db", "to", "Jane Doe")
    assert result.exit_code == 3
    assert lines(result.stderr) == [
        f"refpath: error: {tmp_path / 'none.db'}: no refpath store here yet; run 'refpath add "
        "EXPORTS' first"
    ]
    assert not (tmp_path / "none.db").exists()


def test_at_lists_everyone_at_the_company_with_the_best_introducer(db):
    result = run(db, "at", "ACME Robotics Inc.", "--json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    people = data["people"]
    assert len(people) == data["reachable"] == 12
    assert [(p["name"], p["via"]) for p in people[:2]] == [
        ("Jane Doe", ["Bob Okafor"]),
        ("Tom Baker", ["Carol Mendes"]),
    ]
    text = run(db, "at", "acme robotics", "--top", "2")
    out = lines(text.stdout)
    assert out[0] == "12 people at Acme Robotics reachable through the team; the best 2:"
    # per person: rank and who; whom to ask and the score; the evidence for the last hop
    assert out[1] == "  1  Jane Doe — VP Engineering"
    assert re.fullmatch(r"     via Bob Okafor · score 0\.\d\d", out[2])
    assert out[3] == "     Bob Okafor and Jane Doe: 40 messages 2018–2024; connected since 2016"
    assert out[4] == "  2  Tom Baker — Engineer"
    assert (
        out[-1]
        == 'Next: refpath to "https://www.linkedin.com/in/jane-doe" for every route to them.'
    )


def test_at_an_unknown_company_exits_1(db):
    result = run(db, "at", "Acme Robotix")
    assert result.exit_code == 1
    assert lines(result.stderr) == [
        "refpath: error: no one at 'Acme Robotix' in the store; closest companies: Acme Robotics",
        'Next: refpath at "Acme Robotics"',
    ]


def test_names_cannot_inject_terminal_escapes(tmp_path):

    from refpath.store.db import open_store
    from refpath.store.ingest import add_exports

    with open_store(tmp_path / "s.db") as store:
        evil = row("Eve\x1b[31m", "[bold]Mallory[/bold]", "eve", "Acme\x07")
        add_exports(store, [profile_export("Dana Fox", "dana-fox", [evil])])
    result = run(tmp_path / "s.db", "to", "linkedin.com/in/eve")
    assert result.exit_code == 0
    assert "\x1b" not in result.output and "\x07" not in result.output
    assert "[bold]Mallory[/bold]" in result.stdout


def test_a_query_imports_no_heavy_library(db):
    code = (
        "import sys; from typer.testing import CliRunner; from refpath.cli import app; "
        f"r = CliRunner().invoke(app, ['--db', {str(db)!r}, 'to', 'Jane Doe']); "
        "assert r.exit_code == 0, r.output; "
        "print(sorted(m for m in ('networkx', 'pandas', 'matplotlib', 'rapidfuzz') "
        "if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


# -- the sample team (sample_exports/, see its README for the planted facts) --------


def test_sample_jane_doe_history_first_bare_connection_lower_inferred_below(sample_db):
    data = json.loads(run(sample_db, "to", "Jane Doe", "--json", "--top", "10").stdout)
    assert data["target"]["company"] == "Acme Robotics" and data["connected"] is False
    vias = [p["via"] for p in data["paths"]]
    assert vias[:2] == [["Bob Okafor"], ["Riley Chen"]]
    bob, riley = data["paths"][:2]
    assert (
        bob["reasons"][-1] == "Bob Okafor and Jane Doe: 40 messages 2018–2024; connected since 2016"
    )
    assert riley["reasons"][-1] == (
        "Riley Chen and Jane Doe: connected since Oct 2026; no other evidence"
    )
    carol = data["paths"][vias.index(["Carol Mendes", "Tom Baker"])]
    assert carol["inferred"] and carol["score"] < riley["score"] < bob["score"]
    assert carol["reasons"][-1] == (
        "Tom Baker and Jane Doe: both at Acme Robotics (8 people there in the data); "
        "inferred, no known connection"
    )
    assert all(p["inferred"] for p in data["paths"][2:])


def test_sample_sam_lee_is_ambiguous_and_plain_text_finds_accents_and_emoji(sample_db):
    sam = run(sample_db, "to", "Sam Lee")
    assert sam.exit_code == 1
    assert "Brightwave Energy" in sam.stderr and "Pulsewise" in sam.stderr
    for query, slug in [
        ("Ana Lucia Ferreira", "ana-l%C3%BAcia-ferreira-1a2b3c"),
        ("Priya Raman", "priya-raman-9c2d11"),
    ]:
        found = run(sample_db, "to", query, "--json")
        assert found.exit_code == 0
        assert json.loads(found.stdout)["target"]["url"].endswith(slug)


def test_a_very_common_name_lists_the_best_known_few(tmp_path):

    from refpath.store.db import open_store
    from refpath.store.ingest import add_exports

    sams = [row("Sam", "Lee", f"sam-lee-{i:02}", f"Company {i:02}") for i in range(12)]
    with open_store(tmp_path / "s.db") as store:
        add_exports(store, [profile_export("Dana Fox", "dana-fox", sams)])
        add_exports(store, [profile_export("Eli Moss", "eli-moss", sams[7:8])])
    result = run(tmp_path / "s.db", "to", "Sam Lee")
    assert result.exit_code == 1
    err = lines(result.stderr)
    assert err[1] == "  - Sam Lee — Company 07 [known by Dana Fox, Eli Moss]"
    assert err[-2:] == [
        "  … and 2 more, known by fewer colleagues",
        "Next: narrow it with --company COMPANY, or run one of the commands above.",
    ]
    assert len(err) == 1 + 2 * 10 + 2


def test_no_guesses_through_a_giant_company_and_it_says_why(tmp_path):

    from refpath.store.db import open_store
    from refpath.store.ingest import add_exports

    giant = [row(f"P{i}", "Mega", f"p{i}-mega", "Megacorp") for i in range(800)]
    with open_store(tmp_path / "s.db") as store:
        add_exports(store, [profile_export("Alex Rivera", "alex-rivera", giant[:5])], me=True)
        add_exports(store, [profile_export("Bob Okafor", "bob-okafor", giant[5:])])
    out = lines(run(tmp_path / "s.db", "to", "P100 Mega").stdout)
    assert out[-2] == (
        "No guesses through Megacorp: with 800 people there in the data, working there says "
        "little about knowing someone."
    )
    data = json.loads(run(tmp_path / "s.db", "to", "P100 Mega", "--json").stdout)
    assert data["company_too_big"] is True and [p["via"] for p in data["paths"]] == [["Bob Okafor"]]


def test_a_colleague_needs_no_introduction(sample_db):
    result = run(sample_db, "to", "Bob Okafor")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0] == (
        "Bob Okafor is a colleague: their export is in the store (see refpath sources), "
        "so no introduction is needed."
    )
    data = json.loads(run(sample_db, "to", "Bob Okafor", "--json").stdout)
    assert data["colleague"] is True
    assert json.loads(run(sample_db, "to", "Jane Doe", "--json").stdout)["colleague"] is False
