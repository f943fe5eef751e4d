"""The evidence of a route in plain words: what draft templates see and say.

A person becomes a :class:`Who` and each hop of a route a :class:`Tie` holding
only what the store shows (a connection and since when, messages that went both
ways, a shared company for an inferred tie), with control characters removed.
From them come the sentences the templates use: why this introducer (an inferred
tie only ever becomes a question), how the user reaches the person who knows the
target, and the common ground with the target. Nothing here invents a fact;
:mod:`refpath.outreach.drafts` renders the templates.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from refpath.outfiles import one_line
from refpath.routes.introducers import Hop
from refpath.routes.people import Person

_TITLES = {"dr", "dr.", "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "prof", "prof.", "mx", "mx."}


@dataclass(frozen=True)
class Who:
    """A person as templates see them (control characters removed)."""

    name: str
    first_name: str
    company: str
    position: str
    headline: str = ""  #: only for the user: Profile.csv headline or config
    colleague: bool = False  #: on the user's team (their export was added)


@dataclass(frozen=True)
class Tie:
    """What the store shows between ``a`` and ``b``, as templates see it."""

    a: Who
    b: Who
    inferred: bool  #: only suggested by a shared company; nothing observed
    colleagues: bool  #: both on the team
    connected: bool  #: a LinkedIn connection is listed
    since: str  #: "2016", "October 2026" (under a year) or ""
    messages: int  #: messages exchanged, counted only when they went both ways
    message_years: str  #: "between 2018 and 2024", "in 2024" or ""
    company: str  #: the company both are at (inferred ties)
    facts: tuple[str, ...]  #: phrases completing "A and B have ...", real evidence only


def first_name(name: str) -> str:
    """The name to greet someone by: the first word that is not a title.

    >>> first_name("Dr. Ana Lúcia Ferreira"), first_name("Priya Raman 🚀"), first_name("")
    ('Ana', 'Priya', '')
    """
    words = [w.strip(",") for w in name.split()]
    for word in words:
        if word.lower() not in _TITLES and word:
            return word
    return words[0] if words else ""


def and_join(items: list[str] | tuple[str, ...]) -> str:
    """``a``, ``a and b``, ``a, b and c``.

    >>> and_join(["x"]), and_join(["x", "y", "z"])
    ('x', 'x, y and z')
    """
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def clean(text: str) -> str:
    """``text`` without control characters or escape sequences, white space collapsed."""
    return " ".join(one_line(text).split())


def who_of(p: Person | None, headline: str = "", name: str = "") -> Who:
    """``p`` as templates see them; None is the user when no export is marked as theirs."""
    shown = clean(name or (p.name if p else "")) or "[your name]"
    first = first_name(shown) if shown != "[your name]" else shown
    if p is None:
        return Who(shown, first, "", "", clean(headline))
    return Who(shown, first, clean(p.company), clean(p.position), clean(headline), p.is_owner)


def tie_of(hop: Hop, today: date) -> Tie:
    """What the store shows on one hop, with "since" measured against ``today``."""
    ev = hop.evidence
    connected = ev.connected or ev.connected_on is not None
    since = ""
    if ev.connected_on is not None:
        recent = (today - ev.connected_on).days < 365
        since = f"{ev.connected_on:%B %Y}" if recent else str(ev.connected_on.year)
    two_way = ev.messages_sent > 0 and ev.messages_received > 0
    messages = ev.messages_sent + ev.messages_received if two_way else 0
    first, last = ev.first_message, ev.last_message
    years = ""
    if messages and first and last:
        same = first.year == last.year
        years = f"in {last.year}" if same else f"between {first.year} and {last.year}"
    facts: list[str] = []
    if not hop.inferred:
        if connected:
            facts.append(f"been connected since {since}" if since else "been connected on LinkedIn")
        if messages:
            facts.append(f"exchanged {messages} messages" + (f" {years}" if years else ""))
    return Tie(
        who_of(hop.a), who_of(hop.b), hop.inferred, ev.teammates, connected, since, messages,
        years, clean(ev.company), tuple(facts),
    )  # fmt: skip


def why(ties: list[Tie], target: Who) -> str:
    """Why this introducer, in the evidence's own words; an inferred tie is a question.

    ``ties`` run from the introducer to the target. Observed ties are stated
    ("you and Jane Doe have been connected since 2016"); the last tie, when
    inferred, only ever becomes "do you know ...?".
    """
    last = ties[-1]
    said: list[str] = []
    for i, tie in enumerate(ties[:-1] if last.inferred else ties):
        a = "you" if i == 0 else tie.a.name
        if tie.facts:
            said.append(f"{a} and {tie.b.name} have {and_join(tie.facts)}")
        else:
            said.append(f"our team's LinkedIn data links {a} and {tie.b.name}")
    where = f" at {last.company}" if last.company else ""
    if last.inferred and len(ties) == 1:
        there = " there" if where else " at the same company"
        return f"Do you know {target.name}{where}? Our LinkedIn data lists you both{there}."
    if last.inferred:
        k = last.a.first_name
        where = where or " at the same company"
        said.append(f"our LinkedIn data lists {k}{where}, like {target.name}")
        text = ", and ".join(said)
        return f"{text[0].upper()}{text[1:]}. Do you know whether {k} knows {target.first_name}?"
    text = ", and ".join(said)
    text = f"{text[0].upper()}{text[1:]}."
    if len(ties) == 1 and not last.messages:
        text += " That's all our data shows, so you may not know each other well."
    return text


def _verb(tie: Tie) -> str:
    """How ``tie.a`` relates to ``tie.b``, third person, from the evidence only."""
    if tie.colleagues:
        return "works with"
    if tie.connected:
        return "is connected with"
    if tie.messages:
        return "has exchanged messages with"
    return "is linked in our LinkedIn data with"


def to_knower(me_tie: Tie | None, ties: list[Tie]) -> tuple[str, str]:
    """(how the user reaches the knower, a clause from "I"; the knower named for the target).

    ``me_tie`` is the user's tie to the introducer (None: the route starts at
    the team, so the user is taken to work with the introducer); ``ties`` run
    from the introducer to the target, so ``ties[-1].a`` knows the target.
    """
    chain, knower = ties[:-1], ties[-1].a
    head = chain[0].a if chain else knower
    if me_tie is None or me_tie.colleagues:
        mine, named = "I work with", f"my colleague {head.name}"
    elif me_tie.connected:
        mine, named = "I'm connected with", f"{head.name}, a connection of mine"
    else:
        mine, named = "I've exchanged messages with", f"{head.name}, a contact of mine"
    relation = f"{mine} {head.name}"
    for tie in chain:
        relation += f", who {_verb(tie)} {tie.b.name}"
    if chain:
        owner = f"my colleague {head.name}" if mine == "I work with" else head.name
        link = "a colleague" if chain[-1].colleagues else "a connection"
        named = f"{knower.name}, {link} of {owner}"
    return relation, named


def common_ground(last: Tie, described: str) -> str:
    """The shared connection, addressed to the target: "you're connected with ..."."""
    if last.inferred:
        where = last.company or "the same company"
        return f"you're at {where} with {described}"
    if last.connected:
        return f"you're connected with {described}"
    if last.messages:
        return f"you've exchanged messages with {described}"
    return f"our LinkedIn data links you with {described}"
