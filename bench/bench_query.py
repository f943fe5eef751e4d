"""Query benchmark: the whole `refpath to NAME` process on a 50-owner x 20,000-row store.

Targets (issue #3): <= 150 ms wall time and <= 150 MB peak memory for the
process, start-up included. For contrast, the notebook approach builds the
whole networkx graph and enumerates `nx.all_simple_paths(cutoff=3)`; that runs
in a child process capped at CONTRAST_CAP_S. Run with `make bench` or
`python bench/run.py query`; never part of `make test`.
"""

from __future__ import annotations

import os
import sqlite3
import statistics
import subprocess
import sys
import time
from pathlib import Path

from common import REFPATH, report, team_store, time_process

OWNERS, ROWS = 50, 20_000
RUNS, WARMUP = 9, 2
CONTRAST_CAP_S = 120
HEAVY = ("networkx", "pandas", "matplotlib", "numpy", "rapidfuzz")


_CPU = (
    "import resource, subprocess, sys; "
    "subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, "
    "check=True); u = resource.getrusage(resource.RUSAGE_CHILDREN); "
    "print(u.ru_utime + u.ru_stime)"
)


def cpu_ms(cmd: list[str], runs: int = RUNS) -> float:
    """Median CPU time (user + system) of the process, in ms.

    On a busy machine wall time mostly measures the other processes; the CPU
    time of this single-threaded command is close to its wall time when idle.
    """
    times = []
    for _ in range(runs):
        done = subprocess.run(
            [sys.executable, "-c", _CPU, *cmd], capture_output=True, text=True, check=True
        )
        times.append(float(done.stdout) * 1000)
    return statistics.median(times)


def pick_target(db: Path) -> tuple[list[str], str, int, int]:
    """(query args, company, person id, colleagues who know them) for a well-known prospect.

    Synthetic names repeat (name pools), so the query is ``NAME --company C``
    when that picks one person, else the profile URL.
    """
    conn = sqlite3.connect(db)
    try:
        pid, name, company, url, nk, ck, n = conn.execute(
            """SELECT p.id, p.name, p.company, p.url, p.name_key, p.company_key, COUNT(*) AS n
               FROM connections c JOIN people p ON p.id = c.person_id
               WHERE p.id NOT IN (SELECT person_id FROM owners) AND p.company_key != ''
               GROUP BY p.id ORDER BY n DESC, p.id LIMIT 1"""
        ).fetchone()
        same = conn.execute(
            "SELECT COUNT(*) FROM people WHERE name_key = ? AND company_key LIKE ?",
            (nk, f"%{ck}%"),
        ).fetchone()[0]
    finally:
        conn.close()
    query = [name, "--company", company] if same == 1 else [url]
    return query, company, pid, n


def largest_company(db: Path) -> str:
    """The company most people in the store work at, as the data spells it."""
    conn = sqlite3.connect(db)
    try:
        return str(
            conn.execute(
                """SELECT company FROM people WHERE company_key = (
                     SELECT company_key FROM people WHERE company_key != ''
                     GROUP BY company_key ORDER BY COUNT(*) DESC LIMIT 1)
                   GROUP BY company ORDER BY COUNT(*) DESC LIMIT 1"""
            ).fetchone()[0]
        )
    finally:
        conn.close()


def at_count(db: Path, company: str) -> int:
    """How many people `refpath at COMPANY` says the team reaches there."""
    out = subprocess.run(
        [*REFPATH, "--db", str(db), "at", company, "--json"], capture_output=True, check=True
    )
    import json

    return int(json.loads(out.stdout)["reachable"])


def library_ms(db: Path, query: list[str], runs: int = 20) -> tuple[float, float]:
    """Median and max time of find_person + introducers_for in this process (ms)."""
    from refpath.routes.introducers import introducers_for
    from refpath.routes.people import find_person
    from refpath.store.db import open_store

    times = []
    with open_store(db, create=False) as store:
        for _ in range(runs):
            t = time.perf_counter()
            target = find_person(store, query[0], company=query[2] if len(query) > 2 else None)
            introducers_for(store, target)
            times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times), max(times)


def heavy_imports(cmd: list[str]) -> list[str]:
    """Heavy modules the command imports (from `python -X importtime`)."""
    done = subprocess.run(
        [sys.executable, "-X", "importtime", *cmd[1:]], capture_output=True, text=True
    )
    seen = {
        line.split("|")[-1].strip()
        for line in done.stderr.splitlines()
        if line.startswith("import time:")
    }
    return sorted(m for m in HEAVY if m in seen)


def contrast(db: str, target: str) -> None:
    """Child process: the notebook way, whole graph plus all_simple_paths(cutoff=3)."""
    import networkx as nx

    conn = sqlite3.connect(db)
    t = time.perf_counter()
    graph = nx.Graph()
    graph.add_edges_from(
        conn.execute(
            "SELECT o.person_id, c.person_id FROM connections c JOIN owners o ON o.id = c.owner_id"
        )
    )
    me = conn.execute("SELECT person_id FROM owners WHERE is_me = 1").fetchone()[0]
    built = time.perf_counter() - t
    print(f"built {built:.2f} {graph.number_of_edges()}", flush=True)
    t = time.perf_counter()
    n = sum(1 for _ in nx.all_simple_paths(graph, me, int(target), cutoff=3))
    print(f"paths {time.perf_counter() - t:.2f} {n}", flush=True)


