"""Write seeded, invented LinkedIn team exports for tests, benchmarks and the demo.

``write_team`` builds a team folder of the kind refpath ingests: one sub-folder
per colleague with a ``Connections.csv`` in the exact current LinkedIn format
(and, for the first few, ``Profile.csv`` and ``messages.csv``). The people are
invented from name pools, work at invented companies grouped into industries,
and overlap between colleagues the way a real team's networks do. The same seed
always gives the same bytes, and the returned ``TeamManifest`` holds the counts
an ingest must reproduce. Who the people are and whom each owner knows is planned
and invented in ``refpath._synth.population``; this module turns that into files.
The fixed demo team lives in ``refpath._synth.sample_team``; the pools and the file
writers both use, in ``refpath._synth.pools`` and ``refpath._synth.formats``.
Standard library only; nothing here reads the network or the clock.
"""

from __future__ import annotations

import argparse
import random
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

from refpath._synth.formats import (
    EXPORT_DAY,
    HEADER_CURRENT,
    PREAMBLE,
    PROFILE_URL,
    Row,
    ascii_slug,
    connections_text,
    conversation_id,
    date_text,
    messages_text,
    profile_text,
    write_text,
)
from refpath._synth.pools import FILLER, skewed_days
from refpath._synth.population import Population, plan_team, populate

#: The day every synthetic current-format export was taken (fixed, so output never ages).
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


def _variant(i: int, archives: int) -> str:
    if i >= archives and i % 10 == 3:
        return "2021"
    if i >= archives and i % 10 == 6:
        return "2018"
    return "current"


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
    plan = plan_team(rng, owners, rows, overlap, fmts)
    people, pools, private = populate(rng, plan)
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
    rng: random.Random, people: Population, conns: list[tuple[int, int]], fmt: str
) -> str:
    """Connections.csv text in the 2021 or 2018 format; ``conns`` holds (day, person)."""
    rows: list[tuple[Row | None, date]] = []
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
    rng: random.Random, people: Population, owner: int, conns: Sequence[tuple[int, int]]
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
    """Command line: ``python -m refpath._synth.teams OUT --owners 50 --rows 20000``.

    A developer tool for ``make bench`` and for regenerating ``sample_exports/``
    (``--sample``); refpath's user-facing commands live in ``refpath.cli``.
    """
    parser = argparse.ArgumentParser(prog="python -m refpath._synth.teams", description=__doc__)
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
        from refpath._synth.sample_share import write_sample_share
        from refpath._synth.sample_team import write_sample_prospects, write_sample_team

        written = write_sample_team(args.out)
        written.append(write_sample_share(args.out))
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
