"""The batch plan: one optimal assignment under caps, statuses, and the outreach log's effect.

``assign`` is tested on its own against greedy and against brute force (hypothesis over
random bipartite instances); ``make_plan`` on the test team of ``test_paths`` (Bob knows
Jane well, Riley barely, Carol knows Tom Baker and ten engineers at Acme Robotics).
"""

from __future__ import annotations

import itertools
from datetime import timedelta

import pytest
from builders import TODAY, assert_same_routes, build_team, contact, export, li
from hypothesis import given, settings
from hypothesis import strategies as st

from refpath.errors import InputError, StoreError
from refpath.outreach.leads import parse_prospects
from refpath.outreach.log import follow_ups_due, log_outreach, outreach_log
from refpath.outreach.plan import SCALE, assign, make_plan
from refpath.routes.people import find_person, prospect_at
from refpath.store.db import open_store

# -- assign: the optimisation on its own ------------------------------------------------


def greedy(candidates, room, companies=None):
    """The loop the plan must not be: best pair first while there is room."""
    left = dict(room)
    used: set[tuple[str, str]] = set()
    out: list[str | None] = [None] * len(candidates)
    pairs = sorted(
        ((s, i, j) for i, c in enumerate(candidates) for j, s in c.items()),
        key=lambda x: (-x[0], x[1], x[2]),
    )
    for _, i, j in pairs:
        ck = companies[i] if companies else ""
        if out[i] is None and left.get(j, 0) > 0 and (j, ck) not in used:
            out[i] = j
            left[j] -= 1
            if ck:
                used.add((j, ck))
    return out


def gain(candidates, chosen) -> int:
    return sum(max(1, round(candidates[i][j] * SCALE)) for i, j in enumerate(chosen) if j)


def feasible(candidates, room, chosen, companies=None) -> bool:
    load: dict[str, int] = {}
    pairs: set[tuple[str, str]] = set()
    for i, j in enumerate(chosen):
        if j is None:
            continue
        if j not in candidates[i]:
            return False
        load[j] = load.get(j, 0) + 1
        ck = companies[i] if companies else ""
        if ck and (j, ck) in pairs:
            return False
        pairs.add((j, ck))
    return all(n <= room.get(j, 0) for j, n in load.items())


def brute_force(candidates, room, companies=None) -> int:
    options = [[None, *c] for c in candidates]
    return max(
        gain(candidates, chosen)
        for chosen in itertools.product(*options)
        if feasible(candidates, room, chosen, companies)
    )


def test_the_plan_beats_greedy_where_greedy_is_provably_worse():
    # A reaches P1 (0.9) and P2 (0.8); B reaches only P1 (0.7); one ask each.
    candidates = [{"A": 0.9, "B": 0.7}, {"A": 0.8}]
    room = {"A": 1, "B": 1}
    assert greedy(candidates, room) == ["A", None]  # 0.9, and P2 is left out
    assert assign(candidates, room) == ["B", "A"]  # 0.7 + 0.8 = 1.5
    assert (
        gain(candidates, ["B", "A"])
        == brute_force(candidates, room)
        > gain(candidates, greedy(candidates, room))
    )


def test_score_is_maximised_not_the_number_assigned():
    # Two weak asks (0.1 + 0.1) are worth less than one strong one (0.9).
    candidates = [{"A": 0.9, "B": 0.1}, {"A": 0.1}]
    assert assign(candidates, {"A": 1, "B": 1}) == ["A", None]


def test_caps_company_limit_and_empty_inputs():
    assert assign([], {}) == []
    assert assign([{"A": 0.5}, {}], {"A": 0}) == [None, None]
    three = [{"A": 0.5}, {"A": 0.4}, {"A": 0.3}]
    assert assign(three, {"A": 2}) == ["A", "A", None]
    same_company = assign(three, {"A": 3}, companies=["acme", "acme", ""])
    assert same_company == ["A", None, "A"]  # '' is no company: no limit


def test_tiny_scores_still_count():
    # A score that rounds to 0 at SCALE would leave the solver indifferent.
    assert assign([{"A": 1e-7}], {"A": 1}) == ["A"]


