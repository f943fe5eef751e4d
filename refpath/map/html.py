"""The team map as one self-contained, offline HTML page (``refpath map -o network.html``).

The page draws every person (no summary at any size) on one 2D canvas, at
the positions the PNG's wheel gives them (:mod:`refpath.map.layout`: clusters
around a ring, colleagues inside, no physics in the browser). Its script is
refpath's own (``templates/map.js``, no library: sigma.js over software WebGL
took seconds per frame at 80,000 people on a machine without a GPU; a 2D
canvas draws them in tens of milliseconds). It embeds everything it needs and
asks the network for nothing:

* the script is inlined, and a content-security policy allows only it, by
  hash: no network access, no ``eval``, no other script;
* the data is one ``<script type="application/json">`` block, with ``<``,
  ``>`` and ``&`` escaped so no name can close it; the page shows every name
  with ``textContent``, never as HTML;
* for each person, the best routes ``refpath to`` would show first
  (:func:`refpath.map.all_routes.all_routes`), so clicking anyone shows who can
  introduce you, scored; and each person's folded name (the same folding as
  ``to``), so search finds "Ana Lúcia" from "ana lucia".

Emails are never written. The file is written to a temporary file next to the
target and renamed over it, so a reader never sees half a page.
"""

from __future__ import annotations

import base64
import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Any

from refpath.errors import InputError, RefpathError
from refpath.map.all_routes import TargetRoutes
from refpath.map.clusters import TEAM, Clustering
from refpath.map.labels import ROUTE, colour
from refpath.map.layout import Scene, fill_discs, wheel
from refpath.map.network import TeamNetwork
from refpath.outfiles import OutputClash, Protected, atomic_output

HTML_SUFFIXES = (".html", ".htm")
#: Positions are written as integers: layout units times this.
SCALE = 1000
#: Routes embedded per person (the PNG's --highlight draws as many).
TOP = 3


def is_html(path: Path) -> bool:
    """Whether ``path`` names an HTML map (by its suffix).

    >>> is_html(Path("network.HTML")), is_html(Path("network.png"))
    (True, False)
    """
    return path.suffix.lower() in HTML_SUFFIXES


def check_output(path: Path) -> None:
    """Fail early (InputError) when ``path`` cannot be written as an HTML map."""
    parent = path.parent if str(path.parent) else Path(".")
    if not parent.is_dir():
        raise InputError(f"{path}: folder {parent} does not exist")
    if path.is_dir():
        raise InputError(f"{path}: is a folder; give a file name such as {path / 'network.html'}")


@dataclass(frozen=True)
class HtmlMapResult:
    """What the page holds."""

    path: Path
    people: int  #: people drawn, colleagues included
    edges: int
    clusters: int
    routed: int  #: people with at least one route embedded
    bytes: int
    highlighted: int = 0  #: routes shown to the --highlight person


def _view(net: TeamNetwork, focus: int | None) -> set[int]:
    """Everyone, or one colleague and the people their export shows."""
    if focus is None:
        return set(net.people)
    people = {focus}
    for t in net.observed():
        if focus in (t.a, t.b):
            people.add(t.b if t.a == focus else t.a)
    return people


def _layout(net: TeamNetwork, cl: Clustering, view: set[int]) -> Scene:
    owners = {p for p in view if p in net.owners}
    people = view - owners
    scene = wheel(net, cl, people, owners)
    fill_discs(net, cl, scene, people)
    return scene


def _cluster_legend(net: TeamNetwork, cl: Clustering, scene: Scene) -> list[dict[str, Any]]:
    """One entry per cluster in view: its colour, size and largest companies."""
    out = []
    for c in cl.clusters:
        if scene.sizes.get(c.id):
            out.append(
                {
                    "id": c.id,
                    "tag": f"C{c.id + 1}",
                    "colour": colour(c.id),
                    "people": scene.sizes[c.id],
                    "companies": [[name, n] for name, n in c.companies[:3]],
                    "more": max(0, c.n_companies - 3),
                }
            )
    if scene.sizes.get(TEAM):
        out.append(
            {
                "id": TEAM,
                "tag": "your company",
                "colour": colour(TEAM),
                "people": scene.sizes[TEAM],
                "companies": [[cl.team_company, scene.sizes[TEAM]]] if cl.team_company else [],
                "more": 0,
            }
        )
    return out


