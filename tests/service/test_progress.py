"""The library's progress hooks, which the service's background jobs report.

``rewrite(..., on_progress=f)`` and ``audit(..., on_progress=f)`` tell ``f``
every stage of :data:`STAGES` in order, each with a done count that never
goes back and ends at its total; the hook changes nothing of the result.
Real models, small articles.
"""

from __future__ import annotations

from typing import Any

import pytest

from retold import jobs
from retold.audit.auditor import STAGES as AUDIT_STAGES
from retold.audit.auditor import audit
from retold.data import Article
from retold.progress import Reporter, Stages, fraction
from retold.rewrite.pipeline import STAGES as REWRITE_STAGES
from retold.rewrite.pipeline import rewrite
from retold.segment.splitter import segment

SOURCE = (
    "Officials said 12 people were hurt on Oct. 7 in Springfield. "
    "The mayor, Ana Ruiz, did not comment on the crash. "
    "Repairs to the bridge will cost $4.5 million, the council said on Monday. "
    "Work is expected to start in March and end by the summer."
)
CORRUPTED = (
    "On Oct. 7, officials said, 21 people were hurt in Springfield. "
    "Ana Ruiz, the mayor, did not comment on the crash. "
    "The council said on Monday that fixing the bridge will cost $4.5 million."
)
HEADED = (
    "Bridge repairs to start in March\n\n"
    "Officials said 12 people were hurt on Oct. 7 in Springfield. "
    "The mayor, Ana Ruiz, did not comment on the crash. "
    "Repairs to the bridge will cost $4.5 million, the council said on Monday.\n\n"
    "Work is expected to start in March and end by the summer, officials said."
)

Call = tuple[int, int, str]


class Recorder:
    def __init__(self) -> None:
        self.calls: list[Call] = []

    def __call__(self, done: int, total: int, stage: str) -> None:
        self.calls.append((done, total, stage))

    def stages(self) -> list[str]:
        """The stages in the order they were told, each once."""
        return list(dict.fromkeys(stage for _, _, stage in self.calls))

    def of(self, stage: str) -> list[Call]:
        return [c for c in self.calls if c[2] == stage]


def check_each_stage(recorder: Recorder, stages: Stages) -> None:
    """Every stage is told in one run, in table order, counting up to its total."""
    told = [stage for _, _, stage in recorder.calls]
    runs = [s for k, s in enumerate(told) if k == 0 or told[k - 1] != s]
    assert runs == recorder.stages(), f"a stage came back: {runs}"
    order = [name for name, _ in stages]
    assert [order.index(s) for s in runs] == sorted(order.index(s) for s in runs)
    for stage in runs:
        calls = recorder.of(stage)
        assert len({total for _, total, _ in calls}) == 1, calls
        done = [d for d, _, _ in calls]
        assert done == sorted(done), f"{stage} went back: {done}"
        assert done[-1] == calls[-1][1], f"{stage} ended at {done[-1]} of {calls[-1][1]}"
        assert done[0] <= calls[0][1]


def check_fraction(recorder: Recorder, stages: Stages) -> None:
    shares = [fraction(stages, *call) for call in recorder.calls]
    assert shares == sorted(shares), "the bar never goes back"
    assert shares[0] == 0.0
    assert shares[-1] == pytest.approx(1.0)
    assert all(0.0 <= s <= 1.0 for s in shares)


def test_an_audit_tells_every_stage_and_each_sentence_pair() -> None:
    told = Recorder()
    report = audit(SOURCE, CORRUPTED, on_progress=told)
    assert told.stages() == ["reading", "aligning", "proofreading", "checking"]
    check_each_stage(told, AUDIT_STAGES)
    check_fraction(told, AUDIT_STAGES)

    n_src, n_rw = len(segment(SOURCE)), len(segment(CORRUPTED))
    # both texts are read, one after the other: the count rises by a text's sentences
    assert [d for d, _, _ in told.of("reading")] == [0, n_src, n_src + n_rw]
    assert {t for _, t, _ in told.of("aligning")} == {n_src + n_rw}
    assert [d for d, _, _ in told.of("proofreading")] == [0, n_rw]
    # the aligned groups are checked one by one
    groups = len(report.alignments)
    assert groups >= 3
    assert [d for d, _, _ in told.of("checking")] == list(range(groups + 1))
    assert {t for _, t, _ in told.of("checking")} == {groups}


