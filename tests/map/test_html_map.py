"""`refpath map -o FILE.html`: the page, checked without a browser.

It must ask the network for nothing, carry a strict content-security policy,
embed data that parses, keep hostile names inert, never hold an email, and
stay within its size budget. tests/map/test_html_map_browser.py opens it in Chromium.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from html.parser import HTMLParser
from importlib import resources

import pytest
from builders import HOSTILE, embedded
from builders import write_map as write
from typer.testing import CliRunner

from refpath.cli import app
from refpath.errors import InputError
from refpath.map import html as html_map
from refpath.store.db import open_store

runner = CliRunner()
#: The size budget: the page's own code, then so much per 1,000 people drawn.
FIXED_BYTES = 300_000
PER_1000_PEOPLE = 200_000


@pytest.fixture(scope="module")
def hostile_page(hostile_db, tmp_path_factory):
    out = tmp_path_factory.mktemp("page") / "network.html"
    write(hostile_db, out, "--highlight", "Jane Doe")
    return out.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def sample_page(sample_db, tmp_path_factory):
    out = tmp_path_factory.mktemp("sample-page") / "network.html"
    output = write(sample_db, out, "--highlight", "Jane Doe")
    assert "interactive map of 413 people in 5 market clusters" in output
    return out.read_text(encoding="utf-8")


class Tags(HTMLParser):
    """Every start tag with its attributes, and each inline script's text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self._in: dict[str, str | None] | None = None

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag == "script":
            self._in = dict(attrs)
            self.scripts.append((self._in, ""))

    def handle_endtag(self, tag):
        if tag == "script":
            self._in = None

    def handle_data(self, data):
        if self._in is not None:
            attrs, text = self.scripts[-1]
            self.scripts[-1] = (attrs, text + data)


def parse(page: str) -> Tags:
    tags = Tags()
    tags.feed(page)
    return tags


def test_the_page_asks_the_network_for_nothing(sample_page, hostile_page):
    for page in (sample_page, hostile_page):
        tags = parse(page)
        linking = {"src", "href", "srcset", "action", "formaction", "poster", "data", "background"}
        for tag, attrs in tags.tags:
            assert tag not in {"link", "img", "iframe", "object", "embed", "base", "form"}, tag
            assert not linking & set(attrs), (tag, attrs)
        assert [a.get("src") for a, _ in tags.scripts] == [None] * 2  # the data, the script
        # Nothing that looks like a URL to fetch, anywhere outside the scripts' code.
        markup = re.sub(r"<script\b.*?</script>", "", page, flags=re.S)
        assert not re.search(r"(https?:|wss?:|ftp:)?//[a-z0-9.-]+\.[a-z]{2,}", markup, re.I)
        assert "url(" not in markup and "@import" not in markup


def test_the_policy_forbids_the_network_and_allows_only_the_pages_own_scripts(sample_page):
    tags = parse(sample_page)
    metas = [a for t, a in tags.tags if t == "meta" and a.get("http-equiv")]
    policy = metas[0]["content"]
    assert metas[0]["http-equiv"] == "Content-Security-Policy"
    # The policy comes before anything it governs.
    assert sample_page.index("Content-Security-Policy") < sample_page.index("<script")
    assert sample_page.index("Content-Security-Policy") < sample_page.index("<style")
    rules = dict(r.strip().split(" ", 1) for r in policy.split(";"))
    assert rules["default-src"] == "'none'"  # connect, img, font, media, frame, worker...
    assert "connect-src" not in rules and "unsafe" not in policy and "http" not in policy
    assert rules["base-uri"] == "'none'" and rules["form-action"] == "'none'"
    code = [text for attrs, text in tags.scripts if attrs.get("type") != "application/json"]
    hashes = {
        "'sha256-" + base64.b64encode(hashlib.sha256(s.encode()).digest()).decode() + "'"
        for s in code
    }
    assert set(rules["script-src"].split()) == hashes and len(hashes) == 1


def test_the_embedded_data_parses_and_has_everyone_but_no_email(sample_db, sample_page):
    data = embedded(sample_page)
    with open_store(sample_db, create=False) as store:
        people = store.conn.execute("SELECT COUNT(*) FROM people").fetchone()[0]
        emails = [e for (e,) in store.conn.execute("SELECT email FROM connections") if e]
        jane = store.conn.execute("SELECT name_key FROM people WHERE name = 'Jane Doe'").fetchone()
    assert len(data["people"]["n"]) == people == 413
    assert all(len(col) == people for col in data["people"].values())
    assert len(data["routes"]) == people and len(data["edges"]) % 2 == 0
    assert emails and not any(e in sample_page for e in emails)
    assert "@" not in json.dumps(data["people"]) + json.dumps(data["companies"])
    # Folded as `to` folds them; the page opens on Jane with her routes, Bob's first.
    assert data["people"]["k"][data["highlight"]] == jane[0] == "jane doe"
    best = data["routes"][data["highlight"]][0]
    assert [data["people"]["n"][i] for i in best[1]][1:] == ["Bob Okafor", "Jane Doe"]
    assert [c["tag"] for c in data["clusters"]][:5] == ["C1", "C2", "C3", "C4", "C5"]
    assert data["clusters"][0]["companies"][0][0] == "Kestrel Motion Systems"


