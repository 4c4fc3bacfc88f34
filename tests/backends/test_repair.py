"""Repair of language-model paraphrases (issue 12, item 3), on real sentences
with the real parser and fact analyser: the model-like outputs below are the
kinds of change SmolLM2 makes to a locked fact ("7" -> "seven", a name cut to
its surname or given another's, "$4.2 million" -> "4.2 million dollars",
"last Tuesday" -> "Tuesday", a quotation that lost words). Repair puts the
source span back in the model's rendering's place, never anything else, and
discards a candidate that dropped a locked fact.
"""

from __future__ import annotations

import re

import pytest

from retold.backends import GenerateOptions
from retold.backends.base import Candidate, SentenceContext
from retold.backends.repair import repair, repair_candidate
from retold.rewrite.context import sentence_contexts
from retold.rewrite.control import lock_frozen
from retold.segment.splitter import segment


def context(source: str, frozen: tuple[str, ...] = ()) -> SentenceContext:
    (only,) = lock_frozen(sentence_contexts(segment(source)), frozen)
    return only


def fixed(source: str, output: str, frozen: tuple[str, ...] = ()) -> Candidate | None:
    proposed = Candidate(output, "smollm", ("smollm-prompt-1",))
    return repair_candidate(context(source, frozen), proposed, GenerateOptions(frozen=frozen))


# source, the model's output, the repaired candidate, the repairs it records
REPAIRED = [
    pytest.param(
        "Police said 7 people were hurt in the crash on Monday.",
        "Police said seven people were injured in the crash on Monday.",
        "Police said 7 people were injured in the crash on Monday.",
        ("repair:number",),
        id="number-spelled-out",
    ),
    pytest.param(
        "Donald J. Trump told reporters in Ohio that he would run again.",
        "Trump told reporters in Ohio he would run again.",
        "Donald J. Trump told reporters in Ohio he would run again.",
        ("repair:person",),
        id="name-cut-to-surname",
    ),
    pytest.param(
        "Donald J. Trump will meet the Republican candidates in Iowa.",
        "Donald J. November is going to meet the Republican candidates in Iowa.",
        "Donald J. Trump is going to meet the Republican candidates in Iowa.",
        ("repair:person",),
        id="name-torn",
    ),
    pytest.param(
        "The city paid $4.2 million for the land, officials said.",
        "Officials said the city spent 4.2 million dollars on the land.",
        "Officials said the city spent $4.2 million on the land.",
        ("repair:number",),
        id="currency-sign-to-word",
    ),
    pytest.param(
        "The council voted last week to close the library.",
        "The council decided this week to shut the library.",
        "The council decided last week to shut the library.",
        ("repair:date",),
        id="relative-date-changed",
    ),
    pytest.param(
        "The attack began on Oct. 7 near the border, officials said.",
        "Officials said that the attack started on October 7th near the border.",
        "Officials said that the attack started on Oct. 7 near the border.",
        ("repair:date",),
        id="date-spelled-out",
    ),
    pytest.param(
        "Donald J. Trump told reporters in Ohio that he would run again.",
        "He told reporters in Ohio he would run again.",
        "Donald J. Trump told reporters in Ohio he would run again.",
        ("repair:person",),
        id="name-made-a-pronoun-in-its-place",
    ),
    pytest.param(
        '"We will rebuild every home in this town," the mayor said on Friday.',
        '"We will rebuild every home," the mayor told reporters on Friday.',
        '"We will rebuild every home in this town," the mayor told reporters on Friday.',
        ("repair:quote",),
        id="quotation-lost-words",
    ),
    pytest.param(
        "Seven people died in the fire on Monday, the fire chief said.",
        "On Monday, 7 people died in the fire, according to the fire chief.",
        "On Monday, seven people died in the fire, according to the fire chief.",
        ("repair:number",),
        id="number-word-moved-inside",
    ),
    pytest.param(
        "More than 1,200 homes lost power in Denver on Sunday.",
        "About 1200 houses lost power in Denver on Sunday.",
        "More than 1,200 houses lost power in Denver on Sunday.",
        ("repair:number",),
        id="qualifier-changed-with-the-number",
    ),
]


@pytest.mark.parametrize(("source", "output", "expected", "operations"), REPAIRED)
def test_a_changed_locked_fact_is_put_back(
    source: str, output: str, expected: str, operations: tuple[str, ...]
) -> None:
    result = fixed(source, output)
    assert result is not None
    assert result.text == expected
    assert result.operations == ("smollm-prompt-1", *operations)
    ctx = context(source)
    for a, b in ctx.locked:
        span = source[a:b].strip()
        # a number word that began the source may lose its capital inside
        assert span in result.text or (a == 0 and span.lower() in result.text)


def test_a_candidate_that_keeps_every_fact_is_left_alone() -> None:
    source = "The bridge opened in 1932 and carries 160,000 vehicles a day."
    output = "Opened in 1932, the bridge carries 160,000 vehicles a day."
    result = fixed(source, output)
    assert result == Candidate(output, "smollm", ("smollm-prompt-1",))


def test_a_quotations_closing_comma_follows_the_candidate() -> None:
    source = '"I Made a Vow," his third album, came out in 2023.'
    result = fixed(source, 'His third album "I Made a Vow" came out in 2023.')
    assert result == Candidate(
        'His third album "I Made a Vow" came out in 2023.', "smollm", ("smollm-prompt-1",)
    )
    result = fixed(source, 'In 2023 his third album came out: "I Made a Vow."')
    assert result is not None and result.text.endswith('came out: "I Made a Vow."')


def test_a_moved_name_is_put_back_where_the_model_moved_it() -> None:
    source = "Maria Lopez said the bill would pass in March."
    result = fixed(source, "The bill would pass in March, said Lopez.")
    assert result is not None
    assert result.text == "The bill would pass in March, said Maria Lopez."


@pytest.mark.parametrize(
    ("source", "output"),
    [
        pytest.param(
            "The storm killed 12 people in Florida on Sunday.",
            "The storm killed many people.",
            id="place-and-date-dropped",
        ),
        pytest.param(
            "Police said 7 people were hurt in the crash on Monday.",
            "Police said people were hurt in the crash on Monday.",
            id="number-dropped",
        ),
        pytest.param(
            "Donald J. Trump told reporters in Ohio that he would run again.",
            "Reporters in Ohio were told he would run again.",
            id="name-dropped-in-a-passive",
        ),
    ],
)
def test_a_candidate_that_dropped_a_locked_fact_is_discarded(source: str, output: str) -> None:
    assert fixed(source, output) is None


def test_a_frozen_term_the_model_recased_is_put_back() -> None:
    source = "The harbor bridge will close for repairs next month."
    result = fixed(
        source, "The Harbor Bridge is to close next month for repairs.", ("harbor bridge",)
    )
    assert result is not None
    assert result.text == "The harbor bridge is to close next month for repairs."
    assert "repair:frozen" in result.operations


def test_repair_only_substitutes_source_spans() -> None:
    """Every word of a repaired text is the model's or the source's."""
    for param in REPAIRED:
        source, output, _, _ = (str(v) for v in param.values)
        ctx = context(source)
        result = repair(source, ctx.locked, ctx.facts, output)
        assert result.text and result.repaired
        assert _words(result.text) <= _words(source) | _words(output)


def _words(text: str) -> set[str]:
    return set(re.findall(r"\w+", text.lower()))
