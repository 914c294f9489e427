"""The params file open for editing: load, validate, conflict check, atomic save with a backup.

:class:`ParamsDocument` holds the file as ruamel's round-trip structure. It does not know the
planning steps' edits: those are plain, replayable objects in :mod:`igskit.editing.operations`
(``AddStakeholder``, ``MoveSwotItem``, ``SetAmountLine`` ...). :meth:`ParamsDocument.apply`
applies one and records it in :attr:`ParamsDocument.pending` until the next save;
:meth:`ParamsDocument.replay` applies such a list again on a freshly read file (after someone
else changed it), all or nothing.

An operation changes only the nodes it touches, so comments, key order and formatting of
everything else survive. :meth:`ParamsDocument.save` refuses to overwrite a file that changed on
disk since it was read (:class:`~igskit.errors.SaveConflictError`), validates exactly like the
CLI (:class:`~igskit.errors.ParamsError`, nothing written), keeps a backup ``<name>.yml.bak`` of
the previous file and replaces the file atomically.

Besides the file, the document offers the lookups every step shares: ids (:meth:`new_id`,
:meth:`usages`), the objectives tree (:meth:`locate`, :meth:`walk_objectives`) and read-only
views of each section as plain data for the editors.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import os
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from igskit.editing import fields
from igskit.editing.fields import slugify
from igskit.editing.operations.base import Operation, ReplayError
from igskit.editing.roundtrip import map_set
from igskit.errors import IgskitError, SaveConflictError
from igskit.params import schema
from igskit.params.load import LoadedPlan, validate_document
from igskit.params.reading import parse_document, read_document, to_plain, yaml_round_trip

__all__ = ["Located", "ParamsDocument", "SaveResult", "slugify"]


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


def _digest(data: bytes | None) -> str | None:
    return None if data is None else hashlib.sha256(data).hexdigest()


class ParamsDocument:
    """One params file, open for editing."""

    def __init__(self, path: str | Path):
        self.path = Path(path).resolve()
        self.reload()

    # --- file ---------------------------------------------------------------------------------

    def reload(self) -> None:
        """Read the file again; unsaved edits (and the pending operations) are dropped."""
        if not self.path.is_file():
            read_document(self.path)  # raises the Dutch "bestaat niet" ParamsError
        data = self.path.read_bytes()
        self.text = data.decode("utf-8")
        self.doc: CommentedMap = parse_document(self.text, self.path)
        self.digest = _digest(data)
        self.dirty = False
        self.changes = 0  # counts the changes made to self.doc since it was read
        self.pending: list[Operation] = []  # applied operations that changed something, not yet saved

    def revert(self) -> None:
        """Drop every unsaved edit: back to the text as it was read (the disk is not read again)."""
        self.doc = parse_document(self.text, self.path)
        self.dirty, self.changes, self.pending = False, 0, []

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
        ParamsError when the edited plan is invalid; in both cases nothing is written and the
        pending operations stay (to be replayed on the new file, see :meth:`replay`).
        """
        if self.changed_on_disk():
            raise SaveConflictError(self.path)
        text = self.dumps()
        validate_document(parse_document(text, self.path), self.path)
        now = dt.datetime.now()
        if text == self.text:
            self.dirty, self.pending = False, []
            return SaveResult(self.path, None, now)
        data = text.encode("utf-8")
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
        self.text, self.digest, self.dirty, self.pending = text, _digest(data), False, []
        return SaveResult(self.path, self.backup_path, now)

    # --- operations ---------------------------------------------------------------------------

    def apply(self, operation: Operation) -> Any:
        """Apply one edit operation; returns what it returns (a new id, the removed ids ...).

        An operation that changed something is recorded in :attr:`pending` as it can be
        replayed: one that made a new id carries that id from now on. A refused operation
        raises (KeyError, IgskitError) and changes nothing.
        """
        before = self.changes
        result = operation.apply(self)
        if self.changes != before:
            self.pending.append(operation.resolved(result))
        return result

    def replay(self, operations: Iterable[Operation]) -> list[Any]:
        """Apply ``operations`` (the :attr:`pending` list of another document) again, all or nothing.

        Meant for a freshly read file that changed on disk after the edits were made. Raises
        :class:`~igskit.editing.operations.base.ReplayError`, a Dutch message naming the edit
        that no longer fits, and then leaves this document as it was.
        """
        operations = list(operations)
        text, pending, dirty, changes = self.dumps(), list(self.pending), self.dirty, self.changes
        results: list[Any] = []
        for number, operation in enumerate(operations, start=1):
            try:
                results.append(self.apply(operation))
            except (IgskitError, KeyError, ValueError) as exc:
                self.doc = parse_document(text, self.path)
                self.pending, self.dirty, self.changes = pending, dirty, changes
                reason = exc.args[0] if isinstance(exc, KeyError) and exc.args else str(exc)
                raise ReplayError(self.path, number, len(operations), operation, str(reason)) from exc
        return results

    # --- what the operations share --------------------------------------------------------------

    def mark_changed(self) -> None:
        """An operation changed the document."""
        self.dirty = True
        self.changes += 1

    def set_fields(self, node: CommentedMap, model: type[BaseModel], values: dict[str, Any]) -> None:
        """Write fields (Dutch keys of ``model``) into ``node``; see :func:`igskit.editing.fields.set_fields`."""
        if fields.set_fields(node, model, values):
            self.mark_changed()

    def section(self, key: str) -> CommentedMap:
        """The top-level mapping ``key`` (swot, begroting), created (in schema order) when missing."""
        if not isinstance(self.doc.get(key), CommentedMap):
            map_set(self.doc, key, CommentedMap(), fields.field_order(schema.Plan))
        return self.doc[key]

    def ids(self) -> set[str]:
        """Every id in the file."""
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
        taken = self.ids()
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

    # --- stakeholders, SWOT (read-only views) -------------------------------------------------------

    def stakeholder_file(self) -> Path | None:
        """The CSV/XLSX file the stakeholders are kept in, or None when they are in this file."""
        value = self.doc.get("stakeholders")
        if isinstance(value, dict) and "bestand" in value:
            return (self.path.parent / str(value["bestand"])).resolve()
        return None

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

    def swot_items(self, quadrant: str) -> list[dict]:
        swot = self.doc.get("swot") or {}
        return [to_plain(item) for item in swot.get(quadrant) or []]

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

    # --- budget -------------------------------------------------------------------------------------

    def budget_value(self, *keys: str) -> Any:
        node: Any = self.doc.get("begroting") or {}
        for key in keys:
            node = node.get(key) if isinstance(node, dict) else None
        return to_plain(node) if node is not None else None

    def amount_lines(self, section: str) -> list[dict]:
        """The lines of 'andere_inkomsten' or 'werking'."""
        if section not in ("andere_inkomsten", "werking"):
            raise KeyError(section)
        return [to_plain(line) for line in (self.doc.get("begroting") or {}).get(section) or []]

    def staff_lines(self) -> list[dict]:
        return [to_plain(line) for line in (self.doc.get("begroting") or {}).get("personeel") or []]

    def action_budget(self, action_id: str) -> dict | None:
        for line in (self.doc.get("begroting") or {}).get("acties") or []:
            if line.get("actie") == action_id:
                return to_plain(line)
        return None
