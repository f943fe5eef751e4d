"""Read a large team folder in a second process while this one writes the store.

Reading exports (unzipping, decoding, parsing CSV, keying every row) needs
nothing from the store and is about a third of a first import. For a large
add, a reader process does it one export ahead of the writer: while the
writer resolves and stores export *k*, the reader prepares *k + 1* and then
waits, blocked on the pipe, until the writer asks for it. So at most one
export is waiting in memory, and the two processes share the machine's two
cores. Small adds stay in one process, where starting another would cost
more than it saves.

The reader is started with ``spawn`` (a fresh interpreter, never a fork of a
process holding an open SQLite connection). It ignores Ctrl-C, which the
writer handles (rolling back, exit 130), and it stops as soon as the writer
stops reading: the pipe breaks when the writer closes it, exits or is killed.
An error reading an export reaches the writer as the same exception, in the
order of the exports, so a bad file half-way through a team folder fails the
add exactly as it does in one process. Data crosses the pipe only between
these two processes of one ``refpath add``.
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
import signal
import traceback
import zipfile
from collections.abc import Generator, Iterator, Sequence
from multiprocessing.connection import Connection
from pathlib import Path

from refpath import sources
from refpath.errors import RefpathError
from refpath.exports import Export
from refpath.resolve import Keyed, key_export
from refpath.sources import Located

#: Read in a second process when the exports hold at least this many bytes of CSV.
READAHEAD_BYTES = 4 << 20

_KEYED, _ERROR, _CRASH = b"k", b"e", b"x"


def read_keyed(
    paths: Sequence[Path], *, owner: str | None = None
) -> Generator[Export | Keyed, None, None]:
    """Yield the exports under ``paths`` in order, read ahead in a second process when large.

    Yields what :func:`refpath.ingest.add_exports` takes: an :class:`Export`
    (read here), or a :class:`Keyed` export read by the reader process. Raises
    what :func:`refpath.exports.read_exports` raises, at the same export.
    Close it when stopping early (``contextlib.closing``): that stops the reader.
    """
    located = sources.locate_exports(paths, owner)
    if len(located) < 2 or (os.cpu_count() or 1) < 2 or _csv_bytes(located) < READAHEAD_BYTES:
        for found in located:
            yield sources.load(found, owner)
        return
    yield from _from_reader(located, owner)


def _csv_bytes(located: list[Located]) -> int:
    """About how many bytes of CSV the exports hold (zips by their members' sizes)."""
    total = 0
    for found in located:
        try:
            if found.kind == "zip":
                with zipfile.ZipFile(found.path) as archive:
                    total += sum(info.file_size for info in archive.infolist())
            elif found.kind == "dir":
                total += sum(f.stat().st_size for f in found.path.iterdir() if f.is_file())
            else:
                total += found.path.stat().st_size
        except (OSError, zipfile.BadZipFile):
            pass  # reading it will say what is wrong
    return total


def _from_reader(located: list[Located], owner: str | None) -> Iterator[Keyed]:
    context = multiprocessing.get_context("spawn")
    inbox, outbox = context.Pipe(duplex=False)
    reader = context.Process(
        target=_read_all, args=(outbox, located, owner), name="refpath-reader", daemon=True
    )
    reader.start()
    outbox.close()  # the reader holds the only write end: a dead reader means EOF here
    try:
        for _ in located:
            try:
                message = inbox.recv_bytes()
            except EOFError:
                reader.join(timeout=5)
                raise RuntimeError(
                    f"refpath's reader process stopped unexpectedly (exit code {reader.exitcode})"
                ) from None
            yield _decode(message)
    finally:
        inbox.close()  # a reader still sending gets a broken pipe and stops
        reader.join(timeout=10)
        if reader.is_alive():
            reader.terminate()
            reader.join()


def _decode(message: bytes) -> Keyed:
    """What the reader sent: a keyed export, or the error it met, raised here."""
    tag, body = message[:1], message[1:]
    if tag == _KEYED:
        return Keyed.unpack(body)
    if tag == _ERROR:
        raise pickle.loads(body)
    raise RuntimeError(f"refpath's reader process failed:\n{body.decode()}")


def _read_all(outbox: Connection, located: list[Located], owner: str | None) -> None:
    """The reader process: read, key and send each export in turn."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the writer's to handle
    companies: dict[str, str] = {}
    try:
        for found in located:
            try:
                message = _KEYED + key_export(sources.load(found, owner), companies).pack()
            except RefpathError as err:
                outbox.send_bytes(_ERROR + pickle.dumps(err))
                return
            except Exception:
                outbox.send_bytes(_CRASH + traceback.format_exc().encode())
                return
            outbox.send_bytes(message)
    except OSError:  # the writer stopped reading (done early, failed, or killed)
        return
    finally:
        outbox.close()
