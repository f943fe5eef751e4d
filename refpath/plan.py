"""Plan outreach for a whole lead list as one optimisation, and keep the outreach log.

Each prospect is matched to exactly one person (or reported as ambiguous or
not found, never guessed) and gets its candidate introducers from the same
engine as ``refpath to`` (:mod:`refpath.paths`), keyed by the person the user
would ask (``via[0]``): an ask spends that person's goodwill. Then one
min-cost flow (networkx ``network_simplex`` on integer costs) gives each
prospect at most one introducer so that the total route score is as high as
possible while no introducer takes more than N asks (optionally: at most one
per target company). The outreach log, kept in the store by person key, feeds
back: prospects met, introduced or recently asked are not planned again, and
recent asks count against an introducer's capacity. See ``docs/plan.md``.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from refpath.errors import InputError, PersonError, StoreError
from refpath.identity import company_key
from refpath.paths import Introduction, RouteFinder, Routes
from refpath.people import Person
from refpath.prospects import Prospect, ProspectList, match_prospect, person_key
from refpath.store import Store

#: Scores are scaled to integer costs: network_simplex may never finish on floats.
SCALE = 10_000
#: Routes considered per prospect (each asks a different person).
CANDIDATES = 10
LOG_STATUSES = ("asked", "introduced", "declined", "met")
#: Every status a plan row can have.
STATUSES = (
    "assigned", "no path", "over capacity", "ambiguous", "not found", "already connected",
    "recently asked", "introduced", "met", "duplicate",
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


# -- the outreach log ---------------------------------------------------------


@dataclass(frozen=True)
class LogEntry:
    """One line of the outreach log: who was asked about whom, and what came of it.

    People are stored by key (ids change when exports are re-added); the
    names are as they were when the entry was made. No message text.
    """

    id: int
    prospect_key: str
    prospect: str  #: display name
    introducer_key: str
    introducer: str  #: display name
    status: str  #: one of :data:`LOG_STATUSES`
    on: date
    note: str = ""


def _has_log(store: Store) -> bool:
    row = store.conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'outreach'").fetchone()
    return row is not None


def log_outreach(
    store: Store,
    prospect: Person,
    introducer: Person,
    status: str = "asked",
    *,
    on: date | None = None,
    note: str = "",
) -> LogEntry:
    """Record an ask (or what came of it) in the store's outreach log."""
    if status not in LOG_STATUSES:
        raise InputError(f"status {status!r} is not one of {', '.join(LOG_STATUSES)}")
    pk, ik = person_key(prospect), person_key(introducer)
    if pk == ik:
        raise InputError(f"{prospect.name} cannot introduce you to themselves")
    if not _has_log(store):
        raise StoreError(
            f"{store.path}: this store predates the outreach log; "
            "re-add your exports into a new store"
        )
    on = on or date.today()
    with store.transaction() as conn:
        cur = conn.execute(
            """INSERT INTO outreach (prospect_key, prospect_name, introducer_key,
                                     introducer_name, status, on_date, note)
               VALUES (?, ?, ?, ?, ?, ?, ?)""",
            (pk, prospect.name, ik, introducer.name, status, on.isoformat(), note),
        )
        new_id = cur.lastrowid or 0
    return LogEntry(new_id, pk, prospect.name, ik, introducer.name, status, on, note)


def outreach_log(store: Store) -> list[LogEntry]:
    """Every log entry, oldest first, with keys updated through merges (aliases)."""
    if not _has_log(store):
        return []
    rows = store.conn.execute(
        """SELECT id, prospect_key, prospect_name, introducer_key, introducer_name, status,
                  on_date, note FROM outreach ORDER BY on_date, id"""
    ).fetchall()
    keys = sorted({r[1] for r in rows} | {r[3] for r in rows})
    current = dict(
        store.conn.execute(
            """SELECT k.value, COALESCE(p.key, pa.key, k.value) FROM json_each(?) k
               LEFT JOIN people p ON p.key = k.value
               LEFT JOIN aliases a ON a.alias = k.value
               LEFT JOIN people pa ON pa.id = a.person_id""",
            (json.dumps(keys),),
        ).fetchall()
    )
    return [
        LogEntry(
            r[0], current[r[1]], r[2], current[r[3]], r[4], r[5], date.fromisoformat(r[6]), r[7]
        )
        for r in rows
    ]


