"""Audit checks as plugins: a check registered from outside runs in the audit (issue 10)."""

from __future__ import annotations

from collections.abc import Iterator
from importlib.metadata import EntryPoint

import pytest

from retold.audit import Context, Group, TextContext, audit, audit_text, catalogue, check
from retold.audit.auditor import AuditOptions
from retold.audit.catalogue import IssueType
from retold.data import Issue, Severity
from retold.errors import OptionsError
from retold.plugins import CHECKS

SOURCE = "Police arrested the mayor on Tuesday. The trial begins in May."
REWRITE = "Police allegedly arrested the mayor on Tuesday. The trial begins in May."
ADDED_HEDGE = IssueType("X901", "hedge", Severity.WARNING, "'allegedly' added")


def allegedly_added(src: Group, rw: Group, ctx: Context) -> list[Issue]:
    """A plain function, as an entry point of group 'retold_checks' would load it."""
    if "allegedly" in src.text.lower():
        return []
    return [
        catalogue.make(
            "X901",
            "the rewrite says 'allegedly' where its source does not",
            source_span=src.span,
            rewrite_span=(t.idx, t.idx + len(t.text)),
            rewrite_text=t.text,
        )
        for t in rw.tokens
        if t.lower_ == "allegedly"
    ]


@pytest.fixture
def outside_check() -> Iterator[None]:
    # Loaded as catalogue loads an entry point of an installed package.
    entry_point = EntryPoint("allegedly", f"{__name__}:allegedly_added", CHECKS.group)
    catalogue.add(ADDED_HEDGE)
    CHECKS.register(entry_point.name)(entry_point.load())
    try:
        yield
    finally:
        CHECKS.remove("allegedly")
        catalogue.remove("X901")


def _x901(issues: tuple[Issue, ...]) -> list[Issue]:
    return [i for i in issues if i.code == "X901"]


@pytest.mark.usefixtures("outside_check")
@pytest.mark.parametrize("mode", ["rewrite", "summary"])
def test_a_plain_function_registered_from_outside_reports_its_issue(mode: str) -> None:
    report = audit(SOURCE, REWRITE, AuditOptions(mode=mode))
    found = _x901(report.issues)
    assert len(found) == 1
    start, end = found[0].rewrite_span or (0, 0)
    assert REWRITE[start:end] == "allegedly"
    assert found[0].kind == "hedge" and found[0].severity == "warning"
    assert found[0].to_json()["code"] == "X901"
    # Its issue lowers the sentence's score like a built-in warning.
    assert report.sentence_scores[0] < 1.0
    assert not _x901(audit(SOURCE, SOURCE, AuditOptions(mode=mode)).issues)


@pytest.mark.usefixtures("outside_check")
def test_an_outside_check_that_needs_a_source_does_not_run_without_one() -> None:
    assert not _x901(audit_text(REWRITE).issues)


def test_the_outside_check_is_gone_after_removal() -> None:
    with pytest.raises(OptionsError):
        CHECKS.get("allegedly")
    assert "X901" not in {i.code for i in audit(SOURCE, REWRITE).issues}


def test_a_declared_text_check_runs_with_and_without_a_source() -> None:
    catalogue.add(IssueType("X902", "text", Severity.INFO, "exclamation mark"))

    def exclaims(text: TextContext) -> list[Issue]:
        return [
            catalogue.make("X902", "an exclamation mark", rewrite_span=(s.end - 1, s.end))
            for s in text.sentences
            if s.text.endswith("!")
        ]

    check("exclaims", modes=("rewrite", "summary", "text"), needs_source=False)(exclaims)
    try:
        shout = "The trial begins in May!"
        alone = audit_text(shout)
        paired = audit("The trial begins in May.", shout)
    finally:
        CHECKS.remove("exclaims")
        catalogue.remove("X902")
    for report in (alone, paired):
        assert [(i.code, i.rewrite_span) for i in report.issues if i.code == "X902"] == [
            ("X902", (23, 24))
        ]


def test_the_builtin_checks_find_a_changed_number_through_the_registry() -> None:
    # Every built-in family is a registry entry; dropping one is felt in the report.
    source, rewrite = "The storm cut power to 12,000 homes.", "The storm cut power to 21,000 homes."
    assert "F101" in {i.code for i in audit(source, rewrite).issues}
    numbers = CHECKS.get("numbers")
    CHECKS.remove("numbers")
    try:
        assert "F101" not in {i.code for i in audit(source, rewrite).issues}
    finally:
        CHECKS.add("numbers", numbers)
    assert "F101" in {i.code for i in audit(source, rewrite).issues}


@pytest.mark.parametrize("code", ["F101", "T201", "101", "X"])
def test_an_outside_issue_type_may_not_take_a_builtin_or_malformed_code(code: str) -> None:
    with pytest.raises(OptionsError, match="outside code"):
        catalogue.add(IssueType(code, "number", Severity.ERROR, "mine"))


def test_an_outside_code_is_declared_once() -> None:
    catalogue.add(IssueType("X903", "x", Severity.INFO, "first"))
    try:
        catalogue.add(IssueType("X903", "x", Severity.INFO, "first"))  # the same again: fine
        with pytest.raises(OptionsError, match="taken"):
            catalogue.add(IssueType("X903", "x", Severity.INFO, "second"))
    finally:
        catalogue.remove("X903")


def test_an_issue_of_an_undeclared_code_is_refused() -> None:
    with pytest.raises(OptionsError, match=r"catalogue\.add"):
        catalogue.make("X999", "never declared")


def test_a_check_that_needs_a_source_cannot_run_in_text_mode() -> None:
    with pytest.raises(OptionsError, match="needs a source"):
        check("broken", modes=("text",))


def test_a_check_in_an_unknown_mode_is_refused() -> None:
    with pytest.raises(OptionsError, match="unknown audit modes"):
        check("broken", modes=("poetry",), needs_source=False)
