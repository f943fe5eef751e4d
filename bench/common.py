"""Shared helpers for the benchmarks: cached synthetic teams and process timing.

Benchmarks are run by ``make bench``, never by the test suite: this machine
is noisy, so figures are medians over several runs, reported with their
spread. Synthetic teams and stores are cached under ``.bench/`` so each
benchmark builds them once.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / ".bench"
REFPATH = [sys.executable, "-m", "refpath"]

# The wrapper times the command itself: until Dec 2026 the figures timed the wrapper too,
# whose own Python start-up added ~20 ms to every command (and to the floors).
_MAXRSS = (
    "import resource, subprocess, sys, time; "
    "t = time.perf_counter(); "
    "rc = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)"
    ".returncode; "
    "t = time.perf_counter() - t; "
    "ru = resource.getrusage(resource.RUSAGE_CHILDREN); "
    "print(rc, ru.ru_maxrss, ru.ru_utime + ru.ru_stime, t)"
)


def team_folder(owners: int, rows: int, seed: int = 0) -> Path:
    """A synthetic team folder of ``owners`` x ``rows`` in the current format (cached)."""
    from refpath._synth.teams import write_team

    out = CACHE / f"team-{owners}x{rows}-s{seed}"
    done = out / ".done"
    if not done.exists():
        t = time.perf_counter()
        write_team(out, owners=owners, rows=rows, seed=seed)
        done.write_text("ok")
        print(f"  (generated {out.name} in {time.perf_counter() - t:.1f} s)", file=sys.stderr)
    return out


def team_store(owners: int, rows: int, seed: int = 0, *, me: bool = True) -> Path:
    """A store holding that synthetic team, with the first colleague marked as the user."""
    from refpath.identity import NAME_RULES
    from refpath.store.schema import SCHEMA_VERSION

    # A store of an older schema or older name rules would be upgraded by the first timed
    # command: each version gets a store of its own, built by the refpath measured.
    db = CACHE / f"store-{owners}x{rows}-s{seed}-v{SCHEMA_VERSION}r{NAME_RULES}.db"
    done = db.with_suffix(".done")
    if not done.exists():
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db}{suffix}").unlink(missing_ok=True)
        team = team_folder(owners, rows, seed)
        members = sorted(p for p in team.iterdir() if not p.name.startswith("."))
        if me:
            run([*REFPATH, "--db", str(db), "add", str(members[0]), "--me"])
            run([*REFPATH, "--db", str(db), "add", *map(str, members[1:])])
        else:
            run([*REFPATH, "--db", str(db), "add", str(team)])
        done.write_text("ok")
    return db


def run(cmd: list[str]) -> None:
    """Run a command, failing loudly (benchmarks must measure working commands)."""
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, env={**os.environ})


def time_process(cmd: list[str], *, runs: int = 5, warmup: int = 1) -> dict[str, float]:
    """Median/min/max wall time (s), peak RSS (MiB) and median CPU time (s) of a whole process.

    CPU time is user + system time of the process and every child it waited
    for (``refpath add``'s reader process included).
    """
    times: list[float] = []
    peaks: list[float] = []
    cpus: list[float] = []
    for i in range(warmup + runs):
        res = subprocess.run(
            [sys.executable, "-c", _MAXRSS, *cmd], capture_output=True, text=True, check=True
        )
        rc, maxrss_kib, cpu_s, took = res.stdout.split()
        elapsed = float(took)
        if rc != "0":
            raise SystemExit(f"benchmark command failed ({rc}): {' '.join(cmd)}")
        if i >= warmup:
            times.append(elapsed)
            peaks.append(int(maxrss_kib) / 1024)
            cpus.append(float(cpu_s))
    return {
        "median_s": statistics.median(times),
        "min_s": min(times),
        "max_s": max(times),
        "peak_mib": max(peaks),
        "cpu_s": statistics.median(cpus),
    }


def report(title: str, rows: list[tuple[str, str]]) -> None:
    """Print a small two-column table."""
    print(f"\n## {title}")
    width = max(len(k) for k, _ in rows)
    for k, v in rows:
        print(f"  {k:<{width}}  {v}")


def peaks_by_process(cmd: list[str]) -> dict[str, float]:
    """Peak RSS (MiB) of each process ``cmd`` starts, by its role (one extra, untimed run).

    ``time_process`` reports the largest single process; a command that starts
    a helper process (``refpath add`` reads large team folders in one) uses
    the sum. Read from /proc every 20 ms; empty where there is no /proc.
    """
    if not Path("/proc/self/status").exists():
        return {}
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, start_new_session=True)
    peaks: dict[str, float] = {}
    while proc.poll() is None:
        for entry in Path("/proc").glob("[0-9]*"):
            try:
                if int((entry / "stat").read_text().rsplit(")", 1)[1].split()[2]) != proc.pid:
                    continue
                status = (entry / "status").read_text()
                cmdline = (entry / "cmdline").read_bytes()
            except (OSError, IndexError, ValueError):
                continue
            if entry.name == str(proc.pid):
                role = "main"
            else:
                role = "reader" if b"refpath.store.readahead" in cmdline else "other"
            for line in status.splitlines():
                if line.startswith("VmHWM:"):
                    peaks[role] = max(peaks.get(role, 0.0), int(line.split()[1]) / 1024)
        time.sleep(0.02)
    return peaks
