"""render: results -> Markdown, an HTML page, or the side-by-side audit page."""

from __future__ import annotations

from retold.render.article import RenderOptions, to_html, to_markdown
from retold.render.audit_page import render_html

__all__ = ["RenderOptions", "render_html", "to_html", "to_markdown"]
