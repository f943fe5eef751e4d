"""Who can introduce the user to a prospect, ranked and explained.

Every edge in the store has a colleague (an *owner*) at one end, so the routes
of up to three hops from the user to a target are found by intersecting small
sets read with indexed queries, never by building or searching the whole
network:

* **via a teammate who knows the target**: me → teammate → target, where the
  me → teammate hop is the best of the direct tie (teammates always reach each
  other), a detour through another teammate, or through one of my own contacts
  the teammate also knows (me → contact → teammate → target);
* **inferred, through the target's company**: me → (teammate →) colleague of
  the target ⇢ target, where the last hop is only *inferred* from both working
  at the same company, and counts less the bigger that company is in the data.

With no export marked as the user's (``refpath add --me``), the whole team is
the starting point: each route starts at the teammate to ask. Scores are
products of hop strengths from :mod:`refpath.routes.strength`; see ``docs/scoring.md``.
"""

from __future__ import annotations

import heapq
import json
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

from refpath.errors import InputError, PersonError
from refpath.identity import company_key, name_key, profile_key
from refpath.routes.people import Person, companies_at, people_by_ids
from refpath.routes.strength import (
    IDS,
    Side,
    TieEvidence,
    bare_strength,
    path_score,
    sides_about,
    tie_reasons,
    tie_strength,
)
from refpath.routes.team import Team, Tie
from refpath.store.db import Store

#: Routes longer than this (in hops from the user) are not searched.
MAX_HOPS = 3
#: Inferred ties weaker than this are not searched: beyond ~700 people at a company in
#: the data, sharing an employer says almost nothing about knowing someone.
MIN_INFERRED = 0.001


@dataclass(frozen=True)
class Hop:
    """One tie on a route, with its strength and the evidence for it."""

    a: Person
    b: Person
    strength: float  #: tie strength in [0, 1)
    inferred: bool  #: not seen in any export; only suggested by a shared company
    evidence: TieEvidence
    reasons: tuple[str, ...]  #: the evidence in plain words


@dataclass(frozen=True)
class Introduction:
    """One route from the user to the target.

    ``via`` are the people between the user and the target (excluding both):
    ``via[0]`` is whom the user asks, ``via[-1]`` knows the target.
    """

    via: tuple[Person, ...]
    hops: tuple[Hop, ...]
    score: float  #: product of the hop strengths, in [0, 1)
    inferred: bool  #: some hop is inferred
    reasons: tuple[str, ...]  #: one line per hop


@dataclass(frozen=True)
class Routes:
    """Everything ``refpath to`` says about one target."""

    target: Person
    me: Person | None  #: None: no export is marked as the user's; routes start at the team
    connected: bool  #: the user's own export lists the target
    connected_on: date | None
    paths: tuple[Introduction, ...]  #: best first
    in_store: bool = True  #: False: a prospect in no export, reached through their company
    company_size: int = 0  #: people at the target's company in the data
    company_too_big: bool = False  #: no inferred routes: the company is too big to guess
    direct: Hop | None = None  #: the user's own tie to the target, when the data shows one

    @property
    def people_there(self) -> int:
        """People at the target's company in the data (a prospect in no export is not)."""
        return max(0, self.company_size - (0 if self.in_store else 1))


class _Route(NamedTuple):
    score: float
    inferred: bool
    hops: tuple[Tie, ...]


def _route(hops: tuple[Tie, ...]) -> _Route:
    return _Route(path_score(h.s for h in hops), any(h.ev.inferred for h in hops), hops)


def _better(routes: dict[int, _Route], key: int, route: _Route) -> None:
    old = routes.get(key)
    if old is None or (route.score, -len(route.hops)) > (old.score, -len(old.hops)):
        routes[key] = route


def _rank(routes: Iterable[_Route]) -> list[_Route]:
    return sorted(routes, key=lambda r: (-r.score, r.inferred, len(r.hops), [h.b for h in r.hops]))


def _varied(ranked: list[_Route], me: int | None) -> list[_Route]:
    """Drop an inferred route when a better route already asks the same person.

    Someone who knows the target (or a colleague of theirs) better than this
    guess would not be asked to go through it: the rest differ only in a guess.
    """
    asked: set[int] = set()
    out = []
    for r in ranked:
        first = r.hops[0].b if me is not None else r.hops[0].a
        if r.inferred and first in asked:
            continue
        asked.add(first)
        out.append(r)
    return out


