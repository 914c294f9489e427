"""ruamel's YAML parser errors in Dutch: what is wrong, on which line, and what to do.

Never English: a problem this module does not know gets a general Dutch sentence.
"""

from __future__ import annotations

import re

# (pattern on ruamel's problem text, use the context mark's line, message, hint); first match wins
_KNOWN = [
    (r"found character '\\t' that cannot start any token", False,
     "er staat een tab in de inspringing",
     "gebruik spaties, geen tabs (2 spaties per niveau); zet je editor op 'spaties invoegen'"),
    (r"mapping values are not allowed here", False,
     "een tweede dubbelpunt op deze regel (bv. 'naam: Cultuur: samen')",
     "zet een waarde met een dubbelpunt tussen aanhalingstekens: naam: \"Cultuur: samen\""),
    (r"could not find expected ':'", True,
     "hier ontbreekt het dubbelpunt na de sleutel",
     "schrijf 'sleutel: waarde', met een spatie na het dubbelpunt"),
    (r"while scanning a quoted scalar|found unexpected end of stream", True,
     "een aanhalingsteken wordt geopend maar niet gesloten",
     "sluit de tekst met hetzelfde aanhalingsteken (\" of ') op het einde, of laat de aanhalingstekens weg"),
    (r"expected <block end>, but found '<block mapping start>'", False,
     "de inspringing klopt niet: deze sleutel staat minder of meer ingesprongen dan die erboven",
     "lijn sleutels van hetzelfde niveau precies onder elkaar uit (met spaties)"),
    (r"expected <block end>, but found '\?'|expected <block end>, but found '-'", False,
     "een lijstelement ('- ') en een sleutel staan door elkaar op hetzelfde niveau",
     "zet de sleutel onder het lijstelement ingesprongen, of begin de regel met '- '"),
    (r"expected <block end>", False,
     "de inspringing klopt niet",
     "lijn sleutels van hetzelfde niveau precies onder elkaar uit (met spaties)"),
    (r"expected ',' or '\]'", True,
     "een lijst tussen [ ] is niet gesloten of mist een komma",
     "sluit de lijst met ']' op dezelfde regel, bv. [2027, 2028], en scheid de elementen met komma's"),
    (r"expected ',' or '\}'", True,
     "een groep tussen {{ }} is niet gesloten of mist een komma",
     "sluit met '}}' op dezelfde regel, bv. {{bestand: lijst.xlsx}}"),
    (r"found duplicate key \"(?P<key>[^\"]*)\"", False,
     "de sleutel '{key}' staat twee keer op hetzelfde niveau",
     "houd er één; voeg de waarden samen of verwijder de tweede"),
    (r"found undefined alias '(?P<key>[^']*)'", False,
     "'*{key}' verwijst naar een anker '&{key}' dat niet bestaat",
     "verwijder de '*' of zet de tekst tussen aanhalingstekens"),
    (r"found character '(?P<key>[@`%])' that cannot start any token", False,
     "een waarde mag niet met '{key}' beginnen",
     "zet de waarde tussen aanhalingstekens, bv. \"{key}...\""),
    (r"found character '(?P<key>.)' that cannot start any token", False,
     "het teken '{key}' mag hier niet staan",
     "zet de waarde tussen aanhalingstekens"),
]
GENERAL = ("er klopt iets niet op deze regel",
           "controleer de inspringing (spaties, geen tabs), de dubbelpunten en de aanhalingstekens op die regel "
           "en de regel erboven")


def dutch_parse_problem(exc, source: str = "") -> tuple[int | None, str, str]:
    """(line, message, hint) in Dutch for a ruamel ``MarkedYAMLError``; ``source`` is the file's text."""
    line, message, hint = _translate(exc, source)
    return line, f"het bestand is geen geldige YAML: {message}", hint


def _unclosed_bracket(source: str, before: int) -> int | None:
    """The 1-based line of a '[' or '{' opened and not closed on one of the lines before ``before``."""
    lines = source.splitlines()
    for number in range(min(before, len(lines)) - 1, max(before - 15, 0) - 1, -1):
        text = re.sub(r"'[^']*'|\"[^\"]*\"|#.*$", "", lines[number])
        if text.count("[") > text.count("]") or text.count("{") > text.count("}"):
            return number + 1
    return None


def _unclosed_quote(source: str, before: int) -> int | None:
    """The 1-based line before ``before`` whose quoted value is not closed and swallowed the next key."""
    lines = source.splitlines()
    for number in range(min(before, len(lines)) - 1, 0, -1):
        match = re.match(r"^\s*(?:-\s+)?[\w-]+:\s+(['\"])(.*)$", lines[number - 1])
        if not match:
            continue
        quote, rest = match.groups()
        closed = rest.replace(quote * 2, "").count(quote) if quote == "'" else len(re.findall(r'(?<!\\)"', rest))
        following = lines[number] if number < len(lines) else ""
        if closed == 0 and re.match(r"^\s*(?:-\s+)?[\w-]+:(\s|$)", following):
            return number
        return None
    return None


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _translate(exc, source: str) -> tuple[int | None, str, str]:
    text = f"{exc.problem or ''} {exc.context or ''}"
    problem_mark, context_mark = exc.problem_mark, exc.context_mark
    if source and problem_mark is not None:
        quoted = _unclosed_quote(source, problem_mark.line + 1)
        if quoted is not None:
            return (quoted, "een aanhalingsteken wordt geopend maar niet gesloten",
                    "sluit de tekst met hetzelfde aanhalingsteken (\" of ') op het einde, of laat de "
                    "aanhalingstekens weg")
        lines = source.splitlines()
        here = problem_mark.line
        if "mapping values are not allowed" in text and 0 < here < len(lines):
            above = next((lines[i] for i in range(here - 1, -1, -1) if lines[i].strip()), "")
            if _indent(lines[here]) > _indent(above) and re.search(r":\s+\S", above):
                return (here, "de inspringing klopt niet: deze regel staat dieper ingesprongen dan de regel "
                        "erboven, die al een waarde heeft (of die regel staat te weinig ingesprongen)",
                        "lijn sleutels van hetzelfde niveau precies onder elkaar uit (met spaties)")
    if source and problem_mark is not None and "cannot start any token" in text and "\\t" not in text:
        opened = _unclosed_bracket(source, problem_mark.line + 1)
        if opened is not None:
            return (opened, "een lijst tussen [ ] of een groep tussen { } is niet gesloten",
                    "sluit ze op dezelfde regel met ']' of '}', bv. [2027, 2028]")
    for pattern, use_context, message, hint in _KNOWN:
        match = re.search(pattern, text)
        if match:
            mark = (context_mark if use_context else problem_mark) or problem_mark or context_mark
            key = match.groupdict().get("key", "")
            return (mark.line + 1 if mark is not None else None, message.format(key=key), hint.format(key=key))
    mark = problem_mark or context_mark
    return (mark.line + 1 if mark is not None else None, *GENERAL)
