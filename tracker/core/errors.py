"""Errors that carry a Swedish message for the user and the exit code the command line uses."""


class TrackerError(Exception):
    """Base of every error whose message is meant for the user (in Swedish)."""

    exit_code = 2


class InputError(TrackerError):
    """The user gave something the program cannot accept; nothing was written."""

    exit_code = 2


class NotPermitted(TrackerError):
    """The user's role or a lock forbids the change; nothing was written."""

    exit_code = 3


class ConflictError(TrackerError):
    """Someone else changed the value after it was read; nothing was written."""

    exit_code = 4

    def __init__(self, message: str, current_value=None, current_revision: int = 0):
        super().__init__(message)
        self.current_value = current_value
        self.current_revision = current_revision


class DatabaseError(TrackerError):
    """The database file cannot be used (newer version, not a tracker database, unreadable)."""

    exit_code = 1
