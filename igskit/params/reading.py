"""Reading a params file's text: UTF-8 decoding and YAML parsing with Dutch errors, plain data."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap
from ruamel.yaml.error import MarkedYAMLError
from ruamel.yaml.reader import ReaderError

from igskit.errors import ParamsError, Problem
from igskit.params.numbers import yaml_float_text
from igskit.params.yamlmessages import dutch_parse_problem


def yaml_round_trip() -> YAML:
    """The one YAML configuration igskit reads and writes params files with."""
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 100
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def read_document(path: Path) -> CommentedMap:
    """Parse a params file into ruamel's round-trip structure (keeps lines and comments)."""
    path = Path(path)
    return parse_document(params_text(read_params_bytes(path), path), path)


def parse_document(text: str, path: Path) -> CommentedMap:
    screen_yaml(text, path)
    try:
        doc = yaml_round_trip().load(text)
    except (ValueError, OverflowError) as exc:
        raise ParamsError([value_problem(text, path, exc)]) from None
    except ReaderError as exc:  # a character YAML does not allow (params_text reports it first)
        raise ParamsError([Problem(path, text.count("\n", 0, max(exc.position, 0)) + 1, "(tekens)",
                                   f"het bestand bevat een teken dat YAML niet toelaat ({exc.character!r})",
                                   "typ de regel opnieuw")]) from None
    except MarkedYAMLError as exc:
        line, message, hint = dutch_parse_problem(exc, text)  # never ruamel's English
        raise ParamsError([Problem(path, line, "(YAML-syntaxis)", message, hint)]) from None
    if not isinstance(doc, CommentedMap):
        raise ParamsError([Problem(path, 1, "(bestand)", "het bestand bevat geen sleutels zoals 'regio:'",
                                   "begin van params/voorbeeldregio.yml als voorbeeld")])
    return doc


def decode_utf8(content: bytes, path: Path) -> str:
    try:
        return content.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = content[:exc.start].count(b"\n") + 1
        raise ParamsError([Problem(path, line, "(tekenset)", "het bestand is niet als UTF-8 bewaard "
                                   "(bv. een é of ë uit Kladblok of Excel in een andere tekenset)",
                                   "bewaar het opnieuw als UTF-8, bv. in JupyterLab of met 'Opslaan als' → "
                                   "codering UTF-8")]) from None


def to_plain(node: Any) -> Any:
    """Turn ruamel's round-trip nodes into plain Python; floats become exact Decimals."""
    if isinstance(node, dict):
        return {str(k) if not isinstance(k, int) else k: to_plain(v) for k, v in node.items()}
    if isinstance(node, list):
        return [to_plain(v) for v in node]
    if isinstance(node, bool) or node is None:
        return node
    if isinstance(node, float):
        if (text := yaml_float_text(node)) is not None:
            return text  # 76.000: the schema refuses it for an amount instead of reading 76
        return Decimal(repr(float(node)))
    if isinstance(node, int):
        return int(node)
    if isinstance(node, (dt.date, dt.datetime)):
        return node
    return str(node)


# --- limits on what a params file may hold (hostile or broken input) ---------------------------
#
# igskit refuses, rather than caps: YAML anchors (&naam), aliases (*naam) and every explicit tag
# (!!python/…, !!binary, !!str, !eigen). A params file never needs them, an alias bomb of a few KB
# expands into gigabytes, and a tag would make a value mean something other than what it says.
# They are found by libyaml's scanner, token by token, before anything is composed: a bomb is
# refused in milliseconds with bounded memory. The same scan bounds how deeply values nest.

PARAMS_MAX_BYTES = 2 * 1024 * 1024  # 2 MB: the demo region is ~100 KB
MAX_NESTING = 40  # the schema nests at most ~8 levels


def os_reason(exc: OSError) -> str:
    """Why the operating system refused a file, in Dutch."""
    import errno

    return {errno.ENAMETOOLONG: "de naam is te lang", errno.EACCES: "geen toegang", errno.EPERM: "geen toegang",
            errno.ELOOP: "een lus van symbolische koppelingen", errno.EIO: "een leesfout van de schijf",
            errno.ENOTDIR: "een deel van het pad is geen map", errno.ENOENT: "het bestaat niet",
            errno.EISDIR: "het is een map"}.get(exc.errno, "fout van het besturingssysteem")


