"""Render an audit as a self-contained HTML page: source and rewrite side by side.

One table row per alignment, source sentences on the left and rewrite
sentences on the right; the spans of each issue are highlighted on both
sides, and every issue is listed under the table with its code. The page
has no scripts and loads nothing: styles are inline and all text is escaped.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

from retold.data import AlignKind, Alignment, Report, Sentence, Severity
from retold.errors import OptionsError
from retold.render.text import utf8_safe

_CSS = """
body{font:15px/1.5 system-ui,sans-serif;margin:2em;color:#222;background:#fff}
h1{font-size:1.3em} .score{font-weight:bold}
table{border-collapse:collapse;width:100%;table-layout:fixed}
td,th{border:1px solid #ccc;padding:.4em .6em;vertical-align:top;text-align:left}
th{background:#f3f3f3} .kind{width:5.5em;color:#555;font-size:.85em}
.num{width:3.5em;text-align:right;color:#555;font-size:.85em}
mark.error{background:#ffc9c9} mark.warning{background:#fff1a8} mark.info{background:#d8ecff}
tr.added td.rw,tr.dropped td.src{background:#fff4f4}
ul.issues li{margin:.2em 0} code{font-size:.9em;background:#f3f3f3;padding:0 .2em}
.sev-error{color:#b00020} .sev-warning{color:#8a6d00} .sev-info{color:#245}
"""


def render_html(report: Report, title: str = "") -> str:
    """The audit ``report`` as one HTML page, with the texts and sentences it carries.

    ``title`` heads the page (default: the report's id, else "Audit").
    """
    if report.rewrite_text and not report.rewrite_sentences:
        raise OptionsError(
            "the audit report carries its text but not its sentences",
            "render a report as retold.audit.audit() returns it",
        )
    source = report.source_text
    rewrite = report.rewrite_text
    src_sents = report.source_sentences
    rw_sents = report.rewrite_sentences
    src_marks = _marks(report, "source")
    rw_marks = _marks(report, "rewrite")
    rows = []
    alignments = report.alignments or tuple(
        Alignment((), (i,), AlignKind.ADDED, 0.0) for i in range(len(rw_sents))
    )
    for a in alignments:
        left = " ".join(_sentence(source, src_sents[j], src_marks) for j in a.source)
        right = " ".join(_sentence(rewrite, rw_sents[i], rw_marks) for i in a.rewrite)
        scores = [report.sentence_scores[i] for i in a.rewrite if i < len(report.sentence_scores)]
        score = f"{min(scores):.2f}" if scores else ""
        rows.append(
            f'<tr class="{html.escape(a.kind)}"><td class="kind">{html.escape(a.kind)}</td>'
            f'<td class="src">{left}</td><td class="rw">{right}</td>'
            f'<td class="num">{score}</td></tr>'
        )
    items = []
    for n, issue in enumerate(report.issues, 1):
        items.append(
            f'<li id="issue-{n}"><code>{html.escape(issue.code)}</code> '
            f'<span class="sev-{html.escape(issue.severity)}">{html.escape(issue.severity)}</span>'
            f" ({html.escape(issue.kind)}): {html.escape(issue.message)}</li>"
        )
    heading = html.escape(title or report.id or "Audit")
    counts = {sev: sum(i.severity == sev for i in report.issues) for sev in Severity.ALL}
    summary = ", ".join(f"{n} {sev}{'s' if n != 1 else ''}" for sev, n in counts.items())
    return utf8_safe(
        "<!DOCTYPE html>\n"
        '<html lang="en"><head><meta charset="utf-8">'
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "style-src 'unsafe-inline'\">"
        f"<title>{heading}</title><style>{_CSS}</style></head><body>"
        f"<h1>{heading}</h1>"
        f'<p>Mode: {html.escape(report.mode)} · score <span class="score">'
        f"{report.score:.3f}</span> · {html.escape(summary)}</p>"
        '<table><thead><tr><th class="kind">Alignment</th><th>Source</th><th>Rewrite</th>'
        '<th class="num">Score</th></tr></thead><tbody>'
        + "".join(rows)
        + '</tbody></table><h2>Issues</h2><ul class="issues">'
        + ("".join(items) or "<li>none</li>")
        + "</ul></body></html>\n"
    )


def _marks(report: Report, side: str) -> list[tuple[int, int, str]]:
    out = []
    for issue in report.issues:
        span = issue.source_span if side == "source" else issue.rewrite_span
        if span is None:
            continue
        out.append((span[0], span[1], issue.severity))
    return out


def _sentence(text: str, s: Sentence, marks: Sequence[tuple[int, int, str]]) -> str:
    # A whole-sentence span says "this sentence"; marking it would drown the
    # precise marks, so only spans shorter than the sentence are highlighted.
    inside = sorted(
        (max(a, s.start), min(b, s.end), sev)
        for a, b, sev in marks
        if a < s.end and b > s.start and (b - a) < (s.end - s.start)
    )
    out = []
    pos = s.start
    for a, b, sev in inside:
        if a < pos:
            continue  # overlapping marks: keep the first
        out.append(html.escape(text[pos:a]))
        out.append(f'<mark class="{sev}">{html.escape(text[a:b])}</mark>')
        pos = b
    out.append(html.escape(text[pos : s.end]))
    return "".join(out)
