"""The best introduction routes to everyone in the store at once, as ``refpath to`` ranks them.

The HTML map embeds, for each person, the routes ``refpath to NAME`` would
show first. Asking :class:`refpath.routes.introducers.RouteFinder` once per person costs
about a millisecond each (80 s for an 80,000-person team), so this module
finds the same routes for everyone in one pass over the store:

* every owner's side about every person is read with one query, and the
  observed routes to a person are the teammates who know them, each reached
  by the same best start (:meth:`refpath.routes.team.Team.start`) ``to`` uses;
* the routes ending in an *inferred* tie (a colleague of the target's at the
  same company) are the same for every target at that company but for the
  target itself and the people who already know it, so they are built once
  per company, ranked, and for each person asked first only the best few kept.

Ranking, tie-breaking and the rule that drops an inferred route whose first
introducer a better route already asks are :mod:`refpath.routes.introducers`'s own
(``_rank``, ``_better``, ``_varied``); the tests check that the result equals
:func:`refpath.routes.introducers.introducers_for` for every person of a team. Colleagues
(a handful) go through :class:`~refpath.routes.introducers.RouteFinder` itself.
"""

from __future__ import annotations

import heapq
from collections import Counter
from datetime import date
from typing import Any, NamedTuple

from refpath.errors import PersonError
from refpath.routes.introducers import (
    MIN_INFERRED,
    RouteFinder,
    _rank,
    _Route,
    _route,
    guess,
)
from refpath.routes.people import people_by_ids
from refpath.routes.strength import Side, merge_sides, path_score, sides_about, tie_strength
from refpath.routes.team import Team, Tie
from refpath.store.db import Store

_COMPANY_SQL = "SELECT id FROM people WHERE company_key = ?"


class MapRoute(NamedTuple):
    """One route as the map draws it: person ids from the start to the target."""

    nodes: tuple[int, ...]  #: from the user (or the teammate to ask) to the target
    inferred: tuple[bool, ...]  #: per hop: only suggested by a shared company
    score: float


class TargetRoutes(NamedTuple):
    """What the map says about one person: their best routes, and whether you know them."""

    routes: tuple[MapRoute, ...]  #: best first, at most ``top``
    connected: bool  #: your own export lists them


def _map_route(r: _Route, t: int) -> MapRoute:
    """An id-level route as the map draws it (an inferred one ends at a placeholder: ``t``)."""
    hops = r.hops
    nodes = (hops[0].a, *[h.b for h in hops[:-1]], t)
    return MapRoute(nodes, tuple([h.ev.inferred for h in hops]), r.score)


class _Candidates:
    """One company's inferred routes, ranked, the best few per first introducer."""

    def __init__(self, groups: list[list[tuple[int, int, _Route]]]) -> None:
        #: per first introducer: (colleague z, rank in the company, route), best first
        self.groups = groups
        #: whom each group's best route goes through, and those routes, best first: what
        #: a target gets unless it, or someone who knows it, is one of them
        self.heads = frozenset(g[0][0] for g in groups)
        self.best = sorted(((g[0][1], g[0][2]) for g in groups), key=lambda p: p[0])

    def picks(self, skip: set[int]) -> list[tuple[int, _Route]]:
        """Each group's best route not through anyone in ``skip``, best first."""
        if self.heads.isdisjoint(skip):
            return self.best
        picks = []
        for group in self.groups:
            for z, rank, r in group:
                if z not in skip:
                    picks.append((rank, r))
                    break
        picks.sort(key=lambda p: p[0])
        return picks


