"""Wrong-sense swaps of a verb whose synonym has another valency, and of an
adjective swapped to a word that cannot stand where it stands (issue 12):
"started him" is no "began him", "the additional concern" is no "the more
concern". On real sentences with the real parser and WordNet, through both
the phrase table (``phrase``) and the lexical swaps.
"""

from __future__ import annotations

import pytest

from retold.backends.rules import lexical
from retold.backends.rules.backend import phrase
from retold.backends.rules.syntax import Parsed
from retold.models import wordnet
from retold.models.parser import parse_many
from retold.rewrite.context import sentence_contexts
from retold.segment.splitter import segment

pytestmark = pytest.mark.skipif(
    not wordnet.available(), reason="WordNet (Debian's wordnet-base) not installed"
)


def parsed(text: str) -> Parsed:
    (c,) = sentence_contexts(segment(text))
    return Parsed.of(c.text, c.doc, c.locked)


def rewrites(text: str) -> list[str]:
    """The phrase table's rewrite and the lexical swaps' rewrite of ``text``."""
    p = parsed(text)
    out = list(phrase(p))
    (swaps,) = lexical.plan([p], wordnet_too=True)
    made = lexical.apply(p.text, swaps)
    return [*out, *([made] if made else [])]


@pytest.mark.parametrize(
    ("source", "wrong"),
    [
        # a person put in the side is no activity begun
        ("Rodgers spoke to the forward yet still started him at the Emirates.", "began him"),
        ("Sterling started Liverpool's defeat at Arsenal on Saturday.", "began"),
        ("The players that did not start in the Champions League trained.", "begin"),
        # causative "start" with an object: who started a war caused it
        ("The man who started the war was a student.", "began"),
        # one advises a person, recommends a thing
        ("The player has been poorly advised by his agent.", "recommended"),
        # condemned to a fate is another sense than condemned as wrong
        ("Lewandowski condemned his former club to defeat.", "denounced"),
        # without an object "step up" comes forward
        ("He tripped him, allowing O'Hara to step up and stroke the penalty in.", "intensify"),
        # a quantifier after a determiner
        ("Police are supposed to articulate the additional safety concern.", "the more"),
        ("Officers need a sufficient reason to stop him.", "an enough"),
        # "start" the noun: a rare start in a side is no rare beginning
        ("Jose Cubero enjoyed a rare start for Blackpool.", "beginning"),
        # a register jump
        ("The singer died of cancer on Friday at the age of 66.", "perished"),
    ],
)
def test_a_swap_of_another_valency_is_refused(source: str, wrong: str) -> None:
    for out in rewrites(source):
        assert wrong not in out, out


@pytest.mark.parametrize(
    ("source", "right"),
    [
        # an intransitive start whose subject is no person, and "start to"
        (
            "The trial started on Monday and the jury started to deliberate.",
            "The trial began on Monday and the jury began to deliberate.",
        ),
        # after a determiner, the replacement that can stand there
        (
            "Police are supposed to articulate the additional safety concern.",
            "Police are supposed to articulate the extra safety concern.",
        ),
        # a bare noun takes the quantifier
        (
            "Police sent additional officers to the scene.",
            "Police sent more officers to the scene.",
        ),
        # a person object with a verb that shares the sense that takes one
        ("The charity helped him after the fire.", "The charity assisted him after the fire."),
    ],
)
def test_a_swap_of_the_same_valency_is_made(source: str, right: str) -> None:
    assert right in rewrites(source)


def test_an_attributive_only_adjective_stays_out_of_a_predicate() -> None:
    from retold.backends.rules import valency

    (doc,) = parse_many(["It is crucial to go back, and the crucial moment came late."])
    first, second = (t for t in doc if t.lower_ == "crucial")
    assert not valency.adjective_fits(first, "key")
    assert valency.adjective_fits(second, "key")
    assert valency.adjective_fits(first, "vital")
