"""Pictures of the team network: with plot_labels, the only modules importing matplotlib.

The map is a *wheel*: market clusters sit around a ring, largest at the top,
colleagues on an inner ring, each facing the clusters where most of their
people are, and the colleagues' own company in the middle. A small team is
drawn person by person: each person is a dot in their cluster's disc, on the
side facing the colleagues who know them, and grey lines are the connections
the exports show. Above :data:`FULL_LIMIT` people the map is a *summary* (it
says so): each cluster is a bubble whose area counts its people, colleagues and
each cluster's strongest broker are nodes, and line widths count how many
people a colleague knows in a cluster. A highlighted route is drawn in full,
boldly, on top, with names. Labels are placed one by one where they cover no
earlier one; those that fit nowhere are left out, least important first. No
force-directed layout runs on a big graph. Where things go is worked out in
:mod:`refpath.map.layout`; this module draws it (lazily importing matplotlib, Agg),
and :mod:`refpath.map.labels` writes the names, titles and legend on it.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from refpath.errors import InputError, RefpathError
from refpath.map.clusters import TEAM, Clustering
from refpath.map.labels import ROUTE, colour, draw_legend, draw_titles, place_labels, text
from refpath.map.layout import (
    Scene,
    bubble_links,
    bubble_tag,
    disc_tag,
    fill_discs,
    limits,
    place_few,
    spring,
    wheel,
)
from refpath.map.network import TeamNetwork
from refpath.map.options import MapOptions, Route
from refpath.outfiles import atomic_output

if TYPE_CHECKING:
    pass

#: ``--layout spring`` runs networkx's force layout, which takes minutes on big graphs.
SPRING_LIMIT = 2000
FORMATS = (".png", ".svg", ".pdf")
LAYOUTS = ("clusters", "spring")


@dataclass(frozen=True)
class MapResult:
    """What the picture shows."""

    path: Path
    summarised: bool
    people: int  #: people in view (drawn one by one, or counted in bubbles)
    clusters: int
    labels: int  #: names written on the picture
    title: str


def output_format(path: Path) -> str:
    """The picture format for ``path`` ("png", "svg" or "pdf"); InputError if unusable.

    Parameters
    ----------
    path : Path
        Where the picture goes: its extension picks the format, its folder must exist.

    Returns
    -------
    str

    Examples
    --------
    >>> output_format(Path("map.SVG"))
    'svg'
    """
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        raise InputError(
            f"{path}: unknown picture format {suffix or '(none)'!r}; "
            "use a file name ending in .png, .svg or .pdf"
        )
    parent = path.parent if str(path.parent) else Path(".")
    if not parent.is_dir():
        raise InputError(f"{path}: folder {parent} does not exist")
    if path.is_dir():
        raise InputError(f"{path}: is a folder; give a file name such as {path / 'network.png'}")
    return suffix[1:]


def _view(net: TeamNetwork, opts: MapOptions) -> tuple[set[int], set[int]]:
    """(people in view, colleagues in view): everyone, or one colleague's network."""
    people = set(net.people)
    if opts.focus is not None:
        people = {opts.focus}
        for t in net.observed():
            if opts.focus in (t.a, t.b):
                people.add(t.b if t.a == opts.focus else t.a)
    for r in opts.routes:
        people.update(r.nodes)
    owners = {p for p in people if p in net.owners}
    return people - owners, owners


