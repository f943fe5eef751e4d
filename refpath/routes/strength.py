"""Tie strength: what the store knows about one pair of people, and a score for it.

A tie's evidence is gathered from *both* people's archives (when both are
colleagues whose exports were added) without counting anything twice: a
message thread shows up in both archives, so each direction is counted once,
as the larger of the two archives' counts. :func:`tie_strength` turns the
evidence into a number in ``[0, 1)`` that never falls when evidence is added,
and :func:`tie_reasons` says the same thing in plain words. The formula and the
research behind it are explained in ``docs/scoring.md``.

The functions that read the store (:func:`pair_evidence`, :func:`sides_about`)
use only indexed lookups; nothing here loads the whole network.
"""

from __future__ import annotations

import json
import math
import sqlite3
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

#: Weights of each signal on the evidence scale (see docs/scoring.md).
W_CONNECTED = 0.10  # a LinkedIn connection, nothing more: weak on its own
W_YEARS = 0.30  # years connected, saturating (half at 4 years)
W_TWO_WAY = 1.60  # messages that went both ways (half at 3 exchanges)
W_VOLUME = 0.40  # all messages (half at 5)
W_SPAN = 0.40  # years between first and last message (half at 2 years)
W_RECENT = 0.30  # how recent the last message is (half at 1 year ago)
W_RECOMMENDATION = 1.00  # written recommendations (2/3 for one)
W_NOTE = 0.30  # an invitation with a personal note
W_ENDORSEMENTS = 0.30  # endorsements (half at 2)
W_SAME_COMPANY = 0.40  # both currently at the same company
W_TEAMMATES = 0.90  # both on the user's team (both exports were added)
#: An inferred tie counts for at most this share of the same evidence observed. Low
#: enough that, even at the smallest company, it stays below a bare connection.
INFERRED_DISCOUNT = 0.22
#: Roughly how many colleagues one person works with closely.
CLOSE_COLLEAGUES = 8.0
#: Scores stay strictly below 1 even after float rounding.
MAX_STRENGTH = 0.999


@dataclass(frozen=True)
class TieEvidence:
    """Everything known about one pair (a, b), merged from both people's archives.

    Counts and directions are from ``a``'s point of view. ``inferred`` marks a
    tie the data does not show, only suggests: both at the same current
    company (of ``company_size`` people in the data), with no known connection.
    """

    messages_sent: int  #: messages a sent to b
    messages_received: int  #: messages b sent to a
    first_message: date | None
    last_message: date | None
    recommendations: int  #: written recommendations, either way
    endorsements: int  #: endorsements, either way
    invitation_note: bool  #: the connection invitation carried a personal note
    invitation_direction: str | None  #: "OUTGOING" (a invited b), "INCOMING" or None
    connected_on: date | None  #: earliest date either export gives
    same_company: bool  #: both currently at the same company
    teammates: bool  #: both are colleagues whose exports were added
    inferred: bool = False
    company_size: int = 0  #: people at the shared company in the data (inferred ties)
    connected: bool = False  #: a LinkedIn connection is listed in either export
    company: str = ""  #: the shared company's name, for reasons
    #: the target is in no export: counted in ``company_size`` (for the score) but not
    #: one of the people "in the data" that reasons count
    outsider: bool = False


NO_EVIDENCE = TieEvidence(0, 0, None, None, 0, 0, False, None, None, False, False)


def _sat(x: float, half: float) -> float:
    """Saturating in [0, 1): 0 at 0, 1/2 at ``half``, never reaching 1."""
    return x / (x + half) if x > 0 else 0.0


def _years(start: date, end: date) -> float:
    return max(0.0, (end - start).days / 365.25)


def evidence_weight(ev: TieEvidence, *, today: date | None = None) -> float:
    """The evidence for a tie on an open scale (0 = nothing), before inference.

    Every term is a non-negative, non-decreasing, bounded function of one
    field, so the sum is monotone and below the sum of the weights.
    """
    today = today or date.today()
    z = 0.0
    if ev.connected or ev.connected_on is not None:
        z += W_CONNECTED
    if ev.connected_on is not None:
        z += W_YEARS * _sat(_years(ev.connected_on, today), 4.0)
    sent, received = max(0, ev.messages_sent), max(0, ev.messages_received)
    z += W_TWO_WAY * _sat(min(sent, received), 3.0)
    z += W_VOLUME * _sat(sent + received, 5.0)
    if ev.first_message is not None and ev.last_message is not None:
        z += W_SPAN * _sat(_years(ev.first_message, ev.last_message), 2.0)
    if ev.last_message is not None:
        z += W_RECENT / (1.0 + _years(ev.last_message, today))
    z += W_RECOMMENDATION * _sat(max(0, ev.recommendations), 0.5)
    if ev.invitation_note:
        z += W_NOTE
    z += W_ENDORSEMENTS * _sat(max(0, ev.endorsements), 2.0)
    if ev.same_company:
        z += W_SAME_COMPANY
    if ev.teammates:
        z += W_TEAMMATES
    return z


