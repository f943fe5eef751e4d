"""Evidence named only by a name finds its person as look-ups do (middle names aside)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from builders import export, row

from refpath.exports.records import RecommendationInfo
from refpath.routes.people import find_person
from refpath.store.db import open_store
from refpath.store.ingest import add_exports


def _recs(store, person_id):
    return store.conn.execute(
        "SELECT SUM(recs_received) FROM signals WHERE person_id = ?", (person_id,)
    ).fetchone()[0]


def test_a_recommendation_without_the_middle_initial_reaches_the_connection(tmp_path):
    rec = RecommendationInfo("Laura Quinn", "Wingtip", False, date(2024, 3, 1))
    decorated = RecommendationInfo("Eva Lindqvist PhD Author", "Litware", False, None)
    mine = export(
        "Nia Holt",
        [
            row("Laura M.", "Quinn", "laura-q", "Wingtip"),
            row("Eva", "Lindqvist, PhD Author", "eva-l", "Litware"),
        ],
    )
    with open_store(tmp_path / "s.db") as store:
        add_exports(store, [replace(mine, recommendations=(rec, decorated))])
        assert _recs(store, find_person(store, "Laura Quinn").id) == 1
        assert _recs(store, find_person(store, "Eva Lindqvist").id) == 1


def test_a_loose_name_that_fits_two_connections_reaches_neither(tmp_path):
    rec = RecommendationInfo("Ann Lee", "", False, None)
    mine = export(
        "Nia Holt", [row("Ann M.", "Lee", "ann-m", "Wingtip"), row("Ann K.", "Lee", "ann-k", "X")]
    )
    with open_store(tmp_path / "s.db") as store:
        add_exports(store, [replace(mine, recommendations=(rec,))])
        assert store.conn.execute("SELECT COUNT(*) FROM signals").fetchone()[0] == 0
