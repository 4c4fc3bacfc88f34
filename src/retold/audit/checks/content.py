"""Content: words the rewrite adds that the source does not support, and source
content a rewrite lost. A word counts as supported when the source has it, its
stem or lemma, a WordNet relative, or (with embeddings) a close synonym.
"""

from __future__ import annotations

from typing import Any

from retold.audit import catalogue as cat
from retold.audit.align import stem
from retold.audit.group import (
    LIGHT_EDIT,
    Context,
    Group,
    content_tokens,
    kept_share,
    pair,
    plain_words,
    weaker_in_summary,
    wordnet_supported,
)
from retold.audit.judge import NEW, judge
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
        have = ctx.source_all.cached("words and lemmas", lambda g: g.words() | g.lemmas())
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


# Relations by which a word qualifies or extends its head: "all *insured*
# patients", "*temporarily* blocked", "soybeans, *corn* and aircraft".
_QUALIFYING = frozenset({"amod", "advmod", "compound", "conj", "nummod", "npadvmod"})


# The least share of a rewrite's words that are its source's for an addition
# to count as a light edit (three new words in a sentence of ten).
_ADDED_TO = 0.6


def _in(t: Any, other: Group) -> bool:
    """Whether ``other`` has ``t``'s word or lemma."""
    return t.lower_ in other.words() or str(t.lemma_).lower() in other.lemmas()


def _qualifies_kept(t: Any, other: Group) -> bool:
    """Whether ``t`` qualifies (or is a conjunct of) a head that the other side
    keeps word for word: a qualifier added to, or dropped from, a fact both
    sides state, rather than a word of a reworded phrase."""
    if t.dep_ not in _QUALIFYING or t.head.i == t.i:
        return False
    head = t.head
    have = other.words() | other.lemmas()
    return head.pos_ in ("NOUN", "VERB", "ADJ") and (
        head.lower_ in have or str(head.lemma_).lower() in have
    )


def _in_title(t: Any) -> bool:
    """Whether ``t`` is a word of the title before a person's name ("outgoing
    owner Vince Rocca", "chief medical officer Dr. Samuel Okafor"): a fixed
    phrase that says who the person is, whose words a synonym does not keep."""
    head = t
    while head.dep_ in ("amod", "compound") and head.head.i > head.i:
        head = head.head
        if head.pos_ == "PROPN" and head.ent_type_ == "PERSON":
            return t.pos_ in ("NOUN", "ADJ")
    return False


@check("content", order=240)
def check_content(src: Group, rw: Group, ctx: Context) -> list[Issue]:
    """Words the source does not support (F162, F163); in rewrite mode, source
    content the rewrite lost (F161). A word either side lacks is judged, phrase
    by phrase (:mod:`retold.audit.judge`): an equivalent is no issue, a
    contradiction is the predicates check's (F151), and only what is new counts."""
    out: list[Issue] = []
    candidates = [t for t in content_tokens(rw) if not any(a <= t.idx < b for a, b in ctx.reported)]
    literal, _ = unsupported_split(candidates, src, ctx)
    fresh = plain_words(literal)
    # A new member of a list the source gives ("soybeans, corn and aircraft")
    # is new whatever it is related to: a kind of the same thing is not it.
    # Verbs joined by "and" are clauses, not members of a list ("would not
    # call elections and pledged to serve" rewords "vowed to serve").
    joined = {t.i for t in fresh if t.dep_ == "conj" and t.pos_ != "VERB" and _in(t.head, src)}
    joined |= {t.i for t in fresh if t.head.i in joined and t.dep_ in ("compound", "amod")}
    titles = {t.i for t in fresh if _in_title(t)}
    judged = judge([t for t in fresh if t.i not in joined | titles], src, ctx)
    judged += judge([t for t in fresh if t.i in titles - joined], src, ctx, tables_only=True)
    plain = sorted(
        [t for t in fresh if t.i in joined] + [j.token for j in judged if j.verdict == NEW],
        key=lambda t: t.i,
    )
    # An addition to a source kept word for word; the rewrite's own words
    # then are mostly the source's, less what was added.
    light = kept_share(src, rw) >= LIGHT_EDIT and kept_share(rw, src) >= _ADDED_TO
    qualifying = [t for t in plain if _qualifies_kept(t, src)]
    if len(plain) >= 2 or (qualifying and light):
        words = ", ".join(t.text for t in plain[:5])
        severity: str = _added_severity(plain, ctx)
        if ctx.mode == AuditMode.REWRITE:
            severity = Severity.ERROR if light else Severity.WARNING
        added_issue = cat.make(
            "F162",
            f"content the source does not support: {words}"
            + (f" (qualifying '{qualifying[0].head.text}')" if qualifying else ""),
            source_span=src.span,
            rewrite_span=(plain[0].idx, plain[-1].idx + len(plain[-1].text)),
            source_text=src.text,
            rewrite_text=rw.parsed.text[plain[0].idx : plain[-1].idx + len(plain[-1].text)],
            severity=severity,
        )
        out += weaker_in_summary([added_issue], src, ctx, pooled=False)
    elif plain:
        t = plain[0]
        out.append(pair("F163", f"'{t.text}' is not in the source sentence", src, t))
    if ctx.mode == AuditMode.REWRITE:
        out += _dropped(src, rw, ctx)
    return out


