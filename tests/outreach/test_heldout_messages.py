"""The etiquette check on held-out invented messages (``tests/outreach/heldout_messages.json``).

The sets were written as pitches and good messages a reviewer would judge, not
from the rules' word lists, and scored before any fix (``python
tests/heldout_score.py``). Set A was fixed on first; B was measured, then fixed
on; C was measured, then fixed on; D was written after every fix and never
fixed on, so its figures are the honest ones. The thresholds below are the
measured results: a change that loses pitches or flags more good messages
fails here. The messages a reviewer would call wrongly judged today are listed
in :data:`KNOWN` with why, each an expected failure that must keep failing
until it is fixed (then move it out of the list).
"""

from __future__ import annotations

import pytest
from heldout_score import load, tally, wrong_kind, wrong_rules
from typer.testing import CliRunner

from refpath.cli import app
from refpath.outreach.etiquette import RULES, check_message

HELD = load()
PITCHES = [m for m in HELD if m.pitch]
GOOD = [m for m in HELD if not m.pitch]

#: Messages judged wrongly today, and why the rules don't get them right.
KNOWN = {
    "fine-12": "a blurb that offers a deck ('Happy to send a deck if Felix wants one') is "
    "read as a selling ask; arguably it is one",
    "fine-c11": "'your article on audit sampling for SMEs' matches the audit-for-<Company> offer",
    "fine-c14": "'asking if he's up for a short chat' (with a third person) gives no length",
    "fine-c23": "a student asking for a discounted place gives no reason the rule knows",
    "pitch-d03": "a dinner invitation hosted by a vendor: no rule knows the shape and the "
    "model's words add too little",
    "fine-d04": "'put me in touch with your old manager at Deliveroo, Kate' is not read as an "
    "intro-ask, so it needs common ground",
    "fine-d11": "'Tuesday at 2 is perfect' is not read as scheduling",
    "fine-d14": "a shared link with 'you were asking about at the conference' reads as a pitch",
    "fine-d18": "'yes please! send it over' (a reply with no greeting) is read as a first contact",
}


def _mark(m):
    reason = KNOWN.get(m.id)
    return pytest.param(
        m, id=m.id, marks=pytest.mark.xfail(reason=reason, strict=True) if reason else ()
    )


@pytest.mark.parametrize("m", [_mark(m) for m in PITCHES])
def test_a_pitch_is_flagged_as_one_and_nothing_wrong_fires(m):
    findings = check_message(m.text, channel=m.channel)
    assert "pitch" in {f.rule for f in findings}, findings
    assert not {f.rule for f in findings} & m.must_not, findings


@pytest.mark.parametrize("m", [_mark(m) for m in GOOD])
def test_a_good_message_gets_none_of_the_flags_it_must_not(m):
    findings = check_message(m.text, channel=m.channel)
    assert [f for f in findings if f.rule in m.must_not] == []
    assert not wrong_rules(m)  # a reply read as a thank-you is fine; as a first contact not


def test_the_measured_figures_hold():
    every = tally(HELD)
    assert every.caught >= 79 and every.pitches == 80  # 79 of 80
    assert every.flagged <= 8 and every.good == 113  # good messages with a wrong flag
    assert every.rule_kind_errors <= 3
    fresh = tally([m for m in HELD if m.half == "D"])  # never fixed on
    assert fresh.caught >= 11 and fresh.flagged <= 4  # 11 of 12; 4 of 18


def test_the_sets_are_varied_and_every_must_not_is_a_rule():
    assert len(PITCHES) >= 80 and len(GOOD) >= 110
    assert {m.half for m in HELD} == {"A", "B", "C", "D"}
    kinds = {k for m in GOOD for k in m.kinds}
    assert kinds == {"first-contact", "intro-ask", "blurb", "reply", "thank-you", "scheduling"}
    assert all(m.must_not <= set(RULES) for m in HELD)
    assert len({m.text for m in HELD}) == len(HELD)
    assert set(KNOWN) <= {m.id for m in HELD}


def test_every_pitch_finding_quotes_its_words_and_says_what_to_do():
    for m in PITCHES:
        for f in check_message(m.text, channel=m.channel):
            if f.rule == "pitch":
                quoted = f.message[f.message.index("(") + 1 : -1]
                assert quoted[0] in "'\"" and len(quoted) > 2 and f.fix, (m.id, f)


def test_kind_errors_are_counted_as_a_reader_would():
    (reply,) = [m for m in HELD if m.id == "fine-37"]  # "you're right ... thanks for catching it"
    assert wrong_kind(reply) and not wrong_rules(reply)  # read as a thank-you: same rules


runner = CliRunner()


def _text(ident):
    return next(m.text for m in HELD if m.id == ident)


def test_check_through_the_cli_flags_a_routing_question_as_prospecting():
    result = runner.invoke(app, ["check", "-", "--channel", "note"], input=_text("pitch-39"))
    assert result.exit_code == 1
    assert (
        "<stdin>:1: pitch: looks for the buyer to someone who has no relationship with you "
        "('who would be the best person')"
    ) in result.stdout
    assert "  fix: Don't hunt for the buyer through a stranger" in result.stdout


def test_check_through_the_cli_leaves_good_messages_alone():
    for ident, kind in [
        ("fine-19", "a thank-you"),  # thanks in the second sentence
        ("fine-31", "a reply"),  # "no worries at all - I completely understand"
        ("fine-57", "a first-contact message"),  # "we're evaluating three tools"
        ("fine-10", "an introducer's blurb"),  # in the third person, no greeting
    ]:
        result = runner.invoke(app, ["check", "-"], input=_text(ident))
        assert (result.exit_code, result.stdout) == (
            0, f"<stdin>: no findings; read as {kind} (--kind to say otherwise).\n"
        ), ident  # fmt: skip
