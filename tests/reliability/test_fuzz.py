"""Fuzzing the parsers: every input ends as records or as a ``RefpathError``, never a crash.

The strategies build *near-valid* files, because that is where parsers break:
a real header (in any column order, case, with columns missing, repeated or
extra), LinkedIn's preamble or a user's edit of it, ``,``/``;``/tab, quoting
that is right, absent or stray, CRLF/CR/mixed line ends, BOMs and the
encodings seen in the wild, cells drawn from the names, URLs, emails and
dates real exports hold, and then truncation and flipped bytes.

Each property runs twice: a quick pass in the default test run, and a long
one under the ``fuzz`` marker (``make fuzz``), over 11,000 inputs in all.
"""

from __future__ import annotations

import csv
import io
import tempfile
import warnings
import zipfile
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from refpath.errors import RefpathError
from refpath.exports.archive import (
    parse_endorsements,
    parse_invitations,
    parse_messages,
    parse_profile,
    parse_recommendations,
)
from refpath.exports.connections import parse_connections
from refpath.exports.locate import read_export
from refpath.exports.records import ConnectionsFile, Export
from refpath.exports.text import decode_export

#: examples per property in the default run, and under ``make fuzz``
QUICK = {"connections": 200, "other": 50, "prospects": 200, "zip": 25, "ingest": 25}
LONG = {"connections": 4000, "other": 800, "prospects": 2000, "zip": 600, "ingest": 600}


def both(name: str, strategy: st.SearchStrategy) -> Callable[[Callable], tuple[Callable, Callable]]:
    """Make a quick and a ``fuzz``-marked long version of one property over ``strategy``."""

    def make(body: Callable) -> tuple[Callable, Callable]:
        def with_examples(n: int) -> Callable:
            return settings(
                max_examples=n,
                deadline=None,
                suppress_health_check=list(HealthCheck),
                database=None,
            )(given(strategy)(body))

        return with_examples(QUICK[name]), pytest.mark.fuzz(with_examples(LONG[name]))

    return make


# ------------------------------------------------------------------- cells

IN = "https://www.linkedin.com/in/"
NAMES = st.one_of(
    st.sampled_from([
        "Jane", "Doe", " Raman 🚀 ", "𝐀𝐧𝐚𝐧𝐝", '"Smith, MBA, PhD"', 'James "Tyler"', "Zoë",
        "Nguyễn", "Nguy?n", "O'Brien", "李", "NA", "", " ", "Jane Doe (she/her)", "Jürgen",
        '=HYPERLINK("http://x","y")', "+1", "@cmd", "-2+3", "Eve\x1b[31m", "\x07", "[bold]x[/]",
        "LinkedIn Member", "a" * 300, "\ufffd\ufffd",
    ]),
    st.text(max_size=15),
)  # fmt: skip
SLUGS = st.one_of(
    st.sampled_from(["jane-doe", "ana-l%C3%BAcia-12ab", "x", "", "%", "a/b", "ACME-1"]),
    st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789-%", max_size=20),
)
URLS = st.one_of(
    SLUGS.map(lambda s: IN + s),
    SLUGS.map(lambda s: "www.linkedin.com/in/" + s),
    SLUGS.map(lambda s: "http://linkedin.com/in/" + s + "/"),
    st.integers(0, 10**12).map(lambda n: f"urn:li:member:{n}"),
    st.sampled_from(["", "NA", "https://example.com/in/x", "https://www.linkedin.com/company/x"]),
    st.text(max_size=30),
)
EMAILS = st.one_of(
    st.sampled_from(["", "jane@example.com", "NA", "urn:li:member:123", "@", "a@b"]),
    st.emails().map(str),
    st.text(max_size=20),
)
DATES = st.one_of(
    st.dates(date(1960, 1, 1), date(2110, 12, 31)).flatmap(
        lambda d: st.sampled_from([
            d.strftime("%d %b %Y"), f"{d.month}/{d.day}/{d:%y}, 6:14 PM", f"{d.day}-{d:%b-%y}",
            d.strftime("%d.%m.%Y"), d.isoformat(), f"{d.isoformat()} 10:22:05 UTC",
            d.strftime("%Y/%m/%d 11:05:54 UTC"), f"{d.month}/{d.day}/{d.year}", d.strftime("%b %Y"),
            d.strftime("%B %d, %Y"), d.strftime("%d %B %Y").lower(),
        ])
    ),
    st.sampled_from(["", "NA", "31 Feb 2026", "00/00/00", "99999", "45000", "13/13/13", "Feb"]),
    st.integers(-(10**6), 10**7).map(str),
    st.text(max_size=12),
)  # fmt: skip
TEXT = st.one_of(st.sampled_from(["", "Acme, Inc.", "CTO", 'He said "hi"', "line\nbreak"]),
                 st.text(max_size=25))  # fmt: skip


