"""The params file's schema: one region's whole plan, validated before any kernel starts.

Attributes are English; the YAML keys a coördinator types are Dutch (pydantic aliases), so
error messages name the key as it stands in the file. Unknown keys are errors.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator, Field, field_validator, model_validator

from igskit.params import planning_process as pp
from igskit.params import vocabulary as voc
from igskit.params.approval import Approval, CouncilDecision, Decision  # noqa: F401 - part of the schema
from igskit.params.basics import PROSE, Count, Model, Money, Prose, ProseText, Slug, Spread, Text, Year, Years  # noqa: F401
from igskit.params.budget import (  # noqa: F401 - part of the schema
    ActionBudget,
    AmountLine,
    Budget,
    Contribution,
    FundingRules,
    MunicipalContributions,
    Rule,
    StaffLine,
)
from igskit.params.forms import check_spread
from igskit.params.network import Agreement, NetworkPartner, NetworkRole  # noqa: F401 - part of the schema

Category = Literal["intern", "lokale-overheid", "cultureel", "maatschappelijk", "doelgroep", "extern"]
Involvement = Literal[
    "interne-planner", "formele-beslisser", "informele-beslisser",
    "structurele-partner", "potentiele-partner", "expert", "supporter",
]
Phase = Literal["voorbereiden", "verzamelen", "verwerken", "verspreiden"]
PovertyPartner = Literal["ocmw", "armoedevereniging"]
Quadrant = Literal["sterktes", "zwaktes", "kansen", "bedreigingen"]
SourceKind = Literal["stakeholder", "consultatie", "indicator", "interne-analyse", "netwerkanalyse",
                     "document"]
FiveB = Literal["betaalbaar", "bereikbaar", "beschikbaar", "begrijpbaar", "bruikbaar"]
Format = Literal["html", "docx", "pdf"]
Aggregation = Literal["som", "gewogen-gemiddelde", "gemiddelde"]
# The nota's status, in the order a region goes through (labels in vocabulary.NOTA_STATUSES).
NotaStatus = Literal["ontwerp", "goedgekeurd-raad-van-bestuur", "definitief"]


# --- region ---------------------------------------------------------------------------------

class Contact(Model):
    name: Text = Field(alias="naam")
    role: str = Field("", alias="functie")
    email: str = Field(alias="email", pattern=r"^(?:[^@\s]+@[^@\s]+\.[^@\s]+|IN TE VULLEN)$")
    phone: str = Field("", alias="telefoon")


class Municipality(Model):
    name: Text = Field(alias="naam")
    nis: str = Field("", alias="nis", pattern=r"^(?:[0-9]{5})?$")  # NIS code; checked for a real region
    inhabitants: Count = Field(alias="inwoners", gt=0)
    contact: Contact = Field(alias="contact")


class Period(Model):
    start: Year = Field(2027, alias="van")
    end: Year = Field(2032, alias="tot")

    @model_validator(mode="after")
    def _ordered(self) -> Period:
        if self.end < self.start:
            raise ValueError("'tot' ligt vóór 'van'")
        return self

    @property
    def years(self) -> list[int]:
        return list(range(self.start, self.end + 1))


class Region(Model):
    name: Text = Field(alias="naam")
    slug: Slug = Field(alias="id")
    reference_region: Text = Field(alias="referentieregio")
    fictitious: bool = Field(False, alias="fictief")
    coordinator: Contact | None = Field(None, alias="regiocoordinator")
    period: Period = Field(default_factory=Period, alias="subsidieperiode")
    municipalities: list[Municipality] = Field(alias="gemeenten", min_length=1)

    @field_validator("municipalities")
    @classmethod
    def _unique_names(cls, value: list[Municipality]) -> list[Municipality]:
        seen: set[str] = set()
        for m in value:
            if m.name in seen:
                raise ValueError(f"gemeente '{m.name}' staat er twee keer in")
            seen.add(m.name)
        return value

    @property
    def municipality_names(self) -> list[str]:
        return [m.name for m in self.municipalities]

    @property
    def inhabitants(self) -> int:
        return sum(m.inhabitants for m in self.municipalities)


# --- planning process (seed 000 §1.3) ------------------------------------------------------

class PhasePlan(Model):
    phase: Phase = Field(alias="fase")
    start: dt.date = Field(alias="van")
    end: dt.date = Field(alias="tot")
    what: str = Field("", alias="wat")

    @model_validator(mode="after")
    def _ordered(self) -> PhasePlan:
        if self.end < self.start:
            raise ValueError("'tot' ligt vóór 'van'")
        return self


class Milestone(Model):
    date: dt.date = Field(alias="datum")
    label: Text = Field(alias="wat")


class Planning(Model):
    phases: list[PhasePlan] = Field(default_factory=list, alias="fasen")
    milestones: list[Milestone] = Field(default_factory=list, alias="mijlpalen")


# --- stakeholders (seed 000 §1.1-1.2, §2.1; seed 002; seed 004) ------------------------------

class Stakeholder(Model):
    id: Slug = Field(alias="id")
    name: Text = Field(alias="naam")
    category: Category = Field(alias="categorie")
    subsector: str = Field("", alias="subsector")
    municipality: Text = Field(voc.BOVENLOKAAL, alias="gemeente")
    cultural: bool | None = Field(None, alias="cultureel")
    involvement: Involvement = Field(alias="betrokkenheid")
    phases: list[Phase] = Field(default_factory=list, alias="fasen")
    priorities: list[Slug] = Field(default_factory=list, alias="prioriteiten")
    network_role: NetworkRole | None = Field(None, alias="netwerkrol")
    poverty_partner: PovertyPartner | None = Field(None, alias="armoedepartner")
    needs: str | list[pp.Need] = Field("", alias="noden")
    partner_card: pp.PartnerCard | None = Field(None, alias="partnerkaart")
    network_partner: NetworkPartner | None = Field(None, alias="netwerkpartner")  # partner of the network

    @property
    def need_items(self) -> list[pp.Need]:
        if isinstance(self.needs, str):
            return [pp.Need(id=self.id, tekst=self.needs)] if self.needs else []
        return list(self.needs)

    @model_validator(mode="after")
    def _subsector_fits(self) -> Stakeholder:
        allowed = voc.SUBSECTORS[self.category]
        if self.subsector and self.subsector not in allowed and self.subsector != "andere":
            raise ValueError(
                f"subsector '{self.subsector}' hoort niet bij categorie '{self.category}'; "
                f"kies uit: {', '.join(allowed)} of 'andere'"
            )
        return self

    @property
    def is_cultural(self) -> bool:
        return voc.CULTURAL_BY_DEFAULT[self.category] if self.cultural is None else self.cultural


class StakeholderFile(Model):
    """A stakeholder list kept in a CSV or XLSX file next to the params file."""

    path: Text = Field(alias="bestand")
    sheet: str = Field("", alias="blad")


# --- environment analysis (seed 004 §1) ------------------------------------------------------

class IndicatorColumn(Model):
    column: Text = Field(alias="kolom")
    label: Text = Field(alias="label")
    unit: str = Field("", alias="eenheid")
    source: Text = Field(alias="bron")
    aggregation: Aggregation = Field("gewogen-gemiddelde", alias="aggregatie")
    poverty: bool = Field(False, alias="armoede")


class Indicators(Model):
    path: Text = Field(alias="bestand")
    municipality_column: Text = Field("gemeente", alias="gemeentekolom")
    population_column: Text = Field("inwoners", alias="bevolkingskolom")
    columns: list[IndicatorColumn] = Field(alias="kolommen", min_length=1)


class Answer(Model):
    question: Text = Field(alias="vraag")
    answer: Prose = Field("", alias="antwoord")  # an unanswered question blocks (planning/remaining.py)


class FiveBScore(Model):
    dimension: FiveB = Field(alias="dimensie")
    municipality: Text = Field(voc.BOVENLOKAAL, alias="gemeente")
    score: int | None = Field(None, alias="score", ge=1, le=5)
    remark: Prose = Field("", alias="toelichting")


class EnvironmentAnalysis(Model):
    indicators: Indicators | None = Field(None, alias="indicatoren")
    threshold_inhabitants: Count = Field(85_000, alias="drempel_inwoners", gt=0)
    internal: list[Answer] = Field(default_factory=list, alias="interne_analyse")
    external: list[Answer] = Field(default_factory=list, alias="externe_analyse")
    network: list[Answer] = Field(default_factory=list, alias="netwerkanalyse")
    five_bs: list[FiveBScore] = Field(default_factory=list, alias="vijf_b")


class SwotSource(Model):
    kind: SourceKind = Field(alias="soort")
    ref: Text = Field(alias="verwijzing")


class SwotItem(Model):
    id: Slug = Field(alias="id")
    text: Text = Field(alias="tekst")
    sources: list[SwotSource] = Field(default_factory=list, alias="bronnen")


class Swot(Model):
    strengths: list[SwotItem] = Field(default_factory=list, alias="sterktes")
    weaknesses: list[SwotItem] = Field(default_factory=list, alias="zwaktes")
    opportunities: list[SwotItem] = Field(default_factory=list, alias="kansen")
    threats: list[SwotItem] = Field(default_factory=list, alias="bedreigingen")

    def quadrants(self) -> dict[str, list[SwotItem]]:
        return {"sterktes": self.strengths, "zwaktes": self.weaknesses,
                "kansen": self.opportunities, "bedreigingen": self.threats}


# --- vision and objectives (seed 003) --------------------------------------------------------

class Vision(Model):
    text: ProseText = Field(alias="tekst")
    directing_role: ProseText = Field(alias="regierol")


class Priority(Model):
    id: Slug = Field(alias="id")
    title: Text = Field(alias="titel")
    description: Prose = Field("", alias="toelichting")


class Action(Model):
    id: Slug = Field(alias="id")
    title: Text = Field(alias="titel")
    directing_role: str = Field("", alias="regierol")
    actor_role: str = Field("", alias="actorrol")
    # None: the action runs where its OD runs (seed 003); a staff/werking/action cost has a rol and
    # a verdeling over SDs (shares summing to 1); needs: see planning_process.Need.
    spread: Annotated[Spread | None, BeforeValidator(check_spread)] = Field(None, alias="spreiding")
    years: Years = Field(default_factory=list, alias="jaren")
    partners: list[Slug] = Field(default_factory=list, alias="partners")
    indicators: list[pp.Indicator] = Field(default_factory=list, alias="indicatoren")
    see_also: list[Slug] = Field(default_factory=list, alias="zie_ook")
    network: bool = Field(False, alias="netwerk")  # part of the network vrijetijdsparticipatie
    lead: Slug | None = Field(None, alias="trekker")  # the stakeholder who leads it

    @field_validator("indicators", mode="before")
    @classmethod
    def _indicator_texts(cls, value):
        return pp.indicator_items(value)


class OperationalObjective(Model):
    id: Slug = Field(alias="id")
    title: Text = Field(alias="titel")
    spread: Spread = Field("alle gemeenten", alias="spreiding")
    answers_needs: list[Slug] = Field(default_factory=list, alias="beantwoordt_noden")
    indicators: list[pp.Indicator] = Field(default_factory=list, alias="indicatoren")
    see_also: list[Slug] = Field(default_factory=list, alias="zie_ook")
    network: bool = Field(False, alias="netwerk")  # inherited by its actions
    actions: list[Action] = Field(default_factory=list, alias="acties")

    @field_validator("indicators", mode="before")
    @classmethod
    def _indicator_texts(cls, value):
        return pp.indicator_items(value)


class StrategicObjective(Model):
    id: Slug = Field(alias="id")
    title: Text = Field(alias="titel")
    priority: Slug | None = Field(None, alias="prioriteit")
    transversal: bool = Field(False, alias="transversaal")
    answers_needs: list[Slug] = Field(default_factory=list, alias="beantwoordt_noden")
    network: bool = Field(False, alias="netwerk")  # inherited by its ODs and actions
    objectives: list[OperationalObjective] = Field(default_factory=list, alias="ods")


# --- budget: igskit/params/budget.py -----------------------------------------------------------

# --- the nota ----------------------------------------------------------------------------------

class NotaTexts(Model):
    """Prose the coördinator writes; everything computable is computed, never typed here."""

    summary: Prose = Field("", alias="notendop")
    stakeholder_needs: Prose = Field("", alias="behoeften_stakeholders")
    network_position: Prose = Field("", alias="positie_in_netwerk")
    why_together: Prose = Field("", alias="samenhang_gemeenten")
    opportunity_groups: Prose = Field("", alias="kansengroepen")
    small_projects: Prose = Field("", alias="kleine_projecten")
    feasibility: Prose = Field("", alias="haalbaarheid_en_verduurzaming")
    business_plan: Prose = Field("", alias="zakelijk_plan")


class Nota(Model):
    title: Text = Field("Cultuurnota", alias="titel")
    status: NotaStatus = Field("ontwerp", alias="status")
    logo: str = Field("", alias="logo")  # a PNG or JPEG in the params file's folder (checked by load)
    formats: list[Format] = Field(default_factory=lambda: ["html", "docx", "pdf"], alias="formaten",
                                  min_length=1)
    include_agreement: bool = Field(False, alias="afsprakennota")
    reference_doc: str = Field("", alias="referentiedocument")
    version_label: str = Field("", alias="versielabel")
    version_note: str = Field("", alias="versienotitie")
    texts: NotaTexts = Field(default_factory=NotaTexts, alias="teksten")


# --- the afsprakennota: igskit/params/network.py ---------------------------------------------


# --- the whole plan ----------------------------------------------------------------------------

class Plan(Model):
    region: Region = Field(alias="regio")
    planning: Planning = Field(default_factory=Planning, alias="planning")
    # A `{bestand: ...}` mapping is read and checked by igskit.params.load before validation.
    stakeholders: list[Stakeholder] = Field(alias="stakeholders")
    environment: EnvironmentAnalysis = Field(default_factory=EnvironmentAnalysis,
                                             alias="omgevingsanalyse")
    swot: Swot = Field(default_factory=Swot, alias="swot")
    vision: Vision = Field(alias="visie")
    priorities: list[Priority] = Field(alias="prioriteiten")
    objectives: list[StrategicObjective] = Field(alias="doelstellingen")
    budget: Budget = Field(alias="begroting")
    nota: Nota = Field(default_factory=Nota, alias="nota")
    agreement: Agreement | None = Field(None, alias="afsprakennota")
    roadmap: pp.Roadmap = Field(default_factory=pp.Roadmap, alias="stappenplan")
    working_groups: list[pp.WorkingGroup] = Field(default_factory=list, alias="werkgroepen")
    monitoring: pp.Monitoring = Field(default_factory=pp.Monitoring, alias="monitoring")
    approval: Approval = Field(default_factory=Approval, alias="goedkeuring")

    @property
    def stakeholder_list(self) -> list[Stakeholder]:
        return self.stakeholders


def is_prose(model: type[BaseModel], attribute: str) -> bool:
    """Whether ``model.attribute`` is prose (Markdown subset) rather than text (always literal)."""
    extra = model.model_fields[attribute].json_schema_extra
    return isinstance(extra, dict) and extra.get("proza") is True
