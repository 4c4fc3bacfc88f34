"""Content: words the rewrite adds that the source does not support, and source
content a rewrite lost. A word counts as supported when the source has it, its
stem or lemma, a WordNet relative, or (with embeddings) a close synonym.
"""

from __future__ import annotations

from typing import Any

from retold.audit import catalogue as cat
from retold.audit.align import stem
from retold.audit.group import (
    Context,
    Group,
    content_tokens,
    pair,
    weaker_in_summary,
    wordnet_supported,
)
from retold.audit.registry import check
from retold.data import AuditMode, Issue, Severity


def unsupported(
    words: list[Any], support: Group, ctx: Context, threshold: float = 0.6
) -> list[Any]:
    """Tokens of ``words`` whose word, stem or lemma ``support`` lacks, after synonyms."""
    return unsupported_split(words, support, ctx, threshold)[1]


def unsupported_split(
    words: list[Any], support: Group, ctx: Context, threshold: float = 0.6
) -> tuple[list[Any], list[Any]]:
    """(tokens ``support`` lacks literally, tokens it lacks even after synonyms)."""
    have = support.words() | support.lemmas()
    literal = [
        t
        for t in words
        if t.lower_ not in have and stem(t.text) not in have and t.lemma_.lower() not in have
    ]
    missing = literal
    if missing:
        pool_lemmas = {str(t.lemma_).lower() for t in content_tokens(support)}
        missing = [t for t in missing if not wordnet_supported(str(t.lemma_).lower(), pool_lemmas)]
    if not missing or ctx.word_support is None:
        return literal, missing
    pool = sorted({t.lemma_.lower() for t in content_tokens(support)})
    if not pool:
        return literal, missing
    scores = ctx.word_support([t.lemma_.lower() for t in missing], pool)
    return literal, [t for t, s in zip(missing, scores, strict=True) if s < threshold]


def _added_severity(plain: list[Any], ctx: Context) -> str:
    if ctx.mode == AuditMode.SUMMARY:
        # A summary may draw on any sentence: only words foreign to the whole
        # source count against it, and more of them are needed.
        have = ctx.source_all.words() | ctx.source_all.lemmas()
        foreign = [
            t
            for t in plain
            if t.lower_ not in have
            and str(t.lemma_).lower() not in have
            and stem(t.text) not in have
        ]
        nouns = sum(t.pos_ == "NOUN" for t in foreign)
        return Severity.ERROR if len(foreign) >= 3 and nouns >= 2 else Severity.WARNING
    # New things (nouns) are new facts; new verbs are often just rewording.
    nouns = sum(t.pos_ == "NOUN" for t in plain)
    return Severity.ERROR if len(plain) >= 3 or nouns >= 2 else Severity.WARNING


@check("content", order=240)
def check_content(src: Group, rw: Group, ctx: Context) -> list[Issue]:
    """Words the source does not support (F162, F163); in rewrite mode, source
    content the rewrite lost (F161)."""
    out: list[Issue] = []
    candidates = [t for t in content_tokens(rw) if not any(a <= t.idx < b for a, b in ctx.reported)]
    added = unsupported(candidates, src, ctx)
    # Names and numbers have their own checks; count the other words.
    plain = [t for t in added if t.pos_ not in ("PROPN", "NUM") and not t.ent_type_]
    if len(plain) >= 2:
        words = ", ".join(t.text for t in plain[:5])
        added_issue = cat.make(
            "F162",
            f"content the source does not support: {words}",
            source_span=src.span,
            rewrite_span=(plain[0].idx, plain[-1].idx + len(plain[-1].text)),
            source_text=src.text,
            rewrite_text=rw.parsed.text[plain[0].idx : plain[-1].idx + len(plain[-1].text)],
            severity=_added_severity(plain, ctx),
        )
        out += weaker_in_summary([added_issue], src, ctx, pooled=False)
    elif plain:
        t = plain[0]
        out.append(pair("F163", f"'{t.text}' is not in the source sentence", src, t))
    if ctx.mode == AuditMode.REWRITE:
        src_words = [
            t for t in content_tokens(src) if t.pos_ not in ("PROPN", "NUM") and not t.ent_type_
        ]
        dropped = unsupported(src_words, rw, ctx)
        if len(dropped) >= 3 and len(dropped) >= 0.3 * max(1, len(src_words)):
            words = ", ".join(t.text for t in dropped[:5])
            out.append(
                cat.make(
                    "F161",
                    f"content of the source is missing: {words}",
                    source_span=(dropped[0].idx, dropped[-1].idx + len(dropped[-1].text)),
                    rewrite_span=rw.span,
                    source_text=src.parsed.text[
                        dropped[0].idx : dropped[-1].idx + len(dropped[-1].text)
                    ],
                    rewrite_text=rw.text,
                )
            )
    return out