def _observed(team: Team, t: int, t_sides: dict[tuple[int, int], Side]) -> dict[int, _Route]:
    """Routes whose last hop is a tie to the target seen in an export."""
    knowers = {a for (a, b) in t_sides if b == t}
    if t in team.owner_ids:  # a colleague target's own export names people too
        knowers |= {b for (a, b) in team.sides if a == t and b in team.owner_ids}
    knowers -= {t, team.me}
    team.load_contacts(knowers | ({t} if t in team.owner_ids else set()))
    routes: dict[int, _Route] = {}
    for y in knowers:
        _better(routes, y, _route((*team.start(y), team.hop(y, t))))
    me = team.me
    if me is not None and t in team.owner_ids:  # my contacts who also know my colleague
        for x in team.contacts:
            if (t, x) in team.sides:
                _better(routes, x, _route((team.hop(me, x), team.hop(x, t))))
    return routes


def guess(company: str, size: int, outsider: bool = False) -> TieEvidence:
    """The evidence of an inferred tie: both at ``company`` (``size`` people in the data).

    ``outsider``: the target is in no export, and counted in ``size`` all the same.

    >>> from refpath.routes.strength import tie_strength
    >>> tie_strength(guess("Acme", 12)) > tie_strength(guess("Acme", 400)) > MIN_INFERRED
    True
    >>> tie_strength(guess("Acme", 20_000)) < MIN_INFERRED
    True
    """
    return TieEvidence(
        0, 0, None, None, 0, 0, False, None, None, True, False,
        inferred=True, company_size=size, company=company, outsider=outsider,
    )  # fmt: skip


def _inferred(
    team: Team, t: int, ck: str, company: str, size: int, skip: set[int], floor: float
) -> dict[int, _Route]:
    """Routes ending in an inferred tie: a colleague at the target's company ⇢ target."""
    ev = guess(company, size, outsider=not t)
    strength = tie_strength(ev, today=team.today)
    routes: dict[int, _Route] = {}
    if strength <= floor or strength < MIN_INFERRED:  # none could make the top k / matter
        return routes
    z_sides = sides_about(team.conn, "SELECT id FROM people WHERE company_key = ?", (ck,))
    team.sides.update(z_sides)
    knowers: dict[int, list[int]] = {}
    for y, z in z_sides:
        knowers.setdefault(z, []).append(y)
    colleagues = set(knowers)
    colleagues |= {p for p in team.owner_ids if team.companies.get(p, ("",))[0] == ck}
    team.load_companies(colleagues)
    for z in colleagues - skip - {t, team.me}:
        last = Tie(z, t, ev, strength)
        if z in team.owner_ids:
            _better(routes, z, _route((*team.first_hop(z), last)))
            continue
        for y in knowers[z]:
            if y == team.me:
                _better(routes, z, _route((team.hop(y, z), last)))
            else:
                _better(routes, z, _route((*team.first_hop(y), team.hop(y, z), last)))
    return routes


class _Materialise:
    """Turn id-level routes into Person-level Introductions (only for the few shown)."""

    def __init__(self, team: Team, routes: list[_Route], extra: Iterable[Person] = ()) -> None:
        self.team = team
        ids = {team.me} if team.me is not None else set()
        for r in routes:
            for h in r.hops:
                ids |= {h.a, h.b}
        self.people = {p.id: p for p in extra}
        self.people.update({p.id: p for p in people_by_ids(team.conn, sorted(ids - {0}))})

    def name(self, pid: int) -> str:
        return "You" if pid == self.team.me else self.people[pid].name

    def introduction(self, route: _Route) -> Introduction:
        hops = tuple(
            Hop(
                self.people[h.a],
                self.people[h.b],
                h.s,
                h.ev.inferred,
                h.ev,
                tuple(tie_reasons(self.name(h.a), self.name(h.b), h.ev, today=self.team.today)),
            )
            for h in route.hops
        )
        via = tuple(h.b for h in hops[:-1])
        if self.team.me is None:
            via = (hops[0].a, *via)
        reasons = tuple(line for h in hops for line in h.reasons)
        return Introduction(via, hops, route.score, route.inferred, reasons)


