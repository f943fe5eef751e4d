"""The synthetic team generator and the committed demo team (sample_exports/)."""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections import Counter, defaultdict
from datetime import datetime
from pathlib import Path

import pytest

from refpath._synth.sample_share import write_sample_share
from refpath._synth.sample_team import write_sample_prospects, write_sample_team
from refpath._synth.teams import TeamManifest, main, write_team

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "sample_exports"
# Written out here, not imported, so a change to the generator's constant fails a test.
PREAMBLE = (
    b'Notes:\n"When exporting your connection data, you may notice that some of the email '
    b"addresses are missing. You will only see email addresses for connections who have allowed "
    b"their connections to see or download their email address using this setting "
    b"https://www.linkedin.com/psettings/privacy/email. You can learn more here "
    b'https://www.linkedin.com/help/linkedin/answer/261"\n\n'
)
HEADER = b"First Name,Last Name,URL,Email Address,Company,Position,Connected On"
HIDDEN = re.compile(r"^,,,,,,\d\d [A-Z][a-z]{2} \d{4}$")
URL = re.compile(r"^https://www\.linkedin\.com/in/[A-Za-z0-9%-]+$")


def table(text: str, delimiter: str = ",") -> list[dict[str, str]]:
    """Rows of a CSV whose header is the first line starting with 'First Name' or 'CONVERS'."""
    lines = text.splitlines(keepends=True)
    start = next(i for i, line in enumerate(lines) if line.startswith(("First", "CONVERS")))
    return list(csv.DictReader(io.StringIO("".join(lines[start:])), delimiter=delimiter))


def files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


@pytest.fixture(scope="module")
def team(tmp_path_factory: pytest.TempPathFactory) -> TeamManifest:
    return write_team(tmp_path_factory.mktemp("team"), owners=6, rows=300, seed=7, archives=2)


@pytest.fixture(scope="module")
def exports(team: TeamManifest) -> dict[str, list[dict[str, str]]]:
    """Each owner's Connections.csv rows, by owner URL."""
    return {
        o.url: table((team.out_dir / o.slug / "Connections.csv").read_text("utf-8"))
        for o in team.owners
    }


# --- write_team -------------------------------------------------------------------------


def test_same_seed_gives_the_same_bytes(tmp_path: Path) -> None:
    kwargs = {"owners": 8, "rows": 60, "archives": 2, "variants": True}
    write_team(tmp_path / "a", seed=3, **kwargs)
    write_team(tmp_path / "b", seed=3, **kwargs)
    write_team(tmp_path / "c", seed=4, **kwargs)
    assert files(tmp_path / "a") == files(tmp_path / "b")
    assert files(tmp_path / "a") != files(tmp_path / "c")


def test_current_format_is_byte_exact(team: TeamManifest) -> None:
    for owner in team.owners:
        data = (team.out_dir / owner.slug / "Connections.csv").read_bytes()
        assert data.startswith(PREAMBLE + HEADER + b"\n")
        assert not data.endswith(b"\n") and b"\r" not in data
        lines = data.decode("utf-8").split("\n")[4:]
        days = [datetime.strptime(line.rsplit(",", 1)[1], "%d %b %Y") for line in lines]
        assert days == sorted(days, reverse=True)  # newest first
        rows = table(data.decode("utf-8"))
        assert len(rows) == len(lines) == 300
        urls = [r["URL"] for r in rows if r["URL"]]
        assert len(urls) == len(set(urls)) and all(URL.match(u) for u in urls)
        assert all(HIDDEN.match(line) for line in lines if line.startswith(",,"))


