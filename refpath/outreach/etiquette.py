"""The etiquette check: what makes an outreach message read like a cold pitch.

Strangers on LinkedIn are bombarded with sales pitches, standard invitations
and requests for a call about an unspecified topic for an unspecified length
of time. :func:`check_message` looks for exactly those habits, plus a missing
reason or common ground, a message too long for its channel, and claims of
closeness the store does not back. Each :class:`Finding` names its line and a
fix. The rules are heuristics over plain text (regular expressions, no
model), so they are predictable and explained one by one in
``docs/messages.md``. Which rules apply depends on the kind of message
(:mod:`refpath.message_kinds`); pitches and requests for time are read one
sentence at a time (:mod:`refpath.pitch_rules`, :mod:`refpath.time_requests`).
:func:`recipient` reads what the store knows about a target; everything else
here is pure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from refpath.outreach.message_kinds import KINDS, detect_kind
from refpath.outreach.pitch_rules import FAMILIES, pitch_sentences
from refpath.outreach.time_requests import states_topic, vague_time_request
from refpath.routes.people import Person
from refpath.routes.strength import NO_EVIDENCE, TieEvidence, pair_evidence
from refpath.store.db import Store

#: Each rule's id and what it flags (the ids appear in findings and docs).
RULES: dict[str, str] = {
    "standard-invite": "LinkedIn's standard invitation text instead of a personal line",
    "impersonal": "no greeting by name, or a mail-merge field like {name}",
    "pitch": "selling to someone who has no relationship with you: self-promotion, value "
    "claims, demos, trials, links, offers, recruiting, chasing an unanswered message",
    "vague-meeting": "a request for their time (a call, a coffee, some time this week) with no "
    "stated topic or no stated length",
    "no-reason": "no reason for reaching out (or refpath's reason placeholder left in)",
    "no-common-ground": "nothing the two of you share: a person, a company, their work",
    "over-length": "longer than the channel allows",
    "unbacked-closeness": "claims of closeness the store does not back (needs a target)",
    "placeholder": "a refpath placeholder such as [your name] left in",
}
#: The rules that depend on the kind of message, and the kinds they apply to. A
#: thank-you, a reply or a scheduling note answers someone who knows why you
#: write; an ask to an introducer or their blurb has its common ground in them,
#: and a blurb travels inside the introducer's message, which does the greeting.
APPLIES: dict[str, frozenset[str]] = {
    "first-contact": frozenset({"greeting", "vague-meeting", "no-reason", "no-common-ground"}),
    "intro-ask": frozenset({"greeting", "vague-meeting", "no-reason"}),
    "blurb": frozenset({"vague-meeting", "no-reason"}),
    "reply": frozenset(),
    "thank-you": frozenset(),
    "scheduling": frozenset(),
}
_PITCH_FIX = {
    "self-promotion": "Leave out what your company does; say why you write to this person and "
    "ask about their work. Talk about what you sell only if they ask.",
    "value-claim": "Drop the numbers and promises: a stranger can't check them and reads them "
    "as an ad. Ask about their situation instead.",
    "selling-ask": "Drop the link, demo, trial, deck or offer; ask for their view on one "
    "specific topic.",
    "recruiting": "Don't pitch a job to someone who never asked; if they are a fit, find "
    "someone who knows them to ask first (refpath to NAME).",
    "prospecting": "Don't hunt for the buyer through a stranger; ask about their own work, or "
    "find a warm introduction to the right person (refpath to NAME).",
    "sales-language": "This reads like marketing copy. Say why you write to this person and "
    "ask about their work; talk about what you sell only if they ask.",
    "nag": "Don't chase someone who hasn't answered. Write once more at most, with one specific "
    "question, or ask someone who knows them (refpath to NAME).",
}
#: Characters each channel allows: LinkedIn's note and InMail limits; email kept as InMail.
LIMITS = {"note": 300, "inmail": 2000, "email": 2000}
_CHANNEL = {"note": "a connection note", "inmail": "an InMail", "email": "an email"}
FREE_NOTE_LIMIT = 200

_I = re.IGNORECASE
_STANDARD = re.compile(
    r"I(?:'d| would) like to (?:add you to my professional network|join your (?:LinkedIn )?network)"
    r"|add you to my professional network",
    _I,
)
_MERGE = re.compile(
    r"\{\{?\s*[\w .]+\s*\}?\}|\[(?:first[ _]?name|name|company)\]|<(?:first[ _]?name|name)>"
    r"|%(?:first_?name|name)%",
    _I,
)
_GREETING = re.compile(
    r"^\W*(?:hi|hello|hey|hiya|howdy|hallo|hola|bonjour|salut|ciao|hej|moin|greetings|dear"
    r"|good (?:morning|afternoon|evening|day))[ ,]+"
    r"(?!(?:there|all|everyone|team|folks|friend|sir|madam|hiring manager)\b"
    r"(?!\s+(?-i:[A-Z])))[^\W\d_]",
    _I,
)
_NAME_LINE = re.compile(  # "Jane," alone on the first line
    r"\s*(?!(?:hi|hello|hey|dear|greetings|good|thanks|best)\b)"
    r"[^\W\d_][\w'-]*(?: [^\W\d_][\w'-]*)?\s*[,—–-]\s*$",
    _I,
)
_VOCATIVE = re.compile(  # "Congrats on the Series A, Theo!", "Paulo - meet Dana.": named
    r"[,—–-]\s*(?-i:[A-Z])[\w'-]+\s*[!.?,]"
    r"|^\W*(?!(?:thanks|sure|yes|ok|okay|great|congrats|sorry|so|well|also|btw|ps|quick|note)\b)"
    r"(?-i:[A-Z])[\w'-]+\s*[,—–-]\s"
)
_REASON_PLACEHOLDER = re.compile(r"\[your reason[^\]]*\]", _I)
_PLACEHOLDER = re.compile(r"\[your [^\]]*\]", _I)
_REASON = re.compile(
    r"\bbecause\b|\b(?:i'?d|i would|i'?m hoping to|i want to|i wanted to|hoping to|keen to"
    r"|would (?:like|love) to|wants? to|wanted to|like to|love to)(?: \w+)? (?:ask|learn|hear"
    r"|talk|understand|know|compare|find out|get your (?:view|take|advice)|pick up)"
    r"|\bI(?:'m| am) (?:writing|reaching out|asking|hoping|researching|working on|trying to"
    r"|looking into|curious|studying|planning|preparing|exploring|building|moving|redesigning"
    r"|bidding|interested in)"
    r"|\bI(?:'ve| have) been (?:reading|working|looking|researching)"
    r"|\bquestions? (?:about|on|for you)\b|\bI have (?:a|one|two|three|a few|some|a couple of)"
    r" (?:short |quick |small )?(?:questions?|follow-up)|\b(?:curious|wondering) (?:about|how"
    r"|whether|if|what|why|which)\b|\bwondering\b|\b(?:is|are) (?:looking into|researching"
    r"|hiring|trying|planning|hoping)\b|\b(?:would|'d) (?:value|like|love) (?:\d+ minutes"
    r"|your (?:view|advice|take|thoughts) on)|\bI'?d like to ask\b",
    _I,
)
_COMMON = re.compile(
    r"\bmutual\b|\bin common\b|\bboth\b|\bcolleagues?\b|\bteammates?\b|\bintroduc\w*"
    r"|\bwe (?:met|overlapped|worked|studied|were)\b|\bmet at\b|\bwork(?:ed|s)? (?:with|together)"
    r"|\bconnected (?:with|to|since)\b|\bfellow\b|\balum\w*|\bsame (?:team|school|company"
    r"|event|conference|university|group|city|club)\b|\byour (?:post|talk|article|paper|podcast"
    r"|book|newsletter|comment|episode|piece|session|presentation|keynote|thread|video|research"
    r"|study|thesis|course)\b|\byou (?:wrote|spoke|posted|shared|mentioned|commented|presented"
    r"|led|ran)\b|\bsuggested\b|\brecommended\b|\b(?:gave|passed) me your\b|\btold me\b"
    r"|\bsaid you\b|\bmentioned (?:you|that you)\b|\ba (?:connection|contact|colleague|friend)"
    r" of\b|\bfriend\b|\b(?:read|saw|watched|heard|enjoyed|liked|loved) your\b|\bmember of\b"
    r"|\bvolunteer\w* (?:with|at)\b|\byou(?:'re| are) at [^.?!\n]{1,60}? with\b"
    r"|\bwe were both\b|\bwe (?:have|share) \w+ in common\b"
    # a past exchange: "after our chat", "I took your advice"
    r"|\bour (?:last |recent |earlier )?(?:chat|call|conversation|meeting|coffee|talk)\b"
    r"|\b(?:took|followed|tried|used) your (?:advice|suggestion|tip|idea|recommendation)"
    # someone who sent them your way: "Chris passed along your name"
    r"|\b(?:passed (?:along|on)|shared|sent me|forwarded) your (?:name|details|contact|e-?mail"
    r"|number|profile)\b|\bpointed me (?:to|towards|your way|in your direction)\b"
    r"|\b(?:at|on) (?-i:[A-Z])[\w-]+'s (?:suggestion|recommendation)\b"
    # their news: "congratulations on the new role", "sorry to hear about"
    r"|\bcongrat\w* (?:on|to you on)\b|\bsorry to hear\b|\bthe news (?:about|of) your\b"
    r"|\bremember(?:ed)? (?:that )?you(?:'d|'re| were| are| had| said| mentioned| asked)",
    _I,
)
_CLOSENESS = re.compile(
    r"\bwe(?:'ve| have) been in touch\b|\bas (?:we )?discussed\b"
    r"|\b(?:great|good|nice|lovely) (?:catching up|to catch up|to reconnect|reconnecting)\b"
    r"|\bfollowing up on our (?:call|conversation|chat|meeting)\b|\bper our (?:call|conversation"
    r"|chat)\b|\b(?:when|since) we (?:last )?spoke\b|\bas promised\b|\bgreat to see you again\b"
    r"|\b(?:after|following|further to) our (?:\w+ )?(?:chat|call|conversation|meeting|talk"
    r"|coffee)\b|\b(?:the \w+ )?you asked (?:me )?for\b",
    _I,
)


def char_count(text: str) -> int:
    """Length as LinkedIn's forms count it, conservatively: an emoji counts as 2.

    >>> char_count("Hi Jane"), char_count("🚀")
    (7, 2)
    """
    return len(text.encode("utf-16-le")) // 2


@dataclass(frozen=True)
class Finding:
    """One problem in a message: where, which rule, what, and how to fix it."""

    line: int  #: 1-based line number in the message
    rule: str  #: a key of :data:`RULES`
    message: str
    fix: str


@dataclass(frozen=True)
class Recipient:
    """What the store knows about the person a message is for."""

    name: str
    evidence: TieEvidence | None  #: the user's own tie to them; None: no export is the user's
    knowers: tuple[str, ...] = ()  #: colleagues whose exports list them (common ground)

    @property
    def relationship(self) -> bool:
        """The two of you have exchanged messages both ways (or a recommendation)."""
        ev = self.evidence
        return ev is not None and (
            (ev.messages_sent > 0 and ev.messages_received > 0) or ev.recommendations > 0
        )


def recipient(store: Store, target: Person) -> Recipient:
    """What the store says about ``target`` for :func:`check_message`.

    Parameters
    ----------
    store
        The open store.
    target
        From :func:`refpath.routes.people.find_person` (or a prospect, ``id == 0``).

    Returns
    -------
    Recipient
        The user's own evidence with them (None when no export is marked as
        the user's) and the colleagues whose exports list them.
    """
    me = store.me_person_id()
    evidence: TieEvidence | None = None
    if me is not None:  # a prospect in no export (id 0) has no evidence with anyone
        evidence = pair_evidence(store.conn, me, target.id) if target.id else NO_EVIDENCE
    return Recipient(target.name, evidence, target.known_by)


def _line(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def _first_line(text: str) -> int:
    for n, line in enumerate(text.split("\n"), 1):
        if line.strip():
            return n
    return 1


def check_message(
    text: str,
    *,
    channel: str = "inmail",
    free_account: bool = False,
    to: Recipient | None = None,
    kind: str | None = None,
) -> list[Finding]:
    """Every etiquette finding in ``text``, in line order.

    Parameters
    ----------
    text
        The message. Line numbers count ``\\r\\n`` and ``\\r`` as one break.
    channel
        ``note``, ``inmail`` or ``email``: the length limit (:data:`LIMITS`).
    free_account
        A note from a free account: 200 characters instead of 300.
    to
        Whom it is for (:func:`recipient`): turns on the closeness rule, checks
        the greeting names them, counts the colleagues who know them as common
        ground, and lets a real relationship excuse pitch words and links.
    kind
        What the message is, a key of :data:`refpath.message_kinds.KINDS`;
        None: :func:`refpath.message_kinds.detect_kind` decides. It says which
        rules apply (:data:`APPLIES`): a thank-you needs no reason.

    Returns
    -------
    list of Finding
        Empty when the message is clean.

    Raises
    ------
    ValueError
        An unknown ``channel`` or ``kind``.

    Examples
    --------
    >>> cold = "Hi {name}, I help companies like yours 10x pipeline. Can we hop on a quick call?"
    >>> sorted({f.rule for f in check_message(cold)})
    ['impersonal', 'no-common-ground', 'no-reason', 'pitch', 'vague-meeting']
    >>> warm = ("Hi Jane, my colleague Bob Okafor suggested I write. I'd like to ask you about "
    ...         "line maintenance: would you have 15 minutes for a call? No worries if not.")
    >>> check_message(warm, channel="note")
    []
    """
    if channel not in LIMITS:
        raise ValueError(f"unknown channel {channel!r}; use one of {', '.join(LIMITS)}")
    if kind is not None and kind not in KINDS:
        raise ValueError(f"unknown kind {kind!r}; use one of {', '.join(KINDS)}")
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2019", "'")
    kind = kind or detect_kind(text)
    applies = APPLIES[kind]
    found: list[Finding] = []
    top = _first_line(text)

    def add(offset: int | None, rule: str, message: str, fix: str) -> None:
        found.append(Finding(top if offset is None else _line(text, offset), rule, message, fix))

    for m in _STANDARD.finditer(text):
        add(
            m.start(), "standard-invite", "LinkedIn's standard invitation text",
            "Replace it with one personal line: who you are, why them, and whom you share.",
        )  # fmt: skip
    merge = _MERGE.search(text)
    if merge:
        add(
            merge.start(), "impersonal", f"a mail-merge field {merge.group(0)!r}",
            "Write to one person: greet them by name and say why you picked them.",
        )  # fmt: skip
    else:
        opening = text.split("\n")[top - 1]
        greeted = _GREETING.match(opening) or _NAME_LINE.match(opening) or _VOCATIVE.search(opening)
        first = to.name.split()[0].lower() if to and to.name.split() else ""
        if first and first not in text.lower():
            add(None, "impersonal", f"{to.name if to else ''} is never named",
                f"Greet them by name: \"Hi {to.name.split()[0] if to else ''},\".")  # fmt: skip
        elif not first and not greeted and "greeting" in applies:
            add(None, "impersonal", "no greeting by name",
                "Start with the person's name, e.g. \"Hi Jane,\".")  # fmt: skip
    if not (to and to.relationship):
        lines: set[int] = set()
        for sold in pitch_sentences(text, kind=kind):
            if _line(text, sold.start) in lines:
                continue  # one pitch finding a line: the first thing that sells there
            lines.add(_line(text, sold.start))
            add(
                sold.start, "pitch",
                f"{FAMILIES[sold.family]} to someone who has no relationship with you "
                f"({sold.words!r})",
                _PITCH_FIX[sold.family],
            )  # fmt: skip
    # the reason placeholder is flagged as no-reason; it stands for a topic here
    filled = _REASON_PLACEHOLDER.sub(lambda m: "x" * len(m.group(0)), text)
    asked = vague_time_request(filled) if "vague-meeting" in applies else None
    if asked is not None:
        add(
            asked.start, "vague-meeting",
            f"asks for their time ({asked.words!r}) with no stated {' or '.join(asked.missing)}",
            "Say what about and for how long, e.g. \"a 15-minute call about how you plan "
            "line maintenance\".",
        )  # fmt: skip
    placeholder = _REASON_PLACEHOLDER.search(text)
    if placeholder:
        add(
            placeholder.start(), "no-reason", "the reason is still refpath's placeholder",
            "Replace it with what you want to talk about (refpath draft NAME --reason TEXT).",
        )  # fmt: skip
    elif "no-reason" in applies and not (_REASON.search(text) or states_topic(text)):
        add(
            None, "no-reason", "no reason for reaching out",
            "Say why you are writing: \"I'd like to ask you about ...\" or "
            "\"I'm writing because ...\".",
        )  # fmt: skip
    for m in _PLACEHOLDER.finditer(text):
        if not _REASON_PLACEHOLDER.match(text, m.start()):
            add(m.start(), "placeholder", f"placeholder {m.group(0)} left in",
                "Fill it in, or set it in config.toml (see docs/messages.md).")  # fmt: skip
    knowers = [k for k in (to.knowers if to else ()) if k and k.lower() in text.lower()]
    if "no-common-ground" in applies and not knowers and not _COMMON.search(text):
        add(
            None, "no-common-ground", "nothing you share is mentioned",
            "Name the person you both know, or what you have in common (a company, an event, "
            "their post).",
        )  # fmt: skip
    limit = FREE_NOTE_LIMIT if channel == "note" and free_account else LIMITS[channel]
    size = char_count(text.strip())
    if size > limit:
        cut = text.strip()
        over_at = len(cut.encode("utf-16-le")[: limit * 2].decode("utf-16-le", "ignore"))
        add(
            text.find(cut) + over_at, "over-length",
            f"{size:,} characters; {_CHANNEL[channel]} allows {limit:,}",
            f"Cut {size - limit} characters: keep the greeting, the reason, the ask and the "
            "way out.",
        )  # fmt: skip
    if to is not None:
        backed = to.relationship
        for m in _CLOSENESS.finditer(text):
            if not backed:
                add(
                    m.start(), "unbacked-closeness",
                    f"{m.group(0)!r}, but the store shows no conversation between you and "
                    f"{to.name}" + ("" if to.evidence is not None else " (no export is yours)"),
                    "Don't imply a relationship you don't have; say how you found them instead.",
                )  # fmt: skip
    return sorted(found, key=lambda f: (f.line, f.rule))
