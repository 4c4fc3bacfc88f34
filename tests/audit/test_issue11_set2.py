"""Issue 11, the second set of fidelity pairs: what its tuning half showed the
audit missed or mistook, each fix tested on sentences invented for this test."""

from __future__ import annotations

import pytest

from retold import models
from retold.audit.auditor import AuditOptions, audit
from retold.audit.checks.text import check_text
from retold.data import Report
from retold.segment.splitter import segment

REWRITE = AuditOptions(mode="rewrite")


def _report(source: str, rewrite: str) -> Report:
    return audit(source, rewrite, REWRITE)


def _errors(source: str, rewrite: str) -> set[str]:
    return {i.code for i in _report(source, rewrite).errors}


def _text_codes(text: str, source: str | None = None) -> set[str]:
    issues = check_text(text, segment(text), source=source, doc=models.nlp()(text))
    return {i.code for i in issues if i.severity == "error"}


# Broken text the gate let through.


def test_a_clock_abbreviation_split_and_recased_is_broken() -> None:
    source = "The ferry left the pier at 6:10 p.m. with 40 people aboard."
    rewrite = "The ferry left the pier at 6:10 p. M. with 40 people aboard."
    assert "T201" in _text_codes(rewrite, source)


def test_a_passive_without_its_auxiliary_is_a_fragment() -> None:
    source = "The painting, titled Blue Harbor, was first shown in 1911 by a gallery in Oslo."
    rewrite = "The painting, titled Blue Harbor, first shown in 1911 by a gallery in Oslo."
    assert "T201" in _text_codes(rewrite, source)


def test_a_participle_describing_its_noun_is_no_fragment() -> None:
    text = "The company said a car driven by the mayor was stopped on Monday."
    assert "T201" not in _text_codes(text)


def test_a_relative_clause_of_saying_with_nothing_said_dangles() -> None:
    source = "Coach Ellen Marsh said the team had not given up on the season."
    rewrite = "The team had not given up on the season, according to Coach Ellen Marsh, who said."
    assert "T201" in _text_codes(rewrite, source)


def test_a_relative_clause_of_saying_with_its_clause_is_whole() -> None:
    text = "The team thanked Coach Ellen Marsh, who said she was proud of them."
    assert "T201" not in _text_codes(text)


def test_a_spun_title_before_a_name_is_a_change() -> None:
    # WordNet has "outgoing" for "sociable" and "chief" for "boss", but not
    # in a title: who the person is changed.
    source = '"We are ready," outgoing coach Dana Pruitt said.'
    rewrite = '"We are ready," said sociable coach Dana Pruitt.'
    assert not _report(source, rewrite).to_json()["gate"]["accept"]
    source = "Chief financial officer Dr. Lena Hart said costs would fall."
    rewrite = "Boss fiscal official Dr. Lena Hart said costs would fall."
    assert not _report(source, rewrite).to_json()["gate"]["accept"]


# Who did what to whom.


@pytest.mark.parametrize(
    ("source", "rewrite"),
    [
        pytest.param(
            "The Harlow Library will return 12 maps to the Vesna Archive next month.",
            "The Vesna Archive will give back 12 maps to the Harlow Library next month.",
            id="giver-and-receiver",
        ),
        pytest.param(
            "The bug was found by a student, Omar Reyes, who reported it to Brightsoft.",
            "Brightsoft found the bug and reported it to Omar Reyes, a student.",
            id="reporter-and-recipient",
        ),
    ],
)
def test_a_sender_and_receiver_that_trade_places_are_swapped(source: str, rewrite: str) -> None:
    assert "F124" in _errors(source, rewrite)


def test_the_same_transfer_said_otherwise_is_no_swap() -> None:
    source = "The Harlow Library will return 12 maps to the Vesna Archive next month."
    rewrite = "Next month the Harlow Library will give back 12 maps to the Vesna Archive."
    assert "F124" not in _errors(source, rewrite)
