"""Verb forms that English spelling rules cannot give: irregular pasts and
participles (``data/irregular_verbs.txt``) and the -ing forms the rules for a
final "e" get wrong."""

from __future__ import annotations

from retold.lexicon.loader import pairs

#: Base -> "past participle", or "past" when both are one form ("bend" -> "bent").
IRREGULAR_VERBS: dict[str, str] = pairs("irregular_verbs")
#: -ing forms that the spelling rules would get wrong ("die" -> "dying", not
#: "diing"; "see" -> "seeing", not "seing").
ING_FORMS: dict[str, str] = pairs("ing_forms")
