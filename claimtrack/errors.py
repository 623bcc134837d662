"""The library's exceptions; only the CLI turns them into messages and exit codes."""

from __future__ import annotations


class ClaimtrackError(Exception):
    """Base class: anything a user can fix by changing their input or options."""


class InputError(ClaimtrackError):
    """An input file cannot be read as an article; names the file and the cause."""

    def __init__(self, path: str, cause: str) -> None:
        super().__init__(f"{path}: {cause}")
        self.path = path
        self.cause = cause

    def __reduce__(self) -> tuple[type[InputError], tuple[str, str]]:
        # Pickled by its own arguments, not its message, so it can cross to worker processes.
        return (type(self), (self.path, self.cause))


class NotFoundError(ClaimtrackError):
    """A requested id (claim, article, speaker) does not exist."""


class DatabaseError(ClaimtrackError):
    """The database cannot be opened or is of an unknown version."""
