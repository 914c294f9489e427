"""Named moments of a run, where a test can stop the process the hard way or inject a bug.

A run passes ``reached("<point>")`` at each moment that matters for crash safety (a version
claimed, each copy of publishing, rendering started, ...). Nothing happens unless a test asks:

* ``IGSKIT_TEST_KILL_AT=<point>``: the process kills itself with SIGKILL there (a power cut,
  the OOM killer, a closed laptop lid — no ``finally`` runs);
* ``IGSKIT_TEST_BUG_AT=<point>``: a ``RuntimeError`` is raised there (an internal bug);
* ``HOOKS[point]``: an in-process callable (e.g. to change a file on disk at that moment).
"""

from __future__ import annotations

import os
import signal
from collections.abc import Callable

HOOKS: dict[str, Callable[[], None]] = {}


def reached(point: str) -> None:
    hook = HOOKS.get(point)
    if hook is not None:
        hook()
    if os.environ.get("IGSKIT_TEST_KILL_AT") == point:
        os.kill(os.getpid(), signal.SIGKILL)
    if os.environ.get("IGSKIT_TEST_BUG_AT") == point:
        raise RuntimeError(f"ingebouwde testfout op '{point}'")
