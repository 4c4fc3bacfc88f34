"""What the property tests generate: hostile Unicode, news-like text, long articles, HTML.

Sizes are kept so that the fuzz package runs in a couple of minutes with the
default settings. ``RETOLD_FUZZ_SCALE=10 pytest tests/fuzz`` multiplies every
test's example count (a deeper run before a release); the coverage-guided run
is ``benchmarks/fuzz.py``.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

SCALE = max(0.1, float(os.environ.get("RETOLD_FUZZ_SCALE", "1")))

settings.register_profile(
    "retold-fuzz",
    deadline=None,
    # Long articles are slow to generate and to check by design.
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    print_blob=True,
)
FUZZ = settings.get_profile("retold-fuzz")


def fuzz(examples: int) -> settings:
    """The fuzz profile with ``examples`` examples, times RETOLD_FUZZ_SCALE."""
    return settings(FUZZ, max_examples=max(1, round(examples * SCALE)))


# --- characters ---------------------------------------------------------------

RTL = "\u05e9\u05dc\u05d5\u05dd \u0645\u0631\u062d\u0628\u0627 \u202e\u202b\u202a\u202c\u200f\u200e"
COMBINING = "\u0301\u0308\u0323\u0336\u20dd\u0489"
EMOJI = "😀👩‍👩‍👧‍👦🇺🇸🏳️‍🌈👍🏽✊🏿"
ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
CONTROLS = "\x00\x01\x07\x08\x0b\x0c\x1b\x7f\x85\x9b"
LINE_BREAKS = "\n\r\u2028\u2029\x1c\x1d\x1e"
PUNCTUATION = ".!?…‽\"'“”‘’«»()[]{}—–-,;:•"
SURROGATES = "\ud800\udbff\udc00\udfff"

# Characters that are hard for text code, each likely enough to meet the others.
_HARD = st.sampled_from(
    RTL + COMBINING + ZERO_WIDTH + CONTROLS + LINE_BREAKS + PUNCTUATION + "  \t"
) | st.sampled_from([*EMOJI, "ﬁ", "ß", "İ", "ǅ", "Ⅻ", "½", "٣", "𝟙", "ａ", "\U0010ffff", "\ufffd"])
_ANY_CHAR = st.characters(codec="utf-8")  # every code point but lone surrogates
_SURROGATE = st.sampled_from(SURROGATES)

hard_text = st.text(_HARD | _ANY_CHAR | st.sampled_from("Aa. "), max_size=200)
"""Arbitrary valid Unicode, rich in the characters text code gets wrong."""

text_with_surrogates = st.text(_HARD | _ANY_CHAR | _SURROGATE, max_size=200)
"""As :data:`hard_text`, with lone surrogates (a Python str can hold them)."""

# --- news-like text -----------------------------------------------------------

_WORDS = [
    "The",
    "mayor",
    "said",
    "police",
    "arrested",
    "three",
    "men",
    "on",
    "Saturday",
    "in",
    "Leeds",
    ".",
    "U.S.",
    "officials",
    "Dr.",
    "Mr.",
    "Ms.",
    "Sen.",
    "Oct.",
    "7",
    "Jan.",
    "12,000",
    "$4.2",
    "million",
    "5",
    "p.m.",
    "a.m.",
    "not",
    "will",
    "may",
    "could",
    "about",
    "40",
    "percent",
    "e.g.",
    "i.e.",
    "No.",
    "3",
    "Inc.",
    "J.",
    "“We",
    "won’t",
    "stop,”",
    "she",
    "said",
    ".",
    "Why?",
    "Yes!",
    "…",
    "...",
    "Ruiz",
    "Netanyahu",
    "www.example.com/a.b",
    "http://x.org/?q=1",
    "1.",
    "2.",
    "a)",
    "•",
    "(See",
    "below.)",
    "[1]",
]
_WORD = st.sampled_from(_WORDS)
_HARD_WORD = st.text(_HARD | _ANY_CHAR, min_size=1, max_size=12)


def _sentence(words: list[str], end: str) -> str:
    return " ".join(words) + end


sentence = st.builds(
    _sentence,
    st.lists(_WORD | _HARD_WORD, min_size=1, max_size=14),
    st.sampled_from([".", ".", ".", "?", "!", "…", '."', ".”", "", ".)"]),
)
"""One news-like sentence, sometimes with hard characters inside."""

_GAP = st.sampled_from([" ", " ", " ", "  ", "\n", "\n\n", " \n \n", "\u2029", "\t", "\u200b "])


@st.composite
def article_text(draw: st.DrawFn, max_sentences: int = 12) -> str:
    """A few paragraphs of news-like sentences joined by varied whitespace."""
    parts = draw(st.lists(sentence, min_size=1, max_size=max_sentences))
    gaps = draw(st.lists(_GAP, min_size=len(parts), max_size=len(parts)))
    return "".join(p + g for p, g in zip(parts, gaps, strict=True)).strip() or "Empty."


_LONG_SENTENCES = (
    "The council voted 7-2 on Monday to close the bridge for repairs.",
    "Police said 12 people were hurt in the crash on Oct. 7.",
    "“We will not rest,” the mayor, Ana Ruiz, told reporters.",
    "Repairs will cost about $4.2 million, the U.S. Department of Transportation said.",
    "Work starts in May and should end by 5 p.m. on Dec. 1, 2027.",
    "Residents were not told why the vote was delayed.",
    "The ferry may run every 20 minutes instead.",
)


def long_article(sentences: int, seed: int = 0) -> str:
    """An article of ``sentences`` ordinary news sentences (five to a paragraph)."""
    out = []
    for i in range(sentences):
        s = _LONG_SENTENCES[(i * 3 + seed) % len(_LONG_SENTENCES)]
        out.append(s + ("\n\n" if i % 5 == 4 else " "))
    return "".join(out).strip()


huge_token = st.builds(
    lambda c, n, tail: c * n + tail,
    st.sampled_from(["a", "x.", ".", "!", "‽", "…", "http://a.b/", "Ü", "😀", "\u0301", "-"]),
    st.integers(1_000, 60_000),
    st.sampled_from(["", ".", " The end.", "\n"]),
)
"""One token of up to a few hundred thousand characters (a run without spaces)."""

# --- HTML ---------------------------------------------------------------------

_TAG = st.sampled_from(
    [
        "div",
        "span",
        "p",
        "a",
        "b",
        "i",
        "em",
        "article",
        "section",
        "main",
        "header",
        "footer",
        "nav",
        "aside",
        "table",
        "tr",
        "td",
        "ul",
        "li",
        "ol",
        "h1",
        "h2",
        "blockquote",
        "figure",
        "figcaption",
        "svg",
        "math",
        "template",
        "noscript",
        "iframe",
        "object",
        "form",
        "script",
        "style",
        "title",
        "body",
        "html",
        "head",
        "font",
        "center",
        "marquee",
    ]
)
_ATTR = st.sampled_from(
    [
        "",
        ' class="story"',
        ' onload="document.title=1"',
        ' onerror="alert(1)"',
        ' href="javascript:alert(1)"',
        ' style="display:none"',
        " hidden",
        ' lang="ar" dir="rtl"',
        ' class="tooltiptext"',
        ' x="\'<>"',
        " =broken",
    ]
)


@st.composite
def html_page(draw: st.DrawFn, max_depth: int = 6) -> str:
    """Tag soup: nested, unclosed, mis-nested elements around news sentences."""
    depth = draw(st.integers(0, max_depth))
    tags = draw(st.lists(_TAG, min_size=depth, max_size=depth))
    attrs = draw(st.lists(_ATTR, min_size=depth, max_size=depth))
    inner = draw(st.lists(sentence | hard_text, min_size=0, max_size=6))
    opened = "".join(f"<{t}{a}>" for t, a in zip(tags, attrs, strict=True))
    body = "".join(f"<p>{s}</p>" if i % 2 == 0 else s for i, s in enumerate(inner))
    close = draw(st.sampled_from(["all", "none", "shuffled", "half"]))
    names = [f"</{t}>" for t in reversed(tags)]
    if close == "none":
        names = []
    elif close == "shuffled":
        names = draw(st.permutations(names))
    elif close == "half":
        names = names[: len(names) // 2]
    prefix = draw(st.sampled_from(["", "<!DOCTYPE html>", "<html><body>", "<?xml version='1.0'?>"]))
    return prefix + opened + body + "".join(names)


def nested_html(depth: int, tag: str = "div", text: str = "Deep sentence one.") -> str:
    """A page whose only text lies ``depth`` elements deep."""
    return (
        "<!DOCTYPE html><html><body>"
        + f"<{tag}>" * depth
        + f"<p>{text} It is inside {depth} elements.</p>"
        + f"</{tag}>" * depth
        + "</body></html>"
    )


def has_lone_surrogate(text: str) -> bool:
    return any("\ud800" <= ch <= "\udfff" for ch in text)
