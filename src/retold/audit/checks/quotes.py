"""Quotations and attributions: a quotation altered, added, dropped or given to
someone else; a claim whose attribution was dropped or changed.

Quotations must stay verbatim; a claim the source attributes ("police said",
"according to figures", "officials attributed the rise to ...") must stay
attributed in a rewrite, or it reads as a fact, and to the same speaker. An
attribution may be kept by any verb or noun of saying ("predicted" -> "had
forecast", "argued that" -> "X's argument that", "according to figures" ->
"figures show"); a verb of another stance ("said" -> "claimed") changes it.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from retold.audit.checks.roles import Arg, agents, arg
from retold.audit.group import Context, Group, pair, weaker_in_summary, wordnet_supported
from retold.audit.registry import check
from retold.audit.words import CLAIM_VERBS, SPEECH_VERBS
from retold.data import AuditMode, Fact, FactKind, Issue, Severity
from retold.lexicon.paraphrases import equivalent
from retold.lexicon.polarity import saying_stance


def _words(spaced: str) -> frozenset[str]:
    return frozenset(spaced.split())


# Verbs that give someone's explanation of a fact, not the fact: "officials
# attributed the rise to X" is their view; "the rise was driven by X" is not.
_EXPLAINING = _words("attribute ascribe blame credit cite")
# Verbs that keep an attribution in a rewrite besides the lexicon's verbs of
# saying: forecasts, denials, disclosures, and what evidence shows ("figures
# show" for "according to figures"). Not verbs of hoping or believing: "the
# agency hopes" attributes nothing that "Mr. Okafor said" did.
_KEEPING = _words(
    """
    forecast project reject dispute dismiss disclose signal describe outline
    publish unveil issue brief contest rebut counter show find indicate reveal
    conclude demonstrate suggest
    """
)
# Phrasal verbs of saying: the verb and its particle or preposition.
_PHRASAL = frozenset(
    {
        ("point", "out"),
        ("point", "to"),
        ("lay", "out"),
        ("spell", "out"),
        ("set", "out"),
        ("put", "down"),  # "put the rise down to X": attributed it to X
    }
)
# Nouns of saying whose verb is not a verb of saying ("a statement", "figures show").
_SAYING_NOUNS = _words(
    """
    statement argument announcement forecast prediction projection estimate warning
    claim assertion assessment account testimony report allegation denial view
    position contention explanation remarks comments interview
    """
)
# Stances of verbs that tell what their subject hopes, fears, believes or
# expects: "the agency hopes" attributes nothing that "Mr. Okafor said" did.
_NOT_SAYING = _words("hope fear believe predict ask")
# Stances that change what a claim is ("said" -> "claimed" casts doubt on it,
# "said" -> "admitted" makes it a concession).
_STANCE_CHANGING = _words("doubt concede")
# Verbs of concession that are mostly acts ("agreed to pay", "accepted the
# offer"): no change of stance when they follow a verb of saying.
_ACTS = _words("agree accept")
# The least similarity (embeddings) at which a new speaker noun may be the
# source's ("officials" / "authorities").
_SAME_SPEAKER = 0.6


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


@dataclass(frozen=True, slots=True)
class Saying:
    """A verb, noun or phrase that attributes what a sentence says, with its speakers."""

    token: Any
    lemma: str
    speakers: tuple[Arg, ...]
    claim: bool  # whether it attributes a claim the source must keep attributed


def sayings(g: Group) -> tuple[Saying, ...]:
    """Every attribution of the group: verbs of saying or explaining, "according
    to X", nouns of saying ("X's argument that")."""
    return g.cached("sayings", lambda x: tuple(_sayings(x)))


def _sayings(g: Group) -> list[Saying]:
    out = []
    for t in g.tokens:
        lemma = t.lemma_.lower()
        if t.lower_ == "words" and _in_the_words_of(t):
            # "In the words of Judge Ferreira, ...": an attribution
            objects = [o for c in t.children if c.lower_ == "of" for o in c.children]
            speakers = tuple(arg(o) for o in objects if o.dep_ == "pobj")
            out.append(Saying(t, "according to", speakers, True))
        elif t.lower_ == "according" and any(c.lower_ == "to" for c in t.children):
            objects = [
                o for c in t.children for o in c.children if c.lower_ == "to" and o.dep_ == "pobj"
            ]
            out.append(Saying(t, "according to", tuple(arg(o) for o in objects), True))
        elif t.pos_ in ("VERB", "AUX") and t.dep_ not in ("aux", "auxpass"):
            particles = {c.lower_ for c in t.children if c.dep_ in ("prt", "prep")}
            phrasal = any((lemma, p) in _PHRASAL for p in particles)
            claim = lemma in CLAIM_VERBS or lemma in _EXPLAINING
            stance = saying_stance(lemma)
            if (
                claim
                or phrasal
                or lemma in SPEECH_VERBS
                or lemma in _KEEPING
                or (stance is not None and stance not in _NOT_SAYING)
            ):
                out.append(Saying(t, lemma, tuple(agents(t)), claim))
        elif t.lower_ in ("show", "shows", "showed") and t.i > 0 and t.nbor(-1).dep_ != "det":
            # "figures released by the office show": the parser may take the
            # verb for a noun after a long subject.
            out.append(Saying(t, "show", (), False))
        elif t.pos_ == "NOUN" and _saying_noun(lemma):
            out.append(Saying(t, lemma, tuple(_noun_speakers(t)), False))
    return out


