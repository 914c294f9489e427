"""The hostile-text corpus: payloads and a copy of the demo region with one in every free-text field.

Every string field of the schema is found by walking the pydantic models (not by a hand-made
list), so a field added later is covered automatically or makes the test fail until it is.
Fields that must match other values (ids, references to gemeenten or columns, file paths,
vocabulary) are listed in ``NOT_FREE_TEXT`` with the reason; gemeente names are free text too and
are renamed consistently, in the params file and in the indicator CSV.
"""

from __future__ import annotations

import types
import typing
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel

from igskit.params import schema
from igskit.params.reading import read_document, yaml_round_trip

PAYLOADS = (
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<iframe src=https://example.org></iframe>",
    "[klik](javascript:alert(1))",
    "[x]{onmouseover=alert(1)}",
    "`<b>x</b>`{=html}",
    '`#read("invoer/voorbeeldregio.yml")`{=typst}',
    "![](/etc/hostname)",
    "*x* _y_ `z` <vzw>",
    "regel\n# Kop",
    "@naam",
    "$x$",
    "<label>",
    "a\\b \\\\ c\\",
    "{{< env HOME >}}",
    '=HYPERLINK("http://x","y")',
    "=cmd|' /C calc'!A0",
    "&lt;b&gt; -- ... \"q\" 's' ~s~ ^t^ :::",
    "Sint-Jan]#text(red)[Rood-Kapelle",  # hyphenated names go into a typst #heel[...] box: no way out of it
)

# Prose may use the Markdown subset; everything else in it is still text.
PROSE_PAYLOAD = ("Proza met *nadruk*, **vet** en [een site](https://example.org/pad) maar [klik](javascript:alert(2)) "
                 "en <script>alert(3)</script>\n# Geen kop\n\n- punt een {{< env HOME >}}\n- punt twee @naam $y$ "
                 "![](/etc/hostname)")
PROSE_VISIBLE = ("[klik](javascript:alert(2))", "<script>alert(3)</script>", "# Geen kop", "{{< env HOME >}}",
                 "@naam $y$", "![](/etc/hostname)")

# gemeente names are free text; two are renamed everywhere they are used (params and CSV)
MUNICIPALITY_NAMES = ("=cmd|' /C calc'!B1", "$\\nope{x}$ <label> @dorp")  # mathtext would crash on \\nope

NOT_FREE_TEXT = {
    ("Stakeholder", "municipality"): "verwijst naar een gemeente",
    ("Stakeholder", "subsector"): "woordenlijst",
    ("FiveBScore", "municipality"): "verwijst naar een gemeente",
    ("Contribution", "municipality"): "verwijst naar een gemeente",
    ("Action", "spread"): "verwijst naar gemeenten",
    ("OperationalObjective", "spread"): "verwijst naar gemeenten",
    ("MunicipalCommitment", "municipality"): "verwijst naar een gemeente",
    ("ExistingCooperation", "spread"): "verwijst naar gemeenten",
    ("IndicatorColumn", "column"): "kolomnaam in de CSV",
    ("Indicators", "municipality_column"): "kolomnaam in de CSV",
    ("Indicators", "population_column"): "kolomnaam in de CSV",
    ("Indicators", "path"): "bestandspad",
    ("StakeholderFile", "path"): "bestandspad",
    ("StakeholderFile", "sheet"): "werkbladnaam",
    ("SwotSource", "ref"): "verwijst naar een stakeholder, indicator of document",
    ("Nota", "reference_doc"): "bestandspad",
    ("Nota", "logo"): "bestandspad (PNG/JPEG in de map van het params-bestand)",
    ("CouncilDecision", "municipality"): "verwijst naar een gemeente",
    ("Agreement", "municipalities"): "verwijst naar gemeenten",
    ("Survey", "municipalities"): "verwijst naar gemeenten",
    ("NetworkPartner", "covers"): "verwijst naar gemeenten",
    ("LocalNetwork", "municipality"): "verwijst naar een gemeente",
    ("Municipality", "name"): "vrije tekst, maar consequent hernoemd (MUNICIPALITY_NAMES)",
}


# fields igskit keeps in the params file but shows in no document: they get the first payload,
# the others take the payloads in turn, so that every payload reaches the nota at least twice
NOT_SHOWN = {("Region", "reference_region"), ("Action", "indicators")}
NOT_SHOWN_PATHS = {("regio", "regiocoordinator")}  # the coördinator's contact card


