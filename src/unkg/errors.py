"""Errors that carry a one-line, user-facing reason."""


class UnkgError(Exception):
    """Base class: the message is shown to the user as is."""


class InputError(UnkgError):
    """The input file cannot be read or is not a report unkg understands."""

    def __init__(self, path: str, reason: str):
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason
