"""Findings: what a check found, in Dutch, with the params key where the coördinator fixes it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Status = Literal["in orde", "aandacht", "blokkerend"]
STATUS_WORD = {"in orde": "In orde", "aandacht": "Aandacht", "blokkerend": "Blokkerend"}


@dataclass(frozen=True)
class Finding:
    """One result of a check. ``key`` is the params key to edit (e.g. ``stakeholders``)."""

    topic: str
    status: Status
    message: str
    key: str = ""

    @property
    def ok(self) -> bool:
        return self.status == "in orde"


def problems(findings: list[Finding]) -> list[Finding]:
    """The findings that need the coördinator's attention."""
    return [f for f in findings if not f.ok]


# Content only the planning team reads (checks, findings, params keys, provenance) goes into a
# Quarto conditional-content div: the werkversie (profile ``werkversie``) shows it, the
# indienversie that the board and the Departement receive does not. (display.working shows it.)
WORKING_ONLY_OPEN = '::: {.content-visible when-profile="werkversie"}'


def working_only_markdown(markdown: str) -> str:
    """Wrap Markdown so it appears only in the werkversie."""
    return f"{WORKING_ONLY_OPEN}\n\n{markdown}\n\n:::"
