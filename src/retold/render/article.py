"""Render a rewritten article as Markdown or as a self-contained HTML page.

The page reads like the seed page done well: the headline, the key points,
then the rewritten body in the source's paragraphs, and by default a line
naming and linking the source. Key points are the rewritten forms of the
summary's sentences, so the page never repeats the source word for word where
the body does not. All text is escaped; the HTML loads nothing and runs
nothing.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from urllib.parse import quote, urlsplit

from retold.data import Article
from retold.render.text import utf8_safe
from retold.rewrite.result import Rewritten, RewrittenSentence

HEADLINE_REASON = "headline"


@dataclass(frozen=True, slots=True)
class RenderOptions:
    """``attribution``: name and link the source under the article (default on)."""

    attribution: bool = True


def _body(rw: Rewritten) -> list[RewrittenSentence]:
    return [s for s in rw.sentences if s.reason != HEADLINE_REASON]


def key_points(rw: Rewritten) -> tuple[str, ...]:
    """The rewritten sentences that carry the summary's sentences, in order."""
    wanted = {s.index for s in rw.summary.sentences}
    points: list[str] = []
    for s in _body(rw):
        covers = s.indices or (s.source.index,)
        if wanted.intersection(covers) and s.rewrite not in points:
            points.append(s.rewrite)
    return tuple(points)


def paragraphs(sentences: Sequence[RewrittenSentence]) -> Iterator[str]:
    """The rewritten body, one string per source paragraph."""
    current: list[str] = []
    paragraph: int | None = None
    for s in sentences:
        if paragraph is not None and s.paragraph != paragraph and current:
            yield " ".join(current)
            current = []
        paragraph = s.paragraph
        current.append(s.rewrite)
    if current:
        yield " ".join(current)


def _source_name(article: Article) -> str:
    return article.title or article.url or article.id or "the original article"


def to_markdown(rw: Rewritten, article: Article, options: RenderOptions | None = None) -> str:
    """The rewritten article as Markdown."""
    opts = options or RenderOptions()
    out: list[str] = []
    if rw.title:
        out.append(f"# {_md_escape(rw.title)}\n")
    points = key_points(rw)
    if points:
        out.append("## Key points\n")
        out.append("".join(f"- {_md_escape(p)}\n" for p in points))
    out.append("## Article\n" if points else "")
    out.extend(f"{_md_escape(p)}\n" for p in paragraphs(_body(rw)))
    if opts.attribution:
        name = _md_escape(_source_name(article))
        link = f"[{name}](<{_md_url(article.url)}>)" if _is_web_url(article.url) else name
        by = f" by {_md_escape(article.byline)}" if article.byline else ""
        out.append(f"---\n\n*Adapted from {link}{by}.*\n")
    return utf8_safe("\n".join(part for part in out if part))


_MD_SPECIAL = str.maketrans({c: "\\" + c for c in "\\`*_[]<>#|"})
# "&amp;" or "&#60;" would be read as a character reference, not as the text
_ENTITY_RE = re.compile(r"&(?=#?[0-9A-Za-z]+;)")


def _md_escape(text: str) -> str:
    # Escape what Markdown would read as markup. Every "<" is escaped, so no
    # text can become raw HTML. A line that starts with "1." or "-" would
    # start a list, so each line's first character is guarded too.
    escaped = _ENTITY_RE.sub(r"\\&", text.translate(_MD_SPECIAL))
    return "\n".join(_guard_line(line) for line in escaped.split("\n"))


# A line that starts like this would open a list ("-", "+", "1." or "1)"),
# a heading underline ("=") or a code fence ("~~~").
_BLOCK_START_RE = re.compile(r"^( {0,3})(?:([-+=~])|(\d{1,9})([.)]))")


def _guard_line(line: str) -> str:
    # A backslash escapes only punctuation ("\\2024" would show the
    # backslash), so a number's "." or ")" is escaped, not its first digit.
    return _BLOCK_START_RE.sub(lambda m: m[1] + ("\\" + m[2] if m[2] else m[3] + "\\" + m[4]), line)


def _is_web_url(url: str) -> bool:
    parts = urlsplit(url.strip())
    return parts.scheme.lower() in {"http", "https"} and bool(parts.netloc)


# Kept as they are: the characters a URL is made of, minus those Markdown or
# HTML could read as markup ("<", ">", brackets, quotes, backslash, backtick);
# "%" stays so that an already encoded URL is not encoded twice.
_URL_KEEP = "/:?#@!$&*+,;=-._~%"


def _md_url(url: str) -> str:
    """``url`` percent-encoded so that it cannot leave a ``<...>`` link destination."""
    # quote() encodes to UTF-8 first, which a lone surrogate would stop
    return _ENTITY_RE.sub(r"\\&", quote(utf8_safe(url.strip()), safe=_URL_KEEP))


_CSS = """
body{font:17px/1.6 Georgia,serif;max-width:44em;margin:2em auto;padding:0 1em;color:#222}
h1{font:bold 1.8em/1.2 system-ui,sans-serif;margin-bottom:.6em}
h2{font:bold .9em system-ui,sans-serif;text-transform:uppercase;letter-spacing:.05em;color:#555}
ul.key{background:#f6f6f2;padding:1em 1em 1em 2.2em;border-left:4px solid #b8b8a8}
p.attribution{font:.85em system-ui,sans-serif;color:#666;border-top:1px solid #ddd;padding-top:.8em}
"""


def to_html(rw: Rewritten, article: Article, options: RenderOptions | None = None) -> str:
    """The rewritten article as a self-contained HTML page."""
    opts = options or RenderOptions()
    esc = html.escape
    title = rw.title or _source_name(article)
    parts = [
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">',
        '<meta http-equiv="Content-Security-Policy" '
        "content=\"default-src 'none'; style-src 'unsafe-inline'\">",
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{esc(title)}</title><style>{_CSS}</style></head><body><article>",
    ]
    if rw.title:
        parts.append(f"<h1>{esc(rw.title)}</h1>")
    points = key_points(rw)
    if points:
        parts.append('<h2>Key points</h2><ul class="key">')
        parts.extend(f"<li>{esc(p)}</li>" for p in points)
        parts.append("</ul>")
    parts.extend(f"<p>{esc(p)}</p>" for p in paragraphs(_body(rw)))
    if opts.attribution:
        name = esc(_source_name(article))
        if article.url.startswith(("http://", "https://")):
            name = f'<a href="{esc(article.url, quote=True)}" rel="nofollow">{name}</a>'
        by = f" by {esc(article.byline)}" if article.byline else ""
        parts.append(f'<p class="attribution">Adapted from {name}{by}.</p>')
    parts.append("</article></body></html>\n")
    return utf8_safe("".join(parts))
