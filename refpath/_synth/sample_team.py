"""The fixed demo team committed in ``sample_exports/``: six sellers at Northwind Analytics.

Each colleague's export is in a different real variant (a full archive zip, an
unzipped archive folder, the 2021 no-URL file, the 2018 file, a spreadsheet
re-save and a European re-save), and the people in them carry the planted facts
the demo and the tests rely on (listed in ``sample_exports/README.md``).
``write_sample_team`` rebuilds the folder byte for byte from a fixed seed and the
people in ``refpath._synth.sample_people``; a test keeps the committed copy from
drifting. Everyone here is invented.
"""

from __future__ import annotations

import io
import random
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

from refpath._synth.formats import (
    Row,
    ascii_slug,
    connections_text,
    conversation_id,
    csv_line,
    date_text,
    messages_text,
    profile_text,
    write_text,
)
from refpath._synth.pools import FIRST_NAMES, LAST_NAMES, POSITIONS, decorate, skewed_days
from refpath._synth.sample_people import (
    ALEX,
    ALEX_2018,
    ALEX_POSITIONS,
    BOB,
    COMPANIES,
    ENDORSEMENTS,
    GRETA,
    JANE,
    JANE_LINES,
    LINH,
    MARCO,
    NADIA,
    NORTHWIND,
    OLIVIA,
    PAOLO,
    PLANTED,
    PROSPECTS,
    PROSPECTS_HEADER,
    RECOMMENDATIONS_GIVEN,
    RECOMMENDATIONS_RECEIVED,
    RILEY,
    STAFF,
    STRANGER,
    TEAM,
    TEAM_EDGES,
    THREAD_SUBJECTS,
    THREAD_TITLES,
    THREADS,
)

SEED = 2026
ZIP_NAME = "Basic_LinkedInDataExport_11-20-2026.zip"


PER_INDUSTRY = 95
Rows = list[tuple[Row | None, date]]


def _population(rng: random.Random) -> dict[str, list[Row]]:
    """Invented people per industry, no name repeated and none equal to a planted name."""
    planted = [p for rows in PLANTED.values() for p, _ in rows] + [c.me for c in TEAM]
    taken = {ascii_slug(p.name) for p in [*planted, *STAFF]}
    first: list[str] = []
    last: list[str] = []
    slugs: list[str] = []
    company: list[str] = []
    for companies in COMPANIES.values():
        names = companies.split("|")
        weights = [1 / (k + 1) for k in range(len(names))]  # a few big, many small
        for _ in range(PER_INDUSTRY):
            f, la = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
            while ascii_slug(f"{f} {la}") in taken:
                f, la = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
            taken.add(ascii_slug(f"{f} {la}"))
            first.append(f)
            last.append(la)
            suffix = f"{rng.getrandbits(24):06x}"
            slugs.append(
                f"{ascii_slug(f)}{ascii_slug(la)}".replace("-", "")
                if len(slugs) % 6 == 5
                else f"{ascii_slug(f)}-{ascii_slug(la)}-{suffix}"
            )
            company.append(rng.choices(names, weights)[0])
    emails = [""] * len(first)
    for k, p in enumerate(rng.sample(range(len(first)), 14)):
        emails[p] = (
            f"urn:li:member:{rng.randrange(10**5, 10**9)}"
            if k == 0
            else (f"{ascii_slug(first[p])}.{ascii_slug(last[p])}@example.com")
        )
    decorate(rng, first, last, range(len(first)))
    people = [
        Row(f, la, s, c, rng.choice(POSITIONS), e)
        for f, la, s, c, e in zip(first, last, slugs, company, emails, strict=True)
    ]
    return {
        ind: people[k * PER_INDUSTRY : (k + 1) * PER_INDUSTRY] for k, ind in enumerate(COMPANIES)
    }


def _as_seen_by(viewer: str, key: str) -> Row:
    """A colleague as the viewer's export shows them."""
    if (viewer, key) == ("dev", "alex"):
        return ALEX_2018
    return {c.key: c.me for c in TEAM}[key]