@dataclass(frozen=True)
class Field:
    model: str
    attribute: str
    path: tuple[str, ...]  # YAML keys; "[]" is "the first item of this list that has the rest"
    prose: bool

    @property
    def shown(self) -> bool:
        return (self.model, self.attribute) not in NOT_SHOWN and self.path[:2] not in NOT_SHOWN_PATHS


def _has_pattern(metadata) -> bool:
    return any(getattr(m, "pattern", None) for m in metadata)


def _unwrap(annotation):
    """(base type, constraints) of an annotation: Annotated and Optional are looked through."""
    metadata = []
    while typing.get_origin(annotation) is typing.Annotated:
        annotation, *extra = typing.get_args(annotation)
        for item in extra:
            metadata += getattr(item, "metadata", []) or [item]
    return annotation, metadata


def string_fields(model: type[BaseModel] = schema.Plan, path: tuple[str, ...] = ()) -> list[Field]:
    """Every free-text string field reachable from ``model``, with its YAML path."""
    found = []
    for name, info in model.model_fields.items():
        key = (model.__name__, name)
        found += _walk(info.annotation, list(info.metadata), model, name, (*path, info.alias or name), key)
    return found


def _walk(annotation, metadata, model, name, path, key) -> list[Field]:
    annotation, extra = _unwrap(annotation)
    metadata = metadata + extra
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        out = []
        for arg in typing.get_args(annotation):
            out += _walk(arg, metadata, model, name, path, key)
        return out
    if origin is list:
        return _walk(typing.get_args(annotation)[0], [], model, name, (*path, "[]"), key)
    if origin is typing.Literal or origin is dict:
        return []
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return string_fields(annotation, path)
    if annotation is str and not _has_pattern(metadata) and key not in NOT_FREE_TEXT:
        return [Field(model.__name__, name, path, schema.is_prose(model, name))]
    return []


def _locate(data, path):
    """The mapping and key (or list and index) where ``path`` ends in ``data``, or None."""
    head, *rest = path
    if head == "[]":
        if not isinstance(data, list) or not data:
            return None
        if not rest:
            return data, 0
        for item in data:
            spot = _locate(item, rest)
            if spot is not None:
                return spot
        return None
    if not isinstance(data, dict):
        return None
    if not rest:
        return data, head
    if head not in data:
        return None
    return _locate(data[head], rest)


def _rename(data, old: str, new: str):
    if isinstance(data, dict):
        for k, v in data.items():
            if v == old:
                data[k] = new
            else:
                _rename(v, old, new)
    elif isinstance(data, list):
        for i, v in enumerate(data):
            if v == old:
                data[i] = new
            else:
                _rename(v, old, new)


@dataclass(frozen=True)
class Injected:
    field: Field
    value: str


def make_hostile_region(params: Path, outside_image: Path) -> list[Injected]:
    """Put a payload into every free-text field of the params file at ``params`` (in place).

    ``outside_image`` is a PNG outside the project: one payload is an image link to it.
    """
    payloads = (*PAYLOADS, f"![geheim]({outside_image})")
    doc = read_document(params)
    doc["nota"]["afsprakennota"] = True
    injected, n = [], 0
    for field in string_fields():
        spot = _locate(doc, field.path)
        if spot is None:
            continue
        container, key = spot
        if field.prose:
            value = f"{PROSE_PAYLOAD} P{len(injected):02d}"
        elif not field.shown:
            value = f"{payloads[0]} T{len(injected):02d}"
        else:
            value = f"{payloads[n % len(payloads)]} T{len(injected):02d}"
            n += 1
        container[key] = value
        injected.append(Injected(field, value))
    csv = params.parent / params.stem / "indicatoren.csv"
    table = csv.read_text(encoding="utf-8")
    for municipality, new in zip(doc["regio"]["gemeenten"][1:], MUNICIPALITY_NAMES):
        old = municipality["naam"]
        _rename(doc, old, new)
        table = table.replace(f"\n{old},", f"\n{new},")
    csv.write_text(table, encoding="utf-8")
    with params.open("w", encoding="utf-8") as fh:
        yaml_round_trip().dump(doc, fh)
    return injected


def png() -> bytes:
    """A valid 1×1 PNG."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00"))
            + chunk(b"IEND", b""))
