"""The params of the road to the plan: the stappenplan (seed 001), working groups per priority
(seed 000 §2.2), partnerkaarten (seed 002), needs, indicators and reflection (seed 004), and the
cost roles and SD shares of the budget. ``igskit.params.schema`` builds the plan from these.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import BeforeValidator, Field

from igskit.params import vocabulary as voc
from igskit.params.basics import Model, Slug, Spread, Text, Year
from igskit.params.numbers import refuse_flemish_amount

# --- stakeholders: partnerkaart and needs ---------------------------------------------------------

class PartnerCard(Model):
    """A partnerkaart of *Bouw je netwerk uit* (seed 002): what a partner brings and seeks."""

    strengths: str = Field("", alias="sterktes")
    limitations: str = Field("", alias="beperkingen")
    supra_local: bool | None = Field(None, alias="bovenlokaal")
    boundary_crossing: bool | None = Field(None, alias="grensverleggend")
    idea: str = Field("", alias="idee")


class Need(Model):
    """One need of a stakeholder (seed 001 step 5: 'Wat zijn de noden van je stakeholders?')."""

    id: Slug = Field(alias="id")
    text: Text = Field(alias="tekst")


# --- indicators (on ODs and actions) ----------------------------------------------------------------

# indicator values follow the number rule of amounts: 1.500 or 12,5 is refused with the plain form
Measure = Annotated[Decimal, BeforeValidator(refuse_flemish_amount), Field(max_digits=14, decimal_places=4)]


class Indicator(Model):
    """A monitoring indicator (seed 004): what is measured, from where, and towards what."""

    name: Text = Field(alias="naam")
    unit: str = Field("", alias="eenheid")
    baseline: Measure | None = Field(None, alias="nulmeting")
    baseline_year: Year | None = Field(None, alias="nulmeting_jaar")
    targets: dict[Year, Measure] = Field(default_factory=dict, alias="streefwaarden")
    source: str = Field("", alias="bron")
    # what it measures for the network (seed 004): bereik, drempels or samenwerking
    kind: Literal[tuple(voc.INDICATOR_KINDS)] | None = Field(None, alias="soort")


def indicator_items(value):
    """A plain text indicator (the older form) is an indicator with only a name."""
    if isinstance(value, list):
        return [{"naam": v} if isinstance(v, str) else v for v in value]
    return value


# --- budget: cost roles and shares per SD --------------------------------------------------------------

Role = Literal["regierol", "actorrol"]
Share = Annotated[Decimal, Field(gt=0, le=1, max_digits=6, decimal_places=4)]


def shares_sum_to_one(value: dict[str, Decimal]) -> dict[str, Decimal]:
    if value and sum(value.values()) != 1:
        total = f"{sum(value.values()).normalize():f}".replace(".", ",")
        raise ValueError(f"de aandelen in 'verdeling' tellen op tot {total}, niet tot 1")
    return value


# --- the road to the plan: stappenplan (seed 001), werkgroepen (seed 000 §2.2), monitoring (seed 004)

StepKey = Literal[tuple(voc.ROADMAP_STEPS)]
StepStatus = Literal["te doen", "bezig", "klaar"]


class RoadmapStep(Model):
    status: StepStatus = Field("te doen", alias="status")
    date: dt.date | None = Field(None, alias="datum")  # done on (klaar) or planned for
    evidence: str = Field("", alias="toelichting")
    with_whom: list[Slug] = Field(default_factory=list, alias="betrokken")
    deadline: dt.date | None = Field(None, alias="uiterlijk")  # overrides the seed's deadline


class MunicipalCommitment(Model):
    """Per gemeente: draagvlak and afspraken (steps 1, 4, 7, 9 of seed 001)."""

    municipality: Text = Field(alias="gemeente")
    engagement: dt.date | None = Field(None, alias="engagementsverklaring")  # college, step 4
    council_decision: dt.date | None = Field(None, alias="gemeenteraadsbeslissing")  # fiat/statuten, step 7
    bbc_objective: bool = Field(False, alias="bbc_doelstelling")  # IGS in the gemeente's BBC, step 7
    budget_provided: bool = Field(False, alias="budget_voorzien")  # step 7
    nota_approved: dt.date | None = Field(None, alias="goedkeuring_cultuurnota")  # step 9


class ExistingCooperation(Model):
    """An existing regional cooperation (step 2)."""

    kind: Literal[tuple(voc.COOPERATION_KINDS)] = Field(alias="soort")
    name: Text = Field(alias="naam")
    stakeholder: Slug | None = Field(None, alias="stakeholder")
    spread: Spread = Field("alle gemeenten", alias="gemeenten")
    link: str = Field("", alias="afspraak")


class LegalForm(Model):
    """Steps 6 and 7: the legal form and the structure it gets."""

    form: Literal[tuple(voc.LEGAL_FORMS)] = Field(alias="vorm")
    name: str = Field("", alias="naam")
    founding_deed: dt.date | None = Field(None, alias="oprichtingsakte")
    statutes: dt.date | None = Field(None, alias="statuten")
    internal_rules: dt.date | None = Field(None, alias="intern_reglement")
    note: str = Field("", alias="toelichting")


class Roadmap(Model):
    steps: dict[StepKey, RoadmapStep] = Field(default_factory=dict, alias="stappen")
    commitments: list[MunicipalCommitment] = Field(default_factory=list, alias="gemeenten")
    cooperations: list[ExistingCooperation] = Field(default_factory=list, alias="samenwerkingen")
    legal_form: LegalForm | None = Field(None, alias="juridische_vorm")


class Meeting(Model):
    date: dt.date = Field(alias="datum")
    phase: Literal[tuple(voc.WORKING_GROUP_PHASES)] = Field(alias="fase")
    what: Text = Field(alias="wat")


class WorkingGroup(Model):
    """A working group or task force per priority (seed 000 §2.2)."""

    id: Slug = Field(alias="id")
    name: Text = Field(alias="naam")
    priority: Slug = Field(alias="prioriteit")
    lead: Slug | None = Field(None, alias="trekker")
    members: list[Slug] = Field(default_factory=list, alias="leden")
    meetings: list[Meeting] = Field(default_factory=list, alias="bijeenkomsten")
    proposed: list[Slug] = Field(default_factory=list, alias="voorgesteld")  # SD/OD ids it proposed


class Reflection(Model):
    """A reflection moment (seed 004: at least once a year)."""

    year: Year = Field(alias="jaar")
    date: dt.date | None = Field(None, alias="datum")
    what: Text = Field(alias="wat")
    with_whom: list[Slug] = Field(default_factory=list, alias="met")


class Monitoring(Model):
    reflections: list[Reflection] = Field(default_factory=list, alias="reflectiemomenten")
