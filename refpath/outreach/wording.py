"""The evidence of a route in plain words: what draft templates see and say.

A person becomes a :class:`Who` and each hop of a route a :class:`HopFacts` holding
only what the store shows (a connection and since when, messages that went both
ways, a shared company for an inferred tie), with control characters removed.
From them come the sentences the templates use, said as a person would say them
rather than as counts (those stay in ``refpath to``): why this introducer, in a
tone that follows the evidence (in touch: a direct ask; a weak or old tie: "do
you know her well enough?"; an inferred tie only ever a question), how the user
reaches the person who knows the target, and the common ground with the target.
Nothing here invents a fact;
:mod:`refpath.outreach.drafts` renders the templates.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from refpath.outfiles import one_line
from refpath.routes.introducers import Hop
from refpath.routes.people import Person

#: A tie whose last two-way message is at most this many years old counts as "in touch".
IN_TOUCH_YEARS = 3
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
    #: in some export; False: a prospect only the user named (the company is the user's word)
    in_store: bool = True


@dataclass(frozen=True)
class HopFacts:
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
    known_since: str = ""  #: the year of the first sign of the tie (connection or message)
    in_touch: bool = False  #: messages both ways, the last within :data:`IN_TOUCH_YEARS`

    @property
    def strength(self) -> str:
        """``strong`` (in touch), ``weak`` (observed, no recent conversation) or ``inferred``."""
        if self.inferred:
            return "inferred"
        return "strong" if self.in_touch else "weak"


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
    return Who(
        shown, first, clean(p.company), clean(p.position), clean(headline), p.is_owner,
        bool(p.id),
    )  # fmt: skip


def tie_of(hop: Hop, today: date) -> HopFacts:
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
    starts = [d for d in (ev.connected_on, first) if d is not None]
    known = ""
    if starts:
        began = min(starts)
        known = f"{began:%B %Y}" if (today - began).days < 365 else str(began.year)
    in_touch = bool(messages and last and today.year - last.year <= IN_TOUCH_YEARS)
    facts: list[str] = []
    if not hop.inferred:
        if connected:
            facts.append(f"been connected since {since}" if since else "been connected on LinkedIn")
        if messages:
            facts.append(f"exchanged {messages} messages" + (f" {years}" if years else ""))
    return HopFacts(
        who_of(hop.a), who_of(hop.b), hop.inferred, ev.teammates, connected, since, messages,
        years, clean(ev.company), tuple(facts), known, in_touch and not hop.inferred,
    )  # fmt: skip


def _knows(tie: HopFacts, first: bool) -> str:
    """How ``tie.a`` knows ``tie.b``, as a person would say it: no counts, no dates but a year.

    ``first``: ``tie.a`` is the reader ("you've known ..."); else named in the third person.
    """
    b, since = tie.b.name, tie.known_since
    recent = bool(since) and not since.isdigit()  # "October 2026": under a year ago
    if first:
        if tie.in_touch:
            return f"you've known {b} since {since} and seem to be in touch" if since else (
                f"you and {b} seem to be in touch"
            )  # fmt: skip
        if tie.colleagues:
            return f"you work with {b}"
        if since and recent:
            return f"you connected with {b} in {since}"
        if since:
            return f"you've been connected with {b} since {since}" if tie.connected else (
                f"you and {b} were in touch some years ago"
            )  # fmt: skip
        return f"you're connected with {b} on LinkedIn" if tie.connected else (
            f"our team's LinkedIn data links you and {b}"
        )  # fmt: skip
    a = tie.a.name
    if tie.in_touch:
        return f"{a} seems to be in touch with {b}"
    if tie.colleagues:
        return f"{a} works with {b}"
    if tie.connected:
        return f"{a} is connected with {b}" + (f" (since {since})" if since else "")
    return f"our team's LinkedIn data links {a} and {b}"


def why(ties: list[HopFacts], target: Who) -> str:
    """Why this introducer, said as a person would; the tone follows the evidence.

    ``ties`` run from the introducer to the target. Observed ties are told
    without counting anything ("you've known Jane Doe since 2016 and seem to
    be in touch"); the counts stay in ``refpath to``. A tie in touch needs no
    question; a weaker one asks whether the introducer knows the target well
    enough; the last tie, when inferred, only ever becomes "do you know ...?".
    """
    last = ties[-1]
    said = [_knows(tie, i == 0) for i, tie in enumerate(ties[:-1] if last.inferred else ties)]
    where = f" at {last.company}" if last.company else ""
    if last.inferred and not target.in_store:  # only the user says where the target works
        company = last.company or "the same company"
        if len(ties) == 1:
            return (
                f"Do you know {target.name}? I understand {target.first_name} works at "
                f"{company}, where our LinkedIn data lists you."
            )
        said.append(
            f"our LinkedIn data lists {last.a.first_name} at {company}, where I understand "
            f"{target.name} works"
        )
        text = ", and ".join(said)
        k = last.a.first_name
        return f"{text[0].upper()}{text[1:]}. Do you know whether {k} knows {target.first_name}?"
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
    if last.strength == "weak":
        who = "you know" if len(ties) == 1 else f"{last.a.first_name} knows"
        text += f" Do {who} {target.first_name} well enough to pass on a note?"
    return text


def tone(ties: list[HopFacts]) -> str:
    """How the ask is put: ``direct`` (in touch), ``check`` (weak tie) or ``question``."""
    return {"strong": "direct", "weak": "check", "inferred": "question"}[ties[-1].strength]


def _verb(tie: HopFacts) -> str:
    """How ``tie.a`` relates to ``tie.b``, third person, from the evidence only."""
    if tie.colleagues:
        return "works with"
    if tie.connected:
        return "is connected with"
    if tie.messages:
        return "has been in touch with"
    return "is linked in our LinkedIn data with"


def to_knower(me_tie: HopFacts | None, ties: list[HopFacts]) -> tuple[str, str]:
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
        mine, named = "I've been in touch with", f"{head.name}, a contact of mine"
    relation = f"{mine} {head.name}"
    for tie in chain:
        relation += f", who {_verb(tie)} {tie.b.name}"
    if chain:
        owner = f"my colleague {head.name}" if mine == "I work with" else head.name
        link = "a colleague" if chain[-1].colleagues else "a connection"
        named = f"{knower.name}, {link} of {owner}"
    return relation, named


def common_ground(last: HopFacts, described: str) -> str:
    """The shared connection, addressed to the target: "you're connected with ..."."""
    if last.inferred:
        where = last.company or "the same company"
        return f"you're at {where} with {described}"
    if last.connected:
        return f"you're connected with {described}"
    if last.messages:
        return f"you've been in touch with {described}"
    return f"our LinkedIn data links you with {described}"
