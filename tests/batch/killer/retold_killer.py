"""A test-only rewrite backend that kills the worker process running it.

tests/batch/test_worker_death.py puts this module, with a dist-info folder
declaring its ``retold_backends`` entry point, on the PYTHONPATH of a
``retold batch`` run, so that every worker process finds it as an installed
plugin. A sentence holding ``KILL-9`` makes it SIGKILL its own process (as
the kernel's out-of-memory killer would); ``EXIT-7`` makes it leave at once
with ``os._exit(7)``, as a crashing native library might. Any other sentence
gets no candidate, so the rewrite keeps it.
"""

from __future__ import annotations

import os
import signal

from retold.backends import Backend, Candidate, GenerateOptions, SentenceContext


class Killer(Backend):
    name = "killer"

    def candidates(
        self, context: SentenceContext, options: GenerateOptions
    ) -> tuple[Candidate, ...]:
        if "KILL-9" in context.text:
            os.kill(os.getpid(), signal.SIGKILL)
        if "EXIT-7" in context.text:
            os._exit(7)
        return ()