def run_contrast(db: Path, target: int) -> tuple[str, str]:
    """(graph build, all_simple_paths) as text, with '> N s' when capped."""
    proc = subprocess.Popen(
        [sys.executable, __file__, "--contrast", str(db), str(target)],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        output, _ = proc.communicate(timeout=CONTRAST_CAP_S)
    except subprocess.TimeoutExpired:
        proc.kill()
        output, _ = proc.communicate()
        output += f"\npaths >{CONTRAST_CAP_S}"
    build, paths = "?", "?"
    for line in output.splitlines():
        if not line.strip():
            continue
        kind, *rest = line.split()
        if kind == "built":
            build = f"{float(rest[0]):.1f} s ({int(rest[1]):,} edges)"
        elif kind == "paths" and rest[0].startswith(">"):
            paths = f"> {CONTRAST_CAP_S} s (did not finish; stopped)"
        elif kind == "paths":
            paths = f"{float(rest[0]):.1f} s ({int(rest[1]):,} paths)"
    return build, paths


def main(contrast_too: bool = True) -> None:
    load = os.getloadavg()[0]
    db = team_store(OWNERS, ROWS)
    query, company, pid, knowers = pick_target(db)
    # `at` on the first word of the prospect's company (every company holding it: a
    # typical ask, ~1,500 people) and on the store's biggest company (the worst case).
    broad = company.split()[0]
    biggest = largest_company(db)
    reached, reached_big = at_count(db, broad), at_count(db, biggest)
    cmd = [*REFPATH, "--db", str(db), "to", *query]
    proc = time_process(cmd, runs=RUNS, warmup=WARMUP)
    json_proc = time_process([*cmd, "--json"], runs=RUNS, warmup=WARMUP)
    at_cmd = [*REFPATH, "--db", str(db), "at", broad]
    at_proc = time_process(at_cmd, runs=RUNS, warmup=WARMUP)
    big_cmd = [*REFPATH, "--db", str(db), "at", biggest]
    big_proc = time_process(big_cmd, runs=RUNS, warmup=WARMUP)
    python = time_process([sys.executable, "-c", "pass"], runs=RUNS, warmup=WARMUP)
    imports = time_process([sys.executable, "-c", "import refpath.cli"], runs=RUNS, warmup=WARMUP)
    lib_median, lib_max = library_ms(db, query)
    heavy = heavy_imports(cmd)
    build, paths = run_contrast(db, pid) if contrast_too else ("skipped", "skipped")

    cpu = {
        "to": cpu_ms(cmd),
        "json": cpu_ms([*cmd, "--json"]),
        "at": cpu_ms(at_cmd),
        "at_big": cpu_ms(big_cmd),
        "pass": cpu_ms([sys.executable, "-c", "pass"]),
        "imports": cpu_ms([sys.executable, "-c", "import refpath.cli"]),
    }

    def ms(t: dict[str, float], key: str | None = None) -> str:
        text = (
            f"{t['median_s'] * 1000:.0f} ms (min {t['min_s'] * 1000:.0f}, "
            f"max {t['max_s'] * 1000:.0f}), peak {t['peak_mib']:.0f} MiB"
        )
        return text + (f"; CPU {cpu[key]:.0f} ms" if key else "")

    report(
        f"query: refpath to NAME, {OWNERS} owners x {ROWS:,} rows "
        f"(target known by {knowers} colleagues; median of {RUNS} runs)",
        [
            ("query", " ".join(query)),
            ("refpath to NAME (process)", ms(proc, "to")),
            ("refpath to NAME --json", ms(json_proc, "json")),
            (f"refpath at {broad!r} ({reached:,} reachable there)", ms(at_proc, "at")),
            (f"refpath at {biggest!r} ({reached_big:,}: the biggest)", ms(big_proc, "at_big")),
            ("floor: python -c pass", ms(python, "pass")),
            ("floor: import refpath.cli", ms(imports, "imports")),
            ("introducers_for in-process", f"{lib_median:.1f} ms (max {lib_max:.1f})"),
            ("heavy imports on this path", ", ".join(heavy) or "none"),
            ("contrast: nx.Graph from the store", build),
            ("contrast: nx.all_simple_paths(cutoff=3)", paths),
            ("target", "<= 150 ms and <= 150 MB for the process"),
            ("load average at start", f"{load:.2f} on {os.cpu_count()} cores"),
        ],
    )


if __name__ == "__main__":
    if sys.argv[1:2] == ["--contrast"]:
        contrast(sys.argv[2], sys.argv[3])
    else:
        main(contrast_too="--no-contrast" not in sys.argv)
