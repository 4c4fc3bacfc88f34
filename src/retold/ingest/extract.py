"""HTML -> article: trafilatura finds the main content, then we remove page furniture.

trafilatura (in its precision mode, which scored best on our dev set) returns
the article body as one block per line. We turn that into paragraphs separated
by a blank line, drop a first line that merely repeats the headline, and drop
whole lines that are page furniture trafilatura lets through: "scroll to top",
"Advertisement", share and follow prompts, newsletter and subscription pitches,
photo credit lines, "Read more:" links and the link lists that follow them,
cookie notices, unrendered shortcodes.

Cleaning is deliberately conservative. It only ever removes a whole line, and
a line goes only when it *is* furniture, never because it mentions a furniture
word: "He said the advertisement was misleading." stays. Rules that look at
wording inside a longer line also require the line to address the reader
("you", "our") and to carry no quotation marks, since a quote in a news story
is content even when it sounds like an advert.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from typing import Any

import trafilatura
from trafilatura.utils import load_html

from retold.data import Article
from retold.errors import EmptyInputError

log = logging.getLogger(__name__)

__all__ = ["clean_furniture", "extract", "furniture_lines", "is_furniture"]

# Elements that are never part of the story: navigation and page footers
# (trafilatura's fallback would otherwise return their link text for a page
# with no article), and hover cards / tooltips that some sites nest inside the
# paragraph text (their text would run into the sentence). Hidden elements are
# kept: sites hide the rest of a story behind a "read more" button.
_POPUP_CLASSES = (
    "tooltiptext",
    "tooltip-text",
    "tooltip-content",
    "tooltip-inner",
    "tooltip-body",
    "popover-content",
    "popover-body",
    "hovercard",
    "hover-card",
    "rollover-block",
)
_PRUNE_XPATH = [
    "//nav",
    "//footer",
    "//*[@role='navigation' or @role='contentinfo']",
    # the pop-up box only, never its trigger: in <span class="tooltip">NASA
    # <span class="tooltiptext">...</span></span> the word NASA is the story's
    "//*["
    + " or ".join(
        f"contains(concat(' ', normalize-space(@class), ' '), ' {token} ')"
        for token in _POPUP_CLASSES
    )
    + "]",
]

# HTML void elements that libxml2's HTML parser (behind trafilatura) does not
# know as void: it opens them as containers, so the text after an <embed> or a
# <source> up to its parent's end nests inside it, and trafilatura drops the
# element (embeds, media sources) with everything in it. Written self-closed,
# they hold nothing. Quoted attribute values may contain ">".
_UNKNOWN_VOID_RE = re.compile(
    # Branches that cannot overlap, and no "<" outside quotes, keep the search
    # linear on tags that are never closed.
    r"""<(embed|source|track|wbr|keygen)\b((?:[^<>"']|"[^"]*"|'[^']*')*)>""",
    re.IGNORECASE,
)


def _self_closed(m: re.Match[str]) -> str:
    attrs = m[2]
    if attrs.endswith("/") and (len(attrs) == 1 or attrs[-2].isspace() or attrs[-2] in "\"'"):
        attrs = attrs[:-1]  # it was closed already: <embed/>, <embed src="x" />
    # a space before "/>": in <embed src=x/> the slash is part of the value
    return f"<{m[1]}{attrs} />"


def _close_void_elements(html: str) -> str:
    return _UNKNOWN_VOID_RE.sub(_self_closed, html)


# --- line-level furniture rules -------------------------------------------

_TRAILING = r"[\s.:!…»›>|→↑^*•·\-–—]*"

# Lines that are furniture when they are the whole line (case-insensitive).
_EXACT = frozenset(
    item.strip()
    for item in """
scroll to top, back to top, return to top, go to top, top, advertisement
advertisements, advertising, ad, ads, sponsored, sponsored content, paid content
promoted content, partner content, story continues below
story continues below advertisement, article continues below
article continues below advertisement, continue reading, continue reading below
continue reading the main story, read more, read full article, read the full story
show more, show less, load more, see more, view more, more, view comments
show comments, share, shares, share this, share this article, share this story
share this post, share this page, share article, share story, share on facebook
share on twitter, share on linkedin, share on whatsapp, share via email
share by email, email, e-mail, print, tweet, pin, copy link, link copied, copied
facebook, twitter, whatsapp, linkedin, reddit, pinterest, messenger, click here
click to enlarge, enlarge, expand, close, menu, search, skip to content
skip to main content, skip navigation, skip ad, related, related articles
related stories, related content, related links, related topics, related coverage
related video, related videos, more on this story, more on this, more from
more stories, more news, see also, also read, don't miss, don’t miss, must read
most read, most popular, most viewed, popular, trending, trending now, top stories
recommended, recommended for you, recommended stories, you may also like
you might also like, we recommend, editor's picks, editors' picks, next article
previous article, next story, previous story, next, previous, topics, tags
categories, filed under, image, photo, photos, video, videos, gallery, watch, listen
play, play video, watch video, log in, login, sign in, sign up, register, subscribe
subscribe now, subscribe today, newsletter, newsletters, sign up for our newsletter
follow us, follow, comments, comment, leave a comment, add a comment, post a comment
join the conversation, join the discussion, have your say, tell us what you think
what do you think, accept, accept cookies, accept all cookies, got it, ok, dismiss
loading, loading..., image caption, image copyright, media caption, getty images
""".replace("\n", ",").split(",")
    if item.strip()
)
_EXACT_ONE = r"(?:" + "|".join(re.escape(p) for p in sorted(_EXACT, key=len, reverse=True)) + ")"
# one or more of them in a row: "Advertisement - Continue reading below", "Share Tweet Email"
_EXACT_RE = re.compile(
    r"^" + _TRAILING + _EXACT_ONE + r"(?:" + _TRAILING + _EXACT_ONE + r")*" + _TRAILING + r"$",
    re.IGNORECASE,
)

# Lines that are furniture when they start like this and stay short. Labels
# that also open captions or real sentences in some papers ("Popular: Top Gear
# has helped...", "Pictured: ...") count only on a very short line.
_PREFIX_RE = re.compile(
    r"^(?:read more|read also|also read|read next|more reading|see more|see also|related"
    r"|more on this|more from|recommended|recommended reading|further reading"
    r"|don['’]t miss|must read)\s*:",
    re.IGNORECASE,
)
_WEAK_PREFIX_RE = re.compile(
    r"^(?:watch|listen|trending|popular|in pictures|pictured|video|gallery)\s*:",
    re.IGNORECASE,
)
_MAX_LABEL = 10
_CREDIT_RE = re.compile(
    r"^[(\[]?\s*(?:"
    r"(?:photo|photos|photograph|photography|image|images|picture|pic|illustration|graphic"
    r"|video|footage|main image|top image|header image|lead image|file photo)"
    r"(?:\s+(?:credit|credits|source))?\s*(?::|by\b|courtesy\b|©|\(c\))"
    r"|(?:credit|credits|image credit|photo credit|copyright)\s*:"
    r"|(?:image|photo)\s+(?:copyright|caption|source)\b"
    r"|©"
    r"|(?:ap|afp|epa|reuters|getty|ansa|dpa|pa|xinhua)"
    r"(?:\s+(?:photo|images|wire|via getty images))?\s*/"
    r")",
    re.IGNORECASE,
)
# "Dana Whitfield/AFP via Getty Images": names, a slash or "via", an agency
_AGENCY_TAIL_RE = re.compile(
    r"(?:/|\bvia\s|©\s*)\s*(?:getty images|afp|reuters|associated press|ap|epa"
    r"|shutterstock|istock(?:photo)?|alamy|bloomberg|pa images|pa wire|rex features"
    r"|eyevine|dpa|xinhua|sipa|zuma(?: press)?|nurphoto|anadolu(?: agency)?)"
    r"(?:\s+(?:images|photo|file|wire))?\s*[)\]]?\s*\.?$",
    re.IGNORECASE,
)
_SHORTCODE_RE = re.compile(
    r"^\[(/?[a-z_][\w-]*)(?:\s[^\]]*)?\](?:.*\[/\1\])?$|^\[/[a-z_]\w*\]$", re.IGNORECASE
)
_DATE_WORD = (
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|mon|tue|tues|wed|thu|thur|thurs"
    r"|fri|sat|sun)[a-z]*\.?|[ap]\.?m\.?|[a-z]{2,4}t|utc|gmt|et|pt|ct|mt|at|on|by|\d+(?:st|nd|rd|th)?"
)
# "Updated at 1:23 p.m.", "Published: June 4, 2024 | 10:02 BST": a time stamp, nothing more
_UPDATED_RE = re.compile(
    r"^(?:updated|last updated|last modified|published|posted|first published)\s*(?:on|at|:)"
    r"(?:[\s,.:/|\-–]*(?:" + _DATE_WORD + r"))+[\s,.:/|\-–]*$",
    re.IGNORECASE,
)
_COMMENTS_RE = re.compile(r"^\d[\d,.]*k?\s+(?:comments?|shares?|replies|responses)$", re.IGNORECASE)

# Calls to action: a sentence that starts like this addresses the reader, not
# the story.
_CTA_RE = re.compile(
    r"(?:^|(?<=[.!?…]\s))(?:"
    r"click (?:here|the link|to|on)|tap (?:here|to)|subscribe\b|sign up\b|sign in\b"
    r"|log in\b|register (?:now|here|for|to)|download (?:our|the) app|get (?:our|the) app"
    r"|follow (?:us|him|her|them|@|[\w.’'-]+(?: [\w.’'-]+){0,3} on (?:twitter|x|facebook"
    r"|instagram|linkedin|tiktok|youtube|threads|bluesky|mastodon))"
    r"|like us on|join us on|share this|share on|tell us what|let us know|have your say"
    r"|have a (?:news )?tip|got a (?:news )?tip|send us (?:your|a tip)"
    r"|read (?:more|the full|our)|listen to (?:the|our)|watch (?:the|our) (?:full )?video"
    r"|support (?:our|us|independent)|become a (?:member|subscriber)|already a subscriber"
    r"|unlock (?:this|the full|unlimited|all|full)"
    r"|get (?:the latest|unlimited|full access|access|our newsletter|breaking news)"
    r")",
    re.IGNORECASE,
)
# reporting words: a pitch never attributes anything to anyone
_ATTRIBUTION_RE = re.compile(
    r"\b(?:said|says|told|according to|reported|reports|announced|warned|added|stated|claimed)\b",
    re.IGNORECASE,
)
_READER_RE = re.compile(r"\b(?:you|your|our|us|we)\b", re.IGNORECASE)
_PITCH_RE = re.compile(
    r"\b(?:our|us|we)\b|newsletter|\binbox\b|subscription|subscriber|\bissues for\b"
    r"|\bon (?:twitter|x|facebook|instagram|linkedin|tiktok|youtube|threads|bluesky)\b",
    re.IGNORECASE,
)
_CLICK_RE = re.compile(r"(?:^|(?<=[.!?…]\s))(?:click|tap) (?:here|the link)", re.IGNORECASE)
# a quotation mark, but not an apostrophe inside a word ("NJ.com’s")
_QUOTE_RE = re.compile(r"[\"“”„«»]|(?<!\w)['‘’]|['‘’](?!\w)")
_COOKIE_RE = re.compile(
    r"\b(?:we use cookies|this (?:web)?site uses cookies|uses? cookies to"
    r"|by (?:continuing|using) (?:to (?:use|browse) )?(?:this|our) (?:web)?site"
    r"|accept (?:all )?cookies|cookie (?:policy|settings|preferences|notice|consent))\b",
    re.IGNORECASE,
)
_NEWSLETTER_RE = re.compile(
    r"\b(?:our|your|free|daily|weekly) (?:\w+ ){0,3}newsletters?\b|\byour inbox\b"
    r"|\bsubscribe (?:to|now|today|for)\b|\bsign up (?:to|for|now|here|today)\b",
    re.IGNORECASE,
)
# A heading that introduces a list of links to other stories.
_LINK_LIST_HEAD_RE = re.compile(
    r"^(?:related(?: articles| stories| content| links| coverage)?|read more|see also"
    r"|more on this(?: story)?|more (?:stories|news)|also read|don['’]t miss|must read"
    r"|most (?:read|popular|viewed)|recommended(?: for you| stories| reading)?|trending(?: now)?"
    r"|you (?:may|might) also like|we recommend|top stories|further reading|see more)"
    r"\s*:?",
    re.IGNORECASE,
)
_SENTENCE_END_RE = re.compile(r"[.!?…\"”’)]\s*$")
_WORD_RE = re.compile(r"[^\W_]+")
_MAX_SHORT = 25  # words: furniture is short; an article paragraph rarely is
_MAX_PROMO = 45


def _words(line: str) -> int:
    return len(_WORD_RE.findall(line))


def is_furniture(line: str) -> bool:
    """Whether one line (a whole paragraph) is page furniture rather than article text."""
    s = line.strip()
    if not s:
        return False
    n = _words(s)
    if n == 0:
        # separators like "* * *" or "____" are the author's, not the site's
        return False
    if _EXACT_RE.match(s) or _SHORTCODE_RE.match(s) or _COMMENTS_RE.match(s):
        return True
    if n <= _MAX_SHORT and _PREFIX_RE.match(s):
        return True
    if n <= _MAX_LABEL and (_WEAK_PREFIX_RE.match(s) or _CREDIT_RE.match(s)):
        # a longer "Photo: ..." line is a caption, and captions carry facts
        return not _QUOTE_RE.search(s)
    if n <= 12 and _AGENCY_TAIL_RE.search(s) and _only_names(s):
        return True
    if _UPDATED_RE.match(s):
        return True
    if n > _MAX_PROMO or _QUOTE_RE.search(s) or _ATTRIBUTION_RE.search(s):
        return False
    if _COOKIE_RE.search(s) and _READER_RE.search(s):
        return True
    # "Sign up using the same email as your account" can be the story's own
    # advice to the reader; a pitch talks about the site itself ("our", "us")
    # or about what it sells (newsletters, subscriptions).
    return bool(
        (_CTA_RE.search(s) or _NEWSLETTER_RE.search(s))
        and (n <= 8 or _PITCH_RE.search(s) or _CLICK_RE.search(s))
    )


_CREDIT_GLUE = frozenset({"via", "for", "and", "of", "the", "images", "photo", "by", "de", "van"})


def _only_names(line: str) -> bool:
    """Whether every word is capitalised or credit glue, as in a photo credit."""
    words = _WORD_RE.findall(line)
    return all(w[0].isupper() or w.lower() in _CREDIT_GLUE for w in words if w.isalpha())


_BULLETS = ("- ", "* ", "• ", "· ", "► ", "> ")


def _looks_like_link(line: str) -> bool:
    return _words(line) <= 20 and not _SENTENCE_END_RE.search(line)


def furniture_lines(lines: Sequence[str]) -> frozenset[int]:
    """Indices of the lines that are furniture.

    Besides :func:`is_furniture` line by line, a bare heading such as
    "Related stories" or "Don't miss" takes the headline-like lines right after
    it with it (a list of links to other stories), and a link line such as
    "Related: ..." takes the bulleted lines after it. Blank lines are never
    reported.
    """
    out: set[int] = set()
    mode = _NO_LIST
    for i, line in enumerate(lines):
        s = line.strip()
        if not s:
            continue
        if is_furniture(s):
            out.add(i)
            mode = _list_mode(s)
        elif mode != _NO_LIST and (
            s.startswith(_BULLETS) or (mode == _ANY_LINKS and _looks_like_link(s))
        ):
            out.add(i)
        else:
            mode = _NO_LIST
    return frozenset(out)


_NO_LIST, _BULLETED_LINKS, _ANY_LINKS = 0, 1, 2


def _list_mode(furniture: str) -> int:
    head = _LINK_LIST_HEAD_RE.match(furniture)
    if head is None:
        return _NO_LIST
    rest = furniture[head.end() :].strip(" :.-–—|»›>")
    return _BULLETED_LINKS if rest else _ANY_LINKS


def clean_furniture(text: str) -> str:
    """Remove furniture lines from plain text, keeping every other character as it was.

    A removed line takes its line break with it, and a blank line left
    doubled by a removal is dropped, so paragraphs stay separated by exactly
    what separated them before.
    """
    lines = text.splitlines(keepends=True)
    drop = furniture_lines(lines)
    if not drop:
        return text
    kept: list[str] = []
    removed_since_text = False
    for i, line in enumerate(lines):
        if i in drop:
            removed_since_text = True
            continue
        blank = not line.strip()
        if blank and removed_since_text and (not kept or not kept[-1].strip()):
            continue
        kept.append(line)
        if not blank:
            removed_since_text = False
    if max(drop) > max((i for i in range(len(lines)) if i not in drop), default=-1):
        # the tail was furniture: drop the blank lines that led up to it
        while kept and not kept[-1].strip():
            kept.pop()
        if kept and not text.endswith(("\n", "\r")):
            kept[-1] = kept[-1].rstrip("\r\n")
    return "".join(kept)


def _same_text(a: str, b: str) -> bool:
    wa, wb = _WORD_RE.findall(a.casefold()), _WORD_RE.findall(b.casefold())
    return bool(wa) and wa == wb


def _paragraphs(text: str, title: str) -> list[str]:
    lines = [" ".join(line.split()) for line in text.splitlines()]
    lines = [line for line in lines if line]
    if lines and title and _same_text(lines[0], title):
        # the headline is kept as the title, not repeated as the first paragraph
        lines = lines[1:]
    drop = furniture_lines(lines)
    return [line for i, line in enumerate(lines) if i not in drop]


def _language(tree: object) -> str:
    lang = getattr(tree, "get", lambda _k: None)("lang") or ""
    return str(lang).split("-")[0].split("_")[0].strip().lower()


def _bare_extraction(tree: Any, url: str, *, metadata: bool) -> Any:
    return trafilatura.bare_extraction(
        tree,
        url=url or None,
        favor_precision=True,
        include_comments=False,
        with_metadata=metadata,
        prune_xpath=_PRUNE_XPATH,
    )


def extract(html: str, url: str = "") -> Article:
    """Extract the article from an HTML page: text, title, byline, date, url, language.

    Paragraphs of the text are separated by a blank line. Raises
    :class:`~retold.errors.EmptyInputError` when the page holds no article text.
    """
    html = _close_void_elements(html)
    tree = load_html(html)
    if tree is None:
        # trafilatura rejects a lone block ("<p>Fire at the mill.</p>") as
        # dubious; a fragment is still HTML we were asked to read
        tree = load_html(f"<html><body>{html}</body></html>")
    if tree is None:
        raise EmptyInputError(
            "the HTML page could not be parsed",
            "check that the input is a complete HTML page",
        )
    language = _language(tree)
    try:
        doc = _bare_extraction(tree, url, metadata=True)
    except AssertionError:
        # htmldate's cleaning asserts that every element it drops has a
        # parent, which a stray root-level element breaks ("<svg><p><p>",
        # found by fuzzing): the page is read again without its metadata.
        log.debug("metadata extraction failed; extracting the text alone")
        fresh = load_html(html)  # the failed pass may have cut the tree
        doc = _bare_extraction(fresh if fresh is not None else tree, url, metadata=False)
    text = (getattr(doc, "text", None) or "") if doc is not None else ""
    title = " ".join((getattr(doc, "title", None) or "").split())
    paragraphs = _paragraphs(text, title)
    if not paragraphs:
        raise EmptyInputError(
            "no article text found in the HTML page",
            "pass the page of a single article, or its plain text",
        )
    log.debug("extracted %d paragraphs from %d chars of HTML", len(paragraphs), len(html))
    return Article(
        text="\n\n".join(paragraphs),
        title=title,
        url=(getattr(doc, "url", None) or url or ""),
        byline=" ".join((getattr(doc, "author", None) or "").split()),
        published=getattr(doc, "date", None) or "",
        language=language or (getattr(doc, "language", None) or "") or "en",
    )
