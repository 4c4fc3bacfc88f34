"""Rewrite mode (issue 3): what a sentence-by-sentence rewrite may not drop.

A dropped person, place or organisation, a dropped quotation and a dropped
attribution ("X said" removed, so that a claim reads as a fact) are errors;
so are a changed tense ("hoped" -> "hopes", F115) and a dropped or added hedge
("is expected to" -> "will", F143). The faithful paraphrases beside them pass.
"""

from __future__ import annotations

import pytest

from retold.audit.auditor import AuditOptions, audit

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


# Tense (F115): the time of a predicate is a fact.
TENSE_CHANGED = [
    pytest.param(
        "The council hoped the Harbor Street bridge would reopen before the holidays.",
        "The council hopes the Harbor Street bridge will reopen before the holidays.",
        id="hoped-hopes",
    ),
    pytest.param(
        "The Harbor Street bridge was closed to traffic in March after inspectors found cracks.",
        "The Harbor Street bridge is closed to traffic in March after inspectors found cracks.",
        id="was-closed-is-closed",
    ),
    pytest.param(
        "Police said the driver was arrested near the border on Sunday.",
        "Police said the driver will be arrested near the border on Sunday.",
        id="reported-past-future",
    ),
    pytest.param(
        "The Dunmore plant closed in 2019 and remains empty.",
        "The Dunmore plant closed in 2019 and remained empty.",
        id="remains-remained",
    ),
    pytest.param(
        "The Dunmore plant fired 300 workers last year.",
        "The Dunmore plant will dismiss 300 workers next year.",
        id="synonym-fired-will-dismiss",
    ),
]


@pytest.mark.parametrize(("source", "rewrite"), TENSE_CHANGED)
def test_a_changed_tense_is_an_error(source: str, rewrite: str) -> None:
    report = audit(source, rewrite)
    assert "F115" in {i.code for i in report.errors}


TENSE_KEPT = [
    # reported speech shifts with its verb: "would" is "will" under "said"
    (
        "Officials said the Harbor Street bridge would reopen in May.",
        "The Harbor Street bridge would reopen in May, officials said.",
    ),
    (
        "Officials said they hoped the bridge would reopen in May.",
        "Officials said they hope the bridge will reopen in May.",
    ),
    (
        "He told reporters that the talks were productive.",
        "The talks are productive, he told reporters.",
    ),
    # a present perfect reports a past event, a passive keeps its tense
    (
        "The Harbor Street bridge was closed in March.",
        "The Harbor Street bridge has been closed since March.",
    ),
    (
        "Police arrested the driver near the border on Sunday.",
        "The driver was arrested by police near the border on Sunday.",
    ),
    (
        "The bridge, which carried 50,000 cars a day, has been closed for three months.",
        "The bridge has been closed for three months. It carried 50,000 cars a day.",
    ),
    (
        "The council hoped the bridge would reopen before the holidays.",
        "The council had hoped that the bridge would reopen before the holidays.",
    ),
    (
        "The Dunmore plant fired 300 workers last year.",
        "The Dunmore plant sacked 300 workers last year.",
    ),
    # a participle has no tense, however the tagger reads it
    (
        "The new bridge will be 1.5 kilometres long and is expected to open in 2027. ",
        " Expected to open in 2027, the new bridge will measure 1.5 kilometres.",
    ),
]


@pytest.mark.parametrize(("source", "rewrite"), TENSE_KEPT)
def test_a_kept_or_shifted_tense_is_no_issue(source: str, rewrite: str) -> None:
    report = audit(source, rewrite)
    assert "F115" not in {i.code for i in report.issues}


def test_said_to_says_only_warns() -> None:
    report = audit(
        "Officials said the Harbor Street bridge would reopen in May.",
        "Officials say the Harbor Street bridge will reopen in May.",
    )
    tense = [i for i in report.issues if i.code == "F115"]
    assert tense and all(i.severity == "warning" for i in tense)
    assert not report.errors


