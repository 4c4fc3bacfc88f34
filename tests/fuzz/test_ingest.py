"""Ingest over hostile input: text, HTML, raw bytes, decoding and JSONL records.

Whatever comes in, ingest gives an Article or a typed InputError, never
anything else; an extracted article never carries a script's or a style's
source text; and every JSONL line gives exactly one record or one bad line,
numbered, in order.
"""

from __future__ import annotations

import codecs
import json

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from retold.data import Article
from retold.errors import InputError, RetoldError
from retold.ingest import article_from_record, read_records
from retold.ingest.extract import extract
from retold.ingest.loader import (
    article_from_bytes,
    article_from_html,
    article_from_text,
    decode,
    looks_like_html,
)
from retold.ingest.records import BadLine, Record
from tests.fuzz import invariants as inv
from tests.fuzz.strategies import (
    article_text,
    fuzz,
    hard_text,
    html_page,
    long_article,
    nested_html,
    text_with_surrogates,
)

# --- plain text ---------------------------------------------------------------


@fuzz(200)
@given(text_with_surrogates | article_text(10))
@example("\ufeff\r\nTitle\r\n\r\nBody.\r")
@example("\ufeff\ufeff")
def test_article_from_text(text: str) -> None:
    result = inv.typed_or(lambda: article_from_text(text))
    normalised = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    if isinstance(result, RetoldError):
        assert isinstance(result, InputError)
        assert not normalised.strip()
        return
    assert result.text == normalised, "plain text passes through unchanged"
    assert result.title in ("", result.title.strip())
    assert not result.title or result.title in result.text


def test_article_from_text_ten_thousand_sentences() -> None:
    text = long_article(10_000)
    assert article_from_text(text).text == text


# --- HTML ---------------------------------------------------------------------

_SECRET = "zqxSECRETzqx"


def _assert_article(article: Article) -> None:
    assert article.text.strip(), "an article is never empty"
    assert _SECRET not in article.text, "script or style source leaked into the text"
    assert "\n\n\n" not in article.text
    inv.json_round_trip(article.to_json())


@fuzz(120)
@given(html_page())
@example("<html><body>" + "<div>" * 5000 + "<p>Deep text here. Really.</p></body></html>")
@example("<p>A sentence.</p><script>alert(1)</script>")
@example("<html><body><svg><script>x</script><p>Under SVG.</p></svg></body></html>")
@example("<!DOCTYPE html><body><p>Text \x00 with NUL.</p>")
@example("<html><body><p>\ud800 lone.</p></body></html>")
@example("<article><p>One sentence here.</p><embed src=x><p>Lost before the fix.</p></article>")
def test_article_from_html_tag_soup(page: str) -> None:
    page = page.replace("<script>", f"<script>{_SECRET}").replace("<style>", f"<style>{_SECRET}")
    result = inv.typed_or(lambda: article_from_html(page))
    if isinstance(result, RetoldError):
        assert isinstance(result, InputError)
        return
    _assert_article(result)


# Found by tests/hostile: libxml2 reads these void elements as containers, so
# the text after one nested inside it and trafilatura dropped it whole.
@pytest.mark.parametrize("tag", ["embed", "source", "track", "wbr", "keygen", "EMBED"])
@pytest.mark.parametrize("form", ["<{} src='a>b'>", "<{}/>", "<{} src=x/>", "<{}>"])
def test_text_after_a_void_element_is_kept(tag: str, form: str) -> None:
    void = form.format(tag)
    page = (
        "<html><body><article><p>The council met on Monday to discuss the bridge.</p>"
        f"<p>Its vote{void} was held at noon, the clerk said.</p>{void}"
        "<p>Two more sentences follow here. The mayor spoke at length.</p>"
        "<p>Third paragraph is here too, with more text about it.</p></article></body></html>"
    )
    text = article_from_html(page).text
    for kept in ("at noon, the clerk said.", "The mayor spoke", "Third paragraph"):
        assert kept in text


@pytest.mark.timeout(60)
@pytest.mark.parametrize(
    "page",
    ["<p>x</p><embed" + " " * 200_000, "<embed " * 100_000, '<embed a="<' * 50_000],
    ids=["spaces", "many", "quotes"],
)
def test_unclosed_void_elements_stay_linear(page: str) -> None:
    inv.typed_or(lambda: extract(page))


# Python 3.11.7's html.parser is quadratic on a run of "<" that never closes
# (CVE-2025-6069); 60 KB of "<p " took minutes before loader._closed_markup.
@pytest.mark.timeout(10)
def test_unclosed_tags_do_not_hang_ingest() -> None:
    inv.typed_or(lambda: article_from_bytes(b"<p " * 20_000))


def test_deeply_nested_html() -> None:
    for depth in (10, 300, 3_000, 20_000):
        for tag in ("div", "span", "b", "table"):
            page = nested_html(depth, tag)
            result = inv.typed_or(lambda: article_from_html(page))  # noqa: B023
            if isinstance(result, RetoldError):
                assert isinstance(result, InputError), result
                continue
            _assert_article(result)


