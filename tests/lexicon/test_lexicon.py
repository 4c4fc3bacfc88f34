"""The lexicon: every word list defined once, data files read by the loader,
and the lists shared between stages agreeing (issue 10).

The duplicate check parses every module of ``src/retold`` with :mod:`ast` and
collects each word list it assigns to a name: a set, frozenset, tuple or list
literal of at least four strings (also inside ``frozenset(...)``), the string
keys of a dict literal whose values are all constants (a data table such as
month -> number), and a string of words that the module splits
(``_words("...")``, ``"...".split()``). Each lexicon data file is one more
list. Words are compared in lower case without a final
period ("Sgt." and "sgt" are one title).

Criterion: two lists A and B, A the smaller, are copies of each other when
they share at least four words, the shared words are at least 80% of A, and A
is at least half as long as B. The last clause keeps deliberate subsets of a
general list apart from copies: the seven words of a pronoun list inside 116
stop words are a different list that happens to use common words, while a
list of 10 pronouns that holds 8 of another list of 12 is the same list,
drifted. A list built from another (``CLAIM = SPEECH | {...}``) is not a
literal and is not collected, which is the point: derive, do not copy.
"""

from __future__ import annotations

import ast
import itertools
from dataclasses import dataclass
from pathlib import Path

import pytest
from spacy.glossary import GLOSSARY

from retold.lexicon import loader
from tests.paths import ROOT

SRC = ROOT / "src" / "retold"
DATA = SRC / "lexicon" / "data"
_MIN_WORDS = 4
_CONTAINED = 0.8
_COMPARABLE = 0.5


@dataclass(frozen=True)
class WordList:
    where: str  # "analyze/facts.py:42" or "lexicon/data/titles.txt"
    words: frozenset[str]


def _fold(word: str) -> str:
    return word.lower().removesuffix(".")


def _words_of(node: ast.AST, split: set[str]) -> list[str] | None:
    """The words of a list literal, a constant dict's keys, or a split string."""
    if isinstance(node, (ast.Set, ast.Tuple, ast.List)) and node.elts:
        values = [e.value for e in node.elts if isinstance(e, ast.Constant)]
        if len(values) == len(node.elts) and all(isinstance(v, str) for v in values):
            return [str(v) for v in values]
    if isinstance(node, ast.Dict) and node.keys:
        keys = [k.value for k in node.keys if isinstance(k, ast.Constant)]
        constant = all(isinstance(v, ast.Constant) for v in node.values)
        if constant and len(keys) == len(node.keys) and all(isinstance(k, str) for k in keys):
            return [str(k) for k in keys]
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value.split() if split else None
    if isinstance(node, ast.Call) and len(node.args) == 1 and not node.keywords:
        func = node.func
        if isinstance(func, ast.Attribute) and func.attr == "split":
            return _words_of(func.value, {"split"})
        name = func.id if isinstance(func, ast.Name) else ""
        wanted = {"split"} if name.lstrip("_") in ("words", "wordset") else set()
        return _words_of(node.args[0], wanted)
    return None