def test_manifest_counts_match_the_files(team: TeamManifest, exports: dict) -> None:
    rows = [r for found in exports.values() for r in found]
    hidden = [r for r in rows if not r["URL"]]
    pairs = {
        frozenset((owner, r["URL"])) for owner, found in exports.items() for r in found if r["URL"]
    }
    people = {r["URL"] for r in rows if r["URL"]} | {o.url for o in team.owners}
    assert team.rows == len(rows) == 6 * 300
    assert team.hidden == len(hidden) > 0
    assert team.people == len(people)
    assert team.pairs == len(pairs)
    messages, two_way = 0, 0
    for owner in team.owners[:2]:
        found = table((team.out_dir / owner.slug / "messages.csv").read_text("utf-8"))
        messages += len(found)
        directions = defaultdict(set)
        for m in found:
            mine = m["SENDER PROFILE URL"] == owner.url
            directions[m["RECIPIENT PROFILE URLS"] if mine else m["SENDER PROFILE URL"]].add(mine)
        two_way += sum(len(d) == 2 for d in directions.values())
        assert (team.out_dir / owner.slug / "Profile.csv").read_text().startswith("First Name,")
    assert team.message_rows == messages and team.two_way == two_way > 0
    assert not (team.out_dir / team.owners[2].slug / "messages.csv").exists()


def test_owners_list_each_other_reciprocally(team: TeamManifest, exports: dict) -> None:
    seen_by = Counter()
    for owner, found in exports.items():
        for r in found:
            if r["URL"] in exports:
                seen_by[r["URL"]] += 1
                back = [x for x in exports[r["URL"]] if x["URL"] == owner]
                assert back and back[0]["Connected On"] == r["Connected On"]
    assert all(seen_by[o.url] >= 3 for o in team.owners)  # most of the 5 others


def test_overlap_is_about_what_was_asked(team: TeamManifest, exports: dict) -> None:
    for owner, found in exports.items():
        others = {r["URL"] for o, rows in exports.items() if o != owner for r in rows}
        shared = sum(r["URL"] in others for r in found if r["URL"])
        assert 0.15 < shared / len(found) < 0.45


def test_namesakes_have_distinct_urls(exports: dict) -> None:
    urls = defaultdict(set)
    for found in exports.values():
        for r in found:
            if r["URL"]:
                urls[r["First Name"], r["Last Name"]].add(r["URL"])
    assert any(len(u) > 1 for u in urls.values())


def test_names_carry_real_world_quirks(team: TeamManifest) -> None:
    text = "".join(
        (team.out_dir / o.slug / "Connections.csv").read_text("utf-8") for o in team.owners
    )
    for quirk in (
        r'"\w[^",]*, (MBA|PhD|CPA|PMP|CFA)',
        r"[🚀🌱✨💡]",
        r"[\U0001d400-\U0001d433]",
        r"%[0-9A-F]{2}",
        r"\((she/her|he/him|they/them)\)",
    ):
        assert re.search(quirk, text), quirk


def test_older_variants(tmp_path: Path) -> None:
    m = write_team(tmp_path, owners=7, rows=50, seed=1, variants=True)
    assert [o.fmt for o in m.owners] == ["current"] * 3 + ["2021", "current", "current", "2018"]
    no_url = (tmp_path / m.owners[3].slug / "Connections.csv").read_bytes()
    assert no_url.startswith(PREAMBLE + HEADER.replace(b"URL,", b"") + b"\n")
    assert not no_url.endswith(b"\n") and b",,,,,,,," not in no_url
    old = (tmp_path / m.owners[6].slug / "Connections.csv").read_bytes()
    assert old.startswith(HEADER.replace(b"URL,", b"") + b"\n") and old.endswith(b'M"\n')
    assert re.search(rb',"\d{1,2}/\d{1,2}/\d\d, \d{1,2}:\d\d [AP]M"\n', old)


@pytest.mark.parametrize(
    "kwargs",
    [
        {"owners": 0, "rows": 10},
        {"owners": 5, "rows": 4},
        {"owners": 2, "rows": 9, "overlap": 1.0},
        {"owners": 2, "rows": 9, "archives": 3},
    ],
)
def test_bad_arguments_are_refused(tmp_path: Path, kwargs: dict) -> None:
    with pytest.raises(ValueError):
        write_team(tmp_path, **kwargs)


