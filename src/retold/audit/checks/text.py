"""Source-free checks: text that is broken whatever its source said.

These catch what careless splitters, paraphrasers and spinners leave behind:
abbreviations shredded into fragments ("U.S. S.", "You. S. Officials"),
stray initials ("S. O. S. I. S. 1."), names and dates torn apart by a split
("Donald J. November", "on October. Between 7 and ..."), doubled words and
phrases, filler no news text has ("Alright,", "Dear Mr. Biden"), unbalanced
quotes and page furniture ("scroll to top"). Every issue carries a span into
the text.

When the source is known, filler and furniture that the source itself holds
are not the rewrite's fault and are reported as warnings only.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Iterator, Sequence
from typing import Any

from retold.audit import catalogue as cat
from retold.audit.align import STOPWORDS
from retold.audit.group import TextContext
from retold.audit.registry import check
from retold.data import AuditMode, Issue, Sentence, Severity
from retold.lexicon.abbreviations import MAY_END, NEVER_END, STARTERS
from retold.lexicon.abbreviations import TITLES as ABBREVIATED_TITLES
from retold.lexicon.calendar import MONTH_NAMES, WEEKDAYS
from retold.lexicon.discourse import SUBORDINATORS
from retold.lexicon.names import NAME_TITLES
from retold.lexicon.pronouns import FIRST_AND_SECOND, PERSONAL
from retold.models.parser import parse


def _words(spaced: str) -> frozenset[str]:
    return frozenset(spaced.split())


_MONTHS = "|".join(MONTH_NAMES)
_DAYS = "|".join(day.capitalize() for day in WEEKDAYS)
# Titles (the segmenter's, so both know "Det.") and a few abbreviations end in
# a period but are no sentence: "Mr. J. Smith" is a name.
_TITLES = {t.lower() for t in ABBREVIATED_TITLES} | {"st", "jr", "sr", "ft", "no", "vs", "v"}

# A one-letter "initial" right after a word that ends a sentence: "U.S. S. The",
# "You. S. Officials", "U.S. s. officials".
_FRAGMENT = re.compile(r"(?<![\w.])([A-Za-z][\w.]*\.)[ \t]+([A-Za-z])\.(?=\s|$)")
# A dotted abbreviation of two or more letters ("U.S.", "D.C.", "a.m.").
_DOTTED = re.compile(r"(?<![\w.])(?:[A-Za-z]\.){2,}")
_KNOWN_ABBREVIATIONS = MAY_END | NEVER_END
# A clock time whose "a.m." or "p.m." came apart: "5 p. m.", "at 9 a. m."
_SPLIT_CLOCK = re.compile(r"\d\s*([ap]\.[ \t]+m\.)")
# Three or more initials or digits each standing alone: "S. O. S. I. S. 1."
_INITIALS = re.compile(r"(?<![\w.])(?:[A-Z0-9]\.\s+){2,}[A-Z0-9]\.(?=\s+(\S)|\s*$)")
# A middle initial followed by what cannot be a surname: "Donald J. November will".
_TORN_NAME = re.compile(rf"\b[A-Z][a-z]+\s+[A-Z]\.\s+(?:(?:{_MONTHS}|{_DAYS})\b|(?P<low>[a-z]+)\b)")
# Words that may follow a name cut to its last initial, as papers print readers
# and minors: "Allison B. of Galveston, Texas, said", "Sarah K. and her son".
_AFTER_INITIAL = frozenset(
    {"of", "from", "in", "at", "and", "or", "who", "whose", "said", "says", "told", "wrote"}
)
# "on October." - a day of month split off into the next sentence.
_TORN_DATE = re.compile(rf"\bon\s+(?:{_MONTHS})\s*[.,;]")
_DOUBLED = re.compile(r"\b(\w+)\s+(\1)\b", re.IGNORECASE)
# Doubled words that English allows ("that that", "had had").
_DOUBLE_OK = {"that", "had", "is", "do", "very", "so", "many", "bye", "no", "far", "long"}
# Punctuation doubled around a closing quote: '.".' or ".”."
# Punctuation no writer means: a period after a quotation already closed by
# its own end mark ('.”.'), a comma and a period, two periods that are no
# ellipsis, a comma or semicolon doubled.
_PUNCT_ERROR = re.compile(
    r"[.!?,][”\"’']\s*\.(?!\.)|,\s*\.(?!\.)|(?<![.…])\.\.(?![.…])|,\s*,|;\s*;"
)
# Punctuation that is a matter of style or tone ('."," she said', "?!").
_PUNCT_WARN = re.compile(r"[.!?][”\"’']\s*,|[!?][!?]+|[!?]\.|\.[!?]")
# A symbol standing alone, written twice: "Marlow & & Finch", "rock / / pop".
_DOUBLED_SYMBOL = re.compile(r"(?<!\S)([&+@#§|/])\s+\1(?!\S)")

# Openers no news sentence starts with: conversation, letter or tone ("So,
# basically, the plant will close", "Alright, so the probe ...").
_FILLER_ERROR = re.compile(
    r"^(?:(?:(?:Alright|All right|Okay|OK|Well|So)\s*,?\s+so\b|So,?\s+(?:basically|yeah)\b|"
    r"Alright|All right|Anyways|Basically|Honestly|Frankly|"
    r"Look|Listen|Hey|Well,? well|Um|Uh|Needless to say|"
    r"With a straight face|To be honest|Long story short|Funnily enough|"
    r"Mind you|Lo and behold|As you know|You know|I mean|Guess what|Fun fact|"
    r"Here's the thing|Here’s the thing|The thing is|Truth be told|Let's face it|"
    r"Let’s face it|Let's be honest|Let’s be honest|Let me tell you|In a nutshell|"
    r"Spoiler alert|Get this|At the end of the day|To cut a long story short|"
    r"Hmm+|Erm?|Ahem)\b)[,!:]?",
)
# Spoken openers that features and columns sometimes print ("So, why might
# this be?"; "So far," and "So much" are no filler): an error against a
# source that does not open a sentence with them, a warning alone.
_FILLER_SPOKEN = re.compile(
    r"^(?:Well|So|Like|Yeah|Yep|Oh|Ah|Wow|Right|See|Seriously|Literally|Okay|OK|Ok|"
    r"Anyway|Anyhow|Folks|Guys|Ladies and gentlemen|Friends|As I said|Like I said)\s*[,!]"
)
# Spoken filler inside or at the end of a sentence: "the plant, basically,
# will close", "the vote is Monday, you know."
_FILLER_INSIDE = re.compile(
    r",[ \t]*(?:like|you know|I mean|basically|literally|honestly|um|uh|you see)[ \t]*,"
    r"|,[ \t]*(?:you know|right|I guess|lol|folks|you see|basically)[ \t]*[.?!]$"
)
# "Dear" and a name: a salutation. As the text's first line, followed by a
# comma, colon or the line's end, it opens a letter; anywhere else, or
# running on into a sentence ("Dear Mr. Biden and his aides envision"), it
# is an injected opener. "Dear Colleagues was the memo's title" names no one.
_FILLER_DEAR = re.compile(r"^Dear\s+(?:Mr|Mrs|Ms|Dr|Sir|Madam|[A-Z][a-z]+)\b")
_HONORIFIC = re.compile(r"Dear\s+(?:Mr|Mrs|Ms|Miss|Dr|Prof|Sen|Gov|Rep|President|Senator)\b")
_SALUTATION = re.compile(r"Dear(?:\s+[A-Z][\w.'’-]*){1,4}\s*(?:[,:!]|$)", re.MULTILINE)
# Openers that published features and columns do use ("Believe it or not, even
# Saint George...", "Anyway, the main event is up next" in a live blog): worth
# a look in a rewrite, no proof of a defect.
_FILLER_WARN = re.compile(
    r"^(?:(?:Now|Indeed|Of course|Clearly|Obviously)\s*,|"
    r"(?:Okay|OK|Ok|Anyway|Believe it or not)\b(?!['’])[,!]?)"
)
# Two words split by a period and a capital: where the source writes them as
# one name ("Bureau of Labor Statistics", "SkyBridge"), the rewrite tore it.
_SPLIT_PAIR = re.compile(r"(?<![\w.])([A-Za-z][\w'’-]+)\.[ \t]+([A-Z][\w'’-]*)\b")
# A hyphenated word, a word with an inner capital ("SkyBridge", "McAllen"),
# a name with a middle initial ("Maria T. Lopez"): forms a tear leaves behind.
_HYPHENATED = re.compile(r"(?<![\w-])([A-Za-z][a-z]+)-([A-Za-z][a-z]+)(?![\w-])")
_INNER_CAPITAL = re.compile(r"(?<![\w#@-])[A-Z][a-z]+[A-Z][a-z]\w*")
_INITIALED_NAME = re.compile(r"\b([A-Z][a-z]+)[ \t]+([A-Z])\.[ \t]+([A-Z][a-z][\w'’-]*)")
# What those forms look like torn, in the rewrite.
_HANGING_HYPHEN = re.compile(
    r"(?<![\w-])([A-Za-z][a-z]+)(?:-[ \t]+|[ \t]+-[ \t]*)([A-Za-z][a-z]+)\b"
)
_TWO_CAPITALISED = re.compile(r"(?<![\w-])([A-Z][a-z]+)(?=[ \t]+([A-Z][a-z]\w*))")  # overlapping
_INITIAL_THEN_WORD = re.compile(r"\b([A-Z][a-z]+)[ \t]+([A-Z])\.[ \t]+([A-Z][\w'’-]*)")
# Abbreviated titles of people and the period-less spellings a reader expects
# for them ("Dr." -> "Doctor"); any other word that starts like the title and
# stands before the same name misread it ("Dr. Felicia Grant" -> "Drive
# Felicia Grant", "Sen." -> "Senate"). NAME_TITLES has most spellings.
# "St.", "Ft." and "Mt." before a name are "Saint", "Fort" and "Mount" ("St.
# Louis" is no "Street Louis").
_PERSON_TITLES = tuple(
    sorted((ABBREVIATED_TITLES - {"Sec", "Secs"}) | {"St", "Ft"}, key=len, reverse=True)
)
_SPELLED_TITLES = frozenset(
    {"doctor", "doctors", "honorable", "honourable", "associate", "friar", "alderman"}
    | {"ensign", "brigadier", "lieutenant", "mister", "governor-elect", "president-elect"}
    | {"saint", "sainte", "fort", "mount"}
)
_TITLE_BEFORE_NAME = re.compile(
    rf"(?<![\w.])({'|'.join(_PERSON_TITLES)})\.[ \t]+([A-Z][a-z][\w'’-]*)\b"
)
# A word and the capitalised word after it (overlapping: "Drive Felicia Grant").
_WORD_BEFORE_NAME = re.compile(r"(?<![\w.])([A-Za-z][a-z]+)(?=[ \t]+([A-Z][a-z][\w'’-]*)\b)")
# Words no sentence ends on: an article, a determiner that needs its noun, a
# coordinating conjunction ("... in connection with the.", "... and").
_NEVER_LAST = frozenset(
    {"the", "a", "an", "and", "or", "nor", "but", "its", "their", "our", "your", "my"}
    | {"every", "whose", "whether", "than"}
)
# Words a sentence cut off mid-clause ends on when it lost its final mark too
# ("shelters would open at"): prepositions, auxiliaries, subordinators. With
# the mark they may end a sentence ("what they were looking at.").
_CUT_LAST = _NEVER_LAST | _words(
    """
    at of in on for with from by to about into onto over under between among after
    before during until toward towards against without via per like as
    would will could should can may might must shall is are was were has have had be been
    that which who whom because if while when although though since unless
    """
)
_END_MARKS = ".!?\"”’')]…:;"
_LAST_WORD = re.compile(r"(\w+)[\W]*$")

# A sentence that opens with a quotation mark is someone's words: "'I mean, it's
# a lot of work,' she said" quotes filler, it does not add it.
_QUOTE_OPENERS = "\"“'‘"

_FURNITURE = re.compile(
    r"\b(?:scroll(?:ed)? (?:to|back to) (?:the )?top|back to top|skip to (?:main )?content|"
    r"click here(?: to| for)?|share this (?:article|story|page)|advertisement|"
    r"sign up for (?:our|the) newsletter|subscribe (?:now|today)|read more|"
    r"related (?:articles|stories)|follow us on|all rights reserved|"
    r"print this (?:article|page)|email this (?:article|page)|cookie (?:policy|settings))\b",
    re.IGNORECASE,
)

# A sentence that opens with a third-person pronoun needs someone named before.
# "It" is left out: "It was raining", "It is unclear whether" need no antecedent.
_PRONOUN_START = re.compile(r"^[\"“'‘]?(He|She|They|His|Her|Their)\b")
# What can stand before such a pronoun: a name, a noun ("the minister", "police")
# or a personal pronoun that itself refers back ("nothing" does not).
_ANTECEDENT_POS = frozenset({"PROPN", "NOUN"})
_PERSONAL = (PERSONAL - {"it", "its"}) | FIRST_AND_SECOND

_OPEN_Q = "“"
_CLOSE_Q = "”"


@check("text", modes=tuple(AuditMode), needs_source=False, order=0)
def text_checks(text: TextContext) -> tuple[Issue, ...]:
    """The source-free checks as one registered check (see :func:`check_text`)."""
    return check_text(text.text, text.sentences, source=text.source, doc=text.doc)


def check_text(
    text: str,
    sentences: tuple[Sentence, ...],
    *,
    source: str | None = None,
    doc: Any = None,
) -> tuple[Issue, ...]:
    """Run every source-free check over ``text``.

    ``sentences`` are the segmented sentences of ``text``; ``doc`` is an
    optional spaCy ``Doc`` of ``text`` (the verb check is skipped without
    one). ``source``, when given, turns filler and furniture that the source
    also holds into warnings.
    """
    found: list[Issue] = []
    found.extend(_fragments(text))
    found.extend(_initials(text))
    found.extend(_split_abbreviations(text, source))
    found.extend(_torn_names(text))
    found.extend(_torn_dates(text, sentences))
    if source is not None:
        found.extend(_torn_pairs(text, source))
        found.extend(_torn_words(text, source))
        found.extend(_misread_titles(text, source))
    found.extend(_cut_off(text, sentences, source, doc))
    found.extend(_doubled(text, source))
    found.extend(_repeated_phrases(text, sentences, source))
    found.extend(_stray_punctuation(text, source))
    found.extend(_doubled_symbols(text, source))
    found.extend(_filler(text, sentences, source))
    found.extend(_filler_inside(text, sentences, source))
    found.extend(_furniture(text, source))
    found.extend(_quotes(text, sentences))
    found.extend(_orphan_pronouns(text, sentences, doc, source))
    if doc is not None:
        found.extend(_verbless(text, sentences, doc, source))
        found.extend(_clause_fragments(text, sentences, doc, source))
    return _dedupe(found)


def _dedupe(found: list[Issue]) -> tuple[Issue, ...]:
    # A stray-initials run also matches the fragment pattern; keep the more
    # specific issue once per span.
    out: list[Issue] = []
    covered: list[tuple[int, int]] = []
    for issue in sorted(found, key=lambda i: (i.code != "T202", i.rewrite_span or (0, 0))):
        span = issue.rewrite_span or (0, 0)
        if issue.code == "T201" and any(s <= span[0] < e for s, e in covered):
            continue
        if issue.code == "T202":
            covered.append(span)
        out.append(issue)
    return tuple(sorted(out, key=lambda i: ((i.rewrite_span or (0, 0)), i.code)))


def _issue(code: str, message: str, text: str, start: int, end: int, **kw: Any) -> Issue:
    return cat.make(code, message, rewrite_span=(start, end), rewrite_text=text[start:end], **kw)


def _fragments(text: str) -> Iterator[Issue]:
    for m in _FRAGMENT.finditer(text):
        word = m.group(1)
        bare = word.rstrip(".").lower()
        if bare in _TITLES:
            continue
        # "J. R. Tolkien": an initial after an initial is a name, not a fragment.
        if len(bare) == 1:
            continue
        yield _issue(
            "T201",
            f"'{m.group(0)}' looks like a fragment left by a sentence split "
            f"(an abbreviation such as 'U.S.' broken in two)",
            text,
            m.start(),
            m.end(),
        )


def _split_abbreviations(text: str, source: str | None) -> Iterator[Issue]:
    """T201: a dotted abbreviation written apart ("U. S." for the source's "U.S.",
    "5 p. m."): its letters read as initials or sentence ends."""
    spans: set[tuple[int, int]] = set()
    for m in _SPLIT_CLOCK.finditer(text):
        spans.add((m.start(1), m.end(1)))
    if source is not None:
        for abbr in set(_DOTTED.findall(source)):
            # Initials of a name may be spaced either way ("J.R. Ewing", "J. R.
            # Ewing"); only known abbreviations and lower-case ones are words.
            if abbr.rstrip(".") not in _KNOWN_ABBREVIATIONS and not abbr.islower():
                continue
            letters = abbr.rstrip(".").split(".")
            apart = r"\.[ \t]+".join(map(re.escape, letters)) + r"\."
            if re.search(rf"(?<![\w.]){apart}", source):
                continue
            for m in re.finditer(rf"(?<![\w.]){apart}", text):
                spans.add((m.start(), m.end()))
    for start, end in sorted(spans):
        if source is not None and text[start:end] in source:
            continue
        yield _issue(
            "T201",
            f"'{text[start:end]}' writes an abbreviation apart, letter by letter",
            text,
            start,
            end,
        )


def _initials(text: str) -> Iterator[Issue]:
    for m in _INITIALS.finditer(text):
        run = m.group(0)
        count = run.count(".")
        after = m.group(1) or ""
        # "J. R. R. Tolkien" is a name: three initials followed by a surname.
        if count == 3 and after[:1].isupper() and not any(c.isdigit() for c in run):
            continue
        yield _issue(
            "T202",
            f"'{run}' is a run of stray initials: text shredded into letters",
            text,
            m.start(),
            m.end(),
        )


def _torn_names(text: str) -> Iterator[Issue]:
    for m in _TORN_NAME.finditer(text):
        if m.group("low") in _AFTER_INITIAL:
            continue
        yield _issue(
            "T208",
            f"'{m.group(0)}' tears a name apart: a middle initial is followed by "
            f"a word that cannot be a surname",
            text,
            m.start(),
            m.end(),
        )


def _torn_pairs(text: str, source: str) -> Iterator[Issue]:
    """T208: a period and a capital split what the source writes as one name.

    "the Bureau of Labor. Statistics reported" where the source has "Bureau
    of Labor Statistics"; "Sky. Bridge" where it has "SkyBridge". A word that
    opens clauses ("The", "He") or a title ("Mayor") after the period may
    start a sentence of its own, so it is left alone.
    """
    for m in _SPLIT_PAIR.finditer(text):
        left, right = m.group(1), m.group(2)
        if left.lower() in _TITLES:
            continue
        a, b = re.escape(left), re.escape(right)
        joined = _in_source(rf"(?<![\w.]){a}{b}(?!\w)", left + right, source)
        # Two words that may each end and open a sentence ("in May. Nine ...",
        # "in New York. Mayor Adams") were perhaps split on purpose.
        opens = right in STARTERS or right.lower() in NAME_TITLES
        ends = left.capitalize() in MONTH_NAMES or left.lower() in WEEKDAYS
        whole = (
            left[:1].isupper()
            and not (opens or ends)
            and _in_source(rf"(?<![\w.]){a}[ \t]+{b}\b", left, source)
        )
        if not (joined or whole) or _in_source(rf"\b{a}\.\s+{b}\b", left, source):
            continue
        kept = f"{left}{right}" if joined else f"{left} {right}"
        yield _issue(
            "T208",
            f"'{m.group(0)}' tears apart '{kept}', which the source writes whole: "
            f"a period split a name",
            text,
            m.start(),
            m.end(),
        )


def _torn_words(text: str, source: str) -> Iterator[Issue]:
    """T208: a name the source writes whole, torn in the rewrite otherwise than
    by a period: a hyphen left hanging ("Jean- Luc" for "Jean-Luc"), a space in
    a word with an inner capital ("Sky Bridge" for "SkyBridge"), or a name with
    a middle initial whose surname was replaced ("Maria T. Mayor" for "Maria T. Lopez").
    The rewrite is scanned once for each shape, then looked up in the source."""
    hyphenated = set(_HYPHENATED.findall(source))
    for m in _HANGING_HYPHEN.finditer(text):
        left, right = m.group(1), m.group(2)
        if (left, right) in hyphenated:
            yield _issue(
                "T208",
                f"'{m.group(0)}' tears apart '{left}-{right}', which the source writes whole",
                text,
                m.start(),
                m.end(),
            )
    inner = set(_INNER_CAPITAL.findall(source))
    for m in _TWO_CAPITALISED.finditer(text):
        word = m.group(1) + m.group(2)
        if word not in inner or re.search(rf"\b{re.escape(word)}\b", text):
            continue
        # A hashtag or handle ("#EarthDay") beside the words written apart in
        # the source ("Earth Day") is no name torn.
        apart = rf"{re.escape(m.group(1))}[ \t]+{re.escape(m.group(2))}\b"
        if _in_source(apart, m.group(1), source):
            continue
        torn = text[m.start() : m.end(2)]
        yield _issue(
            "T208",
            f"'{torn}' tears apart '{word}', which the source writes whole",
            text,
            m.start(),
            m.end(2),
        )
    surnames: dict[tuple[str, str], set[str]] = {}
    for first, initial, last in _INITIALED_NAME.findall(source):
        surnames.setdefault((first, initial), set()).add(last)
    for m in _INITIAL_THEN_WORD.finditer(text):
        lasts = surnames.get((m.group(1), m.group(2)))
        after = m.group(3)
        if not lasts or any(after.startswith(last) for last in lasts):
            continue
        if after in MONTH_NAMES or after.lower() in WEEKDAYS:
            continue  # a tear _torn_names reports
        if after in STARTERS:
            continue  # "at Gate B. The passengers": maybe no name, a sentence end
        name = f"{m.group(1)} {m.group(2)}. {sorted(lasts)[0]}"
        yield _issue(
            "T208", f"'{m.group(0)}' cuts '{name}' after the initial", text, m.start(), m.end()
        )


def _misread_titles(text: str, source: str) -> Iterator[Issue]:
    """T213: an abbreviated title the source puts before a name, spelled out in
    the rewrite as another word that starts the same ("Dr." -> "Drive")."""
    titles: dict[str, set[str]] = {}
    for title, name in _TITLE_BEFORE_NAME.findall(source):
        titles.setdefault(name, set()).add(title)
    if not titles:
        return
    for r in _WORD_BEFORE_NAME.finditer(text):
        word, name = r.group(1), r.group(2)
        low = word.lower()
        if low in NAME_TITLES or low in _SPELLED_TITLES:
            continue
        for title in sorted(titles.get(name, ())):
            if low.startswith(title.lower()) and low != title.lower():
                yield _issue(
                    "T213",
                    f"'{word} {name}': the source's title '{title}.' before {name} is "
                    f"spelled out as '{word}', which is no title",
                    text,
                    r.start(),
                    r.end(2),
                )
                break


def _cut_off(
    text: str, sentences: tuple[Sentence, ...], source: str | None, doc: Any = None
) -> Iterator[Issue]:
    """T201: a sentence that stops where no sentence can.

    Any sentence ending on an article, a determiner or a conjunction ("...
    with the."); the text's last sentence, when it also lost its final mark,
    ending on a preposition or an auxiliary ("shelters would open at"); any
    sentence ending on such a word where the source goes on after the same
    two words ("would open at." for "would open at noon"). A text's last
    sentence with no final mark where its source has one is worth a look (a
    warning). The source ending the same way excuses all of them.
    """
    src_end = source.rstrip() if source is not None else ""
    for k, s in enumerate(sentences):
        body = s.text.rstrip()
        m = _LAST_WORD.search(body)
        if m is None or body[-1:] in "—–-…:" or body.endswith("..."):
            continue
        last = k == len(sentences) - 1
        unmarked = body[-1:] not in _END_MARKS
        why = _why_cut(body, m, last and unmarked, source, doc, s.start)
        if why is not None:
            yield _issue(
                "T201",
                f"the sentence ends on '{m.group(1)}', {why}: it is cut off",
                text,
                s.start + m.start(1),
                s.start + len(body),
            )
        elif (
            last
            and unmarked
            and source is not None
            and src_end[-1:] in _END_MARKS
            and not _FURNITURE.search(body)  # "scroll to top" is reported as itself
        ):
            yield _issue(
                "T201",
                "the text ends without a final mark where its source has one: "
                "the last sentence may be cut off",
                text,
                s.start + m.start(1),
                s.start + len(body),
                severity=Severity.WARNING,
            )


def _why_cut(
    body: str, m: re.Match[str], open_end: bool, source: str | None, doc: Any, start: int
) -> str | None:
    """Why the sentence ``body`` (its last word matched by ``m``; ``open_end``: the
    text's last sentence, with no final mark) is cut off, or None."""
    word = m.group(1)
    if source is not None and _ends_alike(body, source):
        return None
    if word in _NEVER_LAST or (open_end and word in _CUT_LAST):
        return "where no sentence can end"
    if (
        word in _CUT_LAST
        and source is not None
        and _goes_on(body, source)
        and _dangles(doc, start + m.start(1))
    ):
        return "where the source goes on"
    return None


def _dangles(doc: Any, at: int) -> bool:
    """Whether the word at ``at`` hangs off the main clause with nothing after it:
    a stranded preposition needs a question word, a relative clause, a passive or
    an infinitive ("the one thing they care about", "was looked at", "a place
    to live in"); a preposition of the main verb without them was cut off."""
    if doc is None:
        return False
    token = next((t for t in doc if t.idx == at), None)
    if token is None:
        return False
    head = token.head
    if head.dep_ not in ("ROOT", "ccomp", "conj") or any(
        c.dep_ in ("auxpass", "nsubjpass") for c in head.children
    ):
        return False
    return not any(t.tag_ in ("WDT", "WP", "WP$", "WRB") for t in token.sent)


def _goes_on(body: str, source: str) -> bool:
    """Whether the source has the last two words of ``body`` followed by a word."""
    words = re.findall(r"\w+", body)[-2:]
    if len(words) < 2:
        return False
    ending = r"\W+".join(map(re.escape, words))
    return _in_source(rf"\b{ending}[ \t]+\w", words[0], source, re.IGNORECASE)


def _ends_alike(body: str, source: str) -> bool:
    """Whether the source has a sentence (or the text) ending on the same two
    words as ``body``."""
    words = re.findall(r"\w+", body)[-2:]
    ending = r"\W+".join(map(re.escape, words))
    if not words:
        return re.search(rf"\b{ending}\W*(?:[.!?]|$)", source) is not None
    return _in_source(rf"\b{ending}\W*(?:[.!?]|$)", words[0], source)


def _in_source(pattern: str, first: str, source: str, flags: int = 0) -> bool:
    """``re.search(pattern, source, flags)`` for a pattern whose every match
    opens with ``first`` as a whole word (no word character before it, none
    after its own word characters): tried only where the source has that
    word. Issue 15: searching a long source for every sentence of its
    rewrite made the text checks grow with the square of the article."""
    fold = bool(flags & re.IGNORECASE)
    key = re.match(r"\w*", first)
    word = key.group() if key is not None else ""
    starts = _word_starts(source, fold).get(word.lower() if fold else word, ())
    compiled = re.compile(pattern, flags)
    return any(compiled.match(source, p) for p in starts)


@functools.lru_cache(maxsize=4)
def _word_starts(source: str, fold: bool) -> dict[str, list[int]]:
    """Where each word of ``source`` stands (lower-cased when ``fold``)."""
    out: dict[str, list[int]] = {}
    for m in re.finditer(r"\b\w+", source):
        out.setdefault(m.group().lower() if fold else m.group(), []).append(m.start())
    return out


def _torn_dates(text: str, sentences: tuple[Sentence, ...]) -> Iterator[Issue]:
    for m in _TORN_DATE.finditer(text):
        yield _issue(
            "T209",
            f"'{m.group(0)}' names a month without its day: the day was probably "
            f"split off into the next sentence",
            text,
            m.start(),
            m.end(),
        )
    for prev, nxt in itertools.pairwise(sentences):
        # The day lands in the next sentence: right after a sentence ending in
        # a month, or after one holding a month with no day ("on October,").
        torn = re.search(rf"\b(?:{_MONTHS})\s*[.!?]?$", prev.text) or _TORN_DATE.search(prev.text)
        if torn and re.match(r"^\W*(?:\w+\s+){0,2}?(?:[1-9]|[12]\d|3[01])\b", nxt.text):
            yield _issue(
                "T209",
                f"'{nxt.text[:40]}' starts with what may be the day of month cut off "
                f"the date in the sentence before",
                text,
                nxt.start,
                nxt.end,
            )


def _doubled(text: str, source: str | None = None) -> Iterator[Issue]:
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
        yield _issue(
            "T204",
            f"'{m.group(0)}' repeats a word{note}",
            text,
            m.start(),
            m.end(),
            severity=severity,
        )


_WORD = re.compile(r"\w+(?:['’.]\w+)*")
# Words too common to make a repeated phrase a defect on their own ("more and
# more and more", "one by one by one", "I will be ... I will be").
_FUNCTION_WORDS = STOPWORDS | {"one", "two", "less", "going", "get", "got", "per"}
# Quotation marks, told apart from apostrophes: a straight or curly double
# mark, a single mark opening a word or closing after punctuation.
_SPEECH_MARKS = re.compile(r"[\"“”]|(?:^|\s)['‘]|[,.!?]['’](?:\s|$)")
_LONGEST = 8  # words: longer repeats are reported by their first eight words


def _repeated_phrases(
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
                weak = again or _SPEECH_MARKS.search(s.text) is not None
                yield _issue(
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
            yield _issue(
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
    pattern = r"(?<!\w)" + r"\W+".join(map(re.escape, words)) + r"(?!\w)"
    return len(re.findall(pattern, text, re.IGNORECASE))


def _name_with_the(text: str, m: re.Match[str]) -> bool:
    """Whether a doubled "the" runs into a name that starts with "The" ("the The Hague")."""
    if m.group(1) != "the" or m.group(2) != "The":
        return False
    return bool(re.match(r"\s+[A-Z]", text[m.end() :]))


def _stray_punctuation(text: str, source: str | None = None) -> Iterator[Issue]:
    """T210: doubled or stray punctuation; an error when it is plainly broken and
    the source (when known) does not have the same, else a warning."""
    for pattern, plain in ((_PUNCT_ERROR, Severity.ERROR), (_PUNCT_WARN, Severity.WARNING)):
        for m in pattern.finditer(text):
            marks = m.group(0)
            severity, note = plain, ""
            if source is not None and _same_marks(marks, source):
                severity, note = Severity.WARNING, " (as in the source)"
            yield _issue(
                "T210",
                f"'{marks.strip()}' is doubled or stray punctuation{note}",
                text,
                m.start(),
                m.end(),
                severity=severity,
            )


def _doubled_symbols(text: str, source: str | None = None) -> Iterator[Issue]:
    for m in _DOUBLED_SYMBOL.finditer(text):
        copied = source is not None and _same_marks(m.group(0), source)
        yield _issue(
            "T204",
            f"'{m.group(0)}' repeats a symbol" + (" (as in the source)" if copied else ""),
            text,
            m.start(),
            m.end(),
            severity=Severity.WARNING if copied else None,
        )


def _same_marks(marks: str, source: str) -> bool:
    """Whether the source holds the same marks, whatever the spaces between them."""
    bare = re.sub(r"\s+", "", marks)
    return bare in re.sub(r"\s+", "", source)


def _filler(text: str, sentences: tuple[Sentence, ...], source: str | None) -> Iterator[Issue]:
    for s in sentences:
        body = s.text.lstrip("\"“'‘ ")
        offset = s.start + len(s.text) - len(body)
        if _inside_quote(text, s.start) or s.text[:1] in _QUOTE_OPENERS:
            continue
        for pattern, severity in (
            (_FILLER_ERROR, None),
            (_FILLER_DEAR, None),
            (_FILLER_SPOKEN, Severity.ERROR if source is not None else Severity.WARNING),
            (_FILLER_WARN, Severity.WARNING),
        ):
            m = pattern.match(body)
            if not m:
                continue
            if pattern is _FILLER_DEAR and s.index == 0 and _letter_opening(body):
                continue
            phrase = m.group(0)
            if source is not None and _opens_in(phrase, source):
                severity = Severity.WARNING
            yield _issue(
                "T205",
                f"'{phrase.strip()}' is filler or tone that news text does not have",
                text,
                offset + m.start(),
                offset + m.end(),
                severity=severity,
            )
            break


def _filler_inside(
    text: str, sentences: tuple[Sentence, ...], source: str | None
) -> Iterator[Issue]:
    for s in sentences:
        if s.text[:1] in _QUOTE_OPENERS or _SPEECH_MARKS.search(s.text):
            continue  # someone's words may hold filler
        for m in _FILLER_INSIDE.finditer(s.text.rstrip()):
            phrase = m.group(0).strip(",.?! \t")
            copied = source is not None and re.search(
                rf"\b{re.escape(phrase)}\b", source, re.IGNORECASE
            )
            yield _issue(
                "T205",
                f"'{phrase}' is spoken filler that news text does not have"
                + (" (as in the source)" if copied else ""),
                text,
                s.start + m.start(),
                s.start + m.end(),
                severity=Severity.WARNING if copied else None,
            )


def _letter_opening(body: str) -> bool:
    """Whether a first sentence opening "Dear ..." is a letter's salutation
    ("Dear Ms. Ortiz," / "Dear Colleagues was the memo's title") rather than a
    salutation run on into a sentence ("Dear Mr. Biden and his aides envision")."""
    if _SALUTATION.match(body):
        return True
    return _HONORIFIC.match(body) is None


def _opens_in(phrase: str, source: str) -> bool:
    """Whether the source opens a sentence or a quotation with ``phrase`` too (a
    mere "so" inside a source word or clause does not excuse "So," as an opener)."""
    words = r"\W+".join(map(re.escape, re.findall(r"\w+", phrase)))
    opener = rf"(?:^|[.!?…][\"”’']?\s+|[\"“‘']\s*|\n\s*){words}\b"
    return re.search(opener, source, re.IGNORECASE) is not None


def _furniture(text: str, source: str | None) -> Iterator[Issue]:
    for m in _FURNITURE.finditer(text):
        if _inside_quote(text, m.start()):
            continue
        severity = None
        note = ""
        if source is not None and m.group(0).lower() in source.lower():
            severity, note = Severity.WARNING, " (copied from the source)"
        yield _issue(
            "T207",
            f"'{m.group(0)}' is page furniture, not article text{note}",
            text,
            m.start(),
            m.end(),
            severity=severity,
        )


def _inside_quote(text: str, pos: int) -> bool:
    """Whether ``pos`` lies inside a curly quotation in its paragraph."""
    para_start = text.rfind("\n", 0, pos) + 1
    before = text[para_start:pos]
    return before.count(_OPEN_Q) > before.count(_CLOSE_Q)


def _quotes(text: str, sentences: tuple[Sentence, ...]) -> Iterator[Issue]:
    # An opening quote with nothing quoted after it: 'Biden. “.'
    for m in re.finditer(rf"{_OPEN_Q}\s*(?:[.,;:!?]|$)", text):
        yield _issue(
            "T206",
            "an opening quotation mark with nothing after it",
            text,
            m.start(),
            m.end(),
        )
    paragraphs = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]
    for i, (start, end) in enumerate(paragraphs):
        para = text[start:end]
        opens, closes = para.count(_OPEN_Q), para.count(_CLOSE_Q)
        if closes > opens:
            pos = start + para.find(_CLOSE_Q)
            yield _issue(
                "T206",
                "a closing quotation mark that no quote opened",
                text,
                pos,
                pos + 1,
            )
        elif opens > closes:
            # A quote may run on into the next paragraph, which then reopens it.
            nxt = (
                text[paragraphs[i + 1][0] : paragraphs[i + 1][1]] if i + 1 < len(paragraphs) else ""
            )
            if not nxt.lstrip().startswith(_OPEN_Q):
                pos = start + para.rfind(_OPEN_Q)
                yield _issue(
                    "T206",
                    "a quotation that is opened and never closed",
                    text,
                    pos,
                    pos + 1,
                    severity=Severity.WARNING,
                )
        straight = para.count('"')
        if straight % 2 and opens == closes == 0:
            pos = start + para.rfind('"')
            yield _issue(
                "T206",
                "an odd number of straight quotation marks",
                text,
                pos,
                pos + 1,
                severity=Severity.WARNING,
            )


def _orphan_pronouns(
    text: str, sentences: tuple[Sentence, ...], doc: Any = None, source: str | None = None
) -> Iterator[Issue]:
    """A pronoun opening the text, or opening a sentence after one that names nobody.

    A rewrite that starts "He said ..." lost the name its source gave; a
    summary that picks a sentence out of its context does the same. Only a
    warning: the pronoun may refer to a headline or a photo caption. A
    source that itself opens with a pronoun (an excerpt) excuses the same
    opening in its rewrite.
    """
    source_opens = source is not None and _PRONOUN_START.match(source.lstrip()) is not None
    for k, s in enumerate(sentences):
        m = _PRONOUN_START.match(s.text)
        if m is None or (k == 0 and source_opens):
            continue
        if k > 0 and (doc is None or _has_antecedent(doc, sentences[k - 1])):
            continue
        where = "the text" if k == 0 else "a sentence that follows one naming no one"
        yield _issue(
            "T211",
            f"'{m.group(1)}' opens {where}: who it refers to is not said",
            text,
            s.start + m.start(1),
            s.start + m.end(1),
        )


def _has_antecedent(doc: Any, s: Sentence) -> bool:
    span = doc.char_span(s.start, s.end, alignment_mode="expand")
    return span is None or any(t.pos_ in _ANTECEDENT_POS or t.lower_ in _PERSONAL for t in span)


def _clause_fragments(
    text: str, sentences: tuple[Sentence, ...], doc: Any, source: str | None
) -> Iterator[Issue]:
    """T201: a sentence with no main clause: a subordinate clause alone
    ("Although the company denied the report."), or a noun with only a clause
    describing it ("The company, which makes batteries."). An error when the
    source has no such sentence, else (and without a source) a warning: a
    column may write "Because it can." on purpose."""
    source_has: bool | None = None
    for s in sentences:
        if s.text[:1] in _QUOTE_OPENERS or _inside_quote(text, s.start):
            continue
        span = doc.char_span(s.start, s.end, alignment_mode="expand")
        why = _no_main_clause(span) if span is not None else None
        if why is None:
            continue
        if source_has is None:
            source_has = source is None or _source_shapes(source)[0]
        yield _issue(
            "T201",
            f"this sentence {why}: a fragment",
            text,
            s.start,
            s.end,
            severity=Severity.WARNING if source_has else Severity.ERROR,
        )


def _no_main_clause(span: Any) -> str | None:
    """Why ``span`` (a parsed sentence) has no main clause, or None."""
    words = [t for t in span if t.is_alpha]
    if len(words) < 4:
        return None
    root = next((t for t in span if t.dep_ == "ROOT"), None)
    if root is None:
        return None
    if root.pos_ in ("VERB", "AUX"):
        first = words[0]
        if first.dep_ == "mark" and first.head == root and first.lower_ in SUBORDINATORS:
            return f"is only a clause opened by '{first.text}'"
        return None
    # Only a clause opened by a relative word: a past form the parser hangs off
    # a noun ("A snowstorm dumped snow") is often the sentence's own verb.
    # A clause set off by a comma and opened by "which" or "who" ("The company,
    # which makes batteries."): "that" is often a misparsed complement
    # ("Rodgers rediscovers that Sturridge ...").
    relative = any(
        c.dep_ == "relcl"
        and any(
            t.lower_ in ("which", "who", "whom", "whose") and t.i > 0 and t.nbor(-1).text == ","
            for t in c.children
        )
        for c in root.children
    )
    main = any(t.pos_ in ("VERB", "AUX") and t.dep_ in ("ROOT", "ccomp", "conj") for t in span)
    if root.pos_ in ("NOUN", "PROPN") and relative and not main:
        return f"has no main verb, only a clause describing '{root.text}'"
    return None


def _verbless(
    text: str, sentences: tuple[Sentence, ...], doc: Any, source: str | None = None
) -> Iterator[Issue]:
    """T203: a sentence of four words or more without a verb. A warning (captions,
    headlines and summaries' highlights have none, and the tagger misses verbs
    in them: "Wigan exact revenge"); an error when the sentence is a source
    sentence with its verb taken out ("The council the budget on Tuesday."
    for "The council approved the budget on Tuesday.")."""
    for s in sentences:
        span = doc.char_span(s.start, s.end, alignment_mode="expand")
        if span is None or not _lacks_verb(span):
            continue
        dropped = _dropped_verb(span, source) if source is not None else None
        yield _issue(
            "T203",
            "this sentence has no verb"
            + (f": the source's sentence has '{dropped}'" if dropped else ""),
            text,
            s.start,
            s.end,
            severity=Severity.ERROR if dropped else Severity.WARNING,
        )


def _dropped_verb(span: Any, source: str) -> str | None:
    """The verb of the source sentence that ``span`` copies all but, or None.
    Copies: the two share four fifths of their words each, the source's verbs
    set aside (a headline drawn from a longer sentence is no copy)."""
    words = {t.lower_ for t in span if t.is_alpha}
    for sent_words, verbs in _source_shapes(source)[2]:
        rest = sent_words - {v.lower() for v in verbs}
        shared = len(words & rest)
        if verbs and shared >= 0.8 * len(words) and shared >= 0.8 * len(rest):
            return verbs[0]
    return None


@functools.lru_cache(maxsize=4)
def _source_shapes(
    source: str,
) -> tuple[bool, bool, tuple[tuple[frozenset[str], tuple[str, ...]], ...]]:
    """Whether the source has a sentence without a main clause, whether one
    without a verb, and each sentence's words and verbs. Parsed only when a
    rewrite sentence has such a shape (rare), once per source: the rewrites of
    one article share it."""
    # In pieces when long: a source past spaCy's limit is parsed, not refused.
    sents = list(parse(source).sents)
    return (
        any(_no_main_clause(s) is not None for s in sents),
        any(_lacks_verb(s) for s in sents),
        tuple(
            (
                frozenset(t.lower_ for t in s if t.is_alpha),
                tuple(t.text for t in s if t.pos_ == "VERB"),
            )
            for s in sents
        ),
    )


def _lacks_verb(span: Any) -> bool:
    words = sum(t.is_alpha for t in span)
    return words >= 4 and not any(t.pos_ in ("VERB", "AUX") for t in span)
