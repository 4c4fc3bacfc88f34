"""audit: a rewrite against its source -> alignments, typed issues, a score.

Both texts are segmented, their sentences aligned, every aligned group
checked (facts, quotations, negation, modality, predicates, content) and
every rewrite sentence checked alone for broken text. The audit knows no
backend; the rewriter's gate calls it. The checks are plugins: see
:mod:`retold.audit.registry` for how a package adds one.
"""

from __future__ import annotations

from retold.audit.auditor import AuditOptions, audit, audit_many, audit_text
from retold.audit.catalogue import CATALOGUE, IssueType
from retold.audit.group import Context, Group, TextContext
from retold.audit.registry import check

__all__ = [
    "CATALOGUE",
    "AuditOptions",
    "Context",
    "Group",
    "IssueType",
    "TextContext",
    "audit",
    "audit_many",
    "audit_text",
    "check",
]