def cells_for(column: str) -> st.SearchStrategy[str]:
    """What a cell of this column holds in real files (and a bit beyond)."""
    key = column.strip().lower().replace("_", " ")
    if key in ("first name", "last name", "endorser first name", "endorser last name", "name",
               "full name", "from", "to", "first", "last", "surname"):  # fmt: skip
        return st.one_of(NAMES, st.lists(NAMES, min_size=2, max_size=3).map(", ".join))
    if "url" in key or "urn" in key or key in ("linkedin", "profile"):
        return st.one_of(URLS, st.lists(URLS, min_size=2, max_size=3).map(",".join))
    if "email" in key:
        return EMAILS
    if any(w in key for w in ("date", "connected on", "sent at", "started", "finished")):
        return DATES
    if key == "direction":
        return st.sampled_from(["INCOMING", "OUTGOING", "incoming", "", "SIDEWAYS"])
    if key == "folder":
        return st.sampled_from(["INBOX", "SPAM", "DRAFT", "ARCHIVE", "", "spam"])
    if "draft" in key:
        return st.sampled_from(["Yes", "No", "true", "FALSE", ""])
    if key == "status":
        return st.sampled_from(["VISIBLE", "HIDDEN", "ACCEPTED", ""])
    return TEXT


# ---------------------------------------------------------------- documents

LINKEDIN_NOTES = [
    "Notes:",
    '"When exporting your connection data, you may notice that some of the email addresses '
    'are missing."',
    "",
]
PREAMBLES = st.one_of(
    st.just([]),
    st.just(LINKEDIN_NOTES),
    st.just(["Notes:,,,,,,", '"When exporting...",,,,,,', ",,,,,,"]),
    st.just(["\ufeff", ""]),
    st.lists(TEXT.map(lambda t: t.replace("\n", " ")), max_size=25),
)


