"""Market clusters and brokers: which part of the market the team reaches, and through whom.

Plain Louvain on merged exports finds one community per colleague, because
every tie has a colleague at one end: the communities say whose export a
person came from, which the user already knows. Here clusters are found one
level up, between *companies*. Each company gets a profile: how many of its
people each colleague knows, as a share of that colleague's whole export (so a
big export does not dominate). Companies the team knows in the same
proportions sit in the same part of the market, so Louvain (seed 0) runs on
the graph linking each company to its ten most similar ones (cosine). Small
companies, people without a company and companies beyond the cap join the
nearest cluster centroid. ``docs/map.md`` gives the measurements behind this
choice.

A *broker* is someone on the routes between colleagues' networks: betweenness
centrality, counting only routes from colleague to colleague, on the reduced
graph of colleagues and the people at least two of them know (the others are
leaves that no route passes through). Colleague-to-colleague ties are left out
of that graph, so on a team whose members all know each other the people where
their networks meet still stand out.
"""

from __future__ import annotations

import random
from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from refpath.map.network import TeamNetwork

if TYPE_CHECKING:
    import numpy as np

#: Each company is linked to this many most similar companies before Louvain.
NEIGHBOURS = 6
#: Only the largest companies (with at least two known people) enter the similarity graph.
MAX_COMPANIES = 6000
#: Clusters smaller than this share of the people join the most similar big one ...
MIN_SHARE = 0.01
#: ... when their profiles are at least this similar (cosine); otherwise they stay apart.
MERGE_SIMILARITY = 0.5
#: Cluster id of the people at the colleagues' own company (not a part of the market).
TEAM = -1
#: Above this many colleagues, broker routes start from a seeded sample of them.
MAX_BROKER_SOURCES = 20


@dataclass(frozen=True)
class Broker:
    """A person where colleagues' networks meet."""

    id: int
    name: str
    company: str
    score: float  #: betweenness between colleagues, scaled so the top broker has 1.0
    cluster: int
    known_by: tuple[str, ...]  #: the colleagues with an observed tie to them


@dataclass(frozen=True)
class Cluster:
    """One part of the market the team reaches."""

    id: int  #: 0 is the largest
    label: str  #: its dominant companies, for legends and tables
    size: int  #: people in it (colleagues not counted)
    n_companies: int
    companies: tuple[tuple[str, int], ...]  #: top companies and how many people at each
    owners: tuple[tuple[str, int], ...]  #: colleagues who know people here, and how many
    brokers: tuple[Broker, ...]  #: the strongest brokers among its people


@dataclass(frozen=True)
class Clustering:
    """Market clusters of a team network, with brokers."""

    clusters: tuple[Cluster, ...]
    membership: Mapping[
        int, int
    ]  #: person id -> cluster id (a colleague: where most of theirs are)
    team_company: str  #: the colleagues' own company; its people have cluster id TEAM
    brokers: tuple[
        Broker, ...
    ]  #: the top brokers overall, colleagues and their company not included
    owner_scores: Mapping[int, float]  #: broker score of each colleague (same scale)
    method: str  #: how the clusters were found, in words
    modularity: float  #: of the partition of the company similarity graph (0 if not used)


def _display_names(net: TeamNetwork) -> dict[str, str]:
    """The most common spelling of each company key."""
    spellings: dict[str, Counter[str]] = defaultdict(Counter)
    for node in net.people.values():
        if node.company_key:
            spellings[node.company_key][node.company] += 1
    return {k: c.most_common(1)[0][0] for k, c in spellings.items()}


def _knn_louvain(profiles: np.ndarray, seed: int) -> tuple[list[set[int]], float]:
    """Louvain on the graph linking each row to its most cosine-similar rows."""
    import networkx as nx
    import numpy as np

    n = len(profiles)
    k = min(NEIGHBOURS, n - 1)
    g = nx.Graph()
    g.add_nodes_from(range(n))
    for start in range(0, n, 1024):  # blocks keep the similarity matrix small
        sims = profiles[start : start + 1024] @ profiles.T
        rows = np.arange(len(sims))
        sims[rows, start + rows] = -1.0
        nearest = np.argpartition(-sims, k - 1, axis=1)[:, :k]
        weights = np.take_along_axis(sims, nearest, axis=1)
        g.add_weighted_edges_from(
            (start + int(i), int(j), float(w))
            for i, js, ws in zip(rows, nearest, weights, strict=True)
            for j, w in zip(js, ws, strict=True)
            if w > 0
        )
    parts = nx.community.louvain_communities(g, weight="weight", seed=seed)
    return parts, float(nx.community.modularity(g, parts, weight="weight"))


