"""What the summarizer knows about each sentence: text cues and numeric features.

Text cues are yes/no questions about one sentence ("does it open with a
pronoun that needs the sentence before?", "is it a byline or a caption?").
Numeric features describe a sentence within its article (position, length,
centrality over sentence embeddings, density of names and numbers) and feed
the linear scorer whose weights ship in ``resources/summarizer_weights.json``.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from retold.data import Sentence
from retold.lexicon.calendar import RELATIVE_PERIODS, WEEKDAYS
from retold.lexicon.discourse import LEANING_CONNECTIVES
from retold.lexicon.pronouns import DEMONSTRATIVES, THIRD_PERSON
from retold.lexicon.stopwords import TFIDF_STOP_WORDS

Matrix = npt.NDArray[np.float64]


# Words that, opening a sentence, point back to something the reader must
# already have seen. "This"/"That"/... followed by a time word ("This year")
# point at the calendar instead and are let through.
_DANGLING_WORDS = THIRD_PERSON | DEMONSTRATIVES | LEANING_CONNECTIVES | {"such"}
_DANGLING_PHRASES = (
    "in addition",
    "as a result",
    "on the other hand",
    "even so",
    "at the same time",
    "the latter",
    "the former",
    "by contrast",
    "in contrast",
    "for his part",
    "for her part",
    "for their part",
    "not only that",
    "after that",
    "because of this",
    "because of that",
    "despite this",
    "despite that",
)
# "This week", "that Monday": a demonstrative before a period of time points
# at the calendar, not back at an earlier sentence.
_NOT_ANAPHORIC_AFTER_DEMONSTRATIVE = (
    frozenset(RELATIVE_PERIODS)
    | frozenset(WEEKDAYS)
    | {"years", "weeks", "months", "time", "today", "who"}
)
_OPENING_PUNCT = "\"'“‘«([ -–—"
_WORD = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)?")


def starts_dangling(text: str) -> bool:
    """True when ``text`` opens with a pronoun or connective that needs what came before.

    A quotation mark in front does not hide the word: in ``"It was over," she
    said.`` the "It" still needs an antecedent. A hyphenated opener
    ("So-called", "Then-President") is a word of its own and does not count.
    """
    head = text.lstrip(_OPENING_PUNCT).lower()[:80]
    first_match = _WORD.match(head)
    if first_match is None or head[first_match.end() : first_match.end() + 1] == "-":
        return False
    words = _WORD.findall(head)
    first = words[0].replace("’", "'").split("'")[0]  # "It's" opens with "it"
    if first in _DANGLING_WORDS:
        if first in DEMONSTRATIVES and len(words) > 1:
            return words[1] not in _NOT_ANAPHORIC_AFTER_DEMONSTRATIVE
        return True
    joined = " ".join(words[:5])
    return any(joined == p or joined.startswith(p + " ") for p in _DANGLING_PHRASES)


# A byline: "By" and one to four capitalised names, perhaps a second author,
# perhaps an outlet ("By John Smith, CNN", "By . Daily Mail Reporter .").
# Names must be capitalised, so "By the end of the year, ..." is not one.
_BYLINE = re.compile(
    r"^\W*[Bb][Yy]\s+(?:\.\s*)?(?:[A-Z][\w.'’-]*\s*){1,4}"
    r"(?:(?:and|&)\s+(?:[A-Z][\w.'’-]*\s*){1,4})?"
    r"(?:(?:,\s*|\s+for\s+|\s*[|/–—-]\s*)(?:[A-Z][\w.&'’-]*\s*){1,5})?\W*$"
)
_FURNITURE = re.compile(
    r"""^\W*(?:
        (?:photo|photograph|picture|image|video|caption|credit|source|illustration
           |graphic|gallery)s?\s*(?:credit\s*)?[:|–—]
      | (?:read|see|watch|listen|click|tap|scroll|sign\s+up|subscribe|follow|share|related
           |more\s+on|more\s+from|also\s+read|don'?t\s+miss|recommended)\b.{0,80}?
           (?:[:|»›>]|\bhere\b|\bbelow\b|\bfor\s+(?:video|more)\b
           |\bon\s+(?:twitter|facebook|instagram|x)\b|@\w)
      | (?:published|updated|last\s+(?:updated|modified))\s*(?::|\d{1,2}:\d{2})
      | advertisement\W*$ | copyright\b | ©
    )""",
    re.IGNORECASE | re.VERBOSE,
)
_CREDIT = re.compile(
    r"\b(?:contributed\s+(?:to\s+this\s+(?:report|story)|reporting)|reported\s+from\b"
    r"|(?:getty|ap|afp|reuters|pa|epa)\s+(?:images?|photos?)\W*$)",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*\s*$")


def is_furniture(text: str) -> bool:
    """True for lines a summary must never quote: bylines, captions, credits, links.

    ``By John Smith, CNN``, ``Photo: Reuters``, ``Read more: ...``,
    ``Follow us on Twitter``, ``CNN's Jane Doe contributed to this report.``,
    and short fragments that are not closed like a sentence (menu entries,
    link lists) all count.
    """
    stripped = text.strip()
    if not stripped:
        return True
    words = _WORD.findall(stripped)
    if _BYLINE.search(stripped) or _FURNITURE.search(stripped):
        return True
    # Credit lines are short; a long sentence that mentions a report is news.
    if len(words) <= 15 and _CREDIT.search(stripped):
        return True
    return len(words) < 6 and not _SENTENCE_END.search(stripped)


@dataclass(frozen=True, slots=True)
class QuoteState:
    """How a sentence's quotation marks leave things.

    ``closes_earlier``: it closes a quotation opened in an earlier sentence.
    ``left_open``: it opens a quotation that a later sentence closes.
    """

    closes_earlier: bool
    left_open: bool


_QUOTE_MARK = re.compile("[“«”»\"'‘’]")


def quote_state(text: str) -> QuoteState:
    """Read the quotation marks of one sentence (double, curly, and single quotes)."""
    closes_earlier = False
    depth = {'"': 0, "'": 0}
    n = len(text)
    for found in _QUOTE_MARK.finditer(text):  # the other characters change nothing
        i, ch = found.start(), found.group()
        before = text[i - 1] if i > 0 else " "
        after = text[i + 1] if i + 1 < n else " "
        if ch in "“«":
            kind, opening = '"', True
        elif ch in "”»":
            kind, opening = '"', False
        elif ch == '"':
            kind, opening = '"', before.isspace() or before in "([—–-" or i == 0
        elif ch in "'‘’":
            if before.isalnum() and after.isalnum():
                continue  # an apostrophe inside a word: don't, O'Neill
            if ch == "‘" or ((before.isspace() or before in "([—–-") and after.isalnum()):
                kind, opening = "'", True
            elif before in ".,!?;:…" or (depth["'"] > 0 and before.isalnum()):
                kind, opening = "'", False
            else:
                continue  # a plural possessive (players') or an elision ('90s)
        else:
            continue
        if opening:
            depth[kind] += 1
        elif depth[kind] > 0:
            depth[kind] -= 1
        elif kind == '"' or before in ".,!?;:…":
            closes_earlier = True
    return QuoteState(closes_earlier, any(d > 0 for d in depth.values()))


# Feature order is part of the weights file: append, never reorder.
FEATURE_NAMES = (
    "bias",
    "inverse_position",
    "is_first",
    "relative_position",
    "log_words",
    "short",
    "tfidf_centrality",
    "capitalised_density",
    "has_number",
    "has_quote",
    "starts_dangling",
    "log_sentences",
    "is_second",
    "is_third",
    "is_fourth_or_fifth",
    "is_sixth_to_tenth",
    "tfidf_centrality_x_inverse_position",
    "log_words_x_inverse_position",
    "tfidf_centrality_rank",
)

_TOKEN = re.compile(r"[a-z0-9]+")
_CAPITALISED = re.compile(r"(?<=\s)[A-Z][a-zA-Z]+")
_NUMBER = re.compile(r"\d")
_QUOTE = re.compile(r"[\"“”]|(?:^|\s)['‘]\w")


@dataclass(frozen=True, slots=True)
class TfIdf:
    """Unit TF-IDF rows, kept sparse: row ``i`` holds ``values[i]`` at ``columns[i]``.

    An article of 10,000 sentences has some 30,000 distinct words; its rows
    held dense would take gigabytes, and every pair of them more again.
    """

    columns: tuple[npt.NDArray[np.intp], ...]
    values: tuple[Matrix, ...]
    width: int

    def dense(self, rows: Sequence[int]) -> Matrix:
        """The rows ``rows`` as one dense matrix (``width`` columns)."""
        out = np.zeros((len(rows), max(self.width, 1)))
        for r, i in enumerate(rows):
            out[r, self.columns[i]] = self.values[i]
        return out

    def mean_similarity(self) -> Matrix:
        """Each row's mean cosine with every other row.

        The sum of a row's cosines with all rows is its product with the sum
        of all rows, so this takes one pass, not one per pair.
        """
        n = len(self.values)
        if n < 2:
            return np.ones(n)
        total = np.zeros(max(self.width, 1))
        for cols, vals in zip(self.columns, self.values, strict=True):
            total[cols] += vals
        pairs = zip(self.columns, self.values, strict=True)
        across = np.array([float(v @ total[c]) for c, v in pairs])
        own = np.array([float(v @ v) for v in self.values])
        mean: Matrix = (across - own) / (n - 1)
        return mean


def tfidf_rows(texts: Sequence[str]) -> TfIdf:
    """Unit TF-IDF rows over the content words of ``texts`` (IDF within these texts)."""
    bags = [
        Counter(t for t in _TOKEN.findall(s.lower()) if t not in TFIDF_STOP_WORDS) for s in texts
    ]
    df: Counter[str] = Counter()
    for bag in bags:
        df.update(bag.keys())
    n = len(texts)
    vocab = {w: j for j, w in enumerate(df)}
    columns, values = [], []
    for bag in bags:
        cols = np.fromiter((vocab[w] for w in bag), dtype=np.intp, count=len(bag))
        vals = np.array(
            [(1.0 + math.log(c)) * math.log((n + 1) / (df[w] + 0.5)) for w, c in bag.items()],
            dtype=float,
        )
        columns.append(cols)
        values.append(vals / max(float(np.linalg.norm(vals)), 1e-12))
    return TfIdf(tuple(columns), tuple(values), len(vocab))


def tfidf_vectors(texts: Sequence[str]) -> Matrix:
    """Unit TF-IDF rows over the content words of ``texts``, dense (see :func:`tfidf_rows`)."""
    return tfidf_rows(texts).dense(range(len(texts)))


def token_count(text: str) -> int:
    """Words and numbers in ``text``, counted the way ROUGE counts them."""
    return len(_TOKEN.findall(text.lower()))


def sentence_features(sentences: Sequence[Sentence], tfidf: TfIdf | None = None) -> Matrix:
    """One row of :data:`FEATURE_NAMES` per sentence, for a linear scorer.

    ``tfidf`` may carry :func:`tfidf_rows` of the sentences when the caller
    has them already.
    """
    n = len(sentences)
    out = np.zeros((n, len(FEATURE_NAMES)))
    if n == 0:
        return out
    texts = [s.text for s in sentences]
    out[:, 0] = 1.0
    for i, text in enumerate(texts):
        nw = max(len(_WORD.findall(text)), 1)
        out[i, 1] = 1.0 / (i + 1)
        out[i, 2] = 1.0 if i == 0 else 0.0
        out[i, 3] = i / max(n - 1, 1)
        out[i, 4] = math.log(nw)
        out[i, 5] = 1.0 if nw < 8 else 0.0
        out[i, 7] = len(_CAPITALISED.findall(" " + text)) / nw
        out[i, 8] = 1.0 if _NUMBER.search(text) else 0.0
        out[i, 9] = 1.0 if _QUOTE.search(text) else 0.0
        out[i, 10] = 1.0 if starts_dangling(text) else 0.0
        out[i, 12] = 1.0 if i == 1 else 0.0
        out[i, 13] = 1.0 if i == 2 else 0.0
        out[i, 14] = 1.0 if 3 <= i <= 4 else 0.0
        out[i, 15] = 1.0 if 5 <= i <= 9 else 0.0
    v = tfidf_rows(texts) if tfidf is None else tfidf
    out[:, 6] = v.mean_similarity()
    out[:, 11] = math.log(n)
    out[:, 16] = out[:, 6] * out[:, 1]
    out[:, 17] = out[:, 4] * out[:, 1]
    # Rank rather than value: centrality's scale shifts with article length.
    # Sentences of the same words ("Calories: 184 ." / "Calories: 196 .") tie,
    # and a tie goes to the earlier one, whatever the order of the additions
    # that summed their centralities (rounded at 12 places, far below any
    # difference that means something).
    ranks = np.argsort(np.argsort(-np.round(out[:, 6], 12), kind="stable"), kind="stable")
    out[:, 18] = ranks / max(n - 1, 1)
    return out
