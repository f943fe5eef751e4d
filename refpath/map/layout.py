"""Where things go on the team map, in data coordinates: the layout maths, no matplotlib.

The *wheel* puts market clusters around a ring, largest at the top, with an
area that counts their people, colleagues on an inner ring, each facing the
clusters where most of their people are, and the colleagues' own company in
the middle. On a full map each person is a dot in their cluster's disc, on the
side facing the colleagues who know them; on a summary only brokers and route
people are placed, inside their bubble, and the lines from colleagues stop at a
bubble's edge. ``spring`` runs networkx's force layout instead, for small maps.
Everything lands in a :class:`Scene`, which ``refpath.map.plot`` draws.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field

from refpath.map.clusters import TEAM, Clustering
from refpath.map.network import TeamNetwork


@dataclass
class Scene:
    """Positions and what goes where, before drawing."""

    hubs: dict[int, tuple[float, float, float]] = field(default_factory=dict)  # cid -> x, y, r
    pos: dict[int, tuple[float, float]] = field(default_factory=dict)  # person id -> x, y
    sizes: Counter[int] = field(default_factory=Counter)  # cid -> people in view
    reach: dict[int, Counter[int]] = field(default_factory=dict)  # owner -> cid -> people


def wheel(net: TeamNetwork, cl: Clustering, people: set[int], owners: set[int]) -> Scene:
    """Clusters around a ring, largest at the top; colleagues on an inner ring, each facing
    the clusters where most of their people are; the colleagues' own company in the middle."""
    scene = Scene(sizes=Counter(cl.membership.get(p, TEAM) for p in people))
    ring = [c for c, _ in scene.sizes.most_common() if c != TEAM]
    k, biggest = len(ring), max((scene.sizes[c] for c in ring), default=1)
    rmax = 0.55 if k <= 1 else min(0.5, 0.92 * math.sin(math.pi / k))
    for i, cid in enumerate(ring):
        angle = math.pi / 2 - 2 * math.pi * i / k
        x, y = (0.0, 0.0) if k == 1 else (math.cos(angle), math.sin(angle))
        scene.hubs[cid] = (x, y, max(0.04, rmax * math.sqrt(scene.sizes[cid] / biggest)))
    if scene.sizes[TEAM]:
        scene.hubs[TEAM] = (0.0, -1.2 if k == 1 else 0.0, 0.1 if scene.sizes[TEAM] > 20 else 0.06)
    for t in net.observed():
        for o, p in ((t.a, t.b), (t.b, t.a)):
            if o in owners and p in people:
                scene.reach.setdefault(o, Counter())[cl.membership.get(p, TEAM)] += 1
    prefer = {}
    for o in owners:
        counts = scene.reach.get(o, Counter())
        x = sum(scene.hubs[c][0] * m for c, m in counts.items() if c != TEAM)
        y = sum(scene.hubs[c][1] * m for c, m in counts.items() if c != TEAM)
        prefer[o] = math.atan2(y, x) if x or y else 0.0
    order = sorted(owners, key=lambda o: (prefer[o], o))
    n = max(1, len(order))
    # Evenly spaced (no colleague hides another), turned to sit closest to where each faces.
    turn = math.atan2(
        sum(math.sin(prefer[o] - 2 * math.pi * j / n) for j, o in enumerate(order)),
        sum(math.cos(prefer[o] - 2 * math.pi * j / n) for j, o in enumerate(order)),
    )
    radius = 0.85 if k == 1 else 0.42
    for j, o in enumerate(order):
        angle = turn + 2 * math.pi * j / n
        scene.pos[o] = (radius * math.cos(angle), radius * math.sin(angle))
    return scene


def _facing(net: TeamNetwork, scene: Scene, p: int, hub: tuple[float, ...]) -> float:
    """Angle from a cluster's centre towards the colleagues who know ``p``."""
    mates = [scene.pos[o] for o in net.colleagues_of.get(p, {}) if o in scene.pos]
    x = sum(m[0] for m in mates) / max(1, len(mates)) - hub[0]
    y = sum(m[1] for m in mates) / max(1, len(mates)) - hub[1]
    return math.atan2(y, x) % (2 * math.pi)