@st.composite
def document(draw, columns: list[str], extra: list[str] = ()) -> str:
    """A CSV-like document with a header drawn from ``columns`` and rows to match."""
    header = list(draw(st.permutations(columns)) if draw(st.booleans()) else columns)
    if draw(st.integers(0, 4)) == 0 and header:  # a column gone missing
        header.pop(draw(st.integers(0, len(header) - 1)))
    header += draw(st.lists(st.sampled_from([*extra, "Notes", "Tags", ""]), max_size=2))
    header = [
        draw(st.sampled_from([c, c.lower(), c.upper(), f" {c} ", c.replace(" ", "_")]))
        for c in header
    ]
    delimiter = draw(st.sampled_from([",", ";", "\t"]))
    rows = []
    for _ in range(draw(st.integers(0, 8))):
        row = [draw(cells_for(c)) for c in header]
        cut = draw(st.integers(0, 6))
        if cut == 0:  # ragged: short
            row = row[: draw(st.integers(0, len(row)))]
        elif cut == 1:  # ragged: long
            row += draw(st.lists(TEXT, max_size=3))
        elif cut == 2:  # a hidden profile: only the date
            row = ["" for _ in header[:-1]] + [draw(DATES)]
        rows.append(row)
    style = draw(st.sampled_from(["minimal", "all", "raw", "stray quote"]))
    buf = io.StringIO()
    if style in ("minimal", "all", "stray quote"):
        quoting = csv.QUOTE_ALL if style == "all" else csv.QUOTE_MINIMAL
        writer = csv.writer(buf, delimiter=delimiter, quoting=quoting, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)
        lines = buf.getvalue().split("\n")
    else:
        lines = [delimiter.join(r) for r in [header, *rows]]
    if style == "stray quote" and lines:
        at = draw(st.integers(0, len(lines) - 1))
        pos = draw(st.integers(0, len(lines[at])))
        lines[at] = lines[at][:pos] + '"' + lines[at][pos:]
    lines = draw(PREAMBLES) + lines
    ending = draw(st.sampled_from(["\n", "\r\n", "\r", "mixed"]))
    if ending == "mixed":
        text = "".join(line + draw(st.sampled_from(["\n", "\r\n"])) for line in lines)
    else:
        text = ending.join(lines) + draw(st.sampled_from(["", ending]))
    if draw(st.integers(0, 5)) == 0:  # truncated
        text = text[: draw(st.integers(0, len(text)))]
    if draw(st.integers(0, 5)) == 0:  # one character changed
        pos = draw(st.integers(0, len(text)))
        text = text[:pos] + draw(st.characters()) + text[pos + 1 :]
    return text


@st.composite
def encoded(draw, text: str) -> bytes:
    """The text as bytes in an encoding seen in the wild, sometimes with damaged bytes."""
    codec = draw(st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "cp1252"]))
    data = bytearray(text.encode(codec, errors="replace"))
    for _ in range(draw(st.integers(0, 3)) if draw(st.integers(0, 3)) == 0 else 0):
        if data:
            data[draw(st.integers(0, len(data) - 1))] = draw(st.integers(0, 255))
    return bytes(data)


CONNECTIONS = ["First Name", "Last Name", "URL", "Email Address", "Company", "Position",
               "Connected On"]  # fmt: skip
CONNECTIONS_2018 = [c for c in CONNECTIONS if c != "URL"]
connections_docs = st.one_of(
    document(CONNECTIONS, ["Profile URL", "Email"]), document(CONNECTIONS_2018, ["Connected on"])
)


def check_connections(found: ConnectionsFile) -> None:
    assert found.contacts and found.hidden >= 0 and found.fmt in ("2018", "2021", "current")
    for c in found.contacts:
        for text in (c.first_name, c.last_name, c.url, c.email, c.company, c.position):
            assert isinstance(text, str) and text == text.strip()
        assert c.connected_on is None or 1950 <= c.connected_on.year <= date.today().year + 1
        assert c.line >= 2
    assert all(w.startswith("f.csv") for w in found.warnings)


# -------------------------------------------------------------- properties


def _connections_bytes(data_bytes):
    try:
        text, warnings = decode_export(data_bytes, "f.csv")
        found = parse_connections(text, source="f.csv")
    except RefpathError as err:
        assert str(err).startswith("f.csv")
        return
    check_connections(found)
    assert all(w.startswith("f.csv") for w in warnings)


test_connections_quick, test_connections_fuzz = both(
    "connections", connections_docs.flatmap(encoded)
)(_connections_bytes)


