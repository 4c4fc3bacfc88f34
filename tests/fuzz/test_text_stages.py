"""The text stages over hostile input: segment, analyze, summarize, audit, rewrite.

No input may raise anything but a documented :class:`~retold.errors.RetoldError`;
offsets must round-trip, a rewrite must carry every source sentence exactly
once and in order, and every result must survive JSON as the CLI writes it.
"""

from __future__ import annotations

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from retold.analyze.facts import analyze
from retold.audit.auditor import AuditOptions, audit, audit_text
from retold.data import Article
from retold.errors import EmptyInputError, InputError, RetoldError
from retold.rewrite.pipeline import rewrite
from retold.segment.splitter import segment
from retold.summarize.selector import SummarizeOptions, summarize
from tests.fuzz import invariants as inv
from tests.fuzz.strategies import (
    article_text,
    fuzz,
    hard_text,
    has_lone_surrogate,
    huge_token,
    long_article,
    text_with_surrogates,
)
from tests.segment.test_segment import assert_invariants

# --- segment --------------------------------------------------------------------


@fuzz(300)
@given(text_with_surrogates)
@example("\ud800. \udfff!")
@example("\u202eevil.\u202c Next one.")
@example("e\u0301\u0301\u0301. A\u200d\u200d. 👩‍👩‍👧‍👦!")
@example("\x00.\x00 \x00")
def test_segment_any_unicode(text: str) -> None:
    sentences = segment(text)
    assert_invariants(text, sentences)
    if not has_lone_surrogate(text):
        inv.json_round_trip([s.to_json() for s in sentences])


@fuzz(40)
@given(huge_token, st.sampled_from(["", "Before it. ", "A.\n\n"]))
def test_segment_huge_tokens(token: str, before: str) -> None:
    text = before + token + " After it."
    assert_invariants(text, segment(text))


@fuzz(200)
@given(article_text(20))
def test_segment_news_like(text: str) -> None:
    sentences = segment(text)
    assert_invariants(text, sentences)
    inv.json_round_trip([s.to_json() for s in sentences])


def test_segment_ten_thousand_sentences() -> None:
    text = long_article(10_000)
    sentences = segment(text)
    assert_invariants(text, sentences)
    assert len(sentences) == 10_000
    assert sentences[-1].paragraph == 1_999


@pytest.mark.parametrize("value", [b"bytes.", None, 3, ["a."]])
def test_segment_refuses_what_is_not_text(value: object) -> None:
    with pytest.raises(InputError, match="E100"):
        segment(value)  # type: ignore[arg-type]


# --- analyze --------------------------------------------------------------------


@fuzz(30)
@given(article_text(8) | hard_text)
@example("He paid $\u202e4.2 million\u202c on Oct. 7, 2027.")
@example("1\u00002 people. 3\u200b000 dollars.")
@example("٣ people died on ١٢ May. ½ percent.")
def test_analyze_any_text(text: str) -> None:
    result = inv.typed_or(lambda: analyze(text))
    if isinstance(result, RetoldError):
        return
    inv.facts_valid(text, result, len(segment(text)))
    inv.json_round_trip([f.to_json() for f in result])


# A Python str may hold a lone surrogate (a JSON "\\ud800" escape makes one).
# The jobs layer refuses it with [E100]; the library calls parse a copy with
# U+FFFD in its place (retold.surrogates.utf8_safe), which spaCy's StringStore
# can encode (it raised UnicodeEncodeError before; found here).
SURROGATE_TEXT = "\ud800 said 12 people\udfff died on Oct. 7. Then more."
_SURROGATE_CALLS = {
    "analyze": lambda: analyze(SURROGATE_TEXT),
    "audit": lambda: audit(SURROGATE_TEXT, "Officials said 12 people died."),
    "audit_text": lambda: audit_text(SURROGATE_TEXT),
    "rewrite": lambda: rewrite(Article(text=SURROGATE_TEXT)),
}


@pytest.mark.parametrize("call", sorted(_SURROGATE_CALLS))
def test_a_lone_surrogate_is_a_typed_error_or_works(call: str) -> None:
    inv.typed_or(_SURROGATE_CALLS[call])


