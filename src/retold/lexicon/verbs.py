"""Classes of verbs that the audit's predicate and role checks decide with."""

from __future__ import annotations

#: Verbs whose complement carries the predicate: "is not safe" is about "safe".
LIGHT_VERBS: frozenset[str] = frozenset({"be", "have", "do", "get", "become", "remain", "seem"})
#: Verbs too general to replace anything ("make", "take", "give" in phrases).
GENERAL_VERBS: frozenset[str] = frozenset(
    {"make", "take", "give", "put", "go", "come", "keep", "let", "see", "use"}
)
#: Verbs whose subject and object can trade places without changing the fact
#: ("Smith met Jones" says what "Jones met Smith" says).
SYMMETRIC_VERBS: frozenset[str] = frozenset(
    {
        "meet",
        "talk",
        "speak",
        "negotiate",
        "marry",
        "agree",
        "clash",
        "fight",
        "play",
        "draw",
        "tie",
        "merge",
        "join",
        "face",
        "confront",
        "visit",
        "hold",
        "have",
        "be",
        # a bill and a chamber: "the bill passed the House" says what "the
        # House passed the bill" says, and so with "cleared"
        "pass",
        "clear",
    }
)
