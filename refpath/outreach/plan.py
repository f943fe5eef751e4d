"""Plan outreach for a whole lead list as one optimisation.

Each prospect is matched to exactly one person (or reported as ambiguous or
not found, never guessed) and gets its candidate introducers from the same
engine as ``refpath to`` (:mod:`refpath.routes.introducers`), keyed by the person the user
would ask (``via[0]``): an ask spends that person's goodwill. Then one
min-cost flow (networkx ``network_simplex`` on integer costs) gives each
prospect at most one introducer so that the total route score is as high as
possible while no introducer takes more than N asks (optionally: at most one
per target company). The outreach log (:mod:`refpath.outreach.log`) feeds back:
prospects met, introduced or recently asked are not planned again, and recent
asks count against an introducer's capacity. See ``docs/plan.md``.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from refpath.errors import InputError
from refpath.identity import company_key
from refpath.outreach.leads import Prospect, ProspectList, match_prospect, person_key
from refpath.outreach.log import LogState
from refpath.routes.introducers import Introduction, RouteFinder, Routes
from refpath.routes.people import Person
from refpath.routes.standing import COLLEAGUE, CONNECTED, YOU, sentence, standing
from refpath.store.db import Store

#: Scores are scaled to integer costs: network_simplex may never finish on floats.
SCALE = 10_000
#: Routes considered per prospect (each asks a different person).
CANDIDATES = 10
#: Every status a plan row can have.
STATUSES = (
    "assigned", "no path", "over capacity", "ambiguous", "check the name", "not found",
    "already connected", "colleague", "you", "recently asked", "introduced", "met", "duplicate",
)  # fmt: skip


# -- the assignment -----------------------------------------------------------


def assign(
    candidates: Sequence[Mapping[str, float]],
    room: Mapping[str, int],
    *,
    companies: Sequence[str] | None = None,
) -> list[str | None]:
    """The introducer for each prospect that maximises the total score, or None.

    One min-cost flow: source → prospect (capacity 1) → introducer (capacity
    1, cost ``-round(score * SCALE)``) → sink (capacity ``room``), plus a
    zero-cost source → sink edge for prospects left out. With ``companies``
    (a folded company per prospect; '' for none), each introducer's edges
    pass through one capacity-1 node per company.

    Parameters
    ----------
    candidates : sequence of mappings
        Per prospect, introducer key → route score in (0, 1].
    room : mapping
        Asks each introducer can still take (missing: 0).
    companies : sequence of str, optional
        Per prospect, the company: at most one ask per introducer per company.

    Returns
    -------
    list
        Per prospect, the chosen introducer key or None.

    Examples
    --------
    Greedy would give A the best pair (P1, 0.9) and leave P2 out; the
    optimum gives P1 to B and P2 to A (0.7 + 0.8 > 0.9):

    >>> assign([{"A": 0.9, "B": 0.7}, {"A": 0.8}], {"A": 1, "B": 1})
    ['B', 'A']
    >>> assign([{"A": 0.9}, {"A": 0.8}], {"A": 2}, companies=["acme", "acme"])
    ['A', None]
    """
    import networkx as nx

    out: list[str | None] = [None] * len(candidates)
    edges = [
        (i, j, max(1, round(score * SCALE)))
        for i, options in enumerate(candidates)
        for j, score in sorted(options.items(), key=lambda kv: (-kv[1], kv[0]))
        if room.get(j, 0) > 0
    ]
    live = sorted({i for i, _, _ in edges})
    if not live:
        return out
    g = nx.DiGraph()
    g.add_node("s", demand=-len(live))
    g.add_node("t", demand=len(live))
    g.add_edge("s", "t", capacity=len(live), weight=0)
    for i in live:
        g.add_edge("s", ("p", i), capacity=1, weight=0)
    for i, j, gain in edges:
        ck = companies[i] if companies else ""
        if ck:
            g.add_edge(("p", i), ("c", j, ck), capacity=1, weight=-gain)
            g.add_edge(("c", j, ck), ("i", j), capacity=1, weight=0)
        else:
            g.add_edge(("p", i), ("i", j), capacity=1, weight=-gain)
        g.add_edge(("i", j), "t", capacity=room[j], weight=0)
    _, flow = nx.network_simplex(g)
    for i in live:
        for head, units in flow[("p", i)].items():
            if units:
                out[i] = head[1]
    return out


# -- the plan -----------------------------------------------------------------


@dataclass(frozen=True)
class PlanRow:
    """One prospect of the list and what the plan says about them."""

    prospect: Prospect
    status: str  #: one of :data:`STATUSES`
    person: Person | None = None  #: whom the prospect was matched to
    intro: Introduction | None = None  #: the route to use (assigned rows only)
    notes: tuple[str, ...] = ()  #: why, in plain words


@dataclass(frozen=True)
class Load:
    """How many asks one introducer gets."""

    key: str
    name: str
    new: int  #: asks in this plan
    recent: int  #: asks in the log within the cooldown
    capacity: int


@dataclass(frozen=True)
class Plan:
    """The outcome of :func:`make_plan`."""

    rows: tuple[PlanRow, ...]  #: in list order
    extra_columns: tuple[str, ...]
    load: tuple[Load, ...]  #: introducers with asks in this plan, busiest first
    me: Person | None  #: the user (routes start here), None when the team is the start
    seconds: Mapping[str, float]  #: 'routes' (matching and candidates) and 'solve'
    url_column: str = ""  #: the lead list's own profile URL column (passed through)

    def with_status(self, status: str) -> list[PlanRow]:
        """The rows with this status."""
        return [r for r in self.rows if r.status == status]


def route_finder(store: Store, today: date, top: int = CANDIDATES) -> Callable[[Person], Routes]:
    """A function giving ``introducers_for(store, person, top=top)``, reading the team once."""
    return RouteFinder(store, top=top, today=today).routes


def make_plan(
    store: Store,
    leads: ProspectList,
    *,
    max_per_introducer: int = 3,
    one_per_company: bool = False,
    cooldown_days: int = 30,
    today: date | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> Plan:
    """Give each prospect at most one introducer, maximising the total route score.

    Every prospect is matched and gets its candidates (the best route per
    person to ask), then :func:`assign` solves the whole list at once. An
    introducer's capacity is ``max_per_introducer`` minus the asks logged in
    the last ``cooldown_days``. ``progress(done, total)`` is called after each
    prospect.
    """
    if max_per_introducer < 0 or cooldown_days < 0:
        raise InputError("--max-per-introducer and --cooldown-days cannot be negative")
    today = today or date.today()
    log = LogState.read(store, today, cooldown_days)
    started = time.perf_counter()
    finder = route_finder(store, today)
    me: Person | None = None
    rows: list[PlanRow] = []
    planned: list[tuple[int, dict[str, Introduction]]] = []  # (row index, candidates)
    seen: dict[str, int] = {}
    for n, prospect in enumerate(leads.prospects, 1):
        row, found = _candidates(store, prospect, finder, log, seen)
        if found is not None:
            me = me or found[0].me
            planned.append((len(rows), found[1]))
        rows.append(row)
        if progress:
            progress(n, len(leads.prospects))
    solving = time.perf_counter()
    keys = {k for _, cands in planned for k in cands}
    room = {k: max(0, max_per_introducer - log.recent.get(k, 0)) for k in keys}
    companies = None
    if one_per_company:
        companies = [company_key(getattr(rows[i].person, "company", "")) for i, _ in planned]
    chosen = assign(
        [{k: intro.score for k, intro in cands.items()} for _, cands in planned],
        room,
        companies=companies,
    )
    solved = time.perf_counter()
    load: dict[str, int] = {}
    for k in chosen:
        if k is not None:
            load[k] = load.get(k, 0) + 1
    for (i, cands), k in zip(planned, chosen, strict=True):
        row = rows[i]
        if k is not None:
            rows[i] = PlanRow(row.prospect, "assigned", row.person, cands[k], row.notes)
            continue
        why = []
        for other, intro in list(cands.items())[:3]:
            full = load.get(other, 0) >= room[other]
            state = "is at capacity" if full else "is already asked about someone there"
            why.append(f"{intro.via[0].name} ({intro.score:.2f}) {state}")
        rows[i] = PlanRow(row.prospect, "over capacity", row.person, None, (*row.notes, *why))
    names = {k: intro.via[0].name for _, cands in planned for k, intro in cands.items()}
    loads = sorted(
        (Load(k, names[k], n, log.recent.get(k, 0), max_per_introducer) for k, n in load.items()),
        key=lambda x: (-x.new - x.recent, x.name, x.key),
    )
    seconds = {"routes": solving - started, "solve": solved - solving}
    return Plan(tuple(rows), leads.extra_columns, tuple(loads), me, seconds, leads.url_column)


def _candidates(
    store: Store,
    prospect: Prospect,
    finder: Callable[[Person], Routes],
    log: LogState,
    seen: dict[str, int],
) -> tuple[PlanRow, tuple[Routes, dict[str, Introduction]] | None]:
    """The row of a prospect that cannot be planned, or its routes and candidates."""
    person, status, note = match_prospect(store, prospect)
    notes: tuple[str, ...] = (note,) if note else ()
    if person is None:
        return PlanRow(prospect, status, None, None, notes), None
    key = person_key(person)
    if key in seen:
        return PlanRow(
            prospect, "duplicate", person, None, (f"same person as line {seen[key]}",)
        ), None
    seen[key] = prospect.line
    done = log.done.get(key)
    if done is not None:
        what = f"{done.status} on {done.on.isoformat()} via {done.introducer}"
        return PlanRow(prospect, done.status, person, None, (what,)), None
    asked = log.open.get(key)
    if asked is not None:
        what = f"asked {asked.introducer} on {asked.on.isoformat()}"
        return PlanRow(prospect, "recently asked", person, None, (what,)), None
    stale = log.stale.get(key)
    if stale is not None:
        notes += (f"asked {stale.introducer} on {stale.on.isoformat()}; no answer logged",)
    where = standing(store, person, finder=finder)
    if where.kind in (YOU, COLLEAGUE):
        return PlanRow(prospect, where.kind, person, None, (sentence(where),)), None
    routes = where.routes
    assert routes is not None
    if where.kind == CONNECTED:
        return PlanRow(prospect, "already connected", person, None, (sentence(where),)), None
    cands: dict[str, Introduction] = {}
    for intro in routes.paths:  # best first: the best route per person to ask
        k = person_key(intro.via[0])
        if k not in cands and (key, k) not in log.declined:
            cands[k] = intro
    if cands:
        return PlanRow(prospect, "", person, None, notes), (routes, cands)
    why = "everyone who could introduce them declined" if routes.paths else sentence(where)
    return PlanRow(prospect, "no path", person, None, (*notes, why)), None


# -- the plan as a table (plan.csv, --json and the Python API's frame) -----------------

#: The plan's own columns; a lead list's columns follow them (see :func:`plan_table`).
PLAN_COLUMNS = (
    "prospect", "company", "introducer", "score", "hops", "inferred", "reasons", "status",
    "prospect_url", "introducer_url",
)  # fmt: skip


def route_names(intro: Introduction, me: Person | None) -> str:
    """The route as names: ``You → Carol Mendes → Tom Baker ⇢ Jane Doe`` (⇢: inferred).

    ``me``: the user (routes start at them), or None when no export is marked
    as theirs and routes start at the colleague asked.
    """
    first = intro.hops[0].a
    names = ["You" if me is not None and first.id == me.id else first.name]
    for hop in intro.hops:
        names.append(("⇢ " if hop.inferred else "→ ") + hop.b.name)
    return " ".join(names)


def _extra_names(columns: Sequence[str]) -> list[str]:
    """The list's own columns, renamed where they would clash with the plan's."""
    taken = {c.casefold() for c in PLAN_COLUMNS}
    names = []
    for c in columns:
        name = c
        while name.casefold() in taken:
            name = f"{name} (list)"
        taken.add(name.casefold())
        names.append(name)
    return names


def plan_table(plan: Plan) -> tuple[list[str], list[dict[str, object]]]:
    """(header, one dict per prospect): the plan's columns, then the list's own.

    Values are as the plan holds them: ``score`` a float and ``inferred`` a
    bool, both None where there is no route; every other value text (''
    where there is none). The list's own LinkedIn URL column comes first among
    its columns. ``refpath plan`` writes this table as plan.csv and JSON, and
    the Python API as a DataFrame, so the two cannot drift apart.
    """
    from refpath.identity import canonical_url

    listed = [plan.url_column] if plan.url_column else []  # the list's own URL column
    extras = _extra_names((*listed, *plan.extra_columns))
    records: list[dict[str, object]] = []
    for row in plan.rows:
        intro, person, prospect = row.intro, row.person, row.prospect
        url = person.url if person and person.url else ""
        records.append(
            {
                "prospect": prospect.label,
                "company": prospect.company or (person.company if person else ""),
                "introducer": intro.via[0].name if intro else "",
                "score": float(intro.score) if intro else None,
                "hops": route_names(intro, plan.me) if intro else "",
                "inferred": bool(intro.inferred) if intro else None,
                "reasons": " | ".join([*(intro.reasons if intro else ()), *row.notes]),
                "status": row.status,
                "prospect_url": url or (canonical_url(prospect.url) if prospect.url else ""),
                "introducer_url": intro.via[0].url if intro else "",
                **dict(
                    zip(extras, (*([prospect.url] if listed else []), *prospect.extra), strict=True)
                ),
            }
        )
    return [*PLAN_COLUMNS, *extras], records
