"""Verbs that report what someone said, believed or found.

One table, ``data/reporting_verbs.txt``, lists every lemma once with the
lists it belongs to (its tags); the lists below are read from it.
"""

from __future__ import annotations

from retold.lexicon.loader import tagged, words

#: Lemmas of saying or believing whose reported clause may move around its
#: speaker ("X said Y." / "Y, X said."): the rules backend's attribution moves.
SPEECH_VERBS: frozenset[str] = tagged("reporting_verbs", "speech")
#: Lemmas whose that-clause may gain or drop its "that": mostly verbs of
#: saying, plus verbs of finding and knowing ("show", "find", "know", "feel")
#: that are not attributions.
THAT_VERBS: frozenset[str] = tagged("reporting_verbs", "that")
#: Inflected verbs that may follow a closing quotation and a name
#: ('"Why now?" Ms. Cohen asked.'). Surface forms, because sentence
#: segmentation runs before any parse.
QUOTE_VERB_FORMS: frozenset[str] = words("quote_verb_forms")
#: Lemmas that say who claims something: the audit watches them (F135) and
#: their tense (a claim "said" is not a claim "says" only in style).
CLAIM_VERBS: frozenset[str] = tagged("reporting_verbs", "claim")
#: Lemmas of saying that news copy trades freely ("said", "told reporters",
#: "added"): one replacing another is no change of predicate to the audit.
PLAIN_SPEECH_VERBS: frozenset[str] = tagged("reporting_verbs", "plain")