_introducers = ["A", "B", "C"]


@st.composite
def instances(draw, companies=False):
    n = draw(st.integers(1, 6))
    candidates = [
        draw(
            st.dictionaries(
                st.sampled_from(_introducers), st.integers(1, SCALE).map(lambda k: k / SCALE)
            )
        )
        for _ in range(n)
    ]
    room = {j: draw(st.integers(0, 3)) for j in _introducers}
    firms = [draw(st.sampled_from(["", "acme", "globex"])) for _ in range(n)] if companies else None
    return candidates, room, firms


@settings(max_examples=300, deadline=None)
@given(instances())
def test_assignment_is_optimal_within_caps_and_leaves_no_one_out_with_room(instance):
    candidates, room, _ = instance
    chosen = assign(candidates, room)
    assert feasible(candidates, room, chosen)  # loads within caps; every pair a candidate
    assert gain(candidates, chosen) >= gain(candidates, greedy(candidates, room))
    assert gain(candidates, chosen) == brute_force(candidates, room)
    load = {j: chosen.count(j) for j in _introducers}
    for i, j in enumerate(chosen):
        if j is None:
            assert all(load[k] >= room[k] for k in candidates[i]), "left out despite room"


@settings(max_examples=200, deadline=None)
@given(instances(companies=True))
def test_one_per_company_is_optimal_within_its_limits(instance):
    candidates, room, firms = instance
    chosen = assign(candidates, room, companies=firms)
    assert feasible(candidates, room, chosen, firms)
    assert gain(candidates, chosen) >= gain(candidates, greedy(candidates, room, firms))
    assert gain(candidates, chosen) == brute_force(candidates, room, firms)


# -- make_plan on the test team --------------------------------------------------------


@pytest.fixture
def store(tmp_path):
    with open_store(build_team(tmp_path / "s.db")) as s:
        yield s


def leads(*rows: str):
    return parse_prospects("Name,Company\n" + "".join(f"{r}\n" for r in rows), "leads.csv")


def plan(store, *rows: str, **kw):
    return make_plan(store, leads(*rows), today=TODAY, **kw)


def summary(p) -> list[tuple[str, str, str]]:
    return [(r.prospect.label, r.status, r.intro.via[0].name if r.intro else "") for r in p.rows]


def test_every_status_the_matching_gives(store):
    p = plan(
        store,
        "Jane Doe,Acme Robotics",
        "Sam Lee,",
        "Nobody Here,",
        "Priya Raman,",
        "Nia Newcomer,Acme Robotics",
        "Jane Doe,",
    )
    assert summary(p) == [
        ("Jane Doe", "assigned", "Bob Okafor"),
        ("Sam Lee", "ambiguous", ""),
        ("Nobody Here", "not found", ""),
        ("Priya Raman", "already connected", ""),
        ("Nia Newcomer", "assigned", "Bob Okafor"),
        ("Jane Doe", "duplicate", ""),
    ]
    notes = [r.notes for r in p.rows]
    assert notes[1] == (
        "2 people match: Sam Lee, Data Scientist, Globex; Sam Lee, Engineer, Initech; "
        "add a company or URL",
    )
    assert notes[2] == ("no one called Nobody Here in the store",)
    assert notes[5] == ("same person as line 2",)
    assert p.rows[4].intro is not None and p.rows[4].intro.inferred
    assert p.me is not None and p.me.name == "Alex Rivera"


def test_caps_hold_and_reasons_name_the_full_introducers(store):
    p = plan(store, "Jane Doe,", "Sam Lee,Globex", max_per_introducer=1)
    # Bob is the only route to Sam Lee; Jane's 0.72 through Bob beats Sam's 0.20 + Jane's
    # 0.08 through Riley, so Sam is left out, and the row says why.
    assert summary(p) == [("Jane Doe", "assigned", "Bob Okafor"), ("Sam Lee", "over capacity", "")]
    assert p.rows[1].notes == ("Bob Okafor (0.20) is at capacity",)
    assert [(x.name, x.new, x.recent) for x in p.load] == [("Bob Okafor", 1, 0)]


