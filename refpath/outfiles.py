"""Everything refpath writes out: files that cannot clobber an input, and inert text.

**Outputs are written atomically and never over an input.** :func:`atomic_output`
writes to a temporary file in the target's folder and renames it into place
(``os.replace``), so a killed command leaves the earlier file whole; it first
refuses a target that is one of the command's inputs (the store, its ``-wal``,
``-shm`` or ``-journal``, the lead list), compared by path, through symlinks
and by device and inode, so a hardlink counts too. Every file refpath writes
(plan and export CSVs, GEXF/GraphML, map pictures, drafts) goes through it.

**Text shown is one line and inert.** :func:`one_line` removes what a terminal
would act on or what could forge or reorder a line: ANSI/OSC escapes, control
characters, bidi overrides and isolates (U+202A-U+202E, U+2066-U+2069) and the
other format (Cf) characters, and turns line and paragraph breaks (including
U+2028/U+2029) into spaces. The CLI's ``safe``/``plain`` are built on it.

**CSV files are safe to open in a spreadsheet.**

Names come from other people's profiles, so a "name" like ``=HYPERLINK(...)``,
``+1``, ``@cmd`` or ``-2+3`` must not run as a formula when a user opens a
CSV refpath wrote (CSV/formula injection, OWASP). Every text cell that starts
with one of ``= + - @``, a tab or a carriage return gets a leading apostrophe,
which spreadsheets show as text. The store keeps the value as written; only
what refpath writes out is neutralised. Every CSV refpath writes goes through
:func:`write_csv`, which starts it with a UTF-8 BOM so Excel opens it as UTF-8.
"""

from __future__ import annotations

import csv
import os
import re
import stat
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import IO, Any

_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def neutralize(value: Any) -> Any:
    """Return ``value`` made inert for spreadsheets (numbers pass through).

    >>> neutralize("=HYPERLINK(\\"http://x\\")")
    '\\'=HYPERLINK("http://x")'
    >>> neutralize("-2+3"), neutralize("Jane"), neutralize(-2)
    ("'-2+3", 'Jane', -2)
    """
    if isinstance(value, str) and value.startswith(_TRIGGERS):
        return "'" + value
    return value


def write_csv(
    path: Path,
    header: Sequence[str],
    rows: Iterable[Sequence[Any]],
    *,
    protect: Iterable[Protected] = (),
) -> int:
    """Write a UTF-8 CSV with a BOM and every cell neutralised, atomically; return the rows.

    The BOM (byte order mark) is what makes Excel read the file as UTF-8, so
    accents, emoji and arrows stay intact when it is opened with a double
    click; LibreOffice, Google Sheets, pandas and Python's ``utf-8-sig`` read
    it as usual.

    ``protect``: the command's inputs, which the CSV may not replace (see
    :func:`atomic_output`).
    """
    n = 0
    with atomic_output(path, text=True, protect=protect) as f:
        f.write("\ufeff")
        writer = csv.writer(f)
        writer.writerow([neutralize(h) for h in header])
        for row in rows:
            writer.writerow([neutralize(v) for v in row])
            n += 1
    return n


# -- outputs that cannot clobber an input ----------------------------------------------


class OutputClash(ValueError):
    """An output would replace one of the command's inputs, or is not a regular file."""


#: An input no output may replace, and what to call it: ``(path, "the store")``.
Protected = tuple[Path, str]


def store_files(db: Path) -> tuple[Protected, ...]:
    """The store and the files SQLite keeps beside it, as inputs no output may replace."""
    return ((Path(db), "the store"),) + tuple(
        (Path(f"{db}{s}"), f"the store's {s[1:]} file") for s in ("-wal", "-shm", "-journal")
    )


def _same(a: Path, b: Path) -> bool:
    """Whether ``a`` and ``b`` name one file: same path, same target, or same inode."""
    if os.path.abspath(a) == os.path.abspath(b) or os.path.realpath(a) == os.path.realpath(b):
        return True
    try:
        sa, sb = os.stat(a), os.stat(b)
    except OSError:
        return False
    return (sa.st_dev, sa.st_ino) == (sb.st_dev, sb.st_ino)


