"""More rewording from the rules backend (issue 12): the phrase table's swaps
with one left out when the gate may refuse it, swaps spread apart in a
sentence, and the table's new entries made in their own form.
"""

from __future__ import annotations

import pytest

from retold.backends.rules import lexical
from retold.backends.rules.backend import phrase
from retold.backends.rules.syntax import Parsed
from retold.models import wordnet
from retold.rewrite.context import sentence_contexts
from retold.segment.splitter import segment

pytestmark = pytest.mark.skipif(
    not wordnet.available(), reason="WordNet (Debian's wordnet-base) not installed"
)


def parsed(text: str) -> Parsed:
    (c,) = sentence_contexts(segment(text))
    return Parsed.of(c.text, c.doc, c.locked)


def test_several_phrase_swaps_come_with_each_left_out_too() -> None:
    # "match" / "game": the gate may refuse the swap, and the other one
    # still rewords the sentence
    out = list(phrase(parsed("The report focused on the match.")))
    assert out == [
        "The report concentrated on the game.",
        "The report focused on the game.",
        "The report concentrated on the match.",
    ]


def test_one_phrase_swap_gives_one_candidate() -> None:
    assert list(phrase(parsed("The minister paid a visit to the hospital."))) == [
        "The minister visited the hospital."
    ]


@pytest.mark.parametrize(
    ("source", "rewrite"),
    [
        ("Such accidents rarely occur at night.", "Such accidents rarely happen at night."),
        ("The mayor expressed concern about the plan.", "The mayor voiced concern about the plan."),
        ("He had a chance to win the title.", "He had an opportunity to win the title."),
        ("The thieves made use of a drill.", "The thieves used a drill."),
        (
            "The officers were paying a visit to the family.",
            "The officers were visiting the family.",
        ),
    ],
)
def test_new_phrase_table_entries(source: str, rewrite: str) -> None:
    assert rewrite in list(phrase(parsed(source)))


def test_swaps_are_spread_apart_first() -> None:
    w = [
        lexical.Swap(4, 9, "quick", "fast", "quick", "fast", "t", 0.9),
        lexical.Swap(10, 19, "decisions", "choices", "decision", "choice", "t", 0.9),
    ]
    text = "The quick decisions to move runners"
    assert lexical._words_between(text, w[0], w[1]) == 0
    assert lexical._words_between(text, w[1], w[0]) == 0


def test_but_becomes_however_in_one_sentence_of_an_article_at_most() -> None:
    from retold.backends import GenerateOptions, create

    text = (
        "The council approved the plan. But residents objected to the noise.\n\n"
        "The mayor signed the order. But the builders were slow to start.\n\n"
        "The road reopened in May. But the bridge stayed closed."
    )
    contexts = sentence_contexts(segment(text))
    proposed = create("rules").candidates_many(contexts, GenerateOptions("medium"))
    opening = [
        k for k, cands in enumerate(proposed) if any(c.text.startswith("However,") for c in cands)
    ]
    assert len(opening) == 1, opening


def test_a_phrase_swap_does_not_repeat_a_word_the_sentence_has() -> None:
    # "an attorney ... the lawyer": the source avoided the repetition
    out = list(phrase(parsed("Murphy, an attorney for the family, said the lawyer was busy.")))
    assert not any("a lawyer" in o for o in out), out
