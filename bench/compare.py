"""Compare the whole `refpath to NAME` process of an earlier commit with the working tree.

``make bench-compare REV=<commit>`` (or ``python bench/compare.py REV``) checks
the commit out under ``.bench/rev-REV`` (``git archive``, no work tree of its
own), then runs ``refpath to`` from the old code and from this tree in
alternating pairs on the same 50 x 20,000-row store, so machine noise falls on
both alike. It reports the median wall and CPU time of each and the median of
the per-pair differences. Both run with this tree's .venv (the dependencies
are the same); only ``PYTHONPATH`` differs. Both must read the same store schema.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tarfile
import time
from pathlib import Path

from bench_query import OWNERS, ROWS, pick_target
from common import CACHE, ROOT, team_store

PAIRS = 21
_CPU = (
    "import resource, subprocess, sys; "
    "subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, "
    "check=True); u = resource.getrusage(resource.RUSAGE_CHILDREN); "
    "print(u.ru_utime + u.ru_stime)"
)


def checkout(rev: str) -> Path:
    """The files of ``rev`` under .bench/rev-REV (extracted once)."""
    sha = subprocess.run(
        ["git", "rev-parse", "--short", rev], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.strip()
    out = CACHE / f"rev-{sha}"
    if not (out / ".done").exists():
        out.mkdir(parents=True, exist_ok=True)
        archive = subprocess.run(
            ["git", "archive", "--format=tar", sha], cwd=ROOT, capture_output=True, check=True
        ).stdout
        tar = out / "src.tar"
        tar.write_bytes(archive)
        with tarfile.open(tar) as t:
            t.extractall(out, filter="data")
        tar.unlink()
        (out / ".done").write_text(sha)
    return out


def one_run(src: Path, args: list[str]) -> tuple[float, float]:
    """(wall s, CPU s) of one ``refpath to`` process run from the code in ``src``."""
    env = {**os.environ, "PYTHONPATH": str(src)}
    t = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", _CPU, sys.executable, "-m", "refpath", *args],
        capture_output=True,
        text=True,
        check=True,
        env=env,
        cwd=src,
    )
    return time.perf_counter() - t, float(done.stdout)


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python bench/compare.py REV", file=sys.stderr)
        return 2
    old = checkout(argv[0])
    from run import compiled

    for src in (old, ROOT):  # as an installed copy is: see run.compiled
        compiled(src / "refpath")
    from refpath.store.schema import SCHEMA_VERSION

    theirs = subprocess.run(
        # refpath.store.db names it in every version (schema.py holds it since Dec 2026)
        [sys.executable, "-c", "from refpath.store.db import SCHEMA_VERSION as v; print(v)"],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PYTHONPATH": str(old)},
        cwd=old,
    ).stdout.strip()
    if theirs != str(SCHEMA_VERSION):
        print(
            f"bench/compare.py: {argv[0]} reads store schema {theirs}, this tree {SCHEMA_VERSION}: "
            "one store cannot serve both; compare with a commit of the same schema",
            file=sys.stderr,
        )
        return 2
    db = team_store(OWNERS, ROWS)
    query, _, _, _ = pick_target(db)
    args = ["--db", str(db), "to", *query]
    for src in (old, ROOT):  # warm the page cache and .pyc files of both
        one_run(src, args)
    pairs: list[tuple[tuple[float, float], tuple[float, float]]] = []
    for i in range(PAIRS):
        first, second = (old, ROOT) if i % 2 == 0 else (ROOT, old)
        a, b = one_run(first, args), one_run(second, args)
        pairs.append((a, b) if first is old else (b, a))
    load = os.getloadavg()[0]

    def ms(xs: list[float]) -> str:
        lo, mid, hi = min(xs) * 1000, statistics.median(xs) * 1000, max(xs) * 1000
        return f"{mid:6.1f} ms (min {lo:.1f}, max {hi:.1f})"

    print(
        f"refpath to, {OWNERS} owners x {ROWS:,} rows, {PAIRS} alternating pairs, load {load:.1f}"
    )
    print(
        f"  {argv[0]:>10} wall {ms([p[0][0] for p in pairs])}  cpu {ms([p[0][1] for p in pairs])}"
    )
    new = "this tree"
    print(f"  {new:>10} wall {ms([p[1][0] for p in pairs])}  cpu {ms([p[1][1] for p in pairs])}")
    diff = [(n[0] - o[0]) * 1000 for o, n in pairs]
    change = statistics.median(diff)
    print(f"  per-pair difference (this tree - {argv[0]}): median {change:+.1f} ms wall")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    raise SystemExit(main(sys.argv[1:]))
