"""From a validation error to a Dutch :class:`~igskit.errors.Problem` with file, line and field."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from igskit.errors import Problem
from igskit.params.network import REPLACED_KEYS


def line_of(doc: Any, loc: tuple) -> int | None:
    """The 1-based line of the deepest part of ``loc`` that exists in the document."""
    node, line = doc, None
    for part in loc:
        if isinstance(node, CommentedMap) and part in node:
            line = node.lc.key(part)[0] + 1
            node = node[part]
        elif isinstance(node, CommentedSeq) and isinstance(part, int) and 0 <= part < len(node):
            line = node.lc.item(part)[0] + 1
            node = node[part]
        elif isinstance(node, (CommentedMap, CommentedSeq)):
            continue  # a union branch tag or a key that is missing: stay at the parent
        else:
            break
    if line is None and isinstance(doc, CommentedMap):
        line = 1
    return line


def field_path(loc: tuple) -> str:
    parts: list[str] = []
    for part in loc:
        if isinstance(part, int):
            parts.append(f"[{part + 1}]")  # users count from 1
        elif "[" in str(part) or str(part).startswith(("literal", "function")):
            continue  # pydantic's union branch names
        else:
            parts.append(("." if parts else "") + str(part))
    return "".join(parts) or "(bestand)"


MESSAGES = {
    "missing": ("ontbreekt", "voeg dit veld toe (zie params/voorbeeldregio.yml voor een voorbeeld)"),
    "extra_forbidden": ("is geen bekend veld (tikfout?)",
                        "controleer de spelling of verwijder het; onbekende velden worden niet genegeerd"),
    "int_parsing": ("moet een geheel getal zijn", "schrijf bv. 12500, zonder punt of spatie"),
    "int_type": ("moet een geheel getal zijn", "schrijf bv. 12500, zonder punt of spatie"),
    "int_from_float": ("moet een geheel getal zijn", "laat de cijfers na de komma weg"),
    "decimal_parsing": ("moet een getal zijn", "schrijf bv. 1250.50 (punt als decimaalteken)"),
    "decimal_type": ("moet een getal zijn", "schrijf bv. 1250.50 (punt als decimaalteken)"),
    "decimal_max_places": ("heeft te veel cijfers na de komma", "bedragen hebben hoogstens 2 decimalen"),
    "string_type": ("moet tekst zijn", "zet de waarde eventueel tussen aanhalingstekens"),
    "string_too_short": ("mag niet leeg zijn", "vul een waarde in"),
    "string_pattern_mismatch": ("heeft een ongeldige vorm", ""),
    "bool_parsing": ("moet ja of nee zijn", "schrijf true of false"),
    "bool_type": ("moet ja of nee zijn", "schrijf true of false"),
    "date_from_datetime_parsing": ("moet een datum zijn", "schrijf de datum als JJJJ-MM-DD, bv. 2026-04-01"),
    "date_parsing": ("moet een datum zijn", "schrijf de datum als JJJJ-MM-DD, bv. 2026-04-01"),
    "date_type": ("moet een datum zijn", "schrijf de datum als JJJJ-MM-DD, bv. 2026-04-01"),
    "list_type": ("moet een lijst zijn", "zet elk element op een eigen regel die begint met '- '"),
    "model_type": ("moet een groep velden zijn", "zet de velden ingesprongen onder deze sleutel"),
    "dict_type": ("moet een groep velden zijn", "zet de velden ingesprongen onder deze sleutel"),
    "too_short": ("heeft te weinig elementen", "voeg minstens één element toe"),
    "greater_than": ("is te klein", ""),
    "greater_than_equal": ("is te klein", ""),
    "less_than": ("is te groot", ""),
    "less_than_equal": ("is te groot", ""),
}


# dates that YAML read as a number or a date and time (20251209, 2025-12-09 10:00)
MESSAGES.update({
    "date_from_datetime_inexact": ("moet een datum zijn (zonder tijdstip)",
                                   "schrijf de datum als JJJJ-MM-DD, bv. 2026-04-01"),
    "date_past": ("moet een datum zijn", "schrijf de datum als JJJJ-MM-DD, bv. 2026-04-01"),
    "datetime_from_date_parsing": ("moet een datum zijn", "schrijf de datum als JJJJ-MM-DD, bv. 2026-04-01"),
    # numbers YAML reads but a plan cannot use (.inf, .nan, 40 digits)
    "finite_number": ("moet een gewoon getal zijn", "schrijf een getal zoals 12500 of 0.75, geen .inf of .nan"),
    "decimal_max_digits": ("heeft te veel cijfers", "schrijf een bedrag van hoogstens 12 cijfers voor de komma"),
    "decimal_whole_digits": ("heeft te veel cijfers voor de komma", "schrijf een kleiner bedrag"),
    "int_parsing_size": ("is een te groot getal", "schrijf een gewoon aantal"),
    "float_parsing": ("moet een getal zijn", "schrijf bv. 12.5 (punt als decimaalteken)"),
    "float_type": ("moet een getal zijn", "schrijf bv. 12.5 (punt als decimaalteken)"),
    "string_too_long": ("is te lang", "een id heeft hoogstens 60 tekens: kleine letters, cijfers en '-'"),
})


PATTERN_HINTS = {
    "email": "geef een e-mailadres zoals naam@gemeente.be",
    "nis": "de NIS-code heeft vijf cijfers, bv. '44083' (tussen aanhalingstekens)",
    "id": "gebruik kleine letters, cijfers en '-' (bv. cc-aalbeke); een id verandert nooit",
}


def problem_from_error(err: dict, doc: CommentedMap, path: Path) -> Problem:
    loc = tuple(err["loc"])
    kind = err["type"]
    where = field_path(loc)
    line = line_of(doc, loc)
    if kind == "extra_forbidden" and loc in REPLACED_KEYS:  # a key an older igskit knew: say what replaced it
        message, hint = REPLACED_KEYS[loc]
        return Problem(path, line, where, message, hint)
    if kind == "literal_error":
        expected = err.get("ctx", {}).get("expected", "")
        return Problem(path, line, where, f"'{err.get('input')}' is geen toegelaten waarde",
                       f"kies uit: {expected}".replace(" or ", ", "))
    if kind == "bericht":  # igskit's own message and hint (params/numbers.py, params/forms.py)
        return Problem(path, line, where, err["ctx"]["message"], err["ctx"]["hint"])
    if kind == "value_error":
        message = str(err.get("msg", "")).removeprefix("Value error, ")
        return Problem(path, line, where, message, "pas de waarde aan")
    message, hint = MESSAGES.get(kind, (err.get("msg", "is ongeldig"), ""))
    if kind in ("greater_than", "greater_than_equal", "less_than", "less_than_equal"):
        bound = next(iter(err.get("ctx", {}).values()), "")
        word = {"greater_than": "groter dan", "greater_than_equal": "minstens",
                "less_than": "kleiner dan", "less_than_equal": "hoogstens"}[kind]
        hint = f"de waarde moet {word} {bound} zijn"
    if kind == "string_pattern_mismatch":
        last = str(loc[-1]) if loc else ""
        hint = PATTERN_HINTS.get(last, "kijk naar het voorbeeld in params/voorbeeldregio.yml")
    if kind not in ("missing",) and "input" in err and not isinstance(err["input"], (dict, list)):
        message = f"'{err['input']}' {message}" if kind != "extra_forbidden" else message
    return Problem(path, line, where, message, hint)


def dedupe(problems: list[Problem]) -> list[Problem]:
    seen, unique = set(), []
    for p in problems:
        key = (p.line, p.field, p.message)
        if key not in seen:
            seen.add(key)
            unique.append(p)
    return unique
