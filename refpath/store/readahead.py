"""Read a large team folder in a second process while this one writes the store.

Reading exports (unzipping, decoding, parsing CSV, keying every row) needs
nothing from the store and is about a third of a first import. For a large
add, a reader process does it one export ahead of the writer: while the
writer resolves and stores export *k*, the reader prepares *k + 1* and then
waits, blocked on the pipe, until the writer asks for it. So at most one
export is waiting in memory, and the two processes share the machine's two
cores. Small adds stay in one process, where starting another would cost
more than it saves.

The reader is a fresh interpreter (``python -c``, never a fork of a process
holding an open SQLite connection, and never a re-run of the caller's main
module as ``multiprocessing``'s spawn would do). It ignores Ctrl-C, which the
writer handles (rolling back, exit 130), and it stops as soon as the writer
stops reading: the pipe breaks when the writer closes it, exits or is killed.
Its stderr goes to a temporary file; its last line is shown if it dies unexpectedly.
An error reading an export reaches the writer as the same exception, in the
order of the exports, so a bad file half-way through a team folder fails the
add exactly as it does in one process. Data crosses the pipe only between
these two processes of one ``refpath add``.
"""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
import tempfile
import traceback
import zipfile
from collections.abc import Generator, Iterator, Sequence
from dataclasses import astuple
from pathlib import Path
from typing import IO

from refpath.errors import ExportError, RefpathError
from refpath.exports import locate
from refpath.exports.locate import Located
from refpath.exports.records import Export, Skipped
from refpath.store.resolve import Keyed, key_export

#: Read in a second process when the exports hold at least this many bytes of CSV.
READAHEAD_BYTES = 4 << 20

_KEYED, _ERROR, _CRASH = b"k", b"e", b"x"


def read_keyed(
    paths: Sequence[Path], *, owner: str | None = None, keep_going: bool = False
) -> Generator[Export | Keyed | Skipped, None, None]:
    """Yield the exports under ``paths`` in order, read ahead in a second process when large.

    Yields what :func:`refpath.store.ingest.add_exports` takes: an :class:`Export`
    (read here), or a :class:`Keyed` export read by the reader process. Raises
    what :func:`refpath.exports.records.read_exports` raises, at the same export;
    with several exports the message says that ``--keep-going`` exists. With
    ``keep_going``, an export that cannot be read is yielded as :class:`Skipped`
    instead. Close it when stopping early (``contextlib.closing``): that stops the reader.
    """
    located = locate.locate_exports(paths, owner)
    try:
        if (
            len(located) < 2
            or (os.cpu_count() or 1) < 2
            or not sys.executable
            or _csv_bytes(located) < READAHEAD_BYTES
        ):
            for found in located:
                try:
                    export = locate.load(found, owner)
                except ExportError as err:
                    if not keep_going:
                        raise
                    yield Skipped(str(found.path), str(err))
                    continue
                yield export
            return
        yield from _from_reader(located, owner, keep_going)
    except ExportError as err:
        if len(located) < 2 or keep_going:
            raise
        raise ExportError(
            f"{err} — nothing was added; to add the other exports anyway, use --keep-going"
        ) from err


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


#: The reader's first steps: ignore Ctrl-C, take the writer's sys.path and job, then read.
_BOOT = (
    "import pickle, signal, sys; signal.signal(signal.SIGINT, signal.SIG_IGN); "
    "path, job = pickle.load(sys.stdin.buffer); sys.path[:] = path; "
    "from refpath.store.readahead import _serve; _serve(job, sys.stdout.buffer)"
)


def _from_reader(
    located: list[Located], owner: str | None, keep_going: bool
) -> Iterator[Keyed | Skipped]:
    # plain tuples: the reader unpickles them before it can import refpath
    job = ([astuple(found) for found in located], owner, keep_going)
    with tempfile.TemporaryFile() as stderr:
        reader = subprocess.Popen(
            [sys.executable, "-c", _BOOT],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=stderr,
        )
        assert reader.stdin is not None and reader.stdout is not None
        try:
            try:
                reader.stdin.write(pickle.dumps((sys.path, job)))
                reader.stdin.close()
            except BrokenPipeError:
                pass  # it stopped at once: reading below says how
            for found in located:
                frame = _receive(reader.stdout)
                if frame is None:
                    reader.wait(timeout=10)
                    stderr.seek(0)
                    said = stderr.read().decode(errors="replace").strip().splitlines()[-1:]
                    raise RefpathError(
                        "the process reading the exports stopped unexpectedly "
                        f"(exit code {reader.returncode}{''.join(': ' + s for s in said)}); "
                        "nothing was added. Try again, or add the team folder in parts"
                    )
                if keep_going and frame[0] == _ERROR:
                    error = pickle.loads(frame[1])
                    if isinstance(error, ExportError):
                        yield Skipped(str(found.path), str(error))
                        continue
                yield _decode(*frame)
        finally:
            reader.stdout.close()  # a reader still writing gets a broken pipe and stops
            try:
                reader.wait(timeout=10)
            except subprocess.TimeoutExpired:
                reader.kill()
                reader.wait()


def _send(out: IO[bytes], tag: bytes, body: bytes) -> None:
    out.write(tag + len(body).to_bytes(8, "little"))
    out.write(body)
    out.flush()


def _receive(stream: IO[bytes]) -> tuple[bytes, bytes] | None:
    """The next (tag, body) the reader sent, or None when it sent no more."""
    head = stream.read(9)
    if len(head) < 9:
        return None
    body = stream.read(int.from_bytes(head[1:], "little"))
    return head[:1], body


def _decode(tag: bytes, body: bytes) -> Keyed:
    """What the reader sent: a keyed export, or the error it met, raised here."""
    if tag == _KEYED:
        return Keyed.unpack(body)
    if tag == _ERROR:
        raise pickle.loads(body)
    raise RuntimeError(f"refpath's reader process failed:\n{body.decode()}")


def _serve(job: tuple[list[tuple], str | None, bool], out: IO[bytes]) -> None:
    """The reader process: read, key and send each export in turn; stop at an error.

    With ``keep_going`` (the job's third field), an export that cannot be read
    is reported and the next one read.
    """
    located = [Located(*fields) for fields in job[0]]
    owner, keep_going = job[1], job[2]
    companies: dict[str, str] = {}
    try:
        for found in located:
            try:
                tag, body = _KEYED, key_export(locate.load(found, owner), companies).pack()
            except RefpathError as err:
                tag, body = _ERROR, pickle.dumps(err)
            except Exception:
                tag, body = _CRASH, traceback.format_exc().encode()
            _send(out, tag, body)
            if tag == _CRASH or (tag == _ERROR and not keep_going):
                return
    except BrokenPipeError:  # the writer stopped reading (done early, failed, or killed)
        # (so that exiting does not try to flush into the broken pipe again)
        os.dup2(os.open(os.devnull, os.O_WRONLY), out.fileno())