def inference_factor(company_size: int) -> float:
    """How much an inferred same-company tie counts, in (0, INFERRED_DISCOUNT].

    The chance that two people at a company of ``n`` work closely is about
    ``CLOSE_COLLEAGUES / (n - 1)``: near-certain at a 12-person startup, slim
    at a 400-person giant. Never increases with the company's size.

    >>> round(inference_factor(12), 3), round(inference_factor(400), 4)
    (0.16, 0.0044)
    """
    others = max(1, company_size - 1)
    return INFERRED_DISCOUNT * min(1.0, CLOSE_COLLEAGUES / others)


def tie_strength(ev: TieEvidence, *, today: date | None = None) -> float:
    """The strength of one tie, in ``[0, 1)``.

    ``1 - exp(-z)`` over the evidence weight ``z`` (a noisy-OR: each signal is
    independent evidence that the two really know each other). An inferred
    tie's evidence is scaled by :func:`inference_factor`, so it always scores
    below an observed tie with the same evidence.

    Examples
    --------
    >>> bare = TieEvidence(0, 0, None, None, 0, 0, False, None, date(2026, 1, 5),
    ...                    False, False, connected=True)
    >>> round(tie_strength(bare, today=date(2026, 2, 1)), 2)
    0.1
    >>> talked = TieEvidence(22, 18, date(2018, 3, 1), date(2024, 6, 1), 0, 0, False, None,
    ...                      date(2016, 5, 1), False, False, connected=True)
    >>> round(tie_strength(talked, today=date(2026, 2, 1)), 2)
    0.91
    """
    z = evidence_weight(ev, today=today)
    if ev.inferred:
        z *= inference_factor(ev.company_size)
    return min(MAX_STRENGTH, 1.0 - math.exp(-z))


def path_score(strengths: Iterable[float]) -> float:
    """Combine hop strengths: the product, so one weak hop sinks the path.

    >>> path_score([0.5, 0.5])
    0.25
    >>> path_score([0.9, 0.05]) <= 0.05
    True
    """
    score = 1.0
    for s in strengths:
        score *= s
    return score


def _span(ev: TieEvidence) -> str:
    first, last = ev.first_message, ev.last_message
    if first and last and first.year != last.year:
        return f" {first.year}–{last.year}"
    one = last or first
    return f" in {one.year}" if one else ""


def _since(on: date, today: date) -> str:
    if (today - on).days < 365:
        return f"connected since {on.strftime('%b %Y')}"
    return f"connected since {on.year}"


def tie_reasons(
    a_name: str, b_name: str, ev: TieEvidence, *, today: date | None = None
) -> list[str]:
    """The evidence for one tie in plain words: one line naming both people.

    Examples
    --------
    >>> ev = TieEvidence(22, 18, date(2018, 3, 1), date(2024, 6, 1), 0, 0, False, None,
    ...                  date(2016, 5, 1), False, False, connected=True)
    >>> tie_reasons("Bob", "Jane", ev, today=date(2026, 2, 1))
    ['Bob and Jane: 40 messages 2018–2024; connected since 2016']
    >>> inf = TieEvidence(0, 0, None, None, 0, 0, False, None, None, True, False,
    ...                   inferred=True, company_size=12, company="Acme Robotics")
    >>> from dataclasses import replace
    >>> tie_reasons("You", "Jane", replace(NO_EVIDENCE, messages_sent=2))
    ['You and Jane: 2 messages, all from you, no reply']
    >>> tie_reasons("Tom", "Jane", inf)  # doctest: +NORMALIZE_WHITESPACE
    ['Tom and Jane: both at Acme Robotics (12 people there in the data);
      inferred, no known connection']
    """
    today = today or date.today()
    where = ev.company or "the same company"
    if ev.inferred:
        n = ev.company_size - ev.outsider
        size = f" ({n} {'person' if n == 1 else 'people'} there in the data)" if n > 0 else ""
        return [f"{a_name} and {b_name}: both at {where}{size}; inferred, no known connection"]
    # Inside a sentence the user is "you"; other names stay as written.
    a_in, b_in = (n if n != "You" else "you" for n in (a_name, b_name))
    facts: list[str] = []
    if ev.teammates:
        facts.append("teammates")
    sent, received = ev.messages_sent, ev.messages_received
    if sent and received:
        facts.append(f"{sent + received} messages{_span(ev)}")
    elif sent or received:
        who = a_in if sent else b_in
        n = sent or received
        facts.append(f"{n} message{'s' if n > 1 else ''}{_span(ev)}, all from {who}, no reply")
    if ev.recommendations:
        n = ev.recommendations
        facts.append("a written recommendation" if n == 1 else f"{n} written recommendations")
    if ev.endorsements:
        facts.append(f"{ev.endorsements} endorsement{'s' if ev.endorsements > 1 else ''}")
    if ev.invitation_note:
        incoming = ev.invitation_direction == "INCOMING"
        inviter, invitee = (b_in, a_in) if incoming else (a_in, b_in)
        facts.append(f"{inviter} invited {invitee} with a personal note")
    if ev.connected_on is not None:
        facts.append(_since(ev.connected_on, today))
    elif ev.connected:
        facts.append("connected on LinkedIn")
    elif ev.teammates:
        facts.append("not connected on LinkedIn")
    if ev.same_company and not ev.teammates:
        facts.append(f"both at {where}")
    if not facts:
        facts.append("no evidence of a tie")
    elif ev.connected and len(facts) == 1:
        facts.append("no other evidence")
    return [f"{a_name} and {b_name}: " + "; ".join(facts)]


