"""`refpath export`: GEXF/GraphML round-trips, CSV pairs made safe, emails only on request."""

from __future__ import annotations

import csv
from datetime import date

import networkx as nx
import pytest
from builders import market_team, member
from typer.testing import CliRunner

from refpath.cli import app
from refpath.errors import InputError
from refpath.map.graph_export import export_graph
from refpath.map.network import inferred_ties, load_network, team_graph
from refpath.store.db import open_store

runner = CliRunner()
EVIL = member("=HYPERLINK(1) -2+3", "@Acme Robotics", date(2020, 2, 2))


@pytest.fixture
def store(tmp_path):
    mail = member("Mia Mail", "Ledgerwise")._replace(email="mia@example.com")
    with market_team(tmp_path / "s.db", {"Alex Rivera": [EVIL, mail]}) as s:
        yield s


@pytest.mark.parametrize("suffix,read", [(".gexf", nx.read_gexf), (".graphml", nx.read_graphml)])
def test_every_person_and_tie_reads_back(store, tmp_path, suffix, read):
    path = tmp_path / f"team{suffix}"
    written = export_graph(store, path)
    g = read(path)
    stats = store.stats()
    assert (g.number_of_nodes(), g.number_of_edges()) == (stats.people, stats.connections)
    assert (written.nodes, written.edges) == (stats.people, stats.connections)
    alex = next(d for _, d in g.nodes(data=True) if d["name"] == "Alex Rivera")
    assert alex["is_owner"] is True and alex["community"] >= 1
    kinds = {d["kind"] for *_, d in g.edges(data=True)}
    assert kinds == {"observed"}
    shared = [d for *_, d in g.edges(data=True) if ";" in d["owners"]]
    assert shared  # colleagues who list each other: one tie, both owners named
    assert all(0 <= d["strength"] < 1 for *_, d in g.edges(data=True))
    assert all("email" not in d for _, d in g.nodes(data=True))


def test_attributes_are_writer_safe(store):
    net = load_network(store)
    g = team_graph(net, show_emails=True)
    for _, data in [*g.nodes(data=True), *((None, d) for *_, d in g.edges(data=True))]:
        assert all(isinstance(v, str | int | float | bool) for v in data.values())


def test_csv_writes_two_neutralised_files(store, tmp_path):
    written = export_graph(store, tmp_path / "team.csv")
    nodes, edges = (tmp_path / "team_nodes.csv", tmp_path / "team_edges.csv")
    assert written.files == (nodes, edges)
    rows = list(csv.DictReader(nodes.open(encoding="utf-8-sig")))
    evil = next(r for r in rows if "HYPERLINK" in r["name"])
    assert evil["name"] == "'=HYPERLINK(1) -2+3" and evil["company"] == "'@Acme Robotics"
    assert len(rows) == store.stats().people and "email" not in rows[0]
    ties = list(csv.DictReader(edges.open(encoding="utf-8-sig")))
    assert len(ties) == store.stats().connections
    assert set(ties[0]) == {"source", "target", "connected_on", "strength", "kind", "owners"}


def test_emails_only_with_show_emails(store, tmp_path):
    export_graph(store, tmp_path / "e.gexf", show_emails=True)
    g = nx.read_gexf(tmp_path / "e.gexf")
    assert {d["email"] for _, d in g.nodes(data=True)} == {"", "mia@example.com"}


def test_inferred_ties_are_marked_and_only_on_request(store, tmp_path):
    net = load_network(store)
    inferred = inferred_ties(net)
    assert inferred and all(t.inferred and t.connected_on == "" for t in inferred)
    export_graph(store, tmp_path / "i.graphml", inferred=True)
    g = nx.read_graphml(tmp_path / "i.graphml")
    assert sum(d["kind"] == "inferred" for *_, d in g.edges(data=True)) == len(inferred)


@pytest.mark.parametrize("name", ["team.txt", "team", "missing/team.gexf"])
def test_bad_paths_are_input_errors(store, tmp_path, name):
    with pytest.raises(InputError, match=str(tmp_path / name)):
        export_graph(store, tmp_path / name)


def test_cli_export(store, tmp_path):
    out = tmp_path / "g.gexf"
    result = runner.invoke(app, ["--db", str(store.path), "export", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"Wrote {out}: ")
    bad = runner.invoke(app, ["--db", str(store.path), "export", "-o", str(tmp_path / "g.xls")])
    assert bad.exit_code == 2 and "unknown export format '.xls'" in bad.output


def test_an_empty_store_exports_an_empty_graph(tmp_path):
    with open_store(tmp_path / "empty.db") as store:
        written = export_graph(store, tmp_path / "empty.gexf")
    assert (written.nodes, written.edges) == (0, 0)


def test_ties_only_an_invitation_shows_are_not_counted_as_connections(sample_db, tmp_path):
    """Alex's pending invitation to Olivia Grant is evidence, not a connection."""
    with open_store(sample_db) as s:
        stats = s.stats()
        export_graph(s, tmp_path / "team.gexf")
    g = nx.read_gexf(tmp_path / "team.gexf")
    connected = [d for *_, d in g.edges(data=True) if d["connected"]]
    others = [
        (d["owners"], d["connected_on"]) for *_, d in g.edges(data=True) if not d["connected"]
    ]
    assert len(connected) == stats.connections == 683
    assert others == [("Alex Rivera", "")]
