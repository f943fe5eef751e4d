"""Builders shared by the tests: invented contacts, exports and teams, as records.

Every test module that needs a team or an export imports it from here (no test
module imports another). Everything is invented.

- ``li``, ``contact``, ``row``, ``export``: one Connections.csv row and one
  colleague's :class:`Export`, built without files.
- ``team_exports`` / ``build_team``: the routes team, mirroring the sample
  team's planted facts (Bob has years of messages with Jane, Riley connected
  with her last month, Carol knows Tom Baker, Jane's colleague at Acme).
- ``market_team``: three colleagues, three markets of four companies each, for
  clusters, the map and graph export.
- ``assert_same_routes``: the planner's shared route finder equals ``introducers_for``.
- ``read_only_disk``: a read-only file system to put a store on (root only).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import pytest

from refpath.exports.records import ConnectionsFile, Contact, Export, MessageStats
from refpath.routes.introducers import introducers_for
from refpath.routes.people import Person, people_by_ids
from refpath.store.db import Store, open_store
from refpath.store.ingest import add_exports

#: "Today" for every test that scores time (connected since, recent messages).
TODAY = date(2026, 11, 24)
ROOT = Path(__file__).resolve().parent.parent
ASSETS = Path(__file__).resolve().parent / "assets"
SAMPLES = ROOT / "sample_exports"


def li(slug: str) -> str:
    """The LinkedIn profile URL of ``slug``."""
    return f"https://www.linkedin.com/in/{slug}"


def contact(
    first: str,
    last: str,
    url: str = "",
    company: str = "",
    position: str = "",
    on: date | None = date(2020, 1, 1),
    line: int = 0,
    email: str = "",
) -> Contact:
    """One Connections.csv row."""
    return Contact(first, last, url, email, company, position, on, line)


def row(first, last, slug, company="", position="", on=date(2020, 1, 1), email="") -> Contact:
    """One Connections.csv row whose URL is ``li(slug)`` (no URL for an empty slug)."""
    return contact(first, last, li(slug) if slug else "", company, position, on, email=email)


def member(name: str, company: str, on: date = date(2021, 3, 4)) -> Contact:
    """An engineer at ``company`` whose profile slug is their name."""
    first, last = name.split(" ", 1)
    return contact(first, last, li(name.lower().replace(" ", "-")), company, "Engineer", on)


def export(
    owner: str,
    contacts,
    *,
    url: str = "",
    messages=(),
    invitations=(),
    fmt: str = "current",
    fp: str | None = None,
    source: str | None = None,
    owner_from: str = "filename",
) -> Export:
    """One colleague's export of ``contacts`` (rows numbered from line 5, as in a file)."""
    numbered = tuple(c._replace(line=i + 5) for i, c in enumerate(contacts))
    return Export(
        source=source or f"{owner}.csv",
        owner_name=owner,
        owner_from=owner_from,
        owner_headline="",
        owner_url=url,
        connections=ConnectionsFile(numbered, 0, fmt, ()),
        messages=tuple(messages),
        invitations=tuple(invitations),
        fingerprint=fp or f"{owner}-{len(contacts)}-{hash(numbered)}",
    )


def profile_export(owner: str, slug: str, contacts, messages=()) -> Export:
    """An archive's export: the owner named by Profile.csv, with profile URL ``li(slug)``."""
    return export(
        owner,
        contacts,
        url=li(slug),
        messages=messages,
        source=f"{slug}/Connections.csv",
        owner_from="profile",
    )


# ------------------------------------------------------------ the routes team


def teammates(*names: tuple[str, str, str]) -> list[Contact]:
    return [row(f, last, slug, "Northwind", "Sales", date(2021, 3, 1)) for f, last, slug in names]


ALEX = ("Alex", "Rivera", "alex-rivera")
BOB = ("Bob", "Okafor", "bob-okafor")
RILEY = ("Riley", "Chen", "riley-chen")
CAROL = ("Carol", "Mendes", "carol-mendes")


