"""Lexical paraphrase in the rules backend (issue 12), on real sentences with
the real parser, embedder and WordNet: a word is replaced by one that means
the same here, in the source's form; quotations, names, numbers and dates
are never touched; a word whose sense here is not the replacement's keeps
its place.
"""

from __future__ import annotations

import pytest

from retold.backends import GenerateOptions, create
from retold.backends.rules import lexical
from retold.backends.rules.backend import RulesBackend, RulesOptions
from retold.backends.rules.syntax import Parsed
from retold.data import Article
from retold.models import wordnet
from retold.rewrite.context import sentence_contexts
from retold.rewrite.pipeline import rewrite
from retold.segment.splitter import segment

pytestmark = pytest.mark.skipif(
    not wordnet.available(), reason="WordNet (Debian's wordnet-base) not installed"
)


def planned(text: str) -> list[str]:
    """Each sentence of ``text`` with the swaps planned for it made (or as it was)."""
    contexts = sentence_contexts(segment(text))
    parsed = [Parsed.of(c.text, c.doc, c.locked) for c in contexts]
    return [
        lexical.apply(p.text, swaps) or p.text
        for p, swaps in zip(parsed, lexical.plan(parsed), strict=True)
    ]


def one(text: str) -> str:
    (out,) = planned(text)
    return out


@pytest.mark.parametrize(
    ("source", "rewrite"),
    [
        # a verb in its past, from the table (irregular: "bought")
        (
            "The city purchased the old ferry terminal in March.",
            "The city bought the old ferry terminal in March.",
        ),
        # the -s form, and an adjective
        (
            "The agency purchases large boats for the harbor patrol.",
            "The agency buys big boats for the harbor patrol.",
        ),
        # a verb's base form after "to"
        (
            "The governor vowed to protect the fragile wetlands from developers.",
            "The governor vowed to shield the fragile wetlands from developers.",
        ),
        # a one-word verb for a phrasal one, and the reverse, in the past
        (
            "Organisers cancelled the parade because of the storm.",
            "Organisers called off the parade because of the storm.",
        ),
    ],
)
def test_a_word_is_replaced_in_the_source_form(source: str, rewrite: str) -> None:
    assert one(source) == rewrite


def test_an_ing_form_a_plural_and_a_particle_verb_keep_their_form() -> None:
    out = one("Investigators were repairing the damaged cars after the accident.")
    assert out == "Investigators were fixing the damaged automobiles after the accident."
    out = one("Organisers cancelled the parade because of the storm.")
    assert out == "Organisers called off the parade because of the storm."


def test_a_doubled_consonant_is_spelled_from_wordnet() -> None:
    assert lexical._inflect("ban", "VBD") == "banned"
    assert lexical._inflect("ban", "VBG") == "banning"
    assert lexical._inflect("buy", "VBN") == "bought"
    assert lexical._inflect("visit", "VBD") == "visited"
    assert lexical._inflect("company", "NNS") == "companies"
    assert lexical._inflect("child", "NNS") == "children"
    assert lexical._inflect("call off", "VBD") == "called off"


def test_quotations_names_numbers_and_dates_are_never_touched() -> None:
    text = (
        '"We purchased the building because it was cheap," said Mayor Ellen Purchase. '
        "Purchase Holdings bought 40 large boats on Monday, March 3."
    )
    first, second = planned(text)
    assert first.startswith('"We purchased the building because it was cheap,"')
    assert "Ellen Purchase" in first
    assert second.startswith("Purchase Holdings")
    assert "40" in second and "Monday, March 3" in second


@pytest.mark.parametrize(
    ("source", "wrong"),
    [
        # "fire" shoots here; "sack", "axe", "terminate" are its sense of dismissing
        (
            "Police fired tear gas at the crowd after the car crash.",
            ("axed", "sacked", "terminated", "clang"),
        ),
        # a noun compound is a term: "body image" is no "body picture"
        ("She worries about her body image and her weight.", ("picture",)),
        # "following" a diet is keeping to it, not coming after it
        ("She lost weight by following a strict diet.", ("after a", "went down", "travelling")),
        # "reach" a decision needs its object: "arrive" takes none
        ("The jury was unable to reach a unanimous decision.", ("arrive",)),
        # "release" frees prisoners and publishes albums: unsure, left alone
        ("The band released the album the year before.", ("freed", "liberated")),
        # a bare singular noun is an idiom's: "jump ship" is no "jump vessel"
        ("Palace are convinced Bolasie will not jump ship.", ("vessel",)),
        # a rare word is no plain news English: "eschewed"
        ("Could the bombing have been avoided?", ("eschewed",)),
        # a noun the tagger took for a verb: "starts" / "begins", "learning" / "finding out"
        ("Zaha managed just two Premier League starts under David Moyes.", ("begins",)),
        ("His son has learning difficulties.", ("finding",)),
        # "to" belongs to the next verb: no "will try narrow the gap"
        ("McIlroy will seek to narrow the gap on the early leaders.", ("try narrow",)),
        # "died of cancer" is no "passed away of cancer"
        ("The singer died of cancer on Friday.", ("passed away of",)),
        # "very little" is a quantity, not a size
        ("There is very little Liverpool can do to stop him.", ("very small",)),
    ],
)
def test_a_wrong_sense_swap_is_refused(source: str, wrong: tuple[str, ...]) -> None:
    out = one(source)
    assert not any(w in out for w in wrong), out