def test_a_past_event_in_the_historic_present_only_warns() -> None:
    # "dismisses ... last year" still says when: the event is not moved, but
    # the gate, which stops any tense warning, still rejects it
    report = audit(
        "The Dunmore plant fired 300 workers last year.",
        "The Dunmore plant dismisses 300 workers last year.",
    )
    tense = [i for i in report.issues if i.code == "F115"]
    assert tense and all(i.severity == "warning" for i in tense)


def test_summary_mode_does_not_check_tense() -> None:
    report = audit(
        "The council hoped the Harbor Street bridge would reopen before the holidays.",
        "The council hopes the Harbor Street bridge will reopen before the holidays.",
        AuditOptions(mode="summary"),
    )
    assert "F115" not in {i.code for i in report.issues}


# Hedges (F143): a claim someone believes or reports is no plain fact.
HEDGE_CHANGED = [
    pytest.param(
        "The Harbor Street bridge is expected to reopen in May.",
        "The Harbor Street bridge is to reopen in May.",
        id="expected-to-dropped",
    ),
    pytest.param(
        "The Harbor Street bridge is expected to reopen in May.",
        "The Harbor Street bridge will reopen in May.",
        id="expected-to-will",
    ),
    pytest.param(
        "The former treasurer allegedly took $40,000 from the club's accounts.",
        "The former treasurer took $40,000 from the club's accounts.",
        id="allegedly-dropped",
    ),
    pytest.param(
        "The minister reportedly resigned on Friday after the vote.",
        "The minister resigned on Friday after the vote.",
        id="reportedly-dropped",
    ),
    pytest.param(
        "The fire was likely caused by a discarded cigarette.",
        "The fire was caused by a discarded cigarette.",
        id="likely-dropped",
    ),
    pytest.param(
        "The storm appears to have killed 12 people in the province.",
        "The storm killed 12 people in the province.",
        id="appears-to-dropped",
    ),
    pytest.param(
        "The gunman is believed to have acted alone.",
        "The gunman acted alone.",
        id="believed-to-dropped",
    ),
    pytest.param(
        "Two suspected militants were arrested in the raid.",
        "Two militants were arrested in the raid.",
        id="suspected-dropped",
    ),
    pytest.param(
        "Two militants were arrested in the raid.",
        "Two suspected militants were arrested in the raid.",
        id="suspected-added",
    ),
    pytest.param(
        "The former treasurer took $40,000 from the club's accounts.",
        "The former treasurer allegedly took $40,000 from the club's accounts.",
        id="allegedly-added",
    ),
    pytest.param(
        "The storm could hit the coast on Monday.",
        "The storm will hit the coast on Monday.",
        id="could-will",
    ),
]


@pytest.mark.parametrize(("source", "rewrite"), HEDGE_CHANGED)
def test_a_dropped_or_added_hedge_is_an_error(source: str, rewrite: str) -> None:
    report = audit(source, rewrite)
    assert "F143" in {i.code for i in report.errors}


HEDGE_KEPT = [
    (
        "The Harbor Street bridge is expected to reopen in May.",
        "Officials expect the Harbor Street bridge to reopen in May.",
    ),
    (
        "The Harbor Street bridge is expected to reopen in May.",
        "The Harbor Street bridge is likely to reopen in May.",
    ),
    (
        "The minister reportedly resigned on Friday after the vote.",
        "The minister is reported to have resigned on Friday after the vote.",
    ),
    (
        "The fire was likely caused by a discarded cigarette.",
        "A discarded cigarette probably caused the fire.",
    ),
    (
        "The storm appears to have killed 12 people in the province.",
        "The storm seems to have killed 12 people in the province.",
    ),
    (
        "The gunman is believed to have acted alone.",
        "Police believe the gunman acted alone.",
    ),
    (
        "Police said the driver was arrested near the border on Sunday.",
        "The driver was arrested near the border on Sunday, police said.",
    ),
    # the hedge word kept, whatever the parse makes of it
    (
        "Police suspect the gunman acted alone.",
        "The gunman is suspected by police of acting alone.",
    ),
    (
        "The talks could resume in May, diplomats said.",
        "Diplomats said the talks could resume in May.",
    ),
]