def test_command_line_prints_the_manifest(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    assert main([str(tmp_path), "--owners", "2", "--rows", "20", "--seed", "5"]) == 0
    out = capsys.readouterr().out
    assert "rows: 40\n" in out and out.count("owner:\t") == 2


# --- sample_exports/ --------------------------------------------------------------------


def test_sample_team_matches_the_committed_files(tmp_path: Path) -> None:
    written = write_sample_team(tmp_path)
    written.append(write_sample_share(tmp_path))
    fresh, committed = files(tmp_path), files(SAMPLE)
    assert set(committed) == set(fresh) | {"README.md"}
    assert len(written) == len(fresh)
    for name, data in fresh.items():
        if name.endswith(".zip"):  # compare members: zlib builds may deflate differently
            new, old = (
                zipfile.ZipFile(io.BytesIO(data)),
                zipfile.ZipFile(io.BytesIO(committed[name])),
            )
            assert [(i.filename, i.date_time) for i in new.infolist()] == [
                (i.filename, i.date_time) for i in old.infolist()
            ]
            assert all(new.read(n) == old.read(n) for n in new.namelist()), name
        else:
            assert data == committed[name], f"{name} drifted: run python -m refpath._synth.teams"
    prospects = write_sample_prospects(tmp_path / "prospects.csv").read_bytes()
    assert prospects == (ROOT / "docs" / "examples" / "prospects.csv").read_bytes()


def sample(name: str) -> list[dict[str, str]]:
    if name == "alex":
        with zipfile.ZipFile(SAMPLE / "Basic_LinkedInDataExport_11-20-2026.zip") as z:
            return table(z.read("Connections.csv").decode())
    path = {
        "bob": "bob-okafor/Connections.csv",
        "carol": "Carol Mendes.csv",
        "dev": "dev-patel/Connections.csv",
        "riley": "riley-chen/Connections.csv",
        "sam": "sam-weber/Connections.csv",
    }[name]
    if name == "sam":
        return table((SAMPLE / path).read_bytes().decode("cp1252"), ";")
    return table((SAMPLE / path).read_text("utf-8"))


@pytest.mark.parametrize(
    ("path", "start", "end", "crlf"),
    [
        ("bob-okafor/Connections.csv", PREAMBLE + HEADER + b"\n", b"", False),
        ("Carol Mendes.csv", PREAMBLE + HEADER.replace(b"URL,", b"") + b"\n", b"", False),
        ("dev-patel/Connections.csv", HEADER.replace(b"URL,", b"") + b"\n", b'M"\n', False),
        ("riley-chen/Connections.csv", b"Notes:,,,,,\r\n", b"\r\n", True),
        ("sam-weber/Connections.csv", b"Notes:;;;;;\r\n", b"\r\n", True),
    ],
)
def test_sample_variants_are_byte_exact(path: str, start: bytes, end: bytes, crlf: bool) -> None:
    data = (SAMPLE / path).read_bytes()
    assert data.startswith(start) and not data.startswith(b"\xef\xbb\xbf")
    assert data.endswith(end) if end else not data.endswith(b"\n")
    assert data.count(b"\r\n") == (data.count(b"\n") if crlf else 0)


def test_sample_spreadsheet_resaves() -> None:
    riley = (SAMPLE / "riley-chen/Connections.csv").read_bytes().decode("utf-8")
    assert (
        "Connected On\r\n" in riley and ",NA," in riley and re.search(r",\d{1,2}-Oct-26\r", riley)
    )
    sam = (SAMPLE / "sam-weber/Connections.csv").read_bytes()
    assert b";Connected on\r\n" in sam and re.search(rb";\d\d\.\d\d\.20\d\d\r\n", sam)
    assert "Raman ?;" in sam.decode("cp1252")  # cp1252 has no emoji


def test_sample_jane_doe() -> None:
    bob = {r["URL"]: r for r in sample("bob")}
    jane = "https://www.linkedin.com/in/jane-doe-8a1f42"
    assert bob[jane]["Connected On"] == "14 Mar 2016"
    assert [r["Connected On"] for r in sample("riley") if r["URL"] == jane] == ["21-Oct-26"]
    alex = sample("alex")
    assert not any(r["Last Name"] == "Doe" or r["Company"] == "Acme Robotics" for r in alex)
    messages = table((SAMPLE / "bob-okafor/messages.csv").read_text("utf-8"))
    with_jane = [
        m for m in messages if jane in (m["SENDER PROFILE URL"], m["RECIPIENT PROFILE URLS"])
    ]
    assert len(with_jane) == 40 and len({m["CONVERSATION ID"] for m in with_jane}) == 1
    assert Counter(m["FROM"] for m in with_jane) == {"Bob Okafor": 20, "Jane Doe": 20}
    assert {m["DATE"][:4] for m in with_jane} >= {"2018", "2024"}


def test_sample_acme_robotics_is_small_and_tom_is_at_carol() -> None:
    acme = {
        (r["First Name"], r["Last Name"])
        for who in ("alex", "bob", "carol", "dev", "riley", "sam")
        for r in sample(who)
        if r["Company"] == "Acme Robotics"
    }
    assert len(acme) == 8 and ("Tom", "Baker") in acme
    assert any(
        r["Last Name"] == "Baker" and r["Company"] == "Acme Robotics" for r in sample("carol")
    )


def test_sample_namesakes_accents_and_emoji() -> None:
    lees = {
        (r["URL"], r["Company"])
        for who in ("bob", "riley")
        for r in sample(who)
        if (r["First Name"], r["Last Name"]) == ("Sam", "Lee")
    }
    assert len(lees) == 2 and len({company for _, company in lees}) == 2
    riley = {r["Last Name"]: r for r in sample("riley")}
    assert riley["Ferreira"]["URL"].endswith("/ana-l%C3%BAcia-ferreira-1a2b3c")
    assert riley["Ferreira"]["First Name"] == "Ana Lúcia"
    assert any(r["Last Name"] == "Raman 🚀" for r in sample("bob"))


def test_sample_colleagues_appear_in_each_others_exports() -> None:
    names = {(r["First Name"], r["Last Name"]) for r in sample("riley")}
    assert {
        ("Bob", "Okafor"),
        ("Alex", "Rivera"),
        ("Carol", "Mendes"),
        ("Sam", "Weber"),
        ("Dev", "Patel"),
    } <= names
    assert {(r["First Name"], r["Company"]) for r in sample("dev")} >= {
        ("Alex", "Harborline Software"),
        ("Carol", "Northwind Analytics"),
    }


def test_sample_archive_of_alex() -> None:
    with zipfile.ZipFile(SAMPLE / "Basic_LinkedInDataExport_11-20-2026.zip") as z:
        members = {n: z.read(n) for n in z.namelist()}
    assert {
        "Profile.csv",
        "Connections.csv",
        "messages.csv",
        "Invitations.csv",
        "Endorsement_Received_Info.csv",
        "Recommendations_Received.csv",
        "Recommendations_Given.csv",
        "Positions.csv",
    } <= set(members)
    assert b"\r\n" in members["messages.csv"] and b"\r" not in members["Connections.csv"]
    assert "Northwind Analytics — data platforms" in members["Profile.csv"].decode()
    messages = table(members["messages.csv"].decode())
    assert sum("SECRET-MARKER-7f3a" in m["CONTENT"] for m in messages) == 1
    assert any(m["FROM"] == "LinkedIn Member" and not m["SENDER PROFILE URL"] for m in messages)
    assert any(m["RECIPIENT PROFILE URLS"].count("https://") == 2 for m in messages)
    assert any(m["FROM"] == "Bob Okafor" and m["TO"] == "Alex Rivera" for m in messages)


def test_sample_prospect_list() -> None:
    rows = list(csv.DictReader((ROOT / "docs/examples/prospects.csv").open(encoding="utf-8")))
    assert list(rows[0]) == ["First Name", "Last Name", "Company", "Title", "Notes"]
    assert 14 <= len(rows) <= 16
    names = [(r["First Name"], r["Last Name"], r["Company"]) for r in rows]
    assert ("Jane", "Doe", "Acme Robotics") in names and ("Sam", "Lee", "") in names
    assert ("Quentin", "Oyelaran", "Harrowgate Foods") in names
