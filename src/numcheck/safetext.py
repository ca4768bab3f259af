"""Untrusted text made safe to read and to show, without moving a single offset.

A document may hold terminal escape sequences, other control characters, lone surrogates
(a JSON `"\\ud800"`, a file name that is not UTF-8), digits of other scripts and digit runs
thousands of characters long. Two views of it are used, and the document's own text is never
changed (offsets point into it):

- `reading_view` is what the extractors and the linker read: the same length, code point
  for code point, with escape sequences and control characters blanked, lone surrogates
  replaced by U+FFFD, digits of any script read as ASCII digits (`٣٫٥٪` -> `3.5%`, `９０％` ->
  `90%`) and digit runs longer than `MAX_FIGURE_DIGITS` blanked, so that no figure is read
  inside an escape and no reader meets a figure it cannot compute with. What it changed is
  reported as warnings (`W_...` codes) on the document.
- `printable` is what the text and HTML reports show: control characters, lone surrogates and
  bidirectional overrides as visible escapes (`\\x1b`, `\\udce9` shown as the byte `\\xe9`),
  never raw.

`escape_surrogates` keeps a JSON line valid UTF-8 while keeping lone surrogates losslessly
(as `\\udce9` escapes, which `json.loads` reads back to the same string).
"""

from __future__ import annotations

import re
import unicodedata

from numcheck.schema import DocError

#: The most digits a figure may have. No report prints a longer one, and a run of thousands
#: of digits would cost every reader time and break int conversions, so it is not read (the
#: document says so); up to this many, `numcheck.numbers.parse_number` reads figures exactly.
MAX_FIGURE_DIGITS = 40

# ECMA-48 sequences: CSI (ESC [ ... final), OSC / DCS / PM / APC strings (ended by BEL or ST),
# two-character ESC sequences, and their 8-bit C1 forms. A string without its terminator is
# not taken as one (only its introducer is blanked), so it never blanks the rest of a document.
_ESCAPES = re.compile(
    r"(?:\x1b\[|\x9b)[0-?]{0,32}[ -/]{0,4}[@-~]?"
    r"|(?:\x1b[\]P^_X]|[\x9d\x90\x9e\x9f\x98])[^\x07\x1b\x9c\n]{0,256}(?:\x07|\x1b\\|\x9c)"
    r"|\x1b[ -/]{0,4}[0-~]?"
)
#: Control characters other than tab, line feed and carriage return.
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_SURROGATES = re.compile(r"[\ud800-\udfff]")
_NON_ASCII_DIGIT = re.compile(r"(?![0-9])\d")
#: Separators and signs of other scripts and of full-width forms, read as their ASCII forms.
_SIGN_FORMS = str.maketrans({
    "\u066b": ".", "\u066c": ",", "\u066a": "%", "\uff05": "%", "\ufe6a": "%", "\uff0c": ",",
    "\uff0e": ".", "\uff0b": "+", "\uff0d": "-", "\u2052": "%",
})  # fmt: skip
#: A figure's digits as the readers take them: grouped in threes ("1,000,000", "1 000 000" with
#: no-break spaces) or plain, with decimals.
_DIGIT_RUN = re.compile(r"\d{1,3}(?:[,.’'\u00a0\u202f\u2009]\d{3})+(?!\d)(?:[.,]\d+)?|\d+(?:[.,]\d+)?")
#: What the reports escape: controls (not tab or line feed), lone surrogates, bidi overrides.
_LONG_HINT = re.compile(rf"(?:\d[,.’'\u00a0\u202f\u2009]?){{{MAX_FIGURE_DIGITS + 1}}}")
_SHOWN_ESCAPED = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\u202a-\u202e\u2066-\u2069]")
_NAMED = {"\r": "\\r", "\x0b": "\\v", "\x0c": "\\f"}


