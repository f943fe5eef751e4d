"""One exception tree for refpath.

Library code raises these; only ``cli`` turns them into a single line on
stderr and an exit code. Every message names the file or value at fault and,
where there is one, the next step. The exit codes are documented in the README.
"""

from __future__ import annotations


class RefpathError(Exception):
    """Base of every error refpath reports to the user."""

    exit_code = 1


class InputError(RefpathError):
    """A file or value given by the user cannot be used (exit code 2)."""

    exit_code = 2


class ExportError(InputError):
    """A LinkedIn export (CSV, folder or zip) cannot be read."""


class ProspectListError(InputError):
    """A prospect list cannot be read."""


class PersonError(RefpathError):
    """A name given on the command line does not pick exactly one person (exit 1)."""

    exit_code = 1


class UnknownPerson(PersonError):
    """No person in the store matches the name.

    ``misspelt``: the name is close to someone's at the company given (did you
    mean ...?), so it was not taken for a prospect in no export; a profile URL
    names such a prospect beyond doubt.
    """

    def __init__(
        self, message: str, suggestions: tuple[str, ...] = (), *, misspelt: bool = False
    ) -> None:
        super().__init__(message)
        self.suggestions = suggestions
        self.misspelt = misspelt
        #: the command line that answers "someone else" (set by the command that knows it)
        self.next = ""


class AmbiguousPerson(PersonError):
    """Several people match the name; ``candidates`` lists them for the user to pick."""

    def __init__(self, message: str, candidates: tuple[object, ...] = ()) -> None:
        super().__init__(message)
        self.candidates = candidates


class StoreError(RefpathError):
    """The store cannot be opened or written: newer schema, corrupt file, disk full, busy."""

    exit_code = 3
