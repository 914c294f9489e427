"""Load and validate one region's params file, with Dutch errors that name file, line and field.

``load_plan`` is the only way a params file becomes a :class:`~igskit.params.schema.Plan`: the CLI,
the notebooks and the editors all go through it, so they all refuse the same bad input with
the same message.
"""

from __future__ import annotations

import copy
import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from ruamel.yaml.comments import CommentedMap

from igskit.errors import ParamsError, Problem
from igskit.params import fastyaml
from igskit.params.columns import point_at_rows
from igskit.params.inputs import check_indicator_file, input_file, load_stakeholder_file
from igskit.params.problems import dedupe, line_of, problem_from_error
from igskit.params.reading import params_text, parse_document, read_params_bytes, to_plain
from igskit.params.reality import check_region, fused_names_elsewhere, inhabitants_agree, prefer
from igskit.params.references import check_references
from igskit.params.schema import Plan
from igskit.params.sidecar import read_sidecar

_PARSED: dict[str, Any] = {}  # sha256 of the bytes -> plain data; survives step resets in a kernel


@dataclass(frozen=True)
class LoadedPlan:
    """A validated plan together with where it came from."""

    plan: Plan
    path: Path
    inputs: dict[str, Path] = field(default_factory=dict)  # kind -> file: stakeholders, indicatoren, ...
    raw: dict = field(default_factory=dict, repr=False)  # the file as plain data (for fingerprints)

    @property
    def base_dir(self) -> Path:
        return self.path.parent

    def resolve(self, relative: str) -> Path:
        """Resolve a path written in the params file, relative to that file."""
        return (self.base_dir / relative).resolve()


def load_plan(path: str | Path) -> LoadedPlan:
    """Read, resolve and validate a params file; raise :class:`ParamsError` on any problem.

    A file whose exact bytes were parsed before in this process is not parsed again, wherever
    it lies (the steps of one run all read the same file; a run's snapshot in ``invoer/`` holds
    the bytes just read from the params file; a change report reads the previous version's).
    Only the YAML's plain data is reused: the plan is validated against ``path`` every time.
    A file is first read with the fast reader of :mod:`igskit.params.fastyaml`; only when that is
    unsure or the data is invalid does ruamel parse it, so that errors carry their line numbers.
    Only a valid file is cached.
    """
    path = Path(path).resolve()
    content = read_params_bytes(path)  # Dutch errors: missing, a folder, unreadable, too big
    key = hashlib.sha256(content).hexdigest()
    if key not in _PARSED:
        known = read_sidecar(path, key)
        if known is not None:
            _PARSED[key] = known
    if key in _PARSED:
        try:
            return _validate(copy.deepcopy(_PARSED[key]), None, path)
        except ParamsError:
            pass  # a referenced file changed since: report it with line numbers below
    text = params_text(content, path)  # UTF-8, no NUL, no anchors/aliases/tags: before any YAML is built
    if key not in _PARSED:
        data = fastyaml.load(text)
        if isinstance(data, dict):
            try:
                loaded = _validate(to_plain(data), None, path)
            except ParamsError:
                where = fastyaml.positions(text)  # line numbers, ~10x faster than ruamel
            else:
                _PARSED[key] = copy.deepcopy(loaded.raw)
                return loaded
            if where is not None:
                loaded = _validate(to_plain(data), where, path)  # raises, now with lines
                _PARSED[key] = copy.deepcopy(loaded.raw)
                return loaded
    doc = parse_document(text, path)
    loaded = validate_document(doc, path)
    _PARSED[key] = copy.deepcopy(loaded.raw)
    return loaded


def validate_document(doc: CommentedMap, path: Path) -> LoadedPlan:
    """Validate an already parsed document (the editors validate before they write)."""
    return _validate(to_plain(doc), doc, path)


def _validate(data: dict, doc: CommentedMap | None, path: Path) -> LoadedPlan:
    """Validate plain data; ``doc`` (the ruamel document) gives line numbers when there is one."""
    if doc is None:
        doc = CommentedMap()  # no positions: only used when the cached data was valid before
    raw = copy.deepcopy(data)
    problems: list[Problem] = []
    inputs: dict[str, Path] = {}

    raw_stakeholders = data.get("stakeholders")
    if isinstance(raw_stakeholders, dict):
        rows, file_problems, stakeholder_path = load_stakeholder_file(raw_stakeholders, doc, path)
        problems += file_problems
        if stakeholder_path is not None:
            inputs["stakeholders"] = stakeholder_path
        data["stakeholders"] = rows

    try:
        plan = Plan.model_validate(data)
    except ValidationError as exc:
        problems += [problem_from_error(err, doc, path) for err in exc.errors()]
        raise ParamsError(dedupe(problems)) from None
    if problems:
        raise ParamsError(problems)

    loaded = LoadedPlan(plan, path)
    region_problems = check_region(plan, doc, path)  # real gemeenten first: other names depend on them
    if region_problems:
        raise ParamsError(region_problems)
    problems += prefer(fused_names_elsewhere(plan, doc, path), check_references(plan, doc, path))
    indicator_file, indicator_problems = check_indicator_file(loaded, doc)
    problems += indicator_problems or (inhabitants_agree(loaded, doc) if indicator_file else [])
    if indicator_file is not None:
        inputs["indicatoren"] = indicator_file
    if plan.nota.reference_doc:
        ref, ref_problem = input_file(path, plan.nota.reference_doc, doc, ("nota", "referentiedocument"), (".docx",))
        if ref_problem is not None:
            problems.append(ref_problem)
        else:
            inputs["referentiedocument"] = ref
    if plan.nota.logo:
        logo, logo_problem = check_logo(loaded, doc)
        if logo_problem is not None:
            problems.append(logo_problem)
        else:
            inputs["logo"] = logo
    if problems:
        sheet = raw_stakeholders.get("blad", "") if isinstance(raw_stakeholders, dict) else ""
        raise ParamsError(point_at_rows(problems, path, inputs.get("stakeholders"), sheet))
    return LoadedPlan(plan, path, inputs, raw)


_IMAGE_SIGNATURES = {b"\x89PNG\r\n\x1a\n": "png", b"\xff\xd8\xff": "jpeg"}


def check_logo(loaded: LoadedPlan, doc: CommentedMap) -> tuple[Path | None, Problem | None]:
    """``nota.logo``: a PNG or JPEG inside the params file's folder (read by its first bytes)."""
    line = line_of(doc, ("nota", "logo"))
    logo = loaded.resolve(loaded.plan.nota.logo)
    what = "geef een PNG- of JPEG-bestand op in de map van het params-bestand (of een submap), of laat 'logo' weg"
    try:
        inside = logo.resolve().is_relative_to(loaded.path.parent.resolve())
    except OSError:
        inside = False
    if not inside:
        return None, Problem(loaded.path, line, "nota.logo",
                             f"het logo {logo} ligt buiten de map van het params-bestand", what)
    if not logo.is_file():
        return None, Problem(loaded.path, line, "nota.logo", f"het logo {logo} bestaat niet", what)
    with logo.open("rb") as fh:
        head = fh.read(8)
    if not any(head.startswith(signature) for signature in _IMAGE_SIGNATURES):
        return None, Problem(loaded.path, line, "nota.logo", f"het logo {logo.name} is geen PNG- of JPEG-afbeelding",
                             what)
    return logo, None


def logo_suffix(path: Path) -> str:
    """``.png`` or ``.jpg``, from the image's first bytes (a misnamed file still renders)."""
    with path.open("rb") as fh:
        head = fh.read(8)
    return ".png" if head.startswith(b"\x89PNG") else ".jpg"
