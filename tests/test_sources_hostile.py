"""Hostile bytes and markup in input files: decoded with a warning, never lost (issue 21)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from numcheck.deephtml import flatten
from numcheck.sources import InputUnit, STDIN_ID, decode_text, extract_html, iter_documents

RELEASE = "Sales rose to €5.5 million from €5.0 million, a change of 10%; costs changed by −2%."
DEEP_P = "Of the 1,250 inspections made in 2024, 300 (24%) found a breach."
AFTER = "A further 75 inspections are planned."


def read(path: Path):
    [loaded] = list(iter_documents([InputUnit(str(path), "file")], max_bytes=10**8))
    return loaded


def test_one_bad_byte_in_utf8_keeps_every_other_character_and_says_so(tmp_path):
    data = RELEASE.encode()
    (tmp_path / "a.txt").write_bytes(data[:3] + b"\xff" + data[3:])
    loaded = read(tmp_path / "a.txt")
    assert loaded.ok
    assert loaded.doc.text == RELEASE[:3] + "\ufffd" + RELEASE[3:]
    assert [e.code for e in loaded.errors] == ["W_DECODE_REPLACED"]
    assert "byte 3" in loaded.errors[0].message


def test_a_legacy_encoding_is_guessed_and_the_guess_is_said():
    notes = []
    text = decode_text("Le port a traité 12 400 navires en 2024, soit 5 % de plus qu'en 2023.".encode("cp1252"), warnings=notes)
    assert text.startswith("Le port a traité")
    assert [n.code for n in notes] == ["W_ENCODING"] and "a guess" in notes[0].message


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_byte_order_mark_is_text_not_binary(codec):
    notes = []
    assert decode_text("In 2024, 12 ships docked; 3 were ferries.".encode(codec), warnings=notes) == \
        "In 2024, 12 ships docked; 3 were ferries."
    assert [n.code for n in notes] == ["W_ENCODING"] and codec.upper() in notes[0].message


def test_valid_utf8_gets_no_warning():
    notes = []
    assert decode_text(RELEASE.encode(), warnings=notes) == RELEASE and notes == []


def _deep_page(depth: int) -> str:
    return ("<html><body><article>" + "<div>" * depth + f"<p>{DEEP_P}</p>" + "</div>" * depth
            + f"<p>{AFTER}</p></article></body></html>")


@pytest.mark.parametrize("depth", [3_000, 10_000])
def test_html_of_any_depth_keeps_its_text_and_the_paragraphs_after_it(depth):
    notes = []
    text, _ = extract_html(_deep_page(depth).encode(), warnings=notes)
    assert text == f"{DEEP_P}\n\n{AFTER}"
    assert [n.code for n in notes] == ["W_HTML_DEEP"] and f"{depth + 4:,} deep" in notes[0].message


def test_hundreds_of_unclosed_spans_lose_nothing_after_them():
    page = f"<html><body><article><p>Intro: 5 cases.</p>{'<span>' * 300}<p>{DEEP_P}</p><p>{AFTER}</p></article></body></html>"
    text, _ = extract_html(page)
    assert text == f"Intro: 5 cases.\n\n{DEEP_P}\n\n{AFTER}"


def test_a_shallow_page_is_not_rewritten_and_scripts_below_the_cap_stay_out():
    page = "<html><body><p>12 of 40</p></body></html>"
    assert flatten(page) == (page, 0)
    deep = "<body>" + "<div>" * 300 + "<script>var x = '<b>99 secret</b>';</script><p>12 of 40 (30%)</p>" + "</div>" * 300
    flat, depth = flatten(deep)
    assert depth == 302 and "99 secret" not in flat and "<p>12 of 40 (30%)</p>" in flat


def test_unclosed_list_items_and_paragraphs_do_not_count_as_nesting():
    page = "<body><ul>" + "<li>item 5" * 400 + "</ul>" + "<p>para 6" * 400 + "</body>"
    flat, depth = flatten(page)
    assert depth == 0 or depth <= 5
    assert flat.count("item 5") == 400 and flat.count("para 6") == 400


def test_endless_standard_input_stops_at_max_bytes():
    class Endless(io.RawIOBase):
        def readable(self) -> bool:
            return True

        def readinto(self, buffer) -> int:
            buffer[:] = b"5" * len(buffer)
            return len(buffer)

    [loaded] = list(iter_documents([InputUnit(STDIN_ID, "stdin")], max_bytes=3_000_000, stdin=io.BufferedReader(Endless())))
    assert [e.code for e in loaded.errors] == ["E_TOO_LARGE"]
