"""Numbers as a Fleming types them in a field: "9.000", "9.000,50", "€ 9.000", "0,8".

A field of the planner is text; this module reads it as an exact number or refuses it with a
Dutch message that says what to type. Nothing is ever silently changed: a value is read only
when its meaning is clear, otherwise the field shows why it was refused.

Rules (a dot or a comma followed by exactly three digits is a thousands separator; otherwise
it is the decimal separator):

* ``9000``, ``9.000``, ``9 000``, ``€ 9.000``, ``1.250.000`` → 9000 / 1250000
* ``9000,50``, ``9.000,50``, ``9000.50`` and ``9,000.50`` → 9000.50 (the last separator,
  followed by one or two digits, is the decimal one)
* ``0,8`` and ``0.8`` → 0.8
* ``9,000`` is refused: a comma before three digits is a decimal comma in Flanders and a
  thousands separator elsewhere, so the message asks for ``9000`` or ``9,00``.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from igskit.errors import IgskitError

_SPACES = re.compile(r"[\s\u00a0\u202f']")
_GROUPED = re.compile(r"^\d{1,3}([.,])\d{3}(\1\d{3})*$")  # 9.000 / 1.250.000 / 9,000


class AmountError(IgskitError, ValueError):
    """What the user typed is not a number igskit can read without guessing."""

    exit_code = 2


def parse_number(text: str, *, decimals: int = 2, allow_negative: bool = False) -> Decimal:
    """Read ``text`` as a number with at most ``decimals`` decimals; raise :class:`AmountError`."""
    original = str(text)
    value = _SPACES.sub("", original.replace("€", "").replace("EUR", ""))
    if not value:
        raise AmountError("Vul een getal in, bv. 9.000 of 9000,50.")
    sign = ""
    if value[0] in "+-":
        sign, value = ("-" if value[0] == "-" else ""), value[1:]
    if not re.fullmatch(r"[\d.,]+", value) or not re.search(r"\d", value):
        raise AmountError(f"'{_short(original)}' is geen getal. Typ alleen cijfers, bv. 9.000 of 9000,50.")
    if _GROUPED.match(value):
        if value[-4] == "," and value.count(",") == 1:
            whole = value.replace(",", "")
            small = format(Decimal(value.replace(",", ".")).normalize(), "f").replace(".", ",")
            raise AmountError(f"'{_short(original)}' is dubbelzinnig: bedoel je {whole} (typ dan {whole} of "
                              f"{value.replace(',', '.')}) of {small} (typ dan {small})?")
        number = value.replace(value[-4], "")
    else:
        last = max(value.rfind("."), value.rfind(","))
        whole, fraction = (value[:last], value[last + 1:]) if last >= 0 else (value, "")
        if last >= 0 and not fraction:
            raise AmountError(f"'{_short(original)}' eindigt op een scheidingsteken. Typ bv. 9000 of 9000,50.")
        separator = value[last] if last >= 0 else ""
        thousands = "." if separator == "," else ","
        if whole and not _valid_whole(whole, thousands):
            raise AmountError(f"'{_short(original)}' is geen getal dat igskit zonder gokken kan lezen. "
                              "Typ bv. 9.000 of 9000,50.")
        number = whole.replace(thousands, "") + (f".{fraction}" if fraction else "")
    try:
        result = Decimal(sign + number)
    except InvalidOperation:
        raise AmountError(f"'{_short(original)}' is geen getal. Typ bv. 9.000 of 9000,50.") from None
    if result < 0 and not allow_negative:
        raise AmountError(f"'{_short(original)}' is negatief; een bedrag of aantal is 0 of meer.")
    exponent = -result.as_tuple().exponent if isinstance(result.as_tuple().exponent, int) else 0
    if exponent > decimals:
        allowed = "geen decimalen" if decimals == 0 else f"hoogstens {decimals} cijfers na de komma"
        raise AmountError(f"'{_short(original)}' heeft te veel cijfers na de komma ({allowed}).")
    return result


def parse_amount(text: str) -> Decimal:
    """An amount in euro, exact to the cent."""
    return parse_number(text, decimals=2)


def parse_count(text: str) -> int:
    """A whole number (inhabitants, a count)."""
    return int(parse_number(text, decimals=0))


def format_amount(value) -> str:
    """An amount the Flemish way, as the field shows it: 9.000 or 9.000,50."""
    if value is None or value == "":
        return ""
    number = Decimal(str(value))
    whole, _, fraction = f"{abs(number):.2f}".partition(".")
    grouped = f"{int(whole):,}".replace(",", ".")
    text = grouped if fraction == "00" else f"{grouped},{fraction}"
    return f"-{text}" if number < 0 else text


def _valid_whole(whole: str, thousands: str) -> bool:
    if whole.isdigit():
        return True
    return bool(re.fullmatch(rf"\d{{1,3}}(\{thousands}\d{{3}})+", whole))


def _short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[:limit] + "…"