def payload(
    net: TeamNetwork,
    cl: Clustering,
    routes: dict[int, TargetRoutes],
    name_keys: dict[int, str],
    *,
    focus: int | None = None,
    highlight: int | None = None,
) -> dict[str, Any]:
    """Everything the page shows, as JSON-ready columns (one entry per person drawn).

    People are numbered 0..n-1 in the page; ``routes`` and ``highlight`` use
    person ids, as the store does. Route people outside a colleague's view are
    added to it, so every embedded route can be drawn.
    """
    view = _view(net, focus)
    for pid in list(view):
        found = routes.get(pid)
        if found:
            for r in found.routes:
                view.update(r.nodes)
    if highlight is not None:
        view.add(highlight)
    if not view:
        raise RefpathError("nothing to draw: the store has no people yet")
    scene = _layout(net, cl, view)
    ids = sorted(view, key=lambda p: (p in net.owners, p == net.me, p))  # colleagues on top
    index = {p: i for i, p in enumerate(ids)}
    people = net.people
    nodes = [people[p] for p in ids]
    xy = [scene.pos[p] for p in ids]
    member = cl.membership.get
    # Companies and positions repeat: each is written once, and people point to it.
    companies = {c: i for i, c in enumerate(dict.fromkeys(n.company for n in nodes))}
    positions = {c: i for i, c in enumerate(dict.fromkeys(n.position for n in nodes))}
    cols: dict[str, list[Any]] = {
        "x": [round(x * SCALE) for x, _ in xy],
        "y": [round(y * SCALE) for _, y in xy],
        "c": [member(p, TEAM) for p in ids],
        "n": [n.name for n in nodes],
        "k": [name_keys.get(p, "") for p in ids],
        "co": [companies[n.company] for n in nodes],
        "po": [positions[n.position] for n in nodes],
    }
    edges: list[int] = []
    for t in net.observed():
        if (focus is None or focus in (t.a, t.b)) and t.a in index and t.b in index:
            edges += (index[t.a], index[t.b])
    embedded: list[Any] = []
    direct: list[int] = []
    routed = 0
    masks: dict[tuple[bool, ...], int] = {}  # which hops are inferred, as bits
    for p in ids:
        found = routes.get(p)
        if found is None:
            embedded.append(None)
            continue
        if found.connected:
            direct.append(index[p])
        routed += bool(found.routes)
        shown = []
        for on_route, inferred, score in found.routes:
            mask = masks.get(inferred)
            if mask is None:
                mask = masks[inferred] = sum(1 << i for i, inf in enumerate(inferred) if inf)
            shown.append(
                [
                    round(score, 6),  # 4 places would round twice: 0.89499 → 0.895 → 0.90
                    [index[n] for n in on_route],
                    mask,
                ]
            )
        embedded.append(shown)
    owners = [index[p] for p in net.owners if p in index]
    return {
        "version": 1,
        "title": (f"{people[focus].name}'s network" if focus is not None else "The team's network"),
        "me": index.get(net.me) if net.me is not None else None,
        "focus": index.get(focus) if focus is not None else None,
        "highlight": index.get(highlight) if highlight is not None else None,
        "owners": owners,
        "people": cols,
        "companies": list(companies),
        "positions": list(positions),
        "edges": edges,
        "routes": embedded,
        "direct": direct,
        "routed": routed,
        "clusters": _cluster_legend(net, cl, scene),
        "route_colour": ROUTE,
        "other_colour": colour(-2),
    }