def test_no_prospect_is_left_out_while_an_introducer_of_theirs_has_room(store):
    p = plan(store, "Tom Baker,", "Eng0 Acme,", "Eng1 Acme,", "Eng2 Acme,", max_per_introducer=2)
    assert [r.status for r in p.rows] == ["assigned"] * 4
    loads = {x.name: x.new for x in p.load}
    assert loads == {"Carol Mendes": 2, "Bob Okafor": 2}


def test_one_per_company_asks_each_introducer_about_one_person_per_company(store):
    rows = ("Jane Doe,", "Tom Baker,", "Eng0 Acme,", "Eng1 Acme,")
    p = plan(store, *rows, one_per_company=True)
    assert summary(p) == [
        ("Jane Doe", "assigned", "Bob Okafor"),
        ("Tom Baker", "assigned", "Carol Mendes"),
        ("Eng0 Acme", "over capacity", ""),
        ("Eng1 Acme", "over capacity", ""),
    ]
    assert p.rows[2].notes == (
        "Carol Mendes (0.20) is already asked about someone there",
        "Bob Okafor (0.04) is already asked about someone there",
    )
    assert [r.status for r in plan(store, *rows).rows] == ["assigned"] * 4


def test_progress_is_reported_after_each_prospect(store):
    seen = []
    make_plan(
        store, leads("Jane Doe,", "Tom Baker,"), today=TODAY, progress=lambda *a: seen.append(a)
    )
    assert seen == [(1, 2), (2, 2)]


def test_negative_limits_are_refused(store):
    with pytest.raises(InputError):
        plan(store, "Jane Doe,", max_per_introducer=-1)


# -- the outreach log and its effect on the plan ----------------------------------------


def who(store, name, company=None):
    return find_person(store, name, company=company)


def test_a_recent_ask_is_not_planned_again_and_counts_against_the_cap(store):
    log_outreach(store, who(store, "Jane Doe"), who(store, "Bob Okafor"), on=TODAY)
    p = plan(store, "Jane Doe,", "Sam Lee,Globex", max_per_introducer=1)
    assert summary(p) == [("Jane Doe", "recently asked", ""), ("Sam Lee", "over capacity", "")]
    assert p.rows[0].notes == (f"asked Bob Okafor on {TODAY.isoformat()}",)
    p = plan(store, "Jane Doe,", "Sam Lee,Globex", max_per_introducer=2)
    assert summary(p)[1] == ("Sam Lee", "assigned", "Bob Okafor")
    assert [(x.name, x.new, x.recent) for x in p.load] == [("Bob Okafor", 1, 1)]


def test_an_ask_older_than_the_cooldown_frees_the_introducer_and_the_prospect(store):
    asked = TODAY - timedelta(days=40)
    log_outreach(store, who(store, "Jane Doe"), who(store, "Bob Okafor"), on=asked)
    p = plan(store, "Jane Doe,", "Sam Lee,Globex", max_per_introducer=1)
    assert summary(p)[0] == ("Jane Doe", "assigned", "Bob Okafor")
    assert p.rows[0].notes == (f"asked Bob Okafor on {asked.isoformat()}; no answer logged",)
    p = plan(store, "Jane Doe,", max_per_introducer=1, cooldown_days=60)
    assert summary(p) == [("Jane Doe", "recently asked", "")]


def test_a_declined_introducer_is_not_asked_again_about_that_prospect(store):
    jane, bob = who(store, "Jane Doe"), who(store, "Bob Okafor")
    log_outreach(store, jane, bob, on=TODAY - timedelta(days=3))
    log_outreach(store, jane, bob, "declined", on=TODAY - timedelta(days=1))
    p = plan(store, "Jane Doe,", "Sam Lee,Globex", max_per_introducer=2)
    assert summary(p) == [
        ("Jane Doe", "assigned", "Riley Chen"),
        ("Sam Lee", "assigned", "Bob Okafor"),
    ]
    assert [(x.name, x.new, x.recent) for x in p.load] == [
        ("Bob Okafor", 1, 1),
        ("Riley Chen", 1, 0),
    ]


