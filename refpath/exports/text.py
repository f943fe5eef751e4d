"""Turn the bytes of an export file into text, whatever a spreadsheet did to them.

LinkedIn writes UTF-8 without a BOM; users' re-saves add a BOM, turn the file
into UTF-16 (tab-separated) or cp1252 (European spreadsheets), or leave invalid
UTF-8 where emoji and accents were. ``decode_export`` tells these apart by their
bytes, reads damaged UTF-8 with replacement characters and a warning rather
than refusing the file, and refuses only what is not text at all.
"""

from __future__ import annotations

import codecs
import io
import re
from typing import Any

from refpath.errors import ExportError

_UTF8_BOM = b"\xef\xbb\xbf"
# Complete multi-byte UTF-8 sequences. A cp1252 file has its accents as single
# bytes between ASCII letters and almost never forms one (that takes a capital
# like 'Ã' or 'Ö' directly followed by a symbol such as '“' or '‰'); a UTF-8
# file with damaged bytes has at least one intact, even when most of its
# accents are the damaged ones (a latin-1 name pasted into a UTF-8 file).
_UTF8_SEQUENCES = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)
_EMOJI_START = b"\xf0\x9f"  # what is left of a cut emoji; 'ðŸ' in cp1252, never a name


def decode_export(data: bytes, source: str) -> tuple[str, list[str]]:
    """Decode the bytes of an export file into text, with warnings.

    Handles UTF-8 with or without BOM, UTF-16 (with a BOM, or little-endian
    without one), cp1252 re-saves from European spreadsheets, and broken UTF-8
    (decoded with U+FFFD replacement characters and a warning, never refused).

    Parameters
    ----------
    data : bytes
        The file's content.
    source : str
        Name of the file, used in messages.

    Returns
    -------
    tuple[str, list[str]]
        The text (without BOM) and the warnings for the user.

    Raises
    ------
    ExportError
        When the bytes are not text at all (NUL bytes, mostly control characters).

    Examples
    --------
    >>> decode_export(b"\\xef\\xbb\\xbfFirst Name", "a.csv")
    ('First Name', [])
    >>> decode_export("Müller;Zoë".encode("cp1252"), "a.csv")
    ('Müller;Zoë', [])
    """
    warnings: list[str] = []
    replaced = (
        f"{source}: invalid UTF-8 bytes were replaced (\N{REPLACEMENT CHARACTER}); "
        "re-export from LinkedIn to keep accents and emoji"
    )
    utf16 = _utf16_codec(data)
    if utf16:
        text = data.decode(utf16, errors="replace").lstrip("\ufeff")
        if "\ufffd" in text:
            warnings.append(replaced.replace("UTF-8", "UTF-16"))
    else:
        if data.startswith(_UTF8_BOM):
            data = data[len(_UTF8_BOM) :]
        if b"\x00" in data:
            raise ExportError(f"{source}: this looks like a binary file, not a CSV")
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            if _looks_cp1252(data):
                text = data.decode("cp1252")
            else:
                text = data.decode("utf-8", errors="replace")
                warnings.append(replaced)
    refuse_binary(text, source)
    return text, warnings


_CHUNK = 1 << 20
#: bytes cp1252 leaves undefined (Python's codec refuses them)
_CP1252_UNDEFINED = re.compile(rb"[\x81\x8d\x8f\x90\x9d]")


def _replacements(data: bytes, codec: str, errors: str = "replace") -> int:
    """U+FFFD characters decoding ``data`` gives, decoded a chunk at a time (nothing kept).

    With ``errors="strict"`` raises UnicodeDecodeError on the first bad byte.
    """
    decoder = codecs.getincrementaldecoder(codec)(errors)
    view = memoryview(data)
    found = 0
    for at in range(0, len(data), _CHUNK):
        found += decoder.decode(view[at : at + _CHUNK]).count("\ufffd")
    return found + decoder.decode(b"", final=True).count("\ufffd")