# -- reading the store ------------------------------------------------------


class Side(NamedTuple):
    """What one owner's archive says about one person (one direction of a tie)."""

    connected: bool
    connected_on: str | None
    sent: int
    received: int
    first: str | None
    last: str | None
    invite: str | None
    note: bool
    endorsements: int
    recs_received: int
    recs_given: int


_SIDES_SQL = """
SELECT o.person_id, c.person_id, 1, c.connected_on, s.sent, s.received, s.first_msg,
       s.last_msg, s.invite, s.invite_note, s.endorsements, s.recs_received, s.recs_given
FROM connections c JOIN owners o ON o.id = c.owner_id
LEFT JOIN signals s ON s.owner_id = c.owner_id AND s.person_id = c.person_id
WHERE c.person_id IN ({people}) {owners_c}
UNION ALL
SELECT o.person_id, s.person_id, 0, NULL, s.sent, s.received, s.first_msg,
       s.last_msg, s.invite, s.invite_note, s.endorsements, s.recs_received, s.recs_given
FROM signals s JOIN owners o ON o.id = s.owner_id
WHERE s.person_id IN ({people}) {owners_s}
  AND NOT EXISTS (SELECT 1 FROM connections c
                  WHERE c.owner_id = s.owner_id AND c.person_id = s.person_id)
"""
IDS = "SELECT value FROM json_each(?)"


def sides_about(
    conn: sqlite3.Connection,
    people_sql: str,
    params: tuple[object, ...],
    *,
    owner_pids: Iterable[int] | None = None,
) -> dict[tuple[int, int], Side]:
    """Every owner's view of the people selected by ``people_sql``.

    Keys are ``(owner's person id, person id)``. ``people_sql`` is a subquery
    giving person ids (e.g. :data:`IDS` with a JSON list of ids); only owners
    among ``owner_pids`` are read when it is given. Indexed lookups only.
    """
    args: list[object] = list(params)
    owners_c = owners_s = ""
    if owner_pids is not None:
        owners_c = f"AND o.person_id IN ({IDS})"
        owners_s = owners_c
        args.append(json.dumps(sorted(set(owner_pids))))
    sql = _SIDES_SQL.format(people=people_sql, owners_c=owners_c, owners_s=owners_s)
    out: dict[tuple[int, int], Side] = {}
    for r in conn.execute(sql, (*args, *args)):
        out[(r[0], r[1])] = Side(
            bool(r[2]), r[3], r[4] or 0, r[5] or 0, r[6], r[7], r[8], bool(r[9]),
            r[10] or 0, r[11] or 0, r[12] or 0,
        )  # fmt: skip
    return out


def _d(text: str | None) -> date | None:
    return date.fromisoformat(text[:10]) if text else None


def _earliest(*days: date | None) -> date | None:
    known = [d for d in days if d is not None]
    return min(known) if known else None


def _latest(*days: date | None) -> date | None:
    known = [d for d in days if d is not None]
    return max(known) if known else None


_NO_SIDE = Side(False, None, 0, 0, None, None, None, False, 0, 0, 0)


