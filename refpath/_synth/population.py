"""The invented population behind ``refpath._synth.teams``: who exists, works where and knows whom.

``plan_team`` decides, before anyone is invented, how many rows of each kind every
owner's export gets: teammates, hidden rows, people drawn from per-industry pools
that several owners share, and people only that owner knows. ``populate`` then
invents everyone as columns (fast enough for a million rows): owners first, then
each industry's shared pool and private blocks, with Zipf-like names, invented
companies, namesakes, unique profile slugs and a few visible emails. Writing the
files is ``refpath._synth.teams``'s job. Standard library only; every draw comes from the
``random.Random`` passed in, in a fixed order, so the same seed gives the same people.
"""

from __future__ import annotations

import itertools
import math
import random
from collections.abc import Sequence
from dataclasses import dataclass, field

from refpath._synth.formats import (
    HIDDEN_ROWS,
    PROFILE_URL,
    Row,
    ascii_slug,
    csv_field,
    encoded_slug,
)
from refpath._synth.pools import (
    FIRST_NAMES,
    INDUSTRIES,
    LAST_NAMES,
    POSITIONS,
    SALES_TITLES,
    company_names,
    decorate,
)

_MEAN_SHARING = 2.5  # a shared person is known by this many owners on average
_MATE_P = 0.85  # chance that two owners are connected
# Shared contacts follow the owner's industries only half-way and the team's mix for the
# rest: otherwise a lone specialist's pool would be theirs alone and share nobody.
_SHARED_FOCUS = 0.5


def _zipf_cum(n: int, s: float = 1.0, offset: int = 8) -> list[float]:
    return list(itertools.accumulate(1.0 / (k + offset) ** s for k in range(n)))


_FIRST_CUM = _zipf_cum(len(FIRST_NAMES))
_LAST_CUM = _zipf_cum(len(LAST_NAMES))


def _split(n: int, weights: Sequence[float]) -> list[int]:
    """Split ``n`` into integer parts proportional to ``weights`` (largest remainder)."""
    total = sum(weights)
    raw = [n * w / total for w in weights]
    parts = [int(r) for r in raw]
    by_rest = sorted(range(len(raw)), key=lambda k: (parts[k] - raw[k], k))
    for k in by_rest[: n - sum(parts)]:
        parts[k] += 1
    return parts


def _slug(p: int, first: str, last: str, salt: int, folded: dict[str, str]) -> str:
    """A slug unique to person ``p``: the suffix is a bijection of ``p``.

    ``folded`` caches ``ascii_slug`` per name part (it is slow and names repeat).
    """
    if p % 7 == 1:  # vanity style: letters, then the digits of p
        return f"{folded[first]}{folded[last]}{p}".replace("-", "")
    mixed = (p * 0x9E3779B1 + salt) & 0xFFFFFFFF
    if p % 2 == 0 and not (first + last).isascii():
        return f"{encoded_slug(first)}-{encoded_slug(last)}-{mixed:08x}"
    return f"{folded[first]}-{folded[last]}-{mixed:08x}"


@dataclass
class Population:
    """The invented population as columns (fast to build for a million rows)."""

    first: list[str]
    last: list[str]
    company: list[str]
    position: list[str]
    slug: list[str] = field(default_factory=list)
    email: list[str] = field(default_factory=list)

    def person(self, p: int) -> Row:
        return Row(
            self.first[p],
            self.last[p],
            self.slug[p],
            self.company[p],
            self.position[p],
            self.email[p],
        )

    def prefixes(self) -> list[str]:
        """Each person's current-format row up to the date; the hidden row comes last."""
        q = {s: csv_field(s) for s in {*self.first, *self.last, *self.company, *self.position}}
        cols = (self.first, self.last, self.slug, self.email, self.company, self.position)
        rows = [
            f"{q[f]},{q[la]},{PROFILE_URL}{s},{e},{q[c]},{q[po]},"
            for f, la, s, e, c, po in zip(*cols, strict=True)
        ]
        return [*rows, HIDDEN_ROWS["current"]]


@dataclass(frozen=True)
class TeamPlan:
    """How many rows of each kind every owner gets, before any person is invented."""

    fmts: list[str]  # per owner
    mates: list[list[int]]  # per owner: the other owners in their export
    mate_pairs: list[tuple[int, int]]
    hidden: list[int]  # per owner
    shared_by: list[list[int]]  # [owner][industry]: people drawn from the shared pool
    private_by: list[list[int]]  # [owner][industry]: people nobody else knows
    pool: list[int]  # per industry: size of the shared pool


