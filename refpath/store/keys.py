"""Keep the store's derived keys true: the company-word index, and keys under newer rules.

``people.name_key`` and ``people.company_key`` are folded by
:mod:`refpath.identity`; when its rules change (``NAME_RULES``), a store keyed
by older rules is re-keyed in place when it is opened, so a query made today
finds the people an older refpath stored. ``company_words`` lists each word of
each folded company name, so a whole-word company look-up ("contoso" in "the
contoso group") is one index read instead of a pass over every person.
"""

from __future__ import annotations

import sqlite3

from refpath.identity import company_key, name_key


def company_keys(conn: sqlite3.Connection) -> set[str]:
    """Every folded company name in ``company_words`` (so: in people)."""
    return {k for (k,) in conn.execute("SELECT key FROM company_words")}


def refresh_company_words(conn: sqlite3.Connection) -> None:
    """Make ``company_words`` list exactly the company keys people carry (inside a write)."""
    want = {
        k
        for (k,) in conn.execute("SELECT DISTINCT company_key FROM people WHERE company_key != ''")
    }
    have = company_keys(conn)
    gone = have - want
    if gone:
        conn.executemany(
            "DELETE FROM company_words WHERE word = ? AND key = ?",
            [(w, k) for k in gone for w in set(k.split())],
        )
    conn.executemany(
        "INSERT OR IGNORE INTO company_words (word, key) VALUES (?, ?)",
        [(w, k) for k in want - have for w in set(k.split())],
    )


def rekey(conn: sqlite3.Connection) -> int:
    """Fold every person's name and company again under today's rules; how many changed.

    A colleague keeps the key the store knows them by when two colleagues would
    fold to one name (their names stay apart, as when they were added).
    Runs inside the caller's write transaction.
    """
    companies: dict[str, str] = {}
    rows = conn.execute("SELECT id, key, name, name_key, company, company_key FROM people")
    changed = []
    owner_keys = {pid: nk for pid, nk in conn.execute("SELECT person_id, name_key FROM owners")}
    for pid, key, name, nk, company, ck in rows:
        new_ck = companies.get(company)
        if new_ck is None:
            new_ck = companies[company] = company_key(company)
        new_nk = name_key(name) if not key.startswith("ow:") else owner_keys.get(pid, nk)
        if new_nk and (new_nk, new_ck) != (nk, ck):
            changed.append((new_nk, new_ck, pid))
    conn.executemany("UPDATE people SET name_key = ?, company_key = ? WHERE id = ?", changed)
    taken = {nk for (nk,) in conn.execute("SELECT name_key FROM owners")}
    for oid, pid, name, nk in conn.execute(
        "SELECT id, person_id, name, name_key FROM owners"
    ).fetchall():
        new = name_key(name)
        if new and new != nk and new not in taken:
            taken.discard(nk)
            taken.add(new)
            conn.execute("UPDATE owners SET name_key = ? WHERE id = ?", (new, oid))
            conn.execute(
                "UPDATE people SET name_key = ? WHERE id = ? AND key LIKE 'ow:%'", (new, pid)
            )
            changed.append((new, "", pid))
    return len(changed)
