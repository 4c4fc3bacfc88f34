"""Sentence segmentation built for news text.

``segment(text)`` returns sentences with exact character offsets. Nothing is
lost or reordered: the sentences and the gaps between them rebuild ``text``
exactly. A gap holds only whitespace (``str.isspace``) and invisible format
characters (U+200B, U+200C, U+200D, U+2060, U+FEFF); no sentence starts or
ends with either.

Paragraphs. A blank line (a line holding only whitespace) separates
paragraphs; a text without any blank line has one paragraph per line. A
paragraph break always ends a sentence. ``Sentence.paragraph`` numbers the
paragraphs that hold text, from 0.

Candidates. One compiled regular expression finds every run of terminal
punctuation (``.`` ``!`` ``?`` ``…``, spaced ". . .") with its closing quotes
and brackets, followed by whitespace. Each candidate is decided from the
token before it and the token after it:

- A lower-case word next never starts a sentence ('"Why now?" she asked.',
  "Yahoo! in", "co. at"); the end of the paragraph always ends one.
- ``!`` and ``?`` end a sentence, except before a quotation's capitalised
  attribution ('"Why now?" Ms. Cohen asked.').
- Titles never end one ("Mr.", "Dr.", "Gen.", "Sen.", "Lt. Col.", "Mt."), nor
  do "e.g.", "i.e.", "vs.". "No.", "p.", months ("Oct. 7") do not before a
  number.
- Abbreviations that may end a sentence ("U.S.", "Inc.", "a.m.", "D.C.",
  "Jr.", state abbreviations, dotted initialisms such as "S.O.S.", single
  initials such as "J.") end one only when the next word starts a new clause:
  a capitalised pronoun, determiner, conjunction, question word or auxiliary
  ("U.S. The", "P.M. Mr."), or a plural subject noun before a lower-case word
  ("U.S. Economists expect"); not a name that continues ("U.S. Senate",
  "Donald J. Trump"), not after a bare introductory phrase ("At 5 a.m."), and
  never so as to leave the abbreviation alone as a sentence.
- A number or a single letter that opens a sentence is a list marker ("1.",
  "a."); any other word ends a sentence before a capital, a digit or a symbol.
- Ellipses: an ellipsis attached to a word ends a sentence before a capital
  ("that.... She"); one standing alone ("is . . . I") only when it has four
  dots; a period attached to a word before a spaced ellipsis ends the sentence
  there, and the ellipsis opens the next ("compounds. . . . The").

Quotations and brackets. A quotation (double quotes; single quotes opened at
a word start) or a bracket that is closed within its paragraph is never
split: '"We will not rest. We will bring them home," he said.' is one
sentence (see ``SegmentOptions.keep_enclosures_whole``). An unclosed one (a
quotation running on into the next paragraph) is split normally.

Lists. A bullet (•, ‣, ⁃ ...) after whitespace, a list marker at the start of
a line, and the next marker of an inline list that opens its paragraph
("1. The first item 2. The second item") begin new sentences.

Speed. One pass of compiled regular expressions per paragraph plus a few
dictionary look-ups per candidate; runs of punctuation are matched without
backtracking, so time stays linear in the length of the text.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from retold.data import Sentence
from retold.errors import InputError, OptionsError
from retold.lexicon import abbreviations as ab
from retold.lexicon.reporting import QUOTE_VERB_FORMS

__all__ = ["SegmentOptions", "segment"]

log = logging.getLogger(__name__)

# Line breaks exactly as ``str.splitlines`` knows them.
_LB_CHARS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
_HSPACE = f"[^\\S{_LB_CHARS}]"
_NON_SPACE = re.compile(r"\S")
# Invisible format characters (zero-width space and joiners, word joiner, byte
# order mark) are not whitespace to Python, but a sentence must not start or
# end with one, nor consist of them: they stay in the gaps, with whitespace.
_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff"

_OPENERS = "\"'“‘«„([{¿¡"
_BULLETS = "•‣⁃◦▪▫●○■□➢➤►"
_LEADING = _OPENERS + _BULLETS

# Starting only where a run of punctuation (or of spaced dots) starts, and never
# giving back what a run matched, keeps a long "!!!!" or ". . . ." linear.
_CANDIDATE = re.compile(
    r"(?<![.!?‽…])(?<!\. )(?P<term>(?:\.[ ]){2,}\.|[.!?‽…]++)"
    r"(?P<close>[\"'”’»)\]}]*+)"
    r"(?=\s|\Z)"
)
# How far back to look for the start of the token before a candidate; a
# longer token (a long URL) is found by widening the window.
_PREV_WINDOW = 48
_NEXT = re.compile(r"\s*(?P<open>[\"'“‘«„(\[{¿¡]*)(?P<tok>\S*)")
_NEXT_WORD = re.compile(r"\s+(\w)")
_WORD = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)?")
_DOTTED = re.compile(r"(?:[A-Za-z]{1,2}\.)+[A-Za-z]{1,2}")
_ATTRIBUTION = re.compile(r"(?:[A-Z][\w'’.-]*,?\s+){1,5}?(?P<verb>[a-z]+)(?P<after>\S?)")

_ENCLOSERS = re.compile("[\"“”«»„‘’'()\\[\\]{}]")
_MAX_SINGLE_QUOTE = 400
_QUOTE_LEFT = frozenset('([{—–-/“"‘')
_BRACKET_PAIRS = {")": "(", "]": "[", "}": "{"}
_ONLY_BULLETS = re.compile(f"[\\s{_BULLETS}]*")
_INLINE_BULLET = re.compile(f"(?<=\\s)[{_BULLETS}]")
_LINE_MARKER = re.compile(
    f"(?<=[{_LB_CHARS}]){_HSPACE}*(?P<m>[-*–—{_BULLETS}]|\\(?\\d{{1,3}}[.)]|[A-Za-z]\\))(?=\\s)"
)
# An inline list opens its paragraph with "1." or "a." (not "A.", which is
# more often an initial: "A. Sanger made 2 saves. B. Ortiz scored.").
_LIST_OPEN = re.compile(f"[{_BULLETS}\\s]*(?P<val>\\d{{1,3}}|a)(?P<fmt>\\.\\)|\\.|\\))(?=\\s+\\S)")

# Decisions, as small ints for speed.
_ORDINARY, _TITLE, _MAY_END, _BEFORE_NUMBER, _MONTH = range(5)
_END, _LOWER, _UPPER, _DIGIT, _OTHER = range(5)


@dataclass(frozen=True, slots=True)
class SegmentOptions:
    """How :func:`segment` splits.

    ``titles`` adds abbreviations that never end a sentence (such as "Supt"),
    ``abbreviations`` adds ones that may (such as "Bhd"), both spelled without
    the final period. ``keep_enclosures_whole`` keeps a quotation or bracket
    that closes within its paragraph in one sentence.
    """

    titles: frozenset[str] = frozenset()
    abbreviations: frozenset[str] = frozenset()
    keep_enclosures_whole: bool = True

    def __post_init__(self) -> None:
        for name in ("titles", "abbreviations"):
            words = getattr(self, name)
            if not isinstance(words, frozenset):
                raise OptionsError(
                    f"SegmentOptions.{name} must be a frozenset of str, not {type(words).__name__}",
                    f"pass frozenset({sorted(words)!r})"
                    if isinstance(words, set | list | tuple)
                    else "pass a frozenset of abbreviations such as frozenset({'Supt'})",
                )
            for word in words:
                if (
                    not isinstance(word, str)
                    or not word
                    or word.endswith(".")
                    or any(c.isspace() for c in word)
                ):
                    raise OptionsError(
                        f"SegmentOptions.{name} holds {word!r}, which is not an abbreviation",
                        "write each abbreviation as one word without its final period, "
                        "e.g. 'Supt' or 'U.S'",
                    )


_DEFAULT_OPTIONS = SegmentOptions()


@dataclass(frozen=True, slots=True)
class _Lexicon:
    kinds: dict[str, int]
    folded: dict[str, int]


@lru_cache(maxsize=32)
def _lexicon(titles: frozenset[str], abbreviations: frozenset[str]) -> _Lexicon:
    kinds: dict[str, int] = {}
    for words, kind in (
        (ab.MAY_END | ab.STATES | abbreviations, _MAY_END),
        (ab.BEFORE_NUMBER, _BEFORE_NUMBER),
        (ab.MONTHS, _MONTH),
        (ab.TITLES | titles, _TITLE),
    ):
        for word in words:
            kinds[word] = kind
    folded = {w: _TITLE for w in ab.NEVER_END}
    folded.update({"a.m": _MAY_END, "p.m": _MAY_END, "etc": _MAY_END})
    return _Lexicon(kinds, folded)


def segment(text: str, options: SegmentOptions | None = None) -> tuple[Sentence, ...]:
    """Split ``text`` into sentences with exact offsets into ``text``.

    Each sentence satisfies ``text[s.start:s.end] == s.text``; what lies
    between sentences is whitespace. See the module docstring for the rules.
    """
    if not isinstance(text, str):
        raise InputError(
            f"segment() takes a str, not {type(text).__name__}",
            "decode bytes first, e.g. data.decode('utf-8')",
        )
    opts = options or _DEFAULT_OPTIONS
    lex = _lexicon(opts.titles, opts.abbreviations)
    out: list[Sentence] = []
    paragraph = 0
    bullets = any(b in text for b in _BULLETS)
    for ps, pe, lines in _paragraphs(text):
        before = len(out)
        last = ps
        for cut in _cuts(text, ps, pe, lex, opts.keep_enclosures_whole, bullets or lines):
            if cut > last:
                _emit(text, last, cut, paragraph, out)
                last = cut
        _emit(text, last, pe, paragraph, out)
        if len(out) > before:
            paragraph += 1
    log.debug("segmented %d characters into %d sentences", len(text), len(out))
    return tuple(out)


def _emit(text: str, a: int, b: int, paragraph: int, out: list[Sentence]) -> None:
    chunk = text[a:b]
    stripped = chunk.strip()
    if not stripped:
        return
    if stripped[0] in _INVISIBLE or stripped[-1] in _INVISIBLE:
        stripped = _strip_invisible(stripped)
        if not stripped:
            return
        start = a + len(chunk) - len(_strip_invisible(chunk, right=False))
    else:
        start = a + len(chunk) - len(chunk.lstrip())
    out.append(Sentence(stripped, start, start + len(stripped), len(out), paragraph))


def _strip_invisible(s: str, right: bool = True) -> str:
    """Strip whitespace and invisible format characters from the left (and right)."""
    while True:
        t = s.lstrip().lstrip(_INVISIBLE)
        if right:
            t = t.rstrip().rstrip(_INVISIBLE)
        if len(t) == len(s):
            return t
        s = t


def _paragraphs(text: str) -> Iterator[tuple[int, int, bool]]:
    """(start, end, holds a line break) of each paragraph, line breaks included."""
    lines = text.splitlines(keepends=True)
    if len(lines) < 2:
        yield 0, len(text), False
        return
    # A blank line holds only whitespace and follows a line break.
    blank = [i > 0 and line.isspace() and line[-1] in _LB_CHARS for i, line in enumerate(lines)]
    pos = 0
    if not any(blank):
        for line in lines:
            yield pos, pos + len(line), False
            pos += len(line)
        return
    start = 0
    count = 0
    for line, is_blank in zip(lines, blank, strict=True):
        if is_blank:
            if count:
                yield start, pos, count > 1
            start = pos + len(line)
            count = 0
        else:
            count += 1
        pos += len(line)
    if count:
        yield start, pos, count > 1


def _cuts(
    text: str, ps: int, pe: int, lex: _Lexicon, keep_enclosures: bool, may_list: bool
) -> list[int]:
    """Positions in [ps, pe) where a new sentence begins (or may, after whitespace)."""
    first = _NON_SPACE.search(text, ps, pe)
    if first is None:
        return []
    sent_start = first.start()
    forced = (
        _forced_cuts(text, sent_start, pe)
        if may_list or _LIST_OPEN.match(text, sent_start, pe)
        else []
    )
    spans = _enclosures(text, ps, pe) if keep_enclosures else []
    cuts: list[int] = []
    fi = si = 0
    n_forced, n_spans = len(forced), len(spans)
    kinds, folded = lex.kinds, lex.folded
    for m in _CANDIDATE.finditer(text, ps, pe):
        term_start, end = m.span()
        prev = _token_before(text, ps, term_start)
        tok_start = term_start - len(prev)
        while fi < n_forced and forced[fi] <= tok_start:
            cuts.append(forced[fi])
            sent_start = forced[fi]
            fi += 1
        while si < n_spans and spans[si][1] < end:
            si += 1
        if si < n_spans and spans[si][0] < term_start:
            continue  # inside a closed quotation or bracket
        nxt = _NEXT.match(text, end, pe)
        assert nxt is not None  # \s* always matches
        tok = nxt["tok"]
        next_start = nxt.start("open")
        if tok:
            c = tok[0]
            if c.islower():
                kind = _UPPER if len(tok) > 1 and tok[1].isupper() else _LOWER
            elif c.isupper():
                kind = _UPPER
            elif c.isdigit():
                kind = _DIGIT
            else:
                kind = _OTHER
        else:
            kind = _OTHER if nxt["open"] else _END
        if kind == _END:
            cuts.append(end)
            continue
        if kind == _LOWER or (term_start <= sent_start and not prev):
            continue  # a lower-case word goes on; punctuation alone is no sentence
        term = m["term"]
        if "?" in term or "!" in term or "‽" in term:
            if kind == _UPPER and _is_attribution(text, m, next_start, pe, strict=False):
                continue
            cuts.append(end)
            sent_start = next_start
            continue
        if len(term) > 1:
            cut = _ellipsis_cut(prev, term, term_start, end, kind)
            if cut == term_start + 1 and _word_kind(_core(prev), tok, kinds, folded) != _ORDINARY:
                cut = None  # "U.S. . . ." is an abbreviation, not a sentence end
            if cut is not None:
                cuts.append(cut)
                after = _NON_SPACE.search(text, cut, pe)
                sent_start = after.start() if after is not None else pe
            continue
        core = _core(prev)
        if not core:
            cuts.append(end)
            sent_start = next_start
            continue
        wkind = _word_kind(core, tok, kinds, folded)
        if wkind == _TITLE:
            continue
        if (
            (core.isdigit() and len(core) <= 3) or (len(core) == 1 and core.isalpha())
        ) and _ONLY_BULLETS.fullmatch(text, sent_start, tok_start):
            continue  # the first token of a sentence: a list marker or an initial
        if wkind == _BEFORE_NUMBER:
            if kind == _DIGIT:
                continue
            wkind = _ORDINARY
        elif wkind == _MONTH:
            if kind == _DIGIT:
                continue
            wkind = _MAY_END
        if wkind == _MAY_END:
            if kind != _UPPER or tok_start <= sent_start:
                continue  # never leave "U.S." alone as a sentence
            if not (_is_starter(tok) or _is_subject(text, nxt.end(), pe, tok)):
                continue
            if _is_intro_phrase(text, sent_start, term_start):
                continue
        elif (
            kind == _UPPER and m["close"] and _is_attribution(text, m, next_start, pe, strict=True)
        ):
            continue
        cuts.append(end)
        sent_start = next_start
    cuts.extend(forced[fi:])
    if len(cuts) > 1:
        cuts.sort()
    return cuts


def _core(prev: str) -> str:
    """The word a token ends with: "(U.S" -> "U.S", "ambassador—Mr" -> "Mr"."""
    core = prev.lstrip(_LEADING)
    if "—" in core or "–" in core:
        core = re.split("[—–]", core)[-1]
    return core


def _word_kind(core: str, tok: str, kinds: dict[str, int], folded: dict[str, int]) -> int:
    """What the word before a period is: a title, an abbreviation, ... or ordinary."""
    wkind = kinds.get(core)
    if wkind is None and len(core) > 1 and core.isupper() and tok.isupper():
        # Datelines in capitals ("ST. LOUIS"), but "in LA. Foul" is not "La."
        wkind = kinds.get(core.title())
    if wkind is None:
        wkind = folded.get(core.lower())
    if wkind is None:
        wkind = (
            _MAY_END
            if (len(core) == 1 and core.isupper())
            or ("-" in core and core.rsplit("-", 1)[1] in ab.STATES)
            or _DOTTED.fullmatch(core)
            else _ORDINARY
        )
    return wkind


def _token_before(text: str, ps: int, pos: int) -> str:
    """The run of non-space characters that ends at ``pos`` (within the paragraph)."""
    width = _PREV_WINDOW
    while True:
        lo = pos - width if pos - width > ps else ps
        window = text[lo:pos]
        if not window or window[-1].isspace():
            return ""
        token = window.rsplit(None, 1)[-1]
        if len(token) < len(window) or lo == ps:
            return token
        width *= 4


def _ellipsis_cut(prev: str, term: str, term_start: int, end: int, kind: int) -> int | None:
    if prev and prev[-1] in "([":
        return None  # "[...]" marks an omission inside a quotation
    if kind != _UPPER:
        return None
    if prev:
        if " " in term:
            # "compounds. . . . The": the period ends the sentence, the
            # ellipsis belongs to the next one.
            return term_start + 1
        return end
    dots = term.count(".") + 3 * term.count("…")
    return end if dots >= 4 else None


def _is_starter(tok: str) -> bool:
    w = _WORD.match(tok)
    if w is None:
        return False
    word = w.group()
    after = tok[w.end() : w.end() + 1]
    if after == ".":
        return word in ab.STARTER_TITLES
    if after == "-":
        return False  # "U.S. All-Star team", "U.S. Two-Year Note"
    if "'" in word or "’" in word:
        norm = word.replace("’", "'")
        return norm in ab.CONTRACTIONS or norm.split("'", 1)[0] in ab.STARTERS
    return word in ab.STARTERS


def _is_subject(text: str, tok_end: int, pe: int, tok: str) -> bool:
    """'Economists expect': a plural subject noun, then a lower-case word.

    Running text writes "U.S. economists"; a capital there starts a sentence,
    unless the text is in title case ("Top U.S. Officials Meet").
    """
    w = _WORD.match(tok)
    if w is None or w.end() != len(tok) or w.group() not in ab.SUBJECT_NOUNS:
        return False
    after = _NEXT_WORD.match(text, tok_end, pe)
    return after is not None and after.group(1)[0].islower()


def _is_intro_phrase(text: str, sent_start: int, term_start: int) -> bool:
    # A bounded slice: five short words fit in it, and a long sentence is no intro.
    words = text[sent_start : min(term_start, sent_start + 80)].split()
    return len(words) <= 4 and bool(words) and words[0].lstrip(_OPENERS) in ab.INTRO_WORDS


def _is_attribution(text: str, m: re.Match[str], next_start: int, pe: int, strict: bool) -> bool:
    """A closed quotation followed by 'Ms. Cohen asked'."""
    close = m["close"]
    if not any(q in close for q in "\"”’'»"):
        return False
    a = _ATTRIBUTION.match(text, next_start, pe)
    if a is None or a["verb"] not in QUOTE_VERB_FORMS:
        return False
    first = _WORD.match(text, next_start, pe)
    if first is not None and first.group() in ab.STARTERS:
        return False
    after = a["after"]
    if after in {".", ",", ";", ":"}:
        return True
    # '"Why now?" Ms. Cohen asked as she left' goes on; '"Hawks!" Fans
    # chanted "Hawks!"' does not.
    return not strict and not after and text[a.end() + 1 : a.end() + 2].islower()


def _enclosures(text: str, ps: int, pe: int) -> list[tuple[int, int]]:
    """Closed quotations and brackets in [ps, pe) as merged (open, close) index pairs."""
    if _ENCLOSERS.search(text, ps, pe) is None:
        return []
    found: list[tuple[int, int]] = []
    stack: list[tuple[str, int]] = []
    dq = -1  # index of the open double quotation mark, or -1
    sq = -1  # index of the open single quotation mark, or -1
    for m in _ENCLOSERS.finditer(text, ps, pe):
        ch = m.group()
        i = m.start()
        if ch in "([{":
            stack.append((ch, i))
        elif ch in ")]}":
            if stack and stack[-1][0] == _BRACKET_PAIRS[ch]:
                found.append((stack.pop()[1], i))
        elif ch in "“«„":
            dq = i
        elif ch in "”»":
            if dq >= 0:
                found.append((dq, i))
                dq = -1
        elif ch == '"':
            before = text[i - 1] if i > ps else " "
            if before.isspace() or before in "([{—–-/‘“":
                dq = i
            elif dq >= 0:
                found.append((dq, i))
                dq = -1
        elif ch in "‘'" and (i == ps or text[i - 1].isspace() or text[i - 1] in _QUOTE_LEFT):
            # An opening single quotation mark, unless it elides digits ("’90s").
            if i + 1 < pe and not text[i + 1].isdigit() and not text[i + 1].isspace():
                sq = i
        elif ch == "‘":
            continue
        elif sq >= 0:  # ’ and ' close only when they are not an apostrophe inside a word
            after = text[i + 1] if i + 1 < pe else " "
            if not after.isalpha():
                # A stray opening mark must not swallow a whole paragraph.
                if i - sq <= _MAX_SINGLE_QUOTE:
                    found.append((sq, i))
                sq = -1
    if not found:
        return []
    found.sort()
    merged = [found[0]]
    for a, b in found[1:]:
        if a < merged[-1][1]:
            if b > merged[-1][1]:
                merged[-1] = (merged[-1][0], b)
        else:
            merged.append((a, b))
    return merged


def _forced_cuts(text: str, start: int, pe: int) -> list[int]:
    """Where list items and bulleted lines begin, inside one paragraph."""
    cuts = [m.start() for m in _INLINE_BULLET.finditer(text, start, pe)]
    cuts.extend(m.start("m") for m in _LINE_MARKER.finditer(text, start, pe))
    opening = _LIST_OPEN.match(text, start, pe)
    # A bulleted list is cut at its bullets already.
    if opening is not None and opening.group().lstrip()[0] not in _BULLETS:
        value, fmt = opening["val"], opening["fmt"]
        pos = opening.end()
        while True:
            value = str(int(value) + 1) if value.isdigit() else chr(ord(value) + 1)
            nxt = re.compile(rf"(?<=\s){re.escape(value)}{re.escape(fmt)}(?=\s+\S)").search(
                text, pos, pe
            )
            if nxt is None:
                break
            cuts.append(nxt.start())
            pos = nxt.end()
    cuts = sorted(c for c in set(cuts) if c > start)
    return cuts