def team_exports(*, jane_in_mine: bool = False) -> tuple[Export, list[Export]]:
    """(the user's export, the colleagues' exports)."""
    jane = row("Jane", "Doe", "jane-doe", "Acme Robotics", "VP Engineering", date(2016, 5, 3))
    acme = [row(f"Eng{i}", "Acme", f"eng{i}-acme", "Acme Robotics", "Engineer") for i in range(10)]
    mine = teammates(BOB, RILEY, CAROL) + [
        row("Priya", "Raman 🚀", "priya-raman", "Initech", "CTO"),
        row("Ana Lúcia", "Ferreira", "ana-l%C3%BAcia-ferreira", "Umbrella", "Founder"),
    ]
    if jane_in_mine:
        mine.append(jane._replace(connected_on=date(2023, 2, 14)))
    alex = profile_export("Alex Rivera", "alex-rivera", mine)
    bob = profile_export(
        "Bob Okafor",
        "bob-okafor",
        teammates(ALEX)
        + [
            jane._replace(email="jane@acme.example"),
            row("Sam", "Lee", "sam-lee-globex", "Globex", "Data Scientist"),
        ],
        messages=[
            MessageStats("Jane Doe", li("jane-doe"), 22, 18, date(2018, 3, 1), date(2024, 6, 1))
        ],
    )
    riley = profile_export(
        "Riley Chen",
        "riley-chen",
        teammates(ALEX) + [jane._replace(connected_on=date(2026, 10, 20))],
    )
    carol = profile_export(
        "Carol Mendes",
        "carol-mendes",
        teammates(ALEX)
        + [row("Tom", "Baker", "tom-baker", "Acme Robotics", "Engineer", date(2019, 6, 1))]
        + acme
        + [row("Sam", "Lee", "sam-lee-initech", "Initech", "Engineer")],
        messages=[
            MessageStats("Tom Baker", li("tom-baker"), 9, 7, date(2019, 7, 1), date(2025, 3, 1))
        ],
    )
    return alex, [bob, riley, carol]


def build_team(path: Path, *, me: bool = True, jane_in_mine: bool = False) -> Path:
    """Write the routes team into a store at ``path`` and return the path."""
    mine, theirs = team_exports(jane_in_mine=jane_in_mine)
    with open_store(path) as store:
        if me:
            add_exports(store, [mine], me=True)
            add_exports(store, theirs)
        else:
            add_exports(store, [mine, *theirs])
    return path


# ------------------------------------------------------------ the market team

MARKETS = {
    "robotics": ("Acme Robotics", "Tessel Automation", "Ironfern Robotics", "Corvane Dynamics"),
    "fintech": ("Ledgerwise", "Tallymark", "Quillpay", "Fernbank Payments"),
    "health": ("Meridale Health", "Carevale", "Pulsewise", "Veridia Bio"),
}
#: Which two colleagues know each market.
KNOWN_BY = {"robotics": ("Alex Rivera", "Bob Okafor"), "fintech": ("Bob Okafor", "Carol Mendes"),
            "health": ("Carol Mendes", "Alex Rivera")}  # fmt: skip
TEAM_COMPANY = "Northwind Analytics"


def market_team(path, extra: dict[str, list[Contact]] | None = None) -> Store:
    """A store with the three-market team; returns the open store.

    Each company has four people: two known by the market's first colleague,
    two by its second, and the first of them by both. Everyone knows Hannah
    at the colleagues' own company, and each colleague lists the other two.
    """
    rows: dict[str, list[Contact]] = {o: [] for pair in KNOWN_BY.values() for o in pair}
    for market, companies in MARKETS.items():
        first, second = KNOWN_BY[market]
        for c, company in enumerate(companies):
            for k in range(4):
                person = member(f"{market.title()}{c} Person{k}", company)
                rows[first if k < 2 else second].append(person)
                if k == 0:
                    rows[second].append(person)
    for owner in rows:
        rows[owner].append(member("Hannah Whitfield", TEAM_COMPANY))
        rows[owner] += [member(o, TEAM_COMPANY) for o in rows if o != owner]
        rows[owner] += (extra or {}).get(owner, [])
    store = open_store(path)
    slug = {o: li(o.lower().replace(" ", "-")) for o in rows}
    add_exports(
        store,
        [export(o, people, url=slug[o], fp=f"{o}-{len(people)}") for o, people in rows.items()],
    )
    return store


