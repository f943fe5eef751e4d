"""Plan benchmark: `refpath plan` for 1,000 prospects on the 50-owner x 20,000-row store.

Target (issue #6): <= 10 s for the whole process, start-up included. The lead
list is drawn from the store with a fixed seed, like a real one: mostly
people colleagues know (given with their company), some names shared by
several people and given without a company (ambiguous), and some names no
export has (not found, or reached through their company when it is known).
Reports the whole process and, in-process, the two parts of the plan:
matching plus candidate routes, and the one flow solve. Run with `make bench`
or `python bench/run.py plan`; never part of `make test`.
"""

from __future__ import annotations

import csv
import random
import sqlite3
import statistics
import sys
from pathlib import Path

from common import CACHE, REFPATH, report, team_store, time_process

OWNERS, ROWS = 50, 20_000
PROSPECTS = 1_000
AMBIGUOUS, UNKNOWN = 50, 50
RUNS, WARMUP = 3, 1
SEED = 6


def lead_list(db: Path, n: int = PROSPECTS, seed: int = SEED) -> Path:
    """Write (once) a lead list of ``n`` prospects drawn from the store; return its path."""
    out = CACHE / f"prospects-{db.stem}-{n}-s{seed}.csv"
    if out.exists():
        return out
    rng = random.Random(seed)
    conn = sqlite3.connect(db)
    try:
        (top,) = conn.execute("SELECT MAX(id) FROM people").fetchone()
        owners = {r[0] for r in conn.execute("SELECT person_id FROM owners")}
        ids = rng.sample(range(1, top + 1), 3 * n)
        known = conn.execute(
            f"""SELECT p.id, p.name, p.company, p.name_key FROM people p
                WHERE p.id IN ({",".join(map(str, ids))})"""
        ).fetchall()
        shared = [
            r[0]
            for r in conn.execute(
                """SELECT MIN(name) FROM people GROUP BY name_key HAVING COUNT(*) > 1
                   ORDER BY name_key LIMIT 2000"""
            )
        ]
        companies = [r[0] for r in conn.execute("SELECT DISTINCT company FROM people LIMIT 500")]
    finally:
        conn.close()
    rows: list[tuple[str, str, str]] = []
    for pid, name, company, _ in known:
        if pid not in owners and len(rows) < n - AMBIGUOUS - UNKNOWN:
            rows.append((name, company, "known"))
    rows += [(name, "", "ambiguous") for name in rng.sample(shared, AMBIGUOUS)]
    for i in range(UNKNOWN):
        company = rng.choice(companies) if i % 2 else "Nowhere Widgets"
        rows.append((f"Zed{i} Quillfeather", company, "unknown"))
    rng.shuffle(rows)
    out.parent.mkdir(parents=True, exist_ok=True)
    with open(out, "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(["Name", "Company", "Kind"])
        writer.writerows(rows)
    return out


def in_process(db: Path, leads: Path, runs: int = RUNS) -> dict[str, list[float]]:
    """Seconds per part of make_plan (routes, solve), over ``runs`` runs in this process."""
    from refpath.outreach.leads import read_prospects
    from refpath.outreach.plan import make_plan
    from refpath.store.db import open_store

    parts: dict[str, list[float]] = {"routes": [], "solve": []}
    with open_store(db, create=False) as store:
        lst = read_prospects(leads)
        for _ in range(runs):
            plan = make_plan(store, lst)
            for k in parts:
                parts[k].append(plan.seconds[k])
    counts: dict[str, int] = {}
    for row in plan.rows:
        counts[row.status] = counts.get(row.status, 0) + 1
    print("  statuses:", ", ".join(f"{k} {v}" for k, v in sorted(counts.items())), file=sys.stderr)
    return parts


def fresh_routes(db: Path, leads: Path) -> tuple[float, int]:
    """Contrast: seconds for one ``introducers_for`` call per matched prospect (team re-read)."""
    import time
    from datetime import date

    from refpath.outreach.leads import match_prospect, read_prospects
    from refpath.routes.introducers import introducers_for
    from refpath.store.db import open_store

    with open_store(db, create=False) as store:
        people = [match_prospect(store, p)[0] for p in read_prospects(leads).prospects]
        found = [p for p in people if p is not None]
        t = time.perf_counter()
        for person in found:
            introducers_for(store, person, top=10, today=date.today())
        return time.perf_counter() - t, len(found)


def main() -> None:
    db = team_store(OWNERS, ROWS)
    leads = lead_list(db)
    out = CACHE / "plan-bench.csv"
    proc = time_process(
        [*REFPATH, "--db", str(db), "plan", str(leads), "-o", str(out)], runs=RUNS, warmup=WARMUP
    )
    parts = in_process(db, leads)
    fresh, matched = fresh_routes(db, leads)

    def s(t: list[float]) -> str:
        return f"{statistics.median(t):.2f} s (min {min(t):.2f}, max {max(t):.2f})"

    report(
        f"plan: refpath plan with {PROSPECTS:,} prospects, {OWNERS} owners x {ROWS:,} rows "
        f"(median of {RUNS} runs)",
        [
            (
                "refpath plan LIST -o plan.csv (process)",
                f"{proc['median_s']:.2f} s (min {proc['min_s']:.2f}, max {proc['max_s']:.2f}), "
                f"peak {proc['peak_mib']:.0f} MiB",
            ),
            ("matching + candidate routes (in-process)", s(parts["routes"])),
            ("the flow solve (network_simplex)", s(parts["solve"])),
            (
                f"contrast: introducers_for afresh for each of {matched} matched",
                f"{fresh:.2f} s (routes only; the plan shares one team instead)",
            ),
            ("target", "<= 10 s for the process"),
        ],
    )


if __name__ == "__main__":
    main()