def check_output(path: Path, protect: Iterable[Protected] = ()) -> None:
    """Raise :class:`OutputClash` when ``path`` may not be written.

    Refused: one of ``protect`` (by path, through a symlink, or as a hardlink:
    device and inode are compared), a folder, and an existing file that is not
    a regular file (a device, a FIFO), which a rename would replace.
    """
    path = Path(path)
    for p, what in protect:
        if _same(path, Path(p)):
            alias = "" if os.path.abspath(path) == os.path.abspath(p) else f" ({p})"
            raise OutputClash(f"{path}: is {what}{alias}; write the output to another file")
    try:
        st = os.stat(path)
    except OSError:
        return
    if stat.S_ISDIR(st.st_mode):
        raise OutputClash(f"{path}: is a folder; give a file name")
    if not stat.S_ISREG(st.st_mode):
        raise OutputClash(f"{path}: is not a regular file; give a file name to write to")


def _new_file_mode(path: Path) -> int:
    """The mode for the file written: the earlier file's, else 0666 less the umask."""
    try:
        return stat.S_IMODE(os.stat(path).st_mode)
    except OSError:
        mask = os.umask(0o022)
        os.umask(mask)
        return 0o666 & ~mask


@contextmanager
def atomic_output(
    path: Path, *, text: bool = False, protect: Iterable[Protected] = ()
) -> Iterator[IO[Any]]:
    """A file object whose content replaces ``path`` only when the block ends without error.

    Writes to a temporary file in the same folder, flushes it to disk and
    renames it into place, so a reader (or a killed command) sees the earlier
    file or the new one, never half of one. The file keeps the earlier file's
    permissions (else the umask's). ``text``: UTF-8 text with ``newline=""``
    (for the csv module); else bytes. Raises :class:`OutputClash` (see
    :func:`check_output`) before anything is written, and OSError when the
    folder cannot be written.
    """
    path = Path(path)
    check_output(path, protect)
    import tempfile

    mode = _new_file_mode(path)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        kwargs: dict[str, Any] = {"encoding": "utf-8", "newline": ""} if text else {}
        with os.fdopen(fd, "w" if text else "wb", **kwargs) as f:
            yield f
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        with suppress(OSError):
            os.unlink(tmp)
        raise


# -- text shown on a terminal -------------------------------------------------------------

#: CSI sequences whole; other escapes lose their introducer (an OSC's text stays, inert)
_ESCAPES = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b[@-_]")
#: line and paragraph breaks of every kind, and tabs: become one space
_BREAKS = re.compile("\r\n|[\t\n\v\f\r\x1c-\x1e\x85\u2028\u2029]")
#: Control (Cc), line/paragraph separator (Zl, Zp) and format (Cf) characters, from
#: Unicode 15 (a test checks this class against ``unicodedata``). The zero-width
#: joiner and non-joiner (U+200C, U+200D) are kept: scripts and emoji need them, and
#: they cannot move or break text.
_UNSAFE = re.compile(
    "[\x00-\x1f\x7f-\x9f\xad\u0600-\u0605\u061c\u06dd\u070f\u0890-\u0891\u08e2"
    "\u180e\u200b\u200e-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f\ufeff"
    "\ufff9-\ufffb\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3"
    "\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f]"
)


def counted(count: int, one: str, many: str | None = None) -> str:
    """A count with its noun, for the sentences refpath prints.

    >>> counted(1, "colleague"), counted(3, "colleague"), counted(2, "person", "people")
    ('1 colleague', '3 colleagues', '2 people')
    """
    return f"{count} {one if count == 1 else (many or one + 's')}"


def one_line(text: object) -> str:
    r"""``text`` as one inert line: escapes, controls and format characters gone, breaks spaced.

    Removed: ANSI/OSC escape sequences, control characters, bidi embeddings,
    overrides and isolates, and every other format (Cf) character except the
    zero-width (non-)joiner that scripts and emoji need. Line breaks of every
    kind (``\n``, ``\r``, U+2028, U+2029, ...) and tabs become a space.

    >>> one_line("Acme\nrefpath: error: x\u202e\u2066Evil\u2069\x1b[31m\u2028End")
    'Acme refpath: error: xEvil End'
    """
    return _UNSAFE.sub("", _BREAKS.sub(" ", _ESCAPES.sub("", str(text))))


def inert_lines(text: object) -> str:
    """:func:`one_line` for each line of a text refpath composed (its line breaks stay)."""
    return "\n".join(one_line(line) for line in str(text).split("\n"))
