"""Write seeded, invented LinkedIn team exports for tests, benchmarks and the demo.

``write_team`` builds a team folder of the kind refpath ingests: one sub-folder
per colleague with a ``Connections.csv`` in the exact current LinkedIn format
(and, for the first few, ``Profile.csv`` and ``messages.csv``). The people are
invented from name pools, work at invented companies grouped into industries,
and overlap between colleagues the way a real team's networks do. The same seed
always gives the same bytes, and the returned ``TeamManifest`` holds the counts
an ingest must reproduce. The fixed demo team lives in ``refpath.sample_team``;
the pools and the file writers both use, in ``refpath.synth_pools`` and
``refpath.synth_formats``. Standard library only; nothing here reads the network
or the clock.
"""

from __future__ import annotations

import argparse
import itertools
import math
import random
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

from refpath.synth_formats import (
    HEADER_CURRENT,
    HIDDEN_ROWS,
    PREAMBLE,
    PROFILE_URL,
    Person,
    ascii_slug,
    connections_text,
    conversation_id,
    csv_field,
    date_text,
    encoded_slug,
    messages_text,
    profile_text,
    write_text,
)
from refpath.synth_pools import (
    FILLER,
    FIRST_NAMES,
    INDUSTRIES,
    LAST_NAMES,
    POSITIONS,
    SALES_TITLES,
    company_names,
    decorate,
    skewed_days,
)

#: The day every synthetic current-format export was taken (fixed, so output never ages).
EXPORT_DAY = date(2026, 11, 20)
#: Export days of the older formats, when ``variants=True``.
FORMAT_DAYS = {"current": EXPORT_DAY, "2021": date(2023, 5, 12), "2018": date(2018, 11, 4)}
FIRST_DAY = date(2008, 1, 1)


@dataclass(frozen=True)
class TeamOwner:
    """One colleague whose export ``write_team`` wrote."""

    name: str  #: display name, as teammates' exports and Profile.csv show it
    slug: str  #: the sub-folder name, e.g. ``carol-mendes``
    url: str  #: their own profile URL (how teammates' exports list them)
    fmt: str  #: Connections.csv format: "current", "2021" or "2018"
    archive: bool  #: Profile.csv and messages.csv were written too


@dataclass(frozen=True)
class TeamManifest:
    """What ``write_team`` wrote: the counts an ingest of ``out_dir`` must reproduce."""

    out_dir: Path
    owners: tuple[TeamOwner, ...]
    rows: int  #: data rows over all Connections.csv files, hidden rows included
    hidden: int  #: date-only rows (hidden profiles), which are not people
    people: int  #: distinct people: the owners plus everyone in any export
    pairs: int  #: distinct connected pairs (two owners who list each other count once)
    message_rows: int  #: data rows over all messages.csv files
    two_way: int  #: (archive owner, counterpart) pairs with messages in both directions


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


def _variant(i: int, archives: int) -> str:
    if i >= archives and i % 10 == 3:
        return "2021"
    if i >= archives and i % 10 == 6:
        return "2018"
    return "current"


