"""A web page as text plus tables: the main text (trafilatura) with each data `<table>` read
from the markup into a grid (row and column spans resolved, `<th>` cells as headers).

trafilatura keeps a page's main text and drops menus and footers, but flattens tables (a
colspan becomes empty cells, `<br>` glues words) and sometimes drops them. So each table
without a nested table is read from the page's own markup and replaced, before trafilatura
runs, by a placeholder paragraph; where the placeholder comes out in the main text the grid
is written instead. A table whose placeholder trafilatura dropped is put back after the
block that holds the text printed just before it on the page, or left out when that text is
not part of the main text either (a table in the page furniture). Figures in an `<aside>`
inside the article (a page's headline statistics) are part of the article: the aside becomes
a plain block so that trafilatura keeps it.
"""

from __future__ import annotations

import re
from typing import Any

from numcheck.schema import DocError, Source, Table
from numcheck.tables import RawCell, layout_table

_PLACEHOLDER = "NUMCHECKTABLE{:05d}"
_PLACEHOLDER_RE = re.compile(r"NUMCHECKTABLE(\d{5})")
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>")
#: A block under a table that says how to read it.
_NOTES = re.compile(r"^\W{0,3}(notes?|sources?|abbreviations?|totals?|amounts?|figures?|details?|columns?|data|"
                    r"in\s+(thousands|millions|billions)|[a-z]\s|[¹²³*†‡§])\b", re.I)
_TITLE = re.compile(r"^\W{0,3}(table|exhibit|appendix\s+table)\s+[\w.-]+", re.I)


def read_html(
    data: bytes | str, *, url: str | None = None, where: str = "input", warnings: list[DocError] | None = None
) -> tuple[str, list[Table], Source]:
    """The main text of a page, its tables as grids over that text, and its metadata.

    `warnings` collects what `numcheck.sources.extract_html` notes (a guessed encoding, a page
    nested too deep to read as it is).

    >>> page = ("<html><body><article><h1>Awards</h1><p>The agency gave out 3 awards this year, worth $250,000 in all.</p>"
    ...         "<table><tr><th>State</th><th>Award</th></tr><tr><td>Ohio</td><td>$100,000</td></tr>"
    ...         "<tr><td>Utah</td><td>$150,000</td></tr><tr><td>Total</td><td>$250,000</td></tr></table>"
    ...         "</article></body></html>")
    >>> text, tables, _ = read_html(page)
    >>> [text[c.start:c.end] for c in tables[0].cells][-2:], tables[0].header_rows
    (['Total', '$250,000'], 1)
    """
    from numcheck.sources import extract_html

    if isinstance(data, bytes) and b"\x00" in data[:8192]:
        text, meta = extract_html(data, url=url, where=where, warnings=warnings)  # says what is wrong with the bytes
        return text, [], meta
    from numcheck.sources import _readable_html

    notes: list[DocError] = warnings if warnings is not None else []
    # Decoded (UTF-8 kept through a stray bad byte, a declared charset honoured) and flattened
    # when it nests deeper than libxml2 reads, before lxml reads the tables.
    data = _readable_html(data, where, notes)
    try:
        html, grids = _with_placeholders(data)
    except Exception:  # noqa: BLE001 - markup lxml cannot read: the text alone, as before
        text, meta = extract_html(data, url=url, where=where)  # decoded and flattened above, with its notes
        return text, [], meta
    text, meta = extract_html(html, url=url, where=where)
    if not grids:
        return text, [], meta
    blocks = []
    for block in text.split("\n\n") if text else []:
        # a placeholder run into the text around it (a table inside a layout cell) stands alone
        blocks.extend(b.strip() for b in re.split(r"(NUMCHECKTABLE\d{5})", block) if b.strip())
    placed: set[int] = set()
    for b in blocks:
        placed.update(int(m.group(1)) for m in _PLACEHOLDER_RE.finditer(b))
    for index, (_rows, before, _caption) in enumerate(grids):
        if index in placed:
            continue
        at = _block_after(blocks, before)
        if at is None and len(text) > 2 * sum(len(c.text) for row in _rows for c in row):
            continue  # not found in a page with main text of its own: page furniture
        token = _PLACEHOLDER.format(index)
        blocks.insert(len(blocks) if at is None else at + 1, token)
    return _assemble(blocks, grids, meta)


