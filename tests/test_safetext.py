"""The reading view (same length, nothing read inside escapes) and the printable form of reports."""

from __future__ import annotations

import json

import pytest

from numcheck.safetext import MAX_FIGURE_DIGITS, escape_surrogates, printable, reading_view
from numcheck.schema import DocError, DocumentResult, dump_record


@pytest.mark.parametrize(
    ("text", "view", "codes"),
    [
        ("Of 40 cases, 12 were closed.", "Of 40 cases, 12 were closed.", []),
        ("\x1b[31m12\x1b[0m of 40", "     12     of 40", ["W_CONTROL_CHARS"]),
        ("\x1b]0;title 99\x07Of 40", " " * 13 + "Of 40", ["W_CONTROL_CHARS"]),
        ("a\x00b\x7fc\x85d 5", "a b c d 5", ["W_CONTROL_CHARS"]),
        ("tab\tand\nline\r\n5", "tab\tand\nline\r\n5", []),
        ("closed \ud800 12", "closed \ufffd 12", ["W_INVALID_UNICODE"]),
        ("growth of ٣٫٥٪", "growth of 3.5%", []),
        ("９０％ of ２０", "90% of 20", []),
        ("𝟓 cases", "5 cases", []),
        ("code " + "7" * 50 + " and 12", "code " + " " * 50 + " and 12", ["W_LONG_NUMBER"]),
        ("1," + ",".join(["000"] * 14) + " tons", " " * (2 + 4 * 14 - 1) + " tons", ["W_LONG_NUMBER"]),
        ("exactly " + "9" * MAX_FIGURE_DIGITS + " kg", "exactly " + "9" * MAX_FIGURE_DIGITS + " kg", []),
    ],
)
def test_reading_view_keeps_length_and_blanks_what_must_not_be_read(text, view, codes):
    got, warnings = reading_view(text)
    assert len(got) == len(text)
    assert got == view
    assert [w.code for w in warnings] == codes


def test_an_unterminated_escape_string_does_not_blank_the_rest_of_the_document():
    text = "\x1b]0;no end " + "Of 40 cases, 12 were closed. " * 20
    view, _ = reading_view(text)
    assert view.rstrip().endswith("Of 40 cases, 12 were closed.")
    assert view.count("40") == 20


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("plain", "plain"),
        ("\x1b[2J\x1b]0;pwned\x07", "\\x1b[2J\\x1b]0;pwned\\x07"),
        ("caf\udce9 report.txt", "caf\\xe9 report.txt"),
        ("lone \ud800", "lone \\ud800"),
        ("right\u202eleft", "right\\u202eleft"),
        ("two\nlines\tok", "two\nlines\tok"),
        ("cr\rhere", "cr\\rhere"),
        ("€ − é", "€ − é"),
    ],
)
def test_printable_escapes_controls_surrogates_and_bidi_overrides(raw, shown):
    assert printable(raw) == shown
    assert "\x1b" not in printable(raw)
    printable(raw).encode("utf-8")  # never raises


def test_a_record_with_lone_surrogates_encodes_and_reads_back_the_same():
    name = "press/caf\udce9 report.txt"
    result = DocumentResult(id=name, text="closed \ud800 12", errors=[DocError(code="W_X", message=name)])
    line = dump_record(result)
    line.encode("utf-8")
    back = DocumentResult.model_validate(json.loads(line))  # as --resume reads it
    assert back.id == name and back.text == "closed \ud800 12"
    assert escape_surrogates('{"a": "ok"}') == '{"a": "ok"}'


def test_non_finite_floats_become_null_so_the_line_is_json():
    from numcheck.schema import Check

    result = DocumentResult(id="d", checks=[Check(kind="share", quantities=["q1"], verdict="consistent", expected=float("inf"))])
    assert json.loads(dump_record(result))["checks"][0]["expected"] is None
    assert "Infinity" not in dump_record(result)
