"""Attribution (issue 11): a claim stays attributed, to the same speaker, by a
verb of the same stance; any verb or noun of saying may keep it.

Every sentence here is invented for the test.
"""

from __future__ import annotations

import pytest

from retold.audit.auditor import AuditOptions, audit


def _errors(source: str, rewrite: str) -> set[str]:
    return {i.code for i in audit(source, rewrite).errors}


KEPT = [
    pytest.param(
        "Rents rose 9 percent last year, according to figures from the housing agency.",
        "Figures from the housing agency show that rents rose 9 percent last year.",
        id="according-to-figures-show",
    ),
    pytest.param(
        "Lawyers for the city argued that the contract had expired in May.",
        "The city's lawyers made the argument that the contract had expired in May.",
        id="argued-argument",
    ),
    pytest.param(
        "Economists predicted a slowdown in the second half of the year.",
        "Economists had forecast a slowdown in the second half of the year.",
        id="predicted-forecast",
    ),
    pytest.param(
        "Dr. Imre Kovacs, who has denied wrongdoing, is expected to testify next week.",
        "Dr. Imre Kovacs, who rejects any wrongdoing, is expected to testify next week.",
        id="denied-rejects",
    ),
    pytest.param(
        "Residents complained about the noise, noting that the plant runs all night.",
        "Residents complained about the noise and pointed out that the plant runs all night.",
        id="noting-pointed-out",
    ),
    pytest.param(
        "The ministry blamed the delays on a shortage of inspectors.",
        "The ministry pointed to a shortage of inspectors as the cause of the delays.",
        id="blamed-pointed-to",
    ),
]


@pytest.mark.parametrize(("source", "rewrite"), KEPT)
def test_an_attribution_kept_by_another_saying_is_no_error(source: str, rewrite: str) -> None:
    assert not _errors(source, rewrite) & {"F135", "F136"}


DROPPED = [
    pytest.param(
        "Health officials attributed the drop in cases to the new vaccine.",
        "The drop in cases was caused by the new vaccine.",
        id="explanation-stated-as-fact",
    ),
    pytest.param(
        "The retailer cut its outlook, citing weak holiday sales.",
        "The retailer cut its outlook because holiday sales were weak.",
        id="citing-turned-into-cause",
    ),
    pytest.param(
        "The State Department said the embassy would stay open.",
        "The embassy would stay open.",
        id="said-dropped",
    ),
]


@pytest.mark.parametrize(("source", "rewrite"), DROPPED)
def test_an_attribution_dropped_is_an_error(source: str, rewrite: str) -> None:
    assert "F135" in _errors(source, rewrite)


def test_a_state_named_in_the_rewrite_keeps_no_attribution() -> None:
    """'State' in a name is no verb of saying."""
    assert "F135" in _errors(
        "The plan would cost $2 billion, according to Gov. Ida Moss.",
        "State officials' plan would cost $2 billion.",
    )


MOVED = [
    pytest.param(
        "The ferry company fined the captain $5,000, the port authority said.",
        "The ferry company fined the captain $5,000, the captain said.",
        id="to-someone-else-in-the-sentence",
    ),
    pytest.param(
        "The ministry said it had cleared 40 percent of the backlog since March.",
        "The ministry has cleared 40 percent of the backlog since March, an auditor said.",
        id="speaker-turned-doer",
    ),
    pytest.param(
        "The Tallis Group said the merger would close in April.",
        "The Harwood Fund said the merger would close in April.",
        id="another-name",
    ),
]


@pytest.mark.parametrize(("source", "rewrite"), MOVED)
def test_a_claim_given_to_another_speaker_is_an_error(source: str, rewrite: str) -> None:
    assert "F136" in _errors(source, rewrite)


@pytest.mark.parametrize(
    ("source", "rewrite"),
    [
        (
            "Officials at the port said the cranes would be replaced by 2027.",
            "The cranes will be replaced by 2027, port officials said.",
        ),
        (
            "The brewery said it would close two plants in the spring.",
            "A brewery spokeswoman said two plants would close in the spring.",
        ),
        (
            "The Ministry of Health said 300 beds would be added.",
            "The ministry said it would add 300 beds.",
        ),
        (
            "Deputies detained two teenagers near the pier, Lt. Col. Rosa Imbert said.",
            "Two teenagers were detained near the pier by deputies, according to "
            "Lt. Col. Rosa Imbert.",
        ),
    ],
)
def test_the_same_speaker_said_otherwise_is_no_change(source: str, rewrite: str) -> None:
    # also when the parser takes a title for the speaker ("according to Det. ...")
    assert "F136" not in {i.code for i in audit(source, rewrite).issues}


def test_a_description_replaced_by_the_name_the_article_gives_is_no_change() -> None:
    source = (
        "Corvella makes parts for wind turbines. "
        "The company said it would hire 200 workers next year."
    )
    rewrite = (
        "Corvella makes parts for wind turbines. Corvella said it would hire 200 workers next year."
    )
    assert not {i.code for i in audit(source, rewrite).issues} & {"F122", "F136"}


def test_a_summary_gets_the_speaker_check_too() -> None:
    report = audit(
        "The ferry company fined the captain $5,000, the port authority said.",
        "The captain said the ferry company fined him $5,000.",
        AuditOptions(mode="summary"),
    )
    assert "F136" in {i.code for i in report.issues}