def draw_map(net: TeamNetwork, cl: Clustering, opts: MapOptions) -> MapResult:
    """Draw the team network (or its summary) to ``opts.out``.

    Parameters
    ----------
    net : TeamNetwork
        From :func:`refpath.map.network.load_network`.
    cl : Clustering
        From :func:`refpath.map.clusters.market_clusters`.
    opts : MapOptions
        Output file (format by extension), routes to highlight, focus colleague, layout.

    Returns
    -------
    MapResult
        Raises :class:`InputError` for an unknown format or layout, a missing
        folder, or ``--layout spring`` on a map too big for it.
    """
    output_format(opts.out)
    if opts.layout not in LAYOUTS:
        raise InputError(f"unknown layout {opts.layout!r}; use one of: {', '.join(LAYOUTS)}")
    people, owners = _view(net, opts)
    if not people:
        raise RefpathError("nothing to draw: no one in the store is connected to a colleague yet")
    summarised = len(people) > opts.max_people
    if opts.layout == "spring" and (summarised or len(people) > SPRING_LIMIT):
        raise InputError(
            f"--layout spring draws every person and takes minutes above "
            f"{min(SPRING_LIMIT, opts.max_people):,} people (this map has "
            f"{len(people):,}); use --layout clusters"
        )
    scene = wheel(net, cl, people, owners)
    # The strongest broker of each cluster: where to look to get into that part of the market.
    brokers = [c.brokers[0].id for c in cl.clusters if c.brokers and c.brokers[0].id in people]
    brokers = brokers[:12]
    if summarised:
        on_route = {p for r in opts.routes for p in r.nodes} - owners
        place_few(net, cl, scene, sorted(set(brokers) | on_route))
    elif opts.layout == "spring":
        spring(net, people, owners, scene)
        scene.hubs.clear()  # clusters are only colours here
    else:
        fill_discs(net, cl, scene, people)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # glyphs some scripts lack in the font
        return _render(net, cl, scene, opts, (people, owners, brokers), summarised)


def _xy(ids: Sequence[int], pos: dict) -> tuple[list[float], list[float]]:
    return [pos[p][0] for p in ids], [pos[p][1] for p in ids]


_OWNER: dict[str, Any] = {
    "marker": "D",
    "s": 130,
    "c": "#1b1b1b",
    "edgecolors": "white",
    "zorder": 6,
}
_BROKER: dict[str, Any] = {"s": 100, "zorder": 5, "edgecolors": "black", "linewidths": 1.8}


def _render(
    net: TeamNetwork,
    cl: Clustering,
    scene: Scene,
    opts: MapOptions,
    view: tuple[set[int], set[int], list[int]],
    summarised: bool,
) -> MapResult:
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    people, owners, brokers = view
    fig = Figure(figsize=(16, 10), dpi=100)
    canvas = FigureCanvasAgg(fig)
    ax = fig.add_axes((0.0, 0.0, 0.66, 0.86))
    ax.set_axis_off()
    ax.set_aspect("equal")
    pos, member = scene.pos, cl.membership.get
    xlim, ylim = limits(scene)
    ax.set_xlim(*xlim)
    ax.set_ylim(*ylim)
    if summarised:
        tags = _bubbles(ax, net, scene, brokers)
    else:
        tags = _people(ax, net, cl, scene, people | owners, opts.focus)
    ax.scatter(*_xy(brokers, pos), c=[colour(member(b, TEAM)) for b in brokers], **_BROKER)
    size = 130 if len(owners) <= 40 else max(20, 5200 / len(owners))  # a ring of many: smaller
    ax.scatter(*_xy(sorted(owners - {net.me}), pos), **{**_OWNER, "s": size})
    if net.me in pos:
        ax.scatter(*pos[net.me], **{**_OWNER, "marker": "*", "s": 600, "zorder": 7})
    labels = _route_layer(ax, net, opts.routes, pos)
    on_route = {p for r in opts.routes for p in r.nodes}
    for o in sorted(owners - on_route, key=lambda o: -sum(scene.reach.get(o, {}).values()))[:30]:
        labels.append((pos[o], "You" if o == net.me else text(net.people[o].name, 24), "owner"))
    for b in brokers:
        node = net.people[b]
        labels.append((pos[b], f"{text(node.name, 24)}\n{text(node.company, 26)}", "broker"))
    placed = place_labels(canvas, ax, labels, [pos[p] for p in (*owners, *brokers)], tags)
    title = draw_titles(
        fig, net, cl, opts, (len(people), len(owners - {net.me}), net.me in owners), summarised
    )
    draw_legend(fig, net, cl, scene, opts)
    _save(fig, canvas, opts.out, opts.protect)
    n_clusters = len(set(scene.sizes) - {TEAM})
    return MapResult(opts.out, summarised, len(people), n_clusters, placed, title)