def reading_view(text: str) -> tuple[str, list[DocError]]:
    """The text as the readers see it (same length, offsets unchanged) and warnings on what changed.

    >>> view, warnings = reading_view("\\x1b[31mOf 80 staff, 20 (25%)\\x1b[0m")
    >>> view.strip(), len(view) == len("\\x1b[31mOf 80 staff, 20 (25%)\\x1b[0m"), [w.code for w in warnings]
    ('Of 80 staff, 20 (25%)', True, ['W_CONTROL_CHARS'])
    >>> reading_view("growth of ٣٫٥٪")[0]
    'growth of 3.5%'
    """
    warnings: list[DocError] = []
    view = text
    if not text.isascii() or "\x1b" in text or _CONTROLS.search(text):
        view, warnings = _mask_controls(view, warnings)
    if not view.isascii():
        view = _NON_ASCII_DIGIT.sub(lambda m: str(unicodedata.decimal(m.group(), 0)), view).translate(_SIGN_FORMS)
    view = _blot_long_runs(view, warnings)
    return view, warnings


def _mask_controls(text: str, warnings: list[DocError]) -> tuple[str, list[DocError]]:
    first = None
    n = 0

    def blank(m: re.Match[str]) -> str:
        nonlocal first, n
        first = m.start() if first is None else first
        n += 1
        return " " * len(m.group())

    view = _ESCAPES.sub(blank, text)
    view = _CONTROLS.sub(blank, view)
    if n:
        warnings.append(DocError(
            code="W_CONTROL_CHARS",
            message=f"{n} control character(s) or terminal escape sequence(s), the first at offset {first}, "
            "were not read (no figure is read inside them); the reports show them escaped (\\x1b)",
        ))
    surrogates = [m.start() for m in _SURROGATES.finditer(view)]
    if surrogates:
        view = _SURROGATES.sub("\ufffd", view)
        warnings.append(DocError(
            code="W_INVALID_UNICODE",
            message=f"{len(surrogates)} lone surrogate code point(s) (not valid Unicode), the first at offset "
            f"{surrogates[0]}, were read as U+FFFD; the JSONL keeps them as \\ud800 escapes",
        ))
    return view, warnings


def _blot_long_runs(view: str, warnings: list[DocError]) -> str:
    if not _LONG_HINT.search(view):
        return view
    runs: list[tuple[int, int, int]] = []

    def blot(m: re.Match[str]) -> str:
        digits = sum(c.isdigit() for c in m.group())
        if digits <= MAX_FIGURE_DIGITS:
            return m.group()
        runs.append((m.start(), m.end(), digits))
        return " " * len(m.group())  # blank, not a mark: no reader (or model token) spends time on it

    view = _DIGIT_RUN.sub(blot, view)
    if runs:
        start, end, digits = runs[0]
        more = f" and {len(runs) - 1} more" if len(runs) > 1 else ""
        warnings.append(DocError(
            code="W_LONG_NUMBER",
            message=f"a run of {digits:,} digits at offsets {start}-{end}{more} is not read as a figure "
            f"(numcheck reads figures of at most {MAX_FIGURE_DIGITS} digits)",
        ))
    return view


def printable(s: str) -> str:
    r"""`s` with control characters, lone surrogates and bidi overrides as visible escapes.

    Tab and line feed are kept; a surrogate that stands for an undecodable byte of a file
    name (Python's surrogateescape) is shown as that byte.

    >>> printable("\x1b]0;pwned\x07caf\udce9 \ud800 ok")
    '\\x1b]0;pwned\\x07caf\\xe9 \\ud800 ok'
    """
    if s.isascii() and s.isprintable():
        return s
    return _SHOWN_ESCAPED.sub(_escape_one, s)


def _escape_one(m: re.Match[str]) -> str:
    ch = m.group()
    code = ord(ch)
    if ch in _NAMED:
        return _NAMED[ch]
    if 0xDC80 <= code <= 0xDCFF:
        return f"\\x{code - 0xDC00:02x}"
    if code <= 0xFF:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}"


def escape_surrogates(json_text: str) -> str:
    r"""A JSON text with each lone surrogate written as a `\uXXXX` escape, so it encodes as UTF-8.

    >>> import json; line = escape_surrogates(json.dumps({"id": "caf\udce9"}, ensure_ascii=False))
    >>> line, json.loads(line)["id"] == "caf\udce9"
    ('{"id": "caf\\udce9"}', True)
    """
    if json_text.isascii():
        return json_text
    return _SURROGATES.sub(lambda m: f"\\u{ord(m.group()):04x}", json_text)