def plan_team(
    rng: random.Random, owners: int, rows: int, overlap: float, fmts: list[str]
) -> TeamPlan:
    """Decide every owner's row counts: teammates, hidden rows, shared and private people.

    Each owner is a specialist in one or two industries; about 85% of owner pairs
    are connected; ``overlap`` of each owner's rows come from per-industry pools
    that about 2.5 owners share on average.

    Parameters
    ----------
    rng : random.Random
        The generator's one source of randomness (drawn from in a fixed order).
    owners : int
        Number of colleagues.
    rows : int
        Data rows in each owner's Connections.csv, hidden rows included.
    overlap : float
        Share of each owner's rows that other owners know too.
    fmts : list of str
        Each owner's Connections.csv format; "2018" exports have no hidden rows.

    Returns
    -------
    TeamPlan

    Examples
    --------
    >>> plan = plan_team(random.Random(1), 3, 100, 0.3, ["current"] * 3)
    >>> [len(plan.mates[i]) + plan.hidden[i] + sum(plan.shared_by[i]) + sum(plan.private_by[i])
    ...  for i in range(3)]
    [100, 100, 100]
    """
    n_ind = len(INDUSTRIES)
    weights = []
    for _ in range(owners):  # specialists, so clusters exist beyond "whose export"
        w = [0.2 / n_ind] * n_ind
        main, second = rng.sample(range(n_ind), 2)
        if rng.random() < 0.4:
            w[main] += 0.8
        else:
            w[main], w[second] = w[main] + 0.5, w[second] + 0.3
        weights.append(w)
    mate_pairs = [
        (i, j) for i in range(owners) for j in range(i + 1, owners) if rng.random() < _MATE_P
    ]
    mates: list[list[int]] = [[] for _ in range(owners)]
    for i, j in mate_pairs:
        mates[i].append(j)
        mates[j].append(i)
    hidden, shared_by, private_by = [], [], []
    mean = [sum(w[k] for w in weights) / owners for k in range(n_ind)]
    for i in range(owners):
        h = 0 if fmts[i] == "2018" else min(int(rows * 0.01 + rng.random()), rows - len(mates[i]))
        contacts = rows - h - len(mates[i])
        shared = min(contacts, max(0, round(overlap * rows) - len(mates[i])))
        hidden.append(h)
        focus = zip(weights[i], mean, strict=True)
        tilt = [_SHARED_FOCUS * a + (1 - _SHARED_FOCUS) * b for a, b in focus]
        shared_by.append(_split(shared, tilt))
        private_by.append(_split(contacts - shared, weights[i]))
    pool = []
    for k in range(n_ind):  # big enough for every owner's draw, shared by ~2.5 on average
        demand = [shared_by[i][k] for i in range(owners)]
        pool.append(max([*demand, math.ceil(sum(demand) / _MEAN_SHARING)]))
    return TeamPlan(fmts, mates, mate_pairs, hidden, shared_by, private_by, pool)


def populate(
    rng: random.Random, plan: TeamPlan
) -> tuple[Population, list[range], list[list[range]]]:
    """Invent everyone: owners first, then per industry a shared pool and private blocks.

    Parameters
    ----------
    rng : random.Random
        The same generator ``plan_team`` drew from, continued.
    plan : TeamPlan
        From :func:`plan_team`: how many people each pool and private block holds.

    Returns
    -------
    tuple
        The people (owners are ids ``0 .. owners - 1``), each industry's pool ids
        and each owner's private ids per industry.

    Examples
    --------
    >>> rng = random.Random(1)
    >>> plan = plan_team(rng, 3, 100, 0.3, ["current"] * 3)
    >>> people, pools, private = populate(rng, plan)
    >>> len(people.first) == 3 + sum(plan.pool) + sum(map(sum, plan.private_by))
    True
    >>> len(set(people.slug)) == len(people.slug)  # every person has their own URL
    True
    """
    owners = len(plan.fmts)
    team_company = company_names(rng, "media", 1)[0].split()[0] + " Analytics"
    people = Population([], [], [team_company] * owners, rng.choices(SALES_TITLES, k=owners))
    taken = set()
    while len(people.first) < owners:  # distinct owner names, so folder names are distinct
        f, la = rng.choice(FIRST_NAMES[:60]), rng.choice(LAST_NAMES[:80])
        if ascii_slug(f"{f} {la}") not in taken:
            taken.add(ascii_slug(f"{f} {la}"))
            people.first.append(f)
            people.last.append(la)
    pools: list[range] = []
    private: list[list[range]] = [[] for _ in range(owners)]
    for k, ind in enumerate(INDUSTRIES):
        start = len(people.first)
        pools.append(range(start, start + plan.pool[k]))
        start += plan.pool[k]
        for i in range(owners):
            private[i].append(range(start, start + plan.private_by[i][k]))
            start += plan.private_by[i][k]
        size = start - pools[k].start
        if size:
            names = company_names(rng, ind, max(12, size // 25))
            cum = list(itertools.accumulate(rng.paretovariate(1.2) for _ in names))
            people.first += rng.choices(FIRST_NAMES, cum_weights=_FIRST_CUM, k=size)
            people.last += rng.choices(LAST_NAMES, cum_weights=_LAST_CUM, k=size)
            people.company += rng.choices(names, cum_weights=cum, k=size)
            people.position += rng.choices(POSITIONS, k=size)
    first, last, n = people.first, people.last, len(people.first)
    for _ in range(max(1, (n - owners) // 300)):  # namesakes: same name, another person
        a, b = rng.randrange(owners, n), rng.randrange(owners, n)
        first[b], last[b] = first[a], last[a]
    salt = rng.getrandbits(32)
    folded = {s: ascii_slug(s) for s in {*first, *last}}
    people.slug = [_slug(p, first[p], last[p], salt, folded) for p in range(n)]
    people.email = [""] * n
    others = range(owners, n)
    for p in rng.sample(others, round(len(others) * 0.02)):
        people.email[p] = (
            f"urn:li:member:{100003 + 7 * p}"
            if p % 10 == 0
            else f"{folded[first[p]]}.{folded[last[p]]}{p}@example.com"
        )
    decorate(rng, first, last, others)
    return people, pools, private
