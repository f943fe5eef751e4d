"""Routes to a prospect: ranking, inferred ties, the team as start, ``at``.

The team is built from :class:`Export` records (no files), mirroring the
planted facts of the sample team: Bob has years of messages with Jane, Riley
connected with her last month, and Carol knows Tom Baker, Jane's colleague at
Acme Robotics. ``build_team`` is shared with the CLI tests.
"""

from __future__ import annotations

from datetime import date

import pytest
from builders import (
    TODAY,
    build_team,
    li,
    profile_export,
    row,
)

from refpath.errors import PersonError, UnknownPerson
from refpath.exports.records import MessageStats
from refpath.routes.introducers import introducers_for, reachable_at
from refpath.routes.people import find_person, prospect_at
from refpath.store.db import Store, open_store
from refpath.store.ingest import add_exports


@pytest.fixture
def store(tmp_path) -> Store:
    with open_store(build_team(tmp_path / "s.db")) as s:
        yield s


def names(intro) -> list[str]:
    return [p.name for p in intro.via]


def test_real_history_ranks_first_bare_connection_lower_inferred_last(store):
    routes = introducers_for(store, find_person(store, "Jane Doe"), today=TODAY)
    assert routes.me is not None and routes.me.name == "Alex Rivera"
    assert not routes.connected and routes.connected_on is None
    assert [names(p) for p in routes.paths] == [
        ["Bob Okafor"],
        ["Riley Chen"],
        ["Carol Mendes", "Tom Baker"],
    ]
    bob, riley, carol = routes.paths
    assert bob.score > riley.score > carol.score
    assert [p.inferred for p in routes.paths] == [False, False, True]
    assert bob.reasons == (
        "You and Bob Okafor: teammates; connected since 2021",
        "Bob Okafor and Jane Doe: 40 messages 2018–2024; connected since 2016",
    )
    assert (
        riley.reasons[-1] == "Riley Chen and Jane Doe: connected since Oct 2026; no other evidence"
    )
    assert carol.reasons[-1] == (
        "Tom Baker and Jane Doe: both at Acme Robotics (12 people there in the data); "
        "inferred, no known connection"
    )
    assert carol.hops[-1].inferred and not carol.hops[0].inferred
    for path in routes.paths:
        assert len(path.hops) <= 3
        assert path.score <= min(h.strength for h in path.hops)
        assert path.hops[0].a.name == "Alex Rivera" and path.hops[-1].b.name == "Jane Doe"


def test_one_inferred_route_per_person_to_ask(store):
    routes = introducers_for(store, find_person(store, "Jane Doe"), top=10, today=TODAY)
    inferred = [p for p in routes.paths if p.inferred]
    assert [names(p) for p in inferred] == [["Carol Mendes", "Tom Baker"]]


def test_top_limits_the_routes(store):
    routes = introducers_for(store, find_person(store, "Jane Doe"), top=1, today=TODAY)
    assert [names(p) for p in routes.paths] == [["Bob Okafor"]]


def test_already_connected_says_since_when(tmp_path):
    with open_store(build_team(tmp_path / "s.db", jane_in_mine=True)) as store:
        routes = introducers_for(store, find_person(store, "Jane Doe"), today=TODAY)
    assert routes.connected and routes.connected_on == date(2023, 2, 14)
    assert routes.direct is not None
    assert routes.direct.reasons == ("You and Jane Doe: connected since 2023; no other evidence",)
    # Teammates who know her may still warm things up; guesses through her company add nothing.
    assert [names(p) for p in routes.paths] == [["Bob Okafor"], ["Riley Chen"]]


def test_without_me_the_team_is_the_start(tmp_path):
    with open_store(build_team(tmp_path / "s.db", me=False)) as store:
        routes = introducers_for(store, find_person(store, "Jane Doe"), today=TODAY)
    assert routes.me is None
    assert [names(p) for p in routes.paths] == [
        ["Bob Okafor"],
        ["Riley Chen"],
        ["Carol Mendes", "Tom Baker"],
    ]
    assert [len(p.hops) for p in routes.paths] == [1, 1, 2]
    assert routes.paths[0].hops[0].a.name == "Bob Okafor"