def _dropped(src: Group, rw: Group, ctx: Context) -> list[Issue]:
    """F161: source content the rewrite lost, with no equivalent in it.

    In a light edit (most words kept word for word) a word gone is surely
    gone: an error. In a heavy paraphrase, a qualifier dropped from a head the
    rewrite keeps ("all insured patients" -> "all patients") or many words
    gone are a warning (the gate still rejects them). A restriction dropped
    ("only", "at least", "excluding", "if ...") is an error either way."""
    restriction = _restriction_dropped(src, rw)
    if restriction is not None:
        return [restriction]
    src_words = plain_words(content_tokens(src))
    literal, _ = unsupported_split(src_words, rw, ctx)
    dropped = [j.token for j in judge(literal, rw, ctx) if j.verdict == NEW]
    if not dropped:
        return []
    # A word replaced by another is the added side's business (F162, F151,
    # F152): only a net loss of words is content dropped.
    added, _ = unsupported_split(plain_words(content_tokens(rw)), src, ctx)
    # Light: the rewrite's words are the source's (a deletion keeps that
    # share high, however much it drops), and words went without others
    # coming in: one qualifier, or two words of any kind.
    loss = len(dropped) - len(added)
    light = kept_share(rw, src) >= LIGHT_EDIT and loss >= 1
    qualifying = [t for t in dropped if _qualifies_kept(t, rw)]
    light = light and (bool(qualifying) or loss >= 2)
    bulk = len(dropped) >= 3 and len(dropped) >= 0.3 * max(1, len(src_words))
    if not (light or qualifying or bulk):
        return []
    shown = qualifying or dropped
    words = ", ".join(t.text for t in shown[:5])
    how = f" (it qualified '{qualifying[0].head.text}')" if qualifying else ""
    return [
        cat.make(
            "F161",
            f"content of the source is missing: {words}{how}",
            source_span=(shown[0].idx, shown[-1].idx + len(shown[-1].text)),
            rewrite_span=rw.span,
            source_text=src.parsed.text[shown[0].idx : shown[-1].idx + len(shown[-1].text)],
            rewrite_text=rw.text,
            severity=Severity.ERROR if light else Severity.WARNING,
        )
    ]


# Words that restrict what a sentence claims: dropped, the claim grows ("had
# only been tested in the lab", "until at least April", "excluding autos",
# "if results go their way").
_RESTRICTIONS: dict[tuple[str, ...], tuple[str, ...]] = {
    # a restriction -> other words that keep it ("8,000 or more steps")
    ("only",): ("just", "solely", "merely", "alone", "exclusively"),
    ("at", "least"): (
        "or more",
        "or above",
        "minimum",
        "no fewer than",
        "no less than",
        "earliest",
    ),
    ("at", "most"): ("or fewer", "or less", "maximum", "no more than", "latest"),
    ("up", "to"): (
        "as many as",
        "as much as",
        "as high as",
        "as long as",
        "as far as",
        "or fewer",
        "maximum",
        "peak",
    ),
    ("excluding",): (
        "not counting",
        "leaving out",
        "stripping out",
        "apart from",
        "other than",
        "except",
        "without",
        "outside",
    ),
    ("except",): ("excluding", "apart from", "other than", "but"),
    ("unless",): ("if not", "except if", "only if", "without", "depends on", "depended on"),
    ("if",): ("should", "whether", "in case", "provided", "assuming", "in the event"),
    ("provided",): ("if", "as long as", "on condition"),
    ("pending",): ("subject to", "awaiting", "until", "once", "if", "provided"),
    # "200 works, many of which were never shown": dropped, all of them were
    ("many", "of"): (
        "many",
        "a lot of",
        "lots of",
        "numerous",
        "plenty of",
        "number of",
        "a host of",
        "most",
    ),
}

# "signed by 14 other lawmakers": a number's "other" leaves someone out of the
# count (15 signed); dropped, the count says more than the source.
_OTHER_KEPT = ("other", "others", "more", "additional", "further", "else", "besides")


def _restriction_dropped(src: Group, rw: Group) -> Issue | None:
    s_words = [t.lower_ for t in src.tokens]
    r_words = [t.lower_ for t in rw.tokens]
    for k, t in enumerate(src.tokens):
        if (
            t.lower_ == "other"
            and k > 0
            and src.tokens[k - 1].like_num
            and not any(w in _OTHER_KEPT for w in r_words)
        ):
            return cat.make(
                "F161",
                f"a restriction of the source is missing: '{src.tokens[k - 1].text} other' "
                "(without it the count takes in more than the source's)",
                source_span=(t.idx, t.idx + len(t.text)),
                rewrite_span=rw.span,
                source_text=t.text,
                rewrite_text=rw.text,
                severity=Severity.ERROR,
            )
    r_text = " " + " ".join(r_words) + " "
    for words, kept_by in _RESTRICTIONS.items():
        n = len(words)
        s_at = [i for i in range(len(s_words) - n + 1) if tuple(s_words[i : i + n]) == words]
        r_has = sum(tuple(r_words[i : i + n]) == words for i in range(len(r_words) - n + 1))
        r_has += sum(f" {k} " in r_text for k in kept_by)
        if len(s_at) > r_has:
            first, last = src.tokens[s_at[0]], src.tokens[s_at[0] + n - 1]
            phrase = src.parsed.text[first.idx : last.idx + len(last.text)]
            return cat.make(
                "F161",
                f"a restriction of the source is missing: '{phrase}' (without it the claim "
                "says more than the source)",
                source_span=(first.idx, last.idx + len(last.text)),
                rewrite_span=rw.span,
                source_text=phrase,
                rewrite_text=rw.text,
                severity=Severity.ERROR,
            )
    return None
