"""The etiquette check over the large invented corpus in ``tests/assets/messages/corpus/``.

Every message that breaks a rule must trigger it; every good message must come
back clean, with its kind detected; nothing may fire that its header does not
allow (see ``tests/corpus_score.py``, which also prints precision and recall
per rule: ``python tests/corpus_score.py``). All names, people and companies in
the corpus are invented.
"""

from __future__ import annotations

from collections import Counter

import pytest
from corpus_score import load, report, score

from refpath.outreach.etiquette import check_message
from refpath.outreach.message_kinds import KINDS, detect_kind
from refpath.outreach.pitch_rules import FAMILIES

MESSAGES = load()
BAD = [m for m in MESSAGES if m.bad]
GOOD = [m for m in MESSAGES if not m.bad]


def test_the_corpus_is_large_and_varied():
    assert len(BAD) >= 150 and len(GOOD) >= 80
    families = Counter(m.family for m in BAD if "pitch" in m.expect)
    assert set(families) == {"self-promo", "value-claim", "cta", "recruiter", "pretext", "nag"}
    assert min(families.values()) >= 10
    assert sum("vague-meeting" in m.expect for m in BAD) >= 30
    kinds = Counter(m.kind for m in GOOD)
    assert set(kinds) == set(KINDS) and min(kinds.values()) >= 8
    assert sum(m.channel == "note" for m in MESSAGES) >= 25
    assert len({m.part for m in MESSAGES}) == 7  # tuning and six held-out rounds


@pytest.mark.parametrize("m", BAD, ids=[m.source for m in BAD])
def test_every_bad_message_triggers_its_rules_and_nothing_it_should_not(m):
    findings = check_message(m.text, channel=m.channel)
    rules = {f.rule for f in findings}
    assert m.expect <= rules, (m.text, findings)
    assert rules <= m.expect | m.also, (m.text, findings)
    lines = m.text.count("\n") + 1
    assert all(1 <= f.line <= lines and f.fix for f in findings)


@pytest.mark.parametrize("m", GOOD, ids=[m.source for m in GOOD])
def test_every_good_message_is_clean_and_its_kind_is_known(m):
    assert detect_kind(m.text) == m.kind
    assert check_message(m.text, channel=m.channel) == []


def test_a_good_message_is_clean_when_its_kind_is_given_too():
    for m in GOOD:
        assert check_message(m.text, channel=m.channel, kind=m.kind) == [], m.source


def test_the_pitch_finding_says_what_the_sentence_does():
    for m in BAD:
        if "pitch" in m.expect:
            pitches = [f for f in check_message(m.text) if f.rule == "pitch"]
            assert all(any(w in f.message for w in FAMILIES.values()) for f in pitches)


def test_a_thank_you_read_as_a_first_contact_needs_a_reason():
    text = "Hi Ana, thank you so much for the call yesterday; it helped a lot. Sam"
    assert check_message(text) == []
    rules = {f.rule for f in check_message(text, kind="first-contact")}
    assert rules == {"no-reason", "no-common-ground"}
    with pytest.raises(ValueError, match="unknown kind"):
        check_message(text, kind="memo")


def test_the_score_report_prints_precision_and_recall_per_rule():
    text = report(MESSAGES, "whole corpus")
    assert "| pitch |" in text and "| vague-meeting |" in text
    assert score(GOOD)["pitch"].fp == 0


def test_the_shipped_pitch_model_is_what_the_corpus_trains():
    from train_pitch_model import SHIPPED, examples

    from refpath.outreach.pitch_model import dumps, train

    assert SHIPPED.read_text(encoding="utf-8") == dumps(train(examples(MESSAGES))) + "\n"


def test_the_model_names_the_sentence_a_pitch_no_rule_knows_is_in():
    from refpath.outreach.pitch_rules import pitch_sentences

    text = (
        "Hi Edith,\n\nTicketing does not need to be painful. With Gatekeep, visitors walk "
        "straight in and your front desk finally gets a break.\n\nBest,\nRuth\n"
    )
    (sold,) = pitch_sentences(text)
    assert sold.family == "sales-language" and text[sold.start :].startswith("With Gatekeep")
    (finding,) = [f for f in check_message(text) if f.rule == "pitch"]
    assert finding.line == 3 and finding.message == (
        "reads like a sales pitch to someone who has no relationship with you ('With Gatekeep, "
        "visitors walk straight in and your front …')"
    )
    assert pitch_sentences(text, kind="thank-you") == []  # not for a thank-you or a reply
    # "<Company> makes it effortless for ..." is a rule's, not the model's
    made = text.replace(
        "With Gatekeep, visitors walk straight in and your front desk finally gets a break",
        "Gatekeep makes it effortless for museums of every size",
    )
    assert [s.family for s in pitch_sentences(made)] == ["self-promotion"]


def test_the_model_flags_only_what_its_words_make_a_pitch():
    from refpath.outreach.pitch_model import MARGIN, THRESHOLD, read

    # the model's prior alone leans to a pitch; a friendly line with no selling word is not one
    text = "Hi Sam, it's been ages! Could I ask how you found your first clients? Leah"
    verdict = read(text)
    assert verdict.probability >= THRESHOLD and verdict.evidence < MARGIN and not verdict.sells
    assert [f for f in check_message(text) if f.rule == "pitch"] == []
