"""Edit a params file the way the editors do, without widgets: in place, validated, never blind.

:class:`ParamsDocument` holds the file as ruamel's round-trip structure and changes only the
nodes an edit touches, so comments, key order and formatting of everything else survive.
:meth:`ParamsDocument.save` refuses to overwrite a file that changed on disk since it was
read (:class:`~igskit.errors.SaveConflictError`), validates exactly like the CLI
(:class:`~igskit.errors.ParamsError`, nothing written), keeps a backup ``<name>.yml.bak`` of
the previous file and replaces the file atomically.

Field names in the editing methods are the Dutch keys of the file (``naam``, ``categorie``,
``per_jaar`` ...): an edit says what it writes.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import os
import re
import shutil
import tempfile
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from pydantic import BaseModel
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from igskit.editing.roundtrip import map_append, map_pop_item, map_remove, map_set, seq_move, text_value, to_node
from igskit.errors import IgskitError, SaveConflictError, disk_error
from igskit.params import schema
from igskit.params import vocabulary as voc
from igskit.params.load import LoadedPlan, validate_document
from igskit.params.reading import decode_utf8, parse_document, read_document, to_plain, yaml_round_trip

SWOT_PREFIX = {"sterktes": "st", "zwaktes": "zw", "kansen": "ka", "bedreigingen": "be"}
AMOUNT_SECTIONS = ("andere_inkomsten", "werking")
KIND_LABEL = {"sd": "strategische doelstelling", "od": "operationele doelstelling", "actie": "actie"}
_KIND_MODEL = {"sd": schema.StrategicObjective, "od": schema.OperationalObjective, "actie": schema.Action}
_KIND_PREFIX = {"sd": "sd", "od": "od", "actie": "a"}
_CHILDREN = {"sd": "ods", "od": "acties"}


@dataclass(frozen=True)
class SaveResult:
    """What :meth:`ParamsDocument.save` did."""

    path: Path
    backup: Path | None  # None when nothing had changed and nothing was written
    saved_at: dt.datetime

    @property
    def written(self) -> bool:
        return self.backup is not None


@dataclass(frozen=True)
class Located:
    """An objective node (SD, OD or action) and where it sits in the tree."""

    kind: str  # "sd", "od" or "actie"
    node: CommentedMap
    parent: CommentedMap  # the map holding the list this node is in (the document, an SD or an OD)
    key: str  # that list's key: doelstellingen, ods or acties
    index: int
    parent_id: str | None

    @property
    def siblings(self) -> CommentedSeq:
        return self.parent[self.key]


def slugify(text: str, prefix: str = "", max_length: int = 40) -> str:
    """A readable id from a title: lowercase ascii words joined by '-' (``prefix-`` in front)."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = re.sub(r"[^a-z0-9]+", " ", ascii_text.lower()).split()
    slug = ""
    for word in words:
        candidate = f"{slug}-{word}" if slug else word
        if len(candidate) > max_length:
            break
        slug = candidate
    slug = slug or (words[0][:max_length] if words else "nieuw")
    return f"{prefix}-{slug}" if prefix else slug


def _digest(data: bytes | None) -> str | None:
    return None if data is None else hashlib.sha256(data).hexdigest()


def _field_order(model: type[BaseModel]) -> list[str]:
    return [f.alias or name for name, f in model.model_fields.items()]


def _field(model: type[BaseModel], key: str):
    for name, f in model.model_fields.items():
        if (f.alias or name) == key:
            return f
    raise KeyError(f"{model.__name__} has no field {key!r}")


def _number(value: Any) -> Any:
    """A number as the file should show it: 7500 rather than 7500.0, 0.85 rather than Decimal('0.85')."""
    if isinstance(value, bool) or not isinstance(value, (int, float, Decimal)):
        return value
    exact = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    return int(exact) if exact == exact.to_integral_value() else float(exact)


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == {}