def merge_sides(
    ab: Side | None,
    ba: Side | None,
    *,
    same_company: bool = False,
    teammates: bool = False,
    company: str = "",
) -> TieEvidence:
    """One pair's evidence from a's archive (``ab``) and b's archive (``ba``).

    A thread in both archives is counted once: each direction takes the larger
    of the two archives' counts. Endorsements are one-way in each archive (who
    endorsed the owner), so they add up.

    >>> a_view = Side(True, "2016-05-01", 20, 18, "2018-01-02", "2024-01-01", None, False,
    ...               0, 0, 0)
    >>> b_view = Side(True, "2016-05-01", 18, 22, "2018-01-02", "2024-06-01", None, False,
    ...               1, 0, 0)
    >>> ev = merge_sides(a_view, b_view)
    >>> ev.messages_sent, ev.messages_received, ev.last_message, ev.endorsements
    (22, 18, datetime.date(2024, 6, 1), 1)
    """
    x, y = ab or _NO_SIDE, ba or _NO_SIDE
    if x.invite:
        direction: str | None = x.invite
    elif y.invite:
        direction = "INCOMING" if y.invite == "OUTGOING" else "OUTGOING"
    else:
        direction = None
    return TieEvidence(
        messages_sent=max(x.sent, y.received),
        messages_received=max(x.received, y.sent),
        first_message=_earliest(_d(x.first), _d(y.first)),
        last_message=_latest(_d(x.last), _d(y.last)),
        recommendations=max(x.recs_given, y.recs_received) + max(x.recs_received, y.recs_given),
        endorsements=x.endorsements + y.endorsements,
        invitation_note=(x.note and bool(x.invite)) or (y.note and bool(y.invite)),
        invitation_direction=direction,
        connected_on=_earliest(_d(x.connected_on), _d(y.connected_on)),
        same_company=same_company,
        teammates=teammates,
        connected=x.connected or y.connected,
        company=company if same_company else "",
    )


def is_bare(side: Side) -> bool:
    """Whether an archive shows a connection and nothing else about the pair.

    >>> is_bare(Side(True, "2016-05-01", 0, 0, None, None, "OUTGOING", False, 0, 0, 0))
    True
    >>> is_bare(Side(True, "2016-05-01", 2, 0, "2020-01-01", "2020-01-01", None, False, 0, 0, 0))
    False
    """
    return not (
        side.sent or side.received or side.first or side.last or (side.note and side.invite)
        or side.endorsements or side.recs_received or side.recs_given
    )  # fmt: skip


def bare_strength(
    ab: Side | None, ba: Side | None, *, same_company: bool, teammates: bool, today: date
) -> float:
    """``tie_strength(merge_sides(ab, ba, ...))`` when both sides are bare or None, exactly.

    (:func:`is_bare`.) The same float operations in the same order, without
    building the evidence: finding the best of 1,600 people at one company
    scores ~4,000 such ties, most of them bare. ``tests/routes/test_strength.py``
    checks that the two agree.
    """
    x, y = ab or _NO_SIDE, ba or _NO_SIDE
    on = _earliest(_d(x.connected_on), _d(y.connected_on))
    z = 0.0
    if x.connected or y.connected or on is not None:
        z += W_CONNECTED
    if on is not None:
        z += W_YEARS * _sat(_years(on, today), 4.0)
    if same_company:
        z += W_SAME_COMPANY
    if teammates:
        z += W_TEAMMATES
    return min(MAX_STRENGTH, 1.0 - math.exp(-z))


def pair_evidence(conn: sqlite3.Connection, a_person_id: int, b_person_id: int) -> TieEvidence:
    """Read everything the store knows about the pair (a, b), from a's point of view.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from refpath.store.db import open_store
    >>> with tempfile.TemporaryDirectory() as d, open_store(pathlib.Path(d) / "s.db") as s:
    ...     pair_evidence(s.conn, 1, 2) == NO_EVIDENCE
    True
    """
    ids = json.dumps([a_person_id, b_person_id])
    sides = sides_about(conn, IDS, (ids,), owner_pids=(a_person_id, b_person_id))
    owners = {
        r[0]
        for r in conn.execute(f"SELECT person_id FROM owners WHERE person_id IN ({IDS})", (ids,))
    }
    companies: Mapping[int, tuple[str, str]] = {
        r[0]: (r[1], r[2])
        for r in conn.execute(
            f"SELECT id, company_key, company FROM people WHERE id IN ({IDS})", (ids,)
        )
    }
    ka, ca = companies.get(a_person_id, ("", ""))
    kb, _ = companies.get(b_person_id, ("", ""))
    same = bool(ka) and ka == kb
    return merge_sides(
        sides.get((a_person_id, b_person_id)),
        sides.get((b_person_id, a_person_id)),
        same_company=same,
        teammates=a_person_id in owners and b_person_id in owners and a_person_id != b_person_id,
        company=ca,
    )
