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


SAMPLE = Path(__file__).resolve().parent.parent / "sample_exports"


@pytest.fixture(scope="session")
def _sample_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample team in a store, built once: Alex's archive with --me, then the others."""
    from typer.testing import CliRunner

    from refpath.cli import app

    if not (SAMPLE / "README.md").exists():
        pytest.skip("sample_exports/ is not there")
    db = tmp_path_factory.mktemp("sample-master") / "s.db"
    mine = SAMPLE / "Basic_LinkedInDataExport_11-20-2026.zip"
    theirs = sorted(p for p in SAMPLE.iterdir() if p != mine and p.name != "README.md")
    runner = CliRunner()
    for args in (["add", str(mine), "--me"], ["add", *map(str, theirs)]):
        result = runner.invoke(app, ["--db", str(db), *args])
        assert result.exit_code == 0, result.output
    return db


@pytest.fixture(scope="module")
def sample_db(_sample_store: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the sample team's store for one test module (modules may change theirs)."""
    from builders import copy_store

    return copy_store(_sample_store, tmp_path_factory.mktemp("sample") / "s.db")


@pytest.fixture
def freeze_today(monkeypatch: pytest.MonkeyPatch) -> Callable[..., None]:
    """``freeze_today("refpath.routes.introducers", ...)``: ``date.today()`` there is TODAY."""
    from datetime import date

    from builders import TODAY

    class _Today(date):
        @classmethod
        def today(cls) -> date:
            return TODAY

    def freeze(*modules: str) -> None:
        for module in modules:
            monkeypatch.setattr(f"{module}.date", _Today)

    return freeze
