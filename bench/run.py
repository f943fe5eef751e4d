"""Run every benchmark (``make bench``): bench/bench_*.py, one after another.

Each benchmark prints its own small table. Pass names to run only some:
``python bench/run.py ingest query``.
"""

from __future__ import annotations

import runpy
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def compiled(package: Path) -> None:
    """Byte-compile ``package`` as ``pip install`` does for a user's copy.

    An editable checkout run with PYTHONDONTWRITEBYTECODE set (as some
    shells and sandboxes do) would otherwise recompile every module at every
    start, adding ~15-50 ms that no installed refpath pays.
    """
    import compileall

    compileall.compile_dir(str(package), quiet=1)


def main(argv: list[str]) -> int:
    sys.path.insert(0, str(HERE))
    compiled(HERE.parent / "refpath")
    wanted = set(argv)
    scripts = sorted(HERE.glob("bench_*.py"))
    for script in scripts:
        name = script.stem.removeprefix("bench_")
        if wanted and name not in wanted:
            continue
        t = time.perf_counter()
        runpy.run_path(str(script), run_name="__main__")
        print(f"  ({script.name} took {time.perf_counter() - t:.1f} s in all)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
