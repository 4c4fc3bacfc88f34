"""Tests for retold.summarize: selection rules, options, edge cases, determinism.

Every test runs the real segmenter and the real embedding model. Where a rule
must be shown to hold against a scorer that wants to break it, the test builds
a real :class:`Weights` that favours one feature (for example "starts with a
pronoun"), so the rule, not luck, decides what is chosen.
"""

from __future__ import annotations

import json

import numpy as np
import pytest

from retold import models
from retold.data import Article, Sentence
from retold.errors import EmptyInputError, InputError, OptionsError
from retold.segment.splitter import segment
from retold.summarize.features import FEATURE_NAMES, is_furniture, quote_state, starts_dangling
from retold.summarize.selector import (
    NEAR_DUPLICATE_COSINE,
    SummarizeOptions,
    Summary,
    Weights,
    shipped_weights,
    summarize,
)

HARBOR = """\
By Maria Lopez, Harbor Times

The city council voted 7-2 on Tuesday to close the Harbor Bridge to cars for 18 months while \
engineers replace its corroded steel deck.
The $240 million repair is the largest public works project in the city since 1994.
It will be paid for by a state grant and a bond that voters approved in November.
Mayor Ellen Park said the closure was unavoidable.
"The deck is failing. We cannot ask 40,000 drivers a day to cross it," Park said.
However, shop owners on Front Street fear they will lose customers during the work.
They asked the council for a fund to cover lost sales, which was rejected.
Buses and bicycles will still be allowed on a single lane of the bridge.
Photo: Harbor Times

Read more: How the bridge was built in 1931
The work is scheduled to begin on March 3 and to end in the autumn of next year.
Council member Dan Reyes, who voted against the plan, called it "a gift to contractors."
"""


def weights_favouring(name: str, strength: float = 10.0, redundancy: float = 5.0) -> Weights:
    """A real scorer whose only opinion is that feature ``name`` is good."""
    n = len(FEATURE_NAMES)
    coef = tuple(strength if f == name else 0.0 for f in FEATURE_NAMES)
    return Weights(
        features=FEATURE_NAMES,
        mean=(0.0,) * n,
        scale=(1.0,) * n,
        unigram_coef=coef,
        unigram_intercept=1.0,
        bigram_coef=(0.0,) * n,
        bigram_intercept=0.0,
        redundancy=redundancy,
    )


def chosen_texts(summary: Summary) -> list[str]:
    return [s.text for s in summary.sentences]


def assert_well_formed(article: Article, summary: Summary) -> None:
    sents = segment(article.text)
    assert len(summary.scores) == len(sents)
    indices = [s.index for s in summary.sentences]
    assert indices == sorted(set(indices))
    picked = set(indices)
    for s in summary.sentences:
        assert article.text[s.start : s.end] == s.text
        assert s.score == summary.scores[s.index]
        assert not is_furniture(s.text)
        if s.index > 0 and starts_dangling(s.text):
            assert s.index - 1 in picked, f"dangling without its antecedent: {s.text!r}"


# --- the selection rules ----------------------------------------------------


@pytest.mark.parametrize("k", [1, 2, 3, 4, 5])
def test_real_article_summary_is_well_formed(k: int) -> None:
    article = Article(HARBOR, id="harbor")
    summary = summarize(article, SummarizeOptions(sentences=k))
    assert_well_formed(article, summary)
    assert len(summary.sentences) == k
    assert all(0.0 <= x <= 1.0 for x in summary.scores)


def test_news_summary_leads_with_the_news() -> None:
    summary = summarize(Article(HARBOR), SummarizeOptions(sentences=3))
    assert any("voted 7-2" in t for t in chosen_texts(summary))


