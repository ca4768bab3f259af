"""HTML of any depth made shallow enough for libxml2, keeping every word of its text.

libxml2 (behind lxml and trafilatura) stops building the tree at about 255 nested elements:
past that the rest of the page is silently lost, so 10,000 nested `<div>`s read as a page with
"no main text" and 300 unclosed `<span>`s drop everything after them. `flatten` rewrites such a
page with Python's streaming `html.parser` (no depth limit): markup down to `MAX_DEPTH` stays as
it is; below it, inline tags are dropped (their text kept) and block tags become flat `<p>`
siblings at that depth, so paragraphs stay paragraphs. A page that is not that deep is
returned unchanged, after one quick scan.

>>> page = "<body>" + "<div>" * 400 + "<p>12 of 40</p>" + "</div>" * 400 + "<p>after</p></body>"
>>> flat, depth = flatten(page)
>>> depth, "<p>12 of 40</p>" in flat, flat.count("<div>")
(402, True, 99)
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

#: Depth kept as it is: well past real pages (rarely 40 deep), well inside libxml2's 255.
MAX_DEPTH = 100

_VOID = frozenset(
    "area base br col embed hr img input keygen link meta param source track wbr basefont bgsound frame".split()
)
_BLOCK = frozenset(
    "address article aside blockquote body caption center dd details dialog dir div dl dt fieldset figcaption "
    "figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr li main menu nav ol p pre section summary table "
    "tbody td tfoot th thead tr ul".split()
)
# Start tags that close an open element of the same name (HTML's implied end tags), unless an
# element that scopes them comes first, so that unclosed <li>s and <td>s do not count as nesting.
_SIBLING_SCOPE = {
    "li": {"ul", "ol", "menu"}, "dt": {"dl"}, "dd": {"dl"}, "option": {"select", "datalist"},
    "tr": {"table", "tbody", "thead", "tfoot"}, "td": {"tr", "table"}, "th": {"tr", "table"},
}
_RAW_TEXT = frozenset({"script", "style", "template", "noscript", "textarea", "title"})
_TAG = re.compile(r"<(/?)([A-Za-z][\w:-]*)[^>]*?(/?)>")


def estimated_depth(html: str) -> int:
    """The deepest nesting of elements, counted quickly from the tags (over-counting unclosed ones).

    >>> estimated_depth("<div><p>a<br>b</p><p>c</p></div>")
    2
    """
    depth = deepest = 0
    for m in _TAG.finditer(html):
        name = m.group(2).lower()
        if m.group(1):
            depth = max(depth - 1, 0)
        elif not m.group(3) and name not in _VOID:
            depth += 1
            deepest = max(deepest, depth)
    return deepest


def flatten(html: str, max_depth: int = MAX_DEPTH) -> tuple[str, int]:
    """The page with no element nested deeper than `max_depth`, and the depth it had.

    Returns the page itself when it is not that deep.
    """
    if estimated_depth(html) <= max_depth:
        return html, 0
    rewriter = _Flattener(max_depth)
    rewriter.feed(html)
    rewriter.close()
    return rewriter.result(), rewriter.deepest


class _Flattener(HTMLParser):
    def __init__(self, max_depth: int) -> None:
        super().__init__(convert_charrefs=False)
        self.max_depth = max_depth
        self.out: list[str] = []
        # (tag, emitted) for every open element, emitted or not
        self.stack: list[tuple[str, bool]] = []
        self.deepest = 0
        self.open_p = False  # a <p> this rewriter opened at the cap

    def result(self) -> str:
        self._close_synthetic()
        self._pop_to(0)
        return "".join(self.out)

    def _close_synthetic(self) -> None:
        if self.open_p:
            self.out.append("</p>")
            self.open_p = False

    def _pop_to(self, size: int) -> None:
        while len(self.stack) > size:
            tag, emitted = self.stack.pop()
            if emitted:
                self._close_synthetic()
                self.out.append(f"</{tag}>")

    def _implied_end(self, tag: str) -> None:
        # A block closes an open <p>; <li>, <td>, <tr> ... close an open sibling of their name.
        if tag in _BLOCK:
            for i in range(len(self.stack) - 1, -1, -1):
                name = self.stack[i][0]
                if name == "p":
                    self._pop_to(i)
                    break
                if name in _BLOCK:
                    break
        if tag in _SIBLING_SCOPE:
            for i in range(len(self.stack) - 1, -1, -1):
                name = self.stack[i][0]
                if name == tag:
                    self._pop_to(i)
                    return
                if name in _SIBLING_SCOPE[tag]:
                    return

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:  # noqa: ARG002 - raw text is used
        raw = self.get_starttag_text() or f"<{tag}>"
        if tag in _VOID:
            if len(self.stack) < self.max_depth or tag in ("br", "hr"):
                self.out.append("<br>" if len(self.stack) >= self.max_depth else raw)
            return
        self._implied_end(tag)
        depth = len(self.stack) + 1
        self.deepest = max(self.deepest, depth)
        if depth <= self.max_depth:
            self.out.append(raw)
            self.stack.append((tag, True))
            return
        if tag in _BLOCK:
            self._close_synthetic()  # the next text below the cap opens a new paragraph
        self.stack.append((tag, False))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:  # noqa: ARG002
        if len(self.stack) < self.max_depth:
            self.out.append(self.get_starttag_text() or "")
        elif tag in ("br", "hr"):
            self.out.append("<br>")

    def handle_endtag(self, tag: str) -> None:
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                emitted = self.stack[i][1]
                if not emitted and tag in _BLOCK:
                    self._close_synthetic()
                self._pop_to(i)
                return
        # An end tag with no open element is dropped, as browsers and libxml2 do.

    def handle_data(self, data: str) -> None:
        if self.stack and not self.stack[-1][1]:
            if self.stack[-1][0] in _RAW_TEXT:
                return  # a script or style below the cap: its start tag was dropped, so its code would read as text
            if not self.open_p and data.strip():
                # Text below the cap goes into a flat paragraph, opened only when there is text:
                # 10,000 empty nested blocks must not become 10,000 empty paragraphs.
                self.out.append("<p>")
                self.open_p = True
        self.out.append(data)

    def handle_entityref(self, name: str) -> None:
        self.handle_data(f"&{name};")

    def handle_charref(self, name: str) -> None:
        self.handle_data(f"&#{name};")

    def handle_comment(self, data: str) -> None:
        self.out.append(f"<!--{data}-->")

    def handle_decl(self, decl: str) -> None:
        self.out.append(f"<!{decl}>")

    def handle_pi(self, data: str) -> None:
        self.out.append(f"<?{data}>")

    def unknown_decl(self, data: str) -> None:
        self.out.append(f"<![{data}]>")
