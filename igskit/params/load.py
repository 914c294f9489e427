"""Load and validate one region's params file, with Dutch errors that name file, line and field.

``load_plan`` is the only way a params file becomes a :class:`~igskit.params.schema.Plan`: the CLI,
the notebooks and the editors all go through it, so they all refuse the same bad input with
the same message.
"""

from __future__ import annotations

import copy
import csv
import datetime as dt
import hashlib
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter, ValidationError
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import MarkedYAMLError

from igskit.errors import ParamsError, Problem
from igskit.params import fastyaml
from igskit.params import vocabulary as voc
from igskit.params.schema import Plan, Stakeholder, StakeholderFile

STAKEHOLDER_COLUMNS_WITH_LISTS = ("fasen", "prioriteiten")


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
    return parse_document(_decode_utf8(path.read_bytes(), path), path)


def parse_document(text: str, path: Path) -> CommentedMap:
    try:
        doc = yaml_round_trip().load(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        problem = (exc.problem or "ongeldige YAML").strip()
        raise ParamsError([Problem(path, line, "(YAML-syntaxis)", f"het bestand is geen geldige YAML ({problem})",
                                   "controleer inspringing, dubbelpunten en aanhalingstekens op die regel")]) from None
    if not isinstance(doc, CommentedMap):
        raise ParamsError([Problem(path, 1, "(bestand)", "het bestand bevat geen sleutels zoals 'regio:'",
                                   "begin van params/voorbeeldregio.yml als voorbeeld")])
    return doc


_PARSED: dict[tuple[str, str], Any] = {}  # (path, sha256) -> plain data; survives step resets in a kernel
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


def _read_sidecar(path: Path, sha256: str):
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


def load_plan(path: str | Path) -> LoadedPlan:
    """Read, resolve and validate a params file; raise :class:`ParamsError` on any problem.

    A file whose exact bytes were parsed before in this process is not parsed again (the
    steps of one run all read the same file). A file is first read with the fast reader of
    :mod:`igskit.params.fastyaml`; only when that is unsure or the data is invalid does ruamel parse
    it, so that errors carry their line numbers. Only a valid file is cached.
    """
    path = Path(path).resolve()
    if not path.is_file():
        read_document(path)  # raises the Dutch "bestaat niet" error
    content = path.read_bytes()
    text = _decode_utf8(content, path)
    key = (str(path), hashlib.sha256(content).hexdigest())
    if key not in _PARSED:
        known = _read_sidecar(path, key[1])
        if known is not None:
            _PARSED[key] = known
    if key in _PARSED:
        try:
            return _validate(copy.deepcopy(_PARSED[key]), None, path)
        except ParamsError:
            pass  # a referenced file changed since: report it with line numbers below
    else:
        data = fastyaml.load(text)
        if isinstance(data, dict):
            try:
                loaded = _validate(to_plain(data), None, path)
            except ParamsError:
                pass  # reported below, with the line numbers only ruamel knows
            else:
                _PARSED[key] = copy.deepcopy(loaded.raw)
                return loaded
    doc = parse_document(text, path)
    loaded = validate_document(doc, path)
    _PARSED[key] = copy.deepcopy(loaded.raw)
    return loaded


def _decode_utf8(content: bytes, path: Path) -> str:
    try:
        return content.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = content[:exc.start].count(b"\n") + 1
        raise ParamsError([Problem(path, line, "(tekenset)", "het bestand is niet als UTF-8 bewaard "
                                   "(bv. een é of ë uit Kladblok of Excel in een andere tekenset)",
                                   "bewaar het opnieuw als UTF-8, bv. in JupyterLab of met 'Opslaan als' → "
                                   "codering UTF-8")]) from None


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
        rows, file_problems, stakeholder_path = _load_stakeholder_file(raw_stakeholders, doc, path)
        problems += file_problems
        if stakeholder_path is not None:
            inputs["stakeholders"] = stakeholder_path
        data["stakeholders"] = rows

    try:
        plan = Plan.model_validate(data)
    except ValidationError as exc:
        problems += [_problem_from_error(err, doc, path) for err in exc.errors()]
        raise ParamsError(_dedupe(problems)) from None
    if problems:
        raise ParamsError(problems)

    loaded = LoadedPlan(plan, path)
    problems += _check_references(plan, doc, path)
    indicator_file, indicator_problems = _check_indicator_file(loaded, doc)
    problems += indicator_problems
    if indicator_file is not None:
        inputs["indicatoren"] = indicator_file
    if plan.nota.reference_doc:
        ref = loaded.resolve(plan.nota.reference_doc)
        if not ref.is_file():
            problems.append(Problem(path, _line(doc, ("nota", "referentiedocument")), "nota.referentiedocument",
                                    f"het referentiedocument {ref} bestaat niet",
                                    "geef een .docx-bestand op, relatief t.o.v. het params-bestand, "
                                    "of laat het veld weg"))
        else:
            inputs["referentiedocument"] = ref
    if problems:
        raise ParamsError(problems)
    return LoadedPlan(plan, path, inputs, raw)


# --- conversion and line lookup ---------------------------------------------------------------

def to_plain(node: Any) -> Any:
    """Turn ruamel's round-trip nodes into plain Python; floats become exact Decimals."""
    if isinstance(node, dict):
        return {str(k) if not isinstance(k, int) else k: to_plain(v) for k, v in node.items()}
    if isinstance(node, list):
        return [to_plain(v) for v in node]
    if isinstance(node, bool) or node is None:
        return node
    if isinstance(node, float):
        return Decimal(repr(float(node)))
    if isinstance(node, int):
        return int(node)
    if isinstance(node, (dt.date, dt.datetime)):
        return node
    return str(node)


def _line(doc: Any, loc: tuple) -> int | None:
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


def _field_path(loc: tuple) -> str:
    parts: list[str] = []
    for part in loc:
        if isinstance(part, int):
            parts.append(f"[{part + 1}]")  # users count from 1
        elif "[" in str(part) or str(part).startswith(("literal", "function")):
            continue  # pydantic's union branch names
        else:
            parts.append(("." if parts else "") + str(part))
    return "".join(parts) or "(bestand)"


_MESSAGES = {
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

_PATTERN_HINTS = {
    "email": "geef een e-mailadres zoals naam@gemeente.be",
    "id": "gebruik kleine letters, cijfers en '-' (bv. cc-aalbeke); een id verandert nooit",
}


def _problem_from_error(err: dict, doc: CommentedMap, path: Path) -> Problem:
    loc = tuple(err["loc"])
    kind = err["type"]
    field_path = _field_path(loc)
    line = _line(doc, loc)
    if kind == "literal_error":
        expected = err.get("ctx", {}).get("expected", "")
        return Problem(path, line, field_path, f"'{err.get('input')}' is geen toegelaten waarde",
                       f"kies uit: {expected}".replace(" or ", ", "))
    if kind == "value_error":
        message = str(err.get("msg", "")).removeprefix("Value error, ")
        return Problem(path, line, field_path, message, "pas de waarde aan")
    message, hint = _MESSAGES.get(kind, (err.get("msg", "is ongeldig"), ""))
    if kind in ("greater_than", "greater_than_equal", "less_than", "less_than_equal"):
        bound = next(iter(err.get("ctx", {}).values()), "")
        word = {"greater_than": "groter dan", "greater_than_equal": "minstens",
                "less_than": "kleiner dan", "less_than_equal": "hoogstens"}[kind]
        hint = f"de waarde moet {word} {bound} zijn"
    if kind == "string_pattern_mismatch":
        last = str(loc[-1]) if loc else ""
        hint = _PATTERN_HINTS.get(last, "kijk naar het voorbeeld in params/voorbeeldregio.yml")
    if kind not in ("missing",) and "input" in err and not isinstance(err["input"], (dict, list)):
        message = f"'{err['input']}' {message}" if kind != "extra_forbidden" else message
    return Problem(path, line, field_path, message, hint)


def _dedupe(problems: list[Problem]) -> list[Problem]:
    seen, unique = set(), []
    for p in problems:
        key = (p.line, p.field, p.message)
        if key not in seen:
            seen.add(key)
            unique.append(p)
    return unique


# --- referenced files and cross-references ---------------------------------------------------

def _load_stakeholder_file(raw: dict, doc: CommentedMap, path: Path):
    try:
        spec = StakeholderFile.model_validate(raw)
    except ValidationError as exc:
        return [], [_problem_from_error({**e, "loc": ("stakeholders", *e["loc"])}, doc, path)
                    for e in exc.errors()], None
    file = (path.parent / spec.path).resolve()
    line = _line(doc, ("stakeholders", "bestand"))
    if not file.is_file():
        return [], [Problem(path, line, "stakeholders.bestand", f"het bestand {file} bestaat niet",
                            "geef een .csv- of .xlsx-bestand op, relatief t.o.v. het params-bestand")], None
    try:
        rows = read_table(file, spec.sheet)
    except (ValueError, KeyError, OSError) as exc:
        return [], [Problem(file, None, "(bestand)", f"kan het bestand niet lezen ({exc})",
                            "bewaar het als .csv (UTF-8, komma of puntkomma) of als .xlsx")], file
    adapter = TypeAdapter(Stakeholder)
    stakeholders, problems = [], []
    for number, row in rows:
        record = {k: v for k, v in row.items() if v not in (None, "")}
        for key in STAKEHOLDER_COLUMNS_WITH_LISTS:
            if isinstance(record.get(key), str):
                record[key] = [p.strip() for p in record[key].replace(";", ",").split(",") if p.strip()]
        if isinstance(record.get("cultureel"), str):
            record["cultureel"] = record["cultureel"].strip().lower() in ("ja", "true", "1", "waar")
        try:
            stakeholders.append(adapter.validate_python(record).model_dump(by_alias=True, exclude_defaults=True))
        except ValidationError as exc:
            for e in exc.errors():
                message, hint = _MESSAGES.get(e["type"], (e["msg"].removeprefix("Value error, "), ""))
                if e["type"] == "literal_error":
                    message = f"'{e.get('input')}' is geen toegelaten waarde"
                    hint = "kies uit: " + str(e.get("ctx", {}).get("expected", "")).replace(" or ", ", ")
                problems.append(Problem(file, number, f"kolom '{_field_path(e['loc'])}'", message, hint))
    return stakeholders, problems, file


def read_table(file: Path, sheet: str = "") -> list[tuple[int, dict[str, Any]]]:
    """Rows of a CSV or XLSX file as (line number in the file, {column: value})."""
    if file.suffix.lower() in (".xlsx", ".xlsm"):
        from openpyxl import load_workbook

        book = load_workbook(file, read_only=True, data_only=True)
        ws = book[sheet] if sheet else book.worksheets[0]
        values = list(ws.iter_rows(values_only=True))
        book.close()
        if not values:
            return []
        header = [str(h).strip() if h is not None else "" for h in values[0]]
        return [(i + 2, {h: (v.strip() if isinstance(v, str) else v) for h, v in zip(header, row) if h})
                for i, row in enumerate(values[1:]) if any(v not in (None, "") for v in row)]
    text = file.read_text(encoding="utf-8-sig")
    dialect = csv.Sniffer().sniff(text.splitlines()[0], delimiters=",;\t") if text else csv.excel
    reader = csv.DictReader(text.splitlines(), dialect=dialect)
    return [(i + 2, {k.strip(): (v or "").strip() for k, v in row.items() if k})
            for i, row in enumerate(reader)]


def _check_indicator_file(loaded: LoadedPlan, doc: CommentedMap) -> tuple[Path | None, list[Problem]]:
    spec = loaded.plan.environment.indicators
    if spec is None:
        return None, []
    path = loaded.path
    file = loaded.resolve(spec.path)
    line = _line(doc, ("omgevingsanalyse", "indicatoren", "bestand"))
    if not file.is_file():
        return None, [Problem(path, line, "omgevingsanalyse.indicatoren.bestand",
                              f"het indicatorenbestand {file} bestaat niet",
                              "geef een .csv-bestand op, relatief t.o.v. het params-bestand")]
    rows = read_table(file)
    header = set(rows[0][1]) if rows else set()
    problems = []
    for i, col in enumerate(spec.columns):
        if col.column not in header:
            problems.append(Problem(path, _line(doc, ("omgevingsanalyse", "indicatoren", "kolommen", i, "kolom")),
                                    f"omgevingsanalyse.indicatoren.kolommen[{i + 1}].kolom",
                                    f"kolom '{col.column}' staat niet in {file.name}",
                                    f"beschikbare kolommen: {', '.join(sorted(header))}"))
    for required in (spec.municipality_column, spec.population_column):
        if required not in header:
            problems.append(Problem(file, 1, required, f"kolom '{required}' ontbreekt",
                                    "voeg de kolom toe of pas 'gemeentekolom'/'bevolkingskolom' aan"))
    names = set(loaded.plan.region.municipality_names)
    numeric = [spec.population_column, *[c.column for c in spec.columns]]
    for number, row in rows:
        for column in numeric:
            value = str(row.get(column) or "").strip().replace(" ", "").replace(",", ".")
            if value:
                try:
                    float(value)
                except ValueError:
                    problems.append(Problem(file, number, column, f"'{row.get(column)}' is geen getal",
                                            "schrijf een getal (bv. 12.5) of laat de cel leeg als de waarde "
                                            "ontbreekt; een lege cel telt niet als nul"))
        name = row.get(spec.municipality_column)
        if name is not None and name not in names:
            problems.append(Problem(file, number, spec.municipality_column,
                                    f"'{name}' is geen gemeente van de regio",
                                    f"gebruik een van: {', '.join(sorted(names))}"))
    return file, problems


def _check_references(plan: Plan, doc: CommentedMap, path: Path) -> list[Problem]:
    """Hard errors: ids that must be unique and names that must exist (typos must not pass)."""
    problems: list[Problem] = []
    names = set(plan.region.municipality_names)
    valid_places = names | {voc.BOVENLOKAAL}
    stakeholders = plan.stakeholder_list
    stakeholder_in_file = not isinstance(doc.get("stakeholders"), list)

    def where(*loc):
        return _line(doc, loc) if not stakeholder_in_file or loc[0] != "stakeholders" else None

    seen: dict[str, str] = {}

    def unique(kind: str, ident: str, loc: tuple, field_path: str):
        if ident in seen:
            problems.append(Problem(path, _line(doc, loc), field_path,
                                    f"id '{ident}' wordt al gebruikt door een {seen[ident]}",
                                    "elk id moet uniek zijn in het hele bestand"))
        else:
            seen[ident] = kind

    for i, s in enumerate(stakeholders):
        unique("stakeholder", s.id, ("stakeholders", i, "id"), f"stakeholders[{i + 1}].id")
        if s.municipality not in valid_places:
            problems.append(Problem(path, where("stakeholders", i, "gemeente"), f"stakeholders[{i + 1}].gemeente",
                                    f"'{s.municipality}' is geen gemeente van de regio",
                                    f"kies uit: {', '.join(sorted(names))} of '{voc.BOVENLOKAAL}'"))
    priority_ids = {p.id for p in plan.priorities}
    for i, p in enumerate(plan.priorities):
        unique("prioriteit", p.id, ("prioriteiten", i, "id"), f"prioriteiten[{i + 1}].id")
    for i, s in enumerate(stakeholders):
        for ref in s.priorities:
            if ref not in priority_ids:
                problems.append(Problem(path, where("stakeholders", i, "prioriteiten"),
                                        f"stakeholders[{i + 1}].prioriteiten",
                                        f"prioriteit '{ref}' bestaat niet",
                                        f"kies uit: {', '.join(sorted(priority_ids))}"))
    for i, sd in enumerate(plan.objectives):
        base = ("doelstellingen", i)
        unique("strategische doelstelling", sd.id, (*base, "id"), f"doelstellingen[{i + 1}].id")
        if sd.priority is not None and sd.priority not in priority_ids:
            problems.append(Problem(path, _line(doc, (*base, "prioriteit")), f"doelstellingen[{i + 1}].prioriteit",
                                    f"prioriteit '{sd.priority}' bestaat niet",
                                    f"kies uit: {', '.join(sorted(priority_ids))}, of zet 'transversaal: true'"))
        for j, od in enumerate(sd.objectives):
            od_loc = (*base, "ods", j)
            unique("operationele doelstelling", od.id, (*od_loc, "id"), f"doelstellingen[{i + 1}].ods[{j + 1}].id")
            for k, action in enumerate(od.actions):
                a_loc = (*od_loc, "acties", k)
                field_base = f"doelstellingen[{i + 1}].ods[{j + 1}].acties[{k + 1}]"
                unique("actie", action.id, (*a_loc, "id"), f"{field_base}.id")
                if isinstance(action.spread, list):
                    for name in action.spread:
                        if name not in names:
                            problems.append(Problem(path, _line(doc, (*a_loc, "spreiding")), f"{field_base}.spreiding",
                                                    f"'{name}' is geen gemeente van de regio",
                                                    f"kies uit: {', '.join(sorted(names))}, "
                                                    "of schrijf 'alle gemeenten'"))
                for year in action.years:
                    if year not in plan.region.period.years:
                        problems.append(Problem(path, _line(doc, (*a_loc, "jaren")), f"{field_base}.jaren",
                                                f"{year} valt buiten de subsidieperiode "
                                                f"{plan.region.period.start}–{plan.region.period.end}",
                                                "kies jaren binnen de subsidieperiode"))
    return problems


def file_digest(path: Path) -> str:
    """SHA-256 of a file's bytes (for provenance and change detection)."""
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()