def test_a_hostile_name_is_data_never_markup(hostile_page):
    assert "<img src=x" not in hostile_page and "alert(2)</script>" not in hostile_page
    assert "<b>Sons" not in hostile_page
    data = embedded(hostile_page)
    assert f"Evil {HOSTILE}" in data["people"]["n"]
    assert "Acme Robotics & <b>Sons</b>" in data["companies"]
    # Exactly one data block and the page's own script: no script came from a name.
    assert hostile_page.count("<script") == 2 and hostile_page.count("</script>") == 2
    # The page's script writes names with textContent only.
    code = resources.files("refpath").joinpath("templates", "map.js").read_text()
    assert "innerHTML" not in code and "insertAdjacentHTML" not in code
    assert "document.write" not in code and "eval(" not in code


def test_embed_json_escapes_what_could_close_the_element():
    text = html_map.embed_json({"n": "</script><!-- & \u2028"})
    assert "<" not in text and ">" not in text and "&" not in text and "\u2028" not in text
    assert json.loads(text) == {"n": "</script><!-- & \u2028"}


def test_the_size_stays_within_budget(sample_page, hostile_page):
    for page in (sample_page, hostile_page):
        people = len(embedded(page)["people"]["n"])
        size = len(page.encode())
        assert size <= FIXED_BYTES + PER_1000_PEOPLE * people / 1000, (size, people)


def test_the_page_loads_no_library_and_evaluates_no_string(sample_page):
    code = resources.files("refpath").joinpath("templates", "map.js").read_text()
    assert code in sample_page and "</script" not in code.lower()
    assert "new Function" not in code and 'setTimeout("' not in code
    assert "import(" not in code and "fetch(" not in code and "XMLHttpRequest" not in code


def test_one_colleagues_network(hostile_db, tmp_path):
    out = tmp_path / "bob.html"
    write(hostile_db, out, "--owner", "Bob Okafor")
    data = embedded(out.read_text())
    assert data["title"] == "Bob Okafor's network"
    names = set(data["people"]["n"])
    assert {"Bob Okafor", "Jane Doe"} <= names and "Health0 Person0" not in names


def test_the_file_is_replaced_whole_or_not_at_all(tmp_path, monkeypatch):
    out = tmp_path / "network.html"
    out.write_text("the old map")
    html_map.write_atomic(out, "the new map")
    assert out.read_text() == "the new map" and [p.name for p in tmp_path.iterdir()] == [
        "network.html"
    ]

    def broken(*args):
        raise OSError(28, "No space left on device")

    from refpath import outfiles

    monkeypatch.setattr(outfiles.os, "replace", broken)  # the one atomic writer
    with pytest.raises(InputError, match="No space left on device"):
        html_map.write_atomic(out, "a half-written map")
    assert out.read_text() == "the new map"
    assert [p.name for p in tmp_path.iterdir()] == ["network.html"]  # no temporary file left


@pytest.mark.parametrize("name", ["missing/map.html", "."])
def test_bad_output_names_fail_before_any_work(hostile_db, tmp_path, name):
    result = runner.invoke(app, ["--db", str(hostile_db), "map", "-o", str(tmp_path / name)])
    assert result.exit_code != 0 and not (tmp_path / name).is_file()


def test_help_shows_both_forms():
    result = runner.invoke(app, ["map", "--help"], env={"COLUMNS": "120"})
    assert result.exit_code == 0
    assert 'refpath map -o network.png --highlight "Jane Doe"' in result.output
    assert 'refpath map -o network.html --highlight "Jane Doe"' in result.output


def test_highlighting_yourself_is_refused_as_to_refuses_it(sample_db, tmp_path):
    result = runner.invoke(
        app,
        [
            "--db",
            str(sample_db),
            "map",
            "-o",
            str(tmp_path / "m.html"),
            "--highlight",
            "Alex Rivera",
        ],
    )
    assert result.exit_code != 0 and "is you" in result.output + str(result.exception)
    assert not (tmp_path / "m.html").exists()
