"""Errors that carry a Swedish message for the user and the exit code the command line uses."""


class TrackerError(Exception):
    """Base of every error whose message is meant for the user (in Swedish).

    The message names no command-line option: a refusal about one argument of a store call names
    that argument in `argument` (the store's parameter: "units", "reason", "parent", …), with
    `given` True when it was given and does not apply and False when it is needed, and `value`
    for what the advice may quote. Each interface adds how the argument is given there (the
    command line in cli.main.cli_advice).
    """

    exit_code = 2

    def __init__(self, message: str = "", *, argument: str | None = None, given: bool = False,
                 value: str | None = None):
        super().__init__(message)
        self.argument = argument
        self.given = given
        self.value = value


class InputError(TrackerError):
    """The user gave something the program cannot accept; nothing was written."""

    exit_code = 2


class NotPermitted(TrackerError):
    """The user's role or a lock forbids the change; nothing was written."""

    exit_code = 3


class ReasonRequired(NotPermitted):
    """The period is locked; this login may change it only when a reason is given."""


class PartRefused(InputError):
    """The part (F/P, K/M, or none) given for a value does not fit the measure."""

    def __init__(self, message: str, split: bool = True):
        super().__init__(message)
        self.split = split  # False: the measure has no parts at all


class MonthIncomplete(InputError):
    """A month marked klar while measures the enhet reports have no value; `missing` names them."""

    def __init__(self, message: str, missing: list[str]):
        super().__init__(message)
        self.missing = missing


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
