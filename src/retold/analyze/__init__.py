"""analyze: text -> the checkable facts of each sentence.

Numbers (with qualifier and unit), dates, times, people, organisations,
places, quotations, negations and modality, each with a normalised value and
character offsets.
"""

from __future__ import annotations

from retold.analyze.facts import AnalyzeOptions, analyze, analyze_many, by_sentence, same_fact

__all__ = ["AnalyzeOptions", "analyze", "analyze_many", "by_sentence", "same_fact"]
