"""Shares in the store: add, sources, sync, and the same answers as the raw archives.

The sample team (sample_exports/) is added twice: from the raw exports, and
from a share of each colleague's export. Ranking and drafting must give the
same routes, reasons and drafts; the scores differ only by the month rounding,
which a third store (raw exports rounded to months in memory) reproduces
exactly.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from refpath.cli import app
from refpath.exports.locate import read_export
from refpath.exports.share import plan_share, rounded, write_share
from refpath.store.db import open_store
from refpath.store.ingest import add_exports

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "sample_exports"
MINE = SAMPLE / "Basic_LinkedInDataExport_11-20-2026.zip"
THEIRS = [SAMPLE / n for n in ("Carol Mendes.csv", "bob-okafor", "dev-patel", "riley-chen",
                               "sam-weber")]  # fmt: skip
PROSPECTS = [
    "Jane Doe", "Tom Baker", "Ana Lúcia Ferreira", "Priya Raman", "Marco Bellini", "Henrik Dahl",
    "Mei Tanaka", "Lucas Moreau", "Fatima Nasser", "Diego Alvarez", "Kwame Mensah",
    "Olivia Grant", "Nadia Qureshi", "Greta Lindqvist", "Linh Tran", "Sam Lee --company Pulsewise",
]  # fmt: skip

runner = CliRunner()


def cli(db: Path, *args: str):
    return runner.invoke(app, ["--db", str(db), *args])


def ok(db: Path, *args: str) -> str:
    result = cli(db, *args)
    assert result.exit_code == 0, result.output
    return result.stdout


def slug(name: str) -> str:
    return name.lower().replace(" ", "-")


def make_share(export_path: Path, folder: Path, **kwargs) -> Path:
    export = read_export(export_path)
    out = folder / f"{slug(export.owner_name)}.refpath-share.zip"
    write_share(plan_share(export, **kwargs), out)
    return out


@pytest.fixture(scope="module")
def stores(tmp_path_factory) -> dict[str, Path]:
    """The sample team three ways: raw exports, shares, raw exports rounded to months."""
    tmp = tmp_path_factory.mktemp("share-team")
    shares = tmp / "shares"
    shares.mkdir()
    mine = make_share(MINE, shares)
    for path in THEIRS:
        make_share(path, shares)
    raw, shared, rounded_db = tmp / "raw.db", tmp / "share.db", tmp / "rounded.db"
    ok(raw, "add", str(MINE), "--me")
    ok(raw, "add", *map(str, THEIRS))
    ok(shared, "add", str(mine), "--me")
    ok(shared, "add", str(shares))
    with open_store(rounded_db) as store:
        add_exports(store, [rounded(read_export(MINE))], me=True)
        add_exports(store, [rounded(read_export(p)) for p in THEIRS])
    return {"raw": raw, "share": shared, "rounded": rounded_db, "shares": shares}


def routes(db: Path, prospect: str) -> dict:
    name, *rest = prospect.split(" --")
    extra = ["--" + r.split(" ", 1)[0] for r in rest] + [r.split(" ", 1)[1] for r in rest]
    return json.loads(ok(db, "to", name, *extra[:1], *extra[1:], "--json", "--top", "10"))


@pytest.mark.parametrize("prospect", PROSPECTS)
def test_routes_from_shares_are_the_routes_from_the_raw_archives(stores, prospect):
    raw, shared, rounded_ = (routes(stores[k], prospect) for k in ("raw", "share", "rounded"))
    assert shared == rounded_  # everything, scores included, once dates are months
    assert [(p["via"], p["reasons"]) for p in shared["paths"]] == [
        (p["via"], p["reasons"]) for p in raw["paths"]
    ]
    assert {k: v for k, v in shared.items() if k not in ("paths", "direct")} == {
        k: v for k, v in raw.items() if k not in ("paths", "direct")
    }
    if raw["direct"]:
        assert shared["direct"]["reasons"] == raw["direct"]["reasons"]


@pytest.mark.parametrize("prospect", ["Jane Doe", "Tom Baker", "Priya Raman", "Henrik Dahl"])
def test_drafts_from_shares_are_the_drafts_from_the_raw_archives(stores, prospect):
    args = ("draft", prospect, "--reason", "how they plan maintenance windows")
    assert ok(stores["share"], *args) == ok(stores["raw"], *args)


def test_the_share_store_has_the_same_people_and_pairs(stores):
    assert ok(stores["share"], "stats", "--json") == ok(stores["raw"], "stats", "--json")


def test_sources_shows_which_colleagues_came_from_a_share(stores):
    rows = json.loads(ok(stores["share"], "sources", "--json"))
    assert {r["fmt"] for r in rows} == {"share"}
    assert {r["owner_from"] for r in rows} == {"share"}
    assert [r["name"] for r in rows if r["is_me"]] == ["Alex Rivera"]
    table = ok(stores["share"], "sources")
    assert "share" in table


# ------------------------------------------------------------------ add


def test_the_same_share_twice_is_unchanged_and_a_newer_one_replaces_it(tmp_path):
    db = tmp_path / "s.db"
    old, new = tmp_path / "old", tmp_path / "new"
    old.mkdir(), new.mkdir()
    bob = read_export(SAMPLE / "bob-okafor")
    write_share(plan_share(replace(bob, exported_on=date(2026, 1, 5)), exclude=["Jane Doe"]),
                old / "bob.zip")  # fmt: skip
    write_share(plan_share(replace(bob, exported_on=date(2026, 11, 20))), new / "bob.zip")
    ok(db, "add", str(old / "bob.zip"))
    again = ok(db, "add", str(old / "bob.zip"))
    assert "Bob Okafor: unchanged" in again
    assert "Jane Doe" not in ok(db, "at", "Acme Robotics")
    replaced = ok(db, "add", str(new / "bob.zip"))
    assert "Bob Okafor: replaced earlier export" in replaced
    assert "Jane Doe" in ok(db, "at", "Acme Robotics")
    rows = json.loads(ok(db, "sources", "--json"))
    assert [(r["name"], r["exported_on"], r["fmt"]) for r in rows] == [
        ("Bob Okafor", "2026-11-20", "share")
    ]


def test_a_folder_mixing_shares_and_raw_exports_uses_each_colleague_once(tmp_path):
    team = tmp_path / "team"
    shutil.copytree(SAMPLE / "bob-okafor", team / "bob-okafor")
    shutil.copy(SAMPLE / "Carol Mendes.csv", team / "Carol Mendes.csv")
    make_share(SAMPLE / "bob-okafor", team, exclude=["Jane Doe"])  # Bob's raw export is there
    make_share(SAMPLE / "riley-chen", team)
    db = tmp_path / "s.db"
    text = " ".join(ok(db, "add", str(team)).split())
    assert "Bob Okafor: skipped the share" in text and "their own export in this add" in text
    rows = {r["name"]: r for r in json.loads(ok(db, "sources", "--json"))}
    assert set(rows) == {"Bob Okafor", "Carol Mendes", "Riley Chen"}
    assert rows["Bob Okafor"]["fmt"] == "current" and rows["Riley Chen"]["fmt"] == "share"
    assert "Jane Doe" in ok(db, "at", "Acme Robotics")  # from Bob's raw export


def test_your_own_share_does_not_replace_your_own_export(tmp_path):
    db = tmp_path / "s.db"
    ok(db, "add", str(MINE), "--me")
    share = make_share(MINE, tmp_path, connections_only=True)
    text = " ".join(ok(db, "add", str(share)).split())
    assert "skipped the share" in text and "your own export is in the store" in text
    rows = json.loads(ok(db, "sources", "--json"))
    assert [(r["name"], r["fmt"], r["is_me"]) for r in rows] == [("Alex Rivera", "current", True)]


# ------------------------------------------------------------------ sync


def _sources(db: Path) -> dict[str, dict]:
    return {r["name"]: r for r in json.loads(ok(db, "sources", "--json"))}


def test_sync_adds_new_and_changed_shares_and_removes_withdrawn_ones(tmp_path):
    folder = tmp_path / "shared"
    folder.mkdir()
    db = tmp_path / "s.db"
    ok(db, "add", str(MINE), "--me")
    ok(db, "add", str(SAMPLE / "dev-patel"))  # a colleague added from elsewhere
    bob = make_share(SAMPLE / "bob-okafor", folder)
    riley = make_share(SAMPLE / "riley-chen", folder)
    shutil.copytree(SAMPLE / "sam-weber", folder / "sam-weber")  # a raw export in the folder
    first = " ".join(ok(db, "sync", str(folder)).split())
    assert "Bob Okafor: added" in first and "Riley Chen: added" in first
    assert "Leaving 1 raw export alone" in first
    assert set(_sources(db)) == {"Alex Rivera", "Dev Patel", "Bob Okafor", "Riley Chen"}

    again = " ".join(ok(db, "sync", str(folder)).split())
    assert "0 added or replaced, 2 unchanged, 0 removed" in again

    # Bob shares again, keeping Jane Doe to himself; Riley withdraws
    write_share(plan_share(read_export(SAMPLE / "bob-okafor"), exclude=["Jane Doe"]), bob)
    riley.unlink()
    dry = " ".join(ok(db, "sync", str(folder), "--dry-run").split())
    assert "Would remove Riley Chen" in dry and "Would add Bob Okafor's share" in dry
    assert set(_sources(db)) == {"Alex Rivera", "Dev Patel", "Bob Okafor", "Riley Chen"}
    text = " ".join(ok(db, "sync", str(folder)).split())
    assert text.index("Removing Riley Chen: their share") < text.index("Removed Riley Chen's")
    assert "Bob Okafor: replaced their earlier export" in text
    assert set(_sources(db)) == {"Alex Rivera", "Dev Patel", "Bob Okafor"}
    assert "Jane Doe" not in ok(db, "at", "Acme Robotics")

    # everyone withdraws: only what came from the folder's shares goes
    bob.unlink()
    ok(db, "sync", str(folder))
    assert set(_sources(db)) == {"Alex Rivera", "Dev Patel"}


def test_sync_keeps_your_own_export_and_uses_the_newest_share_of_a_colleague(tmp_path):
    folder = tmp_path / "shared"
    folder.mkdir()
    db = tmp_path / "s.db"
    ok(db, "add", str(MINE), "--me")
    make_share(MINE, folder)  # the user shares too
    bob = read_export(SAMPLE / "bob-okafor")
    write_share(plan_share(replace(bob, exported_on=date(2025, 1, 1))), folder / "b-old.zip")
    write_share(plan_share(replace(bob, exported_on=date(2026, 1, 1))), folder / "a-new.zip")
    text = " ".join(ok(db, "sync", str(folder)).split())
    assert "your own export is in the store" in text
    assert "b-old.zip alone: an older share of Bob Okafor's" in text
    rows = _sources(db)
    assert rows["Alex Rivera"]["fmt"] == "current" and rows["Alex Rivera"]["is_me"]
    assert rows["Bob Okafor"]["exported_on"] == "2026-01-01"
    assert rows["Bob Okafor"]["source"].endswith("a-new.zip")


def test_sync_refuses_a_damaged_share_and_changes_nothing(tmp_path):
    folder = tmp_path / "shared"
    folder.mkdir()
    db = tmp_path / "s.db"
    make_share(SAMPLE / "bob-okafor", folder)
    ok(db, "sync", str(folder))
    before = ok(db, "sources", "--json")
    riley = make_share(SAMPLE / "riley-chen", folder)
    riley.write_bytes(riley.read_bytes()[:-40])
    result = cli(db, "sync", str(folder))
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("refpath: error: ") and str(riley) in lines[0]
    assert ok(db, "sources", "--json") == before
    result = cli(db, "sync", str(tmp_path / "nowhere"))
    assert result.exit_code == 2 and "not a folder" in result.output


def test_an_unzipped_share_is_added_like_the_zip_and_a_team_folder_is_not_shared(tmp_path):
    import zipfile

    share = make_share(SAMPLE / "riley-chen", tmp_path)
    with zipfile.ZipFile(share) as z:
        z.extractall(tmp_path / "riley-unzipped")
    db = tmp_path / "s.db"
    ok(db, "add", str(tmp_path / "riley-unzipped"))
    assert "Riley Chen: unchanged" in ok(db, "add", str(share))
    result = cli(db, "share", str(SAMPLE), "-o", str(tmp_path / "team.zip"))
    assert result.exit_code == 2 and "share takes one export" in result.output
    assert not (tmp_path / "team.zip").exists()