@pytest.mark.parametrize("status", ["introduced", "met"])
def test_introduced_and_met_prospects_are_marked_and_not_planned(store, status):
    jane, bob = who(store, "Jane Doe"), who(store, "Bob Okafor")
    log_outreach(store, jane, bob, on=TODAY - timedelta(days=90))
    log_outreach(store, jane, bob, status, on=TODAY - timedelta(days=80))
    p = plan(store, "Jane Doe,")
    assert summary(p) == [("Jane Doe", status, "")]
    when = (TODAY - timedelta(days=80)).isoformat()
    assert p.rows[0].notes == (f"{status} on {when} via Bob Okafor",)


def test_follow_ups_due_are_open_asks_old_enough(store):
    jane, tom, bob, carol = (who(store, n) for n in ("Jane Doe", "Tom Baker", "Bob Okafor",
                                                   "Carol Mendes"))  # fmt: skip
    sam = who(store, "Sam Lee", "Globex")
    log_outreach(store, jane, bob, on=TODAY - timedelta(days=10))
    log_outreach(store, tom, carol, on=TODAY - timedelta(days=9))
    log_outreach(store, tom, carol, "introduced", on=TODAY - timedelta(days=2))
    log_outreach(store, sam, bob, on=TODAY - timedelta(days=3))
    due = follow_ups_due(store, today=TODAY)
    assert [(e.prospect, e.introducer, days) for e, days in due] == [("Jane Doe", "Bob Okafor", 10)]
    assert len(follow_ups_due(store, days=3, today=TODAY)) == 2
    assert [e.status for e in outreach_log(store)] == ["asked", "asked", "asked", "introduced"]


def test_the_log_is_kept_by_key_and_follows_merges(tmp_path):

    from refpath.store.ingest import add_exports

    with open_store(tmp_path / "s.db") as s:
        tom_row = contact("Tom", "Baker", "", "Acme Robotics")
        add_exports(s, [export("Carol Mendes", [tom_row], fmt="2021")])
        entry = log_outreach(s, who(s, "Tom Baker"), who(s, "Carol Mendes"), on=TODAY)
        assert entry.prospect_key == "nm:tom baker|acme robotics"
        with_url = contact("Tom", "Baker", li("tom-baker-7"), "Acme Robotics")
        add_exports(s, [export("Bob Okafor", [with_url])])
        assert [e.prospect_key for e in outreach_log(s)] == ["in:tom-baker-7"]
        stored = s.conn.execute("SELECT * FROM outreach").fetchall()
        assert stored == [
            (1, "nm:tom baker|acme robotics", "Tom Baker", "ow:carol mendes", "Carol Mendes",
             "asked", TODAY.isoformat(), ""),
        ]  # fmt: skip


def test_a_prospect_in_no_export_is_logged_under_a_name_key(store):
    nia = prospect_at(store, "Nia Newcomer", "Acme Robotics")
    assert nia is not None
    log_outreach(store, nia, who(store, "Bob Okafor"), on=TODAY)
    p = plan(store, "Nia Newcomer,Acme Robotics")
    assert summary(p) == [("Nia Newcomer", "recently asked", "")]


def test_bad_log_entries_are_refused(store, tmp_path):
    jane, bob = who(store, "Jane Doe"), who(store, "Bob Okafor")
    with pytest.raises(InputError, match="not one of asked, introduced, declined, met"):
        log_outreach(store, jane, bob, "ghosted")
    with pytest.raises(InputError, match="cannot introduce you to themselves"):
        log_outreach(store, jane, jane)
    store.conn.execute("DROP TABLE outreach")  # a store made before the log existed
    assert outreach_log(store) == []
    with pytest.raises(StoreError, match="predates the outreach log"):
        log_outreach(store, jane, bob)


# -- the shared route finder is introducers_for -------------------------------------------


@pytest.mark.parametrize("variant", [{}, {"me": False}, {"jane_in_mine": True}])
@pytest.mark.parametrize("top", [1, 3, 10])
def test_shared_routes_equal_introducers_for(tmp_path, variant, top):
    with open_store(build_team(tmp_path / "s.db", **variant)) as s:
        assert_same_routes(s, TODAY, top)
