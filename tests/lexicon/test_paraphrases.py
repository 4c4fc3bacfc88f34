"""The paraphrase table (issue 11): the equivalences news rewrites use,
symmetric, one sense a group, and no pair of opposites among them."""

from __future__ import annotations

import itertools

import pytest

from retold.lexicon import loader
from retold.lexicon.paraphrases import (
    Found,
    equivalent,
    find,
    max_words,
    normalize,
    phrases,
    phrases_for,
)
from retold.lexicon.polarity import contradiction


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # the faithful lines
        ("avoid", "shy away from"),
        ("support", "be in favor of"),
        ("agreement", "deal"),
        ("warn", "caution"),
        ("one-day", "single-day"),
        ("later", "afterwards"),
        ("hours later", "several hours afterwards"),
        ("large", "big"),
        ("bill", "legislation"),
        ("announce her intention to", "say would"),
        ("cap at", "hold to no more than"),
        ("do n't make", "make no"),
        ("do not make any", "make no"),
        ("share", "stock"),
        ("rise", "climb"),
        ("first", "opening"),
        ("not say anything", "say nothing"),
        ("step down", "resign"),
        ("reach agreement", "strike a deal"),
        ("criticize", "criticise"),
    ],
)
def test_news_paraphrases_are_equivalent_both_ways(a: str, b: str) -> None:
    assert equivalent(a, b)
    assert equivalent(b, a)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("spokesman", "spokeswoman"),  # each is "spokesperson", not each other
        ("fire", "free"),  # both "let go", in two senses
        ("bill", "law"),
        ("rise", "fall"),
        ("agreement", "disagreement"),
        ("make", "make no"),
        ("", ""),
    ],
)
def test_different_things_are_not_equivalent(a: str, b: str) -> None:
    assert not equivalent(a, b)
    assert not equivalent(b, a)


def test_normalize() -> None:
    assert normalize("DO n't  make-up THE") == "not make up"
    assert normalize("announce her intention to") == "announce intention to"
    assert normalize("do the work") == "do work"  # "do" stays unless "not" follows


def test_phrases_for() -> None:
    assert {"agreement", "accord", "pact"} <= phrases_for("deal")
    assert "deal" not in phrases_for("deal")
    assert phrases_for("no such phrase") == frozenset()
    assert "shy away from" in phrases()
    assert max_words() >= 4


def test_equivalence_is_symmetric_over_the_whole_table() -> None:
    every = sorted(phrases())
    for phrase in every:
        for other in phrases_for(phrase):
            assert equivalent(other, phrase), (phrase, other)
            assert phrase in phrases_for(other), (phrase, other)


def test_no_group_holds_two_opposites() -> None:
    for head, rest in loader.entries("paraphrases"):
        group = [head, *rest.split("|")]
        for a, b in itertools.combinations((m.strip() for m in group), 2):
            found = contradiction(a, b)
            assert found is None, (head, a, b, found)


def test_every_group_has_two_members_and_no_empty_one() -> None:
    for head, rest in loader.entries("paraphrases"):
        members = [m.strip() for m in rest.split("|")]
        assert members and all(members), head
        assert normalize(head) == head, head  # stored as the table compares


def test_find_reads_phrases_in_a_sentence_of_lemmas() -> None:
    sentence = "the coach do not make any excuse after the loss"
    lemmas = sentence.split()
    found = find(lemmas)
    assert Found(3, 6, "not make any") in found
    assert all(" ".join(lemmas[f.start : f.end]) for f in found)


def test_find_lets_an_object_stand_inside_a_verb_phrase_only_when_asked() -> None:
    sentence = "police take a 24 - year - old man into custody"
    lemmas = sentence.split()
    assert not [f for f in find(lemmas) if f.phrase == "take into custody"]
    (hit,) = [f for f in find(lemmas, max_gap=7) if f.phrase == "take into custody"]
    assert (hit.start, hit.end, hit.gap) == (1, 11, 7)
    assert equivalent(hit.phrase, "arrest")


def test_find_on_nothing() -> None:
    assert find([]) == ()
    assert find(["the", "a"]) == ()
