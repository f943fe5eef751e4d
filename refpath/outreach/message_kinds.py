"""What kind of message a text is, from what its sentences do.

The etiquette check (:mod:`refpath.outreach.etiquette`) asks different things of
different messages: a first-contact ask needs a reason and common ground, a
thank-you needs neither. :func:`detect_kind` reads the opening sentences and a
few markers anywhere in the text and returns one of :data:`KINDS`:

- ``reply``: answers a message ("Thanks for your note", "Sure, happy to",
  "To your question: ..."), opens reacting to it ("No worries.", "You're
  right, ...") or carries on a conversation ("after our chat", "as promised");
- ``thank-you``: thanks someone for something already done (a call, an intro),
  in its first sentence or its second;
- ``scheduling``: settles a time with someone who already said yes ("thanks for
  agreeing", "here's the invite", "does Tuesday still work?");
- ``blurb``: written by an introducer to the prospect, in the introducer's
  voice ("my colleague Alex would like to ask you ...; if so I'll connect you")
  or about the sender in the third person ("She'd like 15 minutes with Helen"),
  or refpath's own forwardable blurb ("If so, let Bob know and I'll get in touch");
- ``intro-ask``: asks the reader to introduce the sender to a third person;
- ``first-contact``: anything else, a first message or connection note.

The markers are patterns over one sentence each, so they are predictable; the
user can always say the kind with ``refpath check --kind``. Pure functions only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: Each kind's id and what it is (the ids are what ``check --kind`` accepts).
KINDS: dict[str, str] = {
    "first-contact": "a first message or connection note to someone who doesn't know you",
    "intro-ask": "an ask to a colleague or contact to introduce you to someone",
    "blurb": "a note an introducer forwards to the person, about you",
    "reply": "an answer to a message they sent you",
    "thank-you": "thanks for something already done: a call, an intro, an answer",
    "scheduling": "settling a time with someone who already said yes",
}

_I = re.IGNORECASE
_ABBREV = re.compile(r"\b(?:Dr|Mr|Mrs|Ms|Mx|Prof|St|vs|etc|e\.g|i\.e|approx|no)\.$", _I)
_END = re.compile(r"[.!?]+(?=[\s\"')\]]|$)|\n")


@dataclass(frozen=True)
class Sentence:
    """One sentence of a message and where it starts (an offset into the text)."""

    start: int
    text: str


def _wrapped(text: str, at: int) -> bool:
    """Whether the line break at ``at`` only wraps a sentence onto the next line."""
    line = text[text.rfind("\n", 0, at) + 1 : at].rstrip()
    after = text[at + 1 : at + 2]
    if not line or not after.strip():
        return False
    return after.islower() or after.isdigit() or (len(line) > 50 and line[-1] not in ".!?,:;")


def sentences(text: str) -> list[Sentence]:
    """The sentences of ``text``: split at ``.``, ``!``, ``?`` and line breaks.

    Titles such as "Dr." do not end a sentence, nor does a line break that
    only wraps a long line; blank pieces are dropped.

    >>> [s.text for s in sentences("Hi Dr. Osei, thanks!\\nCan we talk? Yes.")]
    ['Hi Dr. Osei, thanks!', 'Can we talk?', 'Yes.']
    """
    out: list[Sentence] = []
    start = 0
    for m in _END.finditer(text):
        piece = text[start : m.end()]
        if m.group(0) != "\n" and _ABBREV.search(text[start : m.start() + 1]):
            continue
        if m.group(0) == "\n" and _wrapped(text, m.start()):
            continue
        if piece.strip():
            lead = len(piece) - len(piece.lstrip())
            out.append(Sentence(start + lead, piece.strip()))
        start = m.end()
    if text[start:].strip():
        piece = text[start:]
        out.append(Sentence(start + len(piece) - len(piece.lstrip()), piece.strip()))
    return out


_GREETING_ONLY = re.compile(
    r"^\W*(?:(?:hi|hello|hey|dear|hiya|greetings|good (?:morning|afternoon|evening))\b"
    r"(?:[ ,]+(?-i:[A-Z])[\w.'-]*){0,3}|[^\W\d_][\w'-]*(?: [^\W\d_][\w'-]*)?\s*[,—–-]?)\W*$",
    _I,
)
_THANKS = re.compile(
    r"\b(?:thank you|thanks|many thanks|merci|grateful|(?:really |much )?appreciated?)\b", _I
)
_NOT_THANKS = re.compile(
    r"\b(?:thanks?|thank you)\b[^.!?]{0,20}\bfor (?:connecting|accepting|the (?:connection|add"
    r"|follow)|adding me|following)(?! (?:me|us)\b)|\bthanks to\b|\bthanks?(?: you)? in advance\b",
    _I,
)
_REPLY = re.compile(
    r"\b(?:thanks?|thank you)\b[^.!?]{0,25}\bfor (?:your|the) (?:kind |quick )?(?:message|note"
    r"|e-?mail|reply|inmail|question|words|letter|dm)\b|\bthanks?\b[^.!?]{0,15}\bfor (?:reaching"
    r" out|getting in touch|writing|asking)\b|^\W*(?:re:|sure\b|yes\b|of course\b|absolutely\b"
    r"|sounds (?:good|great)|that works|happy to help|(?:good|nice|great|lovely) to hear from"
    r" you|sorry for the (?:slow"
    r"|late|delayed) (?:reply|response))|\b(?:to|re|regarding|on) your question\b"
    r"|\bin answer to\b|^\W*(?:good|great|fair) question\b"
    r"|\banswer(?:ing)? your (?:question|query)\b"
    r"|\bshort answer\b|\byou asked (?:about|whether|if|how)\b",
    _I,
)
_REACTION = re.compile(  # the message opens reacting to them: "no worries.", "you're right,"
    r"^\W*(?:(?:no worries|no problem|understood|makes sense|good point|fair (?:point|enough)"
    r"|you'?re (?:absolutely |quite |so )?(?:right|spot on)|(?:totally |completely )?agreed?"
    r"|i (?:completely |totally |fully )?(?:understand|agree)|got it|noted|perfect|great|brilliant"
    r"|lovely|wonderful|excellent|awesome|cool|ok|okay)(?: at all)?"
    r"(?=\s*(?:[.,!;:—–-]|$))|haha\b)",
    _I,
)
_FOLLOWS = re.compile(  # a conversation already going: "after our chat", "as promised"
    r"\b(?:after|following|further to|since) our (?:\w+ )?(?:chat|call|conversation|meeting"
    r"|talk|coffee|exchange)\b|\bas (?:promised|requested|you asked)\b|\byou asked (?:me )?for\b"
    r"|\bremember(?:ed)? (?:that )?you(?:'d|'re| were| are| had| said| mentioned| asked)"
    r"|\bremember(?:ed)? your \w+|\bfollowing up on your (?:kind )?(?:offer|suggestion|invitation"
    r"|note|message|question|request)\b",
    _I,
)
_THANKED_FOR = re.compile(  # thanks for something done: "thank you for putting in a word"
    r"^\W*(?:thank you|thanks|many thanks)(?: so much| very much| again)? for (?!reading\b"
    r"|considering\b|your (?:time|consideration)\b)(?:your |the |\w+ing\b)",
    _I,
)
_SCHEDULING = re.compile(
    r"\b(?:thanks?|thank you)\b[^.!?]{0,20}\bfor (?:agreeing|saying yes|accepting my request"
    r"|being (?:up for|open to))|\b(?:glad|great|happy) (?:that )?you(?:'re| are)? (?:said yes"
    r"|agreed|up for it|accepted)|\bconfirm(?:ing)? (?:our|the) (?:call|chat|meeting|talk)"
    r"|\bhere'?s the (?:calendar )?(?:invite|invitation|link)\b|\b(?:sent|send|sending) (?:you )?"
    r"(?:an? |the )?(?:calendar )?invit|\blooking forward to (?:our|the) (?:call|chat|meeting"
    r"|talk|conversation)\b|\bstill (?:work|suit|ok|okay|fine|good)s?\b|\bas agreed\b"
    r"|\breschedul|\bmove it\b|\bour (?:call|chat|meeting) (?:on|at|tomorrow|next)\b"
    r"|\bconfirm(?:ing)? (?:our|the) (?:\w+ )?(?:coffee|lunch|drinks?|walk|catch-up|interview"
    r"|video call|visit)\b"
    r"|\b(?:good|great|glad|nice|happy)(?: to hear| that)? you(?:'re| are)? (?:happy|up for"
    r"|keen|open|willing|free|said yes|agreed)\b|\bglad (?:it|that) works\b"
    r"|\b(?:i'?ve |i have )?booked us\b"
    r"|\bhappy to do the call\b|\b(?:move|push|shift|bring forward) (?:it|the call|our call"
    r"|our meeting|the meeting|our chat) (?:to|back|forward)\b|\bsee you then\b"
    r"|\bfrom your (?:calendar )?invite\b|\b(?:monday|tuesday|wednesday|thursday|friday|saturday"
    r"|sunday|\d{1,2}(?::\d\d)? ?(?:am|pm)?)\b[^.!?]{0,20}\b(?:works|suits) (?:for me|me)\b",
    _I,
)
_BLURB = re.compile(
    r"\b(?:introduce|connect) you\b|\bput you (?:two |both )?in touch\b"
    r"|\b(?:do|make) the intro(?:duction)?\b|\bconnect you(?: two)?\b"
    r"|\bopen to (?:hearing from|speaking with|meeting|talking (?:to|with)) (?-i:[A-Z])"
    r"|\b(?:my|a) (?:colleague|teammate|friend|former colleague|contact|client)s?,?"
    r" (?-i:[A-Z])[\w'-]+"
    r"(?: (?-i:[A-Z])[\w'-]+)?,? (?:is|would|has|wants|asked|who)\b"
    r"|\b(?:he|she|they)(?:'d| would| is| are|'s)? (?:like|love|value|asked|researching|hoping)"
    r"\b[^.!?]{0,60}\byou\b|\bpass on your (?:e-?mail|details|address|number)\b"
    r"|\b(?:let|tell) (?-i:[A-Z])[\w'-]+ know and I'?ll\b|\bcan vouch\b"
    # about the sender in the third person, to forward: "She'd like 15 minutes with Helen"
    r"|\b(?:he|she|they)(?:'d| would)(?: \w+)? (?:like|love|value|appreciate|be grateful for)"
    r"\b[^.!?]{0,60}\b(?:with (?-i:[A-Z])[\w'-]+|of (?-i:[A-Z])[\w'-]+'s time)"
    r"|\b(?:he|she|they)(?:'d| would) be (?:grateful|glad|happy) for\b[^.!?]{0,40}"
    r"\b(?-i:[A-Z])[\w'-]+'s\b"
    r"|\bi'?ll (?:introduce|connect) you\b|\b(?-i:[A-Z])[\w'-]+ (?-i:[A-Z])[\w'-]+,? (?:who"
    r" [^,.!?]{0,60},? )?(?:would like|wants|would love|is hoping|hopes|asked|is keen) to (?:ask"
    r"|talk|speak|meet|hear|learn)(?: (?:to|with|from))? you\b",
    _I,
)
_INTRO_ASK = re.compile(
    r"\b(?:would|could|can|will) you (?:\w+ )?(?:introduce|put me in touch|connect me|make an"
    r" intro|forward|pass (?:on|along)|ask (?:him|her|them|(?-i:[A-Z])[\w'-]+) (?:whether|if)"
    r"|check (?:whether|if))|\b(?:do|did) you (?:happen to )?know (?-i:[A-Z])"
    r"|\b(?:introduce|intro|an intro|put me in touch|connecting me) (?:to|with) (?-i:[A-Z])"
    r"|\bintroduc(?:e|ing) (?:me|us) (?:to|with) (?-i:[A-Z])"
    r"|\b(?:forward|pass (?:on|along)) (?:the|my|a|this) (?:short |two-line )?(?:note|blurb)"
    r"|\bonly (?:get in touch|contact (?:him|her|them)|write to (?:him|her|them)) (?:if|once)"
    r"|\bwon'?t contact (?:him|her|them)|\bknow (?:him|her|them|(?-i:[A-Z])[\w'-]+) well enough\b"
    r"|\byou (?:two|both) (?:were|have|worked)"
    r"|\byou and (?-i:[A-Z])[\w'-]+(?: (?-i:[A-Z])[\w'-]+)? (?:have"
    r"|were|worked|are)\b|\b(?:make|making) (?:an |the )?intro(?:duction)?\b"
    r"|\bwilling to introduce\b"
    r"|\byou(?:'re| are) connected (?:to|with) (?-i:[A-Z])[\w'-]+ (?-i:[A-Z])"
    r"|\byou(?:'ve| have)? (?:worked|been|studied) with (?-i:[A-Z])[\w'-]+ (?-i:[A-Z])"
    r"|\b(?:ask|asking|check|checking) (?:him |her |them )?(?:if|whether) (?:he|she|they)\b"
    r"|\bpass (?:my|the|this|a) (?:short )?(?:note|message|blurb) on\b"
    r"|\byou know (?-i:[A-Z])[\w'-]+ (?-i:[A-Z])|\b(?:willing|able|happy|ok|okay|comfortable)"
    r" (?:to )?ask(?:ing)? (?:him|her|them)\b"
    r"|\b(?:does|do|would) (?-i:[A-Z])[\w'-]+(?: (?-i:[A-Z])[\w'-]+)? (?:still )?(?:remember|know)"
    r" you\b",
    _I,
)


_GREETING_HEAD = re.compile(
    r"^\W*(?:hi|hello|hey|dear|hiya|good (?:morning|afternoon|evening))\b"
    r"(?:[ ,]+(?-i:[A-Z])[\w.'-]*){0,3}\s*[,!—–-]+\s*",
    _I,
)


def _opening(text: str) -> list[str]:
    """The first two sentences that are more than a greeting, without the greeting."""
    said = [s.text for s in sentences(text) if not _GREETING_ONLY.match(s.text)]
    return [_GREETING_HEAD.sub("", s, count=1) for s in said[:2]]


def detect_kind(text: str) -> str:
    """The kind of message ``text`` is: a key of :data:`KINDS`.

    >>> detect_kind("Hi Jane, thanks for the call yesterday. It helped a lot. Sam")
    'thank-you'
    >>> detect_kind("Hi Bob, do you know Jane Doe well? Would you forward my note to her?")
    'intro-ask'
    >>> detect_kind("Hi Jane, I'm writing because I'd like to ask about your line maintenance.")
    'first-contact'
    """
    said = _opening(text)
    first = said[0] if said else ""
    if any(_REPLY.search(s) for s in said):
        return "reply"
    if _SCHEDULING.search(text):
        return "scheduling"
    thanked = _THANKS.search(first) and not _NOT_THANKS.search(first)
    if thanked and (len(said) > 1 or len(first) > 30):
        return "thank-you"
    if len(said) > 1 and _THANKED_FOR.search(said[1]) and not _NOT_THANKS.search(said[1]):
        return "thank-you"  # "I got the interview. Thank you for putting in a word!"
    opens = [_GREETING_HEAD.sub("", s.text, count=1) for s in sentences(text)[:1]]
    if any(_REACTION.search(s) for s in opens + said[:1]) or any(_FOLLOWS.search(s) for s in said):
        return "reply"
    if _BLURB.search(text):
        return "blurb"
    if _INTRO_ASK.search(text):
        return "intro-ask"
    return "first-contact"
