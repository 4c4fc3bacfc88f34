"""Negation in rewrite mode (issue 11): a negation removed or added under any
paraphrase of its verb is an error; a negation moved into a word that carries
it ("did not comment" / "declined to comment") is no change.

The sentences are invented for this test, apart from the evaluation pairs.
"""

from __future__ import annotations

import pytest

from retold.audit.auditor import AuditOptions, audit

REWRITE = AuditOptions(mode="rewrite")

FLIPPED = [
    pytest.param(
        "The mayor has not signed the budget.",
        "The mayor has approved the budget.",
        "F142",
        id="not-signed-became-approved",
    ),
    pytest.param(
        "The bakery will still deliver on Sundays.",
        "The bakery will no longer deliver on Sundays.",
        "F141",
        id="still-became-no-longer",
    ),
    pytest.param(
        "The board voted to publish the report.",
        "The board voted to hold off on publishing the report.",
        "F141",
        id="held-off-added",
    ),
    pytest.param(
        "The ferry service was not interrupted by the storm.",
        "The ferry service was halted by the storm.",
        "F142",
        id="not-interrupted-became-halted",
    ),
    pytest.param(
        "The insurer paid the claim within a week.",
        "The insurer refused to pay the claim within a week.",
        "F141",
        id="refused-to-added",
    ),
]

KEPT = [
    pytest.param(
        "The senator did not comment on the report.",
        "The senator declined to comment on the report.",
        id="declined-to",
    ),
    pytest.param(
        "The striker has not scored since March.",
        "The striker has yet to score since March.",
        id="yet-to",
    ),
    pytest.param(
        "Train services were not affected by the strike.",
        "Train services were unaffected by the strike.",
        id="un-prefix",
    ),
    pytest.param(
        "The pilot could not land in the fog.",
        "The pilot was unable to land in the fog.",
        id="unable",
    ),
    pytest.param(
        "A knee injury meant she did not play in the final.",
        "A knee injury kept her from playing in the final.",
        id="kept-from",
    ),
    pytest.param(
        "The delay was caused by the weather, not by a strike.",
        "The delay was caused by the weather rather than by a strike.",
        id="rather-than",
    ),
    pytest.param(
        "The second seed withdrew on Monday.",
        "The No. 2 seed withdrew on Monday.",
        id="number-abbreviation",
    ),
    pytest.param(
        "The fare will rise to at most $3.",
        "The fare will rise to no more than $3.",
        id="no-more-than",
    ),
]


@pytest.mark.parametrize(("source", "rewrite", "code"), FLIPPED)
def test_a_negation_flipped_under_a_reworded_verb_is_an_error(
    source: str, rewrite: str, code: str
) -> None:
    report = audit(source, rewrite, REWRITE)
    assert code in {i.code for i in report.errors}, report.issues
    assert not report.to_json()["gate"]["accept"]


@pytest.mark.parametrize(("source", "rewrite"), KEPT)
def test_a_negation_carried_by_another_word_is_no_change(source: str, rewrite: str) -> None:
    report = audit(source, rewrite, REWRITE)
    assert not {"F141", "F142"} & {i.code for i in report.issues}, report.issues


def test_two_negations_in_one_clause_are_a_warning_not_an_error() -> None:
    report = audit(
        "Police need a warrant to search the phone.",
        "Police may not search the phone without a warrant.",
        REWRITE,
    )
    negations = [i for i in report.issues if i.code in ("F141", "F142")]
    assert negations and all(i.severity == "warning" for i in negations)