def test_pronoun_opener_comes_with_its_antecedent_or_not_at_all() -> None:
    article = Article(HARBOR)
    favour = weights_favouring("starts_dangling")
    texts = [s.text for s in segment(article.text)]
    it = next(i for i, t in enumerate(texts) if t.startswith("It will be paid"))

    one = summarize(article, SummarizeOptions(sentences=1), weights=favour)
    assert len(one.sentences) == 1
    assert not starts_dangling(one.sentences[0].text)

    two = summarize(article, SummarizeOptions(sentences=2), weights=favour)
    assert_well_formed(article, two)
    # The scorer loves every dangling opener; the best that fits in two
    # sentences is a dangling one with the sentence before it.
    assert [s.index for s in two.sentences] in ([it - 1, it], *_pairs_before_dangling(texts))


def _pairs_before_dangling(texts: list[str]) -> list[list[int]]:
    return [[i - 1, i] for i, t in enumerate(texts) if i > 0 and starts_dangling(t)]


def test_near_duplicates_are_not_both_chosen() -> None:
    # Few shared words, same meaning: only the embedding check can tell.
    text = (
        "Flooding forced 2,000 residents from their homes in the river valley on Sunday.\n"
        "On Sunday, floods drove some 2,000 people in the river valley out of their homes.\n"
        "Volunteers filled sandbags through the night near the old mill.\n"
        "The army sent soldiers and boats to help.\n"
    )
    sents = segment(text)
    assert len(sents) == 4
    vectors = models.embedder().encode([s.text for s in sents[:2]])
    assert float(vectors[0] @ vectors[1]) >= NEAR_DUPLICATE_COSINE  # the premise
    # Without a redundancy price the scorer wants exactly the two repeats.
    favour = weights_favouring("has_number", redundancy=0.0)
    summary = summarize(Article(text), SummarizeOptions(sentences=2), weights=favour)
    indices = [s.index for s in summary.sentences]
    assert len(indices) == 2
    assert not {0, 1} <= set(indices)


def test_exact_repeat_is_not_chosen_twice() -> None:
    line = "The museum will reopen on June 1 after a two-year renovation costing $12 million."
    text = (
        f"{line}\nVisitors will find a new wing for modern art.\n{line}\nTickets go on sale in May."
    )
    summary = summarize(Article(text), SummarizeOptions(sentences=2))
    assert chosen_texts(summary).count(line) == 1


def test_bylines_captions_and_links_are_never_chosen() -> None:
    article = Article(HARBOR)
    for favoured in ("inverse_position", "short", "has_number", "relative_position"):
        for k in (1, 3, 6):
            summary = summarize(
                article, SummarizeOptions(sentences=k), weights=weights_favouring(favoured)
            )
            texts = chosen_texts(summary)
            assert "By Maria Lopez, Harbor Times" not in texts
            assert "Photo: Harbor Times" not in texts
            assert not any(t.startswith("Read more") for t in texts)
            assert len(texts) == k


def test_furniture_scores_zero() -> None:
    article = Article(HARBOR)
    summary = summarize(article)
    for s, score in zip(segment(article.text), summary.scores, strict=True):
        if is_furniture(s.text):
            assert score == 0.0


def sentences_at(text: str, cuts: list[int]) -> tuple[Sentence, ...]:
    """The sentences of ``text`` cut at the given offsets (spaces trimmed)."""
    out = []
    for start, end in zip([0, *cuts], [*cuts, len(text)], strict=True):
        while text[start].isspace():
            start += 1
        while text[end - 1].isspace():
            end -= 1
        out.append(Sentence(text[start:end], start, end, len(out)))
    return tuple(out)


def assert_quotation_whole(text: str, sents: tuple[Sentence, ...], quote: list[int]) -> None:
    middle = next(i for i in quote if "40 families" in sents[i].text)
    favour = weights_favouring("has_number")
    for k in range(1, 5):
        summary = summarize(Article(text), SummarizeOptions(sentences=k), sents, weights=favour)
        picked = {s.index for s in summary.sentences}
        assert picked.isdisjoint(quote) or set(quote) <= picked, (k, picked, quote)
        if k >= len(quote):
            assert middle in picked  # the favourite was taken, with its whole quotation


