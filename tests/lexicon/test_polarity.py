"""The polarity table of news predicates and the stance of verbs of saying
(issue 11): opposites found, same-pole words and synonyms not taken for
opposites, and the table consistent with itself."""

from __future__ import annotations

import pytest

from retold.lexicon import loader, polarity
from retold.lexicon.polarity import (
    ANTONYM,
    SAYING_STANCES,
    contradiction,
    dimensions,
    poles,
    same_pole,
    saying_stance,
)
from retold.lexicon.reporting import SPEECH_VERBS
from retold.models import wordnet


@pytest.mark.parametrize(
    ("a", "b", "dimension"),
    [
        # the reversed predicates
        ("endorse", "shelve", "decision"),
        ("downgrade", "upgrade", "rank"),
        ("convict", "deadlock", "verdict"),
        ("strengthen", "fade", "direction"),
        ("propose", "oppose", "stance"),
        ("approve", "consider", "decision"),
        # the brief's pairs
        ("rise", "fall", "direction"),
        ("support", "oppose", "stance"),
        ("convict", "acquit", "verdict"),
        ("win", "lose", "outcome"),
        ("open", "close", "access"),
        ("hire", "fire", "employment"),
        ("arrest", "release", "custody"),
        ("ban", "allow", "permission"),
        ("impose", "lift", "restriction"),
        ("confirm", "deny", "assent"),
        ("accept", "reject", "response"),
        ("survive", "die", "life"),
        ("increase", "cut", "direction"),
        ("expand", "shrink", "direction"),
        ("resume", "suspend", "activity"),
        ("raise", "lower", "direction"),
        ("boost", "weaken", "direction"),
        ("ease", "tighten", "restriction"),
        ("refuse", "agree", "response"),
        ("injure", "kill", "harm"),
        ("rise", "unchanged", "direction"),
        ("postpone", "consider", "decision"),
        ("guilty", "innocent", "verdict"),
        ("temporarily", "permanently", "duration"),
        ("publicly", "privately", "visibility"),
        ("step down", "hire", "employment"),
        ("vote for", "vote against", "stance"),
    ],
)
def test_opposite_predicates_contradict_on_their_dimension(a: str, b: str, dimension: str) -> None:
    assert contradiction(a, b) == dimension
    assert contradiction(b, a) == dimension


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("rise", "climb"),
        ("fall", "decline"),
        ("refuse", "decline"),  # "decline" is both: it shares a pole with each
        ("fall", "refuse"),  # ... and they are not opposites of each other
        ("cut", "reduce"),
        ("reject", "turn down"),
        ("reject", "deny"),
        ("criticize", "oppose"),
        ("ease", "lift"),  # "ease the ban" / "lift the ban": both loosen
        ("dismiss", "drop"),  # "dismissed the charges" / "dropped the charges"
        ("shelve", "postpone"),
        ("injure", "survive"),  # both may be true of one person
        ("charge", "convict"),  # different facts, but not opposites
        ("rise", "rise"),
    ],
)
def test_same_pole_words_and_unrelated_ones_do_not_contradict(a: str, b: str) -> None:
    assert contradiction(a, b) is None
    assert contradiction(b, a) is None


def test_same_pole_names_the_shared_dimension() -> None:
    assert same_pole("rise", "soar") == "direction"
    assert same_pole("decline", "refuse") == "response"
    assert same_pole("decline", "plunge") == "direction"
    assert same_pole("rise", "fall") is None
    assert same_pole("rise", "banana") is None


def test_lookups_fold_case_and_hyphens() -> None:
    assert poles("Step-Down") == poles("step down") == {("employment", "quit")}
    assert poles("no such word") == frozenset()
    assert contradiction("LAY-OFF", "hire") == "employment"


def test_unknown_words_do_not_contradict() -> None:
    assert contradiction("banana", "bicycle") is None
    assert contradiction("banana", "rise") is None


@pytest.mark.skipif(not wordnet.available(), reason="WordNet (wordnet-base) not installed")
def test_wordnet_antonyms_are_the_second_source() -> None:
    # neither word is in the table; WordNet calls them direct antonyms
    assert not poles("visible") and not poles("invisible")
    assert contradiction("visible", "invisible") == ANTONYM
    # the table wins: words that share a pole are not opposites, whatever
    # WordNet says of them
    assert contradiction("rise", "fall") == "direction"


def test_the_table_is_consistent() -> None:
    rows = loader.entries("predicate_polarity")
    assert len(rows) >= 400
    assert 20 <= len(dimensions()) <= 50
    for lemma, tags in rows:
        pairs = [tag.split(":") for tag in tags.split()]
        assert pairs, lemma
        assert all(len(p) == 2 and all(p) for p in pairs), lemma
        seen = [d for d, _ in pairs]
        # no lemma on two poles of one dimension (it would contradict itself)
        assert len(seen) == len(set(seen)), lemma
        assert lemma == lemma.lower().strip(), lemma


def test_every_dimension_has_two_poles_at_least() -> None:
    by_dimension: dict[str, set[str]] = {}
    for lemma, _ in loader.entries("predicate_polarity"):
        for dimension, pole in poles(lemma):
            by_dimension.setdefault(dimension, set()).add(pole)
    lonely = sorted(d for d, ps in by_dimension.items() if len(ps) < 2)
    assert lonely == []


# ------------------------------------------------------------ verbs of saying


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("warn", "caution", True),
        ("say", "tell", True),
        ("say", "note", True),
        ("admit", "concede", True),
        ("say", "claim", False),
        ("say", "allege", False),
        ("say", "deny", False),
        ("say", "admit", False),
        ("say", "warn", False),
    ],
)
def test_saying_stance(a: str, b: str, same: bool) -> None:
    stance_a, stance_b = saying_stance(a), saying_stance(b)
    assert stance_a is not None and stance_b is not None
    assert (stance_a == stance_b) is same


def test_every_verb_of_saying_has_one_stance() -> None:
    for lemma, tags in loader.entries("reporting_verbs"):
        stances = [t for t in tags.split() if t in SAYING_STANCES]
        assert len(stances) == 1, lemma
    assert all(saying_stance(v) is not None for v in SPEECH_VERBS)
    assert saying_stance("rise") is None


def test_the_stance_tags_left_the_other_tags_alone() -> None:
    # the file is shared: its own lists read as before
    assert "say" in loader.tagged("reporting_verbs", "plain")
    assert "find" in loader.tagged("reporting_verbs", "that")
    assert "find" not in loader.tagged("reporting_verbs", "speech")
    assert "dispute" not in loader.tagged("reporting_verbs", "speech")


def test_a_lemma_with_an_e_too_many_finds_its_poles() -> None:
    assert polarity.poles("deadlocke") == polarity.poles("deadlock") != frozenset()
    assert polarity.contradiction("convict", "deadlocke") == "verdict"


def test_a_word_that_ends_in_e_is_read_as_itself() -> None:
    assert polarity.poles("rise") == frozenset({("direction", "up")})
    assert polarity.poles("nonexistente") == frozenset()
