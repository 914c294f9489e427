"""Numbers as a Fleming types them: a thousands dot (``76.000``) or a decimal comma (``9000,50``).

The rule (README, "Getallen"):

* In the **params file** (YAML) numbers are written plainly: ``76000``, ``1250000``, ``9000.50``.
  An amount, count or inhabitants figure with a thousands dot or a decimal comma is refused
  with the plain form in the message, never read differently from what it says. ``76.000`` is
  the dangerous one, because YAML itself reads it as 76: the message names both readings.
* In a **CSV or XLSX** file (written by Excel with Belgian settings) a text cell in a Flemish form
  that can mean only one thing is read as meant: ``1.250.000`` → 1250000, ``9000,50`` → 9000.5,
  ``76.000,50`` → 76000.5, ``12,5`` → 12.5, and in a count column (inhabitants) ``45.010`` → 45010.
  A form with two readings is refused, naming both: ``45.010`` in a column with decimals, and
  ``76,000`` (a comma before exactly three digits). Numeric XLSX cells are numbers already.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from pydantic_core import PydanticCustomError

# one dot before exactly three digits, no leading zero: 76.000, 45.010, 1.250 (YAML: a decimal)
ONE_THOUSANDS_DOT = re.compile(r"^[1-9][0-9]{0,2}\.[0-9]{3}$")
THOUSANDS_DOTS = re.compile(r"^[1-9][0-9]{0,2}(?:\.[0-9]{3}){2,}$")  # 1.250.000
DECIMAL_COMMA = re.compile(r"^[0-9]+,[0-9]+$")  # 9000,50  12,5
DOTS_AND_COMMA = re.compile(r"^[1-9][0-9]{0,2}(?:\.[0-9]{3})+,[0-9]+$")  # 76.000,50
COMMA_THREE = re.compile(r"^[1-9][0-9]{0,2},[0-9]{3}$")  # 76,000: English thousands or Flemish decimal
SPACES = re.compile(r"^[1-9][0-9]{0,2}(?:[ \u00a0\u202f][0-9]{3})+(?:[.,][0-9]+)?$")  # 76 000


def yaml_float_text(node) -> str | None:
    """The original text of a ruamel float written as ``76.000`` (one dot, three digits), else None.

    YAML reads such a scalar as 76.0; igskit keeps the text so that the schema can refuse it
    instead of silently using 76.
    """
    width, prec = getattr(node, "_width", None), getattr(node, "_prec", None)
    if not width or prec is None or getattr(node, "_exp", None) or getattr(node, "_m_sign", False):
        return None
    decimals = width - prec - 1
    if decimals != 3 or not 1 <= prec <= 3:
        return None
    text = f"{float(node):.3f}"
    return text if ONE_THOUSANDS_DOT.match(text) else None


def _plain(digits: str) -> str:
    """'76000.50' -> '76000.50'; '76000.5' stays; integral values lose '.0'."""
    value = Decimal(digits)
    return str(value.quantize(Decimal(1))) if value == value.to_integral_value() else digits


def flemish_reading(text: str, count: bool) -> tuple[str | None, list[str]]:
    """How a Fleming means ``text``: (the one plain reading or None, all plain readings).

    ``count``: the field holds a whole number (inhabitants), so ``45.010`` has one reading.
    Returns (None, []) when ``text`` is not in a Flemish form at all.
    """
    t = text.strip()
    if THOUSANDS_DOTS.match(t):
        return t.replace(".", ""), [t.replace(".", "")]
    if DOTS_AND_COMMA.match(t):
        plain = t.replace(".", "").replace(",", ".")
        return plain, [plain]
    if SPACES.match(t):
        plain = re.sub(r"[ \u00a0\u202f]", "", t).replace(",", ".")
        return plain, [plain]
    if ONE_THOUSANDS_DOT.match(t):
        thousands = t.replace(".", "")
        return (thousands, [thousands]) if count else (None, [thousands, _plain(t)])
    if COMMA_THREE.match(t):
        return None, [t.replace(",", ""), t.replace(",", ".")]
    if DECIMAL_COMMA.match(t):
        plain = t.replace(",", ".")
        return plain, [plain]
    return None, []


def yaml_refusal(text: str, count: bool) -> tuple[str, str] | None:
    """(message, hint) for a number written in a Flemish form in the params file, or None."""
    _one, readings = flemish_reading(text, count)
    if not readings:
        return None
    if len(readings) == 1:
        return (f"'{text}' is geschreven met een duizendtalpunt of decimale komma, zoals in Excel; "
                "in het params-bestand schrijf je getallen zonder punt tussen de duizendtallen en met "
                "een punt als decimaalteken",
                f"schrijf {readings[0]}")
    if ONE_THOUSANDS_DOT.match(text.strip()):
        decimal = format(Decimal(readings[1]).normalize(), "f")  # 1.500 -> 1.5: what YAML makes of it
        return (f"'{text}' is dubbelzinnig: in Vlaanderen is dat {readings[0]}, maar YAML leest het als "
                f"{decimal} (de punt is daar een decimaalteken)",
                f"schrijf {readings[0]} als je {readings[0]} bedoelt, of {decimal} als je {decimal} bedoelt")
    return (f"'{text}' is dubbelzinnig: {readings[0]} of {readings[1]}?",
            f"schrijf {readings[0]} of {readings[1]} (punt als decimaalteken, geen duizendtalteken)")


def _refuse_flemish(value, count: bool):
    if isinstance(value, str):
        refusal = yaml_refusal(value, count)
        if refusal is not None:
            raise PydanticCustomError("bericht", "{message}", {"message": refusal[0], "hint": refusal[1]})
    return value


def refuse_flemish_amount(value):
    """Schema hook (BeforeValidator) for amounts: refuse ``76.000``, ``9000,50`` and the like."""
    return _refuse_flemish(value, count=False)


def refuse_flemish_count(value):
    """Schema hook (BeforeValidator) for counts and inhabitants: refuse ``45.010`` and the like."""
    return _refuse_flemish(value, count=True)


def parse_cell(value, count: bool = False) -> tuple[float | None, tuple[str, str] | None]:
    """A CSV/XLSX cell as a number: (value or None when empty, (message, hint) when refused).

    Plain numbers (``12.5``, ``34850``) and unambiguous Flemish forms are read; see the module
    docstring for the rule.
    """
    if value is None:
        return None, None
    if isinstance(value, bool):
        return None, (f"'{value}' is geen getal", "schrijf een getal of laat de cel leeg")
    if isinstance(value, (int, float, Decimal)):
        return float(value), None
    text = str(value).strip()
    if not text:
        return None, None
    one, readings = flemish_reading(text, count)
    if one is not None:
        return float(one), None
    if readings:
        return None, (f"'{text}' is dubbelzinnig: {readings[0]} of {readings[1]}?",
                      f"schrijf {readings[0]} of {readings[1].replace('.', ',')} (met een komma als "
                      "decimaalteken, zonder duizendtalteken), of maak van de cel een getal in Excel")
    try:
        number = Decimal(text)
    except InvalidOperation:
        return None, (f"'{text}' is geen getal", "schrijf een getal (bv. 12,5 of 34850) of laat de cel leeg "
                      "als de waarde ontbreekt; een lege cel telt niet als nul")
    if not number.is_finite():
        return None, (f"'{text}' is geen getal", "schrijf een getal of laat de cel leeg")
    return float(number), None


def cell_problems(file, rows, columns: list[str], count_columns: set[str]) -> list:
    """A Problem (file, row, column) for every cell of ``columns`` that is not a number as above."""
    from igskit.errors import Problem

    problems = []
    for number, row in rows:
        for column in columns:
            _value, refusal = parse_cell(row.get(column), count=column in count_columns)
            if refusal is not None:
                problems.append(Problem(file, number, column, *refusal))
    return problems
