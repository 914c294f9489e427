"""The input files a params file points to: a stakeholder list (CSV/XLSX) and the indicator CSV."""

from __future__ import annotations

import csv
import hashlib
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import TypeAdapter, ValidationError
from ruamel.yaml.comments import CommentedMap

from igskit.errors import Problem
from igskit.params.columns import split_columns
from igskit.params.numbers import cell_problems
from igskit.params.problems import MESSAGES, field_path, line_of, problem_from_error
from igskit.params.schema import Stakeholder, StakeholderFile

if TYPE_CHECKING:
    from igskit.params.load import LoadedPlan


STAKEHOLDER_COLUMNS_WITH_LISTS = ("fasen", "prioriteiten")


def load_stakeholder_file(raw: dict, doc: CommentedMap, path: Path):
    try:
        spec = StakeholderFile.model_validate(raw)
    except ValidationError as exc:
        return [], [problem_from_error({**e, "loc": ("stakeholders", *e["loc"])}, doc, path)
                    for e in exc.errors()], None
    file = (path.parent / spec.path).resolve()
    line = line_of(doc, ("stakeholders", "bestand"))
    if not file.is_file():
        return [], [Problem(path, line, "stakeholders.bestand", f"het bestand {file} bestaat niet",
                            "geef een .csv- of .xlsx-bestand op, relatief t.o.v. het params-bestand")], None
    try:
        rows = read_table(file, spec.sheet)
    except (ValueError, KeyError, OSError) as exc:
        return [], [Problem(file, None, "(bestand)", f"kan het bestand niet lezen ({exc})",
                            "bewaar het als .csv (UTF-8, komma of puntkomma) of als .xlsx")], file
    rows, column_problems = split_columns(rows, file)  # free extra columns ignored; a misspelt one named
    if column_problems:
        return [], column_problems, file
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
                message, hint = MESSAGES.get(e["type"], (e["msg"].removeprefix("Value error, "), ""))
                if e["type"] == "literal_error":
                    message = f"'{e.get('input')}' is geen toegelaten waarde"
                    hint = "kies uit: " + str(e.get("ctx", {}).get("expected", "")).replace(" or ", ", ")
                problems.append(Problem(file, number, f"kolom '{field_path(e['loc'])}'", message, hint))
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


def check_indicator_file(loaded: LoadedPlan, doc: CommentedMap) -> tuple[Path | None, list[Problem]]:
    spec = loaded.plan.environment.indicators
    if spec is None:
        return None, []
    path = loaded.path
    file = loaded.resolve(spec.path)
    line = line_of(doc, ("omgevingsanalyse", "indicatoren", "bestand"))
    if not file.is_file():
        return None, [Problem(path, line, "omgevingsanalyse.indicatoren.bestand",
                              f"het indicatorenbestand {file} bestaat niet",
                              "geef een .csv-bestand op, relatief t.o.v. het params-bestand")]
    rows = read_table(file)
    header = set(rows[0][1]) if rows else set()
    problems = []
    for i, col in enumerate(spec.columns):
        if col.column not in header:
            problems.append(Problem(path, line_of(doc, ("omgevingsanalyse", "indicatoren", "kolommen", i, "kolom")),
                                    f"omgevingsanalyse.indicatoren.kolommen[{i + 1}].kolom",
                                    f"kolom '{col.column}' staat niet in {file.name}",
                                    f"beschikbare kolommen: {', '.join(sorted(header))}"))
    for required in (spec.municipality_column, spec.population_column):
        if required not in header:
            problems.append(Problem(file, 1, required, f"kolom '{required}' ontbreekt",
                                    "voeg de kolom toe of pas 'gemeentekolom'/'bevolkingskolom' aan"))
    names = set(loaded.plan.region.municipality_names)
    numeric = list(dict.fromkeys([spec.population_column, *[c.column for c in spec.columns]]))
    counts = {spec.population_column, *[c.column for c in spec.columns if c.aggregation == "som"]}
    problems += cell_problems(file, rows, numeric, counts)
    for number, row in rows:
        name = row.get(spec.municipality_column)
        if name is not None and name not in names:
            problems.append(Problem(file, number, spec.municipality_column,
                                    f"'{name}' is geen gemeente van de regio",
                                    f"gebruik een van: {', '.join(sorted(names))}"))
    return file, problems


def file_digest(path: Path) -> str:
    """SHA-256 of a file's bytes (for provenance and change detection)."""
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()
