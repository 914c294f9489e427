"""The params of the bovenlokaal netwerk vrijetijdsparticipatie (seed 004): the ``afsprakennota``
section and a stakeholder's ``netwerkpartner`` block.

The network's objectives, actions and budget lines are not here: they are the plan's own
objects, marked with ``netwerk: true`` (see ``igskit.planning.network``).
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import BeforeValidator, Field

from igskit.params import vocabulary as voc
from igskit.params.basics import Model, Prose, Slug, Spread, Text, Year
from igskit.params.forms import check_spread

# The five network roles of UGent (labels in vocabulary.NETWORK_ROLES).
NetworkRole = Literal["operator", "promotor", "visiebewaker", "creatieve denker", "kampioen"]
Participation = Literal["deelnemen", "deelhebben"]
CheckedSpread = Annotated[Spread, BeforeValidator(check_spread)]

# Keys of an older afsprakennota and what replaced them (params/problems.py shows this).
REPLACED_KEYS = {
    ("afsprakennota", "doelstellingen"): (
        "'afsprakennota.doelstellingen' bestaat niet meer",
        "zet 'netwerk: true' bij de strategische of operationele doelstellingen (of acties) van het netwerk "
        "en haal deze regel weg; wat onder een SD of OD staat, hoort er dan vanzelf bij"),
    ("afsprakennota", "betrokkenheid_partners"): (
        "'afsprakennota.betrokkenheid_partners' bestaat niet meer",
        "geef elke partner van het netwerk bij 'stakeholders' een blok 'netwerkpartner' (brengt, engageert, "
        "rollen, overleg, trekker) en haal deze tekst weg; zie params/voorbeeldregio.yml"),
}


class NetworkPartner(Model):
    """A stakeholder that is a partner of the network, and how it is involved (part 5)."""

    brings: Prose = Field("", alias="brengt")  # in its own words: what it brings
    commits: Prose = Field("", alias="engageert")  # what it commits to
    roles: list[NetworkRole] = Field(default_factory=list, alias="rollen")
    meetings: list[Slug] = Field(default_factory=list, alias="overleg")  # afsprakennota.overleg / werkgroepen ids
    lead: bool = Field(False, alias="trekker")
    # the gemeenten it covers: None = its own gemeente (a bovenlokaal partner: none)
    covers: CheckedSpread | None = Field(None, alias="voor_gemeenten")


class Survey(Model):
    """What the network heard from people in poverty: who, how, when, where and what (part 1)."""

    who: Text = Field(alias="wie")
    how: Text = Field(alias="hoe")
    date: dt.date | None = Field(None, alias="datum")
    municipalities: CheckedSpread | None = Field(None, alias="gemeenten")
    what: Prose = Field("", alias="wat")


class MeetingStructure(Model):
    """An overleg structure of the network (part 5)."""

    id: Slug = Field(alias="id")
    name: Text = Field(alias="naam")
    frequency: str = Field("", alias="frequentie")
    what: Prose = Field("", alias="wat")


class ArrowRoots(Model):
    """For each of the ten Arrow Roots domains how the cooperation covers it; empty = not yet."""

    context: Prose = Field("", alias="contextanalyse")
    actors: Prose = Field("", alias="actorenanalyse")
    roles: Prose = Field("", alias="rol_en_taakverdeling")
    process: Prose = Field("", alias="procesafspraken")
    communication: Prose = Field("", alias="communicatie")
    means: Prose = Field("", alias="middelen")
    trust: Prose = Field("", alias="relaties_en_vertrouwen")
    legitimacy: Prose = Field("", alias="legitimiteit")
    monitoring: Prose = Field("", alias="monitoring")
    sustainability: Prose = Field("", alias="duurzaamheid")

    def by_domain(self) -> dict[str, str]:
        """Domain key (vocabulary.ARROW_ROOTS) -> how it is covered, in the model's order."""
        values = {f.alias: getattr(self, name) for name, f in type(self).model_fields.items()}
        return {key: values[key] for key in voc.ARROW_ROOTS}


class LocalNetwork(Model):
    """An existing lokaal netwerk vrijetijdsparticipatie that integrates (by 2033 at the latest)."""

    name: Text = Field(alias="naam")
    municipality: Text = Field(alias="gemeente")
    integration: Year = Field(alias="integratie")


class Agreement(Model):
    """The afsprakennota vrijetijdsparticipatie (seed 004), when the IGS also starts that network."""

    name: str = Field("", alias="naam")
    municipalities: CheckedSpread = Field(voc.ALL_MUNICIPALITIES, alias="gemeenten")
    poverty_analysis: Prose = Field("", alias="armoedeanalyse")
    barriers: Prose = Field("", alias="drempels")
    surveys: list[Survey] = Field(default_factory=list, alias="bevragingen")
    vision: Prose = Field("", alias="visie")
    participation: list[Participation] = Field(default_factory=list, alias="participatie")
    vision_shared: Prose = Field("", alias="visie_gedeeld")
    meetings: list[MeetingStructure] = Field(default_factory=list, alias="overleg")
    cooperation: ArrowRoots = Field(default_factory=ArrowRoots, alias="samenwerking")
    local_networks: list[LocalNetwork] = Field(default_factory=list, alias="lokale_netwerken")
