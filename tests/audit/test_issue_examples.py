"""The pairs of issue 11's table, exactly as a user would try them: the
first six change a fact (an error, and the gate rejects), the last six keep
every fact (no error, the gate accepts)."""

from __future__ import annotations

import pytest

from retold.audit.auditor import AuditOptions, audit

REWRITE = AuditOptions(mode="rewrite")

CHANGED = [
    (
        "A spokesman said the company would not ask for a delay.",
        "According to a spokesman, the company would seek a delay.",
    ),
    (
        "Investigators said the hackers did not reach customer passwords.",
        "According to investigators, the hackers got into customer passwords.",
    ),
    ("The board endorsed the plan on Tuesday.", "On Tuesday, the board shelved the plan."),
    (
        "The agency was reviewing the bonds for a possible downgrade.",
        "The agency was reviewing the bonds for a possible upgrade.",
    ),
    (
        "The jury convicted him on two counts of fraud.",
        "The jury deadlocked on two counts of fraud against him.",
    ),
    (
        "The storm is likely to strengthen over the weekend.",
        "The storm is likely to fade over the weekend.",
    ),
]

KEPT = [
    (
        "Hours later, the police reopened the road.",
        "Several hours afterwards, the police reopened the road.",
    ),
    (
        "One witness, a bus driver, said the car ran a red light.",
        "A bus driver who saw the crash said the car ran a red light.",
    ),
    (
        "The union warned that members could strike in March.",
        "The union cautioned that members could strike in March.",
    ),
    (
        "The coach did not make excuses after the loss.",
        "The coach made no excuses after the loss.",
    ),
    (
        "It was the team's first home win since 2019.",
        "The team had not won at home since 2019.",
    ),
    (
        "Shares rose 4 percent, their biggest one-day gain this year.",
        "The stock climbed 4 percent, its largest single-day gain this year.",
    ),
]


@pytest.mark.parametrize(("source", "rewrite"), CHANGED, ids=[f"changed-{k}" for k in range(6)])
def test_a_changed_fact_is_an_error_and_the_gate_rejects_it(source: str, rewrite: str) -> None:
    report = audit(source, rewrite, REWRITE)
    assert report.errors, report.issues
    assert report.blockers


@pytest.mark.parametrize(("source", "rewrite"), KEPT, ids=[f"kept-{k}" for k in range(6)])
def test_a_kept_fact_is_no_error(source: str, rewrite: str) -> None:
    report = audit(source, rewrite, REWRITE)
    assert not report.errors, report.errors


def test_first_since_read_as_a_negation_only_beside_since() -> None:
    """'the first X since Y' = 'no X had ... since Y'; without 'since', or
    with 'first' simply dropped, the ordinal is still a fact dropped."""
    dropped = audit(
        "It was the team's first home win since 2019.",
        "It was the team's home win since 2019.",
        REWRITE,
    )
    assert [i.code for i in dropped.errors] == ["F103"]
    no_since = audit("It was the team's first home win.", "The team had not won at home.", REWRITE)
    assert {"F103", "F141"} <= {i.code for i in no_since.errors}
