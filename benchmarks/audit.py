"""Benchmark the fidelity audit.

Run from the repository root:

    .venv/bin/python benchmarks/audit.py [bump] [pairs] [seed] [speed] [--limit N]
        [--start N] [--likelihood]

With no section named, all four run. Prints one line per figure. With
--likelihood, the scores are also computed with the language model's
likelihood of each sentence given its source (AuditOptions(likelihood=True))
and printed beside those without it.

- bump: BUMP task 1 dev (../shared/data/bump_task1_dev.json, MIT): each row
  holds an article, a faithful reference summary and a minimally edited
  unfaithful one. Pairwise accuracy (share of rows where the reference scores
  strictly above the edited summary), overall and per error type, beside the
  published metrics' scores stored in the same file; detection (edited
  summaries with at least one error) and false alarms (references with one).
- pairs: our own sentence pairs (tests/data/audit/pairs.jsonl), same figures.
- seed: the seed page (../shared/seed/seed_page.txt): its eight key
  sentences audited against their counterparts in the rewritten body, and the
  source-free checks over the whole body against hand labels.
- speed: sentence pairs per second after models are loaded, and peak memory.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from collections import defaultdict
from pathlib import Path

from retold import models
from retold.audit.auditor import AuditOptions, audit, audit_many, audit_text
from retold.data import Report, Sentence
from retold.segment.splitter import segment

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data"
SEED = ROOT.parent / "shared" / "seed" / "seed_page.txt"
PAIRS = ROOT / "tests" / "data" / "audit" / "pairs.jsonl"

PUBLISHED = (
    "BARTScore",
    "CoCo",
    "DAE",
    "QAFactEval",
    "BERTScore",
    "QuestEval",
    "SummaC",
    "FactCC",
    "Q2",
    "BLEURT",
    "ROUGE-2",
    "BLEU",
)


def line(name: str, value: float | str, note: str = "") -> None:
    v = f"{value:.1%}" if isinstance(value, float) else value
    print(f"{name:<58} {v:>10}  {note}".rstrip(), flush=True)


def bump(limit: int | None, start: int = 0, likelihood: bool = False) -> None:
    rows = json.loads((DATA / "bump_task1_dev.json").read_text())[start:]
    if limit:
        rows = rows[:limit]
    opts = AuditOptions(mode="summary")
    pairs = []
    for r in rows:
        pairs += [(r["article"], r["reference_summary"]), (r["article"], r["edited_summary"])]
    t0 = time.perf_counter()
    reports = list(audit_many(pairs, opts))
    elapsed = time.perf_counter() - t0
    with_lm: list[Report] = []
    if likelihood:
        t0 = time.perf_counter()
        with_lm = list(audit_many(pairs, AuditOptions(mode="summary", likelihood=True)))
        elapsed_lm = time.perf_counter() - t0
    ours: dict[str, list[bool]] = defaultdict(list)
    det: dict[str, list[bool]] = defaultdict(list)
    fa: list[bool] = []
    theirs: dict[str, dict[str, list[bool]]] = defaultdict(lambda: defaultdict(list))
    for k, r in enumerate(rows):
        ref, edit = reports[2 * k], reports[2 * k + 1]
        kind = r["corrected_error_type"]
        for key in ("all", kind):
            ours[key].append(ref.score > edit.score)
            det[key].append(bool(edit.errors))
            for m in PUBLISHED:
                a, b = r["scores"].get(f"{m}_reference"), r["scores"].get(f"{m}_edited")
                if a is not None and b is not None:
                    theirs[m][key].append(a > b)
        fa.append(bool(ref.errors))
    n = len(rows)
    line(f"bump pairs (summary mode, rows {start}..{start + n - 1})", str(n))
    line("bump pairwise accuracy, retold", _share(ours["all"]))
    if with_lm:
        lm_acc = [with_lm[2 * k].score > with_lm[2 * k + 1].score for k in range(n)]
        line("bump pairwise accuracy, retold with likelihood", _share(lm_acc))
        lm_kinds: dict[str, list[bool]] = defaultdict(list)
        for k, r in enumerate(rows):
            lm_kinds[r["corrected_error_type"]].append(lm_acc[k])
        for kind in sorted(lm_kinds):
            line(
                f"bump accuracy, {kind}, retold with likelihood",
                _share(lm_kinds[kind]),
                f"n={len(lm_kinds[kind])}",
            )
    for m in PUBLISHED:
        line(f"bump pairwise accuracy, {m} (from the file)", _share(theirs[m]["all"]))
    line("bump detection (edited summaries with an error)", _share(det["all"]))
    line("bump false alarms (references with an error)", _share(fa))
    refs = [reports[2 * k].score for k in range(n)]
    edits = [reports[2 * k + 1].score for k in range(n)]
    cut = _threshold(refs, 0.05)
    line(
        "bump detection by score at <=5% false alarms (in-sample cut)",
        _share([e < cut for e in edits]),
        f"cut {cut:.3f}, false alarms {_share([r < cut for r in refs]):.1%}",
    )
    _per_code(reports)
    for kind in sorted(k for k in ours if k != "all"):
        line(f"bump accuracy, {kind}, retold", _share(ours[kind]), f"n={len(ours[kind])}")
        best = max(PUBLISHED[:8], key=lambda m: _share(theirs[m][kind]))
        line(f"bump accuracy, {kind}, best published ({best})", _share(theirs[best][kind]))
        line(f"bump detection, {kind}", _share(det[kind]))
    line("bump audit time per summary", f"{elapsed / len(pairs) * 1000:.0f} ms")
    if with_lm:
        line(
            "bump audit time per summary, with likelihood",
            f"{elapsed_lm / len(pairs) * 1000:.0f} ms",
        )


def _per_code(reports: list[Report]) -> None:
    """Per error code: share of references and of edited summaries it fires on.

    A code that fires as often on the faithful side as on the edited one
    detects nothing here: it fires on the text both share.
    """
    refs, edits = reports[0::2], reports[1::2]
    codes = sorted({i.code for r in reports for i in r.errors})
    for code in codes:
        on_refs = _share([any(i.code == code for i in r.errors) for r in refs])
        on_edits = _share([any(i.code == code for i in r.errors) for r in edits])
        line(f"bump error {code}: edited summaries / references", on_edits, f"{on_refs:.1%}")


def _threshold(faithful: list[float], rate: float) -> float:
    """The score cut below which at most ``rate`` of the faithful texts fall."""
    ordered = sorted(faithful)
    return ordered[int(rate * len(ordered))] if ordered else 0.0


def _share(xs: list[bool]) -> float:
    return sum(xs) / len(xs) if xs else 0.0


def own_pairs(likelihood: bool = False) -> None:
    rows = [json.loads(x) for x in PAIRS.read_text().splitlines()]
    reports = list(audit_many([(r["source"], r["rewrite"]) for r in rows]))
    if likelihood:
        with_lm = list(
            audit_many([(r["source"], r["rewrite"]) for r in rows], AuditOptions(likelihood=True))
        )
        lm_by_id = {r["id"]: rep for r, rep in zip(rows, with_lm, strict=True)}
    by_id: dict[str, Report] = {r["id"]: rep for r, rep in zip(rows, reports, strict=True)}
    unfaithful = [r for r in rows if r["label"] == "unfaithful"]
    faithful = [r for r in rows if r["label"] == "faithful"]
    acc = [by_id[f"g{r['group']:02d}-paraphrase"].score > by_id[r["id"]].score for r in unfaithful]
    line(f"own pairs ({len(rows)}: {len(unfaithful)} unfaithful)", str(len(rows)))
    line("own pairs pairwise accuracy (paraphrase above changed)", _share(acc))
    if likelihood:
        lm_acc = [
            lm_by_id[f"g{r['group']:02d}-paraphrase"].score > lm_by_id[r["id"]].score
            for r in unfaithful
        ]
        line("own pairs pairwise accuracy, with likelihood", _share(lm_acc))
    line(
        "own pairs detection (changed with an error)",
        _share([bool(by_id[r["id"]].errors) for r in unfaithful]),
    )
    line(
        "own pairs false alarms (paraphrase with an error)",
        _share([bool(by_id[r["id"]].errors) for r in faithful if r["type"] == "paraphrase"]),
    )
    line(
        "own pairs false alarms (spun paraphrase with an error)",
        _share([bool(by_id[r["id"]].errors) for r in faithful if r["type"] == "spun"]),
    )
    kinds: dict[str, list[bool]] = defaultdict(list)
    for r in unfaithful:
        kinds[r["type"]].append(bool(by_id[r["id"]].errors))
    for kind in sorted(kinds):
        line(f"own pairs detection, {kind}", _share(kinds[kind]), f"n={len(kinds[kind])}")


# The eight key sentences of the seed page and the start of their counterpart
# in the rewritten body (found by reading both).
SEED_COUNTERPARTS = (
    "With a straight face, he told them",
    "Prime Minister Benjamin Netanyahu has shied away",
    "Even though Mr. Netanyahu had previously pledged",
    "You. S. Officials oppose an invasion of Rafah",
    "According to Matthew Miller, a spokesman",
    "Mr. Blinken responded that the cease-fire agreement",
    "Alright, Mr. Netanyahu, who is hanging onto power",
    "47 percent of respondents, or almost half",
)
# Which of the eight counterparts carry a defect of their own (hand labels):
# 0 adds tone ("With a straight face") the key sentence lacks; 2 is the
# "U.S. S." fragment; 3 is "You. S. Officials"; 6 opens with "Alright,".
# 1, 4, 5 and 7 are faithful paraphrases.
SEED_DEFECTIVE = {0, 2, 3, 6}

# Body sentences that are broken, by their opening words (hand labels, each
# a defect in DESIGN.md's table or plain broken punctuation).
SEED_BROKEN = (
    "With a straight face",  # tone the source never had
    "He declared, “Bringing",  # stray period after the closing quote: ”.
    "Even though Mr. Netanyahu had previously pledged",  # ends in the fragment "U.S. S."
    "U.S. S.",  # the fragment itself, if split off
    "The timing of the remark surprised",  # the rest of the broken "U.S." sentence
    "Dear Mr. Biden",  # letter opener injected
    "Even so, Mr. Netanyahu has renounced",  # "U.S. s. officials"
    "You. S. Officials",
    "You.",
    "S. Officials",  # the fragment, however split
    "As resistance to Mr. Biden",  # "Donald J. November": a name torn apart
    "Donald J. November",
    "November will see",
    "Alright, Mr. Blinken",  # filler
    "To put an end to the crisis",  # "on October," - the day split off
    "Between 7 and 250 people",  # "Oct. 7" became a number range
    "S. O. S. I. S. 1.",  # shredded sign text
    "“Thank you, Blinken",  # an opening quote with nothing after it
    "“.",  # the same stray quote, when split off as a sentence of its own
    "Alright, Mr. Netanyahu",  # filler
    "scroll to top",  # page furniture
)
# Defects the source-free checks must flag (a substring of the flagged text).
SEED_DEFECTS = (
    "U.S. S.",
    "You. S.",
    "U.S. s.",
    "Donald J. November",
    "on October",
    "Dear Mr",
    "Alright,",
    "With a straight face",
    "S. O. S. I. S. 1.",
    "scroll to top",
    "Between 7 and 250",
)


def _counterpart(body: str, sents: tuple[Sentence, ...], start: str) -> str:
    """The body text from ``start`` to the end of the sentence that ``start`` ends in.

    Found by position, not by sentence, so that however the segmenter splits
    a broken fragment ("You. S. Officials"), the whole counterpart is audited.
    """
    pos = body.index(start)
    last = pos + len(start) - 1
    end = next(s.end for s in sents if s.start <= last < s.end)
    return body[pos:end]


def seed(likelihood: bool = False) -> None:
    page = SEED.read_text()
    blocks = [b for b in page.split("\n\n\n") if b.strip()]
    key_sentences = [s for s in blocks[1].strip().splitlines() if s.strip()]
    body = page[page.index(blocks[2].strip()[:40]) :]
    sents = segment(body)
    caught = 0
    false_errors = 0
    for k, (key, start) in enumerate(zip(key_sentences, SEED_COUNTERPARTS, strict=True)):
        report = audit(key, _counterpart(body, sents, start), AuditOptions(mode="summary"))
        flagged = bool(report.errors)
        if k in SEED_DEFECTIVE:
            caught += flagged
        else:
            false_errors += flagged
        codes = ",".join(sorted({i.code for i in report.errors})) or "-"
        note = f"errors: {codes}"
        if likelihood:
            counterpart = _counterpart(body, sents, start)
            lm = audit(key, counterpart, AuditOptions(mode="summary", likelihood=True))
            note = f"with likelihood {lm.score:.3f}; {note}"
        line(f"seed pair {k}: {key[:40]}", f"{report.score:.3f}", note)
    line("seed pairs with a defect flagged", f"{caught}/{len(SEED_DEFECTIVE)}")
    line("seed clean pairs given an error", f"{false_errors}/{8 - len(SEED_DEFECTIVE)}")
    report = audit_text(body)
    flagged_texts = [i.rewrite_text for i in report.errors]
    missed = [d for d in SEED_DEFECTS if not any(d in t for t in flagged_texts)]
    line(
        "seed body defects flagged (error)",
        f"{len(SEED_DEFECTS) - len(missed)}/{len(SEED_DEFECTS)}",
        f"missed: {missed}" if missed else "",
    )
    clean_with_error = []
    for s in sents:
        if any(s.text.startswith(b) for b in SEED_BROKEN):
            continue
        if any(i.rewrite_span and s.start <= i.rewrite_span[0] < s.end for i in report.errors):
            clean_with_error.append(s.text[:50])
    line(
        "seed clean body sentences given an error",
        f"{len(clean_with_error)}/"
        f"{sum(not any(s.text.startswith(b) for b in SEED_BROKEN) for s in sents)}",
        "; ".join(clean_with_error),
    )


def speed(likelihood: bool = False) -> None:
    rows = [json.loads(x) for x in PAIRS.read_text().splitlines()]
    pairs = [(r["source"], r["rewrite"]) for r in rows]
    audit(*pairs[0])  # load the models
    t0 = time.perf_counter()
    for _ in range(3):
        list(audit_many(pairs))
    batched = 3 * len(pairs) / (time.perf_counter() - t0)
    t0 = time.perf_counter()
    for p in pairs:
        audit(*p)
    single = len(pairs) / (time.perf_counter() - t0)
    line("speed, sentence pairs per second (audit_many)", f"{batched:.1f}")
    line("speed, sentence pairs per second (audit, one call each)", f"{single:.1f}")
    if likelihood:
        opts = AuditOptions(likelihood=True)
        audit(*pairs[0], opts)  # load the language model
        t0 = time.perf_counter()
        list(audit_many(pairs, opts))
        with_lm = len(pairs) / (time.perf_counter() - t0)
        line("speed, sentence pairs per second (audit_many, with likelihood)", f"{with_lm:.1f}")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    line("peak memory (max RSS of this process)", f"{peak:.0f} MB")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("sections", nargs="*", default=["bump", "pairs", "seed", "speed"])
    ap.add_argument("--limit", type=int, default=None, help="BUMP rows to use (default all)")
    ap.add_argument("--start", type=int, default=0, help="first BUMP row to use (default 0)")
    ap.add_argument(
        "--likelihood",
        action="store_true",
        help="also score with the language model's likelihood, printed beside",
    )
    args = ap.parse_args()
    models.nlp()
    for section in args.sections:
        if section == "bump":
            bump(args.limit, args.start, args.likelihood)
        elif section == "pairs":
            own_pairs(args.likelihood)
        elif section == "seed":
            seed(args.likelihood)
        elif section == "speed":
            speed(args.likelihood)
        else:
            sys.exit(f"unknown section {section!r}: choose from bump, pairs, seed, speed")


if __name__ == "__main__":
    main()
