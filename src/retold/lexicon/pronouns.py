"""English personal pronouns, by person, case and number.

Lists that callers need are unions of these groups, never copies, so a
pronoun added to one group reaches every list built from it.
"""

from __future__ import annotations

#: Third-person subject pronouns.
SUBJECT: frozenset[str] = frozenset({"he", "she", "it", "they"})
#: Third-person object pronouns ("it" is already a subject).
OBJECT: frozenset[str] = frozenset({"him", "her", "them"})
#: Third-person possessive determiners ("her" is already an object).
POSSESSIVE: frozenset[str] = frozenset({"his", "its", "their"})
#: Third-person independent possessives.
INDEPENDENT: frozenset[str] = frozenset({"hers", "theirs"})
#: Third-person pronouns that point back to someone named before.
PERSONAL: frozenset[str] = SUBJECT | OBJECT | POSSESSIVE
#: Every third-person pronoun.
THIRD_PERSON: frozenset[str] = PERSONAL | INDEPENDENT
#: Subject pronoun -> its object form, first, second and third person.
SUBJECT_TO_OBJECT: dict[str, str] = {
    "he": "him",
    "she": "her",
    "they": "them",
    "we": "us",
    "i": "me",
    "you": "you",
}
#: First- and second-person pronouns.
FIRST_AND_SECOND: frozenset[str] = frozenset({"i", "me", "we", "us", "you"})
#: Demonstratives, as pronouns or determiners ("this", "those").
DEMONSTRATIVES: frozenset[str] = frozenset({"this", "that", "these", "those"})
#: Pronouns that take a plural verb.
PLURAL: frozenset[str] = frozenset({"they", "them", "we", "us", "you"})
