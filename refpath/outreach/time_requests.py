"""Requests for someone's time that say neither what about nor for how long.

:func:`vague_time_request` finds a request for time (a call, a coffee, a drink,
"hop on", "pick your brain", "some time this week", "a slot in your diary",
"your thoughts over a call") in a sentence that asks, and reports it when the
message states no topic or no length. A topic is what the sender wants to ask
about ("about how you plan ...", "I'm researching ..."); filler such as "to
discuss opportunities", "about what you do" or "hop on a call" is not one. A
length is "15 minutes", "half an hour", "a 20-min call". Pure functions;
:mod:`refpath.outreach.etiquette` turns what they find into findings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from refpath.outreach.message_kinds import sentences

_I = re.IGNORECASE
MEET = re.compile(  # a way of meeting: a call, a coffee, a chat
    r"\b(?:call|phone|zoom|teams call|ms teams|on teams|a teams|google meet|video ?call|chat"
    r"|coffee|meet|meeting|meet up|catch up|catch-up|get together|sync|talk|speak|conversation"
    r"|hop on|jump on|get on|pick your brain|brainstorm|swap notes|compare notes|connect"
    r" (?:live|properly|in person|over)|in person|over (?:a|the) (?:call|phone|coffee|zoom)"
    r"|drink|lunch|dinner|beer|breakfast|walk|tea)\b",
    _I,
)
_TIME = re.compile(  # or just their time: "some time this week", "a slot in your diary"
    r"\b(?:some|a bit of|a little|any|a moment of) (?:of )?(?:your )?time\b|\byour time\b"
    r"|\b(?:spare|steal|borrow|grab|find|set up|carve out|get|make) (?:a (?:few|bit|moment"
    r"|little)|some|\d+|time)\b|\bwhen (?:would be|is) a good time\b|\b(?:are you|you'?re"
    r"|you are) (?:free|around|available)\b|^\W*(?:free|available|around) (?:for|on|this|next)\b"
    r"|\bwhen you'?re free\b|\bwhenever (?:suits|you have)|\bgrateful for \d+"
    r"|\b(?:a |some )?(?:slot|window) in your (?:diary|calendar|schedule|week)\b|\bwhen suits\b"
    r"|\bwhen (?:works|suits) (?:for )?you\b|\b(?:some|one) (?:afternoon|morning|evening|day"
    r"|weekday|weekend)\b|\bsometime\b|\bsomeday\b|\bat some point\b|\bone of these days\b",
    _I,
)
_NOT_MEET = re.compile(
    r"\b(?:your|a|the|his|her|their) talk (?:at|on|about)\b|\bnice to meet you\b|\bwe met\b"
    r"|\bour (?:call|chat|meeting|conversation)\b|\b(?:by|via|over) (?:message|e-?mail|dm"
    r"|linkedin|text)\b|\bthe (?:call|chat|meeting) (?:yesterday|last|on)\b"
    r"|\b(?:from|during|in|since) your time (?:at|in|with|on)\b",
    _I,
)
_EMBEDDED = re.compile(  # "ask you how you handled sync conflicts": the topic, not a meeting
    r"\b(?:how|why|whether|which|what) (?:you|your|they|their|he|she|his|her)\b[^,;:.!?]*", _I
)
_REQUEST = re.compile(
    r"\?|'d\b|\b(?:would|could|can|may|shall|let'?s|let us|love to|like to|keen to|grateful"
    r"|appreciate|hope to|hoping to|want to|fancy|open to|up for|happy to|any chance"
    r"|possible|please|when works|if you can|if you have|let me know|when suits)\b",
    _I,
)
_LENGTH = re.compile(
    r"\b(?:\d+|a few|a couple of|five|ten|fifteen|twenty|thirty|forty[- ]five|sixty)"
    r"[ -]?(?:min|mins|minutes?)\b|\bhalf an hour\b|\b(?:an|one|1) hour\b"
    r"|\bquarter of an hour\b|\b\d+[ -]?(?:h|hr|hrs|hours?)\b",
    _I,
)
_VAGUE_TOPIC = (
    r"(?:you|yourself|it|this|that|things|us|each other|more|opportunities|synergies|what you"
    r"(?:'re| are)? (?:do|doing|working on|up to)|your (?:work|business|company|role|background"
    r"|journey|experience|career|goals|needs|challenges|plans|priorities|team|day|thoughts"
    r"|perspective|views?|input|advice)|how we (?:can|could|might)|what we (?:do|offer|can)"
    r"|our \w+|an? (?:potential|possible) (?:collaboration|partnership)|working together)"
)
_TOPIC = re.compile(
    r"(?<!hop )(?<!jump )(?<!get )(?<!hopping )(?<!jumping )"
    r"\b(?:about|regarding|re:|on|around|to discuss|to talk (?:through|about)|to go over"
    r"|to ask (?:you )?(?:about)?|to hear|to learn|to understand|to compare|through)\s+"
    r"(?!" + _VAGUE_TOPIC + r"\W*(?:[.!?\n]|$|over|when|some|next|this|and|if))"
    r"(?!(?:a|an|the) (?:quick |short |brief |video |phone |zoom |teams )?(?:call|chat|coffee"
    r"|meeting|zoom|phone|line)\b)"
    r"(?:how|what|why|whether|which|when|where|who|the|a|an|your|their|his|her|[\w-]{4,})\b"
    r"|\b(?:curious|wondering|question|questions) (?:about|on|how|whether|if|what|why|which)\b"
    r"|\b(?:researching|studying|looking into|trying to (?:understand|learn))\b"
    r"|\b(?:ask|learn|hear|understand|know|find out|share|explain|tell me|walk me through)"
    r" (?:you |from you |me |us |him |her |them )?(?:how|what|why|whether|which)\b",
    _I,
)


def states_topic(text: str) -> bool:
    """Whether ``text`` says what it is about ("about how ...", "I'm researching ...").

    >>> states_topic("Can we chat about how you plan shifts?"), states_topic("Can we chat?")
    (True, False)
    """
    return _TOPIC.search(text) is not None


@dataclass(frozen=True)
class TimeRequest:
    """A request for someone's time: where, the words, and what it leaves out."""

    start: int
    words: str
    missing: tuple[str, ...]  #: "topic", "length" or both


def vague_time_request(text: str) -> TimeRequest | None:
    """The first request for time in ``text`` when the text gives no topic or no length.

    The topic may be anywhere in the message ("I'd like to ask you about ...");
    a topic that says nothing ("to discuss opportunities", "about what you
    do") doesn't count.

    >>> vague_time_request("Hi Jo, fancy a quick chat some time this week?").missing
    ('topic', 'length')
    >>> vague_time_request("Hi Jo, could we talk for 15 minutes about your roadmap?") is None
    True
    """
    missing = tuple(w for w, rx in (("topic", _TOPIC), ("length", _LENGTH)) if not rx.search(text))
    if not missing:
        return None
    for s in sentences(text):
        said = _EMBEDDED.sub(lambda x: " " * len(x.group(0)), s.text)
        if _NOT_MEET.search(said):  # "your talk at", "by message": only a real meeting counts
            m = MEET.search(_NOT_MEET.sub(lambda x: " " * len(x.group(0)), said))
        else:
            m = MEET.search(said) or _TIME.search(said)
        if m is not None and _REQUEST.search(s.text):
            return TimeRequest(s.start + m.start(), m.group(0).strip(), missing)
    return None
