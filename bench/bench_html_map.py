"""HTML map benchmark: `refpath map -o network.html` on the 20-owner x 5,000-row team.

Targets (issue #18), on this 2-core machine: the file written in <= 5 s (the
whole process: start-up, reading the store, clusters, everyone's routes,
layout, writing), and the first frame in headless Chromium (no GPU: software)
within 5 s of opening the file. Also reports the file size per 1,000 people.
First frame = from navigation start until the browser has shown a frame
after the page drew the map (``window.__firstFrameMs``); opened from a file, with
the network blocked. Skipped, saying why, without Playwright or Chromium.
"""

from __future__ import annotations

import os
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from common import REFPATH, report, team_store, time_process

OWNERS, ROWS = 20, 5_000
CHROMIUM = ("/usr/lib/chromium/chromium", "/usr/lib/chromium-browser/chromium-browser")


def _chromium() -> str | None:
    named = os.environ.get("REFPATH_CHROMIUM")
    if named:
        return named
    found = [p for p in CHROMIUM if Path(p).is_file()]
    return found[0] if found else shutil.which("chromium")


_NEXT_FRAME = "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))"


def _interactions(tab) -> list[float]:  # type: ignore[no-untyped-def]
    """Seconds from a wheel step or a drag to the next frame shown, as a user zooms in."""
    took = []
    for _ in range(5):
        t = time.perf_counter()
        tab.mouse.move(760, 250)
        tab.mouse.wheel(0, -300)
        tab.evaluate(_NEXT_FRAME)
        took.append(time.perf_counter() - t)
    t = time.perf_counter()
    tab.mouse.move(700, 450)
    tab.mouse.down()
    tab.mouse.move(600, 400, steps=5)
    tab.mouse.up()
    tab.evaluate(_NEXT_FRAME)
    took.append(time.perf_counter() - t)
    return took


def first_frames(page: Path, runs: int = 3) -> tuple[list[float], list[float], list[float], str]:
    """Seconds to the first frame (per run, in the page's clock and from goto), then per
    interaction (the first run only), or why not."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return [], [], [], "skipped: the playwright package is not installed (make dev)"
    binary = _chromium()
    if binary is None:
        return [], [], [], "skipped: no Chromium (apt-get install chromium)"
    page_clock: list[float] = []
    wall: list[float] = []
    steps: list[float] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=binary, args=["--enable-unsafe-swiftshader"])
        for _ in range(runs):
            ctx = browser.new_context(offline=True, viewport={"width": 1400, "height": 900})
            blocked: list[str] = []

            def route(r, blocked=blocked):
                if r.request.url.startswith("file:"):
                    r.continue_()
                else:
                    blocked.append(r.request.url)
                    r.abort()

            ctx.route("**/*", route)
            tab = ctx.new_page()
            t = time.perf_counter()
            tab.goto(page.as_uri())
            tab.wait_for_function("() => window.__drawn === true", timeout=120_000)
            wall.append(time.perf_counter() - t)
            page_clock.append(tab.evaluate("() => window.__firstFrameMs") / 1000)
            if not steps:
                steps = _interactions(tab)
            if blocked:
                raise SystemExit(f"the page asked the network for {blocked[:3]}")
            ctx.close()
        browser.close()
    return page_clock, wall, steps, ""


def main() -> None:
    import sqlite3

    db = team_store(OWNERS, ROWS)
    conn = sqlite3.connect(db)
    people = conn.execute("SELECT COUNT(*) FROM people").fetchone()[0]
    conn.close()
    with tempfile.TemporaryDirectory() as tmp:
        page = Path(tmp) / "network.html"
        took = time_process([*REFPATH, "--db", str(db), "map", "-o", str(page)], runs=3)
        size = page.stat().st_size
        frames, wall, steps, why = first_frames(page)

    def spread(xs: list[float]) -> str:
        return f"{statistics.median(xs):.2f} s (min {min(xs):.2f}, max {max(xs):.2f})"

    rows = [
        ("write (whole process)", f"{took['median_s']:.2f} s (min {took['min_s']:.2f}, max "
         f"{took['max_s']:.2f}), CPU {took['cpu_s']:.2f} s, peak {took['peak_mib']:.0f} MiB"),
        ("file size", f"{size / 1e6:.1f} MB for {people:,} people "
         f"({size / people:.0f} B per person, {size / people:.0f} kB per 1,000)"),
        ("first frame (page clock)", spread(frames) if frames else why),
        ("first frame (from goto)", spread(wall) if wall else why),
        ("zoom step / drag to next frame", spread(steps) if steps else why),
        ("target", "write <= 5 s, first frame <= 5 s"),
    ]  # fmt: skip
    report(f"HTML map: {OWNERS} owners x {ROWS:,} rows ({people:,} people)", rows)


if __name__ == "__main__":
    main()
