"""Map benchmark: `refpath map --highlight` on a 20-owner x 5,000-row team (100k edges).

Target (issue #5): <= 15 s on this 2-core machine, for the whole process
(start-up, reading the store, clusters, brokers, routes, drawing, saving).
Also times `clusters --json` and `export -o .gexf`, and measures what the
market clusters find against plain Louvain on the same store: modularity, and
purity against the synthetic team's industries (which the generator knows and
refpath does not) and against whose export a person came from.
"""

from __future__ import annotations

import sqlite3
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

from common import REFPATH, report, team_store, time_process

OWNERS, ROWS = 20, 5_000


def _target(db: Path) -> tuple[str, str]:
    """A person two colleagues know, with a name no one else has (name, company)."""
    conn = sqlite3.connect(db)
    row = conn.execute(
        """SELECT p.name, p.company FROM people p JOIN connections c ON c.person_id = p.id
           WHERE p.company != '' GROUP BY p.id HAVING COUNT(*) = 2
           AND (SELECT COUNT(*) FROM people q WHERE q.name_key = p.name_key) = 1
           ORDER BY p.id LIMIT 1"""
    ).fetchone()
    conn.close()
    return row[0], row[1]


def _purity(groups: list[set[int]], label: dict[int, str]) -> float:
    """Share of people whose label is their group's most common label."""
    hit = total = 0
    for g in groups:
        labels = Counter(label[p] for p in g if p in label)
        if labels:
            hit += labels.most_common(1)[0][1]
            total += sum(labels.values())
    return hit / max(1, total)


def _owner_purity(groups: list[set[int]], knowers: dict[int, set[str]]) -> float:
    """Share of people known by their group's main colleague (1.0: groups are exports)."""
    hit = total = 0
    for g in groups:
        people = [p for p in g if p in knowers]
        if people:
            main = Counter(o for p in people for o in knowers[p]).most_common(1)[0][0]
            hit += sum(main in knowers[p] for p in people)
            total += len(people)
    return hit / max(1, total)


def quality(db: Path) -> list[tuple[str, str]]:
    """Modularity and purity of plain Louvain vs refpath's market clusters."""
    import networkx as nx

    from refpath._synth.pools import INDUSTRIES
    from refpath.map.clusters import market_clusters
    from refpath.map.network import load_network
    from refpath.store.db import open_store

    noun = {n: k for k, nouns in INDUSTRIES.items() for n in nouns}
    with open_store(db, create=False) as store:
        net = load_network(store)
    industry: dict[int, str] = {}
    knowers: dict[int, set[str]] = defaultdict(set)
    for pid, node in net.people.items():
        hits = [noun[w] for w in node.company.replace(",", " ").split() if w in noun]
        if hits and pid not in net.owners:
            industry[pid] = hits[0]
    for t in net.observed():
        if t.b not in net.owners:
            knowers[t.b].update(t.owners)
    g = nx.Graph((t.a, t.b) for t in net.observed())
    t0 = time.perf_counter()
    plain = nx.community.louvain_communities(g, seed=0)
    t_plain = time.perf_counter() - t0
    t0 = time.perf_counter()
    cl = market_clusters(net)
    t_market = time.perf_counter() - t0
    groups: dict[int, set[int]] = defaultdict(set)
    for p, c in cl.membership.items():
        groups[c].add(p)
    market = list(groups.values())
    row = "{} communities, modularity {:.2f} ({}), industry purity {:.2f}, "
    row += "owner purity {:.2f}, {:.1f} s"
    return [
        ("plain Louvain", row.format(len(plain), nx.community.modularity(g, plain), "person graph",
                                     _purity(plain, industry), _owner_purity(plain, knowers),
                                     t_plain)),
        ("market clusters", row.format(len(market), cl.modularity, "company graph",
                                       _purity(market, industry), _owner_purity(market, knowers),
                                       t_market)),
        ("  same, on the person graph", f"modularity {nx.community.modularity(g, market):.2f}"),
    ]  # fmt: skip


def main() -> None:
    db = team_store(OWNERS, ROWS)
    name, company = _target(db)
    base = [*REFPATH, "--db", str(db)]
    with tempfile.TemporaryDirectory() as tmp:
        picture = str(Path(tmp) / "map.png")
        t_map = time_process([*base, "map", "-o", picture, "--highlight", name,
                              "--company", company], runs=3)  # fmt: skip
        t_clusters = time_process([*base, "clusters", "--json"], runs=3)
        t_export = time_process([*base, "export", "-o", str(Path(tmp) / "g.gexf")], runs=1)

    def took(t: dict[str, float]) -> str:
        spread = f"min {t['min_s']:.2f}, max {t['max_s']:.2f}"
        return f"{t['median_s']:.2f} s ({spread}), peak {t['peak_mib']:.0f} MiB"

    rows = [
        ("map --highlight", took(t_map)),
        ("clusters --json", took(t_clusters)),
        ("export .gexf", took(t_export)),
        ("target", "map <= 15 s"),
    ]
    report(f"map: {OWNERS} owners x {ROWS:,} rows ({OWNERS * ROWS:,} edges)", rows)
    report("clusters: plain Louvain vs market clusters", quality(db))


if __name__ == "__main__":
    main()
