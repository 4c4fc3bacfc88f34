"""audit(): real texts, real models, one changed fact at a time."""

from __future__ import annotations

import json

import pytest

from retold.audit.auditor import AuditOptions, audit
from retold.data import Article, Report
from retold.errors import EmptyInputError, OptionsError
from tests.paths import DATA

PAIRS = [json.loads(line) for line in (DATA / "audit" / "pairs.jsonl").read_text().splitlines()]


def _codes(report: Report, severity: str = "error") -> set[str]:
    return {i.code for i in report.issues if i.severity == severity}


@pytest.mark.parametrize(
    ("source", "rewrite", "code"),
    [
        (
            "More than 34,000 people have died, officials said.",
            "About 34,000 people have died, officials said.",
            "F104",
        ),
        (
            "The storm cut power to 12,000 homes in Dover.",
            "The storm cut power to 21,000 homes in Dover.",
            "F101",
        ),
        (
            "The tunnel is 3 kilometres long.",
            "The tunnel is 3 miles long.",
            "F105",
        ),
        (
            "The attack took place on Oct. 7 near the border.",
            "The attack took place on October 9 near the border.",
            "F111",
        ),
        (
            "The vote opened at 8:00 a.m. in Lagos.",
            "The vote opened at 8:00 p.m. in Lagos.",
            "F114",
        ),
        (
            "Governor Ellen Park signed the order in Boise.",
            "Governor Ellen Park signed the order in Denver.",
            "F121",
        ),
        (
            "Chelsea beat Arsenal in the cup final.",
            "Arsenal beat Chelsea in the cup final.",
            "F124",
        ),
        (
            "“We will not give up,” the captain said.",
            "“We will never give up,” the captain said.",
            "F131",
        ),
        (
            "The senator supports the bill.",
            "The senator does not support the bill.",
            "F141",
        ),
        (
            "The bridge will close in May.",
            "The bridge may close in May.",
            "F143",
        ),
        (
            "Police arrested the suspect in Leeds.",
            "Police released the suspect in Leeds.",
            "F151",
        ),
    ],
)
def test_a_changed_fact_is_an_error(source: str, rewrite: str, code: str) -> None:
    report = audit(source, rewrite)
    assert code in _codes(report), report.issues
    issue = next(i for i in report.issues if i.code == code)
    assert issue.rewrite_span is not None
    start, end = issue.rewrite_span
    assert rewrite[start:end]
    faithful = audit(source, source)
    assert not faithful.errors
    assert faithful.score > report.score


def test_a_faithful_paraphrase_passes() -> None:
    source = (
        "U.S. officials oppose invading the city and say the army should carry out "
        "precise raids, not a major assault. The talks resumed on Oct. 7 in Cairo."
    )
    rewrite = (
        "The talks in Cairo resumed on October 7. U.S. officials are opposed to "
        "invading the city, and say the army should conduct precise raids rather "
        "than a major assault."
    )
    report = audit(source, rewrite)
    assert not report.errors, report.issues
    kinds = sorted(a.kind for a in report.alignments)
    assert kinds == ["1:1", "1:1"]


def test_rewrite_mode_reports_dropped_content_summary_mode_does_not() -> None:
    source = (
        "The council approved the budget on Monday. The mayor praised the vote. "
        "Road repairs will start in June."
    )
    rewrite = "On Monday the council approved the budget."
    as_rewrite = audit(source, rewrite)
    assert "F161" in _codes(as_rewrite)
    as_summary = audit(source, rewrite, AuditOptions(mode="summary"))
    assert not as_summary.errors
    assert as_summary.score > as_rewrite.score


def test_source_free_audit_takes_the_rewrite_alone() -> None:
    text = "Alright, the U.S. S. Navy left port on Monday. scroll to top"
    report = audit(text)
    assert report.mode == "text"
    assert {"T205", "T201", "T207"} <= _codes(report)
    for issue in report.issues:
        assert issue.source_span is None


def test_report_json_matches_the_documented_shape() -> None:
    report = audit(
        Article(text="The firm cut 450 jobs.", id="a1"),
        Article(text="The firm cut 540 jobs.", id="a1"),
    )
    data = json.loads(json.dumps(report.to_json()))
    assert data["id"] == "a1"
    assert 0.0 <= data["score"] <= 1.0
    assert {"source", "rewrite", "kind", "score"} <= set(data["alignments"][0])
    issue = data["issues"][0]
    assert set(issue) >= {"code", "kind", "severity", "message", "source_span", "rewrite_span"}
    assert issue["severity"] in ("error", "warning", "info")
    assert issue["code"] == "F101"


def test_empty_input_and_bad_mode_are_typed_errors() -> None:
    with pytest.raises(EmptyInputError):
        audit("The firm cut jobs.", "   ")
    with pytest.raises(OptionsError, match="rewrite, summary"):
        AuditOptions(mode="poem")


