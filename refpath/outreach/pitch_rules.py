"""Sentences that sell: self-promotion, value claims, selling asks, recruiting, nags.

:func:`pitch_sentences` reads a message one sentence at a time and names what
each selling sentence does, one of :data:`FAMILIES`:

- ``self-promotion``: the sender's company, product or team is the subject and
  it offers something ("we help ...", "our platform ...", "I run an agency
  that ...", "<Name> is a platform that ...", "our clients typically ...");
- ``value-claim``: a benefit promised in numbers or in the words of a sales
  page (percentages, multipliers, payback, "double your ...", "cut your costs");
- ``selling-ask``: a call to action that sells: a booking link or any link, a
  demo, trial, pilot, webinar, deck, case study, a price, discount or deadline,
  a partnership "between our companies", "see if there's a fit";
- ``recruiting``: a role "you'd be ideal for", a client who is hiring;
- ``prospecting``: a question that looks for the buyer ("who handles
  procurement for ...?");
- ``nag``: a follow-up to someone who never answered ("following up again",
  "did you get a chance to look", "bumping this").

A compliment, a congratulation or a question that turns into a plug is caught
by the plug. A first contact, intro-ask or blurb that none of these rules
flags is read by :mod:`refpath.outreach.pitch_model`, a small model of how pitches are
worded; when it reads as a pitch, its most selling sentence is named
(``sales-language``). Requests for time are in :mod:`refpath.outreach.time_requests`.
Pure functions; :mod:`refpath.outreach.etiquette` turns what they find into findings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from refpath.outreach.message_kinds import Sentence, sentences
from refpath.outreach.pitch_model import read
from refpath.outreach.time_requests import MEET

#: What a selling sentence does, as the pitch finding words it.
FAMILIES: dict[str, str] = {
    "self-promotion": "promotes the sender's company or product",
    "value-claim": "promises a benefit in numbers or sales words",
    "selling-ask": "asks them to buy, book, try or read something",
    "recruiting": "pitches a job they never asked about",
    "prospecting": "looks for the buyer",
    "nag": "follows up a message they never answered",
    "sales-language": "reads like a sales pitch",
}

_I = re.IGNORECASE
_PRODUCT = (
    r"(?:tool|platform|product|solution|software|app|service|services|engine|system|module"
    r"|dashboard|add-on|plugin|bots?|technology|offering|packaging|framework|api|suite|agency"
    r"|consultancy|firm|startup|company|business|team|studio)"
)
_OFFER_VERB = (
    r"(?:help|helps|helped|enable|enables|enabled|empower|empowers|specialis|specializ|provide"
    r"|provides|offer|offers|deliver|delivers|delivered|power|powers|automate|automates"
    r"|automated|partner|partners|serve|serves|solve|solves|solved|fix|fixes|eliminate"
    r"|eliminated|take care|handle|handles|place|places|guarantee|guarantees|turn|turns"
    r"|increase|increases|reduce|reduces|cut|cuts|save|saves|boost|boosts|grow|grows|give"
    r"|gives|giving|bring|brings|support|supports|build|builds|make it easy|transform"
    r"|streamline|optimi[sz]e|accelerate|unlock|integrate|plug|supply|supplies|produce"
    r"|produces|manufacture|sell|sells|export|distribute|coach|train|advise|design|designs)"
)
_SELF = re.compile(
    # we / our team / my firm + an offering verb
    r"\b(?:we|our (?:\w+ )?" + _PRODUCT + r"|my (?:\w+ )?" + _PRODUCT + r"|(?:the )?(?:clients"
    r"|customers|companies|teams|firms|brands|leaders|founders) (?:we|i) work with)"
    r"(?:'re|'ve| are| is| has| have| been| also| now| just| already| actually| currently"
    r"| really| can| could| would| will| typically| usually| practically)*\s+"
    + _OFFER_VERB
    + r"\w*"
    # we are (a) leading provider / we're hosting / we're the team behind
    r"|\bwe(?:'re| are) (?:an? |the )?(?:leading |trusted |top |specialist |certified )?"
    r"(?:provider|partner|platform|agency|consultancy|firm|vendor|manufacturer|supplier"
    r"|specialists?|experts?|team behind|makers?|creators?)\b"
    r"|\bwe(?:'ve| have)? (?:just |recently )?(?:launched|built|released|developed|created)"
    r" (?:a |an |our |the |something|it|(?-i:[A-Z]))"
    r"|\bwe (?:have|offer|sell|make) (?:something|a (?:new|better)|the best)"
    r"|\bthat'?s (?:exactly |actually |precisely )?(?:what|why|where) (?:we|our)\b"
    r"|\b(?:where|why) we come in\b"
    # my firm / our startup, our product named as such
    r"|\bour (?:\w+ )?(?:startup|agency|consultancy|firm)\b"
    # I run / I founded an agency that
    r"|\bi (?:run|own|founded|co-founded|started|lead|manage|head) (?:a|an|my) (?:\w+ ){0,3}"
    r"(?:agency|firm|consultancy|startup|studio|company|business)\b[^.!?]{0,12}?\b(?:that|which"
    r"|who|helping|where we)\b"
    r"|\b(?:i'?m|i am) (?:the )?(?:co-?)?founder of \w+[^.!?]{0,6}?\b(?:a|an|the) "
    r"|\b(?:i'?m|i am) (?:writing|reaching out|contacting you) (?:from|on behalf of) (?-i:[A-Z])"
    r"|\b(?:i'?m|i am) (?:the )?(?:co-?)?founder of (?:\w+ ){0,2}\w+,? (?:we|a|an|which|that)\b"
    # I help / I work with <people> to / like yours
    r"|\bi (?:help|work with|partner with|support) (?:\w+ ){0,3}(?:companies|teams|businesses"
    r"|brands|founders|leaders|agencies|startups|clients|firms|organi[sz]ations|retailers"
    r"|hospitals|people|coaches|executives|professionals)\b[^.!?]{0,30}?(?:\bto\b|like yours?"
    r"|\bwho\b|\bthat\b|\bgrow|\bscale|\bget\b)"
    r"|\bused by \d|\btrusted by\b|\bswitch(?:es|ing)? (?:to|over to) us\b"
    r"|\b(?:natural|good|great|perfect) fit for (?:you|your|(?-i:[A-Z]))"
    r"|\bwe(?:'d| would) love to (?:be part of|support|work with|help|partner)"
    r"|\b(?:see )?(?:where|how|whether|if) we (?:can|could|might) (?:support|help|add value)"
    r"|\bour (?:clients|customers|users) (?:typically |usually |often |all )?(?:see|get|save"
    r"|report|say|love|include|grow|cut)",
    _I,
)
_CUSTOMERS = (
    r"(?:companies|teams|brands|startups|start-ups|clients|businesses|agencies|orgs"
    r"|organi[sz]ations|firms|retailers|founders|enterprises|smes|customers|manufacturers"
    r"|plants|hospitals|clinics|schools|leaders|executives|shops|stores|restaurants|hotels"
    r"|distributors|banks|insurers|fintechs|law firms|sellers|merchants|b2b|saas)"
)
_INQUIRY = re.compile(  # a sentence that asks about them is not a sales sentence
    r"\b(?:how|whether|why|ask|asking|researching|studying|curious|wonder|wondering|question"
    r"|learn|understand)\b",
    _I,
)
_SERVES = re.compile(  # "I / we / our studio ... for (or with) fashion brands": whom they sell to
    r"\b(?:i|i'?m|i am|we|we're|we are|our (?:\w+ )?"
    + _PRODUCT
    + r"|(?-i:[A-Z])[\w&'-]+(?: (?-i:[A-Z])[\w&'-]+)? (?-i:[a-z]+s))\b[^.!?]{0,80}?\b(?:for"
    r"|with|to|help|helping|serving|serve|supporting|onboarding|signing up|signing)"
    r" (?:\w+[ -]){0,3}" + _CUSTOMERS + r"\b(?! (?:i|we) (?:met|know))",
    _I,
)
_OFFERING = re.compile(  # the sender offering to do the work, or pointing to proof
    r"\b(?:we|our (?:\w+ )?(?:team|people|reps|advisors|experts|consultants|developers"
    r"|engineers|designers|staff|agents)) (?:can|could|would|will|'d|'ll|are (?:glad|happy|able"
    r"|ready)) (?:\w+ ){0,3}?(?:take over|handle|run|build|design|deliver|do|provide|cover|beat"
    r"|set up|manage|support|supply|produce)\b|\bat your disposal\b|\bat a fraction of\b"
    r"|\b(?:are|is) ready (?:in|within) (?:a|\d+)\b|\b(?:came|come|turned|turn|switched) to us\b"
    r"|\bwhat (?:we|i)(?:'re| are|'m| am)? (?:do|doing|build|building|offer|offering|make|making"
    r"|sell|selling)\b[^.!?]{0,40}\b(?:interest|help|benefit|suit|resonate|be (?:relevant|useful"
    r"|valuable))"
    r"|\brely on us\b|\b(?:clients|customers|brands|companies) (?:like|such as) (?-i:[A-Z])"
    r"|\bhow we(?:'d| would| could| can| might) (?:approach|tackle|solve|handle|help|do)\b"
    r"|\bi represent\b|\bgreetings from (?-i:[A-Z])|\b(?:on behalf of|writing from) (?-i:[A-Z])"
    r"|\bin case (?:\w+ ){1,3}(?:ever )?needs?\b|\bwants? the same\b"
    r"|\b(?:product|app|tool|platform|service|book|course)\b[^.!?]{0,40}\b(?:went live|is live"
    r"|just launched|is out now|launches)\b|\bthat'?s what (?:\w+ ){1,2}(?:brings?|does|offers"
    r"|delivers|gives|provides)\b|\bsee results\b|\bresults (?:in|within) (?:the first|\d+|a)"
    r"|\bi'?m offering\b|\bwe're offering\b|\bour (?:portfolio|references|track record|rates)\b"
    r"|\bbe on your radar\b|\bintroduce (?:you to )?(?:our|my) (?:company|firm|services"
    r"|products?|agency|offer|solutions?|business)\b"
    r"|\b(?:our|my) (?:customers|clients|users)\b(?! (?:asked|ask))",
    _I,
)
_SENDER = re.compile(  # the sender's side acting: "we do", "our studio", "my clients"
    r"\b(?:we|we're|we've|we'd|we'll|us|our (?!call\b|chat\b|conversation\b|mutual\b)\w+"
    r"|my (?:co-?founder|team|clients|customers|company|firm|agency|studio|startup|business))\b"
    r"|\bi (?:coach|sell|make|build|offer|design|train|advise|consult|supply|provide|run|help"
    r"|represent|teach|create|develop)\b",
    _I,
)
_BENEFICIARY = re.compile(  # ... for them or for their kind of company
    r"\b(?:your|yours|for you|you can|you'?ll|you (?:get|save|need|want))\b|\bas a service\b"
    r"|\b(?:companies|teams|brands|businesses|firms|clinics|hospitals|insurers) like (?:yours"
    r"|(?-i:[A-Z]))|\byour (?:competitors?|peers|industry)\b",
    _I,
)
_BUYER = re.compile(  # "we're evaluating three tools": the sender shops, it doesn't sell
    r"\b(?:we|i|our (?:\w+ )?(?:company|team|firm|school|clinic|office|department))(?:'re|'m| are"
    r"| am| is)? (?:currently |now )?(?:evaluating|considering|comparing|choosing|shopping"
    r"|deciding|trialling|trialing|looking (?:for|at|into) (?:a|an|some|new|options|which|what"
    r"|three|two|several)|about to (?:choose|buy|pick|sign))\b",
    _I,
)
_SHARED = re.compile(  # "we met", "we both": common ground, not an offer
    r"\bwe (?:both|all|met|were|overlapped|studied|worked together|share|have \w+ in common"
    r"|spoke|talked|chatted)\b|\bboth\b|\bmutual\b|\bfellow\b",
    _I,
)
_OUR_PRODUCT = re.compile(  # "our platform": selling unless the sentence asks about them
    r"\bour (?:\w+ ){0,2}(?:tool|platform|product|solution|software|app|services?|engine"
    r"|module|dashboard|add-on|bots?|technology|offering|packaging)\b"
    r"|\b(?:building|built|launched|developed|made|created|released) (?:an?|the|our)"
    r" (?:[\w-]+ ){0,2}(?:app|tool|platform|product|software|service|solution|system)\b"
    r" (?:that|which|for|to)\b"
    r"|\b(?:problem|challenge|pain|issue|need)s? (?:\w+ ){0,3}(?:was|is|were|are) built (?:for|to)"
    r"|\b(?:was|is|were) (?:built|designed|made) (?:for|to (?:solve|fix|handle))\b"
    r"|\bwe have (?:an? )?(?:experienced|skilled|certified|dedicated|expert|talented|strong)"
    r" (?:team|developers|engineers|staff|consultants|designers)\b",
    _I,
)
_COMPANY_SUBJECT = re.compile(  # "Northbeam Labs is a data consultancy that ..."
    r"\b[A-Z][\w&'-]+(?: [A-Z][\w&'-]+)? (?:is (?:a|an|the) (?:[\w-]+ ){0,4}(?:platform|tool"
    r"|solution|consultancy|agency|provider|app|service|company|startup|software|marketplace"
    r"|firm|studio)\b|(?:helps|enables|empowers|specialises|specializes|automates|powers)\b"
    r"|makes (?:\w+ ){0,3}?(?:easy|effortless|simple|painless|seamless|a breeze)\b)"
)
_BENEFIT = (
    r"(?:churn|costs?|revenue|pipeline|growth|sales|conversions?|conversion rates?|retention"
    r"|margins?|efficiency|productivity|leads|bookings|roi|spend|bills?|downtime|waste|no-shows"
    r"|stockouts|turnover|reply rates?|response rates?|ltv|lifetime value|cash ?flow|profits?"
    r"|onboarding time|write-offs|close rates?|deal size|win rates?|ticket volume|headcount"
    r"|hiring time|time to hire|overhead|expenses|fees|customers|sign-?ups|traffic|rankings"
    r"|engagement|output|velocity|throughput|errors|returns|defects|claims|time|hours"
    r"|lead times?|idle time|losses|risk)"
)
_VALUE = re.compile(
    r"\b\d+(?:[.,]\d+)?\s?(?:%|percent\b|per cent\b|x\b|times\b|-fold\b)"
    r"|(?:[$€£]\s?\d[\d,.]*\s?[km]?\b|\b\d[\d,.]*\s?[km]?\s?(?:dollars|euros|pounds)\b)"
    r"|\b(?:double|triple|quadruple|halve|2x|3x|5x|10x|slash|skyrocket|supercharge|maximi[sz]e"
    r"|unlock|boost|accelerate|increase|grow|lift|lower|reduce|cut|save|improve|drive|eliminate"
    r")(?:s|d|ing)? (?:\w+ ){0,2}?(?:your|their) (?:\w+ ){0,2}?" + _BENEFIT + r"\b"
    r"|\bunlock (?:\w+ )?growth\b|\b(?:reduce|cut|lower|slash|eliminate)(?:s|d|ing)? churn\b"
    r"|\bpays? for itself\b|\bpayback\b|\breturn on investment\b|\broi\b|\bguarantee[ds]?\b"
    r"|\b(?:recover|recoup|earn back|get back) (?:their|your|the|its) (?:investment|money|cost)"
    r"|\bbeat (?:your|their|its) (?:pric|rate|quote|costs?)\w*"
    r"|\b(?:shorter|faster|bigger|higher|lower|fewer|more) (?:sales cycles|deals|margins"
    r"|revenue|costs|churn|bookings|conversions|leads)\b"
    r"|\bproven (?:framework|method|system|results|process|playbook|formula)\b"
    r"|\bby (?:up to |over |more than |at least |almost )?(?:a|one) (?:third|quarter|fifth"
    r"|half)\b|\bin half the time\b|\b(?:cut|halve|reduce|slash)\w* (?:\w+ ){0,3}in half\b"
    r"|\b(?:reduce|cut|lower|slash|boost|increase|grow|improve|raise|save)\w* (?:\w+ ){0,2}your"
    r" (?:[\w-]+ ){1,3}by (?:up to |over |more than |at least )?(?:\d|a |one |half)"
    r"|\bfrom \d+\s*\w+ (?:down )?to (?:just |only )?\d+"
    r"|\b(?:\d+(?:[.,]\d+)?|two|three|four|five|ten|twice|half) (?:times )?(?:as )?(?:faster"
    r"|quicker|cheaper|further|far|better|more)\b|\btwice as\b"
    r"|\b(?:shave[sd]?|shaving|trim(?:med)?|knock(?:ed)?|take|took|took) (?:\w+ )?(?:\d+|hours"
    r"|days|weeks|months) off\b|\b(?:get|gets|got|bring|brings|brought) (?:that|it|this|them)"
    r" down to\b|\bdown to (?:minutes|seconds|hours|days)\b"
    r"|\b(?:one of )?your (?:competitors?|rivals|peers)\b|\bcould do even better\b",
    _I,
)
_VALUE_NEEDS = re.compile(  # a number only sells next to a benefit
    r"\b(?:cut|reduc|lower|sav|increas|boost|grow|grew|more|less|fewer|faster|improv|lift|gain"
    r"|off\b|roi|return|payback|revenue|pipeline|leads|conversion|churn|retention|cost|bill"
    r"|spend|margin|sales|bookings|reply rate|productiv|efficien|uplift|qualified|results"
    r"|guarantee|within|in just|in only|double|triple)",
    _I,
)
_ABOUT_THEM = re.compile(  # "your post on cutting scrap by 20%" is not a claim
    r"\byour (?:post|talk|article|paper|piece|newsletter|book|study|research|podcast|thesis"
    r"|report|keynote|session|thread)\b|\bhow (?:did |do |does |have )?(?:you|they|\w+ \w+s)\b"
    r"|\byou (?:cut|reduced|grew|increased|said|mentioned|wrote|managed)\b|\bwhether\b",
    _I,
)
_ASK = re.compile(
    r"https?://\S+|\bwww\.\S+|\b[\w-]+\.(?:com|io|ai|co|net|app|ly)/\S*"
    r"|\bcalendly\b|\bbook (?:a|some|your) (?:time|slot|call|meeting|demo|spot)\b"
    r"|\b(?:grab|pick|choose) (?:a|any|an?) (?:\w+ )?(?:slot|time)\b|\bon my calendar\b"
    r"|\btry (?:it|us|\w+) (?:free|for free|out)\b|\bfree for \d+ days\b|\b\d+% off\b"
    r"|\b(?:a|our) pilot\b|\bpilot of (?:our|the)\b|\bour (?:\w+ )?(?:proposal|offer|quote)\b"
    r"|\b(?:special|limited|exclusive)(?:[- ]time)? (?:offer|pricing|price|deal|spots?)\b"
    r"|\boffer (?:ends|closes|expires|is valid)\b|\bthis (?:month|week|quarter) only\b"
    r"|\b(?:sign|signs|signing) (?:up|before)\b|\breserve (?:a|your) (?:spot|seat|place)\b"
    r"|\bsave you a seat\b|\bclaim (?:yours|your|it)\b|\bbefore the (?:end of|\d+)"
    r"|\b(?:our|special|discounted|preferential|best) pric(?:e|es|ing)\b"
    r"|\b(?:send|discuss|share|see) (?:you )?(?:our |the )?pricing\b|\bpricing (?:details"
    r"|sheet|page|options)\b|\b(?:free|complimentary|no-cost) (?:audit|assessment|consultation"
    r"|review|sample|analysis|strategy session)\b|\baudit at\b"
    r"|\b(?:propose|explore|discuss|start) (?:a |an |the |some )?(?:possible |potential )?"
    r"(?:partnership|collaboration|cooperation)\b|\b(?:collaboration|partnership|cooperation)"
    r" (?:between|with) (?:our|your)\b|\bbetween our (?:companies|teams|firms|organi[sz]ations)\b"
    r"|\bpartner(?:ship)? (?:programme|program|brochure|opportunit(?:y|ies))\b"
    r"|\b(?:partnership|collaboration|cooperation|synerg(?:y|ies))\b[^.!?]{0,40}\bbetween\b"
    r"|\b(?:send|share|show|give|walk|present|email|tell) (?:you )?(?:over |across |through )?"
    r"(?:our\b|how (?:we|our|it|this)\b|what (?:we|our|that|it)\b|more about (?:us|our|what we"
    r"|how we))|\bpresent (?:you )?our\b"
    r"|\bsee (?:if|whether|where) (?:there'?s|there is|we)\b[^.!?]{0,20}\b(?:fit|could|can)\b"
    r"|\bworth a (?:look|chat|conversation|call)\b|\binterested to (?:learn"
    r"|hear|see) more\b|\bwould it make sense to (?:talk|connect|chat|speak|meet)\b"
    r"|\bif you (?:ever )?need (?:any |extra |more |a new |an? )?(?:help|hands|support|supplier"
    r"|partner|vendor)|\bneed (?:a )?new (?:supplier|vendor|partner)\b|\bgive you access\b"
    r"|\b(?:in front of|to) the right person\b|\bget (?:it|our|this) in front of\b"
    r"|\bsee what (?:that|this|it) could look like\b|\bshall i (?:send|reserve|set|add|book)\b"
    r"|\b(?:a|an|our|my|one) (?:free|complimentary|no-cost|no-obligation) (?:[\w-]+ ){0,3}"
    r"(?:session|consultation"
    r"|audit|trial|assessment|call|review|proof of concept|poc|sample|quote|estimate|report"
    r"|analysis|workshop|strategy)\b|\bproof of concept\b|\b(?:zero|no) (?:commitment"
    r"|obligation|strings)\b|\b(?:our |the )?beta\b|\broundtable\b|\bspots? (?:are|is)"
    r" (?:filling|limited|left)\b|\badd your name\b|\bregist(?:er|ration)\b"
    r"|\b(?:video|recording|mock-?up|audit|analysis|report|teardown|loom)\b[^.!?]{0,30}"
    r"\b(?:showing|shows|of how|for (?-i:[A-Z]))|\bcan i send (?:it|this|you)\b"
    r"|\b(?:lock in|secure) (?:the|this|your|a) (?:current )?(?:price|rate|discount|deal)\b"
    r"|\b(?:goes|go) up to [$€£]?\d|\bjoint (?:offer|venture|proposal|webinar)\b"
    r"|\bour two (?:companies|firms|teams|brands)\b|\bportfolio attached\b"
    r"|\bplease find (?:our|the attached|attached)\b"
    r"|\b(?:propose|offer|suggest)(?: you)? (?:a|an|our|some) (?:possible |potential )?"
    r"(?:cooperation|collaboration|partnership)\b|\b(?:competitive|low|lowest|best|attractive"
    r"|affordable|special) (?:prices|pricing|rates)\b|\b(?:distribution|sales|reseller|channel"
    r"|business) partners?\b|\b(?:slots?|places|seats|spots) left\b|\bapplications? (?:close"
    r"|deadline)|\bdeadline for\b|\bwant the link\b"
    r"|\binvite you to (?:an? |our |the )?(?:[\w-]+ ){0,3}(?:briefing|event|dinner|breakfast"
    r"|lunch|summit|session|masterclass|webinar|launch|party|roundtable|meetup|conference)\b"
    r"|\b(?:seats|places|spots) are (?:limited|going)\b|\bquick wins\b|\bteardown\b"
    r"|\bwhere (?:should|can|shall) i send\b|\boffer you (?:our|a|an|the)\b"
    r"|\b(?:for )?only [$€£]?\d|\b\d+ (?:euros?|eur|usd|dollars?|pounds?|gbp)\b|\bper (?:month"
    r"|year|seat|user)\b|\bvalid (?:until|till|through)\b|\b(?:our|a|the) (?:free )?trial\b"
    r"|\bset you up with\b|\b(?:waiting|awaiting) (?:for )?your (?:inquiry|enquiry|order"
    r"|reply|response)\b|\byour (?:inquiry|enquiry|order)\b|\bprove it\b",
    _I,
)
_SELLING_NOUN = re.compile(  # what a pitch offers; it sells only when offered (_OFFERED)
    r"\b(?:demo|demos|walkthrough|walk-through|product tour|free trial|trial period|webinar"
    r"|masterclass|deck|pitch deck|one-pager|brochure|case stud(?:y|ies)|white ?paper|samples"
    r"|price list|rate card|synergies|early[- ]bird|discount|discounted|half price|coupon"
    r"|promo code)\b",
    _I,
)
_OFFERED = re.compile(  # ... to the reader, by the sender: "our deck", "I can send you a demo"
    r"\b(?:you|your|our|we|us|share|send|sending|attach|attached|show|check out|take a look"
    r"|here'?s|here is|link|book|try|join|register|want|interested|fancy)\b",
    _I,
)
_ASKS_THEIRS = re.compile(  # "do you offer any discounted places?": the sender would buy
    r"\b(?:do|does|would|could|can|will) (?:you|your \w+|they) (?:\w+ )?(?:offer|have|sell"
    r"|give|provide|run)\b",
    _I,
)
_RECRUIT = re.compile(
    r"(?<!your )(?<!their )\b(?:role|position|opportunit(?:y|ies)|opening|vacancy|mandates?"
    r"|requirement|job)\b[^.!?]{0,60}\b(?:you(?:'d| would) be|you seem|you look|ideal|perfect"
    r"|great fit"
    r"|strong match|good match|match(?:es)? your|your (?:profile|background|experience))"
    r"|\b(?:you(?:'d| would) be|you seem|you look|you(?:'re| are)) (?:\w+ )?(?:perfect|ideal"
    r"|a (?:great|strong|perfect|good|brilliant) (?:fit|match|addition)|a brilliant addition)"
    r"|\b(?:fit|fits) right in\b|\b(?:i'?m|we'?re|we are|i am|currently) (?:hiring|recruiting)\b"
    r"|\b(?:recruiting|hiring) for (?:a|an|the|my|our|(?-i:[A-Z]))|^\W*hiring\b"
    r"|\b(?:remote[- ](?:friendly|first)|fully remote|full remote|hybrid role|relocation package)"
    r"|\b(?:my|our|esteemed) client\b|\b(?:competitive|attractive) (?:salary|package"
    r"|compensation)|\bsalary\b|\bequity on the table\b|\bup to \d+k\b"
    r"|\bopen to (?:new )?(?:opportunities|challenges|a (?:move|change)|exploring)\b"
    r"|\bconsider a move\b|\b(?:currently|actively) looking\b|\bupdated (?:cv|resume)\b"
    r"|\b(?:share|send) (?:me )?your (?:cv|resume)\b|\b(?:leadership|executive) search\b"
    r"|\bexciting (?:new )?opportunity\b|\bnext step (?:in your career|you'?ve been)"
    r"|\bplace[sd]? (?:\w+ )?(?:leaders|candidates|talent|engineers)\b"
    r"|(?<!your )(?<!their )(?<!his )(?<!her )\b(?:role|position|opening|vacancy|job)"
    r" (?:for|as|of) (?:a |an )?(?:senior |junior |lead |staff |principal )?(?-i:[A-Z])"
    r"|\binterested in (?:a|an|the|this) (?:[\w-]+ ){0,4}(?:role|position|job|opportunity)\b"
    r"|\b(?:is|are|'re|'m|am) (?:looking for|seeking|hiring) (?:a|an) (?:[\w-]+ ){0,3}"
    r"(?:head|director|vp|manager|engineer|developer|designer|lead|cto|cfo|coo|analyst"
    r"|scientist|architect|recruiter|specialist)\b|\bthought of you for\b"
    r"|\b(?:have|want) you (?:on board|on the team|join)\b|\bnotice period\b|\bctc\b"
    r"|\b(?:send|share) (?:me )?your (?:profile|cv|resume)\b|\bstrong equity\b"
    r"|\byou'?d (?:crush|nail|smash|love) it\b|\bshortlist\b|\byour name came up\b"
    r"|\b(?:coo|ceo|cfo|cto|cio|vp|director|head of \w+|board) search\b"
    r"|\b(?:excellent|ideal|strong|perfect|great) candidate\b",
    _I,
)
_PROSPECT = re.compile(
    r"\bwho(?: handles| manages| owns| runs| decides| signs off| looks after| is in charge of"
    r"|'s in charge of| is responsible for| makes (?:the )?(?:decisions?|calls?)| buys)\b"
    r"[^.!?]{0,40}"
    r"(?:procurement|purchasing|buying|vendors?|suppliers?|tools?|software|it\b|marketing"
    r"|partnerships|budget|decisions?)"
    r"|\b(?:are you|is your team) (?:still )?using (?:spreadsheets|excel|\w+) for\b"
    r"|\bwhat'?s your (?:biggest|main|number one|#1) (?:challenge|pain|problem|headache)"
    r"|\b(?:happy|satisfied) with (?:its|your|their) (?:current|existing) \w+"
    r"|\b(?:your|its|their) (?:current|existing) (?:supplier|provider|vendor|agency|partner"
    r"|tool|system|software|solution|contract|policy|policies|plan)\b"
    r"|\bhave you (?:ever )?considered (?:outsourcing|switching|using|moving|trying|adding)"
    r"|\b(?:time|good time|right time) to (?:review|rethink|switch|upgrade|renew|revisit) your\b"
    # asking a stranger to route you to the buyer
    r"|\bwho (?:would be|is|'s|might be) the (?:best|right|correct|appropriate) (?:person|contact"
    r"|people|one)\b|\b(?:point|direct|refer) me (?:to|towards) (?:the right|whoever|the person"
    r"|someone)\b",
    _I,
)
_NAG = re.compile(
    r"\bfollow(?:ing)?[ -]?up (?:again|once more|one (?:more|last) time|here|on (?:my|the)"
    r" (?:\w+ ){0,3}(?:message|e-?mail|note|invite|invitation|proposal|request|offer|inmail|dm"
    r"|notes|messages))"
    r"|\b(?:bump|bumping|floating|resurfacing)\b[^.!?]{0,30}\b(?:this|it|up|top)\b"
    r"|\bcircl(?:e|ing) back\b|\bchecking in (?:again|once more|one more time|on (?:my|the))"
    r"|\bdid you (?:get|have|find) (?:a |the )?(?:chance|moment|time) to\b"
    r"|\bdid (?:my )?(?:\w+ )?(?:messages?|e-?mails?|notes?|inmails?) (?:reach|get to) you\b"
    r"|\b(?:haven'?t|have not|didn'?t|did not) (?:heard|hear) (?:back|from you)\b"
    r"|\b(?:in case|not sure if) (?:you (?:saw|missed|didn'?t see|did not see)|it got"
    r" (?:buried|lost))|\bgot buried\b|\bmy (?:last|previous|earlier|first|prior) (?:\w+ )?"
    r"(?:messages?|e-?mails?|notes?|inmails?|dms?)\b|\b(?:my )?(?:second|third|fourth|fifth)"
    r" (?:message|attempt|try|note|e-?mail)\b|\blast (?:try|attempt)\b|\bone (?:more|last)"
    r" (?:time|try|attempt)\b|\bshould i (?:stop|close|give up)\b|\bclose (?:the loop|your"
    r" file)\b|\b(?:write|writing|reach|reaching|contact|contacting) (?:out )?(?:to )?(?:you )?"
    r"again\b|\bkindly revert\b|\brevert (?:back )?(?:with|to me)\b|\bany (?:thoughts|update"
    r"|news|feedback) on (?:my|the) (?:last|previous|earlier|proposal|offer|message|note)"
    r"|\bresend\b|\b(?:the|my) (?:\w+ ){0,2}(?:i|we) sent\b|\bof (?:\d+|two|three) weeks ago\b"
    r"|\bstill (?:keen|waiting|hoping) (?:to|for|on)\b[^.!?]{0,40}\b(?:you|your)\b"
    r"|\b(?:ping|pinging|pinged|nudge|nudging|chasing)\b(?! me\b)"
    r"|\btried to (?:reach|contact|get hold"
    r" of|get in touch with) you\b|\b(?:a few|several|many|multiple) times\b[^.!?]{0,20}$"
    r"|\bremind(?:ing)? you\b|\bslip(?:ped)? through\b|\bfell through the cracks\b"
    r"|\bmiss out\b|\bwhat (?:i|we) sent\b|\b(?:sent|send) (?:it )?over (?:last|earlier|on)"
    r"|\babout the (?:proposal|offer|quote|deck|email|message)\b|\btop of your inbox\b"
    r"|\b(?:got|get|saw|see|received|read) my (?:\w+ )?(?:message|e-?mail|note|inmail|dm)"
    r"|\bhear back\b|\bwaiting (?:for )?your (?:answer|reply|response|feedback|decision)\b"
    r"|\b(?:on|about|regarding|concerning|to) my (?:previous |last |earlier )?(?:offer|proposal"
    r"|request|quote)\b|\b(?:try|call|ping|e-?mail|message) you again\b"
    r"|\b\d+(?:st|nd|rd|th) (?:time|message|attempt)\b|\b(?:at least|please) (?:reply|respond"
    r"|answer)\b|\bme again\b|\bhaven'?t had (?:any|a) (?:response|reply)\b",
    _I,
)
_PAREN = re.compile(r"\([^()\n]*\)")


@dataclass(frozen=True)
class Selling:
    """One sentence that sells: where, what it does (a key of :data:`FAMILIES`), the words."""

    start: int
    family: str
    words: str


def _claim(s: Sentence, *, talking: bool = False) -> re.Match[str] | None:
    """The first claim of value in ``s``; in a reply, amounts answer a question, not claim."""
    for m in _VALUE.finditer(s.text):
        before = s.text[: m.start()]
        amount = m.group(0)[0].isdigit() or m.group(0)[0] in "$€£"  # a price is not a claim
        if amount and talking:
            continue
        if _ABOUT_THEM.search(before) or (amount and not _VALUE_NEEDS.search(s.text)):
            return None
        return m
    return None


def _offer(sentence: str) -> re.Match[str] | None:
    """The sender's side acting for the reader's benefit, in a sentence that asks nothing."""
    if _SHARED.search(sentence) or MEET.search(sentence) or "?" in sentence:
        return None
    if _BUYER.search(sentence):
        return None
    m = _SENDER.search(sentence)
    return m if m is not None and _BENEFICIARY.search(sentence) else None


def pitch_sentences(text: str, *, kind: str = "first-contact") -> list[Selling]:
    """Every sentence of ``text`` that sells, with the first thing it does.

    In a reply, a thank-you or a scheduling note, the sender talking about
    their own work answers a question, so only a claim or promotion that
    addresses the reader ("your", "you") counts there.

    >>> [s.family for s in pitch_sentences("Hi Jo. At Kora we enable teams to ship. Demo?")]
    ['self-promotion', 'selling-ask']
    """
    found: list[Selling] = []
    talking = kind in ("reply", "thank-you", "scheduling")
    blurb = kind == "blurb"  # says what the sender does: that is what a blurb is for
    for s in sentences(text):
        text1 = s.text.replace("\n", " ")  # a sentence wrapped over lines
        bare = _PAREN.sub(lambda m: " " * len(m.group(0)), text1)  # a headline in brackets
        addressed = re.search(r"\byou(?:rs?)?\b", bare, _I) is not None
        checks: list[tuple[str, re.Match[str] | None]] = [("nag", _NAG.search(bare))]
        if not talking or addressed:
            checks.append(("recruiting", _RECRUIT.search(bare)))
            checks.append(("prospecting", _PROSPECT.search(bare)))
            promotes = _COMPANY_SUBJECT.search(bare) or _OFFERING.search(bare)
            # "we cut our own costs; how do you ...?" asks; in a reply "we fixed the bug you
            # found" answers them
            if not _INQUIRY.search(bare) and not talking:
                promotes = promotes or _SELF.search(bare)
                if not blurb:  # weaker signs: our product, whom they serve, "we ... for you"
                    served = None if _ABOUT_THEM.search(bare) else _SERVES.search(bare)
                    promotes = promotes or _OUR_PRODUCT.search(bare) or served
                    promotes = promotes or _offer(bare)
            checks.append(("self-promotion", promotes))
            checks.append(("value-claim", _claim(Sentence(s.start, bare), talking=talking)))
        if not talking:
            noun = _SELLING_NOUN.search(bare)
            offered = noun if noun and (_OFFERED.search(bare) or "?" in bare) else None
            asks = _ASK.search(bare) or offered
            checks.append(("selling-ask", None if _ASKS_THEIRS.search(bare) else asks))
        for family, m in checks:
            if m is not None:
                found.append(Selling(s.start + m.start(), family, m.group(0).strip()))
                break
    if not found and not talking:  # worded unlike every rule: ask the model
        verdict = read(text)
        if verdict.sells and verdict.sentence is not None:
            said = " ".join(verdict.sentence.text.split())
            words = said if len(said) <= 60 else said[:60].rsplit(" ", 1)[0] + " …"
            found.append(Selling(verdict.sentence.start, "sales-language", words))
    return found