@dataclass
class _People:
    """The invented population as columns (fast to build for a million rows)."""

    first: list[str]
    last: list[str]
    company: list[str]
    position: list[str]
    slug: list[str] = field(default_factory=list)
    email: list[str] = field(default_factory=list)

    def person(self, p: int) -> Person:
        return Person(
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
class _Plan:
    """How many rows of each kind every owner gets, before any person is invented."""

    fmts: list[str]  # per owner
    mates: list[list[int]]  # per owner: the other owners in their export
    mate_pairs: list[tuple[int, int]]
    hidden: list[int]  # per owner
    shared_by: list[list[int]]  # [owner][industry]: people drawn from the shared pool
    private_by: list[list[int]]  # [owner][industry]: people nobody else knows
    pool: list[int]  # per industry: size of the shared pool


def _plan_team(
    rng: random.Random, owners: int, rows: int, overlap: float, fmts: list[str]
) -> _Plan:
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
    return _Plan(fmts, mates, mate_pairs, hidden, shared_by, private_by, pool)


def _populate(rng: random.Random, plan: _Plan) -> tuple[_People, list[range], list[list[range]]]:
    """Invent everyone: owners first, then per industry a shared pool and private blocks.

    Returns the people, each industry's pool ids and each owner's private ids per industry.
    """
    owners = len(plan.fmts)
    team_company = company_names(rng, "media", 1)[0].split()[0] + " Analytics"
    people = _People([], [], [team_company] * owners, rng.choices(SALES_TITLES, k=owners))
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


def write_team(
    out_dir: Path,
    *,
    owners: int,
    rows: int,
    seed: int = 0,
    overlap: float = 0.3,
    archives: int = 0,
    variants: bool = False,
) -> TeamManifest:
    """Write an invented team's LinkedIn exports under ``out_dir``.

    Parameters
    ----------
    out_dir : Path
        Created if missing. Gets one sub-folder per owner, named by slug
        (``carol-mendes/Connections.csv``).
    owners : int
        Number of colleagues (at least 1).
    rows : int
        Data rows in each Connections.csv, hidden rows included (at least ``owners``).
    seed : int
        Same seed, same bytes.
    overlap : float
        Share of each owner's rows that are people other owners know too (teammates
        included): drawn from per-industry pools that about 2.5 owners share.
    archives : int
        The first ``archives`` owners also get ``Profile.csv`` and ``messages.csv``
        with two-way threads with about a quarter of their connections.
    variants : bool
        Write owners 3, 13, 23, ... in the 2021 no-URL format (exported 12 May 2023)
        and owners 6, 16, ... in the 2018 format, unless they have an archive.

    Returns
    -------
    TeamManifest

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     m = write_team(Path(tmp), owners=3, rows=100, seed=1)
    >>> m.rows, m.hidden, [o.slug for o in m.owners]
    (300, 3, ['maria-martinez', 'hiroshi-patterson', 'james-cox'])
    >>> m.people < m.pairs < m.rows  # shared people and teammates are counted once
    True
    """
    if owners < 1 or rows < owners:
        raise ValueError(f"need owners >= 1 and rows >= owners (got {owners}, {rows})")
    if not 0.0 <= overlap < 1.0 or not 0 <= archives <= owners:
        raise ValueError("need 0 <= overlap < 1 and 0 <= archives <= owners")
    rng = random.Random(seed)
    fmts = [_variant(i, archives) if variants else "current" for i in range(owners)]
    plan = _plan_team(rng, owners, rows, overlap, fmts)
    people, pools, private = _populate(rng, plan)
    n = len(people.first)
    prefix = people.prefixes()
    base = FIRST_DAY.toordinal()
    day_text = [
        date_text(date.fromordinal(o), "current") for o in range(base, EXPORT_DAY.toordinal() + 1)
    ]
    pair_day = {}
    for i, j in plan.mate_pairs:  # one date for both sides of a teammate connection
        hi = min(FORMAT_DAYS[fmts[i]], FORMAT_DAYS[fmts[j]])
        pair_day[i, j] = pair_day[j, i] = skewed_days(rng, 1, FIRST_DAY, hi)[0]
    team: list[TeamOwner] = []
    seen: set[int] = set(range(owners))
    message_rows = two_way = 0
    for i in range(owners):
        ids = list(plan.mates[i])
        for k, ids_k in enumerate(pools):
            ids += rng.sample(ids_k, plan.shared_by[i][k])
            ids += private[i][k]
        seen.update(ids)
        hi = FORMAT_DAYS[fmts[i]]
        days = [pair_day[i, j] for j in plan.mates[i]]
        days += skewed_days(rng, len(ids) - len(days), FIRST_DAY, hi)
        # Sort (day, person) as one int; person n is the hidden row.
        keys = [d * (n + 1) + p for d, p in zip(days, ids, strict=True)]
        keys += [d * (n + 1) + n for d in skewed_days(rng, plan.hidden[i], FIRST_DAY, hi)]
        keys.sort(reverse=True)  # newest first
        conns = [divmod(key, n + 1) for key in keys]
        if fmts[i] == "current":  # the hot path: pre-rendered rows
            text = "\n".join(
                [PREAMBLE + HEADER_CURRENT, *(prefix[p] + day_text[d - base] for d, p in conns)]
            )
        else:
            text = _older_export(rng, people, conns, fmts[i])
        folder = out_dir / ascii_slug(people.person(i).name)
        write_text(folder / "Connections.csv", text)
        if i < archives:
            msgs, both = _owner_messages(rng, people, i, [(d, p) for d, p in conns if p < n])
            write_text(folder / "messages.csv", messages_text(msgs))
            headline = f"{people.position[i]} at {people.company[i]}"
            write_text(
                folder / "Profile.csv",
                profile_text(
                    people.first[i],
                    people.last[i],
                    headline,
                    industry="Software Development",
                    geo="Austin, Texas, United States",
                ),
            )
            message_rows += len(msgs)
            two_way += both
        team.append(
            TeamOwner(
                people.person(i).name,
                folder.name,
                PROFILE_URL + people.slug[i],
                fmts[i],
                i < archives,
            )
        )
    hidden = sum(plan.hidden)
    pairs = owners * rows - hidden - len(plan.mate_pairs)
    return TeamManifest(
        out_dir, tuple(team), owners * rows, hidden, len(seen), pairs, message_rows, two_way
    )


def _older_export(
    rng: random.Random, people: _People, conns: list[tuple[int, int]], fmt: str
) -> str:
    """Connections.csv text in the 2021 or 2018 format; ``conns`` holds (day, person)."""
    rows: list[tuple[Person | None, date]] = []
    for d, p in conns:
        who = people.person(p) if p < len(people.first) else None
        if fmt == "2018" and who is not None:  # before GDPR most emails were visible
            mail = f"{ascii_slug(who.first)}.{ascii_slug(who.last)}{p}@example.net"
            who = who._replace(email=who.email or mail)
        rows.append((who, datetime.fromordinal(d) + timedelta(minutes=rng.randrange(24 * 60))))
    if fmt == "2018":
        rng.shuffle(rows)  # the 2018 files were not sorted by date
    return connections_text(rows, fmt)


def _owner_messages(
    rng: random.Random, people: _People, owner: int, conns: Sequence[tuple[int, int]]
) -> tuple[list[list[str]], int]:
    """Invented threads: two-way with ~25% of connections, unanswered notes to ~5%.

    Returns the message rows (each conversation newest first) and the number of
    two-way counterparts.
    """
    me = people.person(owner)
    picked = rng.sample(list(conns), round(len(conns) * 0.30))
    two_way = round(len(conns) * 0.25)
    threads = []
    end = EXPORT_DAY.toordinal() + 1
    for t, (day, p) in enumerate(picked):
        them = people.person(p)
        n = 2 + min(int(rng.expovariate(0.35)), 40) if t < two_way else 1
        mine = [rng.random() < 0.5 for _ in range(n)]
        mine[0] = n == 1 or not mine[1]  # both directions, or one unanswered note
        stamps = sorted(rng.uniform(day, end) for _ in range(n))
        cid = conversation_id(rng)
        rows = []
        for stamp, from_me in zip(stamps, mine, strict=True):
            when = datetime.fromordinal(int(stamp)) + timedelta(seconds=int(stamp % 1 * 86400))
            a, b = (me, them) if from_me else (them, me)
            text = rng.choice(FILLER)
            rows.append(
                [
                    cid,
                    "",
                    a.name,
                    a.url,
                    b.name,
                    b.url,
                    date_text(when, "message"),
                    "",
                    text,
                    "INBOX",
                ]
            )
        threads.append((stamps[-1], rows[::-1]))
    threads.sort(key=lambda th: th[0], reverse=True)
    return [row for _, rows in threads for row in rows], two_way


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: ``python -m refpath.synth OUT --owners 50 --rows 20000``.

    A developer tool for ``make bench`` and for regenerating ``sample_exports/``
    (``--sample``); refpath's user-facing commands live in ``refpath.cli``.
    """
    parser = argparse.ArgumentParser(prog="python -m refpath.synth", description=__doc__)
    parser.add_argument("out", type=Path, help="folder to write the team into")
    parser.add_argument("--owners", type=int, default=50)
    parser.add_argument("--rows", type=int, default=20_000, help="rows per Connections.csv")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--overlap", type=float, default=0.3)
    parser.add_argument("--archives", type=int, default=0, help="owners with messages.csv")
    parser.add_argument("--variants", action="store_true", help="mix in 2021 and 2018 formats")
    parser.add_argument(
        "--sample", action="store_true", help="write the fixed demo team (sample_exports/) instead"
    )
    parser.add_argument("--prospects", type=Path, help="with --sample: also write the lead list")
    args = parser.parse_args(argv)
    if args.sample:
        from refpath.sample_team import write_sample_prospects, write_sample_team

        written = write_sample_team(args.out)
        if args.prospects:
            written.append(write_sample_prospects(args.prospects))
        print(*written, sep="\n")
        return 0
    started = time.perf_counter()
    try:
        m = write_team(
            args.out,
            owners=args.owners,
            rows=args.rows,
            seed=args.seed,
            overlap=args.overlap,
            archives=args.archives,
            variants=args.variants,
        )
    except ValueError as err:
        parser.error(str(err))
    seconds = time.perf_counter() - started
    print(
        f"out_dir: {m.out_dir}\nowners: {len(m.owners)}\nrows: {m.rows}\nhidden: {m.hidden}\n"
        f"people: {m.people}\npairs: {m.pairs}\nmessage_rows: {m.message_rows}\n"
        f"two_way: {m.two_way}\nseconds: {seconds:.2f}"
    )
    for o in m.owners:
        print("owner:", o.slug, o.name, o.url, o.fmt, *(["archive"] if o.archive else []), sep="\t")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