def test_a_contact_of_mine_can_carry_me_to_a_teammate(tmp_path):
    """me → Kim (years of messages) → Dana (Kim's close friend) → Lou beats me → Dana → Lou."""
    me = profile_export(
        "Alex Rivera",
        "alex-rivera",
        [row("Kim", "Ng", "kim-ng", "Hooli")],
        messages=[MessageStats("Kim Ng", li("kim-ng"), 40, 40, date(2015, 1, 1), date(2026, 9, 1))],
    )
    dana = profile_export(
        "Dana Fox",
        "dana-fox",
        [row("Kim", "Ng", "kim-ng", "Hooli"), row("Lou", "Park", "lou-park", "Hooli")],
        messages=[MessageStats("Kim Ng", li("kim-ng"), 50, 50, date(2012, 1, 1), date(2026, 9, 1))],
    )
    with open_store(tmp_path / "s.db") as store:
        add_exports(store, [me], me=True)
        add_exports(store, [dana])
        routes = introducers_for(store, find_person(store, "Lou Park"), today=TODAY)
    best = routes.paths[0]
    assert names(best) == ["Kim Ng", "Dana Fox"]
    assert best.reasons[0].startswith("You and Kim Ng: 80 messages 2015–2026")
    assert len(best.hops) == 3


def test_a_prospect_in_no_export_is_reached_through_their_company(store):
    prospect = prospect_at(store, "Nia Newcomer", "ACME ROBOTICS inc")
    assert prospect is not None and prospect.company == "Acme Robotics" and prospect.id == 0
    routes = introducers_for(store, prospect, today=TODAY)
    assert not routes.in_store and routes.company_size == 13
    assert routes.paths and all(p.inferred for p in routes.paths)
    assert names(routes.paths[0]) == ["Bob Okafor", "Jane Doe"]
    assert prospect_at(store, "Nia Newcomer", "Nowhere Ltd") is None


def test_a_smaller_company_makes_a_stronger_inferred_route(store):
    small = introducers_for(store, prospect_at(store, "X Y", "Initech"), today=TODAY)
    big = introducers_for(store, prospect_at(store, "X Y", "Acme Robotics"), today=TODAY)
    assert small.company_size < big.company_size
    assert small.paths[0].hops[-1].strength > big.paths[0].hops[-1].strength


def test_the_user_is_not_a_target(store):
    with pytest.raises(PersonError, match="is you"):
        introducers_for(store, find_person(store, "Alex Rivera"), today=TODAY)


def test_names_match_without_accents_emoji_or_case(store):
    assert find_person(store, "ana lucia ferreira").name == "Ana Lúcia Ferreira"
    assert find_person(store, "Priya Raman").name == "Priya Raman 🚀"
    assert find_person(store, li("ana-lúcia-ferreira")).name == "Ana Lúcia Ferreira"
    assert find_person(store, "Sam Lee", company="globex").company == "Globex"


def test_everyone_at_a_company_with_their_best_introducer(store):
    found = reachable_at(store, "acme robotics, inc.", today=TODAY)
    assert len(found) == 12
    (jane, first), (tom, second) = found[:2]
    assert (jane.name, names(first)) == ("Jane Doe", ["Bob Okafor"])
    assert (tom.name, names(second)) == ("Tom Baker", ["Carol Mendes"])
    assert [i.score for _, i in found] == sorted((i.score for _, i in found), reverse=True)
    assert not any(i.inferred for _, i in found)


def test_at_an_unknown_company_suggests_close_ones(store):
    with pytest.raises(UnknownPerson, match="closest companies: Acme Robotics"):
        reachable_at(store, "Acme Robotix", today=TODAY)
    assert [p.name for p, _ in reachable_at(store, "initech", today=TODAY)] == [
        "Priya Raman 🚀",
        "Sam Lee",
    ]


def test_no_guesses_through_a_giant_company(tmp_path):
    giant = [row(f"P{i}", "Mega", f"p{i}-mega", "Megacorp") for i in range(800)]
    with open_store(tmp_path / "s.db") as store:
        add_exports(store, [profile_export("Alex Rivera", "alex-rivera", giant[:5])], me=True)
        add_exports(store, [profile_export("Bob Okafor", "bob-okafor", giant[5:])])
        routes = introducers_for(store, find_person(store, "P100 Mega"), today=TODAY)
    assert routes.company_size == 800 and routes.company_too_big
    assert [names(p) for p in routes.paths] == [["Bob Okafor"]]
