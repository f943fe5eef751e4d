"""Write the team graph to files other tools open: GEXF, GraphML or CSV.

``export_graph`` writes the team network (people, observed and, on request,
inferred ties, with each person's market cluster) for Gephi, Cytoscape,
yEd or a spreadsheet. Emails are written only when asked for.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from refpath.errors import InputError
from refpath.map.clusters import market_clusters
from refpath.map.network import inferred_ties, load_network, team_graph, with_emails
from refpath.outfiles import atomic_output, store_files, write_csv

if TYPE_CHECKING:
    from refpath.store.db import Store


EXPORT_FORMATS = (".gexf", ".graphml", ".csv")


@dataclass(frozen=True)
class Exported:
    """What :func:`export_graph` wrote."""

    files: tuple[Path, ...]
    nodes: int
    edges: int


# Characters XML 1.0 cannot hold (a name from a hostile profile may carry them).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _xml_safe(g: Any) -> None:
    """Drop characters no XML reader accepts from every string attribute, in place."""
    for _, data in [*g.nodes(data=True), *((a, d) for a, _, d in g.edges(data=True))]:
        for k, v in data.items():
            if isinstance(v, str) and _NOT_XML.search(v):
                data[k] = _NOT_XML.sub("", v)


def export_files(path: Path) -> tuple[Path, ...]:
    """The files :func:`export_graph` writes for ``path``: itself, or two CSVs beside it."""
    if path.suffix.lower() != ".csv":
        return (path,)
    return (path.with_name(f"{path.stem}_nodes.csv"), path.with_name(f"{path.stem}_edges.csv"))


def export_graph(
    store: Store,
    path: Path,
    *,
    show_emails: bool = False,
    inferred: bool = False,
    protect: Sequence[tuple[Path, str]] = (),
) -> Exported:
    """Write the whole team network to ``path`` (.gexf, .graphml, or .csv as two files).

    Every person in the store is a node, with their market cluster as
    ``community``; attributes as :func:`team_graph` writes them. CSV cells are
    neutralised against formula injection.

    Parameters
    ----------
    store : Store
        An open refpath store.
    path : Path
        ``.gexf`` or ``.graphml`` (networkx writers), or ``.csv``: then
        ``STEM_nodes.csv`` and ``STEM_edges.csv`` next to it.
    show_emails : bool
        Add each person's email (left out by default).
    inferred : bool
        Add the same-company ties of :func:`inferred_ties`.
    protect : sequence of (Path, str)
        Inputs no file written may replace (the store is always protected).
        Each file is written atomically (temporary file, then rename).

    Returns
    -------
    Exported
        Raises :class:`InputError` for another extension or a path that cannot be written.
    """
    import networkx as nx

    suffix = path.suffix.lower()
    if suffix not in EXPORT_FORMATS:
        raise InputError(
            f"{path}: unknown export format {suffix or '(none)'!r}; "
            "use a file name ending in .gexf, .graphml or .csv"
        )
    if path.is_dir() or not path.parent.is_dir():
        raise InputError(f"{path}: cannot write here (no such folder, or it is a folder)")
    net = load_network(store)
    if show_emails:
        net = with_emails(store, net)
    if inferred:
        net = replace(net, ties=net.ties + tuple(inferred_ties(net)))
    g = team_graph(net, membership=market_clusters(net).membership, show_emails=show_emails)
    files = export_files(path)
    keep = (*protect, *store_files(store.path))
    if suffix in (".gexf", ".graphml"):
        _xml_safe(g)
    try:
        if suffix in (".gexf", ".graphml"):
            with atomic_output(path, protect=keep) as f:
                (nx.write_gexf if suffix == ".gexf" else nx.write_graphml)(g, f)
        else:
            cols = ["name", "company", "position", "url", "is_owner", "community"]
            cols += ["email"] if show_emails else []
            nodes = ([n, *map(d.get, cols)] for n, d in g.nodes(data=True))
            write_csv(files[0], ["id", *cols], nodes, protect=keep)
            ecols = ["connected_on", "strength", "kind", "owners"]
            edges = ([a, b, *map(d.get, ecols)] for a, b, d in g.edges(data=True))
            write_csv(files[1], ["source", "target", *ecols], edges, protect=keep)
    except OSError as err:
        raise InputError(f"{path}: cannot write: {err.strerror or err}") from err
    return Exported(files, g.number_of_nodes(), g.number_of_edges())