def fill_discs(net: TeamNetwork, cl: Clustering, scene: Scene, people: set[int]) -> None:
    """Each person a dot in their cluster's disc, on the side facing who knows them."""
    golden = math.pi * (3 - math.sqrt(5))
    by_cluster: dict[int, list[int]] = {}
    for p in sorted(people):
        by_cluster.setdefault(cl.membership.get(p, TEAM), []).append(p)
    for cid, members in by_cluster.items():
        hx, hy, r = hub = scene.hubs[cid]
        n = len(members)
        spiral = sorted(
            ((j * golden) % (2 * math.pi), r * math.sqrt((j + 0.5) / n)) for j in range(n)
        )
        members.sort(key=lambda p: _facing(net, scene, p, hub))
        for p, (ang, rad) in zip(members, spiral, strict=True):
            scene.pos[p] = (hx + rad * math.cos(ang), hy + rad * math.sin(ang))


def place_few(net: TeamNetwork, cl: Clustering, scene: Scene, shown: list[int]) -> None:
    """Summary: brokers and route people inside their bubble, facing their colleagues."""
    slots: Counter[int] = Counter()
    for p in shown:
        cid = cl.membership.get(p, TEAM)
        hx, hy, r = hub = scene.hubs[cid]
        n, slots[cid] = slots[cid], slots[cid] + 1
        angle = _facing(net, scene, p, hub) + 0.5 * ((n + 1) // 2) * (1 if n % 2 else -1)
        scene.pos[p] = (hx + 0.72 * r * math.cos(angle), hy + 0.72 * r * math.sin(angle))


def spring(net: TeamNetwork, people: set[int], owners: set[int], scene: Scene) -> None:
    """networkx's force layout of everyone in view (small maps only)."""
    import networkx as nx

    g = nx.Graph()
    g.add_nodes_from(people | owners)
    g.add_edges_from((t.a, t.b) for t in net.observed() if t.a in g and t.b in g)
    scene.pos.update({p: (float(x), float(y)) for p, (x, y) in nx.spring_layout(g, seed=0).items()})


def limits(scene: Scene) -> tuple[tuple[float, float], tuple[float, float]]:
    """The picture's x and y limits: every position and every whole disc, with a margin."""
    pos = scene.pos
    xs = [x for x, _ in pos.values()] + [
        h[0] + s * h[2] for h in scene.hubs.values() for s in (-1, 1)
    ]
    ys = [y for _, y in pos.values()] + [
        h[1] + s * h[2] for h in scene.hubs.values() for s in (-1, 1)
    ]
    return (min(xs) - 0.12, max(xs) + 0.12), (min(ys) - 0.1, max(ys) + 0.1)


def disc_tag(hub: tuple[float, float, float]) -> tuple[float, float]:
    """Where a cluster's tag goes on a full map: just outside its disc, away from the middle."""
    hx, hy, r = hub
    d = math.hypot(hx, hy) or 1.0
    return hx + (r + 0.07) * hx / d, hy + (r + 0.07) * hy / d


def bubble_tag(hub: tuple[float, float, float]) -> tuple[float, float]:
    """Where a summary bubble's tag goes."""
    hx, hy, r = hub
    # Outward of the centre (people inside face inwards); outside a small bubble.
    d = (0.4 * r if r > 0.1 else r + 0.09) / (math.hypot(hx, hy) or 1.0)
    return hx * (1 + d), hy * (1 + d)


def bubble_links(
    net: TeamNetwork, scene: Scene, brokers: list[int]
) -> tuple[list[list[tuple[float, float]]], list[float]]:
    """A summary's lines and their widths: from each colleague to the edge of each bubble,
    as wide as how many people they know there, then thin ones from brokers to colleagues."""
    pos = scene.pos
    top = max((m for c in scene.reach.values() for m in c.values()), default=1)
    segs, widths = [], []
    for o, counts in scene.reach.items():
        for cid, m in counts.items():
            (hx, hy, r), (ox, oy) = scene.hubs[cid], pos[o]
            d = math.hypot(hx - ox, hy - oy) or 1.0
            segs.append([(ox, oy), (hx - r * (hx - ox) / d, hy - r * (hy - oy) / d)])
            widths.append(0.3 + 8 * math.sqrt(m / top))
    known = net.colleagues_of
    segs += [[pos[b], pos[o]] for b in brokers for o in known.get(b, {}) if o in pos]
    widths += [0.7] * (len(segs) - len(widths))
    return segs, widths
