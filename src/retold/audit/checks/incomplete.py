"""Sentences that do not stand whole.

A sentence cut off where no sentence can end ("... in connection with the.")
or with no main clause ("Although the company denied the report."), T201; a
sentence without a verb, T203; a pronoun that opens the text, or follows a
sentence naming no one, so that who it refers to is not said, T211. All but
the first need the parse of the text.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from typing import Any

from retold.audit.checks.filler import FURNITURE
from retold.audit.checks.textscan import QUOTE_OPENERS, in_source, inside_quote, issue
from retold.data import Issue, Sentence, Severity
from retold.lexicon.discourse import SUBORDINATORS
from retold.lexicon.pronouns import FIRST_AND_SECOND, PERSONAL
from retold.lexicon.reporting import THAT_VERBS
from retold.models.parser import parse

__all__ = ["clause_fragments", "cut_off", "dangling_reports", "orphan_pronouns", "verbless"]


def _words(spaced: str) -> frozenset[str]:
    return frozenset(spaced.split())


# Words no sentence ends on: an article, a determiner that needs its noun, a
# coordinating conjunction ("... in connection with the.", "... and").
_NEVER_LAST = frozenset(
    {"the", "a", "an", "and", "or", "nor", "but", "its", "their", "our", "your", "my"}
    | {"every", "whose", "whether", "than"}
)
# Words a sentence cut off mid-clause ends on when it lost its final mark too
# ("shelters would open at"): prepositions, auxiliaries, subordinators. With
# the mark they may end a sentence ("what they were looking at.").
_CUT_LAST = _NEVER_LAST | _words(
    """
    at of in on for with from by to about into onto over under between among after
    before during until toward towards against without via per like as
    would will could should can may might must shall is are was were has have had be been
    that which who whom because if while when although though since unless
    """
)
_END_MARKS = ".!?\"”’')]…:;"
_LAST_WORD = re.compile(r"(\w+)[\W]*$")

# A sentence that opens with a third-person pronoun needs someone named before.
# "It" is left out: "It was raining", "It is unclear whether" need no antecedent.
_PRONOUN_START = re.compile(r"^[\"“'‘]?(He|She|They|His|Her|Their)\b")
# What can stand before such a pronoun: a name, a noun ("the minister", "police")
# or a personal pronoun that itself refers back ("nothing" does not).
_ANTECEDENT_POS = frozenset({"PROPN", "NOUN"})
_PERSONAL = (PERSONAL - {"it", "its"}) | FIRST_AND_SECOND


def cut_off(
    text: str, sentences: tuple[Sentence, ...], source: str | None, doc: Any = None
) -> Iterator[Issue]:
    """T201: a sentence that stops where no sentence can.

    Any sentence ending on an article, a determiner or a conjunction ("...
    with the."); the text's last sentence, when it also lost its final mark,
    ending on a preposition or an auxiliary ("shelters would open at"); any
    sentence ending on such a word where the source goes on after the same
    two words ("would open at." for "would open at noon"). A text's last
    sentence with no final mark where its source has one is worth a look (a
    warning). The source ending the same way excuses all of them.
    """
    src_end = source.rstrip() if source is not None else ""
    for k, s in enumerate(sentences):
        body = s.text.rstrip()
        m = _LAST_WORD.search(body)
        if m is None or body[-1:] in "—–-…:" or body.endswith("..."):
            continue
        last = k == len(sentences) - 1
        unmarked = body[-1:] not in _END_MARKS
        why = _why_cut(body, m, last and unmarked, source, doc, s.start)
        if why is not None:
            yield issue(
                "T201",
                f"the sentence ends on '{m.group(1)}', {why}: it is cut off",
                text,
                s.start + m.start(1),
                s.start + len(body),
            )
        elif (
            last
            and unmarked
            and source is not None
            and src_end[-1:] in _END_MARKS
            and not FURNITURE.search(body)  # "scroll to top" is reported as itself
        ):
            yield issue(
                "T201",
                "the text ends without a final mark where its source has one: "
                "the last sentence may be cut off",
                text,
                s.start + m.start(1),
                s.start + len(body),
                severity=Severity.WARNING,
            )


def _why_cut(
    body: str, m: re.Match[str], open_end: bool, source: str | None, doc: Any, start: int
) -> str | None:
    """Why the sentence ``body`` (its last word matched by ``m``; ``open_end``: the
    text's last sentence, with no final mark) is cut off, or None."""
    word = m.group(1)
    if source is not None and _ends_alike(body, source):
        return None
    if word in _NEVER_LAST or (open_end and word in _CUT_LAST):
        return "where no sentence can end"
    if (
        word in _CUT_LAST
        and source is not None
        and _goes_on(body, source)
        and _dangles(doc, start + m.start(1))
    ):
        return "where the source goes on"
    return None


def _dangles(doc: Any, at: int) -> bool:
    """Whether the word at ``at`` hangs off the main clause with nothing after it:
    a stranded preposition needs a question word, a relative clause, a passive or
    an infinitive ("the one thing they care about", "was looked at", "a place
    to live in"); a preposition of the main verb without them was cut off."""
    if doc is None:
        return False
    token = next((t for t in doc if t.idx == at), None)
    if token is None:
        return False
    head = token.head
    if head.dep_ not in ("ROOT", "ccomp", "conj") or any(
        c.dep_ in ("auxpass", "nsubjpass") for c in head.children
    ):
        return False
    return not any(t.tag_ in ("WDT", "WP", "WP$", "WRB") for t in token.sent)


def _goes_on(body: str, source: str) -> bool:
    """Whether the source has the last two words of ``body`` followed by a word."""
    words = re.findall(r"\w+", body)[-2:]
    if len(words) < 2:
        return False
    ending = r"\W+".join(map(re.escape, words))
    return in_source(rf"\b{ending}[ \t]+\w", words[0], source, re.IGNORECASE)


def _ends_alike(body: str, source: str) -> bool:
    """Whether the source has a sentence (or the text) ending on the same two
    words as ``body``."""
    words = re.findall(r"\w+", body)[-2:]
    ending = r"\W+".join(map(re.escape, words))
    if not words:
        return re.search(rf"\b{ending}\W*(?:[.!?]|$)", source) is not None
    return in_source(rf"\b{ending}\W*(?:[.!?]|$)", words[0], source)


def orphan_pronouns(
    text: str, sentences: tuple[Sentence, ...], doc: Any = None, source: str | None = None
) -> Iterator[Issue]:
    """A pronoun opening the text, or opening a sentence after one that names nobody.

    A rewrite that starts "He said ..." lost the name its source gave; a
    summary that picks a sentence out of its context does the same. Only a
    warning: the pronoun may refer to a headline or a photo caption. A
    source that itself opens with a pronoun (an excerpt) excuses the same
    opening in its rewrite.
    """
    source_opens = source is not None and _PRONOUN_START.match(source.lstrip()) is not None
    for k, s in enumerate(sentences):
        m = _PRONOUN_START.match(s.text)
        if m is None or (k == 0 and source_opens):
            continue
        if k > 0 and (doc is None or _has_antecedent(doc, sentences[k - 1])):
            continue
        where = "the text" if k == 0 else "a sentence that follows one naming no one"
        yield issue(
            "T211",
            f"'{m.group(1)}' opens {where}: who it refers to is not said",
            text,
            s.start + m.start(1),
            s.start + m.end(1),
        )


def _has_antecedent(doc: Any, s: Sentence) -> bool:
    span = doc.char_span(s.start, s.end, alignment_mode="expand")
    return span is None or any(t.pos_ in _ANTECEDENT_POS or t.lower_ in _PERSONAL for t in span)


def clause_fragments(
    text: str, sentences: tuple[Sentence, ...], doc: Any, source: str | None
) -> Iterator[Issue]:
    """T201: a sentence with no main clause: a subordinate clause alone
    ("Although the company denied the report."), or a noun with only a clause
    describing it ("The company, which makes batteries."). An error when the
    source has no such sentence, else (and without a source) a warning: a
    column may write "Because it can." on purpose."""
    source_has: bool | None = None
    for s in sentences:
        if s.text[:1] in QUOTE_OPENERS or inside_quote(text, s.start):
            continue
        span = doc.char_span(s.start, s.end, alignment_mode="expand")
        why = _no_main_clause(span) if span is not None else None
        if why is None:
            continue
        if source_has is None:
            source_has = source is None or _source_shapes(source)[0]
        yield issue(
            "T201",
            f"this sentence {why}: a fragment",
            text,
            s.start,
            s.end,
            severity=Severity.WARNING if source_has else Severity.ERROR,
        )


def _no_main_clause(span: Any) -> str | None:
    """Why ``span`` (a parsed sentence) has no main clause, or None."""
    words = [t for t in span if t.is_alpha]
    if len(words) < 4:
        return None
    root = next((t for t in span if t.dep_ == "ROOT"), None)
    if root is None:
        return None
    if root.pos_ in ("VERB", "AUX"):
        first = words[0]
        if first.dep_ == "mark" and first.head == root and first.lower_ in SUBORDINATORS:
            return f"is only a clause opened by '{first.text}'"
        return None
    # Only a clause opened by a relative word: a past form the parser hangs off
    # a noun ("A snowstorm dumped snow") is often the sentence's own verb.
    # A clause set off by a comma and opened by "which" or "who" ("The company,
    # which makes batteries."): "that" is often a misparsed complement
    # ("Rodgers rediscovers that Sturridge ...").
    relative = any(
        c.dep_ == "relcl"
        and any(
            t.lower_ in ("which", "who", "whom", "whose") and t.i > 0 and t.nbor(-1).text == ","
            for t in c.children
        )
        for c in root.children
    )
    main = any(t.pos_ in ("VERB", "AUX") and t.dep_ in ("ROOT", "ccomp", "conj") for t in span)
    if root.pos_ in ("NOUN", "PROPN") and relative and not main:
        return f"has no main verb, only a clause describing '{root.text}'"
    # A passive that lost its auxiliary ("The object, named KT4, first spotted
    # on May 2 by an observatory."): a participle with its agent ("by ...")
    # set off from its noun by a comma, and no verb of its own. A participle
    # right after its noun ("a car driven by Smith") describes it.
    passive = next(
        (
            c
            for c in root.children
            if c.dep_ == "acl"
            and c.tag_ == "VBN"
            and c.i > root.i + 1
            and any(t.text == "," for t in span.doc[root.i + 1 : c.i])
            and any(a.dep_ == "agent" for a in c.children)
            and not any(a.dep_ in ("aux", "auxpass") for a in c.children)
        ),
        None,
    )
    if root.pos_ in ("NOUN", "PROPN") and passive is not None and not main:
        return f"has no main verb: '{passive.text}' lacks its auxiliary"
    return None


# What a clause may hold and still say nothing: "who said", "who had also said".
_BARE_CLAUSE = frozenset({"nsubj", "nsubjpass", "aux", "neg", "advmod", "punct"})


def dangling_reports(
    text: str, sentences: tuple[Sentence, ...], doc: Any, source: str | None
) -> Iterator[Issue]:
    """T201: a sentence that ends on a relative clause of saying with nothing
    said ("..., according to Fire Marshal Joan Pike, who said."): a verb of
    saying needs what was said, and a relative clause cannot take it from the
    sentence around it as "..., she said." does. The source ending the same
    way excuses it."""
    for s in sentences:
        span = doc.char_span(s.start, s.end, alignment_mode="expand")
        if span is None:
            continue
        words = [t for t in span if not t.is_punct and not t.is_space]
        if len(words) < 2:
            continue
        verb = words[-1]
        if verb.dep_ != "relcl" or str(verb.lemma_).lower() not in THAT_VERBS:
            continue
        if not any(c.tag_ in ("WP", "WDT") and c.dep_.startswith("nsubj") for c in verb.children):
            continue
        if any(c.dep_ not in _BARE_CLAUSE for c in verb.children):
            continue
        if source is not None and _ends_alike(span.text.rstrip(), source):
            continue
        start = words[-2].idx if words[-2].i == verb.i - 1 else verb.idx
        yield issue(
            "T201",
            f"the sentence ends on '{text[start : verb.idx + len(verb.text)]}' with nothing "
            "said: a clause is left dangling",
            text,
            start,
            verb.idx + len(verb.text),
        )


def verbless(
    text: str, sentences: tuple[Sentence, ...], doc: Any, source: str | None = None
) -> Iterator[Issue]:
    """T203: a sentence of four words or more without a verb. A warning (captions,
    headlines and summaries' highlights have none, and the tagger misses verbs
    in them: "Wigan exact revenge"); an error when the sentence is a source
    sentence with its verb taken out ("The council the budget on Tuesday."
    for "The council approved the budget on Tuesday.")."""
    for s in sentences:
        span = doc.char_span(s.start, s.end, alignment_mode="expand")
        if span is None or not _lacks_verb(span):
            continue
        dropped = _dropped_verb(span, source) if source is not None else None
        yield issue(
            "T203",
            "this sentence has no verb"
            + (f": the source's sentence has '{dropped}'" if dropped else ""),
            text,
            s.start,
            s.end,
            severity=Severity.ERROR if dropped else Severity.WARNING,
        )


def _dropped_verb(span: Any, source: str) -> str | None:
    """The verb of the source sentence that ``span`` copies all but, or None.
    Copies: the two share four fifths of their words each, the source's verbs
    set aside (a headline drawn from a longer sentence is no copy)."""
    words = {t.lower_ for t in span if t.is_alpha}
    for sent_words, verbs in _source_shapes(source)[2]:
        rest = sent_words - {v.lower() for v in verbs}
        shared = len(words & rest)
        if verbs and shared >= 0.8 * len(words) and shared >= 0.8 * len(rest):
            return verbs[0]
    return None


@functools.lru_cache(maxsize=4)
def _source_shapes(
    source: str,
) -> tuple[bool, bool, tuple[tuple[frozenset[str], tuple[str, ...]], ...]]:
    """Whether the source has a sentence without a main clause, whether one
    without a verb, and each sentence's words and verbs. Parsed only when a
    rewrite sentence has such a shape (rare), once per source: the rewrites of
    one article share it."""
    # In pieces when long: a source past spaCy's limit is parsed, not refused.
    sents = list(parse(source).sents)
    return (
        any(_no_main_clause(s) is not None for s in sents),
        any(_lacks_verb(s) for s in sents),
        tuple(
            (
                frozenset(t.lower_ for t in s if t.is_alpha),
                tuple(t.text for t in s if t.pos_ == "VERB"),
            )
            for s in sents
        ),
    )


def _lacks_verb(span: Any) -> bool:
    words = sum(t.is_alpha for t in span)
    return words >= 4 and not any(t.pos_ in ("VERB", "AUX") for t in span)