class _AllRoutes:
    """Routes to every non-colleague, from one read of the store."""

    def __init__(
        self, store: Store, top: int, today: date, sides: dict[tuple[int, int], Side] | None
    ) -> None:
        self.conn, self.top, self.today = store.conn, top, today
        self.team = team = Team(store.conn, today)
        if sides is None:
            sides = sides_about(store.conn, "SELECT id FROM people", ())
        self.sides = sides
        team.sides.update(self.sides)
        # Every person's company, as Team.load_companies reads it, and each company's size.
        team.companies.update(
            (pid, (ck, company))
            for pid, ck, company in store.conn.execute(
                "SELECT id, company_key, company FROM people"
            )
        )
        self.size = Counter(ck for ck, _ in team.companies.values() if ck)
        self.knowers: dict[int, list[int]] = {}
        for a, b in self.sides:
            self.knowers.setdefault(b, []).append(a)
        if team.me is not None:
            team.load_contacts(team.owner_ids)
        self._hops: dict[tuple[Any, ...], tuple[Any, float]] = {}
        self._companies: dict[str, _Candidates] = {}
        self._sql_order = False
        self.members: dict[str, list[int]] = {}
        for pid, (ck, _) in team.companies.items():
            if ck:
                self.members.setdefault(ck, []).append(pid)
        self._guesses: dict[str, tuple[Any, bool, float]] = {}
        self._starts: dict[int, tuple[float, tuple[int, ...], int, tuple[int, ...]]] = {}

    def _evidence(self, a: int, b: int) -> tuple[Any, float]:
        """``Team.hop(a, b)``'s evidence and strength for ``a`` an owner and ``b`` not.

        Cached by the evidence: most ties are bare connections that share it.
        """
        companies = self.team.companies
        ka = companies[a][0] if a in companies else ""
        same = bool(ka) and b in companies and ka == companies[b][0]
        side: Side | None = self.sides.get((a, b))
        key = (side, same)
        hit = self._hops.get(key)
        if hit is None:
            ev = merge_sides(side, None, same_company=same, teammates=False)
            hit = self._hops[key] = (ev, tie_strength(ev, today=self.today))
        return hit

    def hop(self, a: int, b: int) -> Tie:
        """``Team.hop(a, b)`` for ``a`` an owner and ``b`` not."""
        ev, s = self._evidence(a, b)
        return Tie(a, b, ev, s)

    def _company(self, ck: str, strength: float, last_ev: Any) -> _Candidates:
        """The inferred routes into company ``ck``, the last hop to a placeholder target 0.

        A target's routes are compared by score, then inferred or not, then length,
        then the ids along them: with the target last on each, the placeholder sorts
        them the same way, so the company's routes are ranked once, here.
        """
        found = self._companies.get(ck)
        if found is None:
            routes = self._company_routes(ck, strength, last_ev, None)
            if routes is None:  # a tie between two introducers: break it as `to` does
                z_sides = sides_about(self.conn, _COMPANY_SQL, (ck,))
                knowers: dict[int, list[int]] = {}
                for y, z in z_sides:
                    knowers.setdefault(z, []).append(y)
                routes = self._company_routes(ck, strength, last_ev, knowers)
                assert routes is not None
            found = self._companies[ck] = self._group(routes)
        return found

    def _company_routes(
        self, ck: str, strength: float, last_ev: Any, knowers: dict[int, list[int]] | None
    ) -> dict[int, _Route] | None:
        """The best route to each person at ``ck`` and on to the target (``_inferred``'s).

        Which introducer wins a tie depends on the order ``to`` reads them in (its
        query's). With ``knowers`` None they are taken in another order, and None is
        returned if two of them tie: the caller then reads them in ``to``'s order.
        """
        team, me = self.team, self.team.me
        check = knowers is None
        if knowers is None:
            members = self.members.get(ck, [])
            knowers = {z: self.knowers[z] for z in members if z in self.knowers}
        colleagues = set(knowers)
        colleagues |= {p for p in team.owner_ids if team.companies.get(p, ("",))[0] == ck}
        routes: dict[int, _Route] = {}
        for z in colleagues - {me}:
            last = Tie(z, 0, last_ev, strength)
            if z in team.owner_ids:
                routes[z] = _route((*team.first_hop(z), last))
                continue
            # _better over paths' routes, scored as paths._score multiplies (left to right)
            # without building a route for each introducer: only the best one.
            best: tuple[float, int] | None = None
            via = 0
            for y in knowers[z]:
                first = () if y == me else team.first_hop(y)
                score = 1.0
                for h in first:
                    score *= h.s
                score = score * self._evidence(y, z)[1] * strength
                key = (score, -(len(first) + 2))
                if best is not None and check and key == best:
                    return None
                if best is None or key > best:
                    best, via = key, y
            if best is not None:
                first = () if via == me else team.first_hop(via)
                routes[z] = _route((*first, self.hop(via, z), last))
        return routes

    def _group(self, routes: dict[int, _Route]) -> _Candidates:
        """The company's routes ranked, grouped by whom each asks first, the best few kept."""
        me, owner_ids = self.team.me, self.team.owner_ids
        groups: dict[int, list[tuple[int, int, _Route]]] = {}
        for rank, r in enumerate(_rank(routes.values())):
            z = r.hops[-1].a
            first = r.hops[0].b if me is not None else r.hops[0].a
            groups.setdefault(first, []).append((z, rank, r))
        kept = []
        for group in groups.values():
            # A target excludes only itself and colleagues who know it: beyond those, the
            # group's best route stands.
            owners = sum(1 for z, _, _ in group if z in owner_ids)
            kept.append(group[: owners + 2])
        return _Candidates(kept)

    def _start(self, y: int) -> tuple[float, tuple[int, ...], int, tuple[int, ...]]:
        """Teammate ``y`` as a knower: the start's score, its ids, whom it asks first, nodes."""
        found = self._starts.get(y)
        if found is None:
            me = self.team.me
            if me is None:
                found = (1.0, (), y, (y,))
            else:
                start = self.team.start(y)
                bs = tuple(h.b for h in start)
                found = (path_score(h.s for h in start), bs, start[0].b, (me, *bs))
            self._starts[y] = found
        return found

    def routes(self, t: int) -> TargetRoutes:
        """``introducers_for`` of person ``t`` (not a colleague), as ids.

        Observed routes are kept as plain tuples, not paths' objects: their score is
        the start's score times the last hop's, multiplied in the same order as
        ``paths._score``, and they rank as ``paths._rank`` ranks them.
        """
        me, top = self.team.me, self.top
        connected = False
        if me is not None and (me, t) in self.sides:
            connected = self._evidence(me, t)[0].connected
        # (-score, hops, ids after the start, whom it asks, nodes)
        observed: list[tuple[float, int, tuple[int, ...], int, tuple[int, ...]]] = []
        # A set built as paths._observed builds it: with no user, routes to the same target
        # from two teammates can tie, and then its order ranks them.
        knowers = {a for a in self.knowers.get(t, ())}
        knowers -= {t, me}
        for y in knowers:
            score, bs, first, nodes = self._start(y)
            score *= self._evidence(y, t)[1]
            observed.append((-score, len(bs) + 1, bs, first, nodes))
        picks: list[tuple[int, _Route]] = []
        ck, company = self.team.companies.get(t, ("", ""))
        if ck:
            ev, too_big, strength = self._guess(ck, company)
            if not connected and not too_big:
                scores = [o[0] for o in observed]
                floor = -heapq.nsmallest(top, scores)[-1] if len(scores) >= top else 0.0
                if strength > floor and strength >= MIN_INFERRED:
                    skip = {o[4][-1] for o in observed} | {t}  # knowers of t, t
                    # Each ends at a placeholder instead of t: the same score, and the
                    # same order among this target's routes (see _company).
                    picks = self._company(ck, strength, ev).picks(skip)
        observed.sort(key=lambda o: o[:3])  # stable: ties keep the set's order, as in paths
        # _varied(_rank(observed + picks))[:top]: the two lists merged (an observed route
        # ranks before an inferred one of the same score), stopping at ``top``.
        best: list[MapRoute] = []
        asked: set[int] = set()
        i = j = 0
        while len(best) < top and (i < len(observed) or j < len(picks)):
            if j >= len(picks) or (i < len(observed) and -observed[i][0] >= picks[j][1].score):
                neg, hops, _, first, nodes = observed[i]
                i += 1
                asked.add(first)
                best.append(MapRoute((*nodes, t), (False,) * hops, -neg))
            else:
                r = picks[j][1]
                j += 1
                first = r.hops[0].b if me is not None else r.hops[0].a
                if first in asked:
                    continue
                asked.add(first)
                best.append(_map_route(r, t))
        return TargetRoutes(tuple(best), connected)

    def _guess(self, ck: str, company: str) -> tuple[Any, bool, float]:
        """A same-company guess at ``ck``: its evidence, whether it is too weak, its strength.

        The strength depends only on how many people are at the company (the name
        in the evidence, only on the first spelling seen: it is not shown).
        """
        found = self._guesses.get(ck)
        if found is None:
            ev = guess(company, self.size[ck])
            found = (ev, tie_strength(ev) < MIN_INFERRED, tie_strength(ev, today=self.today))
            self._guesses[ck] = found
        return found


