"""Tie strength: the score's properties (hypothesis), its reasons, and reading both archives."""

from __future__ import annotations

from dataclasses import fields, replace
from datetime import date

import pytest
from builders import li
from hypothesis import given
from hypothesis import strategies as st

from refpath.exports.records import ConnectionsFile, Contact, Export, InvitationInfo, MessageStats
from refpath.routes.strength import (
    NO_EVIDENCE,
    Side,
    TieEvidence,
    bare_strength,
    evidence_weight,
    inference_factor,
    is_bare,
    merge_sides,
    pair_evidence,
    path_score,
    tie_reasons,
    tie_strength,
)
from refpath.store.db import open_store
from refpath.store.ingest import add_exports

TODAY = date(2026, 11, 24)
days = st.dates(min_value=date(1990, 1, 1), max_value=date(2035, 12, 31))
maybe_day = st.none() | days
counts = st.integers(min_value=0, max_value=100_000)

evidence = st.builds(
    TieEvidence,
    messages_sent=counts,
    messages_received=counts,
    first_message=maybe_day,
    last_message=maybe_day,
    recommendations=st.integers(0, 50),
    endorsements=st.integers(0, 500),
    invitation_note=st.booleans(),
    invitation_direction=st.sampled_from([None, "INCOMING", "OUTGOING"]),
    connected_on=maybe_day,
    same_company=st.booleans(),
    teammates=st.booleans(),
    inferred=st.booleans(),
    company_size=st.integers(0, 1_000_000),
    connected=st.booleans(),
    company=st.text(max_size=20),
    outsider=st.booleans(),
)


def _later(a: date | None, b: date | None) -> tuple[date | None, date | None]:
    """(less, more) evidence when a later date is more: no date is least."""
    if a is None or b is None:
        return (None, a or b)
    return (min(a, b), max(a, b))


def _earlier(a: date | None, b: date | None) -> tuple[date | None, date | None]:
    """(less, more) evidence when an earlier date is more (longer history)."""
    if a is None or b is None:
        return (None, a or b)
    return (max(a, b), min(a, b))


def _plain(a, b):
    return (min(a, b), max(a, b))


#: How "more evidence" is ordered for each field the score reads.
ORDER = {
    "messages_sent": _plain,
    "messages_received": _plain,
    "first_message": _earlier,
    "last_message": _later,
    "recommendations": _plain,
    "endorsements": _plain,
    "invitation_note": _plain,
    "connected_on": _earlier,
    "same_company": _plain,
    "teammates": _plain,
    "connected": _plain,
}
NEUTRAL = {"invitation_direction", "company", "outsider"}  # only shape the reasons
INVERSE = {"inferred", "company_size"}  # less trust, not less evidence: tested below


def test_every_field_has_a_stated_direction():
    assert {f.name for f in fields(TieEvidence)} == set(ORDER) | NEUTRAL | INVERSE


@given(ev=evidence)
def test_strength_is_bounded(ev):
    assert 0.0 <= tie_strength(ev, today=TODAY) < 1.0


@pytest.mark.parametrize("field", sorted(ORDER))
@given(ev=evidence, other=evidence)
def test_more_evidence_never_lowers_the_strength(field, ev, other):
    less, more = ORDER[field](getattr(ev, field), getattr(other, field))
    weak = tie_strength(replace(ev, **{field: less}), today=TODAY)
    strong = tie_strength(replace(ev, **{field: more}), today=TODAY)
    assert weak <= strong


@pytest.mark.parametrize("field", sorted(NEUTRAL))
@given(ev=evidence, other=evidence)
def test_descriptive_fields_do_not_change_the_strength(field, ev, other):
    changed = replace(ev, **{field: getattr(other, field)})
    assert tie_strength(changed, today=TODAY) == tie_strength(ev, today=TODAY)