def test_quotation_cut_into_sentences_is_kept_whole() -> None:
    text = (
        "Flood waters reached the old town on Sunday night. "
        "The river rose faster than forecasters had expected. "
        "\u201cWe will rebuild. Every one of the 40 families will get help. "
        "Nobody will be left behind,\u201d the mayor said on Monday. "
        "Schools will stay closed until Wednesday."
    )
    cuts = [text.index(x) for x in ("The river", "\u201cWe", "Every", "Nobody", "Schools")]
    sents = sentences_at(text, cuts)
    assert_quotation_whole(text, sents, [2, 3, 4])


def test_quotation_over_paragraphs_is_kept_whole() -> None:
    text = (
        "Flood waters reached the old town on Sunday night.\n\n"
        "\u201cWe will rebuild.\n\n"
        "\u201cEvery one of the 40 families will get help. Nobody will be left behind,\u201d "
        "the mayor said on Monday.\n\n"
        "Schools will stay closed until Wednesday. The river is expected to fall by Friday."
    )
    sents = segment(text)
    quote = [i for i, s in enumerate(sents) if "rebuild" in s.text or "40 families" in s.text]
    assert len(quote) == 2  # the premise: the quotation spans two sentences
    assert_quotation_whole(text, sents, quote)


def test_precomputed_sentences_are_used() -> None:
    text = "Alpha beta gamma delta epsilon rose. Zeta eta theta iota kappa fell. Mu nu xi."
    sents = (
        Sentence(text[:37], 0, 37, 0),
        Sentence(text[38:], 38, len(text), 1),
    )
    summary = summarize(Article(text), SummarizeOptions(sentences=5), sents)
    assert [s.text for s in summary.sentences] == [sents[0].text, sents[1].text]
    assert len(summary.scores) == 2


def test_sentences_that_are_not_spans_of_the_article_are_refused() -> None:
    text = "The bridge will close in May. Buses will run instead."
    wrong = (Sentence("The bridge will close in June.", 0, 30, 0),)
    with pytest.raises(InputError, match="not the span"):
        summarize(Article(text), None, wrong)


# --- short and odd inputs ----------------------------------------------------


def test_k_at_least_the_article_returns_every_sentence() -> None:
    text = (
        "The bakery on Elm Street closed on Friday after 60 years.\n"
        "Its owner, Rosa Diaz, is retiring.\n"
        "A pharmacy will move in next month.\n"
    )
    summary = summarize(Article(text), SummarizeOptions(sentences=10))
    assert chosen_texts(summary) == [s.text for s in segment(text)]


def test_one_sentence_article() -> None:
    text = "The national park will charge a $5 entry fee from next year."
    summary = summarize(Article(text, id="one"))
    assert chosen_texts(summary) == [text]
    assert summary.sentences[0].start == 0 and summary.sentences[0].end == len(text)
    assert summary.to_json()["id"] == "one"


@pytest.mark.parametrize("k", [0, -1])
def test_k_below_one_is_an_options_error(k: int) -> None:
    with pytest.raises(OptionsError, match="at least 1"):
        SummarizeOptions(sentences=k)


@pytest.mark.parametrize(
    ("sentences", "ratio"), [(None, None), (3, 0.0), (3, -0.5), (3, 1.5), (3, float("nan"))]
)
def test_bad_options_are_options_errors(sentences: int | None, ratio: float | None) -> None:
    with pytest.raises(OptionsError) as info:
        SummarizeOptions(sentences=sentences, ratio=ratio)
    assert info.value.hint


def test_ratio_picks_a_share_of_the_sentences() -> None:
    article = Article(HARBOR)
    n = len(segment(article.text))
    summary = summarize(article, SummarizeOptions(ratio=0.5))
    assert len(summary.sentences) == round(0.5 * n)
    assert_well_formed(article, summary)


