"""`refpath at`'s route finder gives what scoring every route would give.

The finder reads bare connections from the index alone and builds whole routes
for the best only; the reference below scores every route through every
colleague who knows someone there, with the tie's whole evidence, and keeps
each person's best (ties broken in the order colleagues are reached). Both run
on stores with messages, endorsements and recommendations (the sample team),
with and without a user (``--me``), for every company in them.
"""

from __future__ import annotations

import json
from datetime import date

import pytest
from builders import TODAY, build_team, export, li, market_team, member

from refpath.routes.introducers import _better, _rank, _reachable, _route
from refpath.routes.people import companies_at
from refpath.routes.strength import IDS, path_score, sides_about
from refpath.routes.team import Team
from refpath.store.db import Store, open_store
from refpath.store.ingest import add_exports


def reference(store: Store, company: str, top: int | None) -> list[tuple]:
    at = [
        r[0]
        for r in store.conn.execute(
            f"SELECT id FROM people WHERE company_key IN ({IDS})",
            (json.dumps(companies_at(store.conn, company)),),
        )
    ]
    team = Team(store.conn, TODAY)
    sides = sides_about(store.conn, IDS, (json.dumps(list(at)),))
    team.sides.update(sides)
    targets = set(at) - set(team.owner_ids)
    team.load_companies(targets)
    ties = [(a, b) for (a, b) in sides if b in targets]
    knowers = {a for a, _ in ties}
    team.load_contacts(knowers - {team.me})

    def start(a: int) -> float:
        return 1.0 if a == team.me else path_score(h.s for h in team.start(a))

    routes: dict = {}
    for a in sorted(knowers, key=lambda k: (-start(k), k)):
        for x, b in ties:
            if x == a:
                last = team.hop(a, b)
                _better(routes, b, _route((last,) if a == team.me else (*team.start(a), last)))
    return [
        (r.hops[-1].b, r.score, tuple((h.a, h.b) for h in r.hops))
        for r in _rank(routes.values())[:top]
    ]


def found(store: Store, company: str, top: int | None) -> list[tuple]:
    return [
        (p.id, i.score, tuple((h.a.id, h.b.id) for h in i.hops))
        for p, i in _reachable(store, companies_at(store.conn, company), top, TODAY)
    ]


def companies(store: Store) -> list[str]:
    return sorted(
        {r[0] for r in store.conn.execute("SELECT company FROM people WHERE company_key != ''")}
    )


def same_company_team(path) -> Store:
    """Ava works at Quartz with Tara and met her last month; Ben, elsewhere, in 2010.

    Working at the same company makes Ava the better introducer; a bare
    connection's date alone would make it Ben. Quartz Cars and The Quartz Group
    are other companies holding the word: `at Quartz` reads all three.
    """
    store = open_store(path)
    mates = [member("Ava Stone", "Quartz"), member("Ben Roy", "Birch")]
    add_exports(store, [export("Max Field", mates, url=li("max-field"))], me=True)
    add_exports(
        store,
        [
            export(
                "Ava Stone",
                [
                    member("Tara Quinn", "Quartz", date(2026, 10, 1)),
                    member("Uma Reyes", "Quartz Cars", date(2026, 2, 1)),
                    member("Ivo Park", "The Quartz Group", date(2015, 5, 5)),
                ],
                url=li("ava-stone"),
            ),
            export(
                "Ben Roy",
                [
                    member("Tara Quinn", "Quartz", date(2010, 1, 1)),
                    member("Uma Reyes", "Quartz Cars", date(2012, 3, 3)),
                ],
                url=li("ben-roy"),
            ),
        ],
    )
    return store


@pytest.fixture(params=["sample", "routes team", "routes team, no user", "markets", "same company"])
def store(request, sample_db, tmp_path):
    if request.param == "sample":
        opened = open_store(sample_db, create=False)
    elif request.param == "markets":
        opened = market_team(tmp_path / "m.db")
    elif request.param == "same company":
        opened = same_company_team(tmp_path / "q.db")
    else:
        opened = open_store(build_team(tmp_path / "t.db", me=request.param == "routes team"))
    yield opened
    opened.close()


def test_the_best_routes_at_every_company_are_those_of_scoring_every_route(store):
    checked = 0
    # each company by its name, and by its first word (often several companies at once)
    for company in sorted({*companies(store), *(c.split()[0] for c in companies(store))}):
        for top in (1, 3, 50, None):
            assert found(store, company, top) == reference(store, company, top), (company, top)
        checked += 1
    assert checked >= 2


def test_a_colleague_at_the_same_company_is_the_better_introducer(tmp_path):
    store = same_company_team(tmp_path / "q.db")
    assert companies_at(store.conn, "Quartz") == ["quartz", "quartz cars", "the quartz"]
    found = {
        person.name: [p.name for p in intro.via]
        for person, intro in _reachable(store, companies_at(store.conn, "Quartz"), 5, TODAY)
    }
    # Ava shares Tara's company; Ben has known Uma (at Quartz Cars, not Ben's) far longer
    assert found == {
        "Tara Quinn": ["Ava Stone"],
        "Uma Reyes": ["Ben Roy"],
        "Ivo Park": ["Ava Stone"],
    }
    store.close()


def test_the_sample_team_has_the_evidence_the_shortcut_must_not_skip(sample_db):
    """The comparison above covers ties with messages, not only bare connections."""
    with open_store(sample_db, create=False) as store:
        talked = store.conn.execute("SELECT COUNT(*) FROM signals WHERE sent + received > 0")
        assert talked.fetchone()[0] > 0
