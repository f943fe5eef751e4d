"""Score the etiquette check on the held-out messages in ``tests/outreach/heldout_messages.json``.

The file holds invented LinkedIn messages written after the corpus
(``tests/assets/messages/corpus/``) and measured before any tuning on them:
pitches of many shapes (``expect: pitch``) and good messages that must come
back without the flags in ``must_not`` (``expect: fine``). ``kinds`` lists the
kinds a reasonable reader would give a message (empty when none is clear);
``half`` is ``A`` (the half the rules were first fixed on), ``B`` (held back
to measure how those fixes generalise, then fixed on in a second round),
``C`` (written before that second round, measured, then fixed on too) or ``D``
(written after every fix, to measure the result). The pitch model never trains on this file.

Run ``python tests/heldout_score.py`` for the figures per half; ``-v`` also
lists every miss, false alarm and kind error.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from refpath.outreach.etiquette import check_message  # noqa: E402
from refpath.outreach.message_kinds import detect_kind  # noqa: E402

HELDOUT = Path(__file__).parent / "outreach" / "heldout_messages.json"
#: Kinds under which the same rules apply (:data:`refpath.outreach.etiquette.APPLIES`).
_TALK = {"reply": "talk", "thank-you": "talk", "scheduling": "talk"}


@dataclass(frozen=True)
class Held:
    """One held-out message and what the check should make of it."""

    id: str
    half: str
    pitch: bool  #: expect "pitch": the pitch rule must fire
    kinds: tuple[str, ...]
    channel: str
    must_not: frozenset[str]
    text: str


def load(path: Path = HELDOUT) -> list[Held]:
    """Every held-out message, in file order."""
    return [
        Held(
            d["id"],
            d["half"],
            d["expect"] == "pitch",
            tuple(d["kinds"]),
            d["channel"],
            frozenset(d["must_not"]),
            d["text"],
        )
        for d in json.loads(path.read_text(encoding="utf-8"))
    ]


def wrong_kind(m: Held) -> bool:
    """The kind detected is none of those a reader would give (when one is clear)."""
    return bool(m.kinds) and detect_kind(m.text) not in m.kinds


def wrong_rules(m: Held) -> bool:
    """The kind detected changes which rules apply (a reply read as a thank-you does not)."""
    got = _TALK.get(detect_kind(m.text), detect_kind(m.text))
    return bool(m.kinds) and all(_TALK.get(k, k) != got for k in m.kinds)


@dataclass
class Tally:
    """Pitches caught, good messages flagged and kinds missed in one set of messages."""

    pitches: int = 0
    caught: int = 0
    good: int = 0
    flagged: int = 0
    findings: int = 0
    kinds: int = 0
    kind_errors: int = 0
    rule_kind_errors: int = 0
    notes: list[str] = field(default_factory=list)


def tally(messages: list[Held]) -> Tally:
    """Count what the check does on ``messages``, with a note for each mistake."""
    t = Tally()
    for m in messages:
        findings = check_message(m.text, channel=m.channel)
        wrong = [f for f in findings if f.rule in m.must_not]
        if m.pitch:
            t.pitches += 1
            if any(f.rule == "pitch" for f in findings):
                t.caught += 1
            else:
                t.notes.append(f"miss  {m.id}: {m.text[:70]!r}")
        else:
            t.good += 1
            t.kinds += bool(m.kinds)
            if wrong:
                t.flagged += 1
                t.findings += len(wrong)
                t.notes += [f"false {m.id}: {f.rule}: {f.message}" for f in wrong]
            if wrong_kind(m):
                t.kind_errors += 1
                t.rule_kind_errors += wrong_rules(m)
                t.notes.append(f"kind  {m.id}: {detect_kind(m.text)}, not {'/'.join(m.kinds)}")
    return t


def report(messages: list[Held]) -> str:
    """A table of the figures per half and in all."""
    lines = [
        "| half | pitches caught | good messages flagged (findings) "
        "| kind errors (changing rules) |",
        "|---|---:|---:|---:|",
    ]
    for half in ("A", "B", "C", "D", "all"):
        t = tally([m for m in messages if half in ("all", m.half)])
        lines.append(
            f"| {half} | {t.caught} of {t.pitches} | {t.flagged} of {t.good} ({t.findings}) "
            f"| {t.kind_errors} of {t.kinds} ({t.rule_kind_errors}) |"
        )
    return "\n".join(lines)


if __name__ == "__main__":
    held = load()
    print(report(held))
    if "-v" in sys.argv[1:]:
        print("\n".join(tally(held).notes))