@pytest.mark.parametrize(("source", "rewrite"), HEDGE_KEPT)
def test_a_kept_hedge_is_no_issue(source: str, rewrite: str) -> None:
    report = audit(source, rewrite)
    assert "F143" not in {i.code for i in report.issues}


# Rewrites of the rules backend that once drew these false alarms (issue 3), in
# our own words: a reduced relative clause, a verb the tagger reads either way,
# "can't" spelled out, a modal kept on a synonym, two verbs traded, and a verb
# the other sentence of a merged group uses of something else.
KEPT_BY_THE_RULES = [
    (
        "The sketch of the red submarine which is known as the crown jewel of the sale "
        "is set to fetch £8,000.",
        "The sketch of the red submarine known as the crown jewel of the sale "
        "is set to fetch £8,000.",
    ),
    (
        "Although they cut costs last year, the firm is still losing money.",
        "The firm is still losing money, although they cut costs last year.",
    ),
    (
        "The swimmer can't wait to race again in June.",
        "The swimmer cannot wait to race again in June.",
    ),
    (
        "He was carried to the road, where he could receive treatment.",
        "He was carried to the road, where he could get treatment.",
    ),
    (
        "The ring, which she purchased in Rome, can be bought online.",
        "The ring, which she bought in Rome, can be purchased online.",
    ),
    (
        "The divers searched for the boat at the site. The crew looks for wreckage every spring.",
        "The divers looked for the boat at the site. The crew looks for wreckage every spring.",
    ),
]


@pytest.mark.parametrize(("source", "rewrite"), KEPT_BY_THE_RULES)
def test_rule_rewrites_keep_tense_and_modality(source: str, rewrite: str) -> None:
    report = audit(source, rewrite)
    assert not {i.code for i in report.errors} & {"F115", "F143"}


RANGES = [
    pytest.param(
        "The messages were posted between December 2012 and September 2013.",
        "The messages were posted between September 2013 and December 2012.",
        "F111",
        id="date-range-reversed",
    ),
    pytest.param(
        "Ticket prices rose from $5 to $10 last year.",
        "Ticket prices rose from $10 to $5 last year.",
        "F101",
        id="number-range-reversed",
    ),
    pytest.param(
        "The library is open from 9 a.m. to 5 p.m. on Sundays.",
        "On Sundays, the library is open from 5 p.m. to 9 a.m.",
        "F114",
        id="time-range-reversed",
    ),
]


@pytest.mark.parametrize(("source", "rewrite", "code"), RANGES)
def test_a_reversed_range_is_a_changed_fact(source: str, rewrite: str, code: str) -> None:
    """Both ends are still there, so only their order shows the change."""
    errors = [i for i in audit(source, rewrite).issues if i.severity == "error"]
    assert [i.code for i in errors] == [code]
    assert "reversed" in errors[0].message
    assert errors[0].rewrite_span is not None


@pytest.mark.parametrize(
    ("source", "rewrite"),
    [
        (
            "The messages were posted between December 2012 and September 2013.",
            "Between December 2012 and September 2013, the messages were posted.",
        ),
        (
            "Ticket prices rose from $5 to $10 last year.",
            "Last year, ticket prices rose to $10 from $5.",
        ),
    ],
)
def test_a_range_kept_in_order_or_restated_is_no_issue(source: str, rewrite: str) -> None:
    assert not audit(source, rewrite).errors


def test_a_verb_of_warning_turned_into_its_noun_keeps_the_attribution() -> None:
    report = audit(
        "Shares in Keller Foods fell 8 percent after the company warned about profits.",
        "Keller Foods saw its shares fall by 8 percent after it gave a warning about profits.",
    )
    assert "F135" not in {i.code for i in report.issues}
