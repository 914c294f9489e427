"""The building blocks every params model shares: the strict base model and the value types."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field

from igskit.params.forms import check_years
from igskit.params.numbers import refuse_flemish_amount, refuse_flemish_count

Slug = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9_.-]*$", min_length=1, max_length=60)]
Text = Annotated[str, Field(min_length=1)]
Year = Annotated[int, Field(ge=2000, le=2100)]
Spread = Literal["alle gemeenten"] | list[Text]
# amounts and counts refuse a thousands dot or decimal comma (76.000, 9000,50): see params/numbers.py
Money = Annotated[Decimal, BeforeValidator(refuse_flemish_amount), Field(ge=0, max_digits=14, decimal_places=2)]
Count = Annotated[int, BeforeValidator(refuse_flemish_count)]
Years = Annotated[list[Year], BeforeValidator(check_years)]  # 2027-2032 gets both valid list forms
# Every string in a params file is *text* (shown literally, never markup) unless the field is
# *prose*: the long texts a coördinator writes, which may use a small Markdown subset (emphasis,
# lists, paragraphs, http(s)/mailto links; see igskit.planning.markup).
PROSE = {"proza": True}
Prose = Annotated[str, Field(json_schema_extra=PROSE)]
ProseText = Annotated[str, Field(min_length=1, json_schema_extra=PROSE)]


class Model(BaseModel):
    """Base of every params model: strict keys, Dutch aliases, immutable."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True, frozen=True,
                              str_strip_whitespace=True)