class RouteFinder:
    """:func:`introducers_for` for one target after another, reading the team once.

    Reading the team (colleagues, their ties) takes ~6 ms on a 50-owner store:
    6 s for 1,000 targets if read afresh. A finder reads it once and keeps the
    ties it has scored; what it returns for a target does not depend on the
    targets before it.
    """

    def __init__(self, store: Store, *, top: int = 5, today: date | None = None) -> None:
        self.conn = store.conn
        self.team = Team(store.conn, today or date.today())
        self.top = top

    def routes(self, target: Person) -> Routes:
        """The ``top`` best routes to ``target``, best first (see :func:`introducers_for`)."""
        conn, team, top, t = self.conn, self.team, self.top, target.id
        if t and t == team.me:
            raise PersonError(f"{target.name} is you; name someone else")
        t_sides = sides_about(conn, IDS, (json.dumps([t]),))
        team.sides.update(t_sides)
        ck = company_key(target.company)
        if t not in team.owner_ids:  # id 0 is every outsider, each at their own company
            team.companies[t] = (ck, target.company)
        team.load_companies({a for a, _ in t_sides})
        connected, connected_on, direct = False, None, None
        if team.me is not None and ((team.me, t) in team.sides or (t, team.me) in team.sides):
            direct = _route((team.hop(team.me, t),))
            connected, connected_on = direct.hops[0].ev.connected, direct.hops[0].ev.connected_on
        routes = _observed(team, t, t_sides) if t else {}
        size = 0
        if ck:
            sql = "SELECT COUNT(*) FROM people WHERE company_key = ?"
            size = conn.execute(sql, (ck,)).fetchone()[0] + (0 if t else 1)  # +1: the prospect
        too_big = bool(ck) and tie_strength(guess(target.company, size)) < MIN_INFERRED
        if ck and not connected and not too_big:  # guesses add nothing once I know the target
            ranked = _rank(routes.values())
            floor = ranked[top - 1].score if len(ranked) >= top else 0.0
            found = _inferred(team, t, ck, target.company, size, set(routes), floor)
            for key, route in found.items():
                _better(routes, key, route)
        best = _varied(_rank(routes.values()), team.me)[: max(0, top)]
        make = _Materialise(team, [*best, *([direct] if direct else [])], extra=[target])
        return Routes(
            target=target,
            me=make.people.get(team.me) if team.me is not None else None,
            connected=connected,
            connected_on=connected_on,
            paths=tuple(make.introduction(r) for r in best),
            in_store=bool(t),
            company_size=size,
            company_too_big=too_big and not connected,
            direct=make.introduction(direct).hops[0] if direct else None,
        )


def introducers_for_many(
    store: Store, targets: Sequence[Person], *, top: int = 5, today: date | None = None
) -> list[Routes]:
    """:func:`introducers_for` of each target, in order, reading the team once."""
    finder = RouteFinder(store, top=top, today=today)
    return [finder.routes(target) for target in targets]


def introducers_for(
    store: Store, target: Person, *, top: int = 5, today: date | None = None
) -> Routes:
    """The ``top`` best routes from the user (or the team) to ``target``, best first.

    ``target`` may be a prospect in no export (``id == 0``, see
    :func:`refpath.routes.people.prospect_at`): then only inferred routes through
    people at their company exist. For many targets, use
    :func:`introducers_for_many` or a :class:`RouteFinder`.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from refpath.store.db import open_store
    >>> with tempfile.TemporaryDirectory() as d, open_store(pathlib.Path(d) / "s.db") as s:
    ...     nobody = Person(0, "", "Jane Doe", "", "", "", ())
    ...     introducers_for(s, nobody).paths
    ()
    """
    return introducers_for_many(store, [target], top=top, today=today)[0]


def route_via(routes: Routes, via: str, *, option: str = "--via") -> Introduction:
    """The best route whose introducer (or, failing that, anyone on it) is ``via``.

    ``via`` is a name, a profile URL, or a first name alone, matched as names
    are everywhere (folded); where several routes match, one that asks a
    colleague comes first. ``refpath draft --via`` and the Python API's
    ``draft(via=...)`` pick a route with it. Raises :class:`InputError` naming
    ``option`` and the introducers there are when no route goes through ``via``.
    """
    key = profile_key(via)
    folded = name_key(via)
    one_word = bool(folded) and " " not in folded

    def full(p: Person) -> bool:
        return (bool(key) and profile_key(p.url) == key) or name_key(p.name) == folded

    def first(p: Person) -> bool:
        return one_word and name_key(p.name).split(" ")[0] == folded

    for same in (full, first):
        for scope in (lambda i: i.via[:1], lambda i: i.via):
            hits = [(i, p) for i in routes.paths for p in scope(i) if same(p)]
            if hits:
                return next((i for i, p in hits if p.is_owner), hits[0][0])
    names = list(dict.fromkeys(i.via[0].name for i in routes.paths))
    raise InputError(
        f"{option} {via!r} is not on a route to {routes.target.name}; "
        f"the introducers are: {', '.join(names)}"
    )


def _count(conn: sqlite3.Connection, keys: list[str]) -> int:
    """How many people at the companies ``keys`` the team reaches (all there but colleagues)."""
    return int(
        conn.execute(
            f"SELECT COUNT(*) FROM people WHERE company_key IN ({IDS}) "
            "AND id NOT IN (SELECT person_id FROM owners)",
            (json.dumps(keys),),
        ).fetchone()[0]
    )


def reachable(
    store: Store, company: str, *, top: int | None = 50, today: date | None = None
) -> tuple[list[tuple[Person, Introduction]], int]:
    """(the ``top`` best routes at ``company``, best first; how many people there are reached).

    One look-up of the company's names for both (``top=None``: everyone).
    """
    keys = companies_at(store.conn, company)
    return _reachable(store, keys, top, today), _count(store.conn, keys)


