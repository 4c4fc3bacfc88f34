"""Broken text judged against its source (issue 11), in our own words.

Each defect is an error only when the source does not have the same thing:
doubled symbols and punctuation, a name torn by a period, a title spelled
out as another word, a sentence cut off, spoken filler, a salutation run on
into a sentence. Faithful rewrites of the same sources get no error.
"""

from __future__ import annotations

import pytest

from retold import models
from retold.audit import audit
from retold.audit.checks.text import check_text
from retold.data import Issue
from retold.segment.splitter import segment


def _issues(text: str, source: str | None = None) -> tuple[Issue, ...]:
    issues = check_text(text, segment(text), source=source, doc=models.nlp()(text))
    for issue in issues:
        assert issue.rewrite_span is not None
        start, end = issue.rewrite_span
        assert text[start:end] == issue.rewrite_text
    return issues


def _errors(text: str, source: str | None = None) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for issue in _issues(text, source):
        if issue.severity == "error":
            found.setdefault(issue.code, []).append(issue.rewrite_text)
    return found


# (source, broken rewrite, code, text the issue points at)
BROKEN = [
    (
        "Shares of Dunmore & Pike fell 3 percent on Monday after the recall.",
        "Shares of Dunmore & & Pike fell 3 percent on Monday after the recall.",
        "T204",
        "& &",
    ),
    (
        "The team, led by Ortiz, won the final in extra time.",
        "The team, , led by Ortiz, won the final in extra time.",
        "T210",
        ", ,",
    ),
    (
        "“We will rebuild every house,” the mayor said on Friday.",
        "The mayor said on Friday, “We will rebuild every house.”.",
        "T210",
        ".”.",
    ),
    (
        "The Federal Aviation Administration grounded the jets on Sunday.",
        "On Sunday, the Federal Aviation. Administration grounded the jets.",
        "T208",
        "Aviation. Administration",
    ),
    (
        "The startup CloudNine raised $40 million from investors in March.",
        "In March, the startup Cloud. Nine raised $40 million from investors.",
        "T208",
        "Cloud. Nine",
    ),
    (
        "Sen. Paula Ortiz said the vote on the bill would be close.",
        "Senate Paula Ortiz said the vote on the bill would be close.",
        "T213",
        "Senate Paula",
    ),
    (
        "Dr. Omar Haddad, who led the trial, called the results encouraging.",
        "Drive Omar Haddad, who led the trial, called the results encouraging.",
        "T213",
        "Drive Omar",
    ),
    (
        "Gov. Ruth Abara said the bridge would reopen by June.",
        "Gov. Ruth Abara said the bridge would reopen by",
        "T201",
        "by",
    ),
    (
        "The museum will close its west wing for repairs until spring.",
        "The museum will close its west wing for repairs until the. Visitors were told.",
        "T201",
        "the.",
    ),
    (
        "U.S. officials will meet at 5 p.m. on Monday.",
        "U. S. officials will meet on Monday at 5 p.m.",
        "T201",
        "U. S.",
    ),
    (
        "The crew left St. Louis at dawn.",
        "At dawn, the crew left Street Louis.",
        "T213",
        "Street Louis",
    ),
    (
        "The Midtown ferry will resume service at noon, the city said.",
        "The city said the Midtown ferry will resume service at. Riders cheered.",
        "T201",
        "at.",
    ),
    (
        "Although the company denied the report, its shares fell 6 percent.",
        "Although the company denied the report. Its shares fell 6 percent.",
        "T201",
        "Although the company denied the report.",
    ),
    (
        "The company, which makes batteries for electric cars, hired 400 workers.",
        "The company, which makes batteries for electric cars. It hired 400 workers.",
        "T201",
        "The company, which makes batteries for electric cars.",
    ),
    (
        "The plant will close in May, the company said.",
        "The plant, basically, will close in May, the company said.",
        "T205",
        ", basically,",
    ),
    (
        "Coach Jean-Luc Moreau resigned after the defeat.",
        "After the defeat, coach Jean- Luc Moreau resigned.",
        "T208",
        "Jean- Luc",
    ),
    (
        "Shares of PayRight fell 8 percent on Tuesday.",
        "On Tuesday, shares of Pay Right fell 8 percent.",
        "T208",
        "Pay Right",
    ),
    (
        "Deputy Ana R. Cortez signed the order on Friday.",
        "Deputy Ana R. Friedman signed the order on Friday.",
        "T208",
        "Ana R. Friedman",
    ),
    (
        "The council approved the budget on Tuesday after a long debate.",
        "After a long debate, the council the budget on Tuesday.",
        "T203",
        "the council the budget on Tuesday",
    ),
    (
        "The council voted 7-2 to raise parking fees in the city center.",
        "Okay, the council voted 7-2 to raise parking fees in the city center.",
        "T205",
        "Okay,",
    ),
    (
        "The council voted 7-2 to raise parking fees in the city center.",
        "Well, the council voted 7-2 to raise parking fees in the city center.",
        "T205",
        "Well,",
    ),
    (
        "The plant will close at the end of the year, the company said.",
        "So, basically, the plant will close at the end of the year, the company said.",
        "T205",
        "So, basically,",
    ),
    (
        "The probe is expected to reach Jupiter in 2031, engineers said.",
        "Alright, so the probe is expected to reach Jupiter in 2031, engineers said.",
        "T205",
        "Alright, so",
    ),
]


