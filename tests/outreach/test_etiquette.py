"""The etiquette check over a corpus of invented messages, and its rules one by one.

``tests/assets/messages/bad/`` holds messages that break a rule; each file
name starts with the rule it must trigger (``pitch-demo-request.txt``). A
name with a ``note`` word is checked as a connection note. Everything in
``good/`` must come back clean.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from builders import build_team, li, profile_export, row, team_exports
from hypothesis import given
from hypothesis import strategies as st

from refpath.outreach.etiquette import RULES, Recipient, check_message, recipient
from refpath.routes.people import find_person, prospect_at
from refpath.routes.strength import NO_EVIDENCE
from refpath.store.db import open_store

MESSAGES = Path(__file__).parents[1] / "assets" / "messages"
BAD = sorted((MESSAGES / "bad").glob("*.txt"))
GOOD = sorted((MESSAGES / "good").glob("*.txt"))
JANE = Recipient("Jane Doe", NO_EVIDENCE, ("Bob Okafor",))


def expected_rule(path: Path) -> str:
    rule = max((r for r in RULES if path.stem.startswith(r + "-")), key=len, default=None)
    assert rule, f"{path.name} does not start with a rule id ({', '.join(RULES)})"
    return rule


def channel(path: Path) -> str:
    return "note" if "note" in path.stem.split("-") else "inmail"


def test_the_corpus_covers_every_rule_but_the_placeholder():
    assert {expected_rule(p) for p in BAD} == set(RULES) - {"placeholder"}
    assert len(GOOD) >= 6


@pytest.mark.parametrize("path", BAD, ids=[p.name for p in BAD])
def test_every_bad_message_breaks_its_rule(path):
    rule = expected_rule(path)
    to = JANE if rule == "unbacked-closeness" else None
    findings = check_message(path.read_text(encoding="utf-8"), channel=channel(path), to=to)
    assert rule in {f.rule for f in findings}
    lines = path.read_text(encoding="utf-8").count("\n") + 1
    assert all(1 <= f.line <= lines and f.fix for f in findings)


@pytest.mark.parametrize("path", GOOD, ids=[p.name for p in GOOD])
def test_every_good_message_is_clean(path):
    assert check_message(path.read_text(encoding="utf-8"), channel=channel(path)) == []


def test_the_cold_pitch_strangers_get_breaks_five_rules_on_the_right_lines():
    text = (MESSAGES / "bad" / "pitch-cold-10x-pipeline.txt").read_text(encoding="utf-8")
    found = [(f.line, f.rule) for f in check_message(text)]
    assert found == [
        (1, "impersonal"),
        (1, "no-common-ground"),
        (1, "no-reason"),
        (3, "pitch"),
        (6, "vague-meeting"),
    ]


def test_findings_name_the_line_and_a_fix():
    text = "Hi Jane,\n\nWe've been in touch, so: can we hop on a call about your roadmap?"
    findings = check_message(text, to=JANE)
    by_rule = {f.rule: f for f in findings}
    assert by_rule["vague-meeting"].line == 3
    said = by_rule["vague-meeting"].message
    assert said == "asks for their time ('hop on') with no stated length"
    assert by_rule["unbacked-closeness"].line == 3
    assert "no conversation between you and Jane Doe" in by_rule["unbacked-closeness"].message


def test_a_real_relationship_backs_closeness_and_excuses_links():
    text = (
        "Hi Jane, great catching up last week! As we discussed, here are the slides: "
        "https://example.com/deck. I'd like to ask you about your roadmap, which you mentioned."
    )
    talked = replace(NO_EVIDENCE, messages_sent=3, messages_received=2)
    assert check_message(text, to=replace(JANE, evidence=talked)) == []
    stranger = {f.rule for f in check_message(text, to=JANE)}
    assert stranger == {"pitch", "unbacked-closeness"}


def test_closeness_needs_a_target_and_says_when_no_export_is_yours():
    text = "Hi Jane, as we discussed, I'd like to ask you about maintenance. We both know Bob."
    assert check_message(text) == []
    (finding,) = check_message(text, to=replace(JANE, evidence=None))
    assert finding.rule == "unbacked-closeness" and "(no export is yours)" in finding.message


def test_with_a_target_the_greeting_must_name_them():
    text = "Hi Sam, I'd like to ask you about maintenance; we both know Bob Okafor."
    (finding,) = check_message(text, to=JANE)
    assert (finding.rule, finding.message) == ("impersonal", "Jane Doe is never named")


def test_lengths_per_channel_and_the_free_account_note():
    text = "Hi Jane, we both know Bob Okafor. I'd like to ask you about maintenance. " + "x" * 150
    assert [f.rule for f in check_message(text, channel="note")] == []
    (over,) = check_message(text, channel="note", free_account=True)
    assert over.rule == "over-length" and over.message.endswith("a connection note allows 200")
    emoji = "Hi Jane, we both know Bob. I'd like to ask you about it. " + "🚀" * 130
    assert [f.rule for f in check_message(emoji, channel="note")] == ["over-length"]
    with pytest.raises(ValueError, match="unknown channel"):
        check_message(text, channel="fax")


def test_other_placeholders_are_flagged_apart_from_the_reason():
    text = "Hi Jane, I'm [your name], and we both know Bob. I'd like to ask you about maintenance."
    assert [(f.rule, f.message) for f in check_message(text)] == [
        ("placeholder", "placeholder [your name] left in")
    ]


@given(st.text(max_size=600), st.sampled_from(["note", "inmail", "email"]), st.booleans())
def test_any_text_gives_findings_with_known_rules_and_real_lines(text, chan, free):
    findings = check_message(text, channel=chan, free_account=free, to=JANE)
    lines = text.replace("\r\n", "\n").replace("\r", "\n").count("\n") + 1
    for f in findings:
        assert f.rule in RULES and 1 <= f.line <= lines and f.message and f.fix


def test_recipient_reads_the_users_own_tie_from_the_store(tmp_path):
    with open_store(build_team(tmp_path / "s.db")) as store:
        jane = recipient(store, find_person(store, "Jane Doe"))
        assert jane.evidence is not None and not jane.relationship
        assert jane.knowers == ("Bob Okafor", "Riley Chen")
        nobody = recipient(store, prospect_at(store, "Quentin Oyelaran", "Acme Robotics"))
        assert nobody.evidence == NO_EVIDENCE
    with open_store(build_team(tmp_path / "t.db", me=False)) as store:
        assert recipient(store, find_person(store, "Jane Doe")).evidence is None


def test_recipient_sees_a_conversation_as_a_relationship(tmp_path):

    from refpath.exports.records import MessageStats
    from refpath.store.ingest import add_exports

    mine, theirs = team_exports()
    nadia = row("Nadia", "Qureshi", "nadia-q", "Ledgerwise", "CFO", date(2023, 6, 20))
    msgs = [MessageStats("Nadia Qureshi", li("nadia-q"), 3, 2, date(2023, 7, 1), date(2026, 1, 5))]
    me = profile_export(
        "Alex Rivera", "alex-rivera", [*mine.connections.contacts, nadia], messages=msgs
    )
    with open_store(tmp_path / "s.db") as store:
        add_exports(store, [me], me=True)
        add_exports(store, theirs)
        assert recipient(store, find_person(store, "Nadia Qureshi")).relationship


def test_a_message_read_as_a_reply_because_it_cites_a_past_exchange_is_checked_against_the_store():
    # "after our chat" and "the deck you asked for" make it a reply, which may carry a link;
    # with a target the store must back the exchange it claims
    text = (
        "Hi Jane, after our chat last week, here's the deck you asked for: https://x.example/deck"
    )
    assert check_message(text) == []
    found = [(f.rule, f.message.split(",")[0]) for f in check_message(text, to=JANE)]
    assert found == [
        ("unbacked-closeness", "'after our chat'"),
        ("unbacked-closeness", "'the deck you asked for'"),
    ]
