"""The HTML map in a real headless browser: Playwright driving the system Chromium.

The page is opened from a file in an offline context whose every non-file
request fails, so drawing it proves it needs no network. Skipped, saying why,
when the Python ``playwright`` package or a Chromium binary is missing
(``.ci/run`` installs Chromium; ``REFPATH_CHROMIUM`` names another binary).
``playwright install`` is never needed: the system browser is launched.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from builders import HOSTILE, embedded
from builders import write_map as write
from typer.testing import CliRunner

from refpath.cli import app
from refpath.map.clusters import market_clusters
from refpath.map.network import load_network
from refpath.routes.introducers import introducers_for
from refpath.routes.people import find_person
from refpath.store.db import open_store

CANDIDATES = ("/usr/lib/chromium/chromium", "/usr/lib/chromium-browser/chromium-browser")


def chromium() -> str | None:
    """The Chromium binary to launch, or None."""
    named = os.environ.get("REFPATH_CHROMIUM")
    if named:
        return named if Path(named).is_file() else None
    for path in CANDIDATES:
        if Path(path).is_file():
            return path
    return shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip(
        "playwright.sync_api", reason="the playwright package is not installed (make dev)"
    )
    binary = chromium()
    if binary is None:
        pytest.skip(
            "no Chromium found: apt-get install chromium (as .ci/run does), "
            "or set REFPATH_CHROMIUM to a Chromium binary"
        )
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=binary, args=["--enable-unsafe-swiftshader"])
        yield b
        b.close()


class Opened:
    """A page opened offline, with what it printed and asked for."""

    def __init__(self, browser, path: Path) -> None:
        self.context = browser.new_context(offline=True, viewport={"width": 1280, "height": 800})
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.context.route("**/*", self._route)
        page = self.page = self.context.new_page()
        page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        page.goto(path.as_uri())
        # A function predicate: the page's policy forbids eval, so a string would be blocked.
        page.wait_for_function("() => window.__drawn === true", timeout=60_000)

    def _route(self, route) -> None:
        if route.request.url.startswith("file:"):
            route.continue_()
        else:
            self.requests.append(route.request.url)
            route.abort()

    def point_at(self, index: int) -> tuple[float, float]:
        xy = self.page.evaluate("(i) => window.refpathMap.viewportOf(i)", index)
        box = self.page.locator("#map").bounding_box()
        return box["x"] + xy["x"], box["y"] + xy["y"]

    def hover(self, index: int) -> None:
        """Move the mouse onto a person, as a user does, until the page says who it is."""
        self.page.wait_for_function("() => !document.getElementById('panel').dataset.moving")
        x, y = self.point_at(index)
        for step in range(20):  # the mouse wobbles a little while the map redraws
            self.page.mouse.move(x + (step % 3 - 1) * 0.5, y, steps=2)
            self.page.wait_for_timeout(100)
            if self.page.get_attribute("#tooltip", "data-person") == str(index):
                return
        raise AssertionError(f"hovering person {index} at ({x:.0f}, {y:.0f}) shows no tooltip")

    def click(self, index: int) -> None:
        self.hover(index)
        self.page.mouse.click(*self.point_at(index))
        self.page.wait_for_function(
            "(i) => document.getElementById('panel').dataset.person === String(i)", arg=index
        )

    def close(self) -> None:
        self.context.close()


@pytest.fixture(scope="module")
def sample_html(sample_db, tmp_path_factory):
    out = tmp_path_factory.mktemp("browser") / "sample.html"
    write(sample_db, out)
    return out


@pytest.fixture
def sample(browser, sample_html):
    opened = Opened(browser, sample_html)
    yield opened
    opened.close()


def test_the_page_draws_offline_with_no_request_and_no_error(sample):
    assert sample.requests == [] and sample.errors == []
    assert sample.page.evaluate("() => window.refpathMap.people") == 413
    assert sample.page.locator("#map canvas").count() == 1
    legend = sample.page.inner_text("#clusters")
    assert "C1 Kestrel Motion Systems, Ironfern Robotics, Tessel Automation" in legend
    # The map really is drawn: the canvas is not blank.
    shot = sample.page.locator("#map").screenshot()
    assert len(shot) > 20_000


def test_search_finds_an_accented_name_from_plain_text(sample):
    sample.page.fill("#search", "ana lucia ferreira")
    first = sample.page.locator("#results li").first
    assert first.inner_text().startswith("Ana Lúcia Ferreira")
    sample.page.fill("#search", "PRIYA RAMAN")  # her name carries an emoji: folded away
    assert sample.page.locator("#results li").first.inner_text().startswith("Priya Raman")
    sample.page.keyboard.press("Enter")
    assert sample.page.inner_text("#who").startswith("Priya Raman")
    sample.page.fill("#search", "ana lucia")  # several: the arrow keys choose
    second = sample.page.locator("#results li b").nth(1).inner_text()
    sample.page.keyboard.press("ArrowDown")
    sample.page.keyboard.press("ArrowDown")
    sample.page.keyboard.press("Enter")
    assert sample.page.inner_text("#who") == second
    assert sample.errors == []


def test_hover_shows_the_right_person(sample_html, sample):
    data = embedded(sample_html.read_text())
    i = data["people"]["n"].index("Jane Doe")
    sample.hover(i)
    tip = sample.page.locator("#tooltip")
    assert tip.is_visible()
    assert tip.inner_text().split("\n") == ["Jane Doe", "Acme Robotics", "VP Operations"]
    assert tip.get_attribute("data-person") == str(i)


def test_clicking_a_prospect_shows_the_same_best_introducer_as_to(sample_db, sample_html, sample):
    data = embedded(sample_html.read_text())
    runner = CliRunner()
    for name in ("Jane Doe", "Hugo Lambert"):
        to = runner.invoke(app, ["--db", str(sample_db), "to", name, "--json", "--top", "3"])
        routes = json.loads(to.output)["paths"]
        i = data["people"]["n"].index(name)
        sample.click(i)
        assert sample.page.locator("#panel").is_visible()
        assert sample.page.inner_text("#who") == name
        shown = sample.page.locator(".route")
        assert shown.count() == len(routes)
        with open_store(sample_db, create=False) as store:  # the scores as `to`'s table shows them
            ranked = introducers_for(store, find_person(store, name), top=3).paths
        for k, route in enumerate(routes):
            text = shown.nth(k).inner_text()
            assert shown.nth(k).locator(".introducer").inner_text() == route["via"][0]
            assert f"score {ranked[k].score:.2f}" in text
        sample.page.click("#close")
        assert not sample.page.locator("#panel").is_visible()
    assert sample.errors == []


def test_no_route_and_a_direct_contact_are_said_plainly(sample_db, browser, tmp_path):
    from refpath.map.all_routes import TargetRoutes, all_routes
    from refpath.map.html import payload, render, write_atomic
    from refpath.store.db import open_store

    with open_store(sample_db, create=False) as store:
        routes = all_routes(store)
        net = load_network(store)
        keys = dict(store.conn.execute("SELECT id, name_key FROM people"))
    mine = next(p for p, r in routes.items() if r.connected and not r.routes)
    jane = next(p for p, n in net.people.items() if n.name == "Jane Doe")
    routes[jane] = TargetRoutes((), False)  # as if no colleague knew her
    data = payload(net, market_clusters(net), routes, keys)
    write_atomic(tmp_path / "m.html", render(data))
    opened = Opened(browser, tmp_path / "m.html")
    try:
        for pid, said in [
            (jane, "No introduction route to Jane Doe was found in the team's exports."),
            (mine, f"You are connected to {net.people[mine].name} directly: no introduction"),
        ]:
            opened.page.evaluate(
                "(i) => window.refpathMap.select(i)",
                data["people"]["n"].index(net.people[pid].name),
            )
            assert said in opened.page.inner_text("#routes")
        assert opened.errors == []
    finally:
        opened.close()


def test_highlight_opens_with_the_route_shown(sample_db, browser, tmp_path):
    out = tmp_path / "jane.html"
    write(sample_db, out, "--highlight", "Jane Doe")
    opened = Opened(browser, out)
    try:
        assert opened.page.inner_text("#who") == "Jane Doe"
        assert opened.page.locator(".route .introducer").first.inner_text() == "Bob Okafor"
        assert opened.errors == [] and opened.requests == []
    finally:
        opened.close()


def test_a_hostile_name_stays_text(hostile_db, browser, tmp_path):  # noqa: F811
    out = tmp_path / "hostile.html"
    write(hostile_db, out)
    opened = Opened(browser, out)
    try:
        page = opened.page
        page.fill("#search", "evil")
        page.locator("#results li").first.click()
        assert page.inner_text("#who") == f"Evil {HOSTILE}"
        assert "<b>Sons</b>" in page.inner_text("#job")
        opened.hover(int(page.get_attribute("#panel", "data-person")))
        assert page.locator("#tooltip b").inner_text() == f"Evil {HOSTILE}"
        assert page.locator("body img, body b b, #panel script").count() == 0
        assert opened.dialogs == [] and opened.errors == [] and opened.requests == []
    finally:
        opened.close()


def test_pan_and_zoom(sample_html, sample):
    data = embedded(sample_html.read_text())
    i = data["people"]["n"].index("Jane Doe")
    page = sample.page
    x0, y0 = sample.point_at(i)
    page.mouse.move(640, 400)
    page.mouse.down()
    page.mouse.move(700, 430, steps=4)
    page.mouse.up()
    x1, y1 = sample.point_at(i)
    assert (round(x1 - x0), round(y1 - y0)) == (60, 30)  # dragged with the mouse
    assert not page.locator("#panel").is_visible()  # a drag is not a click
    bob = data["people"]["n"].index("Bob Okafor")
    bx, by = sample.point_at(bob)
    page.mouse.move(x1, y1)
    page.mouse.wheel(0, -400)
    page.wait_for_function(
        "([i, x]) => Math.abs(window.refpathMap.viewportOf(i).x - x) > 1", arg=[bob, bx]
    )
    x2, y2 = sample.point_at(i)
    assert abs(x2 - x1) < 1 and abs(y2 - y1) < 1  # zoomed about the mouse: Jane stays put
    bx2, by2 = sample.point_at(bob)
    assert abs(bx2 - x2) + abs(by2 - y2) > 1.5 * (abs(bx - x1) + abs(by - y1))  # and in
    page.click("#zoom-reset")
    assert sample.point_at(i) == (x0, y0)
    assert page.evaluate("() => window.refpathMap.fitted()")
    assert sample.errors == []


def test_a_narrow_window_folds_the_legend_and_fits_the_map(browser, sample_html):
    context = browser.new_context(offline=True, viewport={"width": 700, "height": 700})
    try:
        page = context.new_page()
        page.goto(sample_html.as_uri())
        page.wait_for_function("() => window.__drawn === true", timeout=60_000)
        assert page.get_attribute("#legend", "open") is None
        page.click("#legend summary")
        assert page.locator("#clusters").is_visible()
        data = embedded(sample_html.read_text())
        for i in data["owners"]:  # every colleague is on screen
            xy = page.evaluate("(i) => window.refpathMap.viewportOf(i)", i)
            assert 0 <= xy["x"] <= 700 and 0 <= xy["y"] <= 700
    finally:
        context.close()