@pytest.mark.parametrize(("source", "rewrite", "code", "where"), BROKEN)
def test_broken_text_is_an_error_against_a_source_without_it(
    source: str, rewrite: str, code: str, where: str
) -> None:
    found = _errors(rewrite, source)
    assert code in found, found
    assert any(where in t for t in found[code]), found


@pytest.mark.parametrize(("source", "rewrite", "code", "where"), BROKEN)
def test_the_same_defect_in_the_source_is_no_error(
    source: str, rewrite: str, code: str, where: str
) -> None:
    # A rewrite that copies a broken source is not to blame for the break.
    assert code not in _errors(rewrite, rewrite), rewrite


# (source, faithful or heavily reworded rewrite)
FAITHFUL = [
    (
        "Shares of Dunmore & Pike fell 3 percent on Monday after the recall.",
        "Dunmore & Pike's stock lost 3 percent on Monday in the wake of the recall.",
    ),
    (
        "The Federal Aviation Administration grounded the jets on Sunday and said "
        "inspections would take a week.",
        "The Federal Aviation Administration grounded the jets on Sunday. Inspections "
        "would take a week, it said.",
    ),
    (
        "Voters in Ohio backed the measure by a wide margin, officials said.",
        "Officials said voters in Ohio backed the measure. The margin was wide.",
    ),
    (
        "Sen. Paula Ortiz said the vote on the bill would be close.",
        "Senator Paula Ortiz said the bill's vote would be close.",
    ),
    (
        "Prof. Ian Wu and Mt. Rainier's rangers mapped the glacier.",
        "Professor Ian Wu and rangers from Mount Rainier mapped the glacier.",
    ),
    (
        "Dr. Omar Haddad led the trial.",
        "The trial was led by Doctor Omar Haddad.",
    ),
    (
        "The coach said the title was the one thing her players cared about.",
        "The title, the coach said, was the thing her players cared most about.",
    ),
    (
        "So far, three people have died in the floods, police said.",
        "Police said three people have died in the floods so far.",
    ),
    (
        "Well-known actors joined the protest outside the studio on Friday.",
        "Well-known actors joined Friday's protest outside the studio.",
    ),
    (
        "“It is a question we keep coming back to,” the minister said.",
        "The minister said: “It is a question we keep coming back to.”",
    ),
    (
        "J.R. Ewing and U.S. officials flew to St. Louis at 9 a.m.",
        "At 9 a.m., J. R. Ewing and U.S. officials flew to Saint Louis.",
    ),
    (
        "The ferry will resume service at noon, the city said.",
        "Service on the ferry will resume at noon, according to the city.",
    ),
    (
        "When the vote came, the council was split, and the mayor said it was the "
        "outcome she had hoped for.",
        "The council was split when the vote came. The mayor said it was the outcome "
        "she had hoped for.",
    ),
    (
        "A storm dumped 40 centimetres of snow on the valley overnight, closing the pass.",
        "Overnight a storm dumped 40 centimetres of snow on the valley and closed the pass.",
    ),
    (
        "Well-known chef Ana R. Cortez opened a bistro in McAllen, her PayRight app said.",
        "Ana R. Cortez, a well-known chef, opened a bistro in McAllen, according to her "
        "PayRight app.",
    ),
    (
        "Passengers waited at Gate B. Their flight left three hours late.",
        "Passengers waited at Gate B. The flight left three hours late.",
    ),
    (
        "The union and the company did not say when talks would resume.",
        "Neither the union nor the company said when talks would resume.",
    ),
]


