"""The ``smollm`` backend: paraphrases from SmolLM2-135M-Instruct.

The model is small and runs on the CPU through llama.cpp. It paraphrases
fluently at times, but on its own it also drops clauses, merges names and
invents details; that is why it only proposes. The ranker and the audit gate
in :mod:`retold.rewrite` decide, and most of its candidates are rejected
there.

The mode ("formal", "simple") and the frozen terms in the sentence are
told before the prompt (:meth:`GenerateOptions.instructions`); the screen
before the gate still refuses a reply that breaks them.

Decoding is greedy, so a sentence always gets the same candidates. A
sentence wholly inside a quotation is not sent (a quotation stays word for
word). Each reply is repaired (:mod:`retold.backends.repair`): the locked
facts the model changed are put back, and a reply that dropped one is
discarded.
"""

from __future__ import annotations

import re

from retold import models
from retold.backends import register
from retold.backends.base import Backend, Candidate, GenerateOptions, SentenceContext
from retold.backends.repair import repair_candidate

# Tried on CNN/DailyMail sentences: the first prompt gave the most rewrites
# that kept every fact; the second is added at strength "strong".
PROMPTS = (
    "Rewrite this sentence with different words and a different word order, "
    "keeping its meaning:\n{sentence}",
    "Paraphrase the following sentence. Keep all names, numbers and dates.\n\n{sentence}",
)

_PREFIX = re.compile(
    r"^\s*(?:here(?:'s| is) (?:the |a )?(?:rewritten|paraphrased) sentence|rewritten sentence|"
    r"paraphrase|paraphrased sentence|rewrite|answer|output)\s*[:\-]\s*",
    re.IGNORECASE,
)


@register
class SmolLMBackend(Backend):
    """Candidates from SmolLM2-135M-Instruct, one per prompt."""

    name = "smollm"

    def candidates(
        self, context: SentenceContext, options: GenerateOptions
    ) -> tuple[Candidate, ...]:
        if context.wholly_locked:
            return ()
        model = models.smollm()
        prompts = PROMPTS if options.strength == "strong" else PROMPTS[:1]
        budget = 2 * len(model.tokens(context.text)) + 16
        out: list[Candidate] = []
        extra = options.instructions(context.text)
        for k, prompt in enumerate(prompts):
            content = prompt.format(sentence=context.text)
            if extra:
                content = f"{extra}\n{content}"
            reply = model.chat([{"role": "user", "content": content}], max_tokens=budget)
            text = clean_reply(reply, context.text)
            if not text:
                continue
            proposed = Candidate(text, self.name, (f"smollm-prompt-{k + 1}",))
            fixed = repair_candidate(context, proposed, options)
            if fixed and fixed.text != context.text and all(fixed.text != c.text for c in out):
                out.append(fixed)
        return tuple(out)


def clean_reply(reply: str, source: str) -> str:
    """The sentence in a model reply: its first non-empty line that is no
    preamble ("Here's a rewritten version of the sentence:", a line that ends
    with a colon where the source does not), without a leading "Rewritten
    sentence:" and without quotation marks wrapped around the whole of it
    (unless the source itself is so wrapped)."""
    lines = [ln.strip() for ln in reply.splitlines() if ln.strip()]
    if len(lines) > 1 and lines[0].endswith(":") and not source.rstrip().endswith(":"):
        lines = lines[1:]
    line = lines[0] if lines else ""
    line = _PREFIX.sub("", line).strip()
    wrapped = len(line) > 1 and line[0] in '"“' and line[-1] in '"”'
    if wrapped and not source.lstrip().startswith(('"', "“")):
        line = line[1:-1].strip()
    return line