def embed_json(data: Any) -> str:
    """JSON safe inside a ``<script type="application/json">`` element.

    ``<``, ``>`` and ``&`` are written as ``\\u`` escapes, so no string in the
    data can close the element or open a comment; JSON.parse reads them back.

    >>> embed_json({"n": "</script><img src=x onerror=alert(1)>"})
    '{"n":"\\\\u003c/script\\\\u003e\\\\u003cimg src=x onerror=alert(1)\\\\u003e"}'
    """
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return (
        text.replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


def _sha256(text: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode()


def _asset(*parts: str) -> str:
    return resources.files("refpath").joinpath(*parts).read_text(encoding="utf-8")


def csp(scripts: list[str], styles: list[str]) -> str:
    """The page's content-security policy: its own inline scripts and styles, nothing else.

    ``default-src 'none'`` forbids every fetch (connect, img, font, media,
    frame, worker...); scripts run only if their hash is listed, so neither an
    injected ``<script>`` nor ``eval`` can run.
    """
    hashes = " ".join(f"'{_sha256(s)}'" for s in scripts)
    style_hashes = " ".join(f"'{_sha256(s)}'" for s in styles)
    return (
        "default-src 'none'; "
        f"script-src {hashes}; "
        f"style-src {style_hashes}; "
        "img-src data:; "
        "base-uri 'none'; form-action 'none'"
    )


def render(data: dict[str, Any]) -> str:
    """The whole page for :func:`payload`'s ``data``."""
    from jinja2 import Environment

    scripts = [_asset("templates", "map.js")]
    for s in scripts:
        if "</script" in s.lower() or "<!--" in s:
            raise RefpathError("the page's script would end its <script> element early")
    style = _asset("templates", "map.css")
    env = Environment(autoescape=True, keep_trailing_newline=True)
    page = env.from_string(_asset("templates", "map.html.j2"))
    return page.render(
        title=data["title"],
        csp=csp(scripts, [style]),
        style=style,
        scripts=scripts,
        data=embed_json(data),
    )


def write_atomic(path: Path, text: str, protect: Iterable[Protected] = ()) -> int:
    """Write ``text`` atomically (see :func:`refpath.outfiles.atomic_output`); its size."""
    raw = text.encode("utf-8")
    try:
        with atomic_output(path, protect=protect) as f:
            f.write(raw)
    except OutputClash as err:
        raise InputError(str(err)) from None
    except OSError as err:
        raise InputError(f"{path}: cannot write the map: {err.strerror or err}") from err
    return len(raw)


def write_html_map(
    store: Any,
    out: Path,
    *,
    focus: int | None = None,
    highlight: int | None = None,
    today: date | None = None,
    protect: Iterable[Protected] = (),
) -> HtmlMapResult:
    """Read the team, find everyone's routes, lay the map out and write the page atomically.

    Parameters
    ----------
    store : Store
        An open refpath store.
    out : Path
        The ``.html`` file to write.
    focus : int, optional
        Person id of a colleague: draw only their network.
    highlight : int, optional
        Person id whose routes the page opens with.
    today : date, optional
        The day tie strengths are computed for (default: today).
    protect : iterable of (Path, str)
        The command's inputs (the store and its companion files), which the
        page may not replace.

    Returns
    -------
    HtmlMapResult
    """
    from refpath.map.all_routes import all_routes
    from refpath.map.clusters import market_clusters
    from refpath.map.network import load_network
    from refpath.routes.strength import sides_about

    check_output(out)
    today = today or date.today()
    sides = sides_about(store.conn, "SELECT id FROM people", ())  # read once, used twice
    net = load_network(store, today=today, sides=sides)
    cl = market_clusters(net, brokers=False)  # the page does not show brokers
    view = sorted(_view(net, focus) | ({highlight} if highlight is not None else set()))
    routes = all_routes(store, view, top=TOP, today=today, sides=sides)
    keys = dict(store.conn.execute("SELECT id, name_key FROM people"))
    data = payload(net, cl, routes, keys, focus=focus, highlight=highlight)
    size = write_atomic(out, render(data), protect)
    return HtmlMapResult(
        out,
        len(data["people"]["n"]),
        len(data["edges"]) // 2,
        sum(1 for c in data["clusters"] if c["id"] != TEAM),
        data["routed"],
        size,
        len(routes[highlight].routes) if highlight in routes else 0,
    )
