"""render: results -> JSON, plain text, Markdown, an HTML page, or the side-by-side audit page.

The output formats ``--format`` offers are entries of
:data:`retold.plugins.FORMATS` (see :mod:`retold.render.formats`).
"""

from __future__ import annotations

from retold.render.article import RenderOptions, to_html, to_markdown
from retold.render.audit_page import render_html
from retold.render.text import terminal_safe

__all__ = ["RenderOptions", "render_html", "terminal_safe", "to_html", "to_markdown"]
