"""A backend and an output format that retold finds by their entry points.

The ``shout`` backend replaces the verb "said" with another verb of saying
(its one option, ``verb``), a change the audit gate lets through; it needs a
key, read by retold from ``RETOLD_SHOUT_KEY``. The ``shout`` format writes
the sentences of ``segment`` or ``summarize`` in capitals.
"""

from __future__ import annotations

from dataclasses import dataclass

from retold.backends import Backend, Candidate, GenerateOptions, SentenceContext, get_key
from retold.render import RenderOptions
from retold.render.formats import Format, Output


@dataclass(frozen=True, slots=True)
class ShoutOptions:
    verb: str = "stated"


class Shout(Backend):
    name = "shout"
    needs_key = True
    key_env_var = "RETOLD_SHOUT_KEY"
    Options = ShoutOptions

    def __init__(self, options: ShoutOptions | None = None) -> None:
        self.options = options or ShoutOptions()

    def candidates(
        self, context: SentenceContext, options: GenerateOptions
    ) -> tuple[Candidate, ...]:
        get_key(self)  # a real service would send it
        if " said " not in context.text:
            return ()
        text = context.text.replace(" said ", f" {self.options.verb} ", 1)
        return (Candidate(text, self.name, ("shout-verb",)),)


def render_shout(output: Output, options: RenderOptions) -> str:
    return "".join(s["text"].upper() + "\n" for s in output.data["sentences"])


SHOUT = Format(commands=("segment", "summarize"), render=render_shout, description="capitals")