def all_routes(
    store: Store,
    people: list[int] | None = None,
    *,
    top: int = 3,
    today: date | None = None,
    sides: dict[tuple[int, int], Side] | None = None,
) -> dict[int, TargetRoutes]:
    """The ``top`` best routes to each person, as ``introducers_for`` finds them.

    Parameters
    ----------
    store : Store
        An open refpath store.
    people : list of int, optional
        Person ids (default: everyone in the store). The user is left out.
    top : int
        Routes per person.
    today : date, optional
        The day strengths are computed for (default: today).
    sides : dict, optional
        ``sides_about`` over every person, when the caller has read it already (it is
        not changed).

    Returns
    -------
    dict
        Person id -> :class:`TargetRoutes`, for every person asked for but the user.
    """
    today = today or date.today()
    batch = _AllRoutes(store, top, today, sides)
    team = batch.team
    if people is None:
        people = [pid for (pid,) in store.conn.execute("SELECT id FROM people ORDER BY id")]
    out: dict[int, TargetRoutes] = {}
    owners = []
    for pid in people:
        if pid == team.me:
            continue
        if pid in team.owner_ids:
            owners.append(pid)
        else:
            out[pid] = batch.routes(pid)
    finder = RouteFinder(store, top=top, today=today)
    for person in people_by_ids(store.conn, owners):
        try:
            found = finder.routes(person)
        except PersonError:  # pragma: no cover - the user was left out above
            continue
        routes = tuple(
            MapRoute(
                (i.hops[0].a.id, *(h.b.id for h in i.hops)),
                tuple(h.inferred for h in i.hops),
                i.score,
            )
            for i in found.paths
        )
        out[person.id] = TargetRoutes(routes, found.connected)
    return out
