"""Tense: a predicate moved between past and present or future (rewrite mode)."""

from __future__ import annotations

from typing import Any

from retold.audit.align import STOPWORDS, stem
from retold.audit.group import Context, Group, pair, wordnet_supported
from retold.audit.registry import check
from retold.audit.words import CLAIM_VERBS, GENERAL_VERBS, LIGHT_VERBS
from retold.data import AuditMode, FactKind, Issue, Severity
from retold.lexicon.modality import FUTURE_FORMS

_FUTURE_AUX = FUTURE_FORMS


# Verbs of saying: whether someone "said" or "says" a thing is a matter of
# style, so their own tense only warns.
_SAYING = CLAIM_VERBS


# Verbs whose clause reports what someone said, thought or hoped: under them
# English shifts tenses ("said the bridge would reopen" is "said it will
# reopen"), so a past and a present there are one fact. Whether the council
# "hoped" or "hopes" is no style: that is the fact.
_REPORTING = _SAYING | {"believe", "think", "expect", "hope", "fear", "know", "promise"}


# Tenses that state one fact in different words: a present perfect reports a
# past event ("has closed" / "closed") and a state that holds ("has been
# closed" / "is closed"); a present schedules the future ("reopens in May").
_SAME_TIME = frozenset(
    {
        frozenset({"past", "perfect"}),
        frozenset({"present", "perfect"}),
        frozenset({"present", "future"}),
    }
)


# Where a verb without a subject or auxiliary is a participle however it is tagged.
_PARTICIPLE_DEPS = frozenset(
    {"advcl", "acl", "amod", "npadvmod", "xcomp", "pcomp", "csubj", "appos", "dep", "ROOT"}
)


def _verb_tense(t: Any) -> str | None:
    """ "past", "present", "perfect" (has/have + participle), "future", or None
    for a verb without a tense of its own (an infinitive, a participle, a
    modal other than "will": those are the modality check's)."""
    auxes = sorted((c for c in t.children if c.dep_ in ("aux", "auxpass")), key=lambda c: c.i)
    if any(a.lower_ in _FUTURE_AUX for a in auxes):
        return "future"
    if any(a.tag_ == "MD" or a.lower_ == "to" for a in auxes):
        return None
    if (
        not auxes
        and t.dep_ in _PARTICIPLE_DEPS
        and not any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in t.children)
    ):
        return None  # "Expected to open in 2027, the bridge ...": a participle, no tense
    first = auxes[0] if auxes else t
    if first.tag_ == "VBD":
        return "past"
    if first.tag_ in ("VBZ", "VBP"):
        if auxes and str(first.lemma_).lower() == "have":
            return "perfect"
        return "present"
    return None


def _tensed_verbs(g: Group) -> list[tuple[frozenset[str], str, bool, Any]]:
    """(keys, tense, reported, token) for every finite verb outside quotations.

    ``keys``: what the verb is matched by (:func:`_verb_keys`). ``reported``:
    the verb's sentence has a reporting verb ("said", "hoped") and the verb
    is not that one, so its tense may shift with it.
    """
    quotes = [(f.start, f.end) for f in g.of(FactKind.QUOTE)]
    out = []
    for sent in g.sentences:
        toks = [t for t in g.tokens if sent.start <= t.idx < sent.end]
        reporting = [
            t.i for t in toks if _verb_keys(t) & _REPORTING and t.pos_ == "VERB" and _verb_tense(t)
        ]
        for t in toks:
            if t.pos_ not in ("VERB", "AUX") or t.dep_ in ("aux", "auxpass"):
                continue
            if any(a <= t.idx < b for a, b in quotes):
                continue
            tense = _verb_tense(t)
            if tense is None:
                continue
            keys = _verb_keys(t)
            # A reporting verb under another one is reported too: "said they
            # hoped" is "said they hope".
            reported = any(i != t.i for i in reporting) and (
                not keys & _REPORTING or any(a.i in reporting for a in t.ancestors)
            )
            out.append((keys, tense, reported, t))
    return out


def _verb_keys(t: Any) -> frozenset[str]:
    """What a verb is matched by: its lemma, or a copula's complement ("was
    unsafe" / "is unsafe"), and its written forms without an ending, because
    the small model's lemmas slip ("hopes" -> "hop")."""
    lemma = str(t.lemma_).lower()
    if lemma in LIGHT_VERBS:
        comp = [c for c in t.children if c.dep_ in ("acomp", "attr", "oprd")]
        return frozenset({str(comp[0].lemma_).lower() if comp else lemma})
    low = t.lower_
    keys = {lemma, stem(low)}
    if low.endswith("ed"):
        keys |= {low[:-1], low[:-2]}
    elif low.endswith("s"):
        keys |= {low[:-1]}
    return frozenset(keys)


