"""The goedkeuring of the nota: the decision of the raad van bestuur and of every gemeenteraad."""

from __future__ import annotations

import datetime as dt

from pydantic import Field

from igskit.params.basics import Model, Text


class Decision(Model):
    """A decision of the raad van bestuur on the nota: date and, optionally, its reference."""

    date: dt.date = Field(alias="datum")
    reference: str = Field("", alias="referentie")


class CouncilDecision(Decision):
    """A gemeenteraad's decision on the nota (the gemeente is checked against regio.gemeenten)."""

    municipality: Text = Field(alias="gemeente")


class Approval(Model):
    """The goedkeuring of the nota: the raad van bestuur, then every gemeenteraad."""

    board: Decision | None = Field(None, alias="raad_van_bestuur")
    councils: list[CouncilDecision] = Field(default_factory=list, alias="gemeenteraden")

    def council(self, name: str) -> CouncilDecision | None:
        return next((c for c in self.councils if c.municipality == name), None)