def _asks(entries: Sequence[LogEntry]) -> dict[tuple[str, str], tuple[LogEntry, LogEntry]]:
    """Per (prospect, introducer): (the ask, the latest entry).

    The ask is the latest 'asked' entry, or the first entry when the user
    logged only the outcome.
    """
    out: dict[tuple[str, str], tuple[LogEntry, LogEntry]] = {}
    for e in entries:  # oldest first
        pair = (e.prospect_key, e.introducer_key)
        ask = out[pair][0] if pair in out else e
        out[pair] = (e if e.status == "asked" else ask, e)
    return out


def follow_ups_due(
    store: Store, *, days: int = 7, today: date | None = None
) -> list[tuple[LogEntry, int]]:
    """Asks at least ``days`` old with nothing logged since: (the ask, days since), oldest first."""
    today = today or date.today()
    due = [
        (ask, (today - ask.on).days)
        for ask, last in _asks(outreach_log(store)).values()
        if last.status == "asked" and (today - ask.on).days >= days
    ]
    return sorted(due, key=lambda d: (d[0].on, d[0].id))


@dataclass
class _LogState:
    """What the log says, as the plan needs it."""

    done: dict[str, LogEntry] = field(default_factory=dict)  # prospect -> met/introduced
    open: dict[str, LogEntry] = field(default_factory=dict)  # prospect -> open ask in cooldown
    stale: dict[str, LogEntry] = field(default_factory=dict)  # prospect -> older open ask
    declined: set[tuple[str, str]] = field(default_factory=set)
    recent: dict[str, int] = field(default_factory=dict)  # introducer -> asks in cooldown

    @classmethod
    def read(cls, store: Store, today: date, cooldown_days: int) -> _LogState:
        state = cls()
        entries = outreach_log(store)
        for e in entries:  # met outranks introduced
            prev = state.done.get(e.prospect_key)
            if e.status in ("met", "introduced") and (prev is None or prev.status != "met"):
                state.done[e.prospect_key] = e
        for (pk, ik), (ask, last) in _asks(entries).items():
            fresh = (today - ask.on).days < cooldown_days
            if fresh:
                state.recent[ik] = state.recent.get(ik, 0) + 1
            if last.status == "declined":
                state.declined.add((pk, ik))
            elif last.status == "asked":
                (state.open if fresh else state.stale)[pk] = ask
        return state


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
    log = _LogState.read(store, today, cooldown_days)
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
    return Plan(tuple(rows), leads.extra_columns, tuple(loads), me, seconds)


def _candidates(
    store: Store,
    prospect: Prospect,
    finder: Callable[[Person], Routes],
    log: _LogState,
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
    try:
        routes = finder(person)
    except PersonError:
        return PlanRow(prospect, "no path", person, None, ("this is you",)), None
    if routes.connected:
        since = f" (since {routes.connected_on.isoformat()})" if routes.connected_on else ""
        what = f"you are connected{since}: write to them directly"
        return PlanRow(prospect, "already connected", person, None, (what,)), None
    cands: dict[str, Introduction] = {}
    for intro in routes.paths:  # best first: the best route per person to ask
        k = person_key(intro.via[0])
        if k not in cands and (key, k) not in log.declined:
            cands[k] = intro
    if cands:
        return PlanRow(prospect, "", person, None, notes), (routes, cands)
    if routes.paths:
        why = "everyone who could introduce them declined"
    elif routes.company_too_big:
        why = f"no one knows them, and {person.company} is too big to guess who does"
    else:
        why = "no one on the team knows them or anyone at their company"
    return PlanRow(prospect, "no path", person, None, (*notes, why)), None
