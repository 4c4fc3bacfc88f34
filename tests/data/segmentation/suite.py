"""Reader for news_suite.txt (see the header of that file for its format).

Shared by tests/test_segment.py and benchmarks/segment.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

SUITE = Path(__file__).with_name("news_suite.txt")


@dataclass(frozen=True, slots=True)
class Document:
    id: str
    text: str
    sentences: tuple[str, ...]
    spans: tuple[tuple[int, int], ...]  # offsets of each expected sentence in text


def load(path: Path = SUITE) -> tuple[Document, ...]:
    docs = []
    for block in path.read_text(encoding="utf-8").split("\n===\n"):
        meta: dict[str, str] = {}
        paragraphs: list[list[tuple[str, str]]] = [[]]
        for line in block.split("\n"):
            if line.startswith("#"):
                continue
            if line.startswith("@ "):
                key, _, value = line[2:].partition(":")
                meta[key.strip()] = value.strip()
            elif not line.strip():
                if paragraphs[-1]:
                    paragraphs.append([])
            elif line.startswith("| "):
                paragraphs[-1].append(("\n", line[2:]))
            else:
                paragraphs[-1].append((" ", line))
        if not paragraphs[-1]:
            paragraphs.pop()
        if not paragraphs:
            continue
        para_sep = "\n" if meta.get("paragraphs") == "newline" else "\n\n"
        text = ""
        sentences: list[str] = []
        spans: list[tuple[int, int]] = []
        for p, paragraph in enumerate(paragraphs):
            if p:
                text += para_sep
            for s, (joiner, sentence) in enumerate(paragraph):
                if s:
                    text += joiner
                spans.append((len(text), len(text) + len(sentence)))
                sentences.append(sentence)
                text += sentence
        docs.append(
            Document(meta.get("id", f"doc{len(docs)}"), text, tuple(sentences), tuple(spans))
        )
    return tuple(docs)