def _lists_in(path: Path) -> list[WordList]:
    """The word lists a module assigns to a name (a list inside an expression,
    such as ``dep_ in ("nsubj", "dobj", ...)``, is code, not a defined list)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    # module strings that the module splits into words ("_PASSIVE.split()")
    split = {
        n.func.value.id
        for n in ast.walk(tree)
        if isinstance(n, ast.Call)
        and isinstance(n.func, ast.Attribute)
        and n.func.attr == "split"
        and isinstance(n.func.value, ast.Name)
    }
    where = str(path.relative_to(SRC))
    found: list[WordList] = []
    for node in ast.walk(tree):
        if not isinstance(node, (ast.Assign, ast.AnnAssign)) or node.value is None:
            continue
        targets = node.targets if isinstance(node, ast.Assign) else [node.target]
        names = {t.id for t in targets if isinstance(t, ast.Name)}
        if "__all__" in names:
            continue
        words = _words_of(node.value, names & split)
        if words and len(set(words)) >= _MIN_WORDS:
            found.append(WordList(f"{where}:{node.lineno}", frozenset(_fold(w) for w in words)))
    return found


def all_lists() -> list[WordList]:
    """Every word list of the package; sets of spaCy's annotation labels
    (dependency, part-of-speech and entity labels, as :mod:`spacy.glossary`
    lists them) are tag sets of a model, not language data, and are left out."""
    labels = {_fold(label) for label in GLOSSARY}
    lists = [
        wl for path in sorted(SRC.rglob("*.py")) for wl in _lists_in(path) if not wl.words <= labels
    ]
    for path in sorted(DATA.glob("*.txt")):
        folded = frozenset(_fold(w) for w in loader.words(path.stem))
        lists.append(WordList(str(path.relative_to(SRC)), folded))
    return lists


def copies(a: frozenset[str], b: frozenset[str]) -> bool:
    """Whether one of two word lists is mostly a copy of the other (module doc)."""
    small, large = sorted((a, b), key=len)
    shared = len(small & large)
    return (
        shared >= _MIN_WORDS
        and shared >= _CONTAINED * len(small)
        and len(small) >= _COMPARABLE * len(large)
    )


def test_the_criterion_tells_a_drifted_copy_from_a_subset_of_a_general_list() -> None:
    personal = frozenset({"he", "she", "it", "they", "him", "her", "them", "his", "its", "their"})
    third_person = personal | {"hers", "theirs"}
    stop_words = personal | frozenset(f"w{k}" for k in range(100))
    assert copies(personal, third_person)
    assert not copies(personal, stop_words)
    assert not copies(frozenset({"a", "b", "c"}), frozenset({"a", "b", "c"}))  # too short


def test_the_collector_finds_the_lists_of_every_kind() -> None:
    where = {wl.where.split(":")[0] for wl in all_lists()}
    assert "lexicon/abbreviations.py" in where  # _words("...")
    assert "lexicon/numbers.py" in where  # "...".split() of a module string
    assert "lexicon/places.py" in where  # a dict table
    assert "lexicon/data/titles.txt" in where


def _pairs() -> list[tuple[WordList, WordList]]:
    lists = all_lists()
    return [(a, b) for a, b in itertools.combinations(lists, 2) if copies(a.words, b.words)]


def test_no_word_list_is_written_twice() -> None:
    assert [(a.where, b.where) for a, b in _pairs()] == []


# ------------------------------------------------------------------ the loader


def test_every_data_file_has_a_header_saying_where_its_entries_come_from() -> None:
    for path in sorted(DATA.glob("*.txt")):
        head = path.read_text(encoding="utf-8").splitlines()[0]
        assert head.startswith("# "), path.name
        assert "Source:" in path.read_text(encoding="utf-8"), path.name


def test_the_loader_reads_entries_values_and_tags() -> None:
    assert "percent" in loader.words("units")
    assert loader.pairs("units")["miles per hour"] == "mph"
    assert loader.pairs("qualifiers")["roughly"] == "about"
    assert "find" in loader.tagged("reporting_verbs", "that")
    assert "find" not in loader.tagged("reporting_verbs", "speech")
    assert not any(key.startswith("#") or not key for key, _ in loader.entries("titles"))


def test_the_loader_reads_each_file_once() -> None:
    assert loader.entries("titles") is loader.entries("titles")


def test_data_files_hold_no_entry_twice() -> None:
    for path in sorted(DATA.glob("*.txt")):
        keys = [key for key, _ in loader.entries(path.stem)]
        assert len(keys) == len(set(keys)), path.name


def test_a_missing_data_file_is_a_clear_error() -> None:
    with pytest.raises(FileNotFoundError, match="no_such_list"):
        loader.words("no_such_list")


# ------------------------------------------------------- stages share one list


def test_analysis_knows_every_title_segmentation_knows() -> None:
    from retold.lexicon.abbreviations import TITLES
    from retold.lexicon.names import NAME_TITLES

    people = {t.lower() for t in TITLES} - NAME_TITLES
    assert people == {"mt", "sec", "secs"}  # places and sections, not people


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Det. John Smith said the suspect fled.", "John Smith"),
        ("Insp. Mary Jones said the road was closed.", "Mary Jones"),
        ("Atty. Gen. Ken Paxton said the case was closed.", "Ken Paxton"),
    ],
)
def test_an_abbreviated_title_is_no_person(text: str, name: str) -> None:
    # issue 10: "Det." was a title to the segmenter only, so `retold facts`
    # reported a person named "Det"
    from retold.analyze import analyze

    people = [f.value for f in analyze(text) if f.kind == "person"]
    assert people == [name]


def test_the_audit_knows_every_title_segmentation_knows() -> None:
    # issue 10: the audit's own title list lacked "Det." and "Insp.", so a
    # name with an initial was reported as a torn abbreviation (T201)
    from retold.audit import audit_text

    for text in ("The report was signed by Det. J. Smith.", "Insp. J. Smith signed it."):
        assert [i.code for i in audit_text(text).issues] == []


def test_the_audit_reads_every_negative_and_modal_form_analysis_reads() -> None:
    # issue 10: the audit's negation words lacked "nowhere" and its modal
    # classes lacked "’ll", "'d", "’d", which fact analysis knew
    from retold.audit import audit

    report = audit(
        "The suspect was nowhere near the bank. He’ll face trial.",
        "The suspect was near the bank. He may face trial.",
    )
    messages = {i.code: i.message for i in report.issues}
    assert "'nowhere'" in messages["F142"]
    assert "'’ll' (future) became 'may'" in messages["F143"]