def test_the_hook_changes_nothing_of_the_report() -> None:
    assert audit(SOURCE, CORRUPTED, on_progress=Recorder()).to_json() == (
        audit(SOURCE, CORRUPTED).to_json()
    )
    assert any(i.code == "F101" for i in audit(SOURCE, CORRUPTED, on_progress=Recorder()).issues)


def test_an_audit_without_a_source_reads_and_proofreads() -> None:
    told = Recorder()
    report = audit(CORRUPTED, None, on_progress=told)
    assert report.mode == "text"
    n = len(segment(CORRUPTED))
    assert told.calls == [
        (0, n, "reading"),
        (n, n, "reading"),
        (0, n, "proofreading"),
        (n, n, "proofreading"),
    ]
    shares = [fraction(AUDIT_STAGES, *call) for call in told.calls]
    assert shares == sorted(shares)


def test_a_rewrite_tells_every_stage_and_the_gate_sentence_by_sentence() -> None:
    told = Recorder()
    article = Article(text=HEADED, id="p")
    result = rewrite(article, on_progress=told)
    assert told.stages() == [
        "reading",
        "rewriting",
        "ranking",
        "checking",
        "alternatives",
        "finishing",
    ]
    check_each_stage(told, REWRITE_STAGES)
    check_fraction(told, REWRITE_STAGES)
    n = len(segment(HEADED))
    assert {total for _, total, _ in told.calls} == {n}
    # the headline is settled as the gate starts; the others one by one
    assert result.sentences[0].reason == "headline"
    assert [d for d, _, _ in told.of("checking")] == list(range(1, n + 1))
    for stage in ("reading", "rewriting", "ranking", "alternatives", "finishing"):
        assert [d for d, _, _ in told.of(stage)] == [0, n], stage


def test_a_rewrite_is_the_same_with_and_without_the_hook() -> None:
    for text in (HEADED, SOURCE):
        article = Article(text=text, id="same")
        assert rewrite(article, on_progress=Recorder()).to_json() == rewrite(article).to_json()


def test_jobs_run_passes_the_hook_to_an_audit_and_a_rewrite() -> None:
    for command, data, stages in (
        ("audit", {"source": SOURCE, "rewrite": CORRUPTED}, AUDIT_STAGES),
        ("rewrite", {"text": SOURCE}, REWRITE_STAGES),
    ):
        told = Recorder()
        output = jobs.run(jobs.request_from_dict(command, data), on_progress=told)
        assert told.stages() == [name for name, _ in stages]
        assert output.data == jobs.handle(command, data)
        assert jobs.STAGES[command] == stages
    told = Recorder()
    jobs.run(jobs.request_from_dict("summarize", {"text": SOURCE}), on_progress=told)
    assert told.calls == []  # a job without stages tells nothing


@pytest.mark.parametrize(
    ("call", "expected"),
    [
        ((0, 10, "reading"), 0.0),
        ((10, 10, "reading"), 0.25),
        ((5, 10, "checking"), 0.625),
        ((10, 10, "checking"), 1.0),
        ((3, 0, "checking"), 0.25),  # no items: the stage has not started
        ((99, 10, "checking"), 1.0),  # never past the end
        ((1, 1, "elsewhere"), 0.0),
    ],
)
def test_fraction_weighs_each_stage_by_its_share(call: tuple[int, int, str], expected: Any) -> None:
    stages: Stages = (("reading", 1.0), ("checking", 3.0))
    assert fraction(stages, *call) == pytest.approx(expected)


def test_a_reporter_without_a_hook_does_nothing() -> None:
    quiet = Reporter()
    quiet.start("reading", 3)
    quiet.step()
    quiet.end()
    told = Recorder()
    loud = Reporter(told)
    loud.start("reading", 3, done=1)
    loud.step(2)
    loud.end()
    assert told.calls == [(1, 3, "reading"), (3, 3, "reading"), (3, 3, "reading")]
