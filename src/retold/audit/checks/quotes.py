"""Quotations: altered, added, dropped or given to someone else; attributions dropped.

Quotations must stay verbatim; a claim the source attributes ("police
said") must stay attributed in a rewrite, or it reads as a fact.
"""

from __future__ import annotations

from retold.audit.group import Context, Group, pair
from retold.audit.registry import check
from retold.audit.words import CLAIM_VERBS, SPEECH_VERBS
from retold.data import AuditMode, Fact, FactKind, Issue


def verbatim_quotes(rw: Group, ctx: Context) -> list[Fact]:
    """The rewrite's quotations that the source holds word for word."""
    all_quotes = ctx.source_all.of(FactKind.QUOTE)
    return [r for r in rw.of(FactKind.QUOTE) if _verbatim(r, all_quotes)]


def _verbatim(r: Fact, source_quotes: list[Fact]) -> bool:
    return any(r.value and r.value in s.value for s in source_quotes)


@check("quotes", order=140)
def check_quotes(src: Group, rw: Group, ctx: Context) -> list[Issue]:
    """A quotation altered (F131) or one the source does not have (F133)."""
    out: list[Issue] = []
    all_quotes = ctx.source_all.of(FactKind.QUOTE)
    for r in rw.of(FactKind.QUOTE):
        if _verbatim(r, all_quotes):
            continue
        r_words = set(r.value.split())
        best, overlap = None, 0.0
        for s in all_quotes:
            s_words = set(s.value.split())
            ov = len(r_words & s_words) / max(1, len(r_words))
            if ov > overlap:
                best, overlap = s, ov
        if best is not None and overlap >= 0.5:
            out.append(
                pair(
                    "F131",
                    f"the quotation was altered: “{best.text.strip(' ,.')}” "
                    f"became “{r.text.strip(' ,.')}”; quotes must stay verbatim",
                    best,
                    r,
                )
            )
        else:
            out.append(
                pair(
                    "F133",
                    f"“{r.text.strip(' ,.')}” is a quotation the source does not have",
                    src,
                    r,
                )
            )
    return out


@check("dropped_quotes", modes=(AuditMode.REWRITE,), order=150)
def check_dropped_quotes(src: Group, rw: Group, ctx: Context) -> list[Issue]:
    """In rewrite mode, a quotation of the source the rewrite no longer quotes,
    and an attribution ("X said") the rewrite dropped, so that a claim reads
    as a fact."""
    out = []
    r_quotes = [set(r.value.split()) for r in rw.of(FactKind.QUOTE)]
    for s in src.of(FactKind.QUOTE):
        words = set(s.value.split())
        if words and not any(len(words & r) >= 0.5 * len(words) for r in r_quotes):
            out.append(pair("F134", f"the quotation “{s.text.strip(' ,.')}” was dropped", s, rw))
    s_speech = [
        t.text for t in src.tokens if t.lemma_.lower() in CLAIM_VERBS and t.pos_ in ("VERB", "AUX")
    ]
    if "according to" in src.text.lower():
        s_speech.append("according to")
    # any verb of saying or claiming keeps an attribution ("said" -> "told reporters")
    # or its noun ("warned" -> "gave a warning", "announced" -> "an announcement")
    saying = CLAIM_VERBS | SPEECH_VERBS
    r_speech = any(
        t.lemma_.lower() in saying
        or (t.pos_ == "NOUN" and any(t.lemma_.lower().startswith(v) for v in CLAIM_VERBS))
        for t in rw.tokens
    )
    if s_speech and not r_speech and "according to" not in rw.text.lower():
        out.append(
            pair(
                "F135",
                f"the attribution '{s_speech[0]}' was dropped: a claim now reads as a fact",
                src,
                rw,
            )
        )
    return out