@pytest.mark.parametrize(("source", "rewrite"), FAITHFUL)
def test_faithful_rewrites_get_no_text_error(source: str, rewrite: str) -> None:
    assert _errors(rewrite, source) == {}


def test_a_salutation_run_on_into_a_sentence_is_flagged_even_as_the_first_line() -> None:
    """Regression (issue 11): the seed page's "Dear Mr. Biden and his top aides
    envision ...", checked alone, got no issue: a first sentence may open a letter."""
    passage = (
        "Dear Ms. Okafor and her advisers expect a deal on the port within weeks; "
        "the unions would then end the strike."
    )
    found = _errors(passage)
    assert "T205" in found and found["T205"][0].startswith("Dear Ms")
    report = audit(passage)
    assert any(i.code == "T205" and i.severity == "error" for i in report.issues)


@pytest.mark.parametrize(
    "letter",
    [
        "Dear Ms. Okafor,\nThank you for your letter about the port.",
        "Dear Mr. Lund: we write about the port.",
        "Dear Colleagues was the subject line of the memo she sent.",
    ],
)
def test_a_letter_may_open_with_its_salutation(letter: str) -> None:
    assert "T205" not in _errors(letter)


def test_filler_the_source_opens_with_too_is_only_a_warning() -> None:
    source = "“Well, we tried,” the coach said. Well, the season is over now."
    rewrite = "Well, the season is over now, the coach said after they tried."
    filler = [i for i in _issues(rewrite, source) if i.code == "T205"]
    assert filler and all(i.severity == "warning" for i in filler)


def test_a_word_merely_containing_so_does_not_excuse_a_so_opener() -> None:
    source = "The company also said it would close some stores."
    rewrite = "So, the company said it would close some stores."
    assert "T205" in _errors(rewrite, source)


def test_a_spoken_opener_alone_is_only_a_warning() -> None:
    # Features print "So, why ...?"; without a source to compare, no error.
    text = "So, why did the council raise the fees? The budget explains it."
    filler = [i for i in _issues(text) if i.code == "T205"]
    assert [i.severity for i in filler] == ["warning"]


def test_a_clause_alone_with_no_source_is_only_a_warning() -> None:
    text = "The club lost the final. Because the striker missed a penalty in extra time."
    fragments = [i for i in _issues(text) if i.code == "T201"]
    assert [i.severity for i in fragments] == ["warning"]


def test_a_text_ending_without_its_final_mark_is_worth_a_look() -> None:
    source = "The ferry will resume service on Monday."
    rewrite = "The ferry will resume service on Monday"
    cut = [i for i in _issues(rewrite, source) if i.code == "T201"]
    assert [i.severity for i in cut] == ["warning"]


def test_a_seed_like_page_alone_flags_every_defect() -> None:
    """A careless rewrite in the seed page's manner, in our own words: each
    defect gets an error when the page is checked alone, the clean sentences none."""
    page = (
        "Alright, Ms. Okafor is struggling to settle the strike.\n\n"
        "You. K. Officials want a deal before the holiday.\n\n"
        "The strike began on March, when 300 dockers walked out. "
        "Between 9 and 40 ships were stuck.\n\n"
        "Her deputy, Maria T. December will see the vote, said talks were close.\n\n"
        "Dear Mr. Lund and his team expect a deal within weeks.\n\n"
        "She said, “We are ready.”. The unions did not reply.\n\n"
        "scroll to top"
    )
    report = audit(page)
    flagged = " | ".join(
        page[i.rewrite_span[0] : i.rewrite_span[1]] for i in report.errors if i.rewrite_span
    )
    for defect in (
        "Alright,",
        "You. K.",
        "on March,",
        "Between 9 and 40",
        "Maria T. December",
        "Dear Mr",
        ".”.",
        "scroll to top",
    ):
        assert defect in flagged, (defect, flagged)
    for clean in ("The unions did not reply.", "Officials want a deal before the holiday"):
        start = page.index(clean)
        assert not any(
            i.rewrite_span and start <= i.rewrite_span[0] < start + len(clean)
            for i in report.errors
        ), clean
