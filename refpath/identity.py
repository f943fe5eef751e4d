"""One key per person: profile-URL slugs, folded names and company keys.

LinkedIn writes the same profile URL in several shapes (with or without
scheme, ``www.`` or a country subdomain, trailing slash, query string,
percent-encoding, upper case), and older exports have no URL at all. This
module turns each shape into one stable key, and folds names and companies so
that "Ana Lúcia Ferreira" matches "ana lucia ferreira" and "Priya Raman 🚀"
matches "Priya Raman". Names are only folded *for matching*; the store keeps
them as written.

Keys have a prefix saying where they come from:

``in:<slug>``
    a profile URL slug (the strongest identity there is);
``urn:li:member:<n>``
    a member URN, kept as an alias of a URL key where both are seen;
``nm:<name>|<company>``
    a row without URL: folded name plus folded company;
``ow:<name>``
    a colleague (owner) whose own profile URL is not known yet.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from urllib.parse import unquote, urlsplit

#: The version of the name and company rules: bump it whenever name_key or company_key
#: change what they return. A store keyed by older rules re-keys itself when opened
#: (refpath.store.keys), and an export added under older rules is read again when it is
#: added again (its fingerprint differs).
NAME_RULES = 3

_URN = re.compile(r"^urn:li:(?:member|person|fsd_profile):([A-Za-z0-9_-]+)$")
_LINKEDIN_HOST = re.compile(r"^(?:[a-z]{2,3}\.|www\.|m\.)?linkedin\.com$")
# Fast path for the form current exports use for nearly every row.
PLAIN_URL = re.compile(r"^https://www\.linkedin\.com/in/([a-z0-9-]+)/?$")
_PRONOUNS = re.compile(
    r"[(\[]\s*(?:she|he|they|ze|xe|her|him|them)(?:\s*/\s*[a-z]+)*\s*[)\]]"
    r"|\b(?:she|he|they|ze|xe)\s*/\s*(?:her|him|them|hers|his|theirs|they|she|he|zir|xem)"
    r"(?:\s*/\s*[a-z]+)*\b",
    re.IGNORECASE,
)
#: Degrees, certifications and suffixes people write after their name (folded, no dots).
_CREDENTIALS = {
    "mba", "emba", "phd", "dphil", "md", "cpa", "ca", "cfa", "pmp", "capm", "msc", "ms",
    "ma", "mphil", "mres", "bsc", "bs", "ba", "bcom", "mcom", "beng", "meng", "btech", "mtech",
    "bba", "mca", "bca", "jd", "llb", "llm", "esq", "pe", "peng", "ceng", "rn", "np", "pac",
    "dds", "dmd", "dvm", "pharmd", "psyd", "csm", "cspo", "csp", "psm", "safe", "spc", "cissp",
    "cism", "cisa", "ceh", "oscp", "shrm", "shrmcp", "shrmscp", "sphr", "phr", "acca", "aca",
    "fca", "cima", "cma", "cia", "cfe", "cfp", "chfc", "clu", "frm", "caia", "mph", "mfa", "edd",
    "dba", "mbbs", "facs", "frcs", "mrcp", "frcp", "acp", "pmiacp", "itil", "cscp", "cpim",
    "ccna", "ccnp", "ccie", "leed", "aia", "faia", "cbap", "cdmp", "gphr", "mcse", "mcp", "aws",
    "jr", "sr", "ii", "iii", "iv", "retd", "ret", "obe", "mbe", "cbe", "frsa", "fhea",
    "fcca", "fcma", "acma", "cgma", "bsn", "msn", "dnp", "fnp", "fnpc", "aprn", "crna", "lpn",
    "msw", "lcsw", "lmft", "lpc", "dpt", "bds", "mds", "facp", "mrcs", "mrcgp", "cipp", "cippe",
    "cipm", "crisc", "ccsp", "pgmp", "pfmp", "cpsm", "mcips", "chrp", "cphr", "cpcc", "pcc",
    "ckad", "cka", "rhce", "mcsa", "frsc", "mbcs", "fbcs", "citp", "cscs", "lssbb", "lssgb",
    "cssbb", "cssgb", "cqe", "faan", "facc", "fache", "cfre", "mpa", "mpp", "mha", "macc",
}  # fmt: skip
#: Ranks, titles and honorifics written before a first name (folded, no dots).
_TITLES = {
    "dr", "dra", "prof", "professor", "mr", "mrs", "ms", "mx", "miss", "sir", "dame", "lord",
    "lady", "rev", "revd", "fr", "sr", "sra", "srta", "herr", "frau", "ing", "dipl",
    "engr", "er", "ar", "adv", "ca", "cs", "cma", "ltc", "lt", "ltcol", "col", "maj",
    "capt", "cpt", "cdr", "cmdr", "gen", "brig", "sgt", "cpl", "pvt", "adm", "atty", "mgr",
    "bc", "mudr", "judr", "phdr", "rndr", "paeddr", "mvdr", "mddr", "thdr", "dipling",
    "pastor", "chief",
}  # fmt: skip
#: Titles only when written with their period, as some are names too ("Eng Hock", "Hon Wai",
#: "Doc"): "Eng. Karim", "Lic. Mariana", "Dott.ssa Giulia", "Avv. Luca", "Mag. Eva".
_DOTTED_TITLES = {
    "eng", "hon", "lic", "licda", "licdo", "arq", "abg", "dott", "dottssa", "avv", "arch",
    "geom", "rag", "mag", "maga", "univ", "doc", "rt", "amb", "gov", "sen", "rep", "supt",
    "insp", "det", "dir",
}  # fmt: skip
# "Dipl.-Ing.", "Dr.-Ing.", "Univ.-Prof.": abbreviations joined by a hyphen, never a name;
# "med.", "rer. nat.", "h.c." after a title: the rest of that title.
_COMPOUND_TITLE = re.compile(r"^(?:[^\W\d_]{1,6}\.-)+[^\W\d_]{1,6}\.?$")
# Words joined by slashes after a name: pronouns in any language ("ele/dele", "elle/iel",
# "er/ihm"), or roles ("Founder/CEO"); a name part is not written so.
_SLASHED = re.compile(r"^[^\W\d_]+(?:/[^\W\d_]+)+$")
_INITIALS = re.compile(r"^(?:[^\W\d_]\.){2,}$")
_GLUED_TITLE = re.compile(r"^([^\W\d_]+\.)([^\W\d_a-z].*)$")
_TITLE_TAIL = re.compile(r"^(?:[^\W\d_]{1,5}\.)+$")
#: Surname particles: a word in capitals after one is the surname ("de la ROSA"), not a
#: credential.
_PARTICLES = {
    "van", "von", "der", "den", "de", "del", "della", "di", "da", "das", "dos", "du", "la",
    "le", "les", "ten", "ter", "bin", "binti", "bint", "al", "el", "ibn", "mac", "st", "san",
    "y", "e", "zu", "af", "av",
}  # fmt: skip
#: Legal forms: never part of what a company is called.
_LEGAL_SUFFIXES = {
    "inc", "llc", "ltd", "limited", "gmbh", "corp", "corporation", "co", "plc", "sa", "ag",
    "bv", "nv", "srl", "sas", "spa", "pty", "oy", "ab", "as", "kg", "company", "incorporated",
}  # fmt: skip
#: Legal forms and generic trailing words: "Fabrikam Technologies" is Fabrikam.
_COMPANY_SUFFIXES = _LEGAL_SUFFIXES | {
    "group", "technologies", "technology", "solutions", "systems", "software", "labs",
    "analytics", "consulting", "services", "holdings", "international", "global",
}  # fmt: skip


# ASCII fast path: letters and digits kept, apostrophes dropped, the rest a space.
_ASCII_FOLD: dict[int, str | None] = {c: " " for c in range(128) if not chr(c).isalnum()}
_ASCII_FOLD.update({ord("'"): None, ord("`"): None})
# Company names also glue words at a hyphen ("Coca-Cola" ~ "CocaCola"), as they always have.
_ASCII_COMPANY = {**_ASCII_FOLD, ord("-"): None}

# Combining marks dropped: Latin accents, and the optional vowel marks of Hebrew (niqqud) and
# Arabic (harakat, and the tatweel that only stretches a word), which people type without.
_MARKS = re.compile(
    "[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
    "\u0591-\u05bd\u05bf\u05c1\u05c2\u05c4\u05c5\u05c7"
    "\u0610-\u061a\u0640\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e4\u06e7\u06e8\u06ea-\u06ed]"
)
# Apostrophes of every shape join ("O'Brien" ~ "OBrien" ~ "O\u02bcBrien"); in a name a hyphen is a
# space ("García-López" ~ "García López", "Jean-Marc" ~ "Jean Marc"), as other dashes are.
_JOINERS = re.compile("['`\u2019\u2018\u02bc\u02bb\u2032]")
_COMPANY_JOINERS = re.compile("['`\u2019\u2018\u02bc\u02bb\u2032-]")
# Not a word: anything but letters and digits, and the vowel signs of Indic and South-East
# Asian scripts and Japanese voicing marks, which belong to their word ("कुमार" is one word).
_NONWORD = re.compile(
    "(?:[^\\w\u0900-\u0dff\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u3099\u309a]|_)+"
)
#: Invisible characters a copy and paste leaves in a name (soft hyphen, zero-width space and
#: joiners, direction marks and embeddings, word joiner, byte-order mark): dropped.
_INVISIBLE: dict[int, str | None] = dict.fromkeys(
    [0xAD, 0x180E, *range(0x200B, 0x2010), *range(0x202A, 0x202F), *range(0x2060, 0x2065),
     *range(0x2066, 0x206A), 0xFEFF]
)  # fmt: skip

#: Greek and Cyrillic letters that look like a Latin letter, as Unicode's confusables data
#: (UTS #39, confusables.txt) maps them; only letters whose look-alike is one ASCII letter.
#: Applied to the words of a name in Latin letters, and to a name whose every letter
#: looks Latin; a name really written in Cyrillic or Greek is left as it is.
_CONFUSABLES = str.maketrans(
    "ͿΑΒΕΖΗΙΚΜΝΟΡΤΥΧαγινορσυϒϜϱϲϳϹϺЅІЈАВЕКМНОРСТУХЬагеорсухѕіјѡѴѵҮүһҽӀӏԁԌԛԜԝ",
    "JABEZHIKMNOPTYXayivopouYFpcjCMSIJABEKMHOPCTYXbareopcyxsijwVvYyheIldGqWw",
)
_LOOKALIKE = frozenset("ͿΑΒΕΖΗΙΚΜΝΟΡΤΥΧαγινορσυϒϜϱϲϳϹϺЅІЈАВЕКМНОРСТУХЬагеорсухѕіјѡѴѵҮүһҽӀӏԁԌԛԜԝ")


#: Latin letters Unicode does not decompose into a base letter and an accent, which people
#: type without it all the same ("Lukasz" for Łukasz, "Soren" for Søren, "Yildiz" for Yıldız).
_UNDECOMPOSED = str.maketrans(
    {"ı": "i", "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ð": "d", "Ð": "D",
     "þ": "th", "Þ": "Th", "æ": "ae", "Æ": "Ae", "œ": "oe", "Œ": "Oe", "ħ": "h", "Ħ": "H",
     "ŧ": "t", "Ŧ": "T", "ŀ": "l", "Ŀ": "L", "ƒ": "f", "´": "'", "ʹ": "'"}
)  # fmt: skip
_BEFORE_FOLD = {**_UNDECOMPOSED, **_INVISIBLE}


def _fold(text: str, company: bool = False) -> str:
    """Compatibility-decompose, strip accents, symbols and emoji, casefold, collapse spaces.

    In a name a hyphen is a space; in a company name (``company``) it joins, as an
    apostrophe does in both.
    """
    if text.isascii():
        return " ".join(text.translate(_ASCII_COMPANY if company else _ASCII_FOLD).lower().split())
    text = _MARKS.sub("", unicodedata.normalize("NFKD", text.translate(_BEFORE_FOLD)))
    joiners = _COMPANY_JOINERS if company else _JOINERS
    return " ".join(_NONWORD.sub(" ", joiners.sub("", text)).casefold().split())


def _is_latin(ch: str) -> bool:
    """A letter of the Latin script (ASCII, Latin-1, Extended-A/B, Additional, -C, -D)."""
    o = ord(ch)
    return (
        ch.isascii()
        or 0xC0 <= o <= 0x24F
        or 0x1E00 <= o <= 0x1EFF
        or 0x2C60 <= o <= 0x2C7F
        or 0xA720 <= o <= 0xA7FF
    )


def _latin_word(word: str) -> bool:
    """Whether a folded word is written in Latin letters (digits alone count as Latin)."""
    return word.isascii() or all(_is_latin(ch) for ch in word)


# Brackets, quoted nicknames, a second script after a dash or a dot.
_BRACKETS = re.compile(r"\([^()]*\)?|\[[^\[\]]*\]?|\{[^{}]*\}?|（[^（）]*）?")
_QUOTED = re.compile(r"\"[^\"]*\"?|“[^“”]*”?|„[^“”„]*[“”]?|«[^«»]*»?|(?<!\w)'[^']*'(?!\w)")
_SEGMENTS = re.compile(r"\s[-–—|/~]+\s|[·•・|]|:\s|\s[-–—]+$|^[-–—]+\s")
_DOTTED = re.compile(r"^(?:[^\W\d_]{1,4}\.){1,4}[^\W\d_]{0,4}\.?$")


def _segments(text: str) -> tuple[str, list[str]]:
    """(the name segment, other-script segments) of text split at dashes and middle dots.

    The name is the first segment with Latin letters (else the first one); a
    segment in another script is kept as an alternative spelling.
    """
    if not _SEGMENTS.search(text):
        return text, []
    parts = [p for p in _SEGMENTS.split(text) if _fold(p)]
    if not parts:
        return "", []
    latin = [p for p in parts if any(_is_latin(ch) and ch.isalpha() for ch in p)]
    main = latin[0] if latin else parts[0]
    return main, [p for p in parts if p not in latin and p is not main]


def _is_symbol(ch: str) -> bool:
    """An emoji, flag, dingbat or other symbol (or the joiners that glue emoji together)."""
    return unicodedata.category(ch)[0] == "S" or ch in "\u200d\ufe0f\ufe0e\u20e3"


def _symbol_break(text: str, role: str) -> tuple[str, str]:
    """(the name, the rest) of a name a symbol between spaces cuts off: "Doe 🔹 Growth".

    In a last-name cell after its first word; in one text holding a whole name
    after two words. A first-name cell is never cut ("Marta 🌸 Ana" is two names).
    """
    words = text.split()
    need = 1 if role == "last" else 2
    for i in range(need, len(words)):
        if all(_is_symbol(ch) for ch in words[i]) and i + 1 < len(words):
            return " ".join(words[:i]), " ".join(words[i + 1 :])
    return text, ""


def _unconfuse(words: list[str]) -> list[str]:
    """Fold look-alike Greek/Cyrillic letters inside a name written in Latin letters."""
    if not any(ch in _LOOKALIKE for w in words for ch in w):
        return words
    latin = any(any(_is_latin(ch) and ch.isalpha() for ch in w) for w in words)
    # a name with no Latin letter is folded only when every letter looks Latin
    if not latin and not all(ch in _LOOKALIKE for w in words for ch in w if ch.isalpha()):
        return words
    out = []
    for w in words:
        if all(_is_latin(ch) or ch in _LOOKALIKE or not ch.isalpha() for ch in w):
            w = w.translate(_CONFUSABLES)
        out.append(w)
    return out


def _is_credential(raw: str) -> bool:
    """Whether a word as written is a degree, certification or suffix (PhD, Ph.D., M.B.A.)."""
    folded = _fold(raw).replace(" ", "")
    if folded in _CREDENTIALS:
        return True
    if _INITIALS.match(raw):  # "M.B.A." is known; "R.S." after a surname is initials
        return False
    return bool(_DOTTED.match(raw)) and len(folded) >= 2 and raw.count(".") >= 2


def _is_caps_credential(raw: str) -> bool:
    """An all-capitals token such as PMP, CSM, SHRM-CP (2 to 6 letters), not initials (R.S.)."""
    if _INITIALS.match(raw):
        return False
    letters = raw.replace("-", "").replace(".", "").replace("&", "")
    return 2 <= len(letters) <= 6 and letters.isalpha() and letters.isupper()


# A hashtag ("#OpenToWork", "#hiring") is never part of a name.
_HASHTAG = re.compile(r"(?<!\S)#\S*")
# A status written after a name without a separator: "Open to work", "Hiring", "Actively looking".
_STATUS = re.compile(
    r"(?<!\w)(?:open\s*(?:to|for)\s*(?:new\s+)?(?:work|opportunit\w*|roles?|jobs?)"
    r"|(?:we\W?re\s+|now\s+|actively\s+)?hiring|actively\s+(?:looking|seeking)"
    r"|(?:seeking|looking\s+for)\s+(?:a\s+)?(?:new\s+)?(?:opportunit\w*|roles?|work|jobs?))"
    r"(?!\w)",
    re.IGNORECASE,
)


def _is_cjk(word: str) -> bool:
    """Whether a folded word is written in Chinese, Japanese or Korean letters only."""
    return all(
        0x1100 <= o <= 0x11FF
        or 0x2E80 <= o <= 0x9FFF
        or 0xA960 <= o <= 0xA97F
        or 0xAC00 <= o <= 0xD7FF
        or 0xF900 <= o <= 0xFAFF
        or 0x20000 <= o <= 0x3FFFF
        for o in map(ord, word)
    )


def _cjk_joined(words: tuple[str, ...]) -> tuple[str, ...]:
    """A name in Chinese, Japanese or Korean letters as one word: they write it without spaces."""
    if len(words) > 1 and all(map(_is_cjk, words)):
        return ("".join(words),)
    return words


def _name(first: str, last: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(name words, other-script words) of a name given as two cells, or one whole text.

    A name in Chinese, Japanese or Korean letters is family name then given name,
    without a space ("张伟" for First Name 伟 and Last Name 张), as LinkedIn shows it
    and people type it. A cell wholly in another script beside a full name in Latin
    letters in the other cell is that name's other spelling.
    """
    if not last or not first:
        words, alt = _cell(first or last, "whole")
        return _cjk_joined(words), _cjk_joined(alt)
    (fw, fa), (lw, la) = _cell(first, "first"), _cell(last, "last")
    if (first.isascii() and last.isascii()) or (
        not fa and not la and all(w.isascii() for w in fw + lw)
    ):  # most names: Latin letters only, no other spelling to place
        return fw + lw, ()
    if fw and lw and all(map(_is_cjk, fw + lw)):
        return _cjk_joined(lw + fw), _cjk_joined(la + fa)
    for name, other in ((fw, lw), (lw, fw)):
        latin = len(name) >= 2 and all(map(_latin_word, name))
        if latin and other and not any(map(_latin_word, other)):  # "陈大卫" / "David Chen"
            return name, _cjk_joined(fa + la + other)
    return fw + lw, _cjk_joined(la + fa) if all(map(_is_cjk, la + fa)) else fa + la


