"""A PDF as text plus tables, its pages read as laid out.

Characters and their boxes come from PDFium (pypdfium2, which pdfplumber itself installs): it
reads a page in milliseconds where pdfminer takes seconds, which is what keeps a 100-page
statistical report fast. On each page, in order:

1. Characters become words (a gap wider than a third of the type size, or a new line, ends a
   word); rotated characters (a watermark, a spine title) are dropped; dot leaders
   (". . . . ." and "......") are removed, and so is a contents page's page number after one.
2. Running heads and feet (the same line, digits aside, at the top or the bottom of several
   pages: a document symbol, "Congressional Research Service 7") and page numbers are left out.
3. The page is cut into columns where a white gutter runs between two blocks of prose, so a
   two-column page reads down the left column, then the right; a full-width title or table
   above them stays whole.
4. In each column, tables are found where lines break into aligned cells that hold figures:
   the cells of a column band are joined, wrapped row labels are put back together, header
   lines above the first row become header rows (a label centred over several columns spans
   them), indentation gives a row's level, and the caption above ("Table 2. ... ($ in
   millions)") and notes below are kept for the table checks (scale, units, signs).
5. The rest becomes paragraphs: wrapped lines joined (hyphenation undone), a paragraph ends
   at a wider gap, a change of type size or a line that stops short.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from numcheck.errors import InputError
from numcheck.schema import Source, Table
from numcheck.tables import RawCell, is_year_text, layout_table, read_cell, shift_table

#: A word gap wider than this share of the type size starts a new cell in a table line.
CELL_GAP = 0.9
#: A line in this top or bottom share of the page may be a running head or foot.
MARGIN = 0.09


def _median(values: Any) -> float:
    """The median of a few numbers, as `statistics.median` gives it, without its overhead (a page
    asks for it once a word).

    >>> _median([3.0, 1.0, 2.0]), _median([4.0, 1.0, 2.0, 3.0])
    (2.0, 2.5)
    """
    v = sorted(values)
    h = len(v) // 2
    return v[h] if len(v) % 2 else (v[h - 1] + v[h]) / 2


@dataclass
class Word:
    """A word on a page, in display coordinates (points, origin at the top left)."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float

    @property
    def size(self) -> float:
        """The height of the word's box (about its type size)."""
        return max(self.bottom - self.top, 1.0)

    @property
    def mid(self) -> float:
        """The vertical middle of the word."""
        return (self.top + self.bottom) / 2


@dataclass
class Line:
    """Words on one baseline, left to right. Its words do not change once it is built, so its
    extent and type size are computed once (a page asks for them many times)."""

    words: list[Word]
    #: The line ends with a whole number right after a dot leader.
    toc: bool = False

    @cached_property
    def x0(self) -> float:
        return self.words[0].x0

    @cached_property
    def x1(self) -> float:
        return max(w.x1 for w in self.words)

    @cached_property
    def top(self) -> float:
        return min(w.top for w in self.words)

    @cached_property
    def bottom(self) -> float:
        return max(w.bottom for w in self.words)

    @cached_property
    def size(self) -> float:
        return _median(w.size for w in self.words)

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)

    def segments(self) -> list[list[Word]]:
        """Runs of words separated by a gap wide enough to part two table cells."""
        out: list[list[Word]] = [[self.words[0]]]
        gap = CELL_GAP * self.size
        for prev, w in zip(self.words, self.words[1:]):
            if w.x0 - prev.x1 > gap:
                out.append([w])
            else:
                out[-1].append(w)
        return out


@dataclass
class Page:
    """One page's lines, size and number (1-based)."""

    number: int
    width: float
    height: float
    lines: list[Line] = field(default_factory=list)


# --------------------------------------------------------------------------- characters


def _open(data: bytes, where: str) -> Any:
    import pypdfium2 as pdfium

    try:
        return pdfium.PdfDocument(data)
    except Exception as exc:  # noqa: BLE001 - PdfiumError and friends: the file is not a PDF we can read
        raise InputError(
            "E_PDF_INVALID", f"{where} is not a readable PDF ({exc})",
            "check that the file is a complete, unencrypted PDF",
        ) from None


def _transform(rotation: int, width: float, height: float):  # noqa: ANN202 - a small closure
    """Map PDF user space (origin bottom left) to the page as displayed (origin top left)."""
    if rotation == 90:
        return lambda x, y: (y, x)
    if rotation == 180:
        return lambda x, y: (width - x, y)
    if rotation == 270:
        return lambda x, y: (height - y, width - x)
    return lambda x, y: (x, height - y)