def market_clusters(net: TeamNetwork, *, seed: int = 0, brokers: bool = True) -> Clustering:
    """Find the market clusters of a team network and the brokers between colleagues.

    Parameters
    ----------
    net : TeamNetwork
        From :func:`refpath.map.network.load_network`.
    seed : int
        Louvain seed; the same store always gives the same clusters.
    brokers : bool
        Find the brokers (False: none, a second faster on a big team).

    Returns
    -------
    Clustering
        Clusters ordered by size, each named by its dominant companies.
    """
    import numpy as np

    owners = list(net.owners)
    col = {o: i for i, o in enumerate(owners)}
    team = team_company(net)
    knowers: dict[int, set[int]] = defaultdict(set)
    for t in net.observed():
        if t.a in net.owners and t.b not in net.owners:
            knowers[t.b].add(t.a)
        elif t.b in net.owners and t.a not in net.owners:
            knowers[t.a].add(t.b)
    membership: dict[int, int] = {}
    for p in knowers:
        if team and net.people[p].company_key == team:
            membership[p] = TEAM  # the colleagues' own company is not a market
    knowers_market = {p: who for p, who in knowers.items() if p not in membership}
    companies = sorted({net.people[p].company_key for p in knowers_market} - {""})
    row = {c: i for i, c in enumerate(companies)}
    counts = np.zeros((len(companies), max(1, len(owners))))
    heads = np.zeros(len(companies))
    for p, who in knowers_market.items():
        ck = net.people[p].company_key
        if ck:
            heads[row[ck]] += 1
            for o in who:
                counts[row[ck], col[o]] += 1
    # Share of each colleague's export, so a big export does not pull everything to itself.
    share = counts / np.maximum(counts.sum(axis=0, keepdims=True), 1.0)
    profiles = share / np.maximum(np.linalg.norm(share, axis=1, keepdims=True), 1e-12)
    by_size = np.argsort(-heads, kind="stable")
    core = [int(i) for i in by_size[:MAX_COMPANIES] if heads[i] >= 2]
    modularity = 0.0
    if len(owners) >= 2 and len(core) >= 4:
        parts, modularity = _knn_louvain(profiles[core].astype(np.float32), seed)
        groups = [[core[i] for i in part] for part in parts]
        method = (
            f"Louvain (seed {seed}) on {len(core)} companies, each linked to its "
            f"{NEIGHBOURS} most similar by which colleagues know their people"
        )
    else:  # one colleague, or too few companies: the largest companies are the clusters
        groups = [[i] for i in by_size[:8] if heads[i] >= 2]
        method = "largest companies (too few colleagues or companies to find market clusters)"
    groups = _merge_small(groups or [list(range(len(companies)))], share, heads)
    centroids = _centroids(share, groups)
    company_cluster = (profiles @ centroids.T).argmax(axis=1) if companies else np.zeros(0)
    for cid, group in enumerate(groups):
        company_cluster[group] = cid
    by_owners: dict[frozenset[int], int] = {}
    for p, who in knowers_market.items():
        ck = net.people[p].company_key
        if ck:
            membership[p] = int(company_cluster[row[ck]])
            continue
        key = frozenset(who)
        if key not in by_owners:  # no company: the cluster its colleagues' mix points to
            vec = np.zeros(counts.shape[1])
            vec[[col[o] for o in who]] = 1.0
            by_owners[key] = int((centroids @ vec).argmax())
        membership[p] = by_owners[key]
    return _describe(net, membership, knowers, method, modularity, brokers)


def _centroids(share: np.ndarray, groups: list[list[int]]) -> np.ndarray:
    """Unit-length mean profile of each group of companies."""
    import numpy as np

    if not share.size:
        return np.ones((1, share.shape[1]))
    sums = np.stack([share[g].sum(axis=0) for g in groups])
    return sums / np.maximum(np.linalg.norm(sums, axis=1, keepdims=True), 1e-12)


def _merge_small(groups: list[list[int]], share: np.ndarray, heads: np.ndarray) -> list[list[int]]:
    """Merge each small group into the most similar big one, if it is like one.

    A small group unlike every big one is known by other colleagues: a part of
    the market of its own, kept. Largest first.
    """
    floor = max(2.0, MIN_SHARE * heads.sum())
    big = [list(g) for g in groups if heads[g].sum() >= floor]
    small = [g for g in groups if heads[g].sum() < floor]
    if big and small:
        sims = _centroids(share, small) @ _centroids(share, big).T
        for g, row in zip(small, sims, strict=True):
            if row.max() >= MERGE_SIMILARITY:
                big[int(row.argmax())] += g
            else:
                big.append(list(g))
    return sorted(big or small, key=lambda g: -heads[g].sum())


