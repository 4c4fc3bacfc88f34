"""Word lists that several audit checks share.

Each list is defined here once; a check that needs a list of its own keeps it
beside its algorithm.
"""

from __future__ import annotations

from retold.lexicon import pronouns, reporting, verbs

# Pronouns that stand for a person or thing named before (who-did-what links
# skip them; a subject pronoun needs an antecedent).
PRONOUNS = pronouns.SUBJECT | pronouns.OBJECT
# The same with the possessives: "his", "its", "their".
PERSONAL_PRONOUNS = pronouns.PERSONAL

# Verbs that say who claims something (an attribution F135 watches).
CLAIM_VERBS = reporting.CLAIM_VERBS

# Verbs whose complement carries the predicate: "is not safe" is about "safe".
LIGHT_VERBS = verbs.LIGHT_VERBS

# Verbs of saying trade freely in news ("said", "told reporters", "added").
SPEECH_VERBS = reporting.PLAIN_SPEECH_VERBS

# Verbs too general to replace anything ("make", "take", "give" in phrases).
GENERAL_VERBS = verbs.GENERAL_VERBS
