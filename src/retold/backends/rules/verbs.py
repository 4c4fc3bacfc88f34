"""English verb forms for voice changes: past participles, simple pasts, -s forms.

spaCy gives lemmas and tags but cannot inflect, so the irregular verbs are
listed in :mod:`retold.lexicon.inflection`; a verb that is neither listed nor
regular-looking is reported as unknown (``None``) and the caller skips the
transformation rather than guess.
"""

from __future__ import annotations

from retold.lexicon.inflection import ING_FORMS, IRREGULAR_VERBS


def _table() -> tuple[dict[str, tuple[str, str]], dict[str, str]]:
    forms: dict[str, tuple[str, str]] = {}
    by_participle: dict[str, str] = {}
    for base, forms_ in IRREGULAR_VERBS.items():
        past, _, part = forms_.partition(" ")
        forms[base] = (past, part or past)
        by_participle.setdefault(part or past, base)
    return forms, by_participle


_FORMS, _BY_PARTICIPLE = _table()


def participle(lemma: str, past: str) -> str | None:
    """The past participle of ``lemma`` whose simple past is ``past`` (as written)."""
    lemma, past = lemma.lower(), past.lower()
    if lemma in _FORMS:
        return _FORMS[lemma][1]
    # A regular verb's past and participle are one form.
    return past if past.endswith("ed") else None


def simple_past(lemma: str, participle_form: str) -> str | None:
    """The simple past of ``lemma`` whose participle is ``participle_form``."""
    lemma, part = lemma.lower(), participle_form.lower()
    if lemma in _FORMS:
        return _FORMS[lemma][0] if _FORMS[lemma][1] == part else None
    return part if part.endswith("ed") else None


def third_person(lemma: str) -> str | None:
    """The present-tense -s form ("approves", "carries", "does")."""
    w = lemma.lower()
    if not w.isalpha():
        return None
    if w in ("be", "have"):
        return {"be": "is", "have": "has"}[w]
    if w.endswith(("s", "sh", "ch", "x", "z", "o")):
        return w + "es"
    if w.endswith("y") and len(w) > 1 and w[-2] not in "aeiou":
        return w[:-1] + "ies"
    return w + "s"


def participle_of(lemma: str) -> str | None:
    """The past participle from the lemma alone; ``None`` when the spelling is
    uncertain (a final consonant that may double: "stop" -> "stopped" but
    "visit" -> "visited")."""
    w = lemma.lower()
    if w in _FORMS:
        return _FORMS[w][1]
    if not w.isalpha() or len(w) < 3:
        return None
    vowels = "aeiou"
    if w.endswith("e"):
        return w + "d"
    if w.endswith("y"):
        return w[:-1] + "ied" if w[-2] not in vowels else w + "ed"
    if w[-1] in "wx":
        return w + "ed"
    if w[-1] not in vowels and (w[-2] not in vowels or w[-3] in vowels):
        return w + "ed"  # two consonants ("attack") or two vowels ("repeal"): nothing doubles
    return None


def present_participle(lemma: str) -> str | None:
    """The -ing form ("live" -> "living", "work" -> "working"); ``None`` when a
    final consonant may double ("stop" -> "stopping" but "visit" -> "visiting")."""
    w = lemma.lower()
    if w in ING_FORMS:
        return ING_FORMS[w]
    if not w.isalpha() or len(w) < 3:
        return None
    vowels = "aeiou"
    if w.endswith("ie"):
        return w[:-2] + "ying"
    if w.endswith(("ee", "ye", "oe")):
        return w + "ing"
    if w.endswith("e"):
        return w[:-1] + "ing"
    if w[-1] in "wxy" or w[-1] in vowels:
        return w + "ing"
    if w[-2] not in vowels or w[-3] in vowels:
        return w + "ing"  # "work", "need": nothing doubles
    return None
