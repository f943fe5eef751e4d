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

_URN = re.compile(r"^urn:li:(?:member|person|fsd_profile):([A-Za-z0-9_-]+)$")
_LINKEDIN_HOST = re.compile(r"^(?:[a-z]{2,3}\.|www\.|m\.)?linkedin\.com$")
# Fast path for the form current exports use for nearly every row.
PLAIN_URL = re.compile(r"^https://www\.linkedin\.com/in/([a-z0-9-]+)/?$")
_PRONOUNS = re.compile(
    r"[(\[]\s*(?:she|he|they|ze|xe|her|him|them)(?:\s*/\s*[a-z]+)*\s*[)\]]"
    r"|\b(?:she|he|they)\s*/\s*(?:her|him|them|hers|his|theirs)\b",
    re.IGNORECASE,
)
_CREDENTIALS = {
    "mba", "phd", "ph.d", "ph.d.", "md", "cpa", "cfa", "pmp", "msc", "ms", "ma", "bsc", "ba",
    "jd", "esq", "pe", "rn", "dds", "csm", "cissp", "shrm-cp", "shrm-scp", "acca", "aca", "cfp",
    "frm", "mph", "mfa", "edd", "dba", "llm", "mbbs", "facs", "jr", "sr", "ii", "iii", "iv",
}  # fmt: skip
_COMPANY_SUFFIXES = {
    "inc", "llc", "ltd", "limited", "gmbh", "corp", "corporation", "co", "plc", "sa", "ag",
    "bv", "nv", "srl", "sas", "spa", "pty", "oy", "ab", "as", "kg", "company", "group",
}  # fmt: skip


# ASCII fast path: letters and digits kept, apostrophes/hyphens dropped, the rest a space.
_ASCII_FOLD: dict[int, str | None] = {c: " " for c in range(128) if not chr(c).isalnum()}
_ASCII_FOLD.update({ord("'"): None, ord("-"): None})


# Other scripts' combining marks fall to _NONWORD and fold the same on both sides.
_MARKS = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
_JOINERS = re.compile("['\u2019-]")  # "Jean-Luc" ~ "Jeanluc" is rarer than "O'Brien" ~ "OBrien"
_NONWORD = re.compile(r"[\W_]+")


def _fold(text: str) -> str:
    """Compatibility-decompose, strip accents, symbols and emoji, casefold, collapse spaces."""
    if text.isascii():
        return " ".join(text.translate(_ASCII_FOLD).lower().split())
    text = _MARKS.sub("", unicodedata.normalize("NFKD", text))
    return " ".join(_NONWORD.sub(" ", _JOINERS.sub("", text)).casefold().split())


# Pronouns and credentials after a comma need the whole name at once.
_NEEDS_FULL_FOLD = re.compile(r"[,/(\[]").search


@lru_cache(maxsize=1 << 16)
def _fold_words(part: str) -> tuple[str, ...]:
    """The folded words of one part of a name (first or last names repeat a lot)."""
    return tuple(_fold(part).split())


def name_key(first: str, last: str = "") -> str:
    """Fold a person's name for matching.

    Credentials after a comma (``"Smith, MBA, PhD"``), pronouns, emoji, styled
    Unicode letters, accents and case are ignored.

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
    """
    full = f"{first} {last}"
    if not _NEEDS_FULL_FOLD(full):  # the common case: fold each part once, cached
        parts = _fold_words(first) + _fold_words(last)
        while len(parts) > 1 and parts[-1] in _CREDENTIALS:
            parts = parts[:-1]
        return " ".join(parts)
    return _whole_name_key(full)


def _whole_name_key(full: str) -> str:
    """Fold a whole name at once: the slow path of :func:`name_key`, for any text."""
    if "/" in full or "(" in full or "[" in full:
        full = _PRONOUNS.sub(" ", full)
    if "," in full:
        head, *tail = full.split(",")
        # Drop trailing parts that are credentials; keep "Doe, Jane"-style text otherwise.
        while tail and _fold(tail[-1]).replace(" ", "") in _CREDENTIALS | {""}:
            tail.pop()
        full = ",".join([head, *tail])
    words = _fold(full).split()
    while len(words) > 1 and words[-1] in _CREDENTIALS:
        words.pop()
    return " ".join(words)


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
    >>> company_key("NA")
    ''
    """
    if company.strip().upper() in {"", "NA", "N/A", "-", "--"}:
        return ""
    words = _fold(company).split()
    while len(words) > 1 and words[-1] in _COMPANY_SUFFIXES:
        words.pop()
    return " ".join(words)


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

    >>> display_name("  Jane ", " Doe\\x1b[31m ")
    'Jane Doe[31m'
    """
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
