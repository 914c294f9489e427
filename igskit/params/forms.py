"""Forms a coördinator writes that the schema would otherwise refuse twice or vaguely:
``spreiding: alle`` and ``jaren: 2027-2032``. One Dutch message each, with the valid forms."""

from __future__ import annotations

import re

from pydantic_core import PydanticCustomError

from igskit.params import vocabulary as voc


def refuse(message: str, hint: str):
    """The one custom error igskit's schema raises: ``problems.py`` shows message and hint as they are."""
    return PydanticCustomError("bericht", "{message}", {"message": message, "hint": hint})


def check_spread(value):
    """``spreiding`` is 'alle gemeenten' or a list of gemeenten; anything else gets one message."""
    if isinstance(value, str) and value.strip() != voc.ALL_MUNICIPALITIES:
        raise refuse(f"'{value}' is geen geldige spreiding",
                     "schrijf 'alle gemeenten' of een lijst van gemeenten, bv. [Deinze, Zulte]")
    return value


def check_years(value):
    """``jaren`` is a list; a range or a single year gets both valid list forms."""
    if isinstance(value, (str, int)) and not isinstance(value, bool):
        text = str(value).strip()
        match = re.fullmatch(r"(\d{4})\s*[-–—]\s*(\d{4})", text)
        years = list(range(int(match[1]), int(match[2]) + 1)) if match and match[1] <= match[2] else (
            [int(text)] if text.isdigit() else [2027, 2028])
        inline = "[" + ", ".join(map(str, years)) + "]"
        raise refuse(f"'{text}' is geen lijst van jaren",
                     f"schrijf de jaren tussen rechte haken: {inline}, of als lijst met elk jaar op een eigen "
                     f"regel die begint met '- ' (bv. '- {years[0]}')")
    return value
