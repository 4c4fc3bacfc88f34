"""Modal verbs and words of negation."""

from __future__ import annotations

#: A modal's written form (including contractions and the stems spaCy splits
#: from "won't", "can't", "shan't") -> the modal it is.
MODAL_FORMS: dict[str, str] = {
    "will": "will",
    "'ll": "will",
    "’ll": "will",
    "wo": "will",
    "would": "would",
    "'d": "would",
    "’d": "would",
    "may": "may",
    "might": "might",
    "could": "could",
    "can": "can",
    "ca": "can",
    "must": "must",
    "should": "should",
    "shall": "shall",
    "sha": "shall",
}
#: The modal verbs.
MODALS: frozenset[str] = frozenset(MODAL_FORMS.values())
#: Pronouns and conjunctions that negate by themselves ("nobody came").
NEGATIVE_PRONOUNS: frozenset[str] = frozenset(
    {"none", "nobody", "nothing", "neither", "nor", "noone", "nowhere"}
)