def read_params_bytes(path: Path) -> bytes:
    """The bytes of a params file, or a Dutch :class:`ParamsError` (missing, a folder, unreadable, too big)."""
    path = Path(path)
    try:
        is_dir, is_file, exists = path.is_dir(), path.is_file(), path.exists()
    except OSError as exc:  # a name too long, a folder without access ...
        raise ParamsError([Problem(path, None, "(bestand)", f"het bestand kan niet geopend worden ({os_reason(exc)})",
                                   "controleer de naam en map, bv. params/voorbeeldregio.yml")]) from None
    if is_dir:
        raise ParamsError([Problem(path, None, "(bestand)", "dit is een map, geen params-bestand",
                                   "geef het .yml-bestand zelf op, bv. params/voorbeeldregio.yml")])
    if exists and not is_file:
        raise ParamsError([Problem(path, None, "(bestand)", "dit is geen gewoon bestand (een apparaat of pijp)",
                                   "geef het .yml-bestand op, bv. params/voorbeeldregio.yml")])
    if not is_file:
        raise ParamsError([Problem(path, None, "(bestand)", "het params-bestand bestaat niet",
                                   "controleer de naam en map, bv. params/voorbeeldregio.yml")])
    try:
        size = path.stat().st_size
        if size > PARAMS_MAX_BYTES:
            raise ParamsError([Problem(path, None, "(bestand)",
                                       f"het bestand is te groot ({size / 1_048_576:.1f} MB; "
                                       f"hoogstens {PARAMS_MAX_BYTES // 1_048_576} MB)",
                                       "een params-bestand bevat geen grote gegevens: zet lange lijsten "
                                       "in een CSV- of XLSX-bestand (bv. 'stakeholders: {bestand: ...}')")])
        with open(path, "rb") as handle:
            return handle.read(PARAMS_MAX_BYTES + 1)
    except PermissionError:
        raise ParamsError([Problem(path, None, "(bestand)", "igskit mag dit bestand niet lezen (geen leesrechten)",
                                   "geef jezelf leesrechten op het bestand of kopieer het naar een eigen map")]
                          ) from None
    except OSError as exc:
        raise ParamsError([Problem(path, None, "(bestand)", f"het bestand kan niet gelezen worden ({os_reason(exc)})",
                                   "controleer of het bestand en de schijf bereikbaar zijn")]) from None


def params_text(content: bytes, path: Path) -> str:
    """Decode and screen a params file's bytes: UTF-8, no NUL byte, no anchor/alias/tag, bounded nesting."""
    if len(content) > PARAMS_MAX_BYTES:
        raise ParamsError([Problem(path, None, "(bestand)", f"het bestand is te groot (hoogstens "
                                   f"{PARAMS_MAX_BYTES // 1_048_576} MB)",
                                   "zet lange lijsten in een CSV- of XLSX-bestand")])
    nul = content.find(b"\x00")
    if nul >= 0:
        line = content[:nul].count(b"\n") + 1
        head = content[:400]
        if content.startswith((b"\xff\xfe", b"\xfe\xff")) or (len(head) >= 4 and min(
                head[0::2].count(0), head[1::2].count(0)) <= 1 < max(head[0::2].count(0), head[1::2].count(0))):
            raise ParamsError([Problem(path, 1, "(tekenset)", "het bestand is als UTF-16 ('Unicode') bewaard, "
                                       "niet als UTF-8", "bewaar het opnieuw als UTF-8 (in Kladblok: 'Opslaan als' "
                                       "→ codering UTF-8)")])
        raise ParamsError([Problem(path, line, "(bestand)", "het bestand bevat een NUL-teken (een onzichtbaar "
                                   "byte 0): dit is geen tekstbestand of het is beschadigd",
                                   "verwijder het teken of maak het bestand opnieuw vanuit params/voorbeeldregio.yml")])
    text = decode_utf8(content, path)
    refuse_control_characters(text, path)
    screen_yaml(text, path)
    return text


_CONTROL = None