def test_no_sentence_gets_more_swaps_than_allowed() -> None:
    text = (
        "The agency quickly prohibited large boats, repaired the damaged piers, "
        "purchased new buoys and postponed the difficult dredging."
    )
    contexts = sentence_contexts(segment(text))
    parsed = [Parsed.of(c.text, c.doc, c.locked) for c in contexts]
    (swaps,) = lexical.plan(parsed)
    assert 1 <= len(swaps) <= lexical.PER_SENTENCE


def test_a_swap_is_not_repeated_across_the_article() -> None:
    text = (
        "The city purchased the old ferry terminal in March. "
        "A developer later purchased the land beside it. "
        "The council purchased two buses for the route."
    )
    contexts = sentence_contexts(segment(text))
    parsed = [Parsed.of(c.text, c.doc, c.locked) for c in contexts]
    pairs = [(w.lemma, w.substitute) for swaps in lexical.plan(parsed) for w in swaps]
    assert pairs, "at least one sentence is reworded"
    assert len(pairs) == len(set(pairs))


def test_the_backend_offers_moved_sentences_reworded_too() -> None:
    text = "After the storm, the city purchased the old ferry terminal."
    contexts = sentence_contexts(segment(text))
    (cands,) = create("rules").candidates_many(contexts, GenerateOptions("medium"))
    reworded = {c.text: c.operations for c in cands if "lexical" in c.operations}
    assert "After the storm, the city bought the old ferry terminal." in reworded
    assert any(len(ops) > 1 for ops in reworded.values()), reworded
    # every candidate of a sentence whose swaps could be made carries them
    assert all("purchased" not in c.text for c in cands if "split" not in c.operations)


def test_a_wordnet_verb_must_read_closer_in_context_than_a_table_pair() -> None:
    # WordNet's dominant sense of "challenge" is "dispute", but challenging
    # witnesses is questioning them: the window reads too far (0.90) for a
    # WordNet verb, which needs MIN_WINDOW_VERB
    text = "Defense attorneys challenged the witnesses."
    contexts = sentence_contexts(segment(text))
    parsed = [Parsed.of(c.text, c.doc, c.locked) for c in contexts]
    assert all(w.origin == "paraphrase table" for swaps in lexical.plan(parsed) for w in swaps)
    assert lexical.MIN_WINDOW_VERB > lexical.MIN_WINDOW_WORDNET > lexical.MIN_WINDOW
    # no WordNet synonym at all when switched off
    assert not any(
        w.origin == "WordNet" for swaps in lexical.plan(parsed, wordnet_too=False) for w in swaps
    )


def test_wordnet_gives_a_familiar_synonym_of_an_adjective_and_a_verb() -> None:
    out = one("The panel spent months assessing the huge damage to the harbour.")
    assert "evaluating" in out and "vast" in out, out
    # a rare or stiff word is not offered
    offered = lexical._replacements("countless", "adj", frozenset({"adj"}))
    assert ("myriad", "WordNet") not in offered


def test_the_swaps_can_be_switched_off() -> None:
    text = "The city purchased the old ferry terminal in March."
    contexts = sentence_contexts(segment(text))
    backend = RulesBackend(RulesOptions(lexical=False))
    (cands,) = backend.candidates_many(contexts, GenerateOptions("medium"))
    assert all("lexical" not in c.operations for c in cands)


def test_a_reworded_sentence_passes_the_gate() -> None:
    text = (
        "The city purchased the old ferry terminal in March.\n\n"
        "Engineers repaired the damaged cables after the storm."
    )
    result = rewrite(Article(text=text, id="lexical"))
    reworded = [s for s in result.sentences if "lexical" in s.operations]
    assert reworded, [(s.rewrite, s.reason) for s in result.sentences]
    assert all(s.status == "rewritten" for s in reworded)
