"""Fixtures shared by the test modules (keep this small; module-specific ones live there)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

ASSETS = Path(__file__).parent / "assets"
# Fixture generators under assets/ are scripts, not test modules (and share names).
collect_ignore_glob = ["assets/*"]


@pytest.fixture
def asset() -> Callable[..., Path]:
    """Path of a file under ``tests/assets``: ``asset("exports", "good", "2018.csv")``."""

    def find(*parts: str) -> Path:
        path = ASSETS.joinpath(*parts)
        if not path.exists():
            raise FileNotFoundError(f"no test asset {path}")
        return path

    return find
