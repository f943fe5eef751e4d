"""Market clusters and brokers on a team whose markets are known by construction.

Three colleagues, three markets of four companies each. Every colleague knows
two markets and every market is known by two colleagues, so clusters that
mirrored whose export a person came from could not match the markets. The
``market_team`` builder is shared with the map and export tests.
"""

from __future__ import annotations

import pytest
from builders import KNOWN_BY, MARKETS, TEAM_COMPANY, export, li, market_team, member

from refpath.map.clusters import TEAM, market_clusters
from refpath.map.network import load_network
from refpath.store.db import open_store
from refpath.store.ingest import add_exports


@pytest.fixture
def net(tmp_path):
    with market_team(tmp_path / "s.db") as store:
        yield load_network(store)


def market_of(company: str) -> str:
    return next(m for m, companies in MARKETS.items() if company in companies)


def test_clusters_are_the_markets_not_the_colleagues(net):
    result = market_clusters(net)
    assert len(result.clusters) == 3
    groups: dict[int, set[str]] = {}
    for pid, cid in result.membership.items():
        node = net.people[pid]
        if pid not in net.owners and cid != TEAM:
            groups.setdefault(cid, set()).add(market_of(node.company))
    assert sorted(len(g) for g in groups.values()) == [1, 1, 1]  # each cluster is one market
    for cluster in result.clusters:
        market = market_of(cluster.companies[0][0])
        assert {name for name, _ in cluster.owners} == set(KNOWN_BY[market])
        assert cluster.size == 16 and cluster.n_companies == 4
        assert cluster.label.count(",") == 2  # named by its three largest companies


def test_the_colleagues_own_company_is_not_a_market_and_holds_no_broker(net):
    result = market_clusters(net)
    hannah = next(p for p, n in net.people.items() if n.name == "Hannah Whitfield")
    assert result.membership[hannah] == TEAM
    assert result.team_company == TEAM_COMPANY
    assert all(b.id != hannah for b in result.brokers)
    assert all(cid != TEAM for o, cid in result.membership.items() if o in net.owners)


def test_brokers_are_where_colleagues_networks_meet(net):
    result = market_clusters(net)
    # The first person of each company is known by both of its market's colleagues.
    assert result.brokers and all(len(b.known_by) == 2 for b in result.brokers)
    assert all(b.name.endswith("Person0") for b in result.brokers)
    for cluster in result.clusters:
        assert all(b.cluster == cluster.id for b in cluster.brokers)


def test_clusters_are_reproducible(net):
    first, second = market_clusters(net), market_clusters(net)
    assert first.membership == second.membership
    assert first.clusters == second.clusters


def test_one_colleague_falls_back_to_the_largest_companies(tmp_path):
    people = [member(f"P{i} X", "Acme" if i < 3 else "Globex") for i in range(5)]
    with open_store(tmp_path / "one.db") as store:
        add_exports(store, [export("Solo Seller", people, url=li("solo-seller"))])
        result = market_clusters(load_network(store))
    assert [c.label for c in result.clusters] == ["Acme", "Globex"]
    assert "largest companies" in result.method


def test_an_empty_store_has_no_clusters(tmp_path):
    with open_store(tmp_path / "empty.db") as store:
        result = market_clusters(load_network(store))
    assert result.clusters == () and result.brokers == ()