def test_html_with_ten_thousand_paragraphs() -> None:
    sentences = long_article(10_000).split("\n\n")
    page = "<html><body><article>" + "".join(f"<p>{p}</p>" for p in sentences)
    article = article_from_html(page + "</article></body></html>")
    _assert_article(article)
    assert article.text.count("\n\n") + 1 >= 0.9 * len(sentences)


@fuzz(100)
@given(hard_text | html_page())
def test_looks_like_html_never_fails(text: str) -> None:
    assert isinstance(looks_like_html(text), bool)


# --- bytes --------------------------------------------------------------------

_ENCODINGS = ("utf-8", "utf-8-sig", "utf-16", "utf-16-be", "utf-32", "cp1252", "shift_jis")


@fuzz(200)
@given(st.binary(max_size=400))
@example(b"\xef\xbb\xbf")
@example(b"\xff\xfe\x00\xd8")  # a UTF-16 BOM and a lone surrogate
@example(b"\xed\xa0\x80 surrogate in UTF-8")
@example(b"<html><meta charset=\xff><body>\xe9</body></html>")
@example(b"<meta charset='no-such-codec'><p>\xe9t\xe9</p>")
@example(b"\x1f\x8b\x08\x00")
def test_article_from_bytes_any_bytes(data: bytes) -> None:
    result = inv.typed_or(lambda: article_from_bytes(data))
    if isinstance(result, RetoldError):
        assert isinstance(result, InputError)
        return
    assert result.text.strip()
    inv.json_round_trip(result.to_json())


@fuzz(100)
@given(article_text(6) | hard_text, st.sampled_from(_ENCODINGS), st.booleans())
def test_article_from_bytes_in_any_encoding(text: str, encoding: str, as_html: bool) -> None:
    if as_html:
        text = f'<html><head><meta charset="{encoding}"></head><body><p>{text}</p></body></html>'
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError:
        return
    result = inv.typed_or(lambda: article_from_bytes(data))
    if not isinstance(result, RetoldError):
        inv.json_round_trip(result.to_json())


@fuzz(200)
@given(st.binary(max_size=300), st.sampled_from(["", "utf-8", "latin-1", "x-nonsense", "utf-16"]))
@example(codecs.BOM_UTF16_LE + b"\x00", "")
@example(b"\xff\xfe\xfd", "utf-8")
def test_decode_any_bytes(data: bytes, charset: str) -> None:
    result = inv.typed_or(lambda: decode(data, charset=charset))
    if isinstance(result, RetoldError):
        assert isinstance(result, InputError)
    else:
        assert isinstance(result, str)


# --- JSONL records ------------------------------------------------------------

_LINE = (
    st.builds(lambda t: json.dumps({"id": "x", "text": t}), hard_text)
    | st.builds(lambda t: json.dumps({"id": "x", "text": t}, ensure_ascii=False), hard_text)
    | st.builds(lambda h: json.dumps({"html": h}), html_page())
    | st.sampled_from(
        [
            "",
            "   ",
            "{",
            "[]",
            "null",
            '{"text": 3}',
            '{"id": null, "text": "x."}',
            '{"text": "\\ud800 lone"}',
            '{"text": "a\\u0000b."}',
            '{"id": {"a": 1}, "text": "x."}',
            "\ufeff" + '{"text": "BOM first."}',
            '{"text": "ok."}' + " " * 3,
            '{"url": "file:///etc/passwd"}',
            '{"url": "http://127.0.0.1:1/x"}',
            '{"text": "x."} trailing',
            "NaN",
            '{"text": "' + "a" * 10_000 + '"}',
        ]
    )
    | text_with_surrogates
)
_BYTES_LINE = _LINE.map(lambda s: s.encode("utf-8", "surrogatepass")) | st.binary(max_size=60)


@fuzz(150)
@given(st.lists(_LINE | _BYTES_LINE, max_size=8))
def test_read_records_one_item_per_line_in_order(lines: list[str | bytes]) -> None:
    items = list(read_records(lines))
    expected = [n for n, raw in enumerate(lines, 1) if _holds_something(raw)]
    assert [i.line for i in items] == expected
    for item in items:
        assert isinstance(item, Record | BadLine)
        if isinstance(item, BadLine):
            assert item.error.message.startswith(f"line {item.line}:")
            continue
        result = inv.typed_or(lambda: article_from_record(item))  # noqa: B023
        if isinstance(result, RetoldError):
            assert isinstance(result, InputError)


def _holds_something(raw: str | bytes) -> bool:
    """Whether a line is more than blank (a line that is not UTF-8 is a bad line)."""
    if isinstance(raw, bytes):
        try:
            raw = raw.decode("utf-8")
        except UnicodeDecodeError:
            return True
    return bool(raw.strip())