def test_long_summary_from_a_ratio_follows_the_rules() -> None:
    # Long enough that K = 12 takes the greedy path instead of the set search.
    text = "\n".join(
        [
            HARBOR,
            "Flood waters reached the old town on Sunday night.",
            "The river rose faster than forecasters had expected.",
            "Volunteers filled sandbags through the night near the old mill.",
            "The museum will reopen on June 1 after a two-year renovation.",
            "Its new wing for modern art was paid for by a local family.",
            "The national park will charge a $5 entry fee from next year.",
            "But children under 12 will still get in free.",
            "The bakery on Elm Street closed on Friday after 60 years.",
            "A pharmacy will move in next month.",
        ]
    )
    article = Article(text)
    n = len(segment(text))
    summary = summarize(article, SummarizeOptions(ratio=0.5))
    assert_well_formed(article, summary)
    assert len(summary.sentences) == round(0.5 * n)


@pytest.mark.parametrize("text", ["", "   \n\t  "])
def test_empty_article_is_an_empty_input_error(text: str) -> None:
    with pytest.raises(EmptyInputError):
        summarize(Article(text))


def test_navigation_links_give_an_empty_summary() -> None:
    text = "Home\nNews\nSport\nWeather\nContact us\nPrivacy policy\nScroll to top\n"
    summary = summarize(Article(text, id="nav"))
    assert summary.sentences == ()
    assert summary.scores == (0.0,) * len(segment(text))


# --- output -------------------------------------------------------------------


def test_deterministic_and_json_shape() -> None:
    article = Article(HARBOR, id="h1")
    first = summarize(article, SummarizeOptions(sentences=3)).to_json()
    second = summarize(article, SummarizeOptions(sentences=3)).to_json()
    assert first == second
    assert json.loads(json.dumps(first)) == first
    assert set(first) == {"id", "sentences", "scores"}
    assert set(first["sentences"][0]) == {"index", "text", "start", "end", "score"}
    assert len(first["scores"]) == len(segment(article.text))


def test_shipped_weights_match_the_features() -> None:
    weights = shipped_weights()
    assert weights.features == FEATURE_NAMES
    assert Weights.from_json(weights.to_json()) == weights


# --- text cues ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("He said the plan would work.", True),
        ("But the mayor disagreed.", True),
        ("However, the mayor disagreed.", True),
        ("Also on the agenda was a new school.", True),
        ("This means the bridge will close.", True),
        ("In addition, the city will pay for buses.", True),
        ("\u201cIt was over in seconds,\u201d she said.", True),
        ("It's the third closure this year.", True),
        ("This year, prices rose by 5 percent.", False),
        ("Those who attended cheered.", False),
        ("Hewlett-Packard said profits fell.", False),
        ("So-called experts disagreed.", False),
        ("Butter prices rose.", False),
        ("Theresa May spoke on Monday.", False),
        ("The singer died on Friday.", False),
    ],
)
def test_starts_dangling(text: str, expected: bool) -> None:
    assert starts_dangling(text) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("By John Smith, CNN", True),
        ("By . Daily Mail Reporter .", True),
        ("By John Smith and Jane Doe for MailOnline", True),
        ("Photo: Reuters", True),
        ("Read more: How the bridge was built", True),
        ("Scroll down for video", True),
        ("Follow us on Twitter @harbortimes", True),
        ("CNN's Jane Doe contributed to this report.", True),
        ("PUBLISHED: 12:01 GMT, 7 April 2015", True),
        ("Contact us", True),
        ("By the end of the year, prices rose 5 percent.", False),
        ("By Tuesday, the storm had passed.", False),
        ("See how the market reacted in 2008, when prices fell.", False),
        ("The mayor said the bridge will reopen in May.", False),
    ],
)
def test_is_furniture(text: str, expected: bool) -> None:
    assert is_furniture(text) is expected


@pytest.mark.parametrize(
    ("text", "closes", "opens"),
    [
        ("\u201cWe will rebuild.", False, True),
        ("Nobody will be left behind,\u201d the mayor said.", True, False),
        ('"It is over," she said.', False, False),
        ("'We lost everything.", False, True),
        ("We lost everything,' she said.", True, False),
        ("The players' union objected to Smith's 'unfair' remarks.", False, False),
        ("Don't stop now.", False, False),
    ],
)
def test_quote_state(text: str, closes: bool, opens: bool) -> None:
    state = quote_state(text)
    assert (state.closes_earlier, state.left_open) == (closes, opens)


