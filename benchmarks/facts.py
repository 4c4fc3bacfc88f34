"""Fact analysis against the hand-annotated fact set, side by side with plain spaCy NER.

Prints one line per figure: precision, recall and F1 for each split (dev,
heldout), each system (retold = retold.analyze; spacy-ner = en_core_web_sm's
entities mapped to our kinds), each matching rule (strict: same kind,
overlapping span, equal value, and for numbers and times equal qualifier and
unit; span: same kind and overlapping span) and each kind, then speed.

Speed is measured on the fact set repeated, and on the CNN/DailyMail dev
articles when /work/shared/data/cnndm_dev.jsonl is there.

Run: .venv/bin/python benchmarks/facts.py [--split dev|heldout|all] [--errors]
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from retold import models
from retold.analyze.facts import analyze_doc, analyze_many, same_fact
from retold.data import Fact, FactKind
from retold.segment.splitter import segment

DATA = Path(__file__).resolve().parent.parent / "tests" / "data" / "facts"
CNNDM = Path("/work/shared/data/cnndm_dev.jsonl")
BUMP = Path("/work/shared/data/bump_task1_dev.json")

_SPACY_KINDS = {
    "CARDINAL": FactKind.NUMBER,
    "MONEY": FactKind.NUMBER,
    "PERCENT": FactKind.NUMBER,
    "QUANTITY": FactKind.NUMBER,
    "ORDINAL": FactKind.NUMBER,
    "DATE": FactKind.DATE,
    "TIME": FactKind.TIME,
    "PERSON": FactKind.PERSON,
    "ORG": FactKind.ORG,
    "GPE": FactKind.PLACE,
    "LOC": FactKind.PLACE,
    "FAC": FactKind.PLACE,
    "NORP": FactKind.PLACE,
}


def load(split: str) -> list[tuple[str, list[Fact]]]:
    articles = json.loads((DATA / f"{split}.json").read_text("utf-8"))
    return [
        (
            a["text"],
            [
                Fact(
                    f["kind"],
                    f["text"],
                    f["value"],
                    f["start"],
                    f["end"],
                    qualifier=f.get("qualifier", ""),
                    unit=f.get("unit", ""),
                )
                for f in a["facts"]
            ],
        )
        for a in articles
    ]


def retold_system(texts: Sequence[str]) -> list[list[Fact]]:
    return [list(facts) for facts in analyze_many(texts)]


def spacy_system(texts: Sequence[str]) -> list[list[Fact]]:
    out = []
    for doc in models.nlp().pipe(texts):
        out.append(
            [
                Fact(_SPACY_KINDS[e.label_], e.text, e.text, e.start_char, e.end_char)
                for e in doc.ents
                if e.label_ in _SPACY_KINDS
            ]
        )
    return out


def _strict(p: Fact, g: Fact) -> bool:
    if p.value != g.value:
        return False
    if g.kind in (FactKind.NUMBER, FactKind.TIME):
        return (p.qualifier, p.unit) == (g.qualifier, g.unit)
    return True


def match(
    pred: list[Fact], gold: list[Fact], strict: bool
) -> tuple[list[tuple[Fact, Fact]], list[Fact], list[Fact]]:
    """Greedy one-to-one matching: (pairs, unmatched predictions, unmatched gold)."""
    used: set[int] = set()
    pairs = []
    missed = []
    for g in gold:
        hit = None
        for i, p in enumerate(pred):
            if i in used or p.kind != g.kind or not (p.start < g.end and g.start < p.end):
                continue
            if strict and not _strict(p, g):
                continue
            hit = i
            break
        if hit is None:
            missed.append(g)
        else:
            used.add(hit)
            pairs.append((pred[hit], g))
    extra = [p for i, p in enumerate(pred) if i not in used]
    return pairs, extra, missed


def _prf(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def evaluate(
    name: str,
    system: Callable[[Sequence[str]], list[list[Fact]]],
    split: str,
    rule: str,
    errors: bool,
) -> None:
    data = load(split)
    preds = system([t for t, _ in data])
    counts: dict[str, list[int]] = {k: [0, 0, 0] for k in ("all", *FactKind.ALL)}
    for (_text, gold), pred in zip(data, preds, strict=True):
        pairs, extra, missed = match(pred, gold, strict=rule == "strict")
        for kind in ("all", *FactKind.ALL):
            counts[kind][0] += sum(1 for _, g in pairs if kind in ("all", g.kind))
            counts[kind][1] += sum(1 for p in pred if kind in ("all", p.kind))
            counts[kind][2] += sum(1 for g in gold if kind in ("all", g.kind))
        if errors and name == "retold":
            for p in extra:
                print(
                    f"#   extra  {split} {p.kind:9} [{p.text}] {p.value!r} "
                    f"q={p.qualifier!r} u={p.unit!r}"
                )
            for g in missed:
                print(
                    f"#   missed {split} {g.kind:9} [{g.text}] {g.value!r} "
                    f"q={g.qualifier!r} u={g.unit!r}"
                )
    for kind, (tp, n_pred, n_gold) in counts.items():
        p, r, f = _prf(tp, n_pred, n_gold)
        print(
            f"facts {split:7} {rule:6} {name:9} {kind:8} precision={p:.3f} recall={r:.3f} "
            f"f1={f:.3f} (tp={tp} pred={n_pred} gold={n_gold})"
        )


def speed(texts: list[str], rounds: int) -> None:
    models.nlp()  # load outside the timing
    many = texts * rounds
    chars = sum(len(t) for t in many)
    t0 = time.perf_counter()
    for _ in models.nlp().pipe(many):
        pass
    t_spacy = time.perf_counter() - t0
    t0 = time.perf_counter()
    for _ in analyze_many(many):
        pass
    t_retold = time.perf_counter() - t0
    for name, t in (("spacy-ner", t_spacy), ("retold", t_retold)):
        print(
            f"facts speed {name:9} texts_per_s={len(many) / t:.1f} "
            f"chars_per_s={chars / t:.0f} ({len(many)} texts, {chars} chars)"
        )
    # what retold adds after the parse, measured apart from the parse itself
    docs = list(models.nlp().pipe(texts))
    sentences = [segment(t) for t in texts]
    t0 = time.perf_counter()
    for doc, sents in zip(docs, sentences, strict=True):
        analyze_doc(doc, sents)
    t_rules = time.perf_counter() - t0
    t0 = time.perf_counter()
    list(models.nlp().pipe(texts))
    t_parse = time.perf_counter() - t0
    print(
        f"facts speed rules-after-parse ms_per_text={1000 * t_rules / len(texts):.1f} "
        f"share_of_parse_time={t_rules / t_parse:.3f} ({len(texts)} texts)"
    )


def _spacy_same(a: Fact, b: Fact) -> bool:
    return a.kind == b.kind and a.value == b.value


def _unmatched(facts: list[Fact], others: list[Fact], same: Callable[[Fact, Fact], bool]) -> int:
    used: set[int] = set()
    missing = 0
    for f in facts:
        hit = next((i for i, g in enumerate(others) if i not in used and same(f, g)), None)
        if hit is None:
            missing += 1
        else:
            used.add(hit)
    return missing


def bump(path: Path) -> None:
    """BUMP minimal pairs: a faithful reference summary and the same summary with
    one error edited in. Two figures per system: how often the fact sets of the
    two summaries differ, per error type (a change the audit can see), and how
    many of the reference summary's facts are found, equal, in its article
    (normalisation across two texts; a faithful summary should score 1)."""
    pairs = json.loads(path.read_text("utf-8"))
    refs = [p["reference_summary"] for p in pairs]
    edits = [p["edited_summary"] for p in pairs]
    articles = list(dict.fromkeys(p["article"] for p in pairs))
    for name, system, same in (
        ("retold", retold_system, same_fact),
        ("spacy-ner", spacy_system, _spacy_same),
    ):
        ref_facts, edit_facts = system(refs), system(edits)
        art_facts = dict(zip(articles, system(articles), strict=True))
        by_type: dict[str, list[int]] = {}
        for pair, rf, ef in zip(pairs, ref_facts, edit_facts, strict=True):
            changed = _unmatched(rf, ef, same) + _unmatched(ef, rf, same) > 0
            by_type.setdefault(pair["error_type"], [0, 0])
            by_type[pair["error_type"]][0] += changed
            by_type[pair["error_type"]][1] += 1
        for error_type, (hit, n) in sorted(by_type.items()):
            print(
                f"facts bump changed {name:9} {error_type.replace(' ', '-'):30} "
                f"rate={hit / n:.3f} ({hit}/{n})"
            )
        total = sum(len(rf) for rf in ref_facts)
        missing = sum(
            _unmatched(rf, art_facts[p["article"]], same)
            for p, rf in zip(pairs, ref_facts, strict=True)
        )
        print(
            f"facts bump supported {name:9} reference-facts-in-article "
            f"rate={(total - missing) / total:.3f} ({total - missing}/{total})"
        )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--split", choices=("dev", "heldout", "fresh", "all"), default="all")
    ap.add_argument("--errors", action="store_true", help="list retold's misses and extras")
    ap.add_argument("--speed-rounds", type=int, default=20)
    args = ap.parse_args()
    splits = ("dev", "heldout", "fresh") if args.split == "all" else (args.split,)
    for split in splits:
        for rule in ("strict", "span"):
            for name, system in (("retold", retold_system), ("spacy-ner", spacy_system)):
                evaluate(name, system, split, rule, args.errors and rule == "strict")
    texts = [t for s in ("dev", "heldout") for t, _ in load(s)]
    speed(texts, args.speed_rounds)
    if CNNDM.exists():
        lines = CNNDM.read_text("utf-8").splitlines()
        articles = [json.loads(line)["article"] for line in lines if line.strip()]
        print(f"# CNN/DailyMail dev articles ({CNNDM})")
        speed(articles, 1)
    if BUMP.exists():
        print(f"# BUMP minimal pairs ({BUMP})")
        bump(BUMP)


if __name__ == "__main__":
    main()
