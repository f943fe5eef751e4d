"""Train the pitch model on the whole corpus and write ``refpath/outreach/pitch_model.json``.

``python tests/train_pitch_model.py`` rebuilds the shipped weights (the test
``test_the_shipped_pitch_model_is_what_the_corpus_trains`` keeps them in step);
``python tests/train_pitch_model.py --rolling`` shows how a model trained on the
earlier corpus rounds does on each later one, the honest estimate of how it
does on messages it has never seen.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from corpus_score import Message, load  # noqa: E402

from refpath.outreach.pitch_model import dumps, read, train  # noqa: E402

SHIPPED = ROOT / "refpath" / "outreach" / "pitch_model.json"
ROUNDS = ("tuning", "heldout", "heldout2", "heldout3", "heldout4", "heldout5", "heldout6")


def examples(messages: list[Message]) -> list[tuple[str, bool]]:
    """Every message, and whether it must be flagged as a pitch."""
    return [(m.text, "pitch" in m.expect) for m in messages]


def rolling(messages: list[Message]) -> str:
    """Train on the rounds before each round and measure on it."""
    lines = [
        "| round | pitches | recall | precision | good messages flagged |",
        "|---|---:|---:|---:|---:|",
    ]
    for k, part in enumerate(ROUNDS[1:], 1):
        model = train(examples([m for m in messages if m.part in ROUNDS[:k]]))
        tested = [m for m in messages if m.part == part]
        tp = fp = fn = good = 0
        for m in tested:
            hit = read(m.text, model).sells
            pitch = "pitch" in m.expect
            tp += hit and pitch
            fn += pitch and not hit
            fp += hit and not pitch
            good += hit and not m.bad
        goods = sum(not m.bad for m in tested)
        lines.append(
            f"| {part} | {tp + fn} | {tp / (tp + fn):.0%} | {tp / max(1, tp + fp):.0%} "
            f"| {good} of {goods} |"
        )
    return "\n".join(lines)


def main(argv: list[str]) -> None:
    messages = load()
    if "--rolling" in argv:
        print(rolling(messages))
        return
    SHIPPED.write_text(dumps(train(examples(messages))) + "\n", encoding="utf-8")
    print(f"wrote {SHIPPED}")


if __name__ == "__main__":
    main(sys.argv[1:])