def _with_placeholders(data: bytes | str) -> tuple[str, list[tuple[list[list[RawCell]], str, str]]]:
    import lxml.html

    if isinstance(data, bytes):
        try:
            data = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            root = lxml.html.fromstring(data)
            data = None  # type: ignore[assignment]
    if data is not None:
        root = lxml.html.fromstring(_XML_DECL.sub("", data) or "<html></html>")
    for bad in root.xpath("//script|//style|//noscript|//template"):
        bad.drop_tree()
    for aside in root.xpath("//article//aside|//main//aside|//*[@role='main']//aside"):
        if re.search(r"\d", aside.text_content() or ""):
            aside.tag = "div"
    grids: list[tuple[list[list[RawCell]], str, str]] = []
    for table in root.xpath("//table"):
        if table.xpath(".//table"):
            continue  # a layout table: its inner tables are read on their own
        rows = _table_rows(table)
        if len(rows) < 2 or max(len(r) for r in rows) < 2:
            continue
        cap = table.xpath("./caption")
        caption = " ".join(cap[0].text_content().split()) if cap else ""
        placeholder = lxml.html.Element("p")
        placeholder.text = _PLACEHOLDER.format(len(grids))
        placeholder.tail = table.tail
        grids.append((rows, _text_before(table), caption))
        table.getparent().replace(table, placeholder)
    return lxml.html.tostring(root, encoding="unicode"), grids


def _cell_text(el: Any) -> str:
    for br in el.iter("br"):
        br.tail = " " + (br.tail or "")
    for sup in el.iter("sup"):
        # A footnote marker after a figure stays apart from it: "2.5 e", not "2.5e".
        sup.text = " " + (sup.text or "")
    return " ".join((el.text_content() or "").split())


def _table_rows(table: Any) -> list[list[RawCell]]:
    rows = []
    for tr in table.xpath("./tr|./thead/tr|./tbody/tr|./tfoot/tr"):
        cells = []
        in_head = tr.getparent().tag == "thead"
        for td in tr.xpath("./td|./th"):
            cells.append(RawCell(_cell_text(td), _span(td.get("rowspan")), _span(td.get("colspan")),
                                 header=in_head or td.tag == "th"))
        if cells:
            rows.append(cells)
    return rows


def _span(value: str | None) -> int:
    try:
        return max(1, min(int(str(value).strip()), 1000))
    except (TypeError, ValueError):
        return 1


def _text_before(table: Any, limit: int = 200) -> str:
    """The last words printed before the table on the page."""
    words: list[str] = []
    node = table
    while node is not None and len(" ".join(words)) < limit:
        prev = node.getprevious()
        while prev is None:
            node = node.getparent()
            if node is None:
                break
            if node.text and node.text.strip():
                words[:0] = node.text.split()
            prev = node.getprevious()
        if node is None or prev is None:
            break
        node = prev
        chunk = " ".join((node.text_content() or "").split())
        if chunk:
            words[:0] = chunk.split()
    return " ".join(words)[-limit:]


def _block_after(blocks: list[str], before: str) -> int | None:
    """The index of the last block that holds the end of `before` (the text before a table)."""
    tail = " ".join(before.split()[-6:])
    if len(tail) < 8:
        return None
    for i in range(len(blocks) - 1, -1, -1):
        if tail in " ".join(blocks[i].split()):
            return i
    return None


def _assemble(blocks: list[str], grids: list[tuple[list[list[RawCell]], str, str]], meta: Source) -> tuple[str, list[Table], Source]:
    out: list[str] = []
    tables: list[Table] = []
    pos = 0

    def add(block: str) -> int:
        nonlocal pos
        if out:
            pos += 2
        start = pos
        out.append(block)
        pos += len(block)
        return start

    for block in blocks:
        m = _PLACEHOLDER_RE.fullmatch(block.strip())
        if m is None:
            block = _PLACEHOLDER_RE.sub("", block).strip()
            if block:
                add(block)
            continue
        rows, _before, caption = grids[int(m.group(1))]
        cap_span = None
        if caption:
            cap_start = add(caption)
            cap_span = [cap_start, cap_start + len(caption)]
        elif out and (_TITLE.match(out[-1]) or len(out[-1]) <= 160):
            cap_span = [pos - len(out[-1]), pos]
        start = pos + (2 if out else 0)
        table_text, table = layout_table(rows, offset=start, table_id=f"t{len(tables) + 1}", origin="html")
        if table is None:
            continue
        add(table_text)
        tables.append(table.model_copy(update={"caption": cap_span}))
    text = "\n\n".join(out)
    # Notes under a table: the block right after it, when it reads as notes.
    for i, table in enumerate(tables):
        rest = text[table.end :]
        m = re.match(r"\n\n([^\n]+)", rest)
        if m and _NOTES.match(m.group(1)):
            tables[i] = table.model_copy(update={"notes": [table.end + 2, table.end + 2 + len(m.group(1))]})
    return text, tables, meta