class ParamsDocument:
    """One params file, open for editing."""

    def __init__(self, path: str | Path):
        self.path = Path(path).resolve()
        self.reload()

    # --- file ---------------------------------------------------------------------------------

    def reload(self) -> None:
        """Read the file again; unsaved edits are dropped."""
        if not self.path.is_file():
            read_document(self.path)  # raises the Dutch "bestaat niet" ParamsError
        data = self.path.read_bytes()
        self.text = decode_utf8(data, self.path)  # a Dutch ParamsError for another encoding, as the CLI
        self.doc: CommentedMap = parse_document(self.text, self.path)
        self.digest = _digest(data)
        self.dirty = False

    def _disk_digest(self) -> str | None:
        try:
            return _digest(self.path.read_bytes())
        except FileNotFoundError:
            return None

    def changed_on_disk(self) -> bool:
        """True when someone else changed (or removed) the file since it was read."""
        return self._disk_digest() != self.digest

    def dumps(self) -> str:
        """The document as it would be written."""
        buffer = io.StringIO()
        yaml_round_trip().dump(self.doc, buffer)
        return buffer.getvalue()

    def validate(self) -> LoadedPlan:
        """Validate the edited document exactly as the CLI would; raises ParamsError."""
        text = self.dumps()
        return validate_document(parse_document(text, self.path), self.path)

    @property
    def backup_path(self) -> Path:
        return self.path.with_name(self.path.name + ".bak")

    def save(self) -> SaveResult:
        """Validate and write the file atomically, with a backup of the previous version.

        Raises SaveConflictError when the file changed on disk since it was read, and
        ParamsError when the edited plan is invalid; in both cases nothing is written.
        """
        if self.changed_on_disk():
            raise SaveConflictError(self.path)
        text = self.dumps()
        validate_document(parse_document(text, self.path), self.path)
        now = dt.datetime.now()
        if text == self.text:
            self.dirty = False
            return SaveResult(self.path, None, now)
        data = text.encode("utf-8")
        try:
            self._write(data)
        except OSError as exc:  # a full, read-only or locked disk: a message the editors can show
            error = disk_error(exc, folder=self.path.parent, consequence="Er is niets opgeslagen; de wijzigingen "
                               "staan nog in de editor.")
            if error is None:
                raise
            raise error from None
        self.text, self.digest, self.dirty = text, _digest(data), False
        return SaveResult(self.path, self.backup_path, now)

    def _write(self, data: bytes) -> None:
        handle, temp_name = tempfile.mkstemp(dir=self.path.parent, prefix=f".{self.path.name}.", suffix=".tmp")
        temp = Path(temp_name)
        try:
            with os.fdopen(handle, "wb") as stream:
                stream.write(data)
                stream.flush()
                os.fsync(stream.fileno())
            shutil.copymode(self.path, temp)
            if self.changed_on_disk():  # changed while we validated: still nobody's edit is lost
                raise SaveConflictError(self.path)
            shutil.copy2(self.path, self.backup_path)
            os.replace(temp, self.path)
        finally:
            temp.unlink(missing_ok=True)

    # --- generic helpers ------------------------------------------------------------------------

    def _set_fields(self, node: CommentedMap, model: type[BaseModel], fields: dict[str, Any]) -> None:
        order = _field_order(model)
        for key, value in fields.items():
            info = _field(model, key)
            old = node.get(key)
            if _empty(value) and not info.is_required():
                if key in node:
                    map_remove(node, key)
                    self.dirty = True
                continue
            if key not in node and not info.is_required():
                default = info.get_default(call_default_factory=True)
                if value == default:
                    continue
            if isinstance(value, str):
                new = text_value(value, old)
            elif isinstance(value, (list, tuple)):
                if isinstance(old, CommentedSeq) and to_plain(old) == to_plain(list(value)):
                    continue
                new = to_node(list(value))
                if isinstance(old, CommentedSeq) and not old.fa.flow_style():
                    new.fa.set_block_style()
            elif isinstance(value, dict):
                self._set_mapping(node, key, value, order)
                continue
            else:
                new = _number(value)
            if key in node and to_plain(old) == to_plain(new) and isinstance(old, bool) == isinstance(new, bool):
                continue
            map_set(node, key, new, order)
            self.dirty = True

    def _set_mapping(self, node: CommentedMap, key: str, value: dict, order: list[str]) -> None:
        """Update a mapping (such as per_jaar) key by key, so comments on kept keys stay."""
        target = node.get(key)
        if not isinstance(target, CommentedMap):
            map_set(node, key, to_node({k: _number(v) for k, v in sorted(value.items())}), order)
            self.dirty = True
            return
        keys = sorted(value)
        for k in [k for k in target if k not in value]:
            map_remove(target, k)
            self.dirty = True
        for k in keys:
            new = _number(value[k])
            if k in target and to_plain(target[k]) == to_plain(new):
                continue
            map_set(target, k, new, keys)
            self.dirty = True

    def _section(self, key: str) -> CommentedMap:
        """The top-level mapping ``key`` (swot, begroting), created (in schema order) when missing."""
        if not isinstance(self.doc.get(key), CommentedMap):
            map_set(self.doc, key, CommentedMap(), _field_order(schema.Plan))
        return self.doc[key]

    def _ids(self) -> set[str]:
        found: set[str] = set()

        def walk(node: Any) -> None:
            if isinstance(node, dict):
                if isinstance(node.get("id"), str):
                    found.add(str(node["id"]))
                for value in node.values():
                    walk(value)
            elif isinstance(node, list):
                for value in node:
                    walk(value)

        walk(self.doc)
        return found

    def new_id(self, title: str, prefix: str = "") -> str:
        """A slug from ``title`` that no other id in the file uses."""
        base = slugify(title, prefix)
        taken = self._ids()
        candidate, n = base, 2
        while candidate in taken:
            candidate = f"{base}-{n}"
            n += 1
        return candidate

    def usages(self, ident: str) -> list[str]:
        """Where ``ident`` is referred to (partners, zie_ook, bronnen, budget lines ...), as field paths."""
        found: list[str] = []

        def walk(node: Any, where: str) -> None:
            if isinstance(node, dict):
                for key, value in node.items():
                    if key == "id":
                        continue
                    walk(value, f"{where}.{key}" if where else str(key))
            elif isinstance(node, list):
                for i, value in enumerate(node):
                    walk(value, f"{where}[{i + 1}]")
            elif isinstance(node, str) and str(node) == ident:
                found.append(where)

        walk(self.doc, "")
        return found

    # --- region -------------------------------------------------------------------------------------

    def municipalities(self) -> list[str]:
        region = self.doc.get("regio") or {}
        return [str(m["naam"]) for m in region.get("gemeenten") or [] if isinstance(m, dict) and "naam" in m]

    def years(self) -> list[int]:
        period = (self.doc.get("regio") or {}).get("subsidieperiode") or {}
        start, end = int(period.get("van", 2027)), int(period.get("tot", 2032))
        return list(range(start, end + 1))

    def priorities(self) -> list[dict]:
        return [to_plain(p) for p in self.doc.get("prioriteiten") or []]

    # --- stakeholders -------------------------------------------------------------------------------

    def stakeholder_file(self) -> Path | None:
        """The CSV/XLSX file the stakeholders are kept in, or None when they are in this file."""
        value = self.doc.get("stakeholders")
        if isinstance(value, dict) and "bestand" in value:
            return (self.path.parent / str(value["bestand"])).resolve()
        return None

    def _stakeholder_seq(self) -> CommentedSeq:
        file = self.stakeholder_file()
        if file is not None:
            raise IgskitError(f"De stakeholders staan in een apart bestand ({file}); pas ze daar aan.")
        seq = self.doc.get("stakeholders")
        return seq if isinstance(seq, CommentedSeq) else CommentedSeq()

    def stakeholders(self) -> list[dict]:
        if self.stakeholder_file() is not None:
            return []
        return [to_plain(s) for s in self.doc.get("stakeholders") or []]

    def stakeholder_names(self) -> dict[str, str]:
        """id -> name of every stakeholder, also when they are kept in a separate file."""
        if self.stakeholder_file() is None:
            return {str(s["id"]): str(s.get("naam", s["id"])) for s in self.stakeholders() if "id" in s}
        try:
            plan = self.validate().plan
        except IgskitError:
            return {}
        return {s.id: s.name for s in plan.stakeholder_list}

    def _find_stakeholder(self, ident: str) -> tuple[int, CommentedMap]:
        for i, item in enumerate(self._stakeholder_seq()):
            if isinstance(item, dict) and item.get("id") == ident:
                return i, item
        raise KeyError(f"stakeholder '{ident}' bestaat niet")

    def add_stakeholder(self, name: str, category: str, involvement: str, **fields: Any) -> str:
        """Add a stakeholder after the last one of its category; returns its new id."""
        seq = self._stakeholder_seq()
        ident = self.new_id(name)
        item = CommentedMap()
        for key, value in (("id", ident), ("naam", name.strip()), ("categorie", category)):
            item[key] = text_value(value)
        same = [i for i, s in enumerate(seq) if isinstance(s, dict) and s.get("categorie") == category]
        self._set_fields(item, schema.Stakeholder, {"betrokkenheid": involvement, **fields})
        map_append(self.doc, "stakeholders", item, _field_order(schema.Plan), same[-1] + 1 if same else None)
        self.dirty = True
        return ident

    def update_stakeholder(self, ident: str, **fields: Any) -> None:
        """Change fields of one stakeholder (Dutch keys); an empty value removes an optional field.

        A new category drops a subsector that does not belong to it.
        """
        _, item = self._find_stakeholder(ident)
        category = fields.get("categorie", item.get("categorie"))
        subsector = fields.get("subsector", item.get("subsector", ""))
        if "categorie" in fields and subsector and subsector != "andere" \
                and subsector not in voc.SUBSECTORS.get(category, ()):
            fields["subsector"] = ""
        self._set_fields(item, schema.Stakeholder, fields)

    def delete_stakeholder(self, ident: str) -> None:
        index, _ = self._find_stakeholder(ident)
        map_pop_item(self.doc, "stakeholders", index, keep_empty=True)
        self.dirty = True

    # --- SWOT ---------------------------------------------------------------------------------------

    def _append_swot(self, quadrant: str, item: CommentedMap) -> None:
        if quadrant not in voc.SWOT_QUADRANTS:
            raise KeyError(f"onbekend kwadrant '{quadrant}'")
        map_append(self._section("swot"), quadrant, item, list(voc.SWOT_QUADRANTS))

    def swot_items(self, quadrant: str) -> list[dict]:
        swot = self.doc.get("swot") or {}
        return [to_plain(item) for item in swot.get(quadrant) or []]

    def _find_swot(self, ident: str) -> tuple[str, int, CommentedMap]:
        swot = self.doc.get("swot") or {}
        for quadrant in voc.SWOT_QUADRANTS:
            for i, item in enumerate(swot.get(quadrant) or []):
                if isinstance(item, dict) and item.get("id") == ident:
                    return quadrant, i, item
        raise KeyError(f"SWOT-punt '{ident}' bestaat niet")

    def add_swot_item(self, quadrant: str, text: str, sources: list[dict] | None = None) -> str:
        """Add a point at the end of a quadrant; ``sources`` as [{'soort': ..., 'verwijzing': ...}]."""
        ident = self.new_id(text, SWOT_PREFIX[quadrant])
        item = CommentedMap()
        item["id"] = ident
        item["tekst"] = text_value(text)
        if sources:
            item["bronnen"] = to_node([dict(s) for s in sources])
            item["bronnen"].fa.set_block_style()
        self._append_swot(quadrant, item)
        self.dirty = True
        return ident

    def edit_swot_item(self, ident: str, text: str | None = None, sources: list[dict] | None = None) -> None:
        _, _, item = self._find_swot(ident)
        fields: dict[str, Any] = {}
        if text is not None:
            fields["tekst"] = text
        if sources is not None:
            fields["bronnen"] = [dict(s) for s in sources]
        self._set_fields(item, schema.SwotItem, fields)

    def delete_swot_item(self, ident: str) -> None:
        quadrant, index, _ = self._find_swot(ident)
        map_pop_item(self.doc["swot"], quadrant, index)
        self.dirty = True

    def move_swot_item(self, ident: str, delta: int = 0, quadrant: str | None = None) -> None:
        """Move a point up (-1) or down (+1) in its quadrant, or to the end of another quadrant."""
        current, index, _ = self._find_swot(ident)
        if quadrant and quadrant != current:
            self._append_swot(quadrant, map_pop_item(self.doc["swot"], current, index))
        else:
            seq = self.doc["swot"][current]
            new_index = max(0, min(len(seq) - 1, index + delta))
            if new_index == index:
                return
            seq_move(seq, index, new_index)
        self.dirty = True

    # --- objectives ---------------------------------------------------------------------------------

    def objectives(self) -> list[dict]:
        """The tree as plain data: SDs with 'ods', ODs with 'acties'."""
        return [to_plain(sd) for sd in self.doc.get("doelstellingen") or []]

    def walk_objectives(self) -> Iterator[tuple[str, str, CommentedMap, str | None]]:
        """(kind, code, node, parent id) in order: SD1, SD1-OD1, SD1-OD1-A1 ..."""
        for i, sd in enumerate(self.doc.get("doelstellingen") or [], start=1):
            yield "sd", f"SD{i}", sd, None
            for j, od in enumerate(sd.get("ods") or [], start=1):
                yield "od", f"SD{i}-OD{j}", od, str(sd.get("id"))
                for k, action in enumerate(od.get("acties") or [], start=1):
                    yield "actie", f"SD{i}-OD{j}-A{k}", action, str(od.get("id"))

    def locate(self, ident: str) -> Located:
        """Find an SD, OD or action by id."""
        for i, sd in enumerate(self.doc.get("doelstellingen") or []):
            if sd.get("id") == ident:
                return Located("sd", sd, self.doc, "doelstellingen", i, None)
            for j, od in enumerate(sd.get("ods") or []):
                if od.get("id") == ident:
                    return Located("od", od, sd, "ods", j, str(sd["id"]))
                for k, action in enumerate(od.get("acties") or []):
                    if action.get("id") == ident:
                        return Located("actie", action, od, "acties", k, str(od["id"]))
        raise KeyError(f"doelstelling of actie '{ident}' bestaat niet")

    @staticmethod
    def _append_child(parent: CommentedMap, kind: str, item: CommentedMap, index: int | None = None) -> None:
        """Put ``item`` in the children list of ``parent`` (an SD of kind 'sd' or an OD of kind 'od')."""
        map_append(parent, _CHILDREN[kind], item, _field_order(_KIND_MODEL[kind]), index)

    def _add_objective(self, kind: str, parent: CommentedMap, parent_kind: str | None, title: str,
                       fields: dict) -> str:
        ident = self.new_id(title, _KIND_PREFIX[kind])
        item = CommentedMap()
        item["id"] = ident
        item["titel"] = text_value(title)
        self._set_fields(item, _KIND_MODEL[kind], fields)
        if parent_kind is None:
            map_append(parent, "doelstellingen", item, _field_order(schema.Plan))
        else:
            self._append_child(parent, parent_kind, item)
        self.dirty = True
        return ident

    def add_sd(self, title: str, **fields: Any) -> str:
        """Add a strategic objective at the end (fields such as prioriteit, transversaal)."""
        return self._add_objective("sd", self.doc, None, title, fields)

    def add_od(self, sd_id: str, title: str, **fields: Any) -> str:
        sd = self.locate(sd_id)
        if sd.kind != "sd":
            raise KeyError(f"'{sd_id}' is geen strategische doelstelling")
        return self._add_objective("od", sd.node, "sd", title, fields)

    def add_action(self, od_id: str, title: str, **fields: Any) -> str:
        od = self.locate(od_id)
        if od.kind != "od":
            raise KeyError(f"'{od_id}' is geen operationele doelstelling")
        return self._add_objective("actie", od.node, "od", title, fields)

    def edit_objective(self, ident: str, **fields: Any) -> None:
        """Change fields of an SD, OD or action (titel, prioriteit, regierol, spreiding, jaren ...)."""
        found = self.locate(ident)
        self._set_fields(found.node, _KIND_MODEL[found.kind], fields)

    def move_objective(self, ident: str, delta: int) -> None:
        """Move an SD, OD or action up (-1) or down (+1) among its siblings (the numbering follows)."""
        found = self.locate(ident)
        new_index = max(0, min(len(found.siblings) - 1, found.index + delta))
        if new_index != found.index:
            seq_move(found.siblings, found.index, new_index)
            self.dirty = True

    def move_to(self, ident: str, parent_id: str, index: int | None = None) -> None:
        """Move an OD to another SD, or an action to another OD; its id (its identity) stays."""
        found = self.locate(ident)
        parent = self.locate(parent_id)
        expected = {"od": "sd", "actie": "od"}.get(found.kind)
        if expected is None or parent.kind != expected:
            raise KeyError(f"een {KIND_LABEL[found.kind]} kan niet onder '{parent_id}' staan")
        if found.parent_id == parent_id and index is None:
            return
        item = map_pop_item(found.parent, found.key, found.index)
        self._append_child(parent.node, parent.kind, item, index)
        self.dirty = True

    def delete_objective(self, ident: str) -> list[str]:
        """Delete an SD, OD or action with everything under it, and the budget of its actions.

        Returns the ids that were removed.
        """
        found = self.locate(ident)
        removed = [ident]
        for kind, _code, node, _parent in self.walk_objectives():
            if kind != "sd" and node is not found.node and self._is_inside(node, found.node):
                removed.append(str(node["id"]))
        map_pop_item(found.parent, found.key, found.index, keep_empty=found.kind == "sd")
        for action_id in removed:
            self.set_action_budget(action_id, None)
        self.dirty = True
        return removed

    @staticmethod
    def _is_inside(node: CommentedMap, container: CommentedMap) -> bool:
        for key in ("ods", "acties"):
            for child in container.get(key) or []:
                if child is node or ParamsDocument._is_inside(node, child):
                    return True
        return False

    # --- budget -------------------------------------------------------------------------------------

    def _budget(self) -> CommentedMap:
        return self._section("begroting")

    def budget_value(self, *keys: str) -> Any:
        node: Any = self.doc.get("begroting") or {}
        for key in keys:
            node = node.get(key) if isinstance(node, dict) else None
        return to_plain(node) if node is not None else None

    def set_contribution_per_inhabitant(self, amount: float | Decimal) -> None:
        budget = self._budget()
        if not isinstance(budget.get("gemeentelijke_bijdragen"), CommentedMap):
            map_set(budget, "gemeentelijke_bijdragen", CommentedMap(), _field_order(schema.Budget))
        self._set_fields(budget["gemeentelijke_bijdragen"], schema.MunicipalContributions, {"per_inwoner": amount})

    def amount_lines(self, section: str) -> list[dict]:
        """The lines of 'andere_inkomsten' or 'werking'."""
        if section not in AMOUNT_SECTIONS:
            raise KeyError(section)
        return [to_plain(line) for line in (self.doc.get("begroting") or {}).get(section) or []]

    def _amount_seq(self, section: str) -> CommentedSeq:
        if section not in AMOUNT_SECTIONS:
            raise KeyError(section)
        return self._budget()[section]

    def set_amount_line(self, section: str, index: int, *, label: str | None = None, amount: Any = None,
                        per_year: dict[int, Any] | None = None, indexed: bool | None = None) -> None:
        """Edit one line: ``amount`` (the same every year) or ``per_year`` ({year: amount}), not both."""
        line = self._amount_seq(section)[index]
        fields: dict[str, Any] = {}
        if label is not None:
            fields["omschrijving"] = label
        if amount is not None:
            fields.update(bedrag=amount, per_jaar=None)
        elif per_year is not None:
            fields.update(per_jaar=per_year, bedrag=None)
        if indexed is not None:
            fields["geindexeerd"] = indexed
        self._set_fields(line, schema.AmountLine, fields)

    def add_amount_line(self, section: str, label: str, amount: Any = 0) -> int:
        if section not in AMOUNT_SECTIONS:
            raise KeyError(section)
        item = CommentedMap()
        item["omschrijving"] = text_value(label)
        item["bedrag"] = _number(amount)
        map_append(self._budget(), section, item, _field_order(schema.Budget))
        self.dirty = True
        return len(self._budget()[section]) - 1

    def delete_amount_line(self, section: str, index: int) -> None:
        if section not in AMOUNT_SECTIONS:
            raise KeyError(section)
        map_pop_item(self._budget(), section, index)
        self.dirty = True

    def staff_lines(self) -> list[dict]:
        return [to_plain(line) for line in (self.doc.get("begroting") or {}).get("personeel") or []]

    def set_staff_line(self, index: int, **fields: Any) -> None:
        """Edit a staff line: functie, vte, kost_per_vte, jaren."""
        self._set_fields(self._budget()["personeel"][index], schema.StaffLine, fields)

    def action_budget(self, action_id: str) -> dict | None:
        for line in (self.doc.get("begroting") or {}).get("acties") or []:
            if line.get("actie") == action_id:
                return to_plain(line)
        return None

    def set_action_budget(self, action_id: str, amount: Any = None, per_year: dict[int, Any] | None = None) -> None:
        """An action's budget: ``amount`` for every year the action runs, or ``per_year``; neither removes it."""
        budget = self.doc.get("begroting")
        seq = budget.get("acties") if isinstance(budget, dict) else None
        index = next((i for i, line in enumerate(seq or []) if line.get("actie") == action_id), None)
        if amount is None and per_year is None:
            if index is not None:
                map_pop_item(budget, "acties", index)
                self.dirty = True
            return
        if index is None:
            seq = seq or []
            line = CommentedMap()
            line["actie"] = action_id
            ids = [str(node["id"]) for kind, _code, node, _parent in self.walk_objectives() if kind == "actie"]
            rank = {ident: i for i, ident in enumerate(ids)}  # keep the budget lines in the tree's order
            position = len(seq)
            for i, existing in enumerate(seq):
                if rank.get(str(existing.get("actie")), len(rank)) > rank.get(action_id, len(rank)):
                    position = i
                    break
            if amount is not None:
                line["bedrag"] = _number(amount)
            else:
                line["per_jaar"] = to_node({k: _number(v) for k, v in sorted(per_year.items())})
            map_append(self._budget(), "acties", line, _field_order(schema.Budget), position)
            self.dirty = True
            return
        fields = {"bedrag": amount, "per_jaar": None} if amount is not None else {"per_jaar": per_year, "bedrag": None}
        self._set_fields(seq[index], schema.ActionBudget, fields)
