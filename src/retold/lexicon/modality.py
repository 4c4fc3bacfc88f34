"""Modal verbs and words of negation."""

from __future__ import annotations

#: The modal verbs and what each says: "future", "necessity" or "possibility".
MODAL_MEANINGS: dict[str, str] = {
    "will": "future",
    "would": "future",
    "shall": "future",
    "must": "necessity",
    "should": "necessity",
    "may": "possibility",
    "might": "possibility",
    "could": "possibility",
    "can": "possibility",
}
#: The modal verbs.
MODALS: frozenset[str] = frozenset(MODAL_MEANINGS)
#: A modal's written form -> the modal it is: each modal itself, its
#: contractions, and the stems spaCy splits from "won't", "can't", "shan't".
MODAL_FORMS: dict[str, str] = {
    **{modal: modal for modal in MODAL_MEANINGS},
    "'ll": "will",
    "’ll": "will",
    "wo": "will",
    "'d": "would",
    "’d": "would",
    "ca": "can",
    "sha": "shall",
}
#: The written forms of the future auxiliaries ("will", "'ll", "wo" of "won't").
FUTURE_FORMS: frozenset[str] = frozenset(
    form for form, modal in MODAL_FORMS.items() if modal in ("will", "shall")
)
#: Pronouns and conjunctions that negate by themselves ("nobody came").
NEGATIVE_PRONOUNS: frozenset[str] = frozenset(
    {"none", "nobody", "nothing", "neither", "nor", "noone", "nowhere"}
)
#: Adjectives that say what "can" and "could" say ("a robot able to sort").
ABLE: frozenset[str] = frozenset({"able", "unable", "capable", "incapable"})
