"""A fast first read of a params file: libyaml instead of ruamel's round-trip parser.

ruamel keeps comments and line numbers, which the editors and the error messages need, but
it is slow: about 2 s for a region with 2,000 stakeholders. A valid file needs neither, so
``load_plan`` first reads it here and validates that. This reader returns exactly what
``params.to_plain`` makes of ruamel's YAML 1.2 document, or ``None`` whenever it cannot be
sure of that — then ruamel reads the file as before. Unsure means: a YAML directive, a merge
key, a duplicate key, a tag of its own, or a plain scalar that YAML 1.2 reads as a number or
timestamp in a form other than the plain ones below (``1_000``, ``0x1F``, ``1e3``, ``.5``,
``2025-01-01 10:00``, …). Syntax errors also go to ruamel, for its line numbers.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_UNSURE = "tag:igskit,2025:ruamel-beslist"


class _Unsure(Exception):
    """The file holds something only ruamel can be trusted to read as ruamel does."""


class _Loader(_BaseLoader):
    yaml_implicit_resolvers: dict = {}  # only the resolvers below, in this order

    def flatten_mapping(self, node):
        if any(key.tag == "tag:yaml.org,2002:merge" for key, _value in node.value):
            raise _Unsure("merge key")
        super().flatten_mapping(node)

    def construct_mapping(self, node, deep=False):
        seen = set()
        for key_node, _value in node.value:
            key = self.construct_object(key_node, deep=True)
            try:
                if key in seen:
                    raise _Unsure("duplicate key")
            except TypeError:
                raise _Unsure("unhashable key") from None
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


def _unsure(_loader, node):
    raise _Unsure(node.value)


# YAML 1.2 as ruamel resolves it, restricted to the plain forms (first match wins per character)
_EXACT = [
    ("tag:yaml.org,2002:bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    ("tag:yaml.org,2002:int", r"^[-+]?(?:0|[1-9][0-9]*)$", "-+0123456789"),
    ("tag:yaml.org,2002:float", r"^[-+]?(?:0|[1-9][0-9]*)\.[0-9]+$", "-+0123456789"),
    ("tag:yaml.org,2002:null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
    ("tag:yaml.org,2002:timestamp", r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$", "0123456789"),
]
# everything else ruamel's YAML 1.2 resolver would turn into a number, timestamp, merge or value
_RUAMEL_OTHER = r"""^(?:
    [-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+]?[0-9]+)?
   |[-+]?(?:[0-9][0-9_]*)(?:[eE][-+]?[0-9]+)
   |[-+]?\.[0-9_]+(?:[eE][-+][0-9]+)?
   |[-+]?\.(?:inf|Inf|INF)
   |\.(?:nan|NaN|NAN)
   |[-+]?0b[0-1_]+
   |[-+]?0o?[0-7_]+
   |[-+]?[0-9_]+
   |[-+]?0x[0-9a-fA-F_]+
   |[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?(?:(?:[Tt]|[ \t]+)[0-9][0-9]?:[0-9][0-9]:[0-9][0-9]
        (?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)?
   |<<
   |=
)$"""

# 76.000 (YAML: 76.0) keeps its text only in ruamel's reading, for params/numbers.py to refuse it
_Loader.add_implicit_resolver(_UNSURE, re.compile(r"^[1-9][0-9]{0,2}\.[0-9]{3}$"), list("123456789"))
for _tag, _pattern, _first in _EXACT:
    _Loader.add_implicit_resolver(_tag, re.compile(_pattern), list(_first))
_Loader.add_implicit_resolver(_UNSURE, re.compile(_RUAMEL_OTHER, re.X), list("-+0123456789.<="))
_Loader.add_constructor(_UNSURE, _unsure)


def load(text: str) -> Any | None:
    """The document as plain data, or ``None`` when ruamel must read it."""
    if text.lstrip("\ufeff").startswith("%"):
        return None  # a %YAML or %TAG directive
    try:
        return yaml.load(text, Loader=_Loader)  # noqa: S506 - a safe loader with our resolvers
    except (_Unsure, yaml.YAMLError, ValueError):
        return None
