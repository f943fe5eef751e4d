"""A small model of how sales pitches are worded, trained on refpath's invented corpus.

The sentence rules in :mod:`refpath.outreach.pitch_rules` name what a selling sentence
does, but a pitch worded unlike any of them slips through. This model is the
second opinion: a logistic regression over the words and word pairs of a
message (lower-cased; numbers become ``<num>``, capitalised words inside a
sentence ``<cap>``, so names and companies don't count), trained on the
messages in ``tests/assets/messages/corpus/`` that must or must not be flagged
as a pitch. Its weights ship as ``pitch_model.json`` next to this file;
``python tests/train_pitch_model.py`` rebuilds them from the corpus (the same
corpus gives the same file). Everything here is pure and deterministic.
"""

from __future__ import annotations

import json
import math
import random
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

from refpath.outreach.message_kinds import Sentence, sentences

#: A message at or above this probability reads as a pitch ...
THRESHOLD = 0.5
#: ... when its words, not the model's prior, make it one: their weights add up
#: to at least this much log-odds (the bias alone puts an unknown text above
#: :data:`THRESHOLD`, so a short note with no selling word would read as a pitch).
MARGIN = 1.0
_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?|\d+(?:[.,]\d+)*|[%$€£?]")


@dataclass(frozen=True)
class Model:
    """Weights of word and word-pair features, and the bias."""

    weights: dict[str, float]
    bias: float

    def z(self, features: set[str]) -> float:
        """The log-odds of a pitch, without the bias."""
        return sum(self.weights.get(f, 0.0) for f in features)

    def probability(self, features: set[str]) -> float:
        """The probability that a message with these features is a pitch."""
        z = max(-30.0, min(30.0, self.bias + self.z(features)))
        return 1.0 / (1.0 + math.exp(-z))


def _tokens(parts: list[Sentence]) -> list[str]:
    out: list[str] = []
    for s in parts:
        for i, w in enumerate(_WORD.findall(s.text.replace("\u2019", "'"))):
            if w[0].isdigit():
                w = "<num>"
            elif i > 0 and w[0].isupper() and w != "I":
                w = "<cap>"
            else:
                w = w.lower()
            out.append(w)
        out.append("</s>")
    return out


def features(text: str | list[Sentence]) -> set[str]:
    """The words and word pairs of ``text`` (or of some of its sentences) the model reads.

    >>> sorted(features("We help Acme save 30%."))
    ['%', '<cap>', '<cap> save', '<num>', '<num> %', 'help', 'help <cap>', 'save', ...]
    """
    words = _tokens(sentences(text) if isinstance(text, str) else text)
    found = set(words) | {f"{a} {b}" for a, b in zip(words, words[1:], strict=False)}
    return {f for f in found if "</s>" not in f}


def train(
    examples: list[tuple[str, bool]], *, l2: float = 0.5, epochs: int = 60, rate: float = 0.3
) -> Model:
    """A model fitted to ``examples`` (text, is a pitch) by stochastic gradient descent.

    Deterministic: the examples are shuffled with fixed seeds.
    """
    data = [(features(text), 1.0 if pitch else 0.0) for text, pitch in examples]
    weights: dict[str, float] = {}
    bias = 0.0
    for epoch in range(epochs):
        random.Random(epoch).shuffle(data)
        for feats, y in data:
            z = max(-30.0, min(30.0, bias + sum(weights.get(f, 0.0) for f in feats)))
            gradient = 1.0 / (1.0 + math.exp(-z)) - y
            bias -= rate * gradient
            for f in feats:
                w = weights.get(f, 0.0)
                weights[f] = w - rate * (gradient + l2 * w / len(data))
    kept = {f: round(w, 3) for f, w in sorted(weights.items()) if abs(w) >= 0.05}
    return Model(kept, round(bias, 3))


def dumps(model: Model) -> str:
    """The model as the JSON text of ``pitch_model.json``."""
    return json.dumps({"bias": model.bias, "weights": model.weights}, indent=0, sort_keys=True)


@cache
def shipped() -> Model:
    """The model that ships with refpath (``pitch_model.json``)."""
    text = resources.files("refpath.outreach").joinpath("pitch_model.json").read_text("utf-8")
    data = json.loads(text)
    return Model({str(k): float(v) for k, v in data["weights"].items()}, float(data["bias"]))


@dataclass(frozen=True)
class Verdict:
    """The model's reading of a message: how likely a pitch, and its most selling sentence."""

    probability: float
    sentence: Sentence | None  #: the sentence with the most selling words
    words: tuple[str, ...]  #: the words in it that weigh most towards a pitch
    evidence: float = 0.0  #: the log-odds the words add, without the bias

    @property
    def sells(self) -> bool:
        """Whether the message reads as a pitch: likely, by its words, with a sentence to name."""
        return (
            self.probability >= THRESHOLD
            and self.evidence >= MARGIN
            and self.sentence is not None
            and bool(self.words)
        )


def read(text: str, model: Model | None = None) -> Verdict:
    """How likely ``text`` is a pitch, and where it sells most.

    >>> read("Hi Jo, our platform helps retailers cut costs by 30%. Want a demo?").probability > 0.5
    True
    >>> read("Hi Jo, thank you for the call yesterday; it helped a lot. Sam").sells
    False
    """
    model = model or shipped()
    said = sentences(text)
    found = features(said)
    probability, evidence = model.probability(found), model.z(found)
    if not said:
        return Verdict(probability, None, (), evidence)
    # a greeting or a sign-off ("Best,") is never the sentence that sells
    worded = [s for s in said if len(_WORD.findall(s.text)) >= 3] or said
    best = max(worded, key=lambda s: model.z(features([s])))
    ranked = sorted(features([best]), key=lambda f: (-model.weights.get(f, 0.0), f))
    words = tuple(f for f in ranked if model.weights.get(f, 0.0) > 0.1 and "<" not in f)[:3]
    return Verdict(probability, best, words, evidence)
