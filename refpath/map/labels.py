"""What the map says and in which colours: safe names, the palette, labels, titles, legend.

:mod:`refpath.map.plot` draws the marks (dots, bubbles, lines, routes); this module
writes the words around them. Names from the store are made safe for matplotlib
(:func:`text`), clusters get their colours (:func:`colour`), and labels are placed
greedily, most important first, where they cover no earlier one
(:func:`place_labels`). The title says what is shown and how; the legend names
the clusters by their companies, explains the markers and spells the routes out.
matplotlib is imported lazily, inside the functions that draw.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from refpath.map.clusters import TEAM, Clustering
from refpath.map.layout import Scene
from refpath.map.network import TeamNetwork

if TYPE_CHECKING:
    from refpath.map.options import MapOptions

#: The colour of highlighted routes (kept out of the cluster palette).
ROUTE = "#c1121f"
# tab10 without its red (the route's colour), then tab20's light tones.
_PALETTE = ["#1f77b4", "#ff7f0e", "#2ca02c", "#9467bd", "#8c564b", "#e377c2", "#17becf",
            "#bcbd22", "#7f7f7f", "#aec7e8", "#ffbb78", "#98df8a", "#c5b0d5", "#c49c94",
            "#f7b6d2", "#9edae5", "#dbdb8d", "#393b79", "#637939"]  # fmt: skip
_OTHER = "#cccccc"
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


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


_DOT: dict[str, Any] = {"ls": "none", "markersize": 10, "color": "#1b1b1b"}
_BOX = {"boxstyle": "round,pad=0.25", "fc": "w"}
_STYLE: dict[str, dict[str, Any]] = {
    "target": {"size": 14, "weight": "bold", "color": "white", "bbox": {**_BOX, "fc": ROUTE}},
    "route": {"size": 12, "weight": "bold", "color": ROUTE, "bbox": {**_BOX, "ec": ROUTE}},
    "owner": {"size": 10.5, "weight": "bold", "bbox": {**_BOX, "ec": "none"}},
    "broker": {"size": 8.5, "style": "italic", "bbox": {**_BOX, "fc": "#fffbe6", "ec": "#999999"}},
}  # fmt: skip
_OFFSETS = [(10, 8), (10, -8), (-10, 8), (-10, -8), (0, 14), (0, -14), (16, 0), (-16, 0)]


def place_labels(canvas: Any, ax: Any, labels: list, fixed: list, tags: list) -> int:
    """Place labels greedily, most important first, where they cover nothing placed before.

    Each label tries eight offsets around its point, then farther ones with a
    leader line, and is kept where it covers no earlier label, marker or cluster
    tag. Route labels are always kept; others that fit nowhere are dropped.

    Parameters
    ----------
    canvas : FigureCanvasAgg
        The figure's canvas (its renderer measures the text).
    ax : Axes
        The map's axes, limits already set.
    labels : list of ((x, y), str, kind)
        Most important first; ``kind`` is "target", "route", "owner" or "broker".
    fixed : list of (x, y)
        Markers no label may cover.
    tags : list of Text
        Cluster tags already drawn, which no label may cover either.

    Returns
    -------
    int
        How many labels were placed.
    """
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


def draw_titles(fig: Any, net: TeamNetwork, cl: Clustering, opts: MapOptions,
                counts: tuple[int, int, bool], summarised: bool) -> str:  # fmt: skip
    """Write the title lines: what is shown, from which exports, and how it is drawn.

    Parameters
    ----------
    fig : Figure
        The map's figure.
    net, cl : TeamNetwork, Clustering
        The network and its market clusters.
    opts : MapOptions
        The focus colleague and the routes, which the headline names.
    counts : tuple
        (people in view, colleagues in view, you are in view); you are not a colleague.
    summarised : bool
        The map is the bubble summary, which the title must say.

    Returns
    -------
    str
        The headline.
    """
    names, (n, m, you) = list(net.owners.values()), counts
    who = " and ".join([*(["you"] * you), *([_count(m, "colleague")] * bool(m or not you))])
    mates = len(names) - (net.me in net.owners)  # your own export is not a colleague's
    if net.me not in net.owners:
        head = f"Team network from {_count(mates, 'colleague')}'{'s' * (mates == 1)} export"
        head += "s" * (mates != 1)
    elif mates:
        head = f"Team network from your export and {_count(mates, 'colleague')}'"
        head += "s" * (mates == 1)
    else:
        head = "Network from your export only"
    if opts.focus is not None:
        head = f"{text(net.owners[opts.focus])}'s network"
    if opts.routes:
        head += f": best introductions to {text(net.people[opts.routes[0].nodes[-1]].name)}"
    ties = [t.connected for t in net.observed()]
    other = ties.count(False)  # messages or an invitation, but no connection (yet)
    more = f" (+{other:,} tie{'s' * (other != 1)} from messages or invitations)" if other else ""
    lines = [
        f"Exports of {short_list(names, 6)} · {len(net.people):,} people, "
        f"{ties.count(True):,} connections{more} · {len(cl.clusters)} market clusters"
    ]
    lines.append(
        f"SUMMARY: {n:,} people are too many to draw one by one. Each bubble is a market "
        "cluster (area = people); line width = how many people a colleague knows there."
        if summarised
        else f"{n:,} people, {who}; each dot is a person, coloured by market "
        f"cluster; grey lines are connections{', messages and invitations' * bool(other)} "
        "from the exports."
    )
    fig.text(0.01, 0.975, head, size=18, weight="bold", va="top")
    fig.text(0.01, 0.93, "\n".join(lines), size=11, va="top", color="#333333")
    return head


def draw_legend(fig: Any, net: TeamNetwork, cl: Clustering, scene: Scene, opts: MapOptions) -> None:
    """Write the legend: clusters named by their companies, the markers, the routes spelled out.

    Parameters
    ----------
    fig : Figure
        The map's figure; the legend goes to the right of the map.
    net, cl : TeamNetwork, Clustering
        The network and its market clusters.
    scene : Scene
        From :mod:`refpath.map.layout`: how many people of each cluster are in view.
    opts : MapOptions
        The routes to list, best first, with their scores.
    """
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
