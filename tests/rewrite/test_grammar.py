"""The grammaticality check before the gate (issue 12, item 1): each rule on a
broken rewrite and its good twin, with spaCy's real parse; and the gate
rejecting a broken candidate for the next one, the reason in the JSON."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from retold.backends import Backend, Candidate
from retold.backends.base import GenerateOptions, SentenceContext
from retold.data import Article
from retold.errors import OptionsError
from retold.rewrite import RewriteOptions, rewrite
from retold.rewrite.grammar import CODES, check, check_many
from retold.rewrite.rank import RankOptions, word_change
from retold.rewrite.result import KEPT, REWRITTEN


def codes(
    source: str, text: str, operations: Sequence[str] = (), backend: str = "rules"
) -> set[str]:
    return {f.code for f in check(source, Candidate(text, backend, tuple(operations)))}


# (code, source, broken rewrite, good twin, operations): each broken rewrite
# has the defect blind readers labelled "broken"; its twin is the same
# transformation done right.
CASES = [
    (
        "G101",
        "The council approved the plan on Tuesday, and the mayor signed it.",
        "The council approved the plan on Tuesday the mayor signed it.",
        "The council approved the plan on Tuesday. The mayor signed it.",
        ("split",),
    ),
    (
        "G102",
        "Officials said the bridge would open in May.",
        "The bridge would open in May, said.",
        "The bridge would open in May, officials said.",
        ("said_to_end",),
    ),
    (
        "G103",
        "The council approved the plan after a long debate.",
        "After a long debate, the council approved.",
        "After a long debate, the council approved the plan.",
        ("back_to_front",),
    ),
    (
        "G104",
        "The authors do not agree with the findings.",
        "The authors they do not agree with the findings.",
        "The authors do not agree with the findings, however.",
        ("phrase",),
    ),
    (
        "G111",
        "The council approved the new bridge on Tuesday.",
        "On Tuesday, the council approved the bridge.",
        "On Tuesday, the council approved the new bridge.",
        ("back_to_front",),
    ),
    (
        "G112",
        "The council approved the plan on Tuesday.",
        "On Tuesday, the the council approved the plan.",
        "On Tuesday, the council approved the plan.",
        ("back_to_front",),
    ),
    (
        "G121",
        "Calder Crossing Ltd., the consortium, is building the bridge.",
        "Calder Crossing Ltd., who is the consortium, is building the bridge.",
        "Calder Crossing Ltd., which is the consortium, is building the bridge.",
        ("relative_to_apposition",),
    ),
    (
        "G121",
        "Anna Reyes, a lawyer, said the deal was fair.",
        "Anna Reyes, which is a lawyer, said the deal was fair.",
        "Anna Reyes, who is a lawyer, said the deal was fair.",
        ("relative_to_apposition",),
    ),
    (
        "G131",
        "The league was won by Celtic on Saturday.",
        "On Saturday, The league was won by Celtic.",
        "On Saturday, the league was won by Celtic.",
        ("back_to_front",),
    ),
    (
        "G133",
        "Raheem Sterling should focus on his football, according to Harry Redknapp.",
        "According to Harry Redknapp, raheem Sterling should focus on his football.",
        "According to Harry Redknapp, Raheem Sterling should focus on his football.",
        ("according_to_front",),
    ),
    (
        "G133",
        "Sterling (left) started the game on Saturday despite his injury.",
        "Despite his injury, sterling (left) started the game on Saturday.",
        "Despite his injury, Sterling (left) started the game on Saturday.",
        ("back_to_front",),
    ),
    (
        "G132",
        "The bridge will open in May, officials said.",
        "officials said the bridge will open in May.",
        "Officials said the bridge will open in May.",
        ("said_to_front",),
    ),
    (
        "G141",
        "The council approved the plan on Tuesday.",
        "On Tuesday,, the council approved the plan.",
        "On Tuesday, the council approved the plan.",
        ("back_to_front",),
    ),
    (
        "G141",
        "The council approved the plan on Tuesday.",
        "On Tuesday , the council approved the plan.",
        "On Tuesday, the council approved the plan.",
        ("back_to_front",),
    ),
    (
        "G142",
        'The mayor called the plan "a disaster" on Tuesday.',
        'On Tuesday, the mayor called the plan "a disaster.',
        'On Tuesday, the mayor called the plan "a disaster."',
        ("back_to_front",),
    ),
    (
        "G142",
        "The council (which met on Tuesday) approved the plan.",
        "The council (which met on Tuesday approved the plan.",
        "The council (which met on Tuesday) backed the plan.",
        ("lexical",),
    ),
    (
        "G151",
        "The winner will collect $5 million, meaning the prize is the largest ever.",
        "The winner will collect $5 million. Meaning the prize is the largest ever.",
        "The winner will collect $5 million. That means the prize is the largest ever.",
        ("split",),
    ),
    (
        "G151",
        "The team won the cup on Saturday after a long season.",
        "After a long season on Saturday.",
        "After a long season, the team won the cup on Saturday.",
        ("back_to_front",),
    ),
    (
        "G151",
        "Police are suggesting his injuries occurred after his arrest, and that he may not "
        "have received proper medical attention.",
        "His injuries occurred after his arrest, and that he may not have received proper "
        "medical attention, police are suggesting.",
        "His injuries occurred after his arrest, and he may not have received proper "
        "medical attention, police are suggesting.",
        ("said_to_end",),
    ),
    (
        "G102",
        "Iowa has about 60 million laying hens, according to the Iowa Egg Council, and is "
        "the top egg producer in the country.",
        "According to the Iowa Egg Council and is the top egg producer in the country, Iowa "
        "has about 60 million laying hens.",
        "According to the Iowa Egg Council, Iowa has about 60 million laying hens and is "
        "the top egg producer in the country.",
        ("according_to_front",),
    ),
    (
        "G152",
        "But defender Grant Hall scored an own goal just after half-time.",
        "An own goal was scored by but defender Grant Hall just after half-time.",
        "But an own goal was scored by defender Grant Hall just after half-time.",
        ("to_passive",),
    ),
    (
        "G152",
        "The fans waited for hours in the rain.",
        "In the rain, the fans waited for.",
        "In the rain, the fans waited for hours.",
        ("back_to_front",),
    ),
]


def test_every_code_has_a_case() -> None:
    assert {c[0] for c in CASES} == set(CODES)


@pytest.mark.parametrize(("code", "source", "broken", "good", "ops"), CASES)
def test_a_rule_rejects_the_broken_rewrite_and_passes_its_twin(
    code: str, source: str, broken: str, good: str, ops: tuple[str, ...]
) -> None:
    assert code in codes(source, broken, ops), broken
    assert codes(source, good, ops) == set(), good


# Rewrites blind readers judged good (or that read whole) on which the parser
# misreads something: none may be rejected.
WHOLE = [
    (
        "Isco, a second-half substitute against Atletico on Tuesday, keeps the ball.",
        "Isco, who is a second-half substitute against Atletico on Tuesday, keeps the ball.",
        ("relative_to_apposition",),
    ),
    (
        "The rights to operate it were purchased by a consortium of villages, he said.",
        "He said the rights to operate it were bought by a consortium of villages.",
        ("said_to_front", "that_drop", "lexical"),
    ),
    (
        "Brazilian Silva takes the ball forward as Pepe (right) watches on .",
        "As Pepe (right) watches on, Brazilian Silva takes the ball forward.",
        ("back_to_front",),
    ),
    (
        "Pardew added: 'It will have to be a very, very big fee.'",
        "'It will have to be a very, very big fee,' added Pardew.",
        ("quote_to_front", "swap_said_subject"),
    ),
    (
        "Gray was arrested by police on April 12.",
        "On April 12, Gray was arrested by police.",
        ("back_to_front",),
    ),
    (
        "During World War I, soldiers would take refuge in the carved-out rooms.",
        "Soldiers would take refuge in the carved-out rooms during World War I.",
        ("front_to_back",),
    ),
]


@pytest.mark.parametrize(("source", "rewrite", "ops"), WHOLE)
def test_a_whole_rewrite_that_the_parser_misreads_passes(
    source: str, rewrite: str, ops: tuple[str, ...]
) -> None:
    assert codes(source, rewrite, ops) == set()


def test_a_fragment_of_the_source_is_not_the_rewrites_fault() -> None:
    # a caption without a finite verb, and a headline without a capital in it
    caption = "Police officers outside the court in London on Tuesday ."
    assert codes(caption, "Outside the court in London on Tuesday, police officers.") == set()


def test_a_phrase_swap_may_replace_the_words_the_table_lists() -> None:
    source = "In spite of the rain, the match went ahead."
    assert codes(source, "Despite the rain, the match went ahead.", ("phrase",)) == set()
    # the same words lost without the swap that claims them
    assert "G111" in codes(source, "Despite the rain, the match went ahead.", ("front_to_back",))


def test_a_swap_of_the_main_verb_that_the_parser_misreads_is_no_fragment() -> None:
    # spaCy reads "perish" here as a noun: no finite verb left, by its parse
    source = "Birds that are sick die quickly, according to Clifford."
    rewrite = "According to Clifford, birds that are sick perish rapidly."
    assert codes(source, rewrite, ("back_to_front", "lexical")) == set()


def test_a_language_model_may_reword_one_word_for_another() -> None:
    source = "The council approved the plan on Tuesday."
    assert codes(source, "The council backed the plan on Tuesday.", (), "smollm") == set()
    # but a word dropped without a replacement is lost
    assert "G111" in codes(source, "The council approved on Tuesday.", (), "smollm")


def test_flaws_carry_a_code_a_kind_and_a_message() -> None:
    (flaw,) = check(
        "The council approved the new bridge on Tuesday.",
        Candidate("On Tuesday, the council approved the bridge.", "rules", ("back_to_front",)),
    )
    assert (flaw.code, flaw.kind) == ("G111", "word-lost")
    assert str(flaw) == "G111 lost 'new'"


def test_check_many_reuses_a_parse_given_and_parses_the_rest() -> None:
    from retold.models.parser import parse

    source = "The council approved the new bridge on Tuesday."
    doc = parse(source)
    pairs = [
        (source, Candidate("On Tuesday, the council approved the new bridge.", "rules")),
        (source, Candidate("On Tuesday, the council approved the bridge.", "rules")),
    ]
    assert [len(f) for f in check_many(pairs, [doc, None])] == [0, 1]
    with pytest.raises(OptionsError, match="one parse per pair"):
        check_many(pairs, [doc])


# ------------------------------------------------------------------ the gate


class _Proposes(Backend):
    """A real backend that proposes fixed candidates for one sentence."""

    name = "test-grammar"

    def __init__(self, proposals: dict[str, tuple[str, ...]]) -> None:
        self.proposals = proposals

    def candidates(
        self, context: SentenceContext, options: GenerateOptions
    ) -> tuple[Candidate, ...]:
        return tuple(
            Candidate(t, self.name, ("back_to_front",))
            for t in self.proposals.get(context.text.strip(), ())
        )


SOURCE = "The council approved the new bridge on Tuesday."
ARTICLE = Article(text=f"{SOURCE} Work starts in the spring.", id="g")


def test_the_gate_rejects_a_broken_candidate_and_takes_the_next() -> None:
    backend = _Proposes(
        {
            SOURCE: (
                # ranked first: it changes more words, but one is lost
                "On Tuesday, the council approved the bridge.",
                "On Tuesday, the council approved the new bridge.",
            )
        }
    )
    # ranked by change alone, the candidate that lost a word comes first
    ranking = RankOptions(meaning_weight=0.0, change_weight=1.0)
    result = rewrite(ARTICLE, RewriteOptions(backends=(backend,), rank=ranking, alternatives=0))
    first = result.sentences[0]
    assert first.status == REWRITTEN
    assert first.rewrite == "On Tuesday, the council approved the new bridge."


def test_a_sentence_whose_candidates_all_read_broken_is_kept_with_the_codes() -> None:
    backend = _Proposes({SOURCE: ("On Tuesday, The council approved the new bridge.",)})
    result = rewrite(ARTICLE, RewriteOptions(backends=(backend,), alternatives=0))
    first = result.to_json()["sentences"][0]
    assert first["status"] == KEPT
    assert first["rewrite"] == SOURCE
    assert first["reason"].startswith("every candidate failed the audit or the grammar check")
    assert "grammar: G131 'The': a capital inside the sentence" in first["reason"]


def test_a_broken_candidate_is_never_offered_as_an_alternative() -> None:
    chosen, broken, good = (
        "On Tuesday the council approved the new bridge.",
        "On Tuesday, The council approved the new bridge.",
        "On Tuesday, the council approved the new bridge.",
    )
    # the same words: ranked alike, so in the order of their texts
    assert len({word_change(SOURCE, c) for c in (chosen, broken, good)}) == 1
    assert sorted((chosen, broken, good)) == [chosen, broken, good]
    backend = _Proposes({SOURCE: (good, broken, chosen)})
    ranking = RankOptions(meaning_weight=0.0, change_weight=1.0)
    result = rewrite(ARTICLE, RewriteOptions(backends=(backend,), rank=ranking, alternatives=2))
    first = result.sentences[0]
    assert first.rewrite == chosen
    assert [a.text for a in first.alternatives] == [good]