@check("tense", modes=(AuditMode.REWRITE,), order=190)
def check_tense(src: Group, rw: Group, ctx: Context) -> list[Issue]:
    """F115, rewrite mode: a predicate moved between past and present or future.

    Verbs are matched by predicate (the verb, or a copula's complement), so a
    rewrite may reorder and restructure freely. A reported clause may shift
    between past and present with its reporting verb, and "would" is left to
    the modality check; a reporting verb's own tense ("said" -> "says") is a
    matter of style and only warns. A summary retells freely: not checked.
    """
    all_verbs = _tensed_verbs(src)
    r_verbs = _tensed_verbs(rw)
    r_keys = frozenset().union(*(k for k, _, _, _ in r_verbs))
    for keys, tense, reported, t in r_verbs:
        # Only the source sentences this rewrite sentence retells: a merged
        # group's other sentence may use the same verb of something else.
        sent = next(x for x in rw.sentences if x.start <= t.idx < x.end)
        spans = _retold(src, [x for x in rw.tokens if sent.start <= x.idx < sent.end])
        s_verbs = [v for v in all_verbs if any(a <= v[3].idx < b for a, b in spans)]
        theirs = [(x, rep, tok) for k, x, rep, tok in s_verbs if k & keys]
        if not theirs:
            # A synonym the source has in its place: "arrested" / "detain".
            theirs = [
                (x, rep, tok)
                for k, x, rep, tok in s_verbs
                if not k & r_keys and _synonym_verbs(t, tok)
            ]
        if not theirs:
            continue
        if any(
            x == tense
            or frozenset({x, tense}) in _SAME_TIME
            or ((rep or reported) and "future" not in (x, tense))
            or _same_bare_form(tok, t)
            for x, rep, tok in theirs
        ):
            continue
        was, _, t0 = theirs[0]
        says = bool(keys & _SAYING) and not reported
        told_now = not says and _historic_present(was, tense, t)
        note = ""
        if says:
            note = "; the attribution's tense is a matter of style"
        elif told_now:
            note = (
                "; a past event told in the present (its time is not moved, a reader should look)"
            )
        return [
            pair(
                "F115",
                f"the tense changed: '{_verb_phrase(t0)}' ({was}) became "
                f"'{_verb_phrase(t)}' ({tense}){note}",
                t0,
                t,
                Severity.WARNING if says or told_now else None,
            )
        ]
    return []


# Verbs of state: in the present they say the state holds now ("hopes", "owns",
# "remains"), so a past state retold in the present is a changed fact. The
# list is the usual one of English grammars (being and seeming, having and
# owning, knowing and believing, wanting and hoping, relations such as
# "contain" or "depend").
_STATIVE_WORDS = """be have own possess belong contain include consist comprise hold lack need
    owe cost weigh measure equal exist remain stay seem appear resemble know believe
    think understand doubt suppose realize recognize remember forget mean want wish
    hope fear expect prefer like love hate dislike deserve matter depend concern
    involve employ oppose support favor favour live"""
_STATIVE = frozenset(_STATIVE_WORDS.split())


def _historic_present(was: str, tense: str, t: Any) -> bool:
    """Whether a past event is retold in the simple present ("was replaced by X"
    -> "X replaces"), as headlines and narratives do: the event's time is not
    moved, and nothing says it happens now. A state in the present ("hoped" ->
    "hopes"), a progressive or passive present ("is closed"), and any move to
    or from the future change when the fact holds."""
    if was not in ("past", "perfect") or tense != "present":
        return False
    if any(c.dep_ in ("aux", "auxpass") for c in t.children):
        return False
    # by every key of the verb: the small model's lemmas slip ("hopes" -> "hop")
    keys = _verb_keys(t) | {str(t.lemma_).lower()}
    return t.pos_ == "VERB" and not keys & (_STATIVE | LIGHT_VERBS)


def _retold(src: Group, sent_tokens: list[Any]) -> list[tuple[int, int]]:
    """Spans of the source sentences a rewrite sentence retells: the one it shares
    most words with, and any other of whose words it holds at least a third."""
    words = {stem(t.text) for t in sent_tokens if t.is_alpha and t.lower_ not in STOPWORDS}
    out, best, best_n = [], None, -1
    for s in src.sentences:
        theirs = {
            stem(t.text)
            for t in src.tokens
            if s.start <= t.idx < s.end and t.is_alpha and t.lower_ not in STOPWORDS
        }
        n = len(words & theirs)
        if n > best_n:
            best, best_n = (s.start, s.end), n
        if theirs and n >= len(theirs) / 3:
            out.append((s.start, s.end))
    return out if out else ([best] if best is not None else [])


def _same_bare_form(a: Any, b: Any) -> bool:
    """The same written verb with no auxiliary on one side: "put" / "put" (the
    tagger guesses past or present), "is dubbed" / "dubbed" (a relative clause
    reduced, which the parser takes for a past tense)."""
    bare = not any(c.dep_ in ("aux", "auxpass") for c in a.children) or not any(
        c.dep_ in ("aux", "auxpass") for c in b.children
    )
    return bare and a.lower_ == b.lower_


def _synonym_verbs(a: Any, b: Any) -> bool:
    """Whether two verbs say the same thing by WordNet (never a light or general verb)."""
    la, lb = str(a.lemma_).lower(), str(b.lemma_).lower()
    if {la, lb} & (LIGHT_VERBS | GENERAL_VERBS) or a.pos_ != "VERB" or b.pos_ != "VERB":
        return False
    return wordnet_supported(la, {lb})


def _verb_phrase(t: Any) -> str:
    """A verb with its auxiliaries ("will reopen", "had hoped")."""
    auxes = [c.i for c in t.children if c.dep_ in ("aux", "auxpass", "neg")]
    start = min([t.i, *auxes])
    return str(t.doc[start : t.i + 1].text)