def reachable_at(
    store: Store, company: str, *, top: int | None = None, today: date | None = None
) -> list[tuple[Person, Introduction]]:
    """Everyone at ``company`` (folded, by whole words) the team reaches, each with a best route.

    Colleagues (whose exports were added) are left out: they are the team.
    Best first; only the ``top`` best when given. Raises
    :class:`refpath.errors.UnknownPerson` when no one is at that company.
    """
    return _reachable(store, companies_at(store.conn, company), top, today)


_CONNECTED_AT = """SELECT c.owner_id, c.person_id, c.connected_on
FROM people p JOIN connections c ON c.person_id = p.id WHERE p.company_key = ?"""
_TALKED_AT = f"""SELECT DISTINCT s.person_id, p.company_key
FROM people p JOIN signals s ON s.person_id = p.id WHERE p.company_key IN ({IDS})"""


def _reachable(
    store: Store, keys: list[str], top: int | None, today: date | None
) -> list[tuple[Person, Introduction]]:
    """The best route to each person at the companies ``keys``; the ``top`` best of them.

    Most ties to a company's people are a bare connection (no messages,
    endorsements, ...): those are read from the indexes alone and scored by
    date (one score per date and company match), never built into evidence;
    only the people with more evidence are read whole. Whole routes are built
    for the best only. The answer is the one scoring every route would give
    (``tests/routes/test_reachable.py`` compares the two).
    """
    conn = store.conn
    team = Team(conn, today or date.today())
    wanted = (json.dumps(keys),)
    talked = dict(conn.execute(_TALKED_AT, wanted))  # people with more than a connection
    team.keys.update(talked)
    full = sides_about(conn, IDS, (json.dumps(sorted(talked)),)) if talked else {}
    team.sides.update(full)
    colleagues, me = team.owner_ids, team.me
    team.load_contacts(set(colleagues) - {me})
    # Per colleague: how well the user reaches them, the hops that takes, their company, and
    # (for routes as good and as short) the order of trying them: best reached, then lowest id.
    starts = {a: 1.0 if a == me else path_score(h.s for h in team.start(a)) for a in team.owner_ids}
    order = {a: i for i, a in enumerate(sorted(starts, key=lambda k: (-starts[k], k)))}
    knower = {
        oid: (starts[a], -(1 if a == me else len(team.start(a)) + 1), -order[a], a, team.key(a))
        for a, oid in team.owner_ids.items()
    }
    by_pid = {v[3]: v for v in knower.values()}
    # b -> (score, -hops, -order, knower, date of a bare tie, b's company)
    best: dict[int, tuple[float, int, int, int, str | None, str]] = {}
    for a, b in full:
        if b in talked and b not in colleagues:
            start, hops, rank, _, _ = by_pid[a]
            mine = (start * team.strength(a, b), hops, rank, a, None, talked[b])
            old = best.get(b)
            if old is None or mine[:3] > old[:3]:
                best[b] = mine
    skip = set(talked) | set(colleagues)
    by_date: tuple[dict, dict] = ({}, {})  # bare tie strength by date: elsewhere, same company
    for kb in keys:  # one company at a time: its key need not be read for every tie
        for oid, b, on in conn.execute(_CONNECTED_AT, (kb,)):
            if b in skip:
                continue
            start, hops, rank, a, ka = knower[oid]
            same = ka == kb  # a key of the company's people is never ''
            s = by_date[same].get(on)
            if s is None:
                s = by_date[same][on] = bare_strength(
                    _bare_side(on), None, same_company=same, teammates=False, today=team.today
                )
            score = start * s
            old = best.get(b)
            if old is None or score > old[0] or (score == old[0] and (hops, rank) > old[1:3]):
                best[b] = (score, hops, rank, a, on, kb)
    cut = heapq.nlargest(top, (r[0] for r in best.values()))[-1] if top and best else 0.0
    routes = {}
    for b, (score, _, _, a, on, kb) in best.items():
        if score >= cut:
            team.keys[b] = kb
            if b not in talked:
                team.sides[a, b] = _bare_side(on)
            last = team.hop(a, b)
            routes[b] = _route((last,) if a == me else (*team.start(a), last))
    ranked = _rank(routes.values())[:top]
    make = _Materialise(team, ranked)
    return [(make.people[r.hops[-1].b], make.introduction(r)) for r in ranked]


def _bare_side(connected_on: str | None) -> Side:
    """What :func:`sides_about` reads for a connection with no other evidence."""
    return Side(True, connected_on, 0, 0, None, None, None, False, 0, 0, 0)