# --- the embedding model --------------------------------------------------------


def test_embedder_gives_unit_vectors_that_track_meaning() -> None:
    texts = [
        "The council approved the new budget on Tuesday.",
        "On Tuesday, councillors passed the new budget.",
        "A rare bird was seen near the lighthouse.",
    ]
    vectors = models.embedder().encode(texts)
    assert vectors.shape == (3, models.embedder().dimension)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert float(vectors[0] @ vectors[1]) > float(vectors[0] @ vectors[2]) + 0.3
    assert models.embedder().encode([]).shape == (0, models.embedder().dimension)
    assert models.embedder() is models.embedder()


def test_the_headline_is_never_a_key_sentence() -> None:
    from retold.ingest.loader import article_from_text

    text = (
        "Council Approves New Budget for City Parks\n\n"
        "The city council approved a $12 million budget for parks on Tuesday. "
        "The vote was 7 to 2. Mayor Ana Ruiz said the money would fund 14 new playgrounds. "
        "Work begins in March.\n"
    )
    article = article_from_text(text)
    assert article.title == "Council Approves New Budget for City Parks"
    chosen = summarize(article, SummarizeOptions(sentences=10)).sentences
    assert chosen and all(s.text != article.title for s in chosen)


# ---------------------------------------------------------------- issue 15


def _dense_tfidf(texts: list[str]) -> np.ndarray:
    """The TF-IDF rows as the summarizer built them before issue 15: dense."""
    import math
    import re
    from collections import Counter

    from retold.lexicon.stopwords import TFIDF_STOP_WORDS

    bags = [
        Counter(t for t in re.findall(r"[a-z0-9]+", s.lower()) if t not in TFIDF_STOP_WORDS)
        for s in texts
    ]
    df: Counter[str] = Counter()
    for bag in bags:
        df.update(bag.keys())
    n = len(texts)
    vocab = {w: j for j, w in enumerate(df)}
    m = np.zeros((n, max(len(vocab), 1)))
    for i, bag in enumerate(bags):
        for w, c in bag.items():
            m[i, vocab[w]] = (1.0 + math.log(c)) * math.log((n + 1) / (df[w] + 0.5))
    return m / np.maximum(np.linalg.norm(m, axis=1, keepdims=True), 1e-12)


def test_sparse_tfidf_and_centrality_equal_the_dense_ones() -> None:
    """Issue 15: the rows are kept sparse and centrality takes one pass, not
    one per pair; the figures are those of the dense matrix."""
    from retold.summarize.features import tfidf_rows, tfidf_vectors

    texts = [s.text for s in segment(HARBOR)] + ["", "the of and", "Police police police."]
    dense = _dense_tfidf(texts)
    np.testing.assert_allclose(tfidf_vectors(texts), dense, rtol=0, atol=1e-15)
    sim = dense @ dense.T
    expected = (sim.sum(axis=1) - np.diag(sim)) / (len(texts) - 1)
    np.testing.assert_allclose(tfidf_rows(texts).mean_similarity(), expected, rtol=0, atol=1e-12)
    assert tfidf_rows(["One sentence here."]).mean_similarity().tolist() == [1.0]
    assert tfidf_rows([]).mean_similarity().tolist() == []


def test_a_long_article_is_summarized_within_bounds() -> None:
    """Issue 15: 3,000 sentences once built a dense matrix of every word and
    every pair of sentences; the summary still follows the rules."""
    text = "\n\n".join([HARBOR] * 200)
    summary = summarize(Article(text=text))
    assert len(summary.scores) == len(segment(text))
    assert_well_formed(Article(text=text), summary)
    assert 1 <= len(summary.sentences) <= 3