def page_words(page: Any) -> tuple[list[Word], float, float]:
    """The words of a PDFium page in display coordinates, with the displayed width and height."""
    import ctypes
    import math

    import pypdfium2.raw as raw

    rotation = page.get_rotation() % 360
    width, height = page.get_size()
    shown_w, shown_h = (height, width) if rotation in (90, 270) else (width, height)
    to_display = _transform(rotation, width, height)
    upright = math.radians((360 - rotation) % 360)
    tp = page.get_textpage()
    try:
        n = tp.count_chars()
        text = tp.get_text_range(0, n) if n else ""
        words: list[Word] = []
        # The word being read: its characters and its box so far (x0, x1, top, bottom: `wbox`), and the
        # last character's box, which decides whether the next one continues the word.
        chars: list[str] = []
        wbox = [0.0, 0.0, 0.0, 0.0]
        last = [0.0, 0.0, 0.0, 0.0]

        def flush() -> None:
            if chars:
                words.append(Word("".join(chars), wbox[0], wbox[1], wbox[2], wbox[3]))
                chars.clear()

        rect = raw.FS_RECTF()
        box = ctypes.byref(rect)
        handle = tp.raw
        char_box = raw.FPDFText_GetLooseCharBox
        char_angle = raw.FPDFText_GetCharAngle
        for i in range(min(n, len(text))):
            ch = text[i]
            if ch.isspace() or ch == "\x00":
                flush()
                continue
            angle = char_angle(handle, i)
            if angle >= 0 and abs(math.remainder(angle - upright, 2 * math.pi)) > 0.2:
                flush()
                continue
            char_box(handle, i, box)
            left, bottom, right, top = rect.left, rect.bottom, rect.right, rect.top
            ax, ay = to_display(left, bottom)
            bx, by = to_display(right, top)
            x0, x1, y0, y1 = min(ax, bx), max(ax, bx), min(ay, by), max(ay, by)
            if chars:
                px0, px1, py0, py1 = last
                size = max(py1 - py0, 1.0)
                if x0 - px1 > 0.12 * size or x1 < px0 or abs((y0 + y1) / 2 - (py0 + py1) / 2) > 0.5 * size:
                    flush()
            if chars:
                wbox[0], wbox[1], wbox[2], wbox[3] = min(wbox[0], x0), max(wbox[1], x1), min(wbox[2], y0), max(wbox[3], y1)
            else:
                wbox[0], wbox[1], wbox[2], wbox[3] = x0, x1, y0, y1
            last[0], last[1], last[2], last[3] = x0, x1, y0, y1
            chars.append(ch)
        flush()
    finally:
        tp.close()
    return [w for w in (_normalise(w) for w in words) if w is not None], shown_w, shown_h


_LIGATURES = str.maketrans({"ﬁ": "fi", "ﬂ": "fl", "ﬀ": "ff", "ﬃ": "ffi", "ﬄ": "ffl", "\u00ad": "", "\ufffd": "."})


def _normalise(w: Word) -> Word | None:
    text = w.text.translate(_LIGATURES)
    text = unicodedata.normalize("NFC", text)
    if not text.strip():
        return None
    return Word(text, w.x0, w.x1, w.top, w.bottom)


# --------------------------------------------------------------------------- lines

_LEADER = re.compile(r"^[.·•…_]+$")
_LEADER_TAIL = re.compile(r"(?:\s?\.){3,}$|[…_]{2,}$")


def build_lines(words: list[Word]) -> list[Line]:
    """Words grouped into lines (by vertical overlap), dot leaders removed, split decimals joined.

    >>> ws = [Word("Total", 10, 30, 100, 110), Word(".", 32, 34, 100, 110), Word(".", 36, 38, 100, 110),
    ...       Word("1,062", 60, 80, 100, 110), Word(".6", 80.5, 86, 100, 110), Word("Next", 10, 30, 112, 122)]
    >>> [ln.text for ln in build_lines(ws)]
    ['Total 1,062.6', 'Next']
    """
    lines: list[list[Word]] = []
    for w in sorted(words, key=lambda w: (w.mid, w.x0)):
        if lines:
            last = lines[-1]
            mid = _median(x.mid for x in last[-8:])
            if abs(w.mid - mid) <= 0.45 * min(w.size, _median(x.size for x in last[-8:])):
                last.append(w)
                continue
        lines.append([w])
    out = []
    for ws in lines:
        ws.sort(key=lambda w: w.x0)
        ws, toc = _drop_leaders(ws)
        if ws:
            out.append(Line(ws, toc))
    out.sort(key=lambda ln: ln.top)
    # A contents page: several lines end in a page number after a leader. Those numbers go.
    if sum(ln.toc for ln in out) >= 3:
        out = [Line(ln.words[:-1]) if ln.toc else ln for ln in out]
    return out


