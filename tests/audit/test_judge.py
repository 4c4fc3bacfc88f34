"""Phrase-level judgment (issue 11): equivalent, contradicts or new, with the
evidence a reader sees; and what the content, predicate and modality checks
make of it in rewrite mode. Sentences invented for this test."""

from __future__ import annotations

import pytest

from retold.audit.auditor import AuditOptions, audit

REWRITE = AuditOptions(mode="rewrite")


def _codes(source: str, rewrite: str) -> set[str]:
    return {i.code for i in audit(source, rewrite, REWRITE).errors}


@pytest.mark.parametrize(
    ("source", "rewrite"),
    [
        pytest.param(
            "The minister has avoided the question for months.",
            "The minister has shied away from the question for months.",
            id="phrase-for-word",
        ),
        pytest.param(
            "The council would support a comprehensive deal on housing.",
            "The council would be in favor of a comprehensive agreement on housing.",
            id="two-phrases",
        ),
        pytest.param(
            "Pending regulatory approval, the merger should close in June.",
            "Pending approval from regulators, the merger should close in June.",
            id="same-stem",
        ),
        pytest.param(
            "A lab robot that can sort the samples was shown on Monday.",
            "A lab robot able to sort the samples was shown on Monday.",
            id="can-able",
        ),
    ],
)
def test_an_equivalent_phrase_is_no_error(source: str, rewrite: str) -> None:
    report = audit(source, rewrite, REWRITE)
    assert not report.errors, report.errors


@pytest.mark.parametrize(
    ("source", "rewrite", "code"),
    [
        pytest.param(
            "The appeals court upheld the ruling against the builder.",
            "The appeals court overturned the ruling against the builder.",
            "F151",
            id="uphold-overturn",
        ),
        pytest.param(
            "Ticket sales were slightly above forecasts in May.",
            "Ticket sales were slightly below forecasts in May.",
            "F151",
            id="above-below",
        ),
        pytest.param(
            "The refund applies to all registered members of the club.",
            "The refund applies to all members of the club.",
            "F161",
            id="qualifier-dropped",
        ),
        pytest.param(
            "The library will open on Sundays, at least until the summer.",
            "The library will open on Sundays until the summer.",
            "F161",
            id="restriction-dropped",
        ),
        pytest.param(
            "The shop sells apples and pears from local farms.",
            "The shop sells apples, plums and pears from local farms.",
            "F162",
            id="conjunct-added",
        ),
        pytest.param(
            "A merger that would create the region's largest grocer was announced.",
            "A merger that will create the region's largest grocer was announced.",
            "F143",
            id="would-will",
        ),
        pytest.param(
            "The concert is scheduled to last two hours.",
            "The concert will last two hours.",
            "F143",
            id="plan-dropped",
        ),
    ],
)
def test_a_changed_fact_in_a_light_edit_is_an_error(source: str, rewrite: str, code: str) -> None:
    assert code in _codes(source, rewrite)


def test_a_contradiction_says_what_decided_it() -> None:
    report = audit(
        "The storm is likely to strengthen over the weekend.",
        "The storm is likely to fade over the weekend.",
        REWRITE,
    )
    contradicted = [i for i in report.errors if i.code == "F151"]
    assert contradicted and "polarity" in contradicted[0].message


def test_a_doubt_in_a_heavy_paraphrase_is_a_warning_the_gate_still_rejects() -> None:
    source = "Officials closed the bridge on Friday after engineers found cracks in a support beam."
    rewrite = (
        "Engineers discovered fissures in a beam holding up the span, and on Friday the "
        "authorities shut it to traffic as a precaution."
    )
    report = audit(source, rewrite, REWRITE)
    content = [i for i in report.issues if i.kind == "content"]
    assert content and all(i.severity != "error" for i in content), report.issues
    assert not report.to_json()["gate"]["accept"]