# ------------------------------------------------------------ store files


def copy_store(source: Path, dest: Path, *, one_file: bool = False) -> Path:
    """A private copy of the store at ``source`` (its -wal too) at ``dest``; returns ``dest``.

    ``one_file``: checkpoint the copy so that everything is in ``dest`` and no
    -wal is left beside it (for tests about the store file's own bytes).
    """
    import shutil
    import sqlite3

    dest.parent.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal"):
        if Path(f"{source}{suffix}").exists():
            shutil.copy(f"{source}{suffix}", f"{dest}{suffix}")
    if one_file:
        conn = sqlite3.connect(dest)
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.close()
        Path(f"{dest}-wal").unlink(missing_ok=True)
    return dest


# ------------------------------------------------------------ shared assertions


def assert_same_routes(store: Store, today: date, top: int) -> None:
    """The planner's shared route finder gives what ``introducers_for`` gives, for everyone."""
    from refpath.outreach.plan import route_finder

    ids = [r[0] for r in store.conn.execute("SELECT id FROM people ORDER BY id")]
    people = people_by_ids(store.conn, ids)
    outsiders = [
        Person(0, "", f"Someone {i}", c, "", "", ())
        for i, c in enumerate(sorted({p.company for p in people if p.company}))
    ]
    shared = route_finder(store, today, top)
    for person in [*people, *outsiders, *people]:  # again: nothing carried over changes it
        try:
            expected = introducers_for(store, person, top=top, today=today)
        except Exception as error:  # the user as a target
            with pytest.raises(type(error)):
                shared(person)
            continue
        assert shared(person) == expected, person.name


def lines(text: str) -> list[str]:
    """Output lines without trailing spaces."""
    return [line.rstrip() for line in text.splitlines()]


# ------------------------------------------------------------ the HTML map

#: A name that would run script if the page ever treated data as HTML.
HOSTILE = "<img src=x onerror=alert(1)> </script><script>alert(2)</script>"


def write_map(db: Path, out: Path, *args: str) -> str:
    """``refpath --db DB map -o OUT ARGS``, which must succeed; its output."""
    from typer.testing import CliRunner

    from refpath.cli import app

    result = CliRunner().invoke(app, ["--db", str(db), "map", "-o", str(out), *args])
    assert result.exit_code == 0, result.output
    return result.output


def embedded(page: str) -> dict:
    """The data an HTML map embeds, parsed."""
    import json
    import re

    found = re.search(
        r'<script id="refpath-data" type="application/json">(.*?)</script>', page, re.S
    )
    assert found
    return json.loads(found.group(1))


@contextmanager
def read_only_disk(where: Path) -> Iterator[Callable[[Path], Path]]:
    """A small tmpfs at ``where``; the function it gives copies a file there and makes the
    file system read-only, returning the copy. Skips unless root can mount one here."""
    if os.geteuid() != 0 or not shutil.which("mount"):
        pytest.skip("needs root and mount to make a read-only file system")
    where.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=16m", "tmpfs", str(where)], capture_output=True
    )
    if mounted.returncode:
        pytest.skip("cannot mount a tmpfs here")

    def copy(path: Path) -> Path:
        shutil.copy(path, where / path.name)
        subprocess.run(["mount", "-o", "remount,ro", str(where)], check=True)
        return where / path.name

    try:
        yield copy
    finally:
        subprocess.run(["umount", "-l", str(where)], check=False)