OTHER_FILES = {
    "messages": (
        ["CONVERSATION ID", "CONVERSATION TITLE", "FROM", "SENDER PROFILE URL", "TO",
         "RECIPIENT PROFILE URLS", "DATE", "SUBJECT", "CONTENT", "FOLDER"],
        ["ATTACHMENTS", "IS MESSAGE DRAFT", "IS CONVERSATION DRAFT", "Direction"],
        lambda text, source: parse_messages(text, owner_name="Jane Doe", source=source),
    ),
    "messages_2018": (
        ["From", "To", "Date", "Subject", "Content", "Direction", "Folder"], [],
        lambda text, source: parse_messages(text, source=source),
    ),
    "invitations": (
        ["From", "To", "Sent At", "Message", "Direction", "inviterProfileUrl",
         "inviteeProfileUrl"], ["inviterProfileUrn", "inviteeProfileUrn"], parse_invitations,
    ),
    "endorsements": (
        ["Endorsement Date", "Skill Name", "Endorser First Name", "Endorser Last Name",
         "Endorser Public Url", "Endorsement Status"], [], parse_endorsements,
    ),
    "recommendations": (
        ["First Name", "Last Name", "Company", "Job Title", "Text", "Creation Date", "Status"], [],
        lambda text, source: parse_recommendations(text, given=False, source=source),
    ),
    "profile": (
        ["First Name", "Last Name", "Maiden Name", "Address", "Birth Date", "Headline",
         "Summary", "Industry", "Zip Code", "Geo Location"], ["Country"], parse_profile,
    ),
}  # fmt: skip


def _other_file(kind: str):
    columns, extra, parse = OTHER_FILES[kind]

    def prop(raw):
        try:
            text, _ = decode_export(raw, "o.csv")
            result = parse(text, source="o.csv")
        except RefpathError as err:
            assert str(err).startswith("o.csv")
            return
        assert isinstance(result, tuple)

    return both("other", document(columns, extra).flatmap(encoded))(prop)


test_messages_quick, test_messages_fuzz = _other_file("messages")
test_messages_2018_quick, test_messages_2018_fuzz = _other_file("messages_2018")
test_invitations_quick, test_invitations_fuzz = _other_file("invitations")
test_endorsements_quick, test_endorsements_fuzz = _other_file("endorsements")
test_recommendations_quick, test_recommendations_fuzz = _other_file("recommendations")
test_profile_quick, test_profile_fuzz = _other_file("profile")


# ------------------------------------------------------------- lead lists

PROSPECT_COLUMNS = st.sampled_from(
    [
        ["Name", "Company", "URL", "Notes"],
        ["First Name", "Last Name", "Company", "Profile URL", "Owner"],
        ["Full Name", "Account Name", "LinkedIn URL"],
        ["Given Name", "Surname", "Organisation", "Deal Size"],
        ["Company", "Stage"],  # no name column at all
    ]
)


PROSPECT_TEXTS = st.one_of(
    PROSPECT_COLUMNS.flatmap(document),
    # a plain list, one name or URL per line
    st.tuples(st.sampled_from(["\n", "\r\n"]), st.lists(st.one_of(NAMES, URLS), max_size=15)).map(
        lambda end_lines: end_lines[0].join(end_lines[1])
    ),
)


def _prospect_list(text):
    prospects = pytest.importorskip("refpath.outreach.leads")
    try:
        found = prospects.parse_prospects(text, "p.csv")
    except RefpathError as err:
        assert str(err).startswith("p.csv")
        return
    assert found.prospects
    for p in found.prospects:
        assert isinstance(p.name, str) and isinstance(p.company, str) and p.line >= 1
        assert len(p.extra) == len(found.extra_columns)


test_prospects_quick, test_prospects_fuzz = both("prospects", PROSPECT_TEXTS)(_prospect_list)


# ------------------------------------------------------------------- zips

ARCHIVE_NAMES = [
    "Connections.csv", "Profile.csv", "messages.csv", "Messages.csv", "Invitations.csv",
    "Endorsement_Received_Info.csv", "Recommendations_Received.csv", "Recommendations_Given.csv",
    "Positions.csv",
]  # fmt: skip
DOCS_FOR = {
    "connections.csv": connections_docs,
    "profile.csv": document(OTHER_FILES["profile"][0]),
    "messages.csv": document(OTHER_FILES["messages"][0]),
    "invitations.csv": document(OTHER_FILES["invitations"][0]),
    "endorsement_received_info.csv": document(OTHER_FILES["endorsements"][0]),
}


