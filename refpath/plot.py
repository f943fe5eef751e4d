"""Pictures of the team network: the only module that imports matplotlib (lazily, Agg).

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
:mod:`refpath.layout`; this module draws it.
"""

from __future__ import annotations

import math
import re
import unicodedata
import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from refpath.clusters import TEAM, Clustering
from refpath.errors import InputError, RefpathError
from refpath.layout import (
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
from refpath.network import TeamNetwork

if TYPE_CHECKING:
    from refpath.paths import Introduction

#: Up to this many people are drawn one by one; above it, the map is a summary.
FULL_LIMIT = 1500
#: ``--layout spring`` runs networkx's force layout, which takes minutes on big graphs.
SPRING_LIMIT = 2000
FORMATS = (".png", ".svg", ".pdf")
LAYOUTS = ("clusters", "spring")
ROUTE = "#c1121f"
# tab10 without its red (the route's colour), then tab20's light tones.
_PALETTE = ["#1f77b4", "#ff7f0e", "#2ca02c", "#9467bd", "#8c564b", "#e377c2", "#17becf",
            "#bcbd22", "#7f7f7f", "#aec7e8", "#ffbb78", "#98df8a", "#c5b0d5", "#c49c94",
            "#f7b6d2", "#9edae5", "#dbdb8d", "#393b79", "#637939"]  # fmt: skip
_OTHER = "#cccccc"
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


@dataclass(frozen=True)
class Route:
    """An introduction route to highlight, as person ids."""

    nodes: tuple[int, ...]  #: from the user (or the teammate to ask) to the target
    inferred: tuple[bool, ...]  #: per hop: only suggested by a shared company
    score: float

    @classmethod
    def of(cls, intro: Introduction) -> Route:
        """The route of one :class:`refpath.paths.Introduction` (which has hops)."""
        nodes = (intro.hops[0].a.id, *(h.b.id for h in intro.hops))
        return cls(nodes, tuple(h.inferred for h in intro.hops), intro.score)


@dataclass(frozen=True)
class MapOptions:
    """What to draw, and where."""

    out: Path
    routes: tuple[Route, ...] = ()  #: best first; the first is drawn boldest
    focus: int | None = None  #: person id of a colleague: draw only their network
    layout: str = "clusters"
    max_people: int = FULL_LIMIT


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


def text(value: str, limit: int = 40) -> str:
    """A name made safe for matplotlib: no control chars, no mathtext, no astral emoji.

    Styled letters are folded (NFKC) and the name cut to ``limit`` characters.

    Parameters
    ----------
    value : str
        A name or company as the store holds it.
    limit : int
        The longest result.

    Returns
    -------
    str

    Examples
    --------
    >>> text("𝐉𝐚𝐧𝐞 $$ Doe 🚀")
    'Jane \\\\$\\\\$ Doe'
    """
    value = unicodedata.normalize("NFKC", _CONTROL.sub("", value))
    value = "".join(c for c in value if ord(c) <= 0xFFFF).strip()
    if len(value) > limit:
        value = value[: limit - 1].rstrip() + "…"
    return value.replace("$", r"\$")


def short_list(names: Sequence[str], limit: int = 4) -> str:
    """'A, B, C and 5 more'.

    >>> short_list(["Ann", "Bo", "Cy"], 2)
    'Ann, Bo and 1 more'
    """
    shown = [text(n, 30) for n in names[:limit]]
    rest = len(names) - len(shown)
    return ", ".join(shown) + (f" and {rest} more" if rest > 0 else "")


def _count(n: int, noun: str) -> str:
    return f"{n:,} {noun}{'s' * (n != 1)}"


def colour(cid: int) -> str:
    """The colour of cluster ``cid`` (grey beyond the palette)."""
    return _PALETTE[cid] if 0 <= cid < len(_PALETTE) else _OTHER


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
        From :func:`refpath.network.load_network`.
    cl : Clustering
        From :func:`refpath.clusters.market_clusters`.
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


_DOT: dict[str, Any] = {"ls": "none", "markersize": 10, "color": "#1b1b1b"}
_OWNER: dict[str, Any] = {
    "marker": "D",
    "s": 130,
    "c": "#1b1b1b",
    "edgecolors": "white",
    "zorder": 6,
}
_BROKER: dict[str, Any] = {"s": 100, "zorder": 5, "edgecolors": "black", "linewidths": 1.8}
_BOX = {"boxstyle": "round,pad=0.25", "fc": "w"}
_STYLE: dict[str, dict[str, Any]] = {
    "target": {"size": 14, "weight": "bold", "color": "white", "bbox": {**_BOX, "fc": ROUTE}},
    "route": {"size": 12, "weight": "bold", "color": ROUTE, "bbox": {**_BOX, "ec": ROUTE}},
    "owner": {"size": 10.5, "weight": "bold", "bbox": {**_BOX, "ec": "none"}},
    "broker": {"size": 8.5, "style": "italic", "bbox": {**_BOX, "fc": "#fffbe6", "ec": "#999999"}},
}  # fmt: skip
_OFFSETS = [(10, 8), (10, -8), (-10, 8), (-10, -8), (0, 14), (0, -14), (16, 0), (-16, 0)]


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
    placed = _place_labels(canvas, ax, labels, [pos[p] for p in (*owners, *brokers)], tags)
    title = _titles(fig, net, cl, opts, (len(people), len(owners)), summarised)
    _legend(fig, net, cl, scene, opts)
    _save(fig, canvas, opts.out)
    n_clusters = len(set(scene.sizes) - {TEAM})
    return MapResult(opts.out, summarised, len(people), n_clusters, placed, title)


def _save(fig: Any, canvas: Any, out: Path) -> None:
    """Save by extension; a PNG is reduced to 256 colours (a third of the bytes, same look)."""
    fmt = out.suffix[1:].lower()
    try:
        if fmt != "png":
            fig.savefig(out, format=fmt)
            return
        from PIL import Image

        canvas.draw()
        rgba = Image.frombuffer("RGBA", canvas.get_width_height(), canvas.buffer_rgba())
        rgb = rgba.convert("RGB")  # octree keeps rare colours (legend swatches) exact
        rgb.quantize(256, method=Image.Quantize.FASTOCTREE).save(out, format="PNG", optimize=True)
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


def _place_labels(canvas: Any, ax: Any, labels: list, fixed: list, tags: list) -> int:
    """Place labels greedily, most important first, where they cover no earlier label,
    marker or cluster tag: eight offsets around the point, then farther ones with a
    leader line. Route labels are always kept; others that fit nowhere are dropped."""
    from matplotlib.transforms import Bbox

    ax.apply_aspect()
    renderer = canvas.get_renderer()
    taken = [t.get_window_extent(renderer).padded(2) for t in tags]
    for px, py in (ax.transData.transform(xy) for xy in fixed):
        taken.append(Bbox.from_extents(px - 5, py - 5, px + 5, py + 5))
    frame, placed = ax.get_window_extent(renderer), 0
    tries = [(dx * m, dy * m) for m in (1, 2.5, 4, 6) for dx, dy in _OFFSETS]
    for (x, y), label, kind in labels:
        for dx, dy in tries:
            far = {"arrowstyle": "-", "color": "#444444"} if max(abs(dx), abs(dy)) > 16 else None
            ha = "left" if dx > 0 else "right" if dx < 0 else "center"
            va = "bottom" if dy > 0 else "top" if dy < 0 else "center"
            ann = ax.annotate(label, (x, y), (dx, dy), textcoords="offset points", ha=ha, va=va,
                              arrowprops=far, zorder=12, **_STYLE[kind])  # fmt: skip
            box = ann.get_window_extent(renderer).padded(3)
            inside = frame.contains(box.x0, box.y0) and frame.contains(box.x1, box.y1)
            if inside and not any(box.overlaps(t) for t in taken):
                taken.append(box)
                placed += 1
                break
            if kind in ("target", "route") and (dx, dy) == tries[-1]:
                taken.append(box)  # a route is always named, even where it overlaps
                placed += 1
                break
            ann.remove()
    return placed


def _titles(fig: Any, net: TeamNetwork, cl: Clustering, opts: MapOptions,
            counts: tuple[int, int], summarised: bool) -> str:  # fmt: skip
    """Title lines: what is shown, from which exports, and how it is drawn."""
    names, (n, m) = list(net.owners.values()), counts
    head = f"Team network from {_count(len(names), 'colleague')}'{'s' * (len(names) == 1)} export"
    head += "s" * (len(names) != 1)
    if opts.focus is not None:
        head = f"{text(net.owners[opts.focus])}'s network"
    if opts.routes:
        head += f": best introductions to {text(net.people[opts.routes[0].nodes[-1]].name)}"
    ties = sum(1 for _ in net.observed())
    lines = [f"Exports of {short_list(names, 6)} · {len(net.people):,} people, {ties:,} "
             f"connections · {len(cl.clusters)} market clusters"]  # fmt: skip
    lines.append(
        f"SUMMARY: {n:,} people are too many to draw one by one. Each bubble is a market "
        "cluster (area = people); line width = how many people a colleague knows there."
        if summarised
        else f"{n:,} people and {_count(m, 'colleague')}; each dot is a person, coloured by market "
        "cluster; grey lines are connections from the exports."
    )
    fig.text(0.01, 0.975, head, size=18, weight="bold", va="top")
    fig.text(0.01, 0.93, "\n".join(lines), size=11, va="top", color="#333333")
    return head


def _legend(fig: Any, net: TeamNetwork, cl: Clustering, scene: Scene, opts: MapOptions) -> None:
    """Clusters named by their companies, the markers, and the routes spelled out."""
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    shown = [c for c in cl.clusters[: len(_PALETTE)] if scene.sizes[c.id]]
    handles: list[Any] = [
        Patch(fc=colour(c.id), label=f"C{c.id + 1} · {text(c.label, 46)} ({scene.sizes[c.id]:,})")
        for c in shown
    ]
    if len(cl.clusters) > len(_PALETTE):
        handles.append(Patch(fc=_OTHER, label="smaller clusters"))
    if scene.sizes[TEAM]:
        handles.append(Patch(fc=_OTHER, label=f"your company: {text(cl.team_company, 40)}"))
    handles.append(Line2D([], [], marker="D", label="colleague (an export's owner)", **_DOT))
    handles.append(Line2D([], [], marker="o", mfc="w", mec="k", mew=1.8, **_DOT,
                          label="broker: where colleagues' networks meet"))  # fmt: skip
    if net.me is not None:
        handles.append(Line2D([], [], marker="*", label="you", **{**_DOT, "markersize": 16}))
    if opts.routes:
        handles += [
            Line2D([], [], color=ROUTE, lw=5, label="best introduction route"),
            Line2D([], [], color=ROUTE, lw=2.2, alpha=0.75, label="next-best routes"),
            Line2D(
                [],
                [],
                color=ROUTE,
                lw=2.2,
                ls=(0, (2, 1.2)),
                label="inferred hop: same company, no known connection",
            ),  # fmt: skip
        ]
    fig.legend(handles=handles, loc="upper left", bbox_to_anchor=(0.665, 0.86), fontsize=9.5,
               frameon=False, title="Market clusters, named by their largest companies",
               title_fontproperties={"weight": "bold", "size": 10.5}, alignment="left")  # fmt: skip
    if opts.routes:
        lines = ["Routes, best first (score):"]
        for i, r in enumerate(opts.routes, 1):
            names = ["You" if p == net.me else text(net.people[p].name, 22) for p in r.nodes]
            steps = "".join(
                f" {'⇢' if inf else '→'} {n}" for n, inf in zip(names[1:], r.inferred, strict=True)
            )
            score = f"{r.score:.2f}" if r.score >= 0.005 else "<0.01"
            lines.append(f"{i}. {names[0]}{steps}  ({score})")
        fig.text(0.67, 0.1, "\n".join(lines), size=10.5, va="bottom", color=ROUTE, weight="bold")
    note = "Inferred ties (same company, no connection in any export) are not drawn;\n"
    fig.text(0.67, 0.02, note + "only a route's inferred hop is, dashed.", size=9, color="#555")