def _connections(rng: random.Random) -> dict[str, Rows]:
    """Every colleague's rows, newest first: invented, planted, teammates, staff, hidden."""
    pop = _population(rng)
    out = {}
    for c in TEAM:
        n_main = round(0.8 * c.random_rows)
        chosen = rng.sample(pop[c.industries[0]], (n_main + 1) // 2)
        chosen += rng.sample(pop[c.industries[1]], n_main // 2)
        others = [p for ind in COMPANIES if ind not in c.industries for p in pop[ind]]
        chosen += rng.sample(others, c.random_rows - n_main)
        days = skewed_days(rng, len(chosen), c.since, c.exported)
        rows: Rows = [(p, date.fromordinal(d)) for p, d in zip(chosen, days, strict=True)]
        rows += PLANTED[c.key]
        for (a, b), when in TEAM_EDGES.items():
            if c.key in (a, b) and when <= c.exported:
                rows.append((_as_seen_by(c.key, b if a == c.key else a), when))
        if c.exported.year > 2019:
            start, end = date(2019, 1, 7).toordinal(), c.exported.toordinal()
            rows += [(s, date.fromordinal(rng.randint(start, end))) for s in STAFF]
        rows += [
            (None, date.fromordinal(d)) for d in skewed_days(rng, c.hidden, c.since, c.exported)
        ]
        rows.sort(key=lambda row: row[1], reverse=True)
        out[c.key] = rows
    return out


def _as_2018(rng: random.Random, rows: Rows) -> Rows:
    """Dev's 2018 file: times of day, emails on nearly every row, no date order."""
    out: Rows = []
    for p, day in rows:
        when = datetime(day.year, day.month, day.day, rng.randrange(24), rng.randrange(60))
        if p is not None and not p.email and rng.random() < 0.9:
            p = p._replace(email=f"{ascii_slug(p.first)}.{ascii_slug(p.last)}@example.com")
        out.append((p, when))
    rng.shuffle(out)
    return out


@dataclass(frozen=True)
class _Msg:
    sender: Row | None  # None: a sponsored message from "LinkedIn Member"
    to: tuple[Row, ...]
    when: datetime
    text: str
    subject: str = ""


Thread = tuple[str, str, list[_Msg]]  # conversation id, title, messages


def _invented(rows: Rows) -> list[tuple[Row, date]]:
    """Alex's invented connections (not colleagues, staff or planted), newest first."""
    return [
        (p, day)
        for p, day in rows
        if p is not None and p.company != NORTHWIND and p not in (NADIA, GRETA, PAOLO)
    ]


def _conversations(rng: random.Random, alex_rows: Rows) -> list[Thread]:
    """All threads of Alex's and Bob's archives, with Bob and Jane Doe's 40 messages."""
    invented = _invented(alex_rows)
    chatty = next(p for p, day in invented if day < date(2025, 10, 1))
    silent = next(p for p, day in invented if day < date(2026, 5, 1) and p != chatty)
    who = {
        "alex": ALEX,
        "bob": BOB,
        "riley": RILEY,
        "nadia": NADIA,
        "greta": GRETA,
        "marco": MARCO,
        "linh": LINH,
        "chatty": chatty,
        "silent": silent,
    }
    threads: dict[str, list[_Msg]] = {}
    for line in THREADS.strip().splitlines():
        key, route, when, text = line.split("|")
        sender, to = route.split(">")
        threads.setdefault(key, []).append(
            _Msg(
                who.get(sender),
                tuple(who[t] for t in to.split("+")),
                datetime.fromisoformat(when),
                text.replace("\\n", "\n"),
                THREAD_SUBJECTS.get(key, ""),
            )
        )
    threads["jane"] = []
    start, end = date(2018, 2, 5).toordinal(), date(2024, 9, 18).toordinal()
    for k in range(20):  # twenty exchanges, Feb 2018 to Sep 2024
        day = date.fromordinal(start + (end - start) * k // 19)
        asked = datetime(day.year, day.month, day.day, 9 + rng.randrange(8), rng.randrange(60))
        answered = asked + timedelta(hours=2 + rng.randrange(40), minutes=rng.randrange(60))
        ask, answer = JANE_LINES[k % len(JANE_LINES)]
        threads["jane"] += [_Msg(BOB, (JANE,), asked, ask), _Msg(JANE, (BOB,), answered, answer)]
    return [
        (conversation_id(rng), THREAD_TITLES.get(key, ""), msgs) for key, msgs in threads.items()
    ]


def _message_rows(threads: list[Thread], owner: Row) -> list[list[str]]:
    """messages.csv rows of the owner's threads: latest thread first, each newest first."""
    mine = [t for t in threads if any(owner in (m.sender, *m.to) for m in t[2])]
    mine.sort(key=lambda t: max(m.when for m in t[2]), reverse=True)
    rows = []
    for cid, title, msgs in mine:
        for m in sorted(msgs, key=lambda m: m.when, reverse=True):
            sender, url = (m.sender.name, m.sender.url) if m.sender else ("LinkedIn Member", "")
            rows.append(
                [
                    cid,
                    title,
                    sender,
                    url,
                    ", ".join(p.name for p in m.to),
                    ",".join(p.url for p in m.to),
                    date_text(m.when, "message"),
                    m.subject,
                    m.text,
                    "INBOX",
                ]
            )
    return rows


def _alex_archive(rows: Rows, messages: list[list[str]]) -> list[tuple[str, str]]:
    """Alex's archive members (name, text). Line endings differ per member, as in real zips."""
    invented = _invented(rows)
    (asked_me, day0), (asked_by_me, day1), (endorser, _) = invented[:3]
    note = "Hi Olivia, we met briefly at the retail ops summit. Would be great to stay in touch."
    invitations = [  # the file covers recent months; two became connections a day later
        (
            asked_me,
            ALEX,
            datetime(day0.year, day0.month, day0.day, 14, 5) - timedelta(days=1),
            "Hi Alex, enjoyed your talk on ops dashboards. Let's connect!",
        ),
        (ALEX, OLIVIA, datetime(2026, 10, 30, 9, 41), note),
        (STRANGER, ALEX, datetime(2026, 10, 3, 14, 15), ""),
        (ALEX, asked_by_me, datetime(day1.year, day1.month, day1.day) - timedelta(days=1), ""),
    ]
    invitations.sort(key=lambda inv: inv[2], reverse=True)
    invitation_lines = [
        "From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl",
        *(
            csv_line(
                [
                    a.name,
                    b.name,
                    date_text(when, "us"),
                    text,
                    "OUTGOING" if a == ALEX else "INCOMING",
                    a.url,
                    b.url,
                ]
            )
            for a, b, when, text in invitations
        ),
    ]
    endorsed = csv_line(
        [
            "2024/08/30 21:12:02 UTC",
            "Account Management",
            endorser.first,
            endorser.last,
            "www.linkedin.com/in/" + endorser.slug,
            "ACCEPTED",
        ]
    )
    headline = "Account Executive at Northwind Analytics — data platforms for mid-market ops teams"
    return [
        ("Connections.csv", connections_text(rows, "current")),
        ("Endorsement_Received_Info.csv", ENDORSEMENTS.format(endorser=endorsed)),
        ("Invitations.csv", "\r\n".join(invitation_lines) + "\r\n"),
        ("messages.csv", messages_text(messages, "\r\n")),
        ("Positions.csv", ALEX_POSITIONS),
        (
            "Profile.csv",
            profile_text(
                "Alex",
                "Rivera",
                headline,
                "I help operations leaders see their whole pipeline.",
                "Software Development",
                "Austin, Texas, United States",
            ),
        ),
        ("Recommendations_Given.csv", RECOMMENDATIONS_GIVEN.replace("\n", "\r\n")),
        ("Recommendations_Received.csv", RECOMMENDATIONS_RECEIVED.replace("\n", "\r\n")),
        ("Skills.csv", "Name\nSolution Selling\nSaaS\nNegotiation\nPipeline Management\n"),
    ]


_ZIP_TIME = (2026, 11, 20, 8, 14, 2)


def _zip_bytes(members: Sequence[tuple[str, str]]) -> bytes:
    """A deflated zip with fixed timestamps, so the bytes only change with the content."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as archive:
        for name, text in members:
            info = zipfile.ZipInfo(name, date_time=_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0
            archive.writestr(info, text.encode("utf-8"))
    return buf.getvalue()


def write_sample_team(out_dir: Path) -> list[Path]:
    """Write the Northwind Analytics demo team into ``out_dir`` (same bytes every time).

    Parameters
    ----------
    out_dir : Path
        Usually ``sample_exports/``; created if missing. Existing files are overwritten;
        nothing is deleted.

    Returns
    -------
    list of Path
        The files written, in order.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     print(*[p.relative_to(tmp).as_posix() for p in write_sample_team(Path(tmp))], sep="\\n")
    Basic_LinkedInDataExport_11-20-2026.zip
    bob-okafor/Profile.csv
    bob-okafor/Connections.csv
    bob-okafor/messages.csv
    Carol Mendes.csv
    dev-patel/Connections.csv
    riley-chen/Connections.csv
    sam-weber/Connections.csv
    """
    rng = random.Random(SEED)
    rows = _connections(rng)
    convs = _conversations(rng, rows["alex"])
    out_dir.mkdir(parents=True, exist_ok=True)
    written = [out_dir / ZIP_NAME]
    written[0].write_bytes(_zip_bytes(_alex_archive(rows["alex"], _message_rows(convs, ALEX))))
    bob = out_dir / "bob-okafor"
    files = [
        (
            bob / "Profile.csv",
            profile_text(
                "Bob",
                "Okafor",
                "Senior Account Executive at Northwind Analytics | robotics and "
                "industrial automation",
                "",
                "Software Development",
                "Detroit, Michigan, United States",
            ),
            "utf-8",
        ),
        (bob / "Connections.csv", connections_text(rows["bob"], "current"), "utf-8"),
        (bob / "messages.csv", messages_text(_message_rows(convs, BOB)), "utf-8"),
        (out_dir / "Carol Mendes.csv", connections_text(rows["carol"], "2021"), "utf-8"),
        (
            out_dir / "dev-patel" / "Connections.csv",
            connections_text(_as_2018(rng, rows["dev"]), "2018"),
            "utf-8",
        ),
        (
            out_dir / "riley-chen" / "Connections.csv",
            connections_text(rows["riley"], "sheet"),
            "utf-8",
        ),
        (
            out_dir / "sam-weber" / "Connections.csv",
            connections_text(rows["sam"], "euro"),
            "cp1252",
        ),
    ]
    for path, text, encoding in files:
        write_text(path, text, encoding)
        written.append(path)
    return written


def write_sample_prospects(path: Path) -> Path:
    """Write the demo lead list (``docs/examples/prospects.csv``): LF, final newline."""
    write_text(path, "\n".join([PROSPECTS_HEADER, *(csv_line(r) for r in PROSPECTS)]) + "\n")
    return path
