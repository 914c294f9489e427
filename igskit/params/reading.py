"""Reading a params file's text: UTF-8 decoding and YAML parsing with Dutch errors, plain data."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap
from ruamel.yaml.error import MarkedYAMLError

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
    if not path.is_file():
        raise ParamsError([Problem(path, None, "(bestand)", "het params-bestand bestaat niet",
                                   "controleer de naam en map, bv. params/voorbeeldregio.yml")])
    return parse_document(decode_utf8(path.read_bytes(), path), path)


def parse_document(text: str, path: Path) -> CommentedMap:
    try:
        doc = yaml_round_trip().load(text)
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
