"""numcheck's errors: a small hierarchy with stable codes and a hint that says what to do.

A document that cannot be read becomes a `DocError` on its result line (the batch goes on);
a usage error stops the command with exit code 2. Codes never change meaning.
"""

from __future__ import annotations

from numcheck.schema import DocError


class NumcheckError(Exception):
    """Base error: `code` is stable, `message` says what and where, `hint` how to fix it.

    >>> str(NumcheckError("E_EXAMPLE", "population of FILE must be a number, got 'x'", "pass digits"))
    "[E_EXAMPLE] population of FILE must be a number, got 'x'. pass digits"
    """

    code = "E_NUMCHECK"

    def __init__(self, code: str | None, message: str, hint: str = "") -> None:
        self.code = code or self.code
        self.message = message
        self.hint = hint
        super().__init__(str(self))

    def __str__(self) -> str:
        text = f"[{self.code}] {self.message}"
        return f"{text}. {self.hint}" if self.hint else text

    def to_doc_error(self) -> DocError:
        """The same error as a record on a document's result line."""
        msg = f"{self.message}. {self.hint}" if self.hint else self.message
        return DocError(code=self.code, message=msg)


class UsageError(NumcheckError):
    """The command was called wrongly (exit code 2)."""

    code = "E_USAGE"


class InputError(NumcheckError):
    """A document could not be read; it gets an `errors` entry and the batch goes on."""

    code = "E_INPUT"


class ModelError(NumcheckError):
    """The model could not be loaded or run."""

    code = "E_MODEL"


class ConfigError(NumcheckError):
    """A configuration file or value is invalid."""

    code = "E_CONFIG"
