"""Rewrite mode (issue 3): what a sentence-by-sentence rewrite may not drop.

A dropped person, place or organisation, a dropped quotation and a dropped
attribution ("X said" removed, so that a claim reads as a fact) are errors;
the faithful paraphrases beside them pass.
"""

from __future__ import annotations

import pytest

from retold.audit import AuditOptions, audit

CASES = [
    pytest.param(
        "Mr. Okafor said the agency hoped to finish the survey by March 3.",
        "The agency hopes to finish the survey by March 3.",
        {"F123", "F135"},
        id="speaker-and-said-dropped",
    ),
    pytest.param(
        "The fund is a partnership of Dunmore Capital of Glasgow and the Denver-based "
        "Ridgeline Partners LLC.",
        "The fund is a partnership of Dunmore Capital of Glasgow and Ridgeline Partners LLC.",
        {"F123"},
        id="place-dropped",
    ),
    pytest.param(
        'Sen. Maria Lopez said she would block any bill that lacked "serious safeguards" '
        "for tenants.",
        "Sen. Maria Lopez would block any bill that lacked strong protections for tenants.",
        {"F134", "F135"},
        id="quotation-and-said-dropped",
    ),
    pytest.param(
        "Sales rose 3 percent in May, according to the trade association.",
        "Sales rose 3 percent in May.",
        {"F135"},
        id="according-to-dropped",
    ),
]


@pytest.mark.parametrize(("source", "rewrite", "codes"), CASES)
def test_a_dropped_name_quotation_or_attribution_is_an_error(
    source: str, rewrite: str, codes: set[str]
) -> None:
    report = audit(source, rewrite)
    assert codes <= {i.code for i in report.errors}


FAITHFUL = [
    (
        "Mr. Okafor said the agency hoped to finish the survey by March 3.",
        "The agency hoped to finish the survey by March 3, Mr. Okafor said.",
    ),
    (
        "Sales rose 3 percent in May, according to the trade association.",
        "According to the trade association, sales rose 3 percent in May.",
    ),
    (
        "Sales rose 3 percent in May, the trade association reported.",
        "In May, sales rose 3 percent, according to the trade association.",
    ),
    (
        'Sen. Maria Lopez said she would block any bill that lacked "serious safeguards" '
        "for tenants.",
        'Any bill that lacked "serious safeguards" for tenants would be blocked by her, '
        "Sen. Maria Lopez said.",
    ),
]


@pytest.mark.parametrize(("source", "rewrite"), FAITHFUL)
def test_faithful_paraphrases_keep_their_names_quotes_and_speakers(
    source: str, rewrite: str
) -> None:
    report = audit(source, rewrite)
    assert not {i.code for i in report.errors} & {"F123", "F134", "F135"}


def test_a_name_that_became_a_pronoun_only_warns_as_dropped() -> None:
    report = audit(
        "Mr. Okafor said the agency hoped to finish the survey by March 3.",
        "He said the agency hoped to finish the survey by March 3.",
    )
    dropped = [i for i in report.issues if i.code == "F123"]
    assert dropped and all(i.severity == "warning" for i in dropped)


def test_summary_mode_reports_none_of_these() -> None:
    report = audit(
        "Mr. Okafor said the agency hoped to finish the survey by March 3.",
        "The agency hopes to finish the survey by March 3.",
        AuditOptions(mode="summary"),
    )
    assert not {i.code for i in report.issues} & {"F123", "F134", "F135"}
