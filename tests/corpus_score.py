"""Read the message corpus and score the etiquette check on it, rule by rule.

``tests/assets/messages/corpus/*.txt`` hold invented messages, each after a
header line::

    === expect=pitch also=vague-meeting family=value-claim kind=first-contact channel=note

``expect`` lists the rules the message must trigger (empty for a good message),
``also`` rules that may fire without counting against precision (for a message
that breaks a rule, ``no-reason`` and ``no-common-ground`` always may: a cold
pitch rarely has either; a pitch may also be a ``vague-meeting``), ``kind``
what the message is. Lines before the first header are comments. Files named ``heldout-*`` were
written after the rules and measured before any tuning (see the note on
issue 16).

Run ``python tests/corpus_score.py`` for precision and recall per rule, on the
whole corpus and on each part, and how often the kind is detected right.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from refpath.outreach.etiquette import RULES, check_message  # noqa: E402
from refpath.outreach.message_kinds import detect_kind  # noqa: E402

CORPUS = Path(__file__).parent / "assets" / "messages" / "corpus"
#: Rules a message that breaks another rule may also trigger without a false alarm.
ALSO_ON_BAD = frozenset({"no-reason", "no-common-ground"})
#: A pitch that asks for "a call" about nothing in particular is a vague request too.
ALSO_ON_PITCH = frozenset({"vague-meeting"})


@dataclass(frozen=True)
class Message:
    """One corpus message and what it should trigger."""

    source: str  #: file:line of its header
    part: str  #: "tuning" or "heldout"
    text: str
    expect: frozenset[str]
    also: frozenset[str]
    kind: str
    family: str = ""
    channel: str = "inmail"

    @property
    def bad(self) -> bool:
        return bool(self.expect)


def _fields(header: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for item in header.split():
        key, _, value = item.partition("=")
        out[key] = value
    return out


def _rules(fields: dict[str, str], key: str) -> frozenset[str]:
    return frozenset(r for r in fields.get(key, "").split(",") if r)


def _message(source: str, part: str, fields: dict[str, str], body: list[str]) -> Message:
    expect, also = _rules(fields, "expect"), _rules(fields, "also")
    unknown = (expect | also) - set(RULES)
    assert not unknown, f"{source}: unknown rules {sorted(unknown)}"
    if expect:
        also |= ALSO_ON_BAD | (ALSO_ON_PITCH if "pitch" in expect else frozenset())
    text = "\n".join(body).strip("\n") + "\n"
    return Message(
        source, part, text, expect, also, fields["kind"], fields.get("family", ""),
        fields.get("channel", "inmail"),
    )  # fmt: skip


def load(corpus: Path = CORPUS) -> list[Message]:
    """Every message of every corpus file, in file order."""
    messages: list[Message] = []
    for path in sorted(corpus.glob("*.txt")):
        part = path.name.split("-")[0] if path.name.startswith("heldout") else "tuning"
        chunks: list[tuple[int, dict[str, str], list[str]]] = []
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if line.startswith("=== "):
                chunks.append((n, _fields(line[4:]), []))
            elif chunks:
                chunks[-1][2].append(line)
        messages += [_message(f"{path.name}:{n}", part, f, body) for n, f, body in chunks]
    return messages


def fired(m: Message, *, kind: str | None = None) -> set[str]:
    """The rules the check raises on ``m`` (kind detected unless given)."""
    return {f.rule for f in check_message(m.text, channel=m.channel, kind=kind)}


@dataclass
class Score:
    """True and false positives and misses of one rule."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    false_alarms: list[str] = field(default_factory=list)
    misses: list[str] = field(default_factory=list)

    def precision(self) -> float | None:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    def recall(self) -> float | None:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None


def score(messages: list[Message], *, given_kind: bool = False) -> dict[str, Score]:
    """Per rule: a hit on an expected rule is a true positive, one outside expect and
    also a false positive, an expected rule that does not fire a miss."""
    scores = {r: Score() for r in RULES}
    for m in messages:
        got = fired(m, kind=m.kind if given_kind else None)
        for rule, s in scores.items():
            if rule in m.expect:
                if rule in got:
                    s.tp += 1
                else:
                    s.fn += 1
                    s.misses.append(m.source)
            elif rule in got and rule not in m.also:
                s.fp += 1
                s.false_alarms.append(m.source)
    return scores


def _pct(x: float | None) -> str:
    return "   -" if x is None else f"{x:4.0%}"


def report(messages: list[Message], title: str, *, verbose: bool = False) -> str:
    """A table of precision and recall per rule, clean good messages and kinds right."""
    scores = score(messages)
    good = [m for m in messages if not m.bad]
    clean = sum(1 for m in good if not fired(m))
    kinds = sum(1 for m in messages if detect_kind(m.text) == m.kind)
    bad = len(messages) - len(good)
    lines = [
        f"## {title}: {bad} bad, {len(good)} good messages",
        "",
        "| rule | expected | precision | recall | false alarms | misses |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for rule, s in scores.items():
        if s.tp + s.fn + s.fp == 0:
            continue
        lines.append(
            f"| {rule} | {s.tp + s.fn} | {_pct(s.precision())} | {_pct(s.recall())} "
            f"| {s.fp} | {s.fn} |"
        )
    lines += [
        "",
        f"good messages with no finding: {clean}/{len(good)}; "
        f"kind detected right: {kinds}/{len(messages)}",
    ]
    if verbose:
        for rule, s in scores.items():
            for src in s.misses:
                lines.append(f"  miss {rule}: {src}")
            for src in s.false_alarms:
                lines.append(f"  false alarm {rule}: {src}")
        for m in messages:
            k = detect_kind(m.text)
            if k != m.kind:
                lines.append(f"  kind {m.source}: {k} (is {m.kind})")
    return "\n".join(lines)


def main(argv: list[str]) -> None:
    verbose = "-v" in argv
    messages = load()
    print(report(messages, "whole corpus", verbose=False))
    for part in ("tuning", "heldout", "heldout2", "heldout3", "heldout4", "heldout5", "heldout6"):
        chosen = [m for m in messages if m.part == part]
        if chosen:
            print()
            print(report(chosen, part, verbose=verbose))


if __name__ == "__main__":
    main(sys.argv[1:])
