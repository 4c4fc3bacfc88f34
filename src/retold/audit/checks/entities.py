"""Names and pronouns: a name changed, added or dropped; a name replaced by a
pronoun the rewrite never resolved.

A name may be written in several ways without changing whom it names: "D-N.M."
is "a New Mexico Democrat", "the IMF" the "International Monetary Fund", "U.S."
"American", "Finnish" "Finland"; and a rewrite may name whom the source calls
"she" or "the company" when the article names them before. These are no
issue. A first name that differs under the same surname, or a nationality the
parser did not tag as a name ("European-Japanese" -> "European-Chinese"), is.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from retold.audit.align import STOPWORDS, stem
from retold.audit.checks.names import NAME_STOP, PLACE_WORDS, name_forms, whole_forms
from retold.audit.checks.quotes import verbatim_quotes
from retold.audit.group import Context, Group, pair
from retold.audit.registry import check
from retold.audit.words import PERSONAL_PRONOUNS, PRONOUNS
from retold.data import AuditMode, Fact, FactKind, Issue, Severity
from retold.lexicon.names import NAME_SUFFIXES, NAME_TITLES
from retold.models import wordnet as _wordnet

_KINDS = (FactKind.PERSON, FactKind.ORG, FactKind.PLACE)


def _words_of(value: str) -> list[str]:
    # Dots dropped so that "U.S." is one token "us" on both sides.
    return [t for t in re.findall(r"\w+", value.replace(".", "")) if t not in NAME_STOP]


def _supported_name(f: Fact, words: set[str], text: str, forms: frozenset[str]) -> bool:
    """Whether a side with ``words``, ``text`` and name forms ``forms`` holds the name ``f``."""
    value = f.value
    if value and value in " ".join(text.lower().split()):
        return True
    whole = whole_forms(f.text)
    if whole & forms or whole & words:
        return True
    toks = _words_of(value)
    if not toks:
        return True
    if f.kind == FactKind.PERSON and toks[-1] in words:
        return True
    held = [t in words or stem(t) in words or t in forms for t in toks]
    if all(held):
        return True
    # "Automaker Rendal" is "Rendal": a common noun that describes the name
    # before it ("Drugmaker", "Midfielder"), when what is left is a name.
    return (
        len(toks) > 1
        and all(held[1:])
        and bool(_wordnet.related_words(toks[0]))
        and any(not _wordnet.related_words(t) for t in toks[1:])
    )


def _forms(g: Group) -> frozenset[str]:
    return g.cached("name forms", lambda x: name_forms(x.text))


@check("entities", order=160)
def check_entities(src: Group, rw: Group, ctx: Context) -> list[Issue]:
    """A name changed (F121), added (F122), dropped (F123), or a quotation given
    to someone the source does not name (F132)."""
    out: list[Issue] = []
    quotes = verbatim_quotes(rw, ctx)
    s_words, r_words = src.words(), rw.words()
    s_forms, r_forms = _forms(src), _forms(rw)
    every = ctx.source_all
    all_words, all_forms = every.words(), _forms(every)
    s_ents = [f for f in src.facts if f.kind in _KINDS]
    missing_src = [
        f
        for f in s_ents
        if not _supported_name(f, r_words, rw.text, r_forms)
        # "Vietnamese officials" are "officials from Vietnam"
        and not (_nationality(src, f) and _country_of(f.value, r_words))
    ]
    referent = _referent(src, rw)
    for r in (f for f in rw.facts if f.kind in _KINDS):
        if _supported_name(r, s_words, src.text, s_forms) or (
            _nationality(rw, r) and _country_of(r.value, s_words)
        ):
            out.extend(_first_name(src, r, every))
            continue
        in_article = _supported_name(r, all_words, every.text, all_forms)
        rivals = [
            x
            for x in missing_src
            if x.kind == r.kind and _nationality(src, x) == _nationality(rw, r)
        ]
        title = " ".join(rw.parsed.text[: r.start].split()[-1:] + r.text.split()[:1])
        if (
            in_article
            and referent is not None
            and not rivals
            and _nearest(r, src, every, referent, title)
        ):
            continue  # "she" -> "Ms. Alvarez", named just before
        in_quote_sentence = any(q for q in quotes if _same_sentence(rw, q.start, r.start))
        if in_quote_sentence and r.kind == FactKind.PERSON:
            unsure = in_article or (referent is not None and not rivals)
            out.append(
                pair(
                    "F132",
                    f"the quotation is attributed to '{r.text}', whom its source does not name"
                    + (f" (the source says '{referent}')" if referent and unsure else ""),
                    src,
                    r,
                    Severity.WARNING if unsure else None,
                )
            )
            continue
        if in_article and rivals:
            out.append(
                pair(
                    "F121",
                    f"the name changed: '{rivals[0].text}' became '{r.text}' "
                    f"(a name from elsewhere in the source)",
                    rivals[0],
                    r,
                )
            )
            continue
        if in_article:
            out.append(
                pair(
                    "F122",
                    f"'{r.text}' is not in the source sentence (the source names it elsewhere)",
                    src,
                    r,
                    Severity.WARNING,
                )
            )
            continue
        norp = _nationality(rw, r)
        same_kind = [
            s for s in missing_src if s.kind == r.kind and _nationality(src, s) == norp
        ] or [s for s in missing_src if _nationality(src, s) == norp]
        if same_kind:
            s = same_kind[0]
            out.append(pair("F121", f"the name changed: '{s.text}' became '{r.text}'", s, r))
        elif referent is not None:
            out.append(
                pair(
                    "F122",
                    f"'{r.text}' is not in the source, which says '{referent}' here: "
                    "check that the article names them so",
                    src,
                    r,
                    Severity.WARNING,
                )
            )
        else:
            out.append(pair("F122", f"'{r.text}' is a name the source does not have", src, r))
    out.extend(_place_words(src, rw, s_forms, r_forms, out))
    if ctx.mode == AuditMode.REWRITE:
        out.extend(_dropped(src, rw, missing_src, out))
    return out


def _dropped(src: Group, rw: Group, missing: list[Fact], found: list[Issue]) -> list[Issue]:
    """F123 for each source name the rewrite lost (a changed name is F121's)."""
    # A sentence-by-sentence rewrite keeps every name; one that became a
    # pronoun is F125's business, so then the drop only warns.
    new_pronoun = any(
        t.pos_ == "PRON" and t.lower_ in PERSONAL_PRONOUNS for t in rw.tokens
    ) and not any(t.lower_ in PERSONAL_PRONOUNS for t in src.tokens)
    changed = {i.source_span for i in found if i.code == "F121"}
    r_lemmas = {t.lemma_.lower() for t in rw.tokens if t.pos_ == "NOUN"}
    out = []
    for s in missing:
        if (s.start, s.end) in changed:
            continue
        head = _words_of(s.value)[-1:] or [""]
        if new_pronoun:
            out.append(pair("F123", f"'{s.text}' was dropped", s, rw, Severity.WARNING))
        elif head[0] in r_lemmas:
            # "the Supreme Court" -> "the state's highest court": a description
            # may name it, but the audit cannot tell that it does.
            out.append(
                pair(
                    "F123",
                    f"'{s.text}' was dropped; the rewrite may mean it by '{head[0]}'",
                    s,
                    rw,
                    Severity.WARNING,
                )
            )
        else:
            out.append(pair("F123", f"'{s.text}' was dropped", s, rw, Severity.ERROR))
    return out


def _first_name(src: Group, r: Fact, every: Group) -> list[Issue]:
    """F121 when a person's first name differs from the one the source gives
    under the same surname ("Mara Quillon" -> "Maria Quillon") and the article
    never uses it: "Michael Wagner" for "Michael and Johanne Wagner" is no
    change, nor is a word said of the person ("Architect Matt Mooney")."""
    if r.kind != FactKind.PERSON:
        return []
    mine = _given_names(r.value)
    if mine is None or mine[-2] in every.words():
        return []
    named = [
        (s, g)
        for s in (*src.of(FactKind.PERSON), *every.of(FactKind.PERSON))
        if (g := _given_names(s.value)) is not None and g[-1] == mine[-1]
    ]
    if not named or any(_same_given(mine[-2], g[-2]) for _, g in named):
        return []
    s = named[0][0]
    return [pair("F121", f"the name changed: '{s.text}' became '{r.text}'", s, r)]


def _given_names(value: str) -> tuple[str, ...] | None:
    """The words of a person's name, titles and "Jr." left out; None for a
    surname alone."""
    toks = tuple(
        t
        for t in value.replace(".", " ").split()
        if t not in NAME_TITLES and t not in NAME_SUFFIXES
    )
    if len(toks) < 2 or not toks[-2].isalpha():
        return None
    return toks


def _same_given(a: str, b: str) -> bool:
    """Whether two first names may be one: equal, or a short form or an
    initial of the other ("Chris" / "Christopher", "J" / "John")."""
    short, long = sorted((a, b), key=len)
    return a == b or (long.startswith(short) and (len(short) == 1 or len(short) >= 3))


def _place_words(
    src: Group, rw: Group, s_forms: frozenset[str], r_forms: frozenset[str], found: list[Issue]
) -> list[Issue]:
    """A country, a people or a planet the recogniser did not tag as a name
    ("European-Japanese" -> "European-Chinese"): each place word of one side
    must be some form of a place word of the other."""
    taken = [i.rewrite_span for i in found if i.rewrite_span is not None]

    def places(g: Group) -> list[Any]:
        return [
            t
            for t in g.tokens
            if t.text[:1].isupper()
            and t.lower_ in PLACE_WORDS
            and not any(s <= t.idx < e for s, e in _spans(g.facts))
        ]

    theirs = [t for t in places(src) if not (PLACE_WORDS[t.lower_] & r_forms)]
    out = []
    for t in places(rw):
        if PLACE_WORDS[t.lower_] & s_forms or any(s <= t.idx < e for s, e in taken):
            continue
        if theirs:
            out.append(
                pair(
                    "F121", f"the name changed: '{theirs[0].text}' became '{t.text}'", theirs[0], t
                )
            )
        else:
            out.append(
                pair(
                    "F122",
                    f"'{t.text}' is a name the source does not have",
                    src,
                    t,
                    Severity.WARNING,
                )
            )
    return out


def _spans(facts: Iterable[Fact]) -> list[tuple[int, int]]:
    return [(f.start, f.end) for f in facts if f.kind in _KINDS]


# Nouns that a definite description of a person or organisation ends in
# ("the company", "the player") without naming it.
_REFERRING_DETS = {"the", "this", "that"}


def _referent(src: Group, rw: Group) -> str | None:
    """What in the source stands for someone the rewrite may name: a pronoun
    ("she", "his") or a definite description ("the company") that the rewrite
    no longer has; None when there is none."""
    r_low = {t.lower_ for t in rw.tokens}
    r_lemmas = {t.lemma_.lower() for t in rw.tokens}
    for t in src.tokens:
        if t.lower_ in PERSONAL_PRONOUNS and t.lower_ not in r_low:
            return str(t.text)
    for t in src.tokens:
        if (
            t.pos_ == "NOUN"
            and t.dep_ in ("nsubj", "nsubjpass", "dobj", "poss", "pobj")
            and any(c.dep_ == "det" and c.lower_ in _REFERRING_DETS for c in t.children)
            and t.lemma_.lower() not in r_lemmas
        ):
            return f"the {t.text}"
    return None


def _nearest(r: Fact, src: Group, every: Group, referent: str, title: str) -> bool:
    """Whether ``r`` is the one name of its kind in the last source sentence
    (before or in the aligned ones) that names any: the one a pronoun there
    would stand for. Two names there ("Alvarez and Ibsen") leave it open, and
    so does a title of the other sex than the pronoun ("she" -> "Mr. Ibsen")."""
    if _other_sex(title, referent):
        return False
    end = src.span[1] if src.span else 0
    before = [f for f in every.facts if f.kind == r.kind and f.start < end]
    if not before:
        return False
    last_sentence = next(s for s in every.sentences if s.start <= before[-1].start < s.end)
    there = {
        tuple(_words_of(f.value))
        for f in before
        if last_sentence.start <= f.start < last_sentence.end
    }
    mine = set(_words_of(r.value))
    # one person may be named twice there ("Gloria Alvarez ... Alvarez")
    people = {n for n in there if not any(set(n) < set(m) for m in there)}
    return len(people) == 1 and bool(mine & set(next(iter(people))))


_HE, _SHE = frozenset({"he", "him", "his"}), frozenset({"she", "her", "hers"})
_HIS_TITLES, _HER_TITLES = frozenset({"mr"}), frozenset({"ms", "mrs", "miss"})


def _other_sex(title: str, referent: str) -> bool:
    """Whether a title ("Mr.", among the words ``title``) names the other sex
    than a pronoun ("she")."""
    words = {w.lower().rstrip(".") for w in title.split()}
    pronoun = referent.lower()
    return bool(
        (pronoun in _SHE and words & _HIS_TITLES) or (pronoun in _HE and words & _HER_TITLES)
    )


def _nationality(g: Group, f: Fact) -> bool:
    """Whether a name is a nationality or group ("Vietnamese"): it describes, so it
    cannot stand in for a place or organisation the source sentence names."""
    span = g.parsed.doc.char_span(f.start, f.end, alignment_mode="expand")
    return span is not None and len(span) > 0 and span[0].ent_type_ == "NORP"


def _country_of(nationality: str, words: set[str]) -> bool:
    """Whether ``words`` name the country of a nationality by its stem: "Vietnam" for
    "Vietnamese", "Ukraine" for "Ukrainian" (irregular ones are in demonyms.txt)."""
    return any(len(w) >= 5 and nationality.startswith(w[:-1]) for w in words)


def _same_sentence(g: Group, a: int, b: int) -> bool:
    return any(s.start <= a < s.end and s.start <= b < s.end for s in g.sentences)


def _anchor(src: Group, sent_tokens: list[Any]) -> list[Any]:
    """Tokens of the source sentence that backs most of a rewrite sentence's words."""
    words = {stem(t.text) for t in sent_tokens if t.lower_ not in STOPWORDS}
    best: list[Any] = []
    best_n = -1
    for s in src.sentences:
        toks = [t for t in src.tokens if s.start <= t.idx < s.end]
        n = len(words & {stem(t.text) for t in toks})
        if n > best_n:
            best, best_n = toks, n
    return best


# Entity types a personal pronoun may stand for.
# (a place is "it", which the check leaves alone).
_REFERENT_TYPES = {"PERSON", "ORG", "NORP", ""}


@check("pronouns", order=230)
def check_pronouns(src: Group, rw: Group, ctx: Context) -> list[Issue]:
    """F125: a rewrite sentence's subject pronoun stands for a name the rewrite
    has not given yet."""
    out: list[Issue] = []
    for sent in rw.sentences:
        toks = [t for t in rw.tokens if sent.start <= t.idx < sent.end]
        subj = next(
            (
                t
                for t in toks
                if t.dep_ in ("nsubj", "nsubjpass") and t.lower_ in PRONOUNS and t.lower_ != "it"
            ),
            None,
        )
        if subj is None:
            continue
        anchor = _anchor(src, toks)
        if subj.lower_ in {t.lower_ for t in anchor}:
            continue
        if subj.lower_ != "they" and any(
            f.kind == FactKind.PERSON and f.start < subj.idx for f in rw.facts
        ):
            continue  # the rewrite names someone just before: the pronoun has its antecedent
        # The source sentence names the subject here; the rewrite must have named it before.
        before = (ctx.previous_rewrite + " " + rw.parsed.text[: subj.idx][-300:]).lower()
        names = [
            t
            for t in anchor
            if (t.pos_ == "PROPN" or t.ent_type_ == "PERSON") and t.ent_type_ in _REFERENT_TYPES
        ]
        if not before.strip():
            # Nothing precedes: even a common noun ("the wife") had to be named.
            names += [t for t in anchor if t.dep_ in ("nsubj", "nsubjpass") and t.pos_ == "NOUN"]
        if names and not any(n.lower_ in before for n in names):
            n = names[0]
            out.append(
                pair(
                    "F125",
                    f"'{subj.text}' stands for '{n.text}', whom the rewrite has not named",
                    n,
                    subj,
                    Severity.ERROR,
                )
            )
    return out
