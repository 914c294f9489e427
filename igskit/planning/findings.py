"""Findings: what a check found, in Dutch, with the params key where the coördinator fixes it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Status = Literal["in orde", "aandacht", "blokkerend"]


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