def test_own_pair_set_ranks_and_flags() -> None:
    """Every unfaithful pair scores below its faithful paraphrase; most are flagged."""
    by_group: dict[int, dict[str, Report]] = {}
    for row in PAIRS:
        by_group.setdefault(row["group"], {})[row["id"]] = audit(row["source"], row["rewrite"])
    flagged = total = 0
    for row in PAIRS:
        report = by_group[row["group"]][row["id"]]
        if row["label"] == "unfaithful":
            faithful = by_group[row["group"]][f"g{row['group']:02d}-paraphrase"]
            assert faithful.score > report.score, row["id"]
            total += 1
            flagged += bool(report.errors)
    assert total >= 60
    assert flagged / total >= 0.9


def test_clumsy_synonyms_are_not_content_added() -> None:
    """A spun paraphrase with dictionary synonyms gets no error (WordNet when installed)."""
    from retold.models import wordnet as _wordnet

    assert _wordnet.available(), "scripts/setup-system.sh installs Debian's wordnet-base"
    source = "The public show of empathy with angry voters is something the mayor has avoided."
    rewrite = (
        "The mayor has shunned that kind of public demonstration of sympathy for angry voters."
    )
    report = audit(source, rewrite)
    assert not report.errors, report.issues


def test_country_and_its_adjective_are_the_same_name() -> None:
    report = audit(
        "Aid was the focus of American efforts, the envoy said.",
        "Aid was the focus of US efforts, the envoy said.",
    )
    assert not report.errors, report.issues


def test_audit_many_matches_audit_in_input_order() -> None:
    source = "The storm cut power to 12,000 homes in Dover on Monday."
    rewrites = [
        "On Monday the storm cut power to 12,000 homes in Dover.",
        "On Monday the storm cut power to 21,000 homes in Dover.",
        "On Friday the storm cut power to 12,000 homes in Dover.",
    ]
    from retold.audit.auditor import audit_many

    many = list(audit_many([(source, r) for r in rewrites], batch=2))
    one = [audit(source, r) for r in rewrites]
    # Batched embeddings may differ in the last float bits: compare issues
    # exactly and scores closely.
    assert [r.issues for r in many] == [r.issues for r in one]
    assert [r.score for r in many] == pytest.approx([r.score for r in one], abs=1e-4)
    assert not many[0].errors and "F101" in _codes(many[1]) and "F111" in _codes(many[2])


@pytest.mark.parametrize(
    ("source", "rewrite"),
    [
        ("The bridge closed on Monday.", "The bridge was closed on Monday."),
        ("The museum was reopened in May.", "The museum reopened in May."),
    ],
)
def test_a_one_argument_verb_changing_voice_is_no_role_swap(source: str, rewrite: str) -> None:
    """Regression (issue 3): 'closed' -> 'was closed' raised F124."""
    assert "F124" not in _codes(audit(source, rewrite))


@pytest.mark.parametrize(
    ("source", "rewrite"),
    [
        ("Police arrested the suspect in Leeds.", "Police questioned the suspect in Leeds."),
        ("The army attacked the village at dawn.", "The army protected the village at dawn."),
        ("The court convicted the banker in March.", "The court fined the banker in March."),
        ("A family in Ontario adopted the girl.", "A family in Ontario found the girl."),
    ],
)
def test_a_replaced_predicate_is_warned(source: str, rewrite: str) -> None:
    report = audit(source, rewrite)
    assert "F152" in _codes(report, "warning"), report.issues
    issue = next(i for i in report.issues if i.code == "F152")
    assert issue.rewrite_span is not None
    assert rewrite[issue.rewrite_span[0] : issue.rewrite_span[1]] == issue.rewrite_text


@pytest.mark.parametrize(
    ("source", "rewrite"),
    [
        ("The company bought the factory in May.", "The company purchased the factory in May."),
        (
            "The mayor said the bridge would reopen.",
            "The mayor told reporters the bridge would reopen.",
        ),
        ("The firm sacked 200 workers.", "The firm dismissed 200 workers."),
        ("Rebels attacked the convoy.", "Rebels ambushed the convoy."),
        # an antonym is a contradiction (F151), not also a replacement
        ("Police arrested the suspect in Leeds.", "Police released the suspect in Leeds."),
    ],
)
def test_a_synonym_or_antonym_is_no_replaced_predicate(source: str, rewrite: str) -> None:
    assert "F152" not in {i.code for i in audit(source, rewrite).issues}


def test_a_summary_inference_over_pooled_sentences_is_only_a_warning() -> None:
    """Issue 3: in summary mode a negation read from several pooled source
    sentences is weak evidence; against one source sentence it stays an error."""
    first = "Police did not act on the messages from the man."
    source = first + " The mothers reported the man to police in Hull on Friday."
    pooled = "Police acted on the messages after the mothers reported the man in Hull on Friday."
    report = audit(source, pooled, AuditOptions(mode="summary"))
    assert len(report.alignments[0].source) == 2, report.alignments
    assert "F142" in _codes(report, "warning")
    single = audit(
        first, "Police acted on the messages from the man.", AuditOptions(mode="summary")
    )
    assert "F142" in _codes(single)