def _in_the_words_of(t: Any) -> bool:
    """Whether ``t`` ("words") is the noun of "in the words of X"."""
    doc = t.doc
    return bool(
        t.i >= 2
        and doc[t.i - 1].lower_ == "the"
        and doc[t.i - 2].lower_ == "in"
        and t.i + 1 < len(doc)
        and doc[t.i + 1].lower_ == "of"
    )


def _saying_noun(lemma: str) -> bool:
    """A noun of saying: listed, or derived from a verb of saying ("argument",
    "announcement", "warning", "denial")."""
    return lemma in _SAYING_NOUNS or lemma in _DERIVED_NOUNS


def _derived(verbs: frozenset[str]) -> frozenset[str]:
    """The nouns English derives from ``verbs`` with a suffix: "argue" ->
    "argument", "deny" -> "denial", "warn" -> "warning". The bare verb is left
    out: "state" and "report" are also nouns that report nothing."""
    out: set[str] = set()
    for v in verbs:
        bases = {v, v[:-1] if v.endswith("e") else v, v[:-1] + "i" if v.endswith("y") else v}
        out.update(
            b + s for b in bases for s in ("ment", "ion", "ation", "ing", "al", "ence", "ance")
        )
    return frozenset(out)


_DERIVED_NOUNS = _derived(CLAIM_VERBS | SPEECH_VERBS | _EXPLAINING | _KEEPING)


def _noun_speakers(t: Any) -> list[Arg]:
    """Who made a statement: its possessor ("X's argument"), "by X" or "from X",
    or the subject of the verb that issued it ("X issued a statement")."""
    out = [arg(c) for c in t.children if c.dep_ == "poss"]
    out += [
        arg(o)
        for p in t.children
        if p.dep_ == "prep" and p.lower_ in ("by", "from", "of")
        for o in p.children
        if o.dep_ == "pobj"
    ]
    if not out and t.dep_ in ("dobj", "nsubjpass") and t.head.pos_ == "VERB":
        out = agents(t.head)
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
    claims = [s for s in sayings(src) if s.claim]
    # A noun of saying that both sides have ("its revenue forecast") is part
    # of what is said, and keeps no attribution.
    kept = Counter(s.lemma for s in sayings(rw)) - Counter(
        s.lemma for s in sayings(src) if not s.claim
    )
    if claims and not kept and not _paraphrased(claims, rw):
        out.append(
            pair(
                "F135",
                f"the attribution '{claims[0].token.text}"
                + (" to" if claims[0].lemma == "according to" else "")
                + "' was dropped: a claim now reads as a fact",
                src,
                rw,
            )
        )
    return out


def _paraphrased(claims: list[Saying], rw: Group) -> bool:
    """Whether a verb of the rewrite (with its particle) says what one of the
    source's verbs of saying says, by the paraphrase table."""
    verbs = [
        " ".join([t.lemma_.lower(), *(c.lower_ for c in t.children if c.dep_ == "prt")])
        for t in rw.tokens
        if t.pos_ == "VERB"
    ]
    return any(equivalent(c.lemma, v) for c in claims for v in verbs)


@check("attribution", order=155)
def check_attribution(src: Group, rw: Group, ctx: Context) -> list[Issue]:
    """F136: a claim the source gives to one speaker is given to another, or
    its verb of saying replaced by one of another stance."""
    found = _speaker_changed(src, rw, ctx) or _stance_changed(src, rw)
    return weaker_in_summary(found, src, ctx, pooled=True)


def _stance_changed(src: Group, rw: Group) -> list[Issue]:
    """A verb of saying replaced by one of another stance: "said" -> "claimed"
    (doubt), "denied" -> "admitted" (concession); "claimed" -> "said" drops
    the doubt."""
    s_verbs = [s for s in sayings(src) if s.claim and s.token.pos_ == "VERB"]
    r_verbs = [s for s in sayings(rw) if s.token.pos_ == "VERB"]
    s_stances = {saying_stance(s.lemma) for s in s_verbs} - {None}
    r_stances = {saying_stance(s.lemma) for s in r_verbs} - {None}
    if not s_stances or not r_stances or s_stances & r_stances:
        return []
    for r in r_verbs:
        stance = saying_stance(r.lemma)
        same = [
            x
            for x in s_verbs
            if saying_stance(x.lemma)
            and any(_loosely(a, b) or _loosely(b, a) for a in r.speakers for b in x.speakers)
        ]
        if r.lemma in _ACTS:
            continue
        if same and (stance in _STANCE_CHANGING or (stance and s_stances & _STANCE_CHANGING)):
            s = same[0]
            return [
                pair(
                    "F136",
                    f"the verb of saying changed its stance: '{s.token.text}' "
                    f"({saying_stance(s.lemma)}) became '{r.token.text}' ({stance})",
                    s.token,
                    r.token,
                )
            ]
    return []


