"""map_routes.all_routes: everyone's best routes in one pass, the same as `refpath to`'s."""

from __future__ import annotations

from datetime import date

import pytest
from typer.testing import CliRunner

from refpath.cli import app
from refpath.map.all_routes import all_routes
from refpath.routes.introducers import introducers_for
from refpath.routes.people import people_by_ids
from refpath.store.db import open_store

TODAY = date(2026, 12, 1)


def expected(store, person, top):
    """What `refpath to` finds, as all_routes reports it."""
    found = introducers_for(store, person, top=top, today=TODAY)
    return [
        ((i.hops[0].a.id, *(h.b.id for h in i.hops)), tuple(h.inferred for h in i.hops), i.score)
        for i in found.paths
    ], found.connected


def check_everyone(db, top=3):
    with open_store(db, create=False) as store:
        got = all_routes(store, top=top, today=TODAY)
        me = store.conn.execute("SELECT person_id FROM owners WHERE is_me = 1").fetchone()
        ids = [pid for (pid,) in store.conn.execute("SELECT id FROM people ORDER BY id")]
        people = people_by_ids(store.conn, ids)
        assert set(got) == set(ids) - {me[0] if me else None}
        routed = 0
        for person in people:
            if me and person.id == me[0]:
                continue
            routes, connected = expected(store, person, top)
            assert [tuple(r) for r in got[person.id].routes] == routes, person.name
            assert got[person.id].connected == connected, person.name
            routed += bool(routes)
        return routed, len(people)


def test_the_sample_team_everyone_as_to_ranks_them(sample_db):
    routed, people = check_everyone(sample_db)
    assert people > 400 and routed > 300  # the rest only the user knows


def test_five_routes_each_too(sample_db):
    check_everyone(sample_db, top=5)


def test_without_me_routes_start_at_the_teammate_to_ask(market_db):  # noqa: F811
    routed, people = check_everyone(market_db)
    assert routed == people  # everyone is some colleague's contact


@pytest.fixture(scope="module")
def synthetic_db(tmp_path_factory):
    """An invented team of 6 colleagues x 400 rows, the first added with --me."""
    from refpath._synth.teams import write_team

    root = tmp_path_factory.mktemp("synth")
    write_team(root / "team", owners=6, rows=400, seed=3)
    members = sorted(p for p in (root / "team").iterdir() if not p.name.startswith("."))
    db = root / "s.db"
    runner = CliRunner()
    for args in (["add", str(members[0]), "--me"], ["add", *map(str, members[1:])]):
        result = runner.invoke(app, ["--db", str(db), *args])
        assert result.exit_code == 0, result.output
    return db


def test_a_synthetic_team_everyone_as_to_ranks_them(synthetic_db):
    routed, people = check_everyone(synthetic_db)
    assert people > 1500 and routed > 0.8 * people  # the rest only the user knows
