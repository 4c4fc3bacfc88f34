"""Every word accounted for (``retold.audit.checks.accounting``): what a
language model dropped or invented, which no check of a fact kind sees.

The changed pairs are of the kinds blind readers found in SmolLM2's rewrites
that had passed the gate (issue 11); the kept ones say the same in other
words and must raise none of the accounting issues.
"""

from __future__ import annotations

import pytest

from retold.audit.auditor import AuditOptions, audit

REWRITE = AuditOptions(mode="rewrite")
ACCOUNTING = {"F161", "F163"}

DROPPED = [
    ("The USDA is also working on a potential vaccine for the birds.",
     "The USDA is working on a potential vaccine for the birds.", "also"),
    ("Most of the people who were infected had contact with birds.",
     "The people who were infected had contact with birds.", "Most"),
    ("Observation of a knife is definitely a safety concern.",
     "Observation of a knife is a safety concern.", "definitely"),
    ("The police and the U.S. Justice Department are investigating.",
     "The U.S. Justice Department is investigating.", "police"),
    ("Rockwell lived in neighboring West Arlington at the time.",
     "Rockwell lived in West Arlington at the time.", "neighboring"),
    ("In many cases, they just wanted to be remembered, he said.",
     "In many cases, they wanted to be remembered, he said.", "just"),
    ("We have a notion of pride coming from the attacks.",
     "Boston has a notion of pride as a result of the attacks.", "We"),
    ("Even a judge has taken issue with this view of the law.",
     "Even a judge has taken issue with the view of the law.", "this"),
]  # fmt: skip

ADDED = [
    ("Manfredi (centre) is tackled by Josh Jones (left) and James Roby.",
     "Manfredi (centre) is tackled by Josh Jones (left) and James Roby (right).", "right"),
    ("One part of the response that gets little mention is the focus on families.",
     "The one part of the response that gets little mention is the focus on families.", "The"),
]  # fmt: skip


@pytest.mark.parametrize(("source", "rewrite", "word"), ADDED)
def test_a_word_of_meaning_added_is_named_and_blocks_the_gate(
    source: str, rewrite: str, word: str
) -> None:
    report = audit(source, rewrite, REWRITE)
    gained = [i for i in report.issues if i.code == "F163"]
    assert any(f"'{word}'" in i.message for i in gained), report.issues
    assert report.blockers


@pytest.mark.parametrize(("source", "rewrite", "word"), DROPPED)
def test_a_word_of_meaning_dropped_is_named_and_blocks_the_gate(
    source: str, rewrite: str, word: str
) -> None:
    report = audit(source, rewrite, REWRITE)
    lost = [i for i in report.issues if i.code == "F161"]
    assert lost, report.issues
    assert any(f"'{word}'" in i.message for i in lost), lost
    assert report.blockers


def test_a_clause_the_source_lacks_is_named() -> None:
    report = audit(
        "If he had no knife on him, what would the police have done?",
        "If he had no knife on him, the police would have had to use a sword.",
        REWRITE,
    )
    added = [i for i in report.issues if i.code == "F163"]
    assert added and "'sword'" in added[0].message, report.issues
    assert added[0].rewrite_text.endswith("sword")


def test_a_question_turned_into_a_statement_is_an_error() -> None:
    report = audit(
        "The charging document doesn't really identify a safety concern, or does it?",
        "The charging document doesn't really identify a safety concern.",
        REWRITE,
    )
    assert [i.code for i in report.errors] == ["F143"], report.issues
    assert "question" in report.errors[0].message


KEPT = [
    ("The USDA is also working on a vaccine.", "The USDA is working on a vaccine too."),
    ("Hours later, the police reopened the road.",
     "Several hours afterwards, the police reopened the road."),
    ("The union warned that members could strike in March.",
     "The union cautioned that members could strike in March."),
    ("However, the same jury could not agree on a sentence.",
     "But the same jury could not agree on a sentence."),
    ("The mayor, who took office in May, said the bridge would reopen.",
     "The mayor said the bridge would reopen. The mayor took office in May."),
    ("The company said that it would appeal the ruling.",
     "The company said it would appeal the ruling."),
    ("Shares rose 4 percent, their biggest one-day gain this year.",
     "The stock climbed 4 percent, its largest single-day gain this year."),
]  # fmt: skip


@pytest.mark.parametrize(("source", "rewrite"), KEPT)
def test_a_paraphrase_that_keeps_every_word_of_meaning_raises_nothing(
    source: str, rewrite: str
) -> None:
    report = audit(source, rewrite, REWRITE)
    assert not [i for i in report.issues if i.code in ACCOUNTING], report.issues
    assert not [i for i in report.issues if i.code == "F143"], report.issues


def test_the_summary_mode_does_not_ask_for_every_word() -> None:
    report = audit(
        "The USDA is also working on a potential vaccine for the birds.",
        "The USDA is working on a vaccine.",
        AuditOptions(mode="summary"),
    )
    assert not [i for i in report.issues if "no counterpart" in i.message], report.issues
