"""Word lists that several audit checks share.

Each list is defined here once; a check that needs a list of its own keeps it
beside its algorithm.
"""

from __future__ import annotations

# Pronouns that stand for a person or thing named before (who-did-what links
# skip them; a subject pronoun needs an antecedent).
PRONOUNS = frozenset({"he", "she", "they", "it", "him", "her", "them"})
# The same with the possessives: "his", "its", "their".
PERSONAL_PRONOUNS = frozenset(
    ("he", "she", "it", "they", "him", "her", "them", "his", "its", "their")
)

# Verbs that say who claims something (an attribution F135 watches).
# fmt: off
CLAIM_VERBS = frozenset((
    "say", "tell", "state", "announce", "add", "claim", "report", "write", "explain", "note",
    "insist", "argue", "warn", "confirm", "deny", "acknowledge", "declare", "testify",
    "estimate", "predict", "allege", "suggest", "assert",
))
# fmt: on

# Verbs whose complement carries the predicate: "is not safe" is about "safe".
LIGHT_VERBS = frozenset({"be", "have", "do", "get", "become", "remain", "seem"})

# Verbs of saying trade freely in news ("said", "told reporters", "added").
SPEECH_VERBS = frozenset(
    {
        "say",
        "tell",
        "add",
        "state",
        "note",
        "explain",
        "announce",
        "report",
        "declare",
        "insist",
        "write",
        "comment",
        "describe",
        "call",
        "ask",
        "reply",
        "respond",
        "answer",
        "confirm",
        "claim",
    }
)

# Verbs too general to replace anything ("make", "take", "give" in phrases).
GENERAL_VERBS = frozenset(
    {"make", "take", "give", "put", "go", "come", "keep", "let", "see", "use"}
)
