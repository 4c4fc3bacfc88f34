"""What no news text has: filler and tone ("Alright,", "Dear Mr. Biden", ",
you know,"), T205; page furniture ("scroll to top"), T207.

Filler and furniture that the source itself holds are not the rewrite's fault
and are reported as warnings only; someone's quoted words may hold filler.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from retold.audit.checks.textscan import QUOTE_OPENERS, SPEECH_MARKS, inside_quote, issue
from retold.data import Issue, Sentence, Severity

__all__ = ["FURNITURE", "filler_inside", "filler_openers", "furniture"]


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

# Page furniture: navigation, sharing and subscription text around an article.
FURNITURE = re.compile(
    r"\b(?:scroll(?:ed)? (?:to|back to) (?:the )?top|back to top|skip to (?:main )?content|"
    r"click here(?: to| for)?|share this (?:article|story|page)|advertisement|"
    r"sign up for (?:our|the) newsletter|subscribe (?:now|today)|read more|"
    r"related (?:articles|stories)|follow us on|all rights reserved|"
    r"print this (?:article|page)|email this (?:article|page)|cookie (?:policy|settings))\b",
    re.IGNORECASE,
)


def filler_openers(
    text: str, sentences: tuple[Sentence, ...], source: str | None
) -> Iterator[Issue]:
    for s in sentences:
        body = s.text.lstrip("\"“'‘ ")
        offset = s.start + len(s.text) - len(body)
        if inside_quote(text, s.start) or s.text[:1] in QUOTE_OPENERS:
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
            yield issue(
                "T205",
                f"'{phrase.strip()}' is filler or tone that news text does not have",
                text,
                offset + m.start(),
                offset + m.end(),
                severity=severity,
            )
            break


def filler_inside(
    text: str, sentences: tuple[Sentence, ...], source: str | None
) -> Iterator[Issue]:
    for s in sentences:
        if s.text[:1] in QUOTE_OPENERS or SPEECH_MARKS.search(s.text):
            continue  # someone's words may hold filler
        for m in _FILLER_INSIDE.finditer(s.text.rstrip()):
            phrase = m.group(0).strip(",.?! \t")
            copied = source is not None and re.search(
                rf"\b{re.escape(phrase)}\b", source, re.IGNORECASE
            )
            yield issue(
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


def furniture(text: str, source: str | None) -> Iterator[Issue]:
    for m in FURNITURE.finditer(text):
        if inside_quote(text, m.start()):
            continue
        severity = None
        note = ""
        if source is not None and m.group(0).lower() in source.lower():
            severity, note = Severity.WARNING, " (copied from the source)"
        yield issue(
            "T207",
            f"'{m.group(0)}' is page furniture, not article text{note}",
            text,
            m.start(),
            m.end(),
            severity=severity,
        )