def _drop_leaders(ws: list[Word]) -> tuple[list[Word], bool]:
    """The words without dot leaders, split decimals joined ("11,062" ".6"); and whether the
    line ends with a whole number right after a leader (as a contents line does)."""
    out: list[Word] = []
    after: list[bool] = []
    leader = False
    for w in ws:
        if _LEADER.match(w.text):
            leader = True
            continue
        text = _LEADER_TAIL.sub("", w.text)
        tail = text != w.text
        if tail:
            if not text:
                leader = True
                continue
            w = Word(text, w.x0, w.x0 + (w.x1 - w.x0) * len(text) / len(w.text), w.top, w.bottom)
        if leader and out and out[-1].text.endswith(".") and not re.search(r"\d\.$", out[-1].text):
            prev = out[-1]  # "Burglary." before its leader: the dot is the leader's
            out[-1] = Word(prev.text[:-1], prev.x0, prev.x1, prev.top, prev.bottom)
        if out and (re.fullmatch(r"[.,]\d+", w.text) and re.search(r"\d$", out[-1].text) or re.fullmatch(
                r"\d+\S*", w.text) and re.search(r"\d[.]$", out[-1].text)) and w.x0 - out[-1].x1 < 0.5 * w.size:
            prev = out.pop()
            after.pop()
            w = Word(prev.text + w.text, prev.x0, w.x1, min(prev.top, w.top), max(prev.bottom, w.bottom))
        out.append(w)
        after.append(leader)
        leader = tail
    toc = len(out) >= 2 and after[-1] and re.fullmatch(r"\d{1,4}", out[-1].text) is not None
    return out, toc


# --------------------------------------------------------------------------- furniture

_PAGE_NUMBER = re.compile(r"^(?:-\s*)?(?:page\s+)?[ivxlc\d]{1,6}(?:\s*(?:of|/)\s*\d{1,4})?(?:\s*-)?$", re.I)


def _furniture_key(line: Line) -> str:
    return re.sub(r"\d+", "#", line.text.lower()).strip()