def _speaker_changed(src: Group, rw: Group, ctx: Context) -> list[Issue]:
    s_claims = [s for s in sayings(src) if s.claim]
    theirs = [a for s in s_claims for a in s.speakers]
    if not theirs or any(not a.solid for a in theirs):
        return []  # no speaker, or "she said": whom the rewrite names is F132's
    r_sayings = sayings(rw)
    mine = [(s, a) for s in r_sayings for a in s.speakers if a.solid]
    if not mine or any(_same_speaker(a, theirs, ctx) for _, a in mine):
        return []
    saying, new = mine[0]
    old = theirs[0]
    elsewhere = _other_role(new, src, s_claims)
    if not elsewhere and new.names and not any(b.names for b in theirs):
        # "the company said" -> "Halden said": the name the article gives it.
        known = ctx.source_all.words()
        if any(all(w in known for w in n) for n in new.names):
            return []
    moved = _other_role(old, rw, list(r_sayings))
    named = bool(new.names) and any(b.names for b in theirs)
    if elsewhere or moved or named:
        why = (
            "who has another part in the source"
            if elsewhere
            else f"while '{old.label()}' is now part of the claim itself"
            if moved
            else "another name"
        )
        return [
            pair(
                "F136",
                f"the claim is attributed to '{new.label()}' ({why}); "
                f"the source attributes it to '{old.label()}'",
                old.token,
                new.token,
            )
        ]
    # A named speaker become someone indefinite ("Rask said" -> "a hospital
    # spokesman said"): in a rewrite, which keeps names, the claim has
    # another speaker.
    if (
        ctx.mode == AuditMode.REWRITE
        and not new.names
        and all(b.names for b in theirs)
        and _indefinite(new.token)
    ):
        return [
            pair(
                "F136",
                f"the claim is attributed to '{new.label()}', someone unnamed; "
                f"the source attributes it to '{old.label()}'",
                old.token,
                new.token,
            )
        ]
    # A new speaker the source does not relate to its own ("officials" ->
    # "union leaders", "the company" -> "Halden"): the audit cannot tell.
    return [
        pair(
            "F136",
            f"the claim is attributed to '{new.label()}'; the source attributes it to "
            f"'{old.label()}', and the two may not be the same",
            old.token,
            saying.token,
            Severity.WARNING,
        )
    ]


def _same_speaker(a: Arg, theirs: list[Arg], ctx: Context) -> bool:
    """Whether speaker ``a`` may be one of the source's speakers: the same name or
    noun, a name and a noun it ends in ("the league", "the Northern Hockey
    League"), one of them inside the other ("forecasters at the weather
    office", "the office"), a description that points back to a name ("the
    software company" for "Quillon"), or a noun close in meaning ("officials"
    / "authorities")."""
    if any(_loosely(a, b) or _loosely(b, a) for b in theirs):
        return True
    if a.nouns and not a.names and _definite(a.token) and any(b.names for b in theirs):
        return True
    nouns = {n for b in theirs for n in b.nouns}
    if not a.nouns or not nouns:
        return False
    if any(wordnet_supported(n, nouns) for n in a.nouns):
        return True
    if ctx.word_support is None:
        return False
    return max(ctx.word_support(sorted(a.nouns), sorted(nouns))) >= _SAME_SPEAKER


def _loosely(a: Arg, b: Arg) -> bool:
    """``a`` matches ``b``, or a noun of ``a`` is a word of a name of ``b``, or
    ``b`` is named inside ``a``'s phrase ("forecasters at the office", "a
    report by the department", "a company spokesman")."""
    if a.matches(b) or any(n in name for n in a.nouns for name in b.names):
        return True
    return any(
        arg(t).matches(b)
        for t in a.token.subtree
        if t.i != a.token.i and t.pos_ in ("NOUN", "PROPN")
    )


def _indefinite(t: Any) -> bool:
    """Whether noun ``t`` is brought in as someone new ("a spokesman")."""
    return any(c.dep_ == "det" and c.lower_ in ("a", "an", "another") for c in t.children)


def _definite(t: Any) -> bool:
    """Whether noun ``t`` is a definite description ("the company", "its
    owner"), which points back to someone named, unlike "a watchdog"."""
    return any(
        c.dep_ in ("det", "poss") and c.lower_ not in ("a", "an", "another", "some")
        for c in t.children
    )


def _other_role(x: Arg, g: Group, claims: list[Saying]) -> bool:
    """Whether ``x`` takes part in ``g`` other than as a speaker of ``claims``."""
    speakers = {a.token.i for s in claims for a in s.speakers}
    return any(
        t.pos_ in ("NOUN", "PROPN")
        and t.i not in speakers
        and t.dep_ in ("nsubj", "nsubjpass", "dobj", "dative", "pobj", "poss", "conj")
        and x.matches(arg(t))
        for t in g.tokens
    )