def _save(fig: Any, canvas: Any, out: Path, protect: Sequence[tuple[Path, str]] = ()) -> None:
    """Save by extension, atomically; a PNG is reduced to 256 colours (a third of the bytes)."""
    fmt = out.suffix[1:].lower()
    try:
        with atomic_output(out, protect=protect) as f:
            if fmt != "png":
                fig.savefig(f, format=fmt)
                return
            from PIL import Image

            canvas.draw()
            rgba = Image.frombuffer("RGBA", canvas.get_width_height(), canvas.buffer_rgba())
            rgb = rgba.convert("RGB")  # octree keeps rare colours (legend swatches) exact
            rgb.quantize(256, method=Image.Quantize.FASTOCTREE).save(f, format="PNG", optimize=True)
    except OSError as err:
        raise InputError(f"{out}: cannot write the picture: {err.strerror or err}") from err


def _people(ax: Any, net: TeamNetwork, cl: Clustering, scene: Scene, view: set[int],
            focus: int | None) -> list:  # fmt: skip
    """Every person a dot, every connection (of ``focus``) a grey line; cluster tags."""
    from matplotlib.collections import LineCollection

    pos = scene.pos
    ties = (t for t in net.observed() if focus is None or focus in (t.a, t.b))
    segs = [[pos[t.a], pos[t.b]] for t in ties if t.a in view and t.b in view]
    alpha = min(0.5, 12 / math.sqrt(len(segs) + 1))
    ax.add_collection(LineCollection(segs, linewidths=0.4, alpha=alpha, colors="#555555"))
    dots = sorted(view - set(net.owners))
    size = max(6.0, min(40.0, 6000 / (len(dots) + 1)))
    ax.scatter(*_xy(dots, pos), s=size, lw=0, c=[colour(cl.membership.get(p, TEAM)) for p in dots])
    tags = []
    for cid, hub in scene.hubs.items():
        if cid != TEAM:
            tags.append(ax.text(*disc_tag(hub), f"C{cid + 1}", ha="center", va="center", size=13,
                                weight="bold", color=colour(cid)))  # fmt: skip
    return tags


def _bubbles(ax: Any, net: TeamNetwork, scene: Scene, brokers: list[int]) -> list:
    """Clusters as bubbles; lines from colleagues as wide as how many people they know there."""
    from matplotlib.collections import LineCollection
    from matplotlib.patches import Circle

    tags = []
    segs, widths = bubble_links(net, scene, brokers)
    alpha = min(0.22, 4.5 / math.sqrt(len(segs) + 1))  # many colleagues: fainter lines
    ax.add_collection(LineCollection(segs, linewidths=widths, alpha=alpha, colors="#555555"))
    for cid, (hx, hy, r) in scene.hubs.items():
        ax.add_patch(Circle((hx, hy), r, fc=colour(cid), alpha=0.5, ec=colour(cid), lw=2))
        tag = f"{'your company' if cid == TEAM else f'C{cid + 1}'}\n{scene.sizes[cid]:,} people"
        tags.append(ax.text(*bubble_tag((hx, hy, r)), tag, ha="center", va="center", size=10,
                            weight="bold"))  # fmt: skip
    return tags


def _route_layer(ax: Any, net: TeamNetwork, routes: Sequence[Route], pos: dict) -> list:
    """Draw the routes boldly, the best on top; return their labels, target first."""
    for rank in range(len(routes) - 1, -1, -1):
        r, width = routes[rank], 5.0 if rank == 0 else 2.2
        for a, b, inferred in zip(r.nodes[:-1], r.nodes[1:], r.inferred, strict=True):
            xy = list(zip(pos[a], pos[b], strict=True))
            ax.plot(*xy, color="white", lw=width + 3, zorder=8, solid_capstyle="round")
            style = (0, (2, 1.2)) if inferred else "-"
            ax.plot(*xy, color=ROUTE, lw=width, ls=style, zorder=9, alpha=1 - 0.25 * (rank > 0))
        mid = [p for p in r.nodes[1:-1] if p not in net.owners]
        ax.scatter(*_xy(mid, pos), s=120, c="white", edgecolors=ROUTE, linewidths=2.5, zorder=10)
    if not routes:
        return []
    t = routes[0].nodes[-1]
    ax.scatter(*pos[t], s=450, c=ROUTE, edgecolors="white", linewidths=2, zorder=11)
    node = net.people[t]
    labels = [(pos[t], f"{text(node.name, 30)}\n{text(node.company, 30)}", "target")]
    for p in dict.fromkeys(p for r in routes for p in r.nodes[:-1]):
        labels.append((pos[p], "You" if p == net.me else text(net.people[p].name, 26), "route"))
    return labels
