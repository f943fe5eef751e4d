"""Fixtures for the reliability suite (helpers live in ``support.py``)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "slow: a real process on a big invented team (runs in make test too)"
    )


@pytest.fixture(scope="session")
def synth_team(tmp_path_factory) -> Callable[..., Path]:
    """``synth_team(owners, rows, seed)``: an invented team folder, written once per session."""
    from refpath._synth.teams import write_team

    made: dict[tuple[int, int, int], Path] = {}

    def make(owners: int, rows: int, seed: int = 7) -> Path:
        key = (owners, rows, seed)
        if key not in made:
            out = tmp_path_factory.mktemp(f"team-{owners}x{rows}-s{seed}")
            write_team(out, owners=owners, rows=rows, seed=seed)
            made[key] = out
        return made[key]

    return make