def _is_title(raw: str, after_title: bool) -> bool:
    """Whether a word before a first name, as written, is a title or the rest of one.

    ``Dr``, ``Prof.``, ``LTC``; ``Eng.`` and ``Lic.`` with their period; ``Dipl.-Ing.``;
    and after a title, lower-case abbreviations (``Dr. med.``, ``Dr. rer. nat.``).
    """
    if _INITIALS.match(raw):  # "S.R. Kumar", "M.S. Ravi": initials, not Sr or Ms
        return False
    folded = _fold(raw).replace(" ", "")
    if folded in _TITLES or _COMPOUND_TITLE.match(raw):
        return True
    dotted = raw.endswith(".") or "." in raw.rstrip(".")
    if dotted and folded in _DOTTED_TITLES:
        return True
    return after_title and raw.islower() and bool(_TITLE_TAIL.match(raw))


def _is_particle(raw: str) -> bool:
    return _fold(raw) in _PARTICLES


@lru_cache(maxsize=1 << 16)
def _cell(text: str, role: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(name words, other-script words) of one name cell, folded.

    ``role`` is "first" (a first-name cell: ranks and titles in front are
    dropped), "last" (a last-name cell: anything after a comma, a credential or
    a dash is dropped) or "whole" (one text holding a whole name, as typed in
    a query or written in a message header).
    """
    if text.isalpha() and text.isascii():  # most cells: one plain word
        return (text.lower(),), ()
    if not text or not text.strip():
        return (), ()
    if "/" in text or "(" in text or "[" in text:
        text = _PRONOUNS.sub(" ", text)
    if "(" in text or "[" in text or "{" in text or "（" in text:
        text = _BRACKETS.sub(" ", text)
    if '"' in text or "'" in text or "“" in text or "„" in text or "«" in text:
        text = _QUOTED.sub(" ", text)
    if "#" in text:  # "Carter #OpenToWork", "#hiring"
        text = _HASHTAG.sub(" ", text)
    text, others = _segments(text)
    if role != "first" and not text.isascii():
        text, rest = _symbol_break(text, role)
        if rest and not any(_is_latin(ch) and ch.isalpha() for ch in rest):
            others = [*others, rest]
    if role != "first":  # "Iyer Open to work", "Jane Doe Hiring": a status after the name
        status = _STATUS.search(text if text.isascii() else text.translate(_CONFUSABLES))
        if status and len(text[: status.start()].split()) >= (1 if role == "last" else 2):
            text = text[: status.start()]
    if "," in text:
        head, *tail = text.split(",")
        head_words = len([w for w in head.split() if _fold(w)])
        if role == "last" and head_words:
            tail = []  # "Varga, Certified Leadership Coach": any length, after the name
        elif role == "whole" and head_words >= 2:
            tail = []  # "Ilse Varga, Certified Leadership Coach"
        else:  # "Smith, MBA" but "Doe, Jane": drop trailing parts that are credentials
            while tail and all(
                _is_credential(w) or _is_caps_credential(w) for w in tail[-1].split()
            ):
                tail.pop()
        if role == "whole" and head_words == 1 and len(tail) == 1 and 0 < len(tail[0].split()) < 3:
            text = f"{tail[0]} {head}"  # "TANAKA, Hiroshi": a surname, then the given names
        else:
            text = ",".join([head, *tail])
    raw = [w for w in text.split() if _fold(w)]
    if role == "first" or role == "whole":  # "LTC Johan", "Dr Md Rafiq", "Prof. Elena"
        glued = _GLUED_TITLE.match(raw[0]) if raw else None
        if glued and _is_title(glued[1], False) and not _is_title(raw[0], False):
            raw = [glued[1], glued[2], *raw[1:]]  # "Dr.Anna"
        dropped = False
        while len(raw) > 1 and (role == "first" or len(raw) > 2) and _is_title(raw[0], dropped):
            raw = raw[1:]
            dropped = True
    if role == "last" and len(raw) > 1:  # "Mbeki Ph.D.", "Lindqvist PhD Author", "Okoro PMP"
        caps_ok = not _is_caps_credential(raw[0])
        for i in range(1, len(raw)):
            caps = caps_ok and _is_caps_credential(raw[i]) and not _is_particle(raw[i - 1])
            if _is_credential(raw[i]) or caps or _SLASHED.match(raw[i]):
                raw = raw[:i]
                break
    elif role == "whole" and len(raw) > 2:  # "John Smith MBA", "Eva Lindqvist PhD Author"
        for i in range(2, len(raw)):  # (after two words: "Wei Ma" keeps its Ma)
            if _is_credential(raw[i]) or _SLASHED.match(raw[i]):
                raw = raw[:i]
                break
    words = [w for r in _unconfuse(raw) for w in _fold(r).split()]
    if not all(map(_latin_word, words)) and any(
        any(ch.isalpha() for ch in w) and _latin_word(w) for w in words
    ):  # "Wei Zhang 张伟": the name in Latin letters, the rest another spelling
        others = [*others, " ".join(w for w in words if not _latin_word(w))]
        words = [w for w in words if _latin_word(w)]
    alt = tuple(w for o in others for w in _fold(o).split())
    return tuple(words), alt


def name_key(first: str, last: str = "") -> str:
    """Fold a person's name for matching.

    Decorations are ignored: credentials and titles after a comma or a
    credential in the last name, ranks and titles before the first name,
    other names in brackets, nicknames in quotes, pronouns, emoji and flags,
    hashtags and a status ("Open to work"), a second spelling in another
    script after a dash or a dot, look-alike Greek or Cyrillic letters in a
    Latin name, styled Unicode letters, invisible characters, accents and
    case. Apostrophes join, hyphens are spaces, and a Chinese, Japanese or
    Korean name is family name then given name without a space. With
    ``last`` empty, ``first`` is read as a whole name ("Doe, Jane" too).

    Examples
    --------
    >>> name_key("Ana Lúcia", "Ferreira")
    'ana lucia ferreira'
    >>> name_key("Priya", "Raman 🚀") == name_key("priya", "raman")
    True
    >>> name_key("John", "Smith, MBA, PhD")
    'john smith'
    >>> name_key("𝐀𝐧𝐚𝐧𝐝", "Kumar (he/him)")
    'anand kumar'
    >>> name_key("Ilse", "Varga, Certified Leadership Coach"), name_key("Prof. Elena", "Berg")
    ('ilse varga', 'elena berg')
    >>> name_key("Omar", "Haddad - عمر حداد"), name_key('James "Tyler"', "Smith")
    ('omar haddad', 'james smith')
    >>> name_key("Т\u043em", "B\u0430ker")  # a Cyrillic Т and а
    'tom baker'
    >>> name_key("Dr. med. Anna", "García-López #OpenToWork"), name_key("伟", "张")
    ('anna garcia lopez', '张伟')
    """
    return " ".join(_name(first, last)[0])


def other_name_key(first: str, last: str = "") -> str:
    """The other-script spelling a name carries beside its Latin one, folded ('' if none).

    >>> other_name_key("Wei", "ZHANG · 张伟"), other_name_key("Jane", "Doe")
    ('张伟', '')
    """
    return " ".join(_name(first, last)[1])


def names_agree(query: str, stored: str) -> bool:
    """Whether two folded names agree on first and last name, middle names aside.

    A middle name or initial that one side leaves out is fine ("laura quinn"
    and "laura m quinn"); an initial matches a middle name it starts
    ("laura m quinn", "laura mae quinn").

    >>> names_agree("laura quinn", "laura m quinn"), names_agree("laura quinn", "laura quin")
    (True, False)
    >>> names_agree("laura mae quinn", "laura m quinn"), names_agree("laura ann q", "laura m q")
    (True, False)
    """
    q, s = query.split(), stored.split()
    if len(q) < 2 or len(s) < 2 or q[0] != s[0] or q[-1] != s[-1]:
        return False
    short, long = sorted((q[1:-1], s[1:-1]), key=len)
    it = iter(long)
    for word in short:
        if not any(
            m == word
            or (len(word) == 1 and m.startswith(word))
            or (len(m) == 1 and word.startswith(m))
            for m in it
        ):
            return False
    return True


def lossy_name_pattern(first: str, last: str = "") -> re.Pattern[str] | None:
    """A pattern over folded names for a name a re-save damaged, or None if it is intact.

    A European spreadsheet re-save writes letters its code page lacks as
    ``?``, and broken UTF-8 reads back as U+FFFD; each stands for one or two
    letters of the real name.

    >>> pattern = lossy_name_pattern("Kevin", "Nguy?n")
    >>> bool(pattern.fullmatch(name_key("Kevin", "Nguyễn")))
    True
    >>> lossy_name_pattern("Kevin", "Nguyen") is None
    True
    """
    full = f"{first} {last}"
    if "?" not in full and "\ufffd" not in full:
        return None
    parts = re.split(r"[?\ufffd]+", full)
    folded = [re.escape(_fold(part)) for part in parts]
    glue = []
    for i, part in enumerate(parts[:-1]):
        # A damaged letter inside a word, or a whole damaged word.
        before = " " if part.endswith(" ") else ""
        after = " " if parts[i + 1].startswith(" ") else ""
        glue.append(f"{before}\\w{{1,3}}{after}")
    body = folded[0]
    for g, f in zip(glue, folded[1:], strict=True):
        body += g + f
    return re.compile(" ".join(body.split(" ")).strip())


def company_key(company: str) -> str:
    """Fold a company name so "Acme Robotics, Inc." and "ACME Robotics" match.

    >>> company_key("Acme Robotics, Inc.")
    'acme robotics'
    >>> company_key("  Zürich Re AG ")
    'zurich re'
    >>> company_key("NA"), company_key("Fabrikam S.A."), company_key("Tailspin B.V.")
    ('', 'fabrikam', 'tailspin')
    """
    if company.strip().upper() in {"", "NA", "N/A", "-", "--"}:
        return ""
    return _without_suffixes(_fold(company, company=True).split(), _COMPANY_SUFFIXES)


def _without_suffixes(words: list[str], suffixes: set[str]) -> str:
    """The folded words of a company name without trailing ``suffixes``, one word kept."""
    while len(words) > 1:
        if words[-1] in suffixes:
            words.pop()
            continue
        # a legal form written with dots, "S.A.", "B.V.", "S.p.A.": single letters
        n = 0
        while n < len(words) and len(words[-1 - n]) == 1:
            n += 1
        if 2 <= n < len(words) and "".join(words[-n:]) in suffixes:
            del words[-n:]
            continue
        break
    return " ".join(words)


def company_words(company: str) -> str:
    """The words a user gave for a company: folded, legal forms dropped, the rest kept.

    ``refpath at`` shows companies holding these words, or folding to the same
    :func:`company_key`: "Istix Analytics" is Istix Analytics (and Istix, Istix
    Inc), not Istix Shipping; "Contoso" is Contoso Cars too.

    >>> company_words("Istix Analytics, Inc."), company_key("Istix Analytics, Inc.")
    ('istix analytics', 'istix')
    >>> company_words("Coca-Cola Hellenic S.A."), company_key("Coca-Cola Hellenic S.A.")
    ('cocacola hellenic', 'cocacola hellenic')
    """
    return _without_suffixes(_fold(company, company=True).split(), _LEGAL_SUFFIXES)


def companies_match(query: str, company: str) -> bool:
    """Whether two folded company names name one company for matching.

    Equal, or the words of one are whole words of the other: "contoso" and
    "contoso cars", "northwind analytics" (suffix-stripped to "northwind") and
    "northwind". Never a fragment of a word ("con" is not "contoso").

    >>> companies_match("contoso", "contoso cars"), companies_match("con", "contoso")
    (True, False)
    """
    if not query or not company:
        return False
    return f" {query} " in f" {company} " or f" {company} " in f" {query} "


def profile_slug(url: str) -> str | None:
    """Return the normalised slug of a LinkedIn profile URL, or None if it is not one.

    Scheme, ``www.``/country subdomains, trailing slash, query, fragment,
    percent-encoding and case all give the same slug.

    >>> profile_slug("https://www.linkedin.com/in/jane-doe-1a2b")
    'jane-doe-1a2b'
    >>> profile_slug("www.linkedin.com/in/Jane-Doe-1A2B/?trk=abc")
    'jane-doe-1a2b'
    >>> profile_slug("http://uk.linkedin.com/in/ana-l%C3%BAcia-ferreira")
    'ana-lúcia-ferreira'
    >>> profile_slug("https://example.com/in/x") is None
    True
    """
    url = url.strip()
    if not url:
        return None
    plain = PLAIN_URL.match(url)
    if plain:
        return plain.group(1)
    if "://" not in url:
        url = "https://" + url
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    host = (parts.hostname or "").lower()
    if not _LINKEDIN_HOST.match(host):
        return None
    segments = [s for s in parts.path.split("/") if s]
    if len(segments) < 2 or segments[0].lower() != "in":
        return None
    slug = unicodedata.normalize("NFC", unquote(segments[1])).strip().casefold()
    return slug or None


def profile_key(url: str) -> str | None:
    """Return the person key for a profile URL or member URN, or None.

    >>> profile_key("linkedin.com/in/Jane-Doe-1a2b/")
    'in:jane-doe-1a2b'
    >>> profile_key("urn:li:member:123456")
    'urn:li:member:123456'
    >>> profile_key("jane@example.com") is None
    True
    """
    url = url.strip()
    urn = _URN.match(url)
    if urn:
        return f"urn:li:member:{urn.group(1)}"
    slug = profile_slug(url)
    return f"in:{slug}" if slug else None


def canonical_url(url: str) -> str:
    """Return the canonical ``https://www.linkedin.com/in/<slug>`` form, or '' if not a profile.

    Idempotent: ``canonical_url(canonical_url(u)) == canonical_url(u)``.

    >>> canonical_url("www.linkedin.com/in/ana-l%C3%BAcia-ferreira/")
    'https://www.linkedin.com/in/ana-l%C3%BAcia-ferreira'
    """
    from urllib.parse import quote

    slug = profile_slug(url)
    return f"https://www.linkedin.com/in/{quote(slug, safe='-_.~')}" if slug else ""


def name_only_key(first: str, last: str, company: str) -> str:
    """Key for a row without a URL: folded name plus folded company.

    >>> name_only_key("Tom", "Baker", "Acme Robotics Inc")
    'nm:tom baker|acme robotics'
    """
    return f"nm:{name_key(first, last)}|{company_key(company)}"


def owner_key(name: str) -> str:
    """Key for a colleague whose own profile URL is not known (yet).

    >>> owner_key("Bob Okafor")
    'ow:bob okafor'
    """
    return f"ow:{name_key(name)}"


def display_name(first: str, last: str = "") -> str:
    """The name as written, with whitespace collapsed and control characters removed.

    A stray comma ending a cell is dropped ("Daniel," "Mora," is Daniel Mora, not the
    "Mora, Daniel" order), and a name in Chinese, Japanese or Korean letters is family
    name first without a space, as LinkedIn shows it: the match key of the name shown
    is the match key of its cells.

    >>> display_name("  Jane ", " Doe\\x1b[31m "), display_name("Daniel,", "Mora,")
    ('Jane Doe[31m', 'Daniel Mora')
    >>> display_name("伟", "张")
    '张伟'
    """
    first, last = first.strip().rstrip(",").rstrip(), last.strip().rstrip(",").rstrip()
    if first and last and _is_cjk(first) and _is_cjk(last):
        return f"{last}{first}"
    text = f"{first} {last}"
    if not text.isprintable():
        text = "".join(ch for ch in text if unicodedata.category(ch)[0] != "C" or ch == " ")
    return " ".join(text.split())


def title_from_filename(stem: str) -> str:
    """Turn a file or folder name like ``carol-mendes`` into "Carol Mendes".

    >>> title_from_filename("carol-mendes")
    'Carol Mendes'
    >>> title_from_filename("Carol Mendes")
    'Carol Mendes'
    """
    words = re.split(r"[\s_\-.]+", stem.strip())
    return " ".join(w if any(c.isupper() for c in w) else w.capitalize() for w in words if w)
