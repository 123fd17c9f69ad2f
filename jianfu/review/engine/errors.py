"""Errors raised by the review engine."""

from __future__ import annotations


class ReviewInputError(Exception):
    """A file or text the engine cannot review. `message` is Chinese and shown to the user as is."""

    def __init__(self, message: str, *, code: str = "invalid_input") -> None:
        super().__init__(message)
        self.message = message
        self.code = code


class RuleCatalogueError(Exception):
    """A rule file (YAML) or a rule added in the UI is malformed. `message` is Chinese."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message