@given(ev=evidence)
def test_an_inferred_tie_scores_below_an_observed_one_with_equal_evidence(ev):
    observed = tie_strength(replace(ev, inferred=False), today=TODAY)
    inferred = tie_strength(replace(ev, inferred=True), today=TODAY)
    if evidence_weight(ev, today=TODAY) > 0:
        assert inferred < observed
    else:
        assert inferred == observed == 0.0


@given(ev=evidence, a=st.integers(0, 100_000), b=st.integers(0, 100_000))
def test_an_inferred_tie_counts_less_at_a_bigger_company(ev, a, b):
    small, big = sorted((a, b))
    ev = replace(ev, inferred=True)
    at_small = tie_strength(replace(ev, company_size=small), today=TODAY)
    at_big = tie_strength(replace(ev, company_size=big), today=TODAY)
    assert at_big <= at_small


def test_an_inferred_colleague_never_outweighs_a_bare_connection():
    bare = replace(NO_EVIDENCE, connected=True, connected_on=TODAY)
    colleague = replace(NO_EVIDENCE, same_company=True, inferred=True, company_size=2)
    assert tie_strength(colleague, today=TODAY) < tie_strength(bare, today=TODAY)
    startup = replace(colleague, company_size=12)
    giant = replace(colleague, company_size=400)
    assert tie_strength(startup, today=TODAY) > 10 * tie_strength(giant, today=TODAY)
    assert inference_factor(0) == inference_factor(1) == inference_factor(2)


@given(hops=st.lists(st.floats(0.0, 0.999), min_size=1, max_size=3))
def test_a_path_is_never_stronger_than_its_weakest_hop(hops):
    score = path_score(hops)
    assert 0.0 <= score <= min(hops)


@given(
    hops=st.lists(st.floats(0.0, 0.999), min_size=1, max_size=3),
    i=st.integers(0, 2),
    more=st.floats(0.0, 0.999),
)
def test_a_stronger_hop_never_lowers_the_path(hops, i, more):
    i %= len(hops)
    stronger = list(hops)
    stronger[i] = max(hops[i], more)
    assert path_score(hops) <= path_score(stronger)


def test_no_evidence_is_no_tie():
    assert tie_strength(NO_EVIDENCE, today=TODAY) == 0.0
    assert tie_reasons("A", "B", NO_EVIDENCE) == ["A and B: no evidence of a tie"]


@pytest.mark.parametrize(
    ("ev", "line"),
    [
        (
            replace(NO_EVIDENCE, connected=True, connected_on=date(2026, 10, 20)),
            "Riley and Jane: connected since Oct 2026; no other evidence",
        ),
        (
            replace(NO_EVIDENCE, messages_sent=3, last_message=date(2025, 2, 1)),
            "Riley and Jane: 3 messages in 2025, all from Riley, no reply",
        ),
        (
            replace(
                NO_EVIDENCE,
                teammates=True,
                recommendations=1,
                endorsements=2,
                invitation_note=True,
                invitation_direction="INCOMING",
            ),
            "Riley and Jane: teammates; a written recommendation; 2 endorsements; "
            "Jane invited Riley with a personal note; not connected on LinkedIn",
        ),
        (
            replace(NO_EVIDENCE, connected=True, same_company=True, company="Acme"),
            "Riley and Jane: connected on LinkedIn; both at Acme",
        ),
    ],
)
def test_reasons_in_plain_words(ev, line):
    assert tie_reasons("Riley", "Jane", ev, today=TODAY) == [line]


# -- reading both archives ----------------------------------------------------


def _export(owner, url, contacts, messages=(), invitations=()):
    rows = tuple(
        Contact(first, last, link, "", company, "", on, i + 5)
        for i, (first, last, link, company, on) in enumerate(contacts)
    )
    return Export(
        source=f"{owner}.csv",
        owner_name=owner,
        owner_from="filename",
        owner_headline="",
        owner_url=url,
        connections=ConnectionsFile(rows, 0, "current", ()),
        messages=tuple(messages),
        invitations=tuple(invitations),
        fingerprint=f"{owner}-{len(rows)}",
    )


def test_pair_evidence_merges_both_archives_without_counting_a_thread_twice(tmp_path):
    alex = _export(
        "Alex Rivera",
        li("alex"),
        [("Bob", "Okafor", li("bob"), "Northwind", date(2019, 4, 2))],
        messages=[
            MessageStats("Bob Okafor", li("bob"), 30, 28, date(2019, 5, 1), date(2025, 1, 1))
        ],
        invitations=[InvitationInfo("Bob Okafor", li("bob"), "OUTGOING", True, date(2019, 4, 1))],
    )
    bob = _export(
        "Bob Okafor",
        li("bob"),
        [("Alex", "Rivera", li("alex"), "Northwind", date(2019, 4, 1))],
        # Bob's archive holds the same thread, plus a later message Alex's export missed.
        messages=[
            MessageStats("Alex Rivera", li("alex"), 28, 31, date(2019, 5, 1), date(2026, 1, 1))
        ],
    )
    with open_store(tmp_path / "s.db") as store:
        add_exports(store, [alex, bob])
        ids = dict(store.conn.execute("SELECT name, person_id FROM owners"))
        ev = pair_evidence(store.conn, ids["Alex Rivera"], ids["Bob Okafor"])
        back = pair_evidence(store.conn, ids["Bob Okafor"], ids["Alex Rivera"])
    assert (ev.messages_sent, ev.messages_received) == (31, 28)
    assert (ev.first_message, ev.last_message) == (date(2019, 5, 1), date(2026, 1, 1))
    assert ev.connected_on == date(2019, 4, 1) and ev.connected
    assert ev.teammates and ev.same_company and ev.company == "Northwind"
    assert (ev.invitation_note, ev.invitation_direction) == (True, "OUTGOING")
    assert (back.messages_sent, back.messages_received) == (28, 31)
    assert back.invitation_direction == "INCOMING"
    assert tie_strength(ev, today=TODAY) == tie_strength(back, today=TODAY)


iso_day = st.none() | days.map(date.isoformat)
bare_side = st.none() | st.builds(
    Side,
    connected=st.booleans(),
    connected_on=iso_day,
    sent=st.just(0),
    received=st.just(0),
    first=st.none(),
    last=st.none(),
    invite=st.sampled_from([None, "INCOMING", "OUTGOING"]),
    note=st.booleans(),
    endorsements=st.just(0),
    recs_received=st.just(0),
    recs_given=st.just(0),
).filter(lambda s: not (s.note and s.invite))


@given(bare_side, bare_side, st.booleans(), st.booleans(), days)
def test_a_bare_tie_scores_exactly_as_its_whole_evidence_does(ab, ba, same, mates, today):
    """The shortcut `refpath at` takes for ties with nothing but a connection changes no score."""
    assert all(is_bare(s) for s in (ab, ba) if s is not None)
    whole = tie_strength(merge_sides(ab, ba, same_company=same, teammates=mates), today=today)
    fast = bare_strength(ab, ba, same_company=same, teammates=mates, today=today)
    assert fast == whole  # the same float, not a close one


@given(
    st.builds(
        Side,
        st.booleans(),
        iso_day,
        counts,
        counts,
        iso_day,
        iso_day,
        st.sampled_from([None, "INCOMING", "OUTGOING"]),
        st.booleans(),
        st.integers(0, 5),
        st.integers(0, 5),
        st.integers(0, 5),
    )  # fmt: skip
)
def test_a_side_with_any_evidence_beyond_the_connection_is_not_bare(side):
    extra = (
        side.sent, side.received, side.first, side.last, side.note and side.invite,
        side.endorsements, side.recs_received, side.recs_given,
    )  # fmt: skip
    assert is_bare(side) == (not any(extra))
