"""Outside facts for a run: `--reference FILE`, a gold-format `reference` object.

`numcheck check` passes it, with `--population N`, to `check_documents` unchanged.
"""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import ValidationError

from numcheck.errors import UsageError
from numcheck.schema import Reference


def load_reference(path: Path) -> Reference:
    """Read a JSON object shaped like gold-format `reference` (population, population_end, ...).

    Raises `UsageError` E_REFERENCE, saying where and how to fix it, when the file is missing,
    not JSON, not an object, or has a field of the wrong type.

    >>> import tempfile, os
    >>> p = Path(tempfile.mkdtemp()) / "ref.json"; _ = p.write_text('{"population": 10180770}')
    >>> load_reference(p).population
    10180770.0
    """
    hint = 'write a JSON object such as {"population": 10180770, "population_end": 10224889}'
    try:
        raw = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise UsageError("E_REFERENCE", f"--reference {path}: no such file", "check the path") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError("E_REFERENCE", f"--reference {path} cannot be read: {exc}", "pass a readable UTF-8 JSON file") from None
    try:
        obj = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise UsageError("E_REFERENCE", f"--reference {path} is not JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})", hint) from None
    if not isinstance(obj, dict):
        raise UsageError("E_REFERENCE", f"--reference {path} must hold a JSON object, got a {type(obj).__name__}", hint)
    try:
        ref = Reference.model_validate(obj)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise UsageError("E_REFERENCE", f"{where} of --reference {path} is invalid: {first['msg']}, got {first.get('input')!r}", hint) from None
    for name in ("population", "population_end"):
        value = getattr(ref, name)
        if value is not None and value <= 0:
            raise UsageError("E_REFERENCE", f"{name} of --reference {path} must be positive, got {value}", hint)
    return ref