def team_company(net: TeamNetwork) -> str:
    """The company key most colleagues share ('' unless at least half of them do).

    Parameters
    ----------
    net : TeamNetwork
        From :func:`refpath.map.network.load_network`.

    Returns
    -------
    str

    Examples
    --------
    >>> from refpath.map.network import Node
    >>> people = {1: Node("A", "Northwind", "northwind", "", ""), 2: Node("B", "", "", "", "")}
    >>> team_company(TeamNetwork(people, {1: "A", 2: "B"}, (), None))
    'northwind'
    """
    keys = Counter(net.people[o].company_key for o in net.owners if net.people[o].company_key)
    if not keys:
        return ""
    key, n = keys.most_common(1)[0]
    return key if 2 * n >= len(net.owners) else ""


def broker_scores(net: TeamNetwork) -> dict[int, float]:
    """Betweenness on routes between colleagues, scaled to [0, 1].

    Computed on the reduced graph: colleagues and the people at least two
    colleagues know, without colleague-to-colleague ties. With many colleagues
    the routes start from a seeded sample of them.

    Parameters
    ----------
    net : TeamNetwork
        From :func:`refpath.map.network.load_network`.

    Returns
    -------
    dict
        Person id -> score in (0, 1], the top broker 1.0; people scoring 0 left out.
    """
    import networkx as nx

    deg: Counter[int] = Counter()
    for t in net.observed():
        deg[t.a] += 1
        deg[t.b] += 1
    g = nx.Graph()
    g.add_nodes_from(net.owners)
    g.add_edges_from(
        (t.a, t.b)
        for t in net.observed()
        if (t.a in net.owners) != (t.b in net.owners) and min(deg[t.a], deg[t.b]) >= 2
    )
    owners = list(net.owners)
    sources = owners
    if len(owners) > MAX_BROKER_SOURCES:
        sources = random.Random(0).sample(owners, MAX_BROKER_SOURCES)
    scores = nx.betweenness_centrality_subset(g, sources, owners, normalized=False)
    top = max(scores.values(), default=0.0)
    return {p: s / top for p, s in scores.items() if s > 0} if top > 0 else {}


def _describe(
    net: TeamNetwork,
    membership: dict[int, int],
    knowers: Mapping[int, set[int]],
    method: str,
    modularity: float,
    brokers: bool = True,
) -> Clustering:
    """Name each cluster by its companies and attach its colleagues and brokers."""
    names = _display_names(net)
    scores = broker_scores(net) if brokers else {}
    # Number the clusters by size, largest first, whatever order Louvain found them in.
    order = [cid for cid, _ in Counter(membership.values()).most_common() if cid != TEAM]
    renumber = {cid: new for new, cid in enumerate(order)} | {TEAM: TEAM}
    membership = {p: renumber[cid] for p, cid in membership.items()}
    reach: dict[int, Counter[int]] = defaultdict(Counter)
    companies: dict[int, Counter[str]] = defaultdict(Counter)
    sizes: Counter[int] = Counter()
    for p, cid in membership.items():
        if cid == TEAM:
            continue
        sizes[cid] += 1
        reach[cid].update(knowers[p])
        ck = net.people[p].company_key
        if ck:
            companies[cid][ck] += 1
    for o in net.owners:  # a colleague belongs where most of their people are
        if sizes:
            membership[o] = max(sorted(sizes), key=lambda cid: reach[cid][o])

    def broker(p: int) -> Broker:
        node = net.people[p]
        return Broker(
            p,
            node.name,
            node.company,
            round(scores[p], 4),
            membership.get(p, TEAM),
            net.owner_names(knowers.get(p, ())),
        )

    ranked = sorted(
        (p for p in scores if p not in net.owners and membership.get(p, TEAM) != TEAM),
        key=lambda p: (-scores[p], p),
    )
    per_cluster: dict[int, list[Broker]] = defaultdict(list)
    for p in ranked:
        cid = membership[p]
        if len(per_cluster[cid]) < 3:
            per_cluster[cid].append(broker(p))
    clusters = []
    for cid in sorted(sizes):
        top = companies[cid].most_common(5)
        label = ", ".join(names[k] for k, _ in top[:3]) or "no company given"
        clusters.append(
            Cluster(
                id=cid,
                label=label,
                size=sizes[cid],
                n_companies=len(companies[cid]),
                companies=tuple((names[k], n) for k, n in top),
                owners=tuple((net.owners[o], n) for o, n in reach[cid].most_common()),
                brokers=tuple(per_cluster[cid]),
            )
        )
    team = next((p for p, cid in membership.items() if cid == TEAM), None)
    return Clustering(
        clusters=tuple(clusters),
        team_company=net.people[team].company if team is not None else "",
        membership=membership,
        brokers=tuple(broker(p) for p in ranked[:10]),
        owner_scores={o: round(scores.get(o, 0.0), 4) for o in net.owners},
        method=method,
        modularity=round(modularity, 3),
    )
