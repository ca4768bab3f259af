"""The human side of `numcheck eval`: report.md and a self-contained, offline report.html.

Both are rendered from one view (`build_view`) with jinja2; the HTML template autoescapes,
since document text is untrusted. Plots are matplotlib figures inlined as SVG (Agg backend,
text kept as text), so the file opens anywhere without a network. The metric definitions in
the report are the docstring of `numcheck.eval.metrics`, so each is written once.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from typing import Any

import matplotlib

matplotlib.use("Agg")

from jinja2 import Environment, PackageLoader, select_autoescape  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from numcheck.eval import metrics as M  # noqa: E402
from numcheck.eval.results import ConfusionMatrix, ExtractorResult  # noqa: E402
from numcheck.schema import Quantity  # noqa: E402

#: Characters of text shown either side of an error.
CONTEXT_CHARS = 90
#: Errors listed per category and extractor.
ERRORS_PER_CATEGORY = 12

_COLOURS = {"model": "#1f6feb", "rules": "#d29922", "spacy": "#8957e5", "gold": "#2da44e"}


# --------------------------------------------------------------------------- error listings


@dataclass
class Segment:
    """A piece of context text; `mark` is the label of a highlighted figure, or empty."""

    text: str
    mark: str = ""


@dataclass
class ErrorItem:
    """One error, with its text in context."""

    category: str
    doc_id: str
    what: str
    context: list[Segment] = field(default_factory=list)
    detail: str = ""
    #: Other documents with the very same error in the very same text (perturbed variants).
    also_in: list[str] = field(default_factory=list)


def context_segments(text: str, spans: list[tuple[int, int, str]], *, width: int = CONTEXT_CHARS) -> list[Segment]:
    """The text around `spans` (start, end, label) with each span marked.

    >>> [(s.text, s.mark) for s in context_segments("It was 5 of 9.", [(7, 8, "part")], width=3)]
    [('…as ', ''), ('5', 'part'), (' of…', '')]
    """
    spans = sorted((s, e, lab) for s, e, lab in spans if 0 <= s <= e <= len(text))
    if not spans:
        return [Segment(text[:width])]
    lo = max(0, spans[0][0] - width)
    hi = min(len(text), max(e for _, e, _ in spans) + width)
    if hi - lo > 8 * width:  # figures far apart: keep the text readable
        hi = min(len(text), lo + 8 * width)
    out: list[Segment] = []
    pos = lo
    for s, e, lab in spans:
        if s < pos or e > hi:
            continue
        out.append(Segment(text[pos:s]))
        out.append(Segment(text[s:e], lab or "·"))
        pos = e
    out.append(Segment(text[pos:hi]))
    if lo > 0:
        out[0].text = "…" + out[0].text
    if hi < len(text):
        out[-1].text += "…"
    for seg in out:
        seg.text = re.sub(r"\s+", " ", seg.text)
    return [s for s in out if s.text or s.mark]


def _q(q: Quantity) -> str:
    return f"{q.kind} '{q.text}' [{q.start}:{q.end}]"


def _describe_check(kind: Any, ids: Any, quantities: list[Quantity]) -> str:
    by_id = {q.id: q for q in quantities}
    parts = []
    for qid in ids:
        q = by_id.get(qid) if qid else None
        parts.append(f"'{q.text}'" if q else str(qid))
    return f"{M._value(kind)}({', '.join(parts)})"


def _check_spans(ids: Any, quantities: list[Quantity]) -> list[tuple[int, int, str]]:
    by_id = {q.id: q for q in quantities}
    return [(by_id[q].start, by_id[q].end, str(i + 1)) for i, q in enumerate(ids) if q in by_id]


#: Error categories, worst first.
ERROR_CATEGORIES = (
    "missed inconsistencies", "false alarms", "missed spans", "wrong kinds", "wrong boundaries",
    "spurious spans", "missed checks", "wrong verdicts",
)  # fmt: skip


@dataclass
class ErrorList:
    """The errors of one category shown in the report, and how many there were in all."""

    items: list[ErrorItem]
    total: int


def collect_errors(run: Any, *, limit: int = ERRORS_PER_CATEGORY) -> dict[str, ErrorList]:
    """The worst errors of one extractor run, by category, with their text in context.

    Categories, worst first: missed inconsistencies (a gold inconsistent check not flagged:
    not found, or found with another verdict), false alarms (inconsistent flags that are not
    right), missed spans (no predicted span overlaps), wrong kinds, wrong boundaries, spurious
    spans, missed checks and wrong verdicts (the other gold checks). The perturbed set repeats
    its documents with one change each, so from it only the first two categories are listed.

    >>> errors = collect_errors(outcome.runs[0])  # doctest: +SKIP
    >>> [e.what for e in errors["missed spans"].items][:1]  # doctest: +SKIP
    ["gold COUNT '8' [26:27] not found"]
    """
    cats: dict[str, list[tuple[int, ErrorItem]]] = {k: [] for k in ERROR_CATEGORIES}
    is_gold = run.result.name == "gold"
    for set_name, srun in (("gold", run.gold), ("perturbed", run.perturbed)):
        if srun is None:
            continue
        for di, (doc, pred) in enumerate(zip(srun.docs, srun.pred, strict=True)):
            gold = list(doc.quantities)
            if set_name == "gold" and not is_gold:
                _span_errors(cats, doc, gold, pred, di)
            if srun.results is None:
                continue
            res = srun.results[di]
            pq = list(res.quantities) if res is not None and res.quantities else pred
            pchecks = list(res.checks) if res is not None else []
            gchecks = [M.GoldCheck.from_dict(c) for c in doc.checks]
            _check_errors(cats, doc, set_name, gold, gchecks, pq, pchecks, di)
    return {k: ErrorList(items=_collapse([item for _, item in sorted(v, key=lambda t: t[0])])[:limit], total=len(v)) for k, v in cats.items() if v}


def _collapse(items: list[ErrorItem]) -> list[ErrorItem]:
    """One entry for errors that repeat word for word in the same text (perturbed copies)."""
    seen: dict[tuple[str, str], ErrorItem] = {}
    out = []
    for item in items:
        key = (item.what, "".join(f"{s.text}\x00{s.mark}" for s in item.context))
        if key in seen:
            seen[key].also_in.append(item.doc_id)
            continue
        seen[key] = item
        out.append(item)
    return out


def _span_errors(cats: dict[str, list[tuple[int, ErrorItem]]], doc: Any, gold: list[Quantity], pred: list[Quantity], di: int) -> None:
    loose = M.match_spans(gold, pred, mode="untyped_lenient")
    g2p = {m.gold: m.pred for m in loose}
    p2g = {m.pred: m.gold for m in loose}
    for gi, g in enumerate(gold):
        if gi not in g2p:
            cats["missed spans"].append(
                (di, ErrorItem("missed spans", doc.id, f"gold {_q(g)} not found", context_segments(doc.text, [(g.start, g.end, str(g.kind))])))
            )
            continue
        p = pred[g2p[gi]]
        if (p.start, p.end) != (g.start, g.end):
            cats["wrong boundaries"].append(
                (di, ErrorItem("wrong boundaries", doc.id, f"gold '{g.text}', predicted '{p.text}'",
                               context_segments(doc.text, [(g.start, g.end, "gold")]), detail=f"predicted [{p.start}:{p.end}]"))
            )  # fmt: skip
        if M._kind(p) != M._kind(g) and M._kind(g) != "ANY":
            cats["wrong kinds"].append(
                (di, ErrorItem("wrong kinds", doc.id, f"'{g.text}': gold {g.kind}, predicted {p.kind}",
                               context_segments(doc.text, [(g.start, g.end, f"{g.kind}→{p.kind}")])))
            )  # fmt: skip
    for pi, p in enumerate(pred):
        if pi not in p2g:
            cats["spurious spans"].append(
                (di, ErrorItem("spurious spans", doc.id, f"predicted {_q(p)}; no gold span there",
                               context_segments(doc.text, [(p.start, p.end, str(p.kind))])))
            )  # fmt: skip


def _check_errors(
    cats: dict[str, list[tuple[int, ErrorItem]]], doc: Any, set_name: str, gold: list[Quantity],
    gchecks: list[M.GoldCheck], pq: list[Quantity], pchecks: list[Any], di: int,
) -> None:  # fmt: skip
    matches = M.match_checks(gchecks, gold, pchecks, pq)
    g2p = {m.gold: m.pred for m in matches}
    dc = M.DocChecks(gchecks, gold, pchecks, pq)
    rank = (0 if set_name == "gold" else 100_000) + di  # real (gold-set) errors before perturbed ones
    for gi, g in enumerate(gchecks):
        desc = _describe_check(g.kind, g.quantities, gold)
        spans = _check_spans(g.quantities, gold)
        note = f"gold note: {g.note}" if g.note else ""
        p = pchecks[g2p[gi]] if gi in g2p else None
        pv = M._value(p.verdict) if p is not None else None
        if g.verdict == "inconsistent" and pv != "inconsistent":
            what = f"{desc}: gold inconsistent, " + (f"predicted {pv}" if p is not None else "no such check predicted")
            detail = " | ".join(x for x in (f"checker: {p.explanation}" if p is not None else "", note) if x)
            cats["missed inconsistencies"].append((rank, ErrorItem("missed inconsistencies", doc.id, what, context_segments(doc.text, spans), detail)))
        elif set_name != "gold":
            continue
        elif p is None:
            cats["missed checks"].append(
                (rank, ErrorItem("missed checks", doc.id, f"{desc}, gold {g.verdict}: no such check predicted", context_segments(doc.text, spans), note))
            )
        elif pv != g.verdict and pv != "inconsistent":  # a wrong "inconsistent" is listed as a false alarm
            cats["wrong verdicts"].append(
                (rank, ErrorItem("wrong verdicts", doc.id, f"{desc}: gold {g.verdict}, predicted {pv}", context_segments(doc.text, spans),
                                 " | ".join(x for x in (f"checker: {p.explanation}", note) if x)))
            )  # fmt: skip
    matched = {m.pred: m.gold for m in matches}
    for pi, p in enumerate(pchecks):
        if M._value(p.verdict) != "inconsistent" or M.flag_is_right(p, dc, matches, pi):
            continue
        tag = f"the gold check says {gchecks[matched[pi]].verdict}" if pi in matched else "no such gold check"
        cats["false alarms"].append(
            (rank, ErrorItem("false alarms", doc.id, f"{_describe_check(p.kind, p.quantities, pq)} flagged inconsistent ({tag})",
                             context_segments(doc.text, _check_spans(p.quantities, pq)), detail=f"checker: {p.explanation}"))
        )  # fmt: skip


# --------------------------------------------------------------------------- plots


def _svg(fig: Figure, prefix: str) -> str:
    """A figure as inline SVG: no XML prolog or metadata, ids made unique per figure."""
    buf = io.StringIO()
    with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": prefix}):
        fig.savefig(buf, format="svg", bbox_inches="tight", metadata={"Date": None, "Creator": None, "Format": None, "Type": None})
    svg = buf.getvalue()
    svg = svg[svg.index("<svg") :]
    svg = re.sub(r"<metadata>.*?</metadata>", "", svg, flags=re.S)
    svg = re.sub(r'id="([^"]+)"', lambda m: f'id="{prefix}-{m.group(1)}"', svg)
    svg = re.sub(r"url\(#([^)]+)\)", lambda m: f"url(#{prefix}-{m.group(1)})", svg)
    svg = re.sub(r'href="#([^"]+)"', lambda m: f'href="#{prefix}-{m.group(1)}"', svg)
    return svg


def _grouped_bars(title: str, categories: list[str], series: dict[str, list[float | None]], xlabel: str, prefix: str) -> str:
    n = max(1, len(series))
    fig = Figure(figsize=(7.5, 0.45 * len(categories) * max(1, n / 2) + 1.2))
    ax = fig.add_subplot()
    height = 0.8 / n
    for i, (name, values) in enumerate(series.items()):
        ys = [j + (i - (n - 1) / 2) * height for j in range(len(categories))]
        vals = [v if v is not None else 0.0 for v in values]
        bars = ax.barh(ys, vals, height=height * 0.95, label=name, color=_COLOURS.get(name))
        for b, v in zip(bars, values, strict=True):
            ax.text(b.get_width() + 0.01, b.get_y() + b.get_height() / 2, "n/a" if v is None else f"{v:.2f}", va="center", fontsize=7)
    ax.set_yticks(range(len(categories)), categories)
    ax.invert_yaxis()
    ax.set_xlim(0, 1.12)
    ax.set_xlabel(xlabel)
    ax.set_title(title, loc="left", fontsize=11)
    # Below the axes, so that it never covers a bar.
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.1 - 1.2 / fig.get_figheight() * 0.25), ncol=len(series), fontsize=8, frameon=False)
    ax.spines[["top", "right"]].set_visible(False)
    return _svg(fig, prefix)


def _heatmap(cm: ConfusionMatrix, title: str, prefix: str, *, xlabel: str, ylabel: str) -> str | None:
    n = len(cm.labels)
    if n == 0:  # nothing to compare (e.g. a set without checks)
        return None
    fig = Figure(figsize=(0.55 * n + 2.2, 0.5 * n + 1.6))
    ax = fig.add_subplot()
    rows = [sum(r) or 1 for r in cm.matrix]
    share = [[c / rows[i] for c in r] for i, r in enumerate(cm.matrix)]
    # pcolormesh, not imshow: vector cells in the SVG instead of an embedded bitmap.
    ax.pcolormesh([[v for v in row] for row in share], cmap="Blues", vmin=0, vmax=1, edgecolors="white", linewidth=0.5)
    ax.set_xlim(0, n)
    ax.set_ylim(n, 0)
    ax.set_aspect("equal")
    for i, r in enumerate(cm.matrix):
        for j, c in enumerate(r):
            if c:
                ax.text(j + 0.5, i + 0.5, str(c), ha="center", va="center", fontsize=8, color="white" if share[i][j] > 0.6 else "black")
    ax.set_xticks([i + 0.5 for i in range(n)], cm.labels, rotation=45, ha="right", fontsize=8)
    ax.set_yticks([i + 0.5 for i in range(n)], cm.labels, fontsize=8)
    ax.set_xlabel(xlabel, fontsize=9)
    ax.set_ylabel(ylabel, fontsize=9)
    ax.set_title(title, loc="left", fontsize=10)
    return _svg(fig, prefix)


def build_plots(results: list[ExtractorResult]) -> dict[str, Any]:
    """The report's figures as inline SVG strings.

    >>> build_plots([])["f1_by_kind"] is None
    True
    """
    ok = [r for r in results if r.status == "ok"]
    plots: dict[str, Any] = {"f1_by_kind": None, "detection_by_kind": None, "kind_confusion": {}, "verdict_confusion": {}}
    spanned = [r for r in ok if r.gold and r.gold.spans]
    if spanned:
        kinds = sorted({k for r in spanned for k, v in r.gold.spans["strict"].by_kind.items() if v.n_gold})
        cats = ["overall", *kinds]
        series = {
            r.name: [r.gold.spans["strict"].overall.f1] + [r.gold.spans["strict"].by_kind[k].f1 if k in r.gold.spans["strict"].by_kind else None for k in kinds]
            for r in spanned
        }
        plots["f1_by_kind"] = _grouped_bars("Strict span F1 by kind (gold set)", cats, series, "F1", "f1")
    for r in spanned:
        svg = _heatmap(
            r.gold.kind_confusion, f"{r.name}: kinds of spans paired by overlap", f"kc-{r.name}", xlabel="predicted", ylabel="gold"
        )
        if svg:
            plots["kind_confusion"][r.name] = svg
    for r in ok:
        for set_name in ("gold", "perturbed"):
            s = getattr(r, set_name)
            svg = s and s.checks and _heatmap(
                s.checks.verdict_confusion, f"{r.name}: verdicts ({set_name} set)", f"vc-{r.name}-{set_name}",
                xlabel="predicted", ylabel="gold",
            )  # fmt: skip
            if svg:
                plots["verdict_confusion"][f"{r.name} / {set_name}"] = svg
    det_set = "perturbed" if any(r.perturbed and r.perturbed.detection for r in ok) else "gold"
    detected = [r for r in ok if getattr(r, det_set) and getattr(r, det_set).detection and getattr(r, det_set).detection.overall.n_gold]
    if detected:
        kinds = sorted({k for r in detected for k in getattr(r, det_set).detection.by_kind})
        series = {
            r.name: [getattr(r, det_set).detection.overall.recall] + [getattr(r, det_set).detection.by_kind[k].recall if k in getattr(r, det_set).detection.by_kind else None for k in kinds]
            for r in detected
        }
        plots["detection_by_kind"] = _grouped_bars(
            f"Inconsistencies flagged, by check kind ({det_set} set)", ["overall", *kinds], series, "share of gold inconsistent checks flagged", "det"
        )
    plots["flag_threshold"] = {}
    for r in ok:
        for set_name in ("perturbed", "gold"):
            s = getattr(r, set_name)
            sweep = s.detection.threshold_sweep if s and s.detection else []
            if len(sweep) >= 2:
                plots["flag_threshold"][f"{r.name} / {set_name}"] = _threshold_plot(sweep, f"{r.name}: flags against the threshold ({set_name} set)", f"th-{r.name}-{set_name}")
    return plots


def _threshold_plot(sweep: list[dict[str, float]], title: str, prefix: str) -> str:
    """Flag precision and recall against the flag threshold, with the number of flags."""
    fig = Figure(figsize=(6.4, 3.4))
    ax = fig.add_subplot(1, 1, 1)
    xs = [row["threshold"] for row in sweep]
    ax.step(xs, [row["precision"] for row in sweep], where="post", label="flag precision")
    ax.step(xs, [row["recall"] for row in sweep], where="post", label="inconsistencies flagged")
    ax.set_xlabel("flag threshold (calibrated score)")
    ax.set_ylim(0, 1.05)
    ax.set_title(title, fontsize=10)
    ax.legend(loc="lower left", fontsize=8)
    ax2 = ax.twinx()
    ax2.plot(xs, [row["flags"] for row in sweep], color="grey", linestyle=":", label="flags")
    ax2.set_ylabel("flags", color="grey")
    return _svg(fig, prefix)


# --------------------------------------------------------------------------- rendering


def metric_definitions() -> list[tuple[str, str]]:
    """The sections of `numcheck.eval.metrics`'s docstring: (title, text) pairs.

    >>> [t for t, _ in metric_definitions()][:2]
    ['Spans', 'Checks']
    """
    doc = M.__doc__ or ""
    sections: list[tuple[str, str]] = []
    for block in re.split(r"\n(?=\S)", doc.split("\n\n", 1)[1] if "\n\n" in doc else doc):
        lines = block.strip("\n").split("\n")
        if len(lines) > 1 and lines[0].strip() and lines[1].startswith("    "):
            sections.append((lines[0].strip(), " ".join(x.strip() for x in lines[1:] if x.strip())))
    return sections


def _pct(x: float | None) -> str:
    return "–" if x is None else f"{x:.3f}"


def build_view(outcome: Any) -> dict[str, Any]:
    """Everything the templates show, computed once for both formats.

    >>> sorted(build_view(outcome))[:3]  # doctest: +SKIP
    ['definitions', 'errors', 'f']
    """
    m = outcome.metrics
    errors = {r.result.name: collect_errors(r) for r in outcome.runs if r.result.status == "ok"}
    return {
        "m": m,
        "runs": outcome.runs,
        "ok": [r for r in m.extractors if r.status == "ok"],
        "not_ok": [r for r in m.extractors if r.status != "ok"],
        "definitions": metric_definitions(),
        "errors": errors,
        "timings": outcome.timings,
        "f": _pct,
        "kinds_of": lambda r, mode: (r.gold.spans[mode].by_kind if r.gold and r.gold.spans else {}),
    }


def _env(autoescape: bool) -> Environment:
    env = Environment(
        loader=PackageLoader("numcheck.eval", "templates"),
        autoescape=select_autoescape(["html", "j2"]) if autoescape else False,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["f"] = _pct
    env.filters["md"] = md_escape
    return env


def md_escape(text: Any) -> str:
    r"""Text made inert in Markdown: specials escaped, HTML brackets entity-coded, one line.

    >>> md_escape("a|b *c* <script>")
    'a\\|b \\*c\\* &lt;script&gt;'
    """
    s = re.sub(r"\s+", " ", str(text))
    s = s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return re.sub(r"([\\`*_\[\]|#])", r"\\\1", s)


def render_markdown(outcome: Any) -> str:
    """report.md: the tables and the worst errors, for reading in a terminal or a diff.

    >>> render_markdown(evaluate(EvalConfig(gold=Path("dev.jsonl")))).splitlines()[0]  # doctest: +SKIP
    '# numcheck eval'
    """
    return _env(False).get_template("report.md.j2").render(**build_view(outcome))


def render_html(outcome: Any) -> str:
    """report.html: one self-contained file (inline CSS and SVG, no script, no network).

    >>> "<svg" in render_html(evaluate(EvalConfig(gold=Path("dev.jsonl"))))  # doctest: +SKIP
    True
    """
    view = build_view(outcome)
    view["plots"] = build_plots(outcome.metrics.extractors)
    return _env(True).get_template("report.html.j2").render(**view)