@st.composite
def archives(draw) -> list[tuple[str, bytes, int]]:
    """Zip members: (name, bytes, compression), LinkedIn-like with variations."""
    folder = draw(
        st.sampled_from(["", "Basic_LinkedInDataExport_02-13-2026/", "a/b/", "__MACOSX/"])
    )
    names = draw(st.lists(st.sampled_from(ARCHIVE_NAMES), min_size=1, max_size=6, unique=True))
    members = []
    for name in names:
        doc = DOCS_FOR.get(name.lower(), document(["First Name", "Last Name", "Text"]))
        where = folder if draw(st.integers(0, 5)) else draw(st.sampled_from(["", "x/", "../"]))
        shown = draw(st.sampled_from([name, name.lower(), name.upper()]))
        members.append(
            (where + shown, draw(doc.flatmap(encoded)), draw(st.sampled_from([0, 8, 12, 14])))
        )
    return members


@pytest.fixture(scope="module")
def scratch() -> Path:
    with tempfile.TemporaryDirectory() as folder:
        yield Path(folder)


def _zip_property(scratch):
    @given(archives())
    def prop(members):
        path = scratch / "fuzz.zip"
        with zipfile.ZipFile(path, "w") as archive, warnings.catch_warnings():
            warnings.simplefilter("ignore")  # duplicate names are one of the cases
            for name, data, method in members:
                archive.writestr(zipfile.ZipInfo(name, (2026, 2, 13, 0, 0, 0)), data, method)
        try:
            export = read_export(path, owner="Fuzz Owner")
        except RefpathError as err:
            assert str(path) in str(err) or "Fuzz Owner" in str(err)
            return
        assert isinstance(export, Export) and export.connections.contacts

    return prop


@pytest.mark.parametrize("n", [QUICK["zip"], pytest.param(LONG["zip"], marks=pytest.mark.fuzz)])
def test_zips(scratch, n):
    settings(max_examples=n, deadline=None, suppress_health_check=list(HealthCheck),
             database=None)(_zip_property(scratch))()  # fmt: skip


# ----------------------------------------------- parsed exports into a store


def _ingest_property(scratch):
    from refpath.store.db import open_store
    from refpath.store.ingest import add_exports

    @given(st.lists(connections_docs, min_size=1, max_size=3), st.integers(0, 10**9))
    def prop(docs, salt):
        exports = []
        for i, text in enumerate(docs):
            try:
                found = parse_connections(text, source=f"{i}.csv")
            except RefpathError:
                continue
            exports.append(Export(f"{i}.csv", f"Owner Number{i}", "option", "", "", found,
                                  fingerprint=f"{salt}-{i}"))  # fmt: skip
        if not exports:
            return
        db = scratch / f"ingest-{salt}.db"
        try:  # whatever the parser accepted, the store takes
            with open_store(db) as store:
                add_exports(store, exports)
                [again] = add_exports(store, exports[:1])
                stats = store.stats()
            assert again.unchanged and stats.owners == len(exports)
        finally:
            for p in scratch.glob(f"ingest-{salt}.db*"):
                p.unlink()

    return prop


@pytest.mark.parametrize(
    "n", [QUICK["ingest"], pytest.param(LONG["ingest"], marks=pytest.mark.fuzz)]
)
def test_parsed_exports_go_into_a_store_or_fail_cleanly(scratch, n):
    settings(max_examples=n, deadline=None, suppress_health_check=list(HealthCheck),
             database=None)(_ingest_property(scratch))()  # fmt: skip


def test_the_long_run_covers_at_least_10000_inputs():
    total = LONG["connections"] + 6 * LONG["other"] + LONG["prospects"] + LONG["zip"]
    assert total + LONG["ingest"] >= 10_000