def test_analyze_a_huge_token() -> None:
    text = "Police said " + "x" * 1_200_000 + " fell on Oct. 7."
    result = inv.typed_or(lambda: analyze(text))
    if not isinstance(result, RetoldError):
        inv.facts_valid(text, result, len(segment(text)))


# --- summarize ------------------------------------------------------------------


@fuzz(40)
@given(article_text(15) | text_with_surrogates, st.integers(1, 6))
@example("\u200b\u200b", 1)
@example("Read more: . Share this.", 2)
def test_summarize_any_text(text: str, n: int) -> None:
    article = Article(text=text, id="fuzz")
    result = inv.typed_or(lambda: summarize(article, SummarizeOptions(sentences=n)))
    if isinstance(result, RetoldError):
        assert isinstance(result, EmptyInputError)
        assert not segment(text)
        return
    inv.summary_valid(text, result, segment(text))
    assert len(result.sentences) <= n
    if not has_lone_surrogate(text):
        inv.json_round_trip(result.to_json())


def test_summarize_ten_thousand_sentences() -> None:
    text = long_article(10_000, seed=2)
    summary = summarize(Article(text=text, id="long"), SummarizeOptions(sentences=5))
    inv.summary_valid(text, summary, segment(text))
    assert len(summary.sentences) == 5


# --- audit ----------------------------------------------------------------------


@fuzz(25)
@given(article_text(6), article_text(6) | hard_text, st.sampled_from(["rewrite", "summary"]))
@example("Police said 12 died.", "\u202ePolice said 21 died.\u202c", "rewrite")
@example("A b.", "\x00\x1b[31m.", "rewrite")
def test_audit_pair_any_text(source: str, rewritten: str, mode: str) -> None:
    report = inv.typed_or(lambda: audit(source, rewritten, AuditOptions(mode=mode)))
    if isinstance(report, RetoldError):
        assert isinstance(report, EmptyInputError)
        return
    inv.report_valid(report, source, rewritten)
    inv.json_round_trip(report.to_json())


@fuzz(40)
@given(article_text(8) | hard_text)
def test_audit_text_any_text(text: str) -> None:
    report = inv.typed_or(lambda: audit_text(text))
    if isinstance(report, RetoldError):
        assert isinstance(report, EmptyInputError)
        return
    inv.report_valid(report, None, text)
    inv.json_round_trip(report.to_json())


def test_audit_a_long_pair() -> None:
    source = long_article(60)
    rewritten = long_article(60, seed=1)
    report = audit(source, rewritten)
    inv.report_valid(report, source, rewritten)
    inv.json_round_trip(report.to_json())


# --- rewrite (rules backend) ------------------------------------------------------


@fuzz(15)
@given(article_text(8))
@example("Headline Without End\n\nThe mayor said 12 people died. “We won’t stop,” she said.")
@example("U.S. officials said.\u200b\u200b\n\n\u2029Why? Yes!")
def test_rewrite_keeps_every_sentence_once_in_order(text: str) -> None:
    article = Article(text=text, id="fuzz")
    result = inv.typed_or(lambda: rewrite(article))
    if isinstance(result, RetoldError):
        assert isinstance(result, EmptyInputError)
        assert not segment(text)
        return
    inv.rewrite_whole(text, segment(text), result)
    inv.report_valid(result.report, text, result.text)
    inv.json_round_trip(result.to_json())


@fuzz(15)
@given(hard_text)
def test_rewrite_hard_unicode(text: str) -> None:
    result = inv.typed_or(lambda: rewrite(Article(text=text)))
    if not isinstance(result, RetoldError):
        inv.rewrite_whole(text, segment(text), result)
        inv.json_round_trip(result.to_json())


def test_rewrite_a_long_article() -> None:
    text = long_article(40, seed=3)
    result = rewrite(Article(text=text, id="long"))
    inv.rewrite_whole(text, segment(text), result)
    inv.json_round_trip(result.to_json())
