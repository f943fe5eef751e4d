"""One answer per person: every command agrees on who each sample person is to the user.

For every person in the sample team's store, ``to``, ``draft``, ``map --highlight``,
``plan`` and ``log add`` are run through CliRunner and each output is read back
as one of the classes of :mod:`refpath.routes.standing` (you, colleague,
connected, reachable, unknown); all five must say the same, and ``to --json``'s
``standing`` must be what :func:`refpath.routes.standing.standing` says.

``map --highlight`` decides what to say before it draws, so its drawing is
replaced by a stub here (drawing 400 maps would take minutes). The plan is one
list of every sample person with room for every ask (so no one is left "over
capacity"), plus a one-line plan for one person of each class.
"""

from __future__ import annotations

import csv
import json
from collections import Counter
from pathlib import Path
from types import SimpleNamespace

import pytest
from typer.testing import CliRunner

from refpath.cli import app
from refpath.routes.people import people_by_ids
from refpath.routes.standing import KINDS, standing
from refpath.store.db import open_store

runner = CliRunner()
#: plan statuses as classes
PLAN_CLASS = {
    "you": "you",
    "colleague": "colleague",
    "already connected": "connected",
    "assigned": "reachable",
    "no path": "unknown",
}


@pytest.fixture(autouse=True)
def _app_built_once(monkeypatch):
    """CliRunner rebuilds the click commands from the typer app on every call: build once."""
    import typer.main

    built = typer.main.get_command(app)
    monkeypatch.setattr("typer.testing._get_command", lambda _app: built)


@pytest.fixture(autouse=True)
def _no_drawing(monkeypatch):
    """The map's picture is not what is tested here: draw nothing, load nothing."""
    empty = SimpleNamespace(people={}, ties=(), owners=frozenset())
    monkeypatch.setattr("refpath.map.network.load_network", lambda store: empty)
    monkeypatch.setattr("refpath.map.clusters.market_clusters", lambda net: None)
    drawn = SimpleNamespace(summarised=False, path=Path("m.png"), people=0, clusters=0)
    monkeypatch.setattr("refpath.map.plot.draw_map", lambda net, cl, opts: drawn)


def run(db: Path, *args: str):
    return runner.invoke(app, ["--db", str(db), *map(str, args)])


def said(result) -> str:
    """The class a command's output states (stdout and stderr together)."""
    text = result.stdout + result.stderr
    if " is you: name someone else" in text:
        return "you"
    if " is a colleague: their export is in the store" in text:
        return "colleague"
    if "You are already connected to " in text:
        return "connected"
    if "No one on the team knows " in text:
        return "unknown"
    reachable = ("# Warm introduction to ", "Highlighted the ", "Logged: asked ")
    assert result.exit_code == 0 and any(m in text for m in reachable), text
    return "reachable"


def _people(db: Path):
    with open_store(db) as store:
        ids = [r[0] for r in store.conn.execute("SELECT id FROM people ORDER BY id")]
        people = people_by_ids(store.conn, ids)
        truth = {p.id: standing(store, p).kind for p in people}
    return people, truth


def _copy(db: Path, to: Path) -> Path:
    import shutil

    for suffix in ("", "-wal"):
        if Path(f"{db}{suffix}").exists():
            shutil.copy(f"{db}{suffix}", f"{to}{suffix}")
    return to


def _to(db: Path, *args: str) -> str:
    result = run(db, "to", *args, "--json")
    return json.loads(result.stdout)["standing"] if result.exit_code == 0 else said(result)


def test_every_command_gives_every_sample_person_the_same_class(sample_db, tmp_path):
    people, truth = _people(sample_db)
    # everyone in an export is known by its owner: "unknown" is tested below
    assert set(truth.values()) == set(KINDS) - {"unknown"}
    leads = tmp_path / "leads.csv"
    with open(leads, "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(["Name", "Company", "LinkedIn URL", "id"])
        writer.writerows([p.name, p.company, p.url, p.id] for p in people)
    plan = json.loads(run(sample_db, "plan", leads, "-n", "1000", "--json").stdout)
    planned = {int(r["id"]): r["status"] for r in plan["rows"]}

    disagree = []
    for p in people:
        answers = {"standing": truth[p.id], "to": _to(sample_db, p.key)}
        answers["draft"] = said(run(sample_db, "draft", p.key, "-r", "their roadmap"))
        answers["map"] = said(run(sample_db, "map", "-o", tmp_path / "m.png", "--highlight", p.key))
        status = planned[p.id]
        if status != "ambiguous":  # a namesake at the same company, neither with a URL
            answers["plan"] = PLAN_CLASS[status]
        if len(set(answers.values())) > 1:
            disagree.append((p.name, answers))
    assert disagree == []
    assert Counter(planned.values())["ambiguous"] <= 2


def test_log_add_gives_every_sample_person_the_same_class(sample_db, tmp_path):
    db = _copy(sample_db, tmp_path / "log.db")
    people, truth = _people(db)
    disagree = []
    for p in people:
        if p.name == "Riley Chen":
            continue  # the introducer
        result = run(db, "log", "add", p.key, "--via", "Riley")
        if truth[p.id] in ("you", "colleague"):
            assert result.exit_code == 1 and "Nothing was logged." in result.stderr
        if said(result) != truth[p.id]:
            disagree.append((p.name, truth[p.id], said(result)))
    assert disagree == []


@pytest.mark.parametrize("kind", sorted(set(KINDS) - {"unknown"}))
def test_a_one_line_plan_says_what_to_says(sample_db, tmp_path, kind):
    people, truth = _people(sample_db)
    person = next(p for p in people if truth[p.id] == kind and p.url)
    leads = tmp_path / "one.csv"
    leads.write_text(f"Name,URL\n{person.name},{person.url}\n", encoding="utf-8")
    rows = json.loads(run(sample_db, "plan", leads, "--json").stdout)["rows"]
    assert [PLAN_CLASS[r["status"]] for r in rows] == [kind]
    assert _to(sample_db, person.url) == kind


def test_someone_no_one_can_reach_is_unknown_to_every_command(tmp_path):
    """A prospect in no export at a company too big to guess through: no route at all."""
    from builders import export, li, member, profile_export, row

    from refpath.store.ingest import add_exports

    db = tmp_path / "big.db"
    bob = row("Bob", "Okafor", "bob-okafor", "Northwind", "Sales")
    crowd = [member(f"Person{i} Mega", "Megacorp") for i in range(2000)]
    with open_store(db) as store:
        add_exports(store, [profile_export("Alex Rivera", "alex-rivera", [bob])], me=True)
        add_exports(store, [export("Bob Okafor", crowd, url=li("bob-okafor"))])
    who = ("Zed Unknown", "--company", "Megacorp")
    answers = {
        "to": _to(db, *who),
        "draft": said(run(db, "draft", *who, "-r", "their roadmap")),
        "map": said(run(db, "map", "-o", tmp_path / "m.png", "--highlight", *who)),
    }
    leads = tmp_path / "one.csv"
    leads.write_text("Name,Company\nZed Unknown,Megacorp\n", encoding="utf-8")
    rows = json.loads(run(db, "plan", leads, "--json").stdout)["rows"]
    answers["plan"] = PLAN_CLASS[rows[0]["status"]]
    answers["log"] = said(run(db, "log", "add", *who, "--via", "Bob"))  # last: plan reads the log
    assert set(answers.values()) == {"unknown"}, answers
