"""The validated data of a params snapshot, left beside it for the kernels of the same run."""

from __future__ import annotations

import datetime as dt
import hashlib
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from igskit.params.load import LoadedPlan




SIDECAR_SUFFIX = ".gevalideerd.json"


def sidecar_path(path: Path) -> Path:
    """Where a run leaves the validated data of a params snapshot for its kernels."""
    return path.with_name(f".{path.name}{SIDECAR_SUFFIX}")


def write_sidecar(loaded: LoadedPlan, path: Path) -> Path:
    """Store ``loaded``'s data beside ``path`` (a byte-identical copy of its params file).

    The kernels of the same run then skip parsing the YAML again; the sidecar names the
    SHA-256 of the bytes it was made from and is ignored for any other content.
    """
    import json

    target = sidecar_path(path)
    payload = {"sha256": hashlib.sha256(path.read_bytes()).hexdigest(), "data": _encode(loaded.raw)}
    target.write_text(json.dumps(payload, ensure_ascii=False), encoding="utf-8")
    return target


def read_sidecar(path: Path, sha256: str):
    import json

    target = sidecar_path(path)
    if not target.is_file():
        return None
    payload = json.loads(target.read_text(encoding="utf-8"))
    return _decode(payload["data"]) if payload.get("sha256") == sha256 else None


def _encode(node):
    if isinstance(node, dict):
        return {k: _encode(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_encode(v) for v in node]
    if isinstance(node, Decimal):
        return {"$decimal": str(node)}
    if isinstance(node, dt.datetime):
        return {"$datetime": node.isoformat()}
    if isinstance(node, dt.date):
        return {"$date": node.isoformat()}
    return node


def _decode(node):
    if isinstance(node, dict):
        if len(node) == 1 and "$decimal" in node:
            return Decimal(node["$decimal"])
        if len(node) == 1 and "$date" in node:
            return dt.date.fromisoformat(node["$date"])
        if len(node) == 1 and "$datetime" in node:
            return dt.datetime.fromisoformat(node["$datetime"])
        return {k: _decode(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_decode(v) for v in node]
    return node
