"""The Python API (refpath.api) on the sample team: every call, its errors, its frames.

Each call is checked against the command it stands for (same records, same
JSON), so the API and the CLI cannot drift apart; a plan from a DataFrame
gives the assignment ``refpath plan`` gives for the same lead list. The docs'
walkthrough (docs/api.md) runs here as a doctest, and a ``refpath to`` run is
checked to import neither pandas, matplotlib nor the planner.
"""

from __future__ import annotations

import dataclasses
import doctest
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from builders import ROOT, SAMPLES
from typer.testing import CliRunner

import refpath
from refpath import api
from refpath.outreach.drafts import NoIntroducer
from refpath.routes.introducers import Introduction, Routes, introducers_for
from refpath.routes.people import find_person
from refpath.store.db import open_store
from refpath.store.ingest import AddSummary

runner = CliRunner()
PROSPECTS = ROOT / "docs" / "examples" / "prospects.csv"
MINE = SAMPLES / "Basic_LinkedInDataExport_11-20-2026.zip"


def cli(db: Path, *args: object) -> dict:
    """What the command prints with --json."""
    result = runner.invoke(refpath.cli.app, ["--db", str(db), *map(str, args), "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@pytest.fixture
def team(sample_db):
    with refpath.open(sample_db) as store:
        yield store


def assert_columns(frame: pd.DataFrame, columns: dict[str, str]) -> None:
    """The frame has exactly these leading columns, each of the documented dtype."""
    assert list(frame.columns[: len(columns)]) == list(columns)
    for name, dtype in columns.items():
        assert frame[name].dtype == pd.Series([], dtype=dtype).dtype, name


# -- the package and its public face ----------------------------------------------------


def test_the_public_names_are_the_apis_all_and_each_is_documented():
    assert sorted(refpath._API) == sorted(api.__all__)
    for name in api.__all__:
        assert getattr(refpath, name) is getattr(api, name)
        assert getattr(api, name).__doc__, name
    assert refpath.RefpathError is refpath.errors.RefpathError
    with pytest.raises(AttributeError):
        refpath.no_such_name  # noqa: B018


def _imported(*args: str, env: dict[str, str] | None = None) -> set[str]:
    """The modules a fresh interpreter imports running ``args`` (python -X importtime)."""
    result = subprocess.run(
        [sys.executable, "-X", "importtime", *args],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        cwd=ROOT,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return {
        line.rsplit("|", 1)[1].strip()
        for line in result.stderr.splitlines()
        if line.startswith("import time:") and line.count("|") == 2
    }


def test_refpath_to_imports_no_pandas_matplotlib_or_planner(sample_db):
    modules = _imported("-m", "refpath", "--db", str(sample_db), "to", "Jane Doe")
    assert "refpath.routes.introducers" in modules  # the run did find routes
    heavy = {"pandas", "matplotlib", "refpath.outreach.plan", "refpath.api"}
    assert not {m for m in modules if m.split(".")[0] in heavy or m in heavy}


def test_import_refpath_is_cheap():
    modules = _imported("-c", "import refpath; refpath.__version__")
    assert not {m for m in modules if m.startswith(("pandas", "refpath."))}


# -- open -------------------------------------------------------------------------------


def test_open_defaults_to_the_clis_store(sample_db, monkeypatch, tmp_path):
    from refpath.cli.app import default_db
    from refpath.store import db

    monkeypatch.setenv("REFPATH_DB", str(sample_db))
    with refpath.open() as store:
        assert store.path == sample_db
        assert not store.writable
    monkeypatch.delenv("REFPATH_DB")
    assert default_db() == db.default_path()
    monkeypatch.setattr(db, "default_path", lambda: sample_db)
    with refpath.open() as store:
        assert store.path == sample_db
        assert len(store.colleagues()) == 6
    monkeypatch.setenv("HOME", str(sample_db.parent))
    with refpath.open(f"~/{sample_db.name}") as store:
        assert store.path == sample_db


def test_read_only_unless_asked(sample_db, tmp_path):
    missing = tmp_path / "none.db"
    with pytest.raises(refpath.StoreError, match="no refpath store here yet"):
        refpath.open(missing)
    assert not missing.exists()
    before = sample_db.read_bytes()
    with refpath.open(sample_db) as store:
        with pytest.raises(refpath.StoreError, match="writable=True"):
            store.add(MINE, me=True)
        with pytest.raises(sqlite3.OperationalError, match="readonly"):
            store._store.conn.execute("DELETE FROM people")
    assert sample_db.read_bytes() == before
    with pytest.raises(refpath.StoreError, match="is a folder"):
        refpath.open(tmp_path)


def test_a_closed_store_says_so(sample_db):
    store = refpath.open(sample_db)
    store.close()
    store.close()
    assert "closed" in repr(store)
    with pytest.raises(refpath.StoreError, match="closed"):
        store.to("Jane Doe")


# -- add --------------------------------------------------------------------------------


def test_add_returns_the_summaries_the_cli_prints(tmp_path, sample_db):
    with refpath.open(tmp_path / "s.db", writable=True) as store:
        mine = store.add(MINE, me=True)
        rest = store.add([SAMPLES])
        again = store.add(str(MINE))
    assert isinstance(mine[0], AddSummary) and mine[0].is_me and mine[0].owner == "Alex Rivera"
    assert [s.owner for s in rest if not s.skipped] == [
        "Alex Rivera", "Carol Mendes", "Bob Okafor", "Dev Patel", "Riley Chen", "Sam Weber",
    ]  # fmt: skip
    # Bob's share beside his raw export: reported, and skipped for the fuller raw export
    assert [(s.owner, bool(s.skipped)) for s in rest if s.skipped] == [("Bob Okafor", True)]
    assert rest[0].unchanged and again[0].unchanged
    with open_store(sample_db, create=False) as s:
        assert rest.stats == s.stats()  # the same store the CLI builds (conftest)
    frame = rest.to_frame()
    assert_columns(frame, api.ADD_COLUMNS)
    assert frame.owner.tolist() == [s.owner for s in rest]
    assert frame.new_people.tolist() == [s.new_people for s in rest]
    assert frame.rows.tolist() == [s.rows for s in rest] and frame.warnings[0] == ""
    assert "7 exports (1 skipped)" in repr(rest) and "413 people" in repr(rest)
    assert repr(mine).startswith("<AddResult: 1 export; the store has 172 people")


def test_a_bad_export_adds_nothing(tmp_path, asset):
    with refpath.open(tmp_path / "s.db", writable=True) as store:
        store.add(MINE, me=True)
        before = store.people()
        with pytest.raises(refpath.ExportError):
            store.add([SAMPLES / "Carol Mendes.csv", asset("exports", "bad", "lorem.csv")])
        pd.testing.assert_frame_equal(store.people(), before)
        with pytest.raises(refpath.InputError, match="several"):
            store.add([SAMPLES / "Carol Mendes.csv", SAMPLES / "dev-patel"], me=True)


# -- to and at --------------------------------------------------------------------------


def _route_json(intro: Introduction) -> dict:
    return {
        "via": [p.name for p in intro.via],
        "score": round(intro.score, 4),
        "inferred": intro.inferred,
        "reasons": list(intro.reasons),
    }


def test_to_gives_the_routes_the_cli_shows(team, sample_db):
    routes = team.to("Jane Doe")
    assert isinstance(routes.record, Routes) and isinstance(routes[0], Introduction)
    assert routes.target is routes.record.target and routes.target.name == "Jane Doe"
    shown = cli(sample_db, "to", "Jane Doe")
    assert [_route_json(i) for i in routes] == [
        {k: p[k] for k in ("via", "score", "inferred", "reasons")} for p in shown["paths"]
    ]
    assert routes.connected == shown["connected"] and routes.emails == ()
    with pytest.raises(dataclasses.FrozenInstanceError):
        routes.record = None  # type: ignore[misc]
    frame = routes.to_frame()
    assert_columns(frame, api.ROUTE_COLUMNS)
    assert list(frame.columns) == list(api.ROUTE_COLUMNS)
    assert frame["rank"].tolist() == [1, 2, 3, 4, 5]
    assert frame.introducer[0] == "Bob Okafor"
    assert frame.hops[0] == "You → Bob Okafor → Jane Doe"
    assert frame.hops[2].endswith("⇢ Jane Doe") and frame.inferred[2]
    assert frame.score.is_monotonic_decreasing
    assert frame.reasons[0] == " | ".join(routes[0].reasons)
    assert frame.n_hops.tolist() == [len(i.hops) for i in routes]
    assert len(team.to("Jane Doe", top=2)) == 2


@pytest.mark.parametrize("name", ["Jane Doe", "Bob Okafor", "Aaron de la Cruz"])
def test_to_says_what_the_person_is_as_the_cli_does(team, sample_db, name):
    """A colleague, a connection of yours or a prospect: the same standing as `to --json`."""
    shown = cli(sample_db, "to", name)
    routes = team.to(name)
    assert routes.standing == shown["standing"]
    assert routes.said  # the sentence `refpath to` prints for it


def test_to_is_the_library_search(team, sample_db):
    with open_store(sample_db, create=False) as s:
        direct = introducers_for(s, find_person(s, "Jane Doe"), top=5)
    assert team.to("Jane Doe").record == direct


def test_to_a_prospect_in_no_export_through_their_company(team):
    routes = team.to("Zed Nobody", company="Acme Robotics")
    assert not routes.in_store and len(routes) and all(i.inferred for i in routes)
    assert routes.to_frame().inferred.all()


def test_to_errors_are_the_clis(team):
    with pytest.raises(refpath.UnknownPerson) as unknown:
        team.to("Jane Dough")
    assert "Jane Doe" in unknown.value.suggestions
    with pytest.raises(refpath.AmbiguousPerson) as ambiguous:
        team.to("Sam Lee")
    assert len(ambiguous.value.candidates) == 2
    assert len(team.to("Sam Lee", company="Brightwave")) >= 1
    with pytest.raises(refpath.PersonError, match="is you"):
        team.to("Alex Rivera")
    with pytest.raises(refpath.InputError):
        team.to("Jane Doe", top=0)


def test_emails_only_when_asked(team):
    people = team.people(show_emails=True)
    with_email = people[(people.emails != "") & ~people.colleague]
    assert len(with_email) and with_email.emails.str.contains("@").all()
    name = with_email.name.iloc[0]
    assert team.to(name).emails == ()
    assert "@" in team.to(name, show_emails=True).emails[0]
    for frame in (team.people(), team.connections(), team.to(name).to_frame()):
        assert not frame.astype(str).apply(lambda c: c.str.contains("@")).any().any()
    assert "email" in team.connections(show_emails=True).columns


def test_at_gives_what_the_cli_lists(team, sample_db):
    reached = team.at("Acme Robotics")
    shown = cli(sample_db, "at", "Acme Robotics")
    assert reached.reachable == shown["reachable"]
    assert [(p.name, _route_json(i)) for p, i in reached] == [
        (r["name"], {k: r[k] for k in ("via", "score", "inferred", "reasons")})
        for r in shown["people"]
    ]
    frame = team.at("acme robotics inc.", top=3).to_frame()
    assert_columns(frame, api.AT_COLUMNS)
    assert len(frame) == 3 and frame.name[0] == "Jane Doe"
    assert frame.hops[0] == "You → Bob Okafor → Jane Doe"
    with pytest.raises(refpath.UnknownPerson) as error:
        team.at("Acme Robots")
    assert "Acme Robotics" in error.value.suggestions


# -- draft and check --------------------------------------------------------------------


def test_draft_is_the_clis_draft(team, sample_db):
    reason = "how Acme Robotics plans maintenance windows on its assembly lines"
    draft = team.draft("Jane Doe", reason=reason)
    assert draft.introducer.name == "Bob Okafor" and draft.reason == reason
    printed = runner.invoke(
        refpath.cli.app, ["--db", str(sample_db), "draft", "Jane Doe", "--reason", reason]
    )
    assert printed.exit_code == 0, printed.output
    assert draft.markdown(note=False).strip() in printed.stdout
    assert str(draft) == draft.markdown()
    frame = draft.to_frame()
    assert_columns(frame, api.DRAFT_COLUMNS)
    assert frame.part.tolist() == ["ask", "blurb", "note"]
    assert frame.text.tolist() == [draft.ask, draft.blurb, draft.note]
    assert frame.chars.le(frame.limit).all()
    assert team.draft("Jane Doe", via="Riley Chen").introducer.name == "Riley Chen"


def test_draft_errors(team, tmp_path):
    with pytest.raises(refpath.InputError, match="via 'Nobody' is not on a route"):
        team.draft("Jane Doe", via="Nobody")
    with pytest.raises(NoIntroducer):  # connected already, and no one else knows them
        team.draft("Aaron de la Cruz")
    assert issubclass(NoIntroducer, refpath.RefpathError)
    with pytest.raises(refpath.InputError):
        team.draft("Jane Doe", template=tmp_path / "missing.j2")


def test_check_finds_what_the_cli_finds(team):
    from refpath.outreach.etiquette import check_message

    cold = "Hi {name}, I help companies like yours 10x pipeline. Can we hop on a quick call?"
    found = team.check(cold)
    assert found and list(found) == check_message(cold)
    frame = found.to_frame()
    assert_columns(frame, api.CHECK_COLUMNS)
    assert set(frame.rule) == {"impersonal", "no-common-ground", "no-reason", "pitch",
                               "vague-meeting"}  # fmt: skip
    warm = (
        "Hi Jane, my colleague Bob Okafor suggested I write. I'd like to ask you about "
        "line maintenance: would you have 15 minutes for a call? No worries if not."
    )
    clean = team.check(warm, channel="note", target="Jane Doe")
    assert not clean and len(clean.to_frame()) == 0
    assert_columns(clean.to_frame(), api.CHECK_COLUMNS)
    assert team.check("x" * 250, channel="note", free_account=True)
    with pytest.raises(refpath.InputError, match="empty"):
        team.check("  \n")
    with pytest.raises(refpath.InputError, match="channel"):
        team.check(warm, channel="fax")
    with pytest.raises(refpath.UnknownPerson):
        team.check(warm, target="Nobody Atall")


# -- plan -------------------------------------------------------------------------------


def test_plan_from_a_dataframe_gives_the_clis_assignment(team, sample_db):
    shown = cli(sample_db, "plan", PROSPECTS)
    plan = team.plan(pd.read_csv(PROSPECTS))
    frame = plan.to_frame()
    assert_columns(frame, api.PLAN_COLUMNS)
    assert list(frame.columns) == [*api.PLAN_COLUMNS, "Title", "Notes"]
    keys = ["prospect", "company", "introducer", "hops", "status", "Title", "Notes"]
    assert frame[keys].to_dict("records") == [{k: r[k] for k in keys} for r in shown["rows"]]
    assert frame.score.round(4).tolist() == pytest.approx(
        [r["score"] if r["score"] is not None else float("nan") for r in shown["rows"]],
        nan_ok=True,
    )
    assert frame.inferred.tolist() == [
        r["inferred"] if r["inferred"] is not None else pd.NA for r in shown["rows"]
    ]
    load = plan.load_frame()
    assert_columns(load, api.LOAD_COLUMNS)
    assert load[["introducer", "asks", "recent"]].to_dict("records") == [
        {"introducer": x["introducer"], "asks": x["asks"], "recent": x["recent"]}
        for x in shown["load"]
    ]
    # the same list as a path, and its names as a list, are planned alike
    assert team.plan(PROSPECTS).to_frame().equals(frame)
    assert team.plan(str(PROSPECTS)).to_frame().equals(frame)


def test_plan_from_a_list_of_names_and_urls(team):
    jane = team.to("Jane Doe").target.url
    plan = team.plan(["Jane Doe", "Tom Baker", jane, "Quentin Oyelaran"], max_per_introducer=1)
    assert [r.status for r in plan] == ["assigned", "assigned", "duplicate", "not found"]
    assert plan[0].intro is not None and plan[0].intro.via[0].name == "Bob Okafor"
    frame = plan.to_frame()
    assert frame.prospect.tolist()[2] == jane
    assert pd.isna(frame.score[3]) and pd.isna(frame.inferred[3])


def test_plan_options_and_errors(team, tmp_path):
    one = team.plan(pd.read_csv(PROSPECTS), max_per_introducer=1, one_per_company=True)
    assert one.load_frame().asks.max() == 1
    with pytest.raises(refpath.ProspectListError, match="no 'Name'"):
        team.plan(pd.DataFrame({"Who": ["Jane Doe"]}))
    with pytest.raises(refpath.ProspectListError, match="no rows"):
        team.plan(pd.DataFrame({"Name": []}))
    with pytest.raises(refpath.ProspectListError, match="can.t read"):
        team.plan(tmp_path / "missing.csv")
    with pytest.raises(refpath.InputError, match="not a name"):
        team.plan(["Jane Doe", 7])
    with pytest.raises(refpath.InputError, match="give a file path"):
        team.plan(7)
    with pytest.raises(refpath.InputError, match="negative"):
        team.plan(["Jane Doe"], max_per_introducer=-1)


# -- whole tables -----------------------------------------------------------------------


def test_people_connections_colleagues(team, sample_db):
    stats = cli(sample_db, "stats")
    people = team.people()
    assert_columns(people, api.PEOPLE_COLUMNS)
    assert list(people.columns) == list(api.PEOPLE_COLUMNS)
    assert len(people) == stats["people"] and people.id.is_unique
    assert people.colleague.sum() == stats["owners"]
    jane = people[people.name == "Jane Doe"].iloc[0]
    assert jane.company == "Acme Robotics" and "Bob Okafor" in jane.known_by.split(" | ")

    ties = team.connections()
    assert_columns(ties, api.CONNECTION_COLUMNS)
    assert ties.connected.sum() >= stats["connections"] - 1
    assert ties.strength.between(0, 1).all()
    assert ties.connected_on.notna().any() and ties.connected_on.min().year >= 2000
    assert set(ties.colleague) == set(people[people.colleague].name)

    colleagues = team.colleagues()
    assert_columns(colleagues, api.COLLEAGUE_COLUMNS)
    assert colleagues.name.tolist() == [s["name"] for s in cli(sample_db, "sources")]
    assert colleagues.is_me.tolist() == [True, False, False, False, False, False]
    assert colleagues.added_at.notna().all()


def test_clusters_are_the_clis(team, sample_db):
    shown = cli(sample_db, "clusters")
    clusters = team.clusters()
    assert_columns(clusters, api.CLUSTER_COLUMNS)
    assert clusters.cluster.tolist() == [c["cluster"] for c in shown["clusters"]]
    assert clusters.label.tolist() == [c["label"] for c in shown["clusters"]]
    assert clusters.people.tolist() == [c["people"] for c in shown["clusters"]]
    members = team.clusters(per="person")
    assert_columns(members, api.MEMBER_COLUMNS)
    assert members.colleague.sum() == 6  # each colleague where most of theirs are
    market = members[(members.cluster > 0) & ~members.colleague]
    assert market.groupby("cluster").size().tolist()[: len(clusters)] == clusters.people.tolist()
    with pytest.raises(refpath.InputError, match="per="):
        team.clusters(per="company")


def test_an_empty_store_gives_empty_frames_with_the_columns(tmp_path):
    with refpath.open(tmp_path / "e.db", writable=True) as store:
        assert_columns(store.people(), api.PEOPLE_COLUMNS)
        assert_columns(store.connections(), api.CONNECTION_COLUMNS)
        assert_columns(store.colleagues(), api.COLLEAGUE_COLUMNS)
        assert len(store.clusters()) == 0
        with pytest.raises(refpath.UnknownPerson):
            store.to("Jane Doe")


# -- the walkthrough ----------------------------------------------------------------------


def test_docs_api_md_runs(monkeypatch, tmp_path):
    """docs/api.md's examples, run from the repository root as a reader would."""
    monkeypatch.chdir(ROOT)
    monkeypatch.delenv("REFPATH_DB", raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))  # no user draft template or config
    result = doctest.testfile(
        str(ROOT / "docs" / "api.md"),
        module_relative=False,
        optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE,
        verbose=False,
    )
    assert result.attempted > 10
    assert result.failed == 0, "docs/api.md: see the failing examples above"


def test_the_walkthrough_is_linked_and_covers_the_issue():
    text = (ROOT / "docs" / "api.md").read_text(encoding="utf-8")
    for call in ("refpath.open(", ".add(", ".to(", "pd.read_csv(", ".plan(leads", "pivot_table("):
        assert call in text
    assert "(docs/api.md)" in (ROOT / "README.md").read_text(encoding="utf-8")
