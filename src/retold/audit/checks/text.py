"""Source-free checks: text that is broken whatever its source said.

These catch what careless splitters, paraphrasers and spinners leave behind:
abbreviations shredded into fragments ("U.S. S.", "You. S. Officials"),
stray initials ("S. O. S. I. S. 1."), names and dates torn apart by a split
("Donald J. November", "on October. Between 7 and ..."), doubled words and
phrases, filler no news text has ("Alright,", "Dear Mr. Biden"), unbalanced
quotes and page furniture ("scroll to top"). Every issue carries a span into
the text.

When the source is known, filler and furniture that the source itself holds
are not the rewrite's fault and are reported as warnings only.

The checks live by family: :mod:`.splits` (abbreviations, names and dates a
split broke), :mod:`.incomplete` (sentences that do not stand whole),
:mod:`.repeats` (words and phrases written twice), :mod:`.punctuation`
(stray marks, unbalanced quotes) and :mod:`.filler` (filler and page
furniture); this module runs them as the one registered check ``text``.
"""

from __future__ import annotations

from typing import Any

from retold.audit.checks import filler, incomplete, punctuation, repeats, splits
from retold.audit.group import TextContext
from retold.audit.registry import check
from retold.data import AuditMode, Issue, Sentence

__all__ = ["check_text", "text_checks"]


@check("text", modes=tuple(AuditMode), needs_source=False, order=0)
def text_checks(text: TextContext) -> tuple[Issue, ...]:
    """The source-free checks as one registered check (see :func:`check_text`)."""
    return check_text(text.text, text.sentences, source=text.source, doc=text.doc)


def check_text(
    text: str,
    sentences: tuple[Sentence, ...],
    *,
    source: str | None = None,
    doc: Any = None,
) -> tuple[Issue, ...]:
    """Run every source-free check over ``text``.

    ``sentences`` are the segmented sentences of ``text``; ``doc`` is an
    optional spaCy ``Doc`` of ``text`` (the verb check is skipped without
    one). ``source``, when given, turns filler and furniture that the source
    also holds into warnings.
    """
    found: list[Issue] = []
    found.extend(splits.fragments(text))
    found.extend(splits.stray_initials(text))
    found.extend(splits.split_abbreviations(text, source))
    found.extend(splits.torn_names(text))
    found.extend(splits.torn_dates(text, sentences))
    if source is not None:
        found.extend(splits.torn_pairs(text, source))
        found.extend(splits.torn_words(text, source))
        found.extend(splits.misread_titles(text, source))
    found.extend(incomplete.cut_off(text, sentences, source, doc))
    found.extend(repeats.doubled_words(text, source))
    found.extend(repeats.repeated_phrases(text, sentences, source))
    found.extend(punctuation.stray_punctuation(text, source))
    found.extend(punctuation.doubled_symbols(text, source))
    found.extend(filler.filler_openers(text, sentences, source))
    found.extend(filler.filler_inside(text, sentences, source))
    found.extend(filler.furniture(text, source))
    found.extend(punctuation.unbalanced_quotes(text, sentences))
    found.extend(incomplete.orphan_pronouns(text, sentences, doc, source))
    if doc is not None:
        found.extend(incomplete.verbless(text, sentences, doc, source))
        found.extend(incomplete.clause_fragments(text, sentences, doc, source))
        found.extend(incomplete.dangling_reports(text, sentences, doc, source))
    return _dedupe(found)


def _dedupe(found: list[Issue]) -> tuple[Issue, ...]:
    # A stray-initials run also matches the fragment pattern; keep the more
    # specific issue once per span.
    out: list[Issue] = []
    covered: list[tuple[int, int]] = []
    for issue in sorted(found, key=lambda i: (i.code != "T202", i.rewrite_span or (0, 0))):
        span = issue.rewrite_span or (0, 0)
        if issue.code == "T201" and any(s <= span[0] < e for s, e in covered):
            continue
        if issue.code == "T202":
            covered.append(span)
        out.append(issue)
    return tuple(sorted(out, key=lambda i: ((i.rewrite_span or (0, 0)), i.code)))
