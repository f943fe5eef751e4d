"""`refpath map`: every format rendered headless (Agg), the summary, routes and bad input."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from refpath.cli import app
from refpath.errors import InputError
from refpath.map.clusters import market_clusters
from refpath.map.labels import text
from refpath.map.network import load_network
from refpath.map.options import MapOptions, Route
from refpath.map.plot import draw_map, output_format

mpl = pytest.importorskip("matplotlib")
mpl.use("Agg")
runner = CliRunner()


@pytest.fixture(scope="module")
def db(market_db):
    return market_db


@pytest.fixture(scope="module")
def team(db):
    from refpath.store.db import open_store

    with open_store(db, create=False) as store:
        net = load_network(store)
    return net, market_clusters(net)


def person(net, name):
    return next(p for p, n in net.people.items() if n.name == name)


@pytest.mark.parametrize(
    "name,magic",
    [("map.png", b"\x89PNG\r\n\x1a\n"), ("map.svg", b"<?xml"), ("map.pdf", b"%PDF-")],
)
def test_each_format_is_written_headless(team, tmp_path, name, magic):
    net, cl = team
    result = draw_map(net, cl, MapOptions(tmp_path / name))
    data = (tmp_path / name).read_bytes()
    assert data.startswith(magic) and len(data) > 10_000
    assert not result.summarised and result.clusters == 3
    assert result.title == "Team network from 3 colleagues' exports"
    if name.endswith(".svg"):
        assert "<svg" in data.decode() and "Alex Rivera" in data.decode()


def test_a_highlighted_route_is_named_on_the_picture(team, tmp_path):
    net, cl = team
    bob, jane = person(net, "Bob Okafor"), person(net, "Jane Doe")
    route = Route((bob, jane), (False,), 0.4)
    result = draw_map(net, cl, MapOptions(tmp_path / "r.svg", routes=(route,)))
    svg = (tmp_path / "r.svg").read_text()
    assert result.title.endswith("best introductions to Jane Doe")
    assert "Jane Doe" in svg and "Bob Okafor → Jane Doe" in svg


def test_above_the_limit_the_map_is_a_summary_and_says_so(team, tmp_path):
    net, cl = team
    result = draw_map(net, cl, MapOptions(tmp_path / "s.svg", max_people=10))
    svg = (tmp_path / "s.svg").read_text()
    assert result.summarised and result.people == len(net.people) - len(net.owners)
    assert "SUMMARY" in svg and "16 people" in svg  # each bubble counts its people


def test_one_colleagues_network(team, tmp_path):
    net, cl = team
    bob = person(net, "Bob Okafor")
    result = draw_map(net, cl, MapOptions(tmp_path / "b.png", focus=bob))
    assert result.title == "Bob Okafor's network"
    assert result.people == sum(1 for t in net.observed() if bob in (t.a, t.b)) - 2


def test_spring_layout_is_refused_on_big_maps(team, tmp_path):
    net, cl = team
    draw_map(net, cl, MapOptions(tmp_path / "ok.png", layout="spring"))
    with pytest.raises(InputError, match="--layout spring"):
        draw_map(net, cl, MapOptions(tmp_path / "no.png", layout="spring", max_people=5))
    with pytest.raises(InputError, match="unknown layout 'radial'"):
        draw_map(net, cl, MapOptions(tmp_path / "no.png", layout="radial"))


@pytest.mark.parametrize("name", ["map.jpg", "map", "missing/map.png"])
def test_bad_output_names_are_input_errors(tmp_path, name):
    with pytest.raises(InputError, match=str(tmp_path / name)):
        output_format(tmp_path / name)


def test_names_are_made_safe_for_matplotlib():
    assert text("Cash $$ Mc=Money") == r"Cash \$\$ Mc=Money"
    assert text("a\x1b[31mb") == "a[31mb" and len(text("x" * 90)) == 40


def test_cli_map_with_highlight(db, tmp_path):
    out = tmp_path / "m.png"
    result = runner.invoke(app, ["--db", str(db), "map", "-o", str(out), "--highlight", "Jane Doe"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"Wrote {out}: map of ")
    assert out.read_bytes().startswith(b"\x89PNG")


@pytest.mark.parametrize(
    "args,code,message",
    [
        (["--highlight", "Nobody Here"], 1, "no one called 'Nobody Here'"),
        (["--owner", "Nobody Here"], 1, "'Nobody Here' is not a colleague"),
        (["-o", "map.gif"], 2, "unknown picture format '.gif'"),
        (["--layout", "radial"], 2, "unknown layout 'radial'"),
    ],
)
def test_cli_map_bad_input(db, tmp_path, args, code, message):
    args = [a if a != "map.gif" else str(tmp_path / a) for a in args]
    out = ["-o", str(tmp_path / "m.png")] if "-o" not in args else []
    result = runner.invoke(app, ["--db", str(db), "map", *out, *args])
    assert result.exit_code == code
    assert message in result.output and result.output.count("\n") == 1


def test_cli_clusters_table_and_json(db):
    import json

    result = runner.invoke(app, ["--db", str(db), "clusters", "--json"])
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert [c["people"] for c in data["clusters"]] == [17, 17, 16]  # with Jane and Cash
    robotics = next(c for c in data["clusters"] if "Acme Robotics" in c["label"])
    assert {c["name"] for c in robotics["colleagues"]} == {"Alex Rivera", "Bob Okafor"}
    table = runner.invoke(app, ["--db", str(db), "clusters"])
    assert table.exit_code == 0 and "C1" in table.output and "Acme Robotics" in table.output


def test_map_command_help_names_every_option():
    result = runner.invoke(app, ["map", "--help"])
    for option in ("--output", "--highlight", "--company", "--owner", "--layout", "--max-people"):
        assert option in result.output
    assert Path("network.png").name in result.output


def test_the_title_never_counts_your_own_export_as_a_colleagues(team, tmp_path):
    from dataclasses import replace

    net, cl = team
    alex = person(net, "Alex Rivera")
    mine = replace(net, me=alex)
    title = draw_map(mine, cl, MapOptions(tmp_path / "m.png")).title
    assert title == "Team network from your export and 2 colleagues'"
    alone = replace(mine, owners={alex: "Alex Rivera"})
    assert draw_map(alone, cl, MapOptions(tmp_path / "a.png")).title == (
        "Network from your export only"
    )