def running_furniture(pages: list[Page]) -> set[str]:
    """Lines printed at the top or bottom of several pages, digits aside: running heads and feet."""
    counts: Counter[str] = Counter()
    for page in pages:
        keys = {_furniture_key(ln) for ln in page.lines if _in_margin(ln, page)}
        counts.update(keys)
    need = 2 if len(pages) <= 6 else max(2, len(pages) // 5)
    return {k for k, n in counts.items() if n >= need and k}


def _in_margin(line: Line, page: Page) -> bool:
    return line.bottom <= page.height * MARGIN or line.top >= page.height * (1 - MARGIN)


def drop_furniture(page: Page, furniture: set[str]) -> list[Line]:
    """The lines of a page without its running heads and feet and its page number."""
    out = []
    for ln in page.lines:
        if _in_margin(ln, page) and (_furniture_key(ln) in furniture or _PAGE_NUMBER.match(ln.text.strip())):
            continue
        out.append(ln)
    return out


# --------------------------------------------------------------------------- columns


def _is_numeric(text: str) -> bool:
    c = read_cell(text)
    return c is not None


def _prose(lines: list[Line]) -> bool:
    """Lines that read as running prose: mostly several words, mostly not figures."""
    if len(lines) < 3:
        return False
    prose = 0
    for ln in lines:
        words = [w.text for w in ln.words]
        numeric = sum(1 for w in words if _is_numeric(w))
        if len(words) >= 4 and numeric <= 0.3 * len(words):
            prose += 1
    return prose >= 0.5 * len(lines)


def _mostly_numbers(lines: list[Line]) -> bool:
    words = [w.text for ln in lines for w in ln.words]
    return bool(words) and sum(1 for w in words if _is_numeric(w)) >= 0.4 * len(words)


def split_columns(lines: list[Line], x0: float, x1: float, depth: int = 0) -> list[list[Line]]:
    """Cut a region into flows read one after another: left column before right column when a
    gutter runs between two blocks one of which is prose; else at the widest horizontal gap
    above or below which such a cut exists. Each flow is a list of lines (a line that a gutter
    crosses is split in two)."""
    if not lines or depth > 8:
        return [lines] if lines else []
    cut = _vertical_cut(lines, x0, x1)
    if cut is not None:
        left, right = _split_at(lines, cut)
        return split_columns(left, x0, cut, depth + 1) + split_columns(right, cut, x1, depth + 1)
    gaps = []
    for a, b in zip(lines, lines[1:]):
        gap = b.top - a.bottom
        if gap > 0.3 * min(a.size, b.size):
            gaps.append((gap, lines.index(b)))
    for _gap, i in sorted(gaps, reverse=True)[:6]:
        top, bottom = lines[:i], lines[i:]
        if _vertical_cut(top, x0, x1) is not None or _vertical_cut(bottom, x0, x1) is not None:
            return split_columns(top, x0, x1, depth + 1) + split_columns(bottom, x0, x1, depth + 1)
    return [lines]


def _vertical_cut(lines: list[Line], x0: float, x1: float) -> float | None:
    if len(lines) < 6:
        return None
    lo, hi = min(ln.x0 for ln in lines), max(ln.x1 for ln in lines)
    width = hi - lo
    if width <= 0:
        return None
    spans = sorted((w.x0, w.x1) for ln in lines for w in ln.words)
    best: tuple[float, float] | None = None
    reach = spans[0][1]
    for a, b in spans[1:]:
        if a - reach >= 8 and lo + 0.15 * width <= (a + reach) / 2 <= lo + 0.85 * width:
            if best is None or a - reach > best[1] - best[0]:
                best = (reach, a)
        reach = max(reach, b)
    if best is None:
        return None
    cut = (best[0] + best[1]) / 2
    left, right = _split_at(lines, cut)
    if len(left) < 3 or len(right) < 3:
        return None
    if not (_prose(left) or _prose(right)) or _mostly_numbers(left) or _mostly_numbers(right):
        return None
    return cut


def _split_at(lines: list[Line], cut: float) -> tuple[list[Line], list[Line]]:
    left, right = [], []
    for ln in lines:
        lw = [w for w in ln.words if (w.x0 + w.x1) / 2 < cut]
        rw = [w for w in ln.words if (w.x0 + w.x1) / 2 >= cut]
        if lw:
            left.append(Line(lw))
        if rw:
            right.append(Line(rw))
    return left, right


# --------------------------------------------------------------------------- tables


@dataclass
class Found:
    """A table found in a flow: its line range, grid rows and the caption and notes around it."""

    first: int
    last: int
    rows: list[list[RawCell]]
    header_rows: int
    caption: list[str]
    notes: list[str]
    score: float


_CAPTION = re.compile(r"^\W{0,2}(table|exhibit|appendix\s+table)\s+[A-Z]?[-–.\d]*\w*\b", re.I)
_BRACKETED_CAPTION = re.compile(r"^[(\[].{0,80}?(\bin\b|thousands|millions|billions|percent|dollars|number|[$£€%])", re.I)
_NOTE = re.compile(r"^\W{0,2}(notes?|sources?|abbreviations?|totals?|amounts?|figures?|detail|columns?|data\s+are|"
                   r"represents|not\s+available|not\s+applicable|x\s+not\s+applicable|[a-z]\s|\d\s[A-Z]|[*†‡§¹²³])\b", re.I)


def _row_candidate(line: Line) -> bool:
    segs = line.segments()
    if len(segs) < 2:
        return False
    cells = [" ".join(w.text for w in s) for s in segs]
    numeric = [c for c in cells[1:] if _is_numeric(c)]
    if _is_numeric(cells[0]) and len(cells) >= 2:
        numeric.append(cells[0])
    if numeric and all(is_year_text(c) for c in numeric):
        return False  # a line of years heads the columns below it
    words = sum(len(s) for s in segs)
    return len(numeric) >= 1 and len(numeric) >= (len(cells) - 1) / 2 and (len(numeric) >= 2 or words <= 12)


def find_tables(lines: list[Line]) -> list[Found]:
    """Tables in one flow of lines: runs of rows whose cells align, with their headers."""
    found: list[Found] = []
    i = 0
    n = len(lines)
    cand = [_row_candidate(ln) for ln in lines]
    while i < n:
        if not cand[i]:
            i += 1
            continue
        j = i
        rows = [i]
        label_end = _first_figure_x(lines[i])
        while j + 1 < n:
            nxt = lines[j + 1]
            gap = nxt.top - lines[j].bottom
            if gap > 2.6 * lines[j].size:
                break
            if cand[j + 1]:
                rows.append(j + 1)
                label_end = min(label_end, _first_figure_x(nxt))
                j += 1
                continue
            # wrapped labels or a group heading between rows: up to three lines that fit in the
            # label column, then a row
            k = j + 1
            while k < n and k - j <= 3 and not cand[k] and lines[k].x1 <= label_end + 1 and len(lines[k].words) <= 12 and (
                    lines[k].top - lines[k - 1].bottom) <= 2.6 * lines[k].size:
                k += 1
            if k > j + 1 and k < n and cand[k] and lines[k].top - lines[k - 1].bottom <= 2.6 * lines[k].size:
                j = k - 1
                continue
            break
        single = len(rows) == 1 and sum(1 for seg in lines[i].segments() if _is_numeric(" ".join(w.text for w in seg))) >= 3
        if len(rows) >= 2 or single:
            table = _grid(lines, i, j)
            if table is not None:
                found.append(table)
                i = j + 1
                continue
        i = max(j + 1, i + 1)
    return found


def _first_figure_x(line: Line) -> float:
    segs = line.segments()
    for seg in segs[1:]:
        if _is_numeric(" ".join(w.text for w in seg)):
            return seg[0].x0
    return segs[-1][0].x0


def _bands(lines: list[Line], body: range) -> list[tuple[float, float]]:
    spans = []
    for k in body:
        segs = lines[k].segments()
        for s_i, seg in enumerate(segs):
            text = " ".join(w.text for w in seg)
            if s_i == 0 and not _is_numeric(text):
                continue
            spans.append((seg[0].x0, seg[-1].x1))
    spans.sort()
    bands: list[list[float]] = []
    for a, b in spans:
        if bands and a <= bands[-1][1] + 0.5:
            bands[-1][1] = max(bands[-1][1], b)
        else:
            bands.append([a, b])
    return [(a, b) for a, b in bands]


def _grid(lines: list[Line], first: int, last: int) -> Found | None:
    body = range(first, last + 1)
    bands = _bands(lines, range(first, last + 1))
    if not bands:
        return None
    label_end = bands[0][0]
    # Header lines above the first row: near, not prose, not a caption.
    head_start = first
    k = first - 1
    while k >= 0 and first - k <= 6:
        ln = lines[k]
        if lines[k + 1].top - ln.bottom > 2.2 * ln.size or _CAPTION.match(ln.text) or (
                len(ln.segments()) == 1 and len(ln.words) > 8):
            break
        if _BRACKETED_CAPTION.match(ln.text) and ln.x0 < label_end and len(ln.segments()) == 1:
            break
        widths = sorted(b - a for a, b in bands)
        if len(ln.segments()) == 1 and ln.x1 - ln.x0 >= 2.5 * widths[len(widths) // 2] and len(bands) > 2 and not any(
                abs(ln.x1 - b) <= 3 for _a, b in bands):
            break  # a title or a unit line set across the table, not a column header
        if k > 0 and len(ln.segments()) == 1 and len(lines[k - 1].segments()) == 1 and len(lines[k - 1].words) > 8 and (
                ln.top - lines[k - 1].bottom) <= 0.6 * ln.size and abs(ln.x0 - lines[k - 1].x0) <= 2:
            break  # the last line of a paragraph above the table
        if _row_candidate(ln) and sum(1 for seg in ln.segments()[1:] if _is_numeric(" ".join(w.text for w in seg))
                                      and not is_year_text(" ".join(w.text for w in seg))) >= 2:
            break  # a row of figures (of the table above) heads nothing
        head_start = k
        k -= 1
    # Caption: up to three lines above the headers that open with "Table" or a bracket.
    caption: list[str] = []
    k = head_start - 1
    while k >= 0 and head_start - k <= 4 and lines[k + 1].top - lines[k].bottom <= 2.5 * lines[k].size:
        caption.insert(0, lines[k].text)
        if _CAPTION.match(lines[k].text):
            break
        k -= 1
    if not caption or not _CAPTION.match(caption[0]):
        caption = [c for c in caption[-1:] if _BRACKETED_CAPTION.match(c) or re.search(r"\bin\s+(thousands|millions|billions)", c, re.I)]
    first_line = head_start - len(caption)
    # Notes: lines right under the table that read as notes.
    notes: list[str] = []
    k = last + 1
    while k < len(lines) and len(notes) < 20 and lines[k].top - lines[k - 1].bottom <= 2.5 * lines[k].size and (
            _NOTE.match(lines[k].text) or notes) and not _CAPTION.match(lines[k].text) and not _row_candidate(lines[k]):
        notes.append(lines[k].text)
        k += 1
    # A heading right above the first row, in the label column alone, opens a group of rows.
    while first > head_start and all(w.x1 <= label_end + 1 for w in lines[first - 1].words):
        first -= 1
    body = range(first, last + 1)
    levels = sorted({round(lines[r].x0) for r in body if lines[r].x0 < label_end})
    rows: list[list[RawCell]] = []
    for r in range(head_start, first):
        rows.append(_header_cells(lines[r], bands, label_end))
    header_rows = len(rows)
    pending_label: list[str] = []
    pending_x0: list[float] = []
    prev_row_bottom = None
    for r in body:
        ln = lines[r]
        if not _row_candidate(ln):
            label = ln.text
            nxt = lines[r + 1] if r + 1 <= last else None
            d_prev = ln.top - prev_row_bottom if prev_row_bottom is not None else 1e9
            d_next = nxt.top - ln.bottom if nxt is not None else 1e9
            nxt_label = _label_words(nxt, label_end) if nxt is not None else ""
            if nxt_label[:1].islower() or (d_next < d_prev - 1 and prev_row_bottom is not None):
                pending_label.append(label)
                pending_x0.append(ln.x0)
            elif d_prev < d_next - 1 and rows and len(rows) > header_rows:
                cell = rows[-1][0]
                rows[-1][0] = RawCell((cell.text + " " + label).strip(), level=cell.level)
            else:
                rows.append([RawCell(label, level=_level(ln.x0, levels))] + [RawCell("") for _ in bands])
            continue
        cells = _body_cells(ln, bands, label_end)
        label = " ".join([*pending_label, cells[0]]).strip()
        x0 = pending_x0[0] if pending_x0 else ln.x0
        pending_label, pending_x0 = [], []
        level = _level(x0, levels) if x0 < label_end else 0
        rows.append([RawCell(label, level=level, header=True)] + [RawCell(c) for c in cells[1:]])
        prev_row_bottom = ln.bottom
    data_rows = len(rows) - header_rows
    if data_rows < 2 and not (data_rows == 1 and header_rows >= 1 and len(bands) >= 3):
        return None  # one row of figures is a table only under headers of its own
    filled = sum(1 for row in rows[header_rows:] for c in row[1:] if c.text)
    score = 0.85 if filled >= 0.6 * data_rows * len(bands) else 0.7
    if len(bands) == 1:
        score -= 0.1
    return Found(first_line, last + len(notes), rows, header_rows, caption, notes, score)


def _level(x0: float, levels: list[int]) -> int:
    for i, lv in enumerate(levels):
        if abs(x0 - lv) <= 1.5:
            return i
    return 0


def _label_words(line: Line, label_end: float) -> str:
    return " ".join(w.text for w in line.words if w.x1 <= label_end + 1)


def _band_of(x0: float, x1: float, bands: list[tuple[float, float]]) -> int | None:
    mid = (x0 + x1) / 2
    best, dist = None, 1e9
    for i, (a, b) in enumerate(bands):
        if a - 1 <= mid <= b + 1:
            return i
        d = min(abs(mid - a), abs(mid - b))
        if d < dist:
            best, dist = i, d
    return best


def _body_cells(line: Line, bands: list[tuple[float, float]], label_end: float) -> list[str]:
    cells = [""] * (len(bands) + 1)
    for seg in line.segments():
        text = " ".join(w.text for w in seg)
        if seg[-1].x1 <= label_end + 1 and not (_is_numeric(text) and seg[0].x0 >= label_end - 2):
            cells[0] = (cells[0] + " " + text).strip()
            continue
        for w in seg:
            if w.x1 <= label_end + 1:
                cells[0] = (cells[0] + " " + w.text).strip()
                continue
            b = _band_of(w.x0, w.x1, bands)
            if b is not None:
                cells[b + 1] = (cells[b + 1] + " " + w.text).strip()
    return cells


def _split_header(seg: list[Word], bands: list[tuple[float, float]]) -> list[list[Word]]:
    """A header segment over two or more whole bands is two headers set close ("Under 18  18 years")
    when a word gap in it stands out; else it is one header spanning them."""
    covered = [i for i, (a, b) in enumerate(bands) if min(seg[-1].x1, b) - max(seg[0].x0, a) > 0.6 * (b - a)]
    if len(covered) < 2 or len(seg) < 2:
        return [seg]
    gaps = [(seg[i + 1].x0 - seg[i].x1, i) for i in range(len(seg) - 1)]
    widest, at = max(gaps)
    others = [g for g, i in gaps if i != at] or [0.0]
    if widest < 1.5 * max(_median(others), 0.5):
        return [seg]
    return _split_header(seg[: at + 1], bands) + _split_header(seg[at + 1 :], bands)


def _header_band(x0: float, x1: float, bands: list[tuple[float, float]]) -> int | None:
    """The band a header sits over: among those it overlaps, the one whose right edge or centre
    is nearest to its own (numbers are set right-aligned, headers right-aligned or centred)."""
    over = [i for i, (a, b) in enumerate(bands) if min(x1, b) > max(x0, a)]
    if not over:
        return _band_of(x0, x1, bands)
    mid = (x0 + x1) / 2
    return min(over, key=lambda i: min(abs(bands[i][1] - x1), abs((bands[i][0] + bands[i][1]) / 2 - mid)))


def _header_cells(line: Line, bands: list[tuple[float, float]], label_end: float) -> list[RawCell]:
    """A header line as cells over the column bands. A label centred over a few columns at
    regular steps ("Total   Male   Female" over nine) spans them."""
    label_words: list[str] = []
    cols: list[tuple[int, str, float, float]] = []
    for seg in line.segments():
        for part in _split_header(seg, bands):
            x0, x1 = part[0].x0, part[-1].x1
            text = " ".join(w.text for w in part)
            if x1 <= label_end + 1:
                label_words.append(text)
                continue
            band = _header_band(x0, x1, bands)
            if band is not None:
                cols.append((band, text, x0, x1))
    cols.sort()
    spans = {}
    gaps = [b2[0] - b1[1] for b1, b2 in zip(bands, bands[1:])]
    reach = 0.5 * _median(gaps) if gaps else 0.0
    for band, _text, x0, x1 in cols:
        # bands whose middle lies under the header (its ends stretched by half a column gap)
        covered = [i for i, (a, b) in enumerate(bands) if x0 - reach <= (a + b) / 2 <= x1 + reach] or [band]
        spans[band] = (min(covered[0], band), max(covered[-1], band))
    steps = [b2 - b1 for (b1, *_r1), (b2, *_r2) in zip(cols, cols[1:])]
    narrow = all(spans[band][0] == spans[band][1] for band, *_r in cols)
    if narrow and len(cols) >= 3 and len(bands) >= 2 * len(cols) and len(set(steps)) == 1 and steps[0] >= 2:
        step = steps[0]
        for band, *_rest in cols:
            spans[band] = (max(0, band - step // 2), min(len(bands) - 1, band + (step - 1) // 2))
    cells: list[RawCell] = [RawCell(" ".join(label_words), header=True)]
    col = 0
    for band, text, _x0, _x1 in cols:
        lo, hi = spans[band]
        lo = max(lo, col)
        if hi < lo:
            prev = cells[-1]
            cells[-1] = RawCell((prev.text + " " + text).strip(), colspan=prev.colspan, header=True)
            continue
        cells.extend(RawCell("", header=True) for _ in range(col, lo))
        cells.append(RawCell(text, colspan=hi - lo + 1, header=True))
        col = hi + 1
    cells.extend(RawCell("", header=True) for _ in range(col, len(bands)))
    return cells


# --------------------------------------------------------------------------- paragraphs


def _paragraphs(lines: list[Line]) -> list[str]:
    if not lines:
        return []
    right = max(ln.x1 for ln in lines)
    out: list[list[str]] = [[lines[0].text]]
    for prev, ln in zip(lines, lines[1:]):
        if _starts_paragraph(prev, ln, right):
            out.append([])
        out[-1].append(ln.text)
    return [p for p in (_join_lines(ls) for ls in out) if p]


def _starts_paragraph(prev: Line, line: Line, right: float) -> bool:
    height = max(prev.bottom - prev.top, 1.0)
    gap = line.top - prev.bottom
    if gap > 0.6 * height or gap < -height:
        return True
    if abs((line.bottom - line.top) - height) > 0.25 * height:
        return True
    first = line.words[0]
    return prev.x1 + (first.x1 - first.x0) + 0.3 * height < right - 2


def _join_lines(lines: list[str]) -> str:
    text = lines[0]
    for line in lines[1:]:
        text = text[:-1] + line if re.search(r"[A-Za-z]-$", text) and line[:1].islower() else text + " " + line
    return text.strip()


# --------------------------------------------------------------------------- the document


def read_pages(data: bytes, *, where: str = "input") -> tuple[list[Page], dict[str, Any]]:
    """Every page's lines (words grouped, leaders removed) and the document's metadata."""
    pdf = _open(data, where)
    try:
        try:
            meta = dict(pdf.get_metadata_dict())
        except Exception:  # noqa: BLE001 - metadata is optional
            meta = {}
        pages = []
        for i in range(len(pdf)):
            page = pdf[i]
            try:
                words, w, h = page_words(page)
            finally:
                page.close()
            pages.append(Page(i + 1, w, h, build_lines(words)))
    finally:
        pdf.close()
    return pages, meta


def read_pdf(data: bytes, *, where: str = "input") -> tuple[str, list[Table], Source]:
    """The text of a PDF read as laid out, its tables as grids over that text, and its metadata.

    Raises `InputError` E_PDF_INVALID when PDFium cannot open the file and E_PDF_NO_TEXT when
    no page has a text layer (a scan).

    >>> read_pdf(b"not a pdf")  # doctest: +IGNORE_EXCEPTION_DETAIL
    Traceback (most recent call last):
    numcheck.errors.InputError: [E_PDF_INVALID] input is not a readable PDF
    """
    pages, meta = read_pages(data, where=where)
    if not any(p.lines for p in pages):
        raise InputError(
            "E_PDF_NO_TEXT", f"{where} has no text layer (it is probably a scan)",
            "run OCR first (e.g. ocrmypdf IN.pdf OUT.pdf) and check OUT.pdf",
        )
    furniture = running_furniture(pages) if len(pages) > 1 else set()
    blocks: list[tuple[str, Any]] = []  # ("p", text) or ("t", Found) with the page number
    for page in pages:
        lines = drop_furniture(page, furniture)
        for flow in split_columns(lines, 0, page.width):
            blocks.extend(_flow_blocks(flow, page.number))
    text, tables = _assemble(_join_continued(blocks))

    def clean(key: str) -> str | None:
        value = str(meta.get(key) or "").strip()
        return value if value and value != "(unspecified)" else None

    return text, tables, Source(title=clean("Title"), publisher=clean("Author"))


def _join_continued(blocks: list[tuple[str, Any]]) -> list[tuple[str, Any]]:
    """A table continued on the next page (the same columns, its header repeated or left out,
    no caption of its own) is one table: its total row sums the rows of every page."""
    out: list[tuple[str, Any]] = []
    last_table: int | None = None
    for kind, (item, page) in blocks:
        if kind == "t" and last_table is not None:
            prev, prev_page = out[last_table][1]
            between = [b for b in out[last_table + 1 :]]
            same_cols = len(prev.rows[0]) == len(item.rows[0])
            heads = [[c.text for c in r] for r in item.rows[: item.header_rows]]
            prev_heads = [[c.text for c in r] for r in prev.rows[: prev.header_rows]]
            if same_cols and not item.caption and page in (prev_page, prev_page + 1) and (not heads or heads == prev_heads) and (
                    len(between) <= 6):
                merged = Found(prev.first, prev.last, prev.rows + item.rows[item.header_rows :], prev.header_rows,
                               prev.caption, prev.notes + item.notes, min(prev.score, item.score))
                out[last_table] = ("t", (merged, page))
                continue
        out.append((kind, (item, page)))
        if kind == "t":
            last_table = len(out) - 1
    return out


def _flow_blocks(flow: list[Line], page: int) -> list[tuple[str, Any]]:
    out: list[tuple[str, Any]] = []
    pos = 0
    for found in find_tables(flow):
        out.extend(("p", (p, page)) for p in _paragraphs(flow[pos : found.first]))
        out.append(("t", (found, page)))
        pos = found.last + 1
    out.extend(("p", (p, page)) for p in _paragraphs(flow[pos:]))
    return out


def _assemble(blocks: list[tuple[str, Any]]) -> tuple[str, list[Table]]:
    parts: list[str] = []
    tables: list[Table] = []
    pos = 0

    def add(block: str, *, join: bool = False) -> int:
        nonlocal pos
        if join and parts:
            parts[-1] = parts[-1] + " " + block
            pos += 1 + len(block)
            return pos - len(block)
        if parts:
            pos += 2
        start = pos
        parts.append(block)
        pos += len(block)
        return start

    last_kind = ""
    for kind, (item, page) in blocks:
        if kind == "p":
            # A paragraph cut by a page or column break continues when it ended mid-sentence.
            join = last_kind == "p" and not re.search(r"[.:!?\"'”)\]]$|\d$", parts[-1]) and item[:1].islower()
            add(item, join=join)
            last_kind = "p"
            continue
        found: Found = item
        cap = None
        if found.caption:
            caption = " ".join(found.caption)
            start = add(caption)
            cap = [start, start + len(caption)]
        start = pos + (2 if parts else 0)
        table_text, table = layout_table(found.rows, offset=start, table_id=f"t{len(tables) + 1}", origin="pdf",
                                         header_rows=found.header_rows, page=page, score=found.score)
        if table is None:
            continue
        add(table_text)
        notes = None
        if found.notes:
            note = " ".join(found.notes)
            nstart = add(note)
            notes = [nstart, nstart + len(note)]
        tables.append(table.model_copy(update={"caption": cap, "notes": notes}))
        last_kind = "t"
    text = "\n\n".join(parts)
    return text, [shift_table(t, 0) for t in tables]