def decode_stream(data: bytes, source: str) -> tuple[io.TextIOWrapper, list[str]]:
    """:func:`decode_export` as a text stream over ``data``, for large files.

    The same encoding decisions and warnings, but the text is never held whole:
    the bytes are checked a chunk at a time, and the stream decodes as it is
    read (``newline=""``, for the csv module). So reading a 100 MB messages.csv
    needs about its own size in memory, not several times it.

    >>> stream, warnings = decode_stream("\ufeffFROM,TO\\nZoë,Ann".encode(), "m.csv")
    >>> stream.read(), warnings
    ('FROM,TO\\nZoë,Ann', [])
    """
    warnings: list[str] = []
    replaced = (
        f"{source}: invalid UTF-8 bytes were replaced (\N{REPLACEMENT CHARACTER}); "
        "re-export from LinkedIn to keep accents and emoji"
    )
    raw: bytes = data
    codec = _utf16_codec(data)
    errors = "replace"
    if codec:
        if _replacements(data, codec):
            warnings.append(replaced.replace("UTF-8", "UTF-16"))
    else:
        bom = data.startswith(_UTF8_BOM)
        if data.find(b"\x00") >= 0:
            raise ExportError(f"{source}: this looks like a binary file, not a CSV")
        codec = "utf-8-sig" if bom else "utf-8"
        try:
            _replacements(data, codec, "strict")
            errors = "strict"
        except UnicodeDecodeError:
            if _looks_cp1252(data):
                codec, raw = "cp1252", data[len(_UTF8_BOM) :] if bom else data
            else:
                warnings.append(replaced)
    head = io.TextIOWrapper(io.BytesIO(raw[:16384]), encoding=codec, errors="replace")
    refuse_binary(head.read(4096).lstrip("\ufeff"), source)
    stream = io.TextIOWrapper(
        io.BufferedReader(_BytesReader(raw), _CHUNK), encoding=codec, errors=errors, newline=""
    )
    return stream, warnings


class _BytesReader(io.RawIOBase):
    """Read a bytes-like object in place (``io.BytesIO`` copies a bytearray first)."""

    def __init__(self, data: bytes) -> None:
        self._view = memoryview(data)
        self._at = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        n = min(len(buffer), len(self._view) - self._at)
        buffer[:n] = self._view[self._at : self._at + n]
        self._at += n
        return n


def _looks_cp1252(data: bytes) -> bool:
    """Whether bytes that are not valid UTF-8 read as a cp1252 (Windows) re-save.

    Not when any intact multi-byte UTF-8 sequence is in them: then the file was
    written as UTF-8 and some of it was damaged (or pasted in from elsewhere),
    which is read with replacement characters and a warning.
    """
    if _EMOJI_START in data or _UTF8_SEQUENCES.search(data) is not None:
        return False
    return _CP1252_UNDEFINED.search(data) is None


def _utf16_codec(data: bytes) -> str:
    """'utf-16' when there is a UTF-16 BOM, 'utf-16-le' for BOM-less LE text, else ''."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return "utf-16"
    sample = data[:1024]
    odd = sample[1::2]
    # ASCII text in UTF-16LE: every second byte is NUL, the others are not.
    if len(odd) >= 8 and odd.count(0) > 0.9 * len(odd) and sample[0::2].count(0) == 0:
        return "utf-16-le"
    return ""


def refuse_binary(text: str, source: str) -> None:
    """Raise ExportError when ``text`` is clearly not a text file."""
    sample = text[:4096]
    if not sample:
        return
    controls = sum(1 for ch in sample if ch < " " and ch not in "\t\n\r\f\v")
    bad = sample.count("\ufffd")
    if "\x00" in sample or controls > 0.05 * len(sample) or bad > 0.3 * len(sample) + 2:
        raise ExportError(f"{source}: this looks like a binary file, not a CSV")
