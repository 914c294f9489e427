"""The params file's ``begroting`` section: funding rules, contributions, income and cost lines."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Literal

from pydantic import BeforeValidator, Field, field_validator, model_validator

from igskit.params import planning_process as pp
from igskit.params.basics import Model, Money, Slug, Text, Year, Years
from igskit.params.numbers import refuse_flemish_amount


class Rule(Model):
    """A funding rule: a value with its source, and whether the value is confirmed."""

    value: Annotated[Decimal, BeforeValidator(refuse_flemish_amount)] = Field(alias="waarde", ge=0)
    source: Text = Field(alias="bron")
    confirmed: bool = Field(True, alias="bevestigd")
    note: str = Field("", alias="opmerking")


class FundingRules(Model):
    max_per_inhabitant: Rule = Field(alias="max_per_inwoner")
    minimum_subsidy: Rule = Field(alias="minimum_subsidie")
    min_cofinancing: Rule = Field(alias="min_cofinanciering")


class Contribution(Model):
    municipality: Text = Field(alias="gemeente")
    per_inhabitant: Money | None = Field(None, alias="per_inwoner")
    fixed: Money | None = Field(None, alias="vast")


class MunicipalContributions(Model):
    per_inhabitant: Money = Field(Decimal(0), alias="per_inwoner")
    fixed: Money = Field(Decimal(0), alias="vast")
    exceptions: list[Contribution] = Field(default_factory=list, alias="afwijkingen")


class AmountLine(Model):
    """A named amount: the same every year (``bedrag``) or per year (``per_jaar``)."""

    label: Text = Field(alias="omschrijving")
    amount: Money | None = Field(None, alias="bedrag")
    per_year: dict[Year, Money] = Field(default_factory=dict, alias="per_jaar")
    indexed: bool = Field(False, alias="geindexeerd")
    cost_role: pp.Role = Field("regierol", alias="rol")
    allocation: dict[Slug, pp.Share] = Field(default_factory=dict, alias="verdeling")
    network: bool = Field(False, alias="netwerk")  # belongs to the network's own budget

    @field_validator("allocation")
    @classmethod
    def _shares(cls, value):
        return pp.shares_sum_to_one(value)

    @model_validator(mode="after")
    def _one_of(self) -> AmountLine:
        if (self.amount is None) == (not self.per_year):
            raise ValueError("geef ofwel 'bedrag' (elk jaar hetzelfde) ofwel 'per_jaar', niet allebei of geen")
        return self


class StaffLine(Model):
    role: Text = Field(alias="functie")
    fte: Decimal = Field(alias="vte", gt=0, le=50)
    cost_per_fte: Money = Field(alias="kost_per_vte")
    years: Years = Field(default_factory=list, alias="jaren")
    allocation: dict[Slug, pp.Share] = Field(default_factory=dict, alias="verdeling")
    cost_role: pp.Role = Field("regierol", alias="rol")
    network: bool = Field(False, alias="netwerk")  # belongs to the network's own budget

    @field_validator("allocation")
    @classmethod
    def _shares(cls, value):
        return pp.shares_sum_to_one(value)


class ActionBudget(Model):
    action: Slug = Field(alias="actie")
    amount: Money | None = Field(None, alias="bedrag")
    per_year: dict[Year, Money] = Field(default_factory=dict, alias="per_jaar")
    cost_role: pp.Role = Field("regierol", alias="rol")

    @model_validator(mode="after")
    def _one_of(self) -> ActionBudget:
        if (self.amount is None) == (not self.per_year):
            raise ValueError("geef ofwel 'bedrag' (per jaar van de actie) ofwel 'per_jaar', niet allebei of geen")
        return self


class Budget(Model):
    indexation: Decimal = Field(Decimal("0.02"), alias="indexatie", ge=0, le=Decimal("0.2"))
    rules: FundingRules = Field(alias="regels")
    flemish_subsidy: Annotated[Money | Literal["maximum"],
                               BeforeValidator(refuse_flemish_amount)] = Field("maximum", alias="vlaamse_subsidie")
    contributions: MunicipalContributions = Field(alias="gemeentelijke_bijdragen")
    other_income: list[AmountLine] = Field(default_factory=list, alias="andere_inkomsten")
    staff: list[StaffLine] = Field(default_factory=list, alias="personeel")
    operations: list[AmountLine] = Field(default_factory=list, alias="werking")
    actions: list[ActionBudget] = Field(default_factory=list, alias="acties")
