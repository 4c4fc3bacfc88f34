"""Words and phrases written twice: a doubled word ("the the"), T204; a phrase
repeated in one sentence, in a row or apart, T212. A repeat the source itself
has is only a warning.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator, Sequence

from retold.audit.align import STOPWORDS
from retold.audit.checks.textscan import SPEECH_MARKS, issue
from retold.data import Issue, Sentence, Severity

__all__ = ["doubled_words", "repeated_phrases"]


_DOUBLED = re.compile(r"\b(\w+)\s+(\1)\b", re.IGNORECASE)
# Doubled words that English allows ("that that", "had had").
_DOUBLE_OK = {"that", "had", "is", "do", "very", "so", "many", "bye", "no", "far", "long"}

_WORD = re.compile(r"\w+(?:['’.]\w+)*")

# Words too common to make a repeated phrase a defect on their own ("more and
# more and more", "one by one by one", "I will be ... I will be").
_FUNCTION_WORDS = STOPWORDS | {"one", "two", "less", "going", "get", "got", "per"}

_LONGEST = 8  # words: longer repeats are reported by their first eight words


def doubled_words(text: str, source: str | None = None) -> Iterator[Issue]:
    for m in _DOUBLED.finditer(text):
        word = m.group(1)
        if word.lower() in _DOUBLE_OK or word.isdigit():
            continue
        note = ""
        if source is not None and m.group(0) in source:
            # A typo the source itself has ("pins and and other programs") is
            # not the rewrite's fault.
            severity: str | None = Severity.WARNING
            note = " (as in the source)"
        elif (word[:1].isupper() or _name_with_the(text, m)) and (
            source is None or re.search(rf"\b{re.escape(word)}\W+{re.escape(word)}\b", source)
        ):
            # "Bora Bora", "Walla Walla": doubled proper names exist; "to the
            # The Netherlands" doubles an article, not a fact. A source that
            # writes the name once shows the doubling is the rewrite's.
            severity = Severity.WARNING
        else:
            severity = None
        yield issue(
            "T204",
            f"'{m.group(0)}' repeats a word{note}",
            text,
            m.start(),
            m.end(),
            severity=severity,
        )


def repeated_phrases(
    text: str, sentences: tuple[Sentence, ...], source: str | None = None
) -> Iterator[Issue]:
    """T212: a phrase of two or more words written twice in one sentence.

    Twice in a row ("the bridge over the river, the bridge over the river,")
    is an error, as a doubled word is. Apart ("the new budget ... the new
    budget") a phrase of three or more words, two of them content words, is
    an error when the source is known and holds it at most once, else a
    warning: a writer may repeat a name on purpose. A repeat the source
    itself has is only a warning.
    """
    for s in sentences:
        words = [
            (m.group().lower(), s.start + m.start(), s.start + m.end())
            for m in _WORD.finditer(s.text)
        ]
        taken: list[tuple[int, int]] = []
        for n in range(min(_LONGEST, len(words) // 2), 1, -1):
            for i in range(len(words) - 2 * n + 1):
                first, second = words[i : i + n], words[i + n : i + 2 * n]
                if [w for w, _, _ in first] != [w for w, _, _ in second]:
                    continue
                start, end = first[0][1], second[-1][2]
                if any(a < end and start < b for a, b in taken):
                    continue
                if first[-1][0] in _FUNCTION_WORDS or first[-1][0].isdigit():
                    continue  # "went head to head to win": an idiom, then its preposition
                if not re.fullmatch(r"[\s,;:—–-]*", text[first[-1][2] : second[0][1]]):
                    continue  # something stands between: not written twice in a row
                taken.append((start, end))
                phrase = text[first[0][1] : first[-1][2]]
                twice = [w for w, _, _ in first] * 2
                again = source is not None and _count(twice, source) > 0
                # Speech repeats itself ("I wouldn't, I wouldn't," she said):
                # in a sentence that quotes, a repeat is only worth a look.
                weak = again or SPEECH_MARKS.search(s.text) is not None
                yield issue(
                    "T212",
                    f"'{phrase}' is written twice in a row"
                    + (" (as in the source)" if again else ""),
                    text,
                    start,
                    end,
                    severity=Severity.WARNING if weak else None,
                )
        yield from _phrases_apart(text, words, taken, source)


def _phrases_apart(
    text: str,
    words: list[tuple[str, int, int]],
    taken: list[tuple[int, int]],
    source: str | None,
) -> Iterator[Issue]:
    seen: dict[tuple[str, ...], int] = {}
    for n in range(min(_LONGEST, len(words) // 2), 2, -1):
        for i in range(len(words) - n + 1):
            gram = tuple(w for w, _, _ in words[i : i + n])
            start, end = words[i][1], words[i + n - 1][2]
            if sum(w not in _FUNCTION_WORDS and not w.isdigit() for w in gram) < 2:
                continue
            if gram not in seen:
                seen[gram] = i
                continue
            j = seen[gram]
            if j + n > i or any(a < end and start < b for a, b in taken):
                continue  # overlapping, or part of a longer repeat already reported
            phrase = text[start:end]
            if source is not None and _source_repeats(words, j, i, n, source):
                continue
            taken += [(words[j][1], words[j + n - 1][2]), (start, end)]
            yield issue(
                "T212",
                f"'{phrase}' is written twice in one sentence"
                + ("" if source is None else "; the source has it once at most"),
                text,
                start,
                end,
                severity=None if source is not None else Severity.WARNING,
            )


def _source_repeats(words: list[tuple[str, int, int]], j: int, i: int, n: int, source: str) -> bool:
    """Whether the source repeats what the rewrite repeats at ``j`` and ``i`` (``n``
    words), if in other words: the repeat is widened by the words the two places
    share around it, and any three words of it the source holds twice will do
    ("criticised last week for calling the plan" twice, reworded "scheme")."""
    left = 0
    while left < 4 and j - left > 0 and words[j - left - 1][0] == words[i - left - 1][0]:
        left += 1
    right = 0
    while (
        right < 4
        and i + n + right < len(words)
        and words[j + n + right][0] == words[i + n + right][0]
    ):
        right += 1
    wide = [w for w, _, _ in words[j - left : j + n + right]]
    return any(_count(wide[k : k + 3], source) > 1 for k in range(len(wide) - 2))


def _count(words: Sequence[str], text: str) -> int:
    """How often the words stand in ``text`` in a row, whatever the case and the
    spaces and punctuation between them."""
    tokens, starts = _index(text)
    n = len(words)
    head = tuple(words[:3])
    places = starts.get(head, ()) if n >= 3 else range(len(tokens) - n + 1)
    return sum(1 for i in places if tokens[i : i + n] == tuple(words))


@functools.lru_cache(maxsize=8)
def _index(text: str) -> tuple[tuple[str, ...], dict[tuple[str, ...], list[int]]]:
    """``text``'s words, lower-cased, and where each three words in a row start.

    A rewrite's repeats are looked up in its source one by one; the source is
    read once, so that a long article is not scanned once per repeat.
    """
    tokens = tuple(m.group().lower() for m in _WORD.finditer(text))
    starts: dict[tuple[str, ...], list[int]] = {}
    for i in range(len(tokens) - 2):
        starts.setdefault(tokens[i : i + 3], []).append(i)
    return tokens, starts


def _name_with_the(text: str, m: re.Match[str]) -> bool:
    """Whether a doubled "the" runs into a name that starts with "The" ("the The Hague")."""
    if m.group(1) != "the" or m.group(2) != "The":
        return False
    return bool(re.match(r"\s+[A-Z]", text[m.end() :]))