def refuse_control_characters(text: str, path: Path) -> None:
    """YAML allows no control characters but tab and line ends; say where one is (a paste from a PDF, Word)."""
    import re

    global _CONTROL
    if _CONTROL is None:
        _CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")
    match = _CONTROL.search(text)
    if match:
        line = text.count("\n", 0, match.start()) + 1
        raise ParamsError([Problem(path, line, "(tekens)", f"de regel bevat een onzichtbaar stuurteken "
                                   f"(U+{ord(match.group()):04X}), dat in een params-bestand niet mag",
                                   "typ de regel opnieuw of plak de tekst eerst in Kladblok; zo'n teken komt "
                                   "vaak mee bij kopiëren uit een pdf of Word")])


_REFUSED = {
    "AnchorToken": ("een anker ('&{value}')", "schrijf de waarde voluit; ankers en verwijzingen (& en *) zijn "
                    "niet toegelaten in een params-bestand"),
    "AliasToken": ("een verwijzing naar een anker ('*{value}')", "schrijf de waarde voluit; ankers en "
                   "verwijzingen (& en *) zijn niet toegelaten in een params-bestand"),
    "TagToken": ("een YAML-tag ('{value}')", "verwijder de tag (het woord dat met ! begint); zet een tekst die "
                 "met ! begint tussen aanhalingstekens"),
}


def screen_yaml(text: str, path: Path) -> None:
    """Refuse anchors, aliases, tags and deep nesting, from the token stream (nothing is composed)."""
    import yaml

    loader_class = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    loader = loader_class(text)
    depth = 0
    try:
        while loader.check_token():
            token = loader.get_token()
            name = type(token).__name__
            if name in _REFUSED:
                value = token.value if name != "TagToken" else "".join(v or "" for v in token.value)
                what, hint = _REFUSED[name]
                raise ParamsError([Problem(path, token.start_mark.line + 1, "(YAML)",
                                           f"het bestand bevat {what.format(value=shorten(str(value), 40))}", hint)])
            if name in ("BlockMappingStartToken", "BlockSequenceStartToken", "FlowMappingStartToken",
                        "FlowSequenceStartToken"):
                depth += 1
                if depth > MAX_NESTING:
                    raise ParamsError([Problem(path, token.start_mark.line + 1, "(YAML)",
                                               f"de waarden zijn meer dan {MAX_NESTING} niveaus diep genest",
                                               "een params-bestand heeft hoogstens een tiental niveaus: "
                                               "controleer de inspringing en de haakjes [ ] en { }")])
            elif name in ("BlockEndToken", "FlowMappingEndToken", "FlowSequenceEndToken"):
                depth -= 1
    except yaml.YAMLError:
        return  # a syntax error: the parser reports it with its line; nothing after it is built
    finally:
        loader.dispose()


def shorten(text: str, limit: int = 200) -> str:
    """At most ``limit`` characters of a value, with '…' when cut (error messages quote values)."""
    text = str(text)
    return text if len(text) <= limit else text[:limit] + "…"


def value_problem(text: str, path: Path, exc: Exception) -> Problem:
    """A Dutch problem for a value YAML could not construct (31 February, a 5,000-digit number)."""
    import re

    for number, line in enumerate(text.splitlines(), start=1):
        content = line.split(" #", 1)[0]
        for match in re.finditer(r"(?<![\w.-])(\d{4})-(\d{1,2})-(\d{1,2})(?![\w.:-])", content):
            try:
                dt.date(*(int(g) for g in match.groups()))
            except ValueError:
                return Problem(path, number, "(datum)", f"'{match.group(0)}' is geen bestaande datum",
                               "schrijf een echte datum als JJJJ-MM-DD, bv. 2026-02-28")
        if re.search(r"(?<![\w.])[-+]?\d{1000,}", content):
            return Problem(path, number, "(getal)", "een getal met meer dan 1000 cijfers",
                           "schrijf een gewoon bedrag of aantal")
    return Problem(path, None, "(YAML)", f"een waarde kan niet gelezen worden ({shorten(exc, 120)})",
                   "controleer datums (JJJJ-MM-DD) en getallen in het bestand")
