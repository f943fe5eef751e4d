"""Identity keys: the profile-URL normaliser and name folding, with hypothesis properties."""

from __future__ import annotations

import re
from urllib.parse import quote

import pytest
from hypothesis import given
from hypothesis import strategies as st

from refpath.identity import (
    _whole_name_key,
    canonical_url,
    company_key,
    name_key,
    profile_key,
    profile_slug,
)

# Slugs as LinkedIn writes them: lower-case letters (accented ones too), digits, hyphens.
slugs = st.text(
    alphabet=st.sampled_from("abcdefghijklmnopqrstuvwxyz0123456789-éüøłçñ"), min_size=1, max_size=30
).filter(lambda s: s.strip("-"))


def shapes(slug: str) -> list[str]:
    """Every shape of one profile URL seen in exports and lead lists."""
    enc = quote(slug, safe="-")
    return [
        f"https://www.linkedin.com/in/{enc}",
        f"https://www.linkedin.com/in/{enc}/",
        f"http://www.linkedin.com/in/{enc}",
        f"www.linkedin.com/in/{enc}",
        f"linkedin.com/in/{enc}/",
        f"https://uk.linkedin.com/in/{enc}?trk=public_profile",
        f"https://de.linkedin.com/in/{enc}#about",
        f"HTTPS://WWW.LINKEDIN.COM/in/{enc.upper()}",
        f"  https://www.linkedin.com/in/{slug}  ",
        f"https://m.linkedin.com/in/{enc}/details/experience/",
    ]


@given(slugs)
def test_every_shape_of_a_profile_url_gives_one_key(slug):
    keys = {profile_key(url) for url in shapes(slug)}
    assert keys == {f"in:{slug}"}


@given(slugs)
def test_canonical_url_is_idempotent_and_keeps_the_key(slug):
    for url in shapes(slug):
        canon = canonical_url(url)
        assert canon.startswith("https://www.linkedin.com/in/")
        assert canonical_url(canon) == canon
        assert profile_key(canon) == profile_key(url)


@given(st.text(max_size=60))
def test_any_text_is_a_slug_or_none_and_never_raises(text):
    slug = profile_slug(text)
    assert slug is None or (slug and slug == slug.casefold())


@pytest.mark.parametrize(
    "url",
    [
        "https://example.com/in/jane-doe",
        "https://www.linkedin.com/company/acme",
        "https://www.linkedin.com/in/",
        "jane@example.com",
        "https://linkedin.com.evil.example/in/jane",
    ],
)
def test_other_urls_are_not_profiles(url):
    assert profile_key(url) is None


def test_member_urns_are_kept_as_urn_keys():
    assert profile_key(" urn:li:member:123456 ") == "urn:li:member:123456"


name_parts = st.text(
    alphabet=st.one_of(
        st.sampled_from("AaBbÉéøÑñ'’- .ǅ_ßİ\u0301\u0308 MBAphd"),
        st.characters(codec="utf-8", exclude_categories=("Cs",)),
    ),
    max_size=20,
)


@given(name_parts, name_parts)
def test_folding_name_parts_separately_equals_folding_the_whole_name(first, last):
    assert name_key(first, last) == _whole_name_key(f"{first} {last}")


@pytest.mark.parametrize(
    ("first", "last", "key"),
    [
        ("Ana Lúcia", "Ferreira", "ana lucia ferreira"),
        ("Priya", "Raman 🚀", "priya raman"),
        ("John", "Smith MBA", "john smith"),
        ("John", "Smith, MBA, PhD", "john smith"),
        ("Siobhán", "O’Neill", "siobhan oneill"),
        ("Anand", "Kumar (he/him)", "anand kumar"),
        ("MBA", "", "mba"),
    ],
)
def test_names_fold_for_matching(first, last, key):
    assert name_key(first, last) == key


@given(st.text(max_size=40))
def test_company_keys_are_folded_and_stable(company):
    key = company_key(company)
    assert key == key.strip()
    assert not re.search(r"\s\s|[A-Z]", key)
    assert company_key(company.upper()) == company_key(company.lower()) or not company.isascii()


@pytest.mark.parametrize(
    "company",
    ["Acme Robotics, Inc.", "ACME Robotics", "acme robotics gmbh", " Acme  Robotics LLC "],
)
def test_company_suffixes_and_case_do_not_matter(company):
    assert company_key(company) == "acme robotics"
