"""Stores the map tests share: the three-market team with Jane, and with hostile names."""

from __future__ import annotations

from datetime import date

import pytest
from builders import HOSTILE, market_team, member

#: Jane is known by Bob only; a "$" in a name must not start matplotlib's mathtext.
JANE = member("Jane Doe", "Acme Robotics", date(2016, 3, 14))
ODD = member("Cash $$ Mc=Money", "Ledgerwise")


@pytest.fixture(scope="module")
def market_db(tmp_path_factory):
    """The three-market team (no --me), Bob knowing Jane and an odd name."""
    path = tmp_path_factory.mktemp("map") / "s.db"
    market_team(path, {"Bob Okafor": [JANE, ODD]}).close()
    return path


@pytest.fixture(scope="module")
def hostile_db(tmp_path_factory):
    """The three-market team; Bob knows Jane, Zoë (accents) and a hostile name."""
    path = tmp_path_factory.mktemp("html") / "s.db"
    extra = [
        member("Jane Doe", "Acme Robotics", date(2016, 3, 14)),
        member("Zoë Ångström-Nuñez", "Ledgerwise"),
        member(f"Evil {HOSTILE}", "Acme Robotics & <b>Sons</b>"),
    ]
    market_team(path, {"Bob Okafor": extra}).close()
    return path
