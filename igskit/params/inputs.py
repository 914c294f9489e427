"""The input files a params file points to: a stakeholder list (CSV/XLSX) and the indicator CSV."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import TypeAdapter, ValidationError
from ruamel.yaml.comments import CommentedMap

from igskit.errors import ParamsError, Problem
from igskit.params import gemeenten
from igskit.params.columns import PARTNER_CARD_COLUMNS, split_columns
from igskit.params.numbers import cell_problems
from igskit.params.problems import MESSAGES, field_path, line_of, problem_from_error
from igskit.params.reading import os_reason
from igskit.params.schema import Stakeholder, StakeholderFile
from igskit.params.tables import read_rows

if TYPE_CHECKING:
    from igskit.params.load import LoadedPlan


STAKEHOLDER_COLUMNS_WITH_LISTS = ("fasen", "prioriteiten")
STAKEHOLDER_REQUIRED = tuple(f.alias for f in Stakeholder.model_fields.values() if f.is_required() and f.alias)
TABLE_KINDS = (".csv", ".xlsx")
YES = ("ja", "true", "1", "waar")


def load_stakeholder_file(raw: dict, doc: CommentedMap, path: Path):
    try:
        spec = StakeholderFile.model_validate(raw)
    except ValidationError as exc:
        return [], [problem_from_error({**e, "loc": ("stakeholders", *e["loc"])}, doc, path)
                    for e in exc.errors()], None
    file, problem = input_file(path, spec.path, doc, ("stakeholders", "bestand"), TABLE_KINDS)
    if problem is not None:
        return [], [problem], None
    try:
        rows = read_table(file, spec.sheet, required=STAKEHOLDER_REQUIRED)
    except ParamsError as exc:  # a sheet that does not exist is pointed out where it is named
        misspelt = _misspelt_columns(file, spec.sheet) if any(p.field == "(kolomkop)" for p in exc.problems) else []
        return [], misspelt or [Problem(path, line_of(doc, ("stakeholders", "blad")), "stakeholders.blad",
                                        f"{p.message} in {file.name}", p.hint) if p.field == "blad" else p
                                for p in exc.problems], file
    rows, column_problems = split_columns(rows, file)  # free extra columns ignored; a misspelt one named
    if column_problems:
        return [], column_problems, file
    duplicates = duplicate_rows(rows, file, "id", "stakeholder")
    if duplicates:
        return [], duplicates, file
    adapter = TypeAdapter(Stakeholder)
    stakeholders, problems = [], []
    for number, row in rows:
        record = {k: v for k, v in row.items() if v not in (None, "")}
        for key in STAKEHOLDER_COLUMNS_WITH_LISTS:
            if isinstance(record.get(key), str):
                record[key] = [p.strip() for p in record[key].replace(";", ",").split(",") if p.strip()]
        if isinstance(record.get("cultureel"), str):
            record["cultureel"] = record["cultureel"].strip().lower() in YES
        card = {k: record.pop(k) for k in PARTNER_CARD_COLUMNS if k in record}
        for k in ("bovenlokaal", "grensverleggend"):
            if isinstance(card.get(k), str):
                card[k] = card[k].strip().lower() in YES
        if card:
            record["partnerkaart"] = card
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


def _misspelt_columns(file: Path, sheet: str) -> list[Problem]:
    """When required columns are missing from the header: one message per misspelt column, if that is why."""
    try:
        rows = read_table(file, sheet, required=("id",))
    except ParamsError:
        return []
    return split_columns(rows, file)[1]


def read_table(file: Path, sheet: str = "", required: tuple[str, ...] = ()) -> list[tuple[int, dict[str, Any]]]:
    """Rows of a CSV or XLSX file as (line number in the file, {column: value}); Dutch ParamsError on failure."""
    return read_rows(file, sheet, required)


def check_indicator_file(loaded: LoadedPlan, doc: CommentedMap) -> tuple[Path | None, list[Problem]]:
    spec = loaded.plan.environment.indicators
    if spec is None:
        return None, []
    path = loaded.path
    file, problem = input_file(path, spec.path, doc, ("omgevingsanalyse", "indicatoren", "bestand"), TABLE_KINDS)
    if problem is not None:
        return None, [problem]
    try:
        rows = read_table(file, required=(spec.municipality_column, spec.population_column))
    except ParamsError as exc:
        return file, exc.problems
    if not rows:
        return file, [Problem(file, 2, "(bestand)", "het bestand bevat alleen kolomnamen, geen gemeenten",
                              "zet onder de kolomnamen één rij per gemeente van de regio")]
    duplicates = duplicate_rows(rows, file, spec.municipality_column, "gemeente")
    duplicates += non_finite_numbers(rows, file, [spec.population_column, *[c.column for c in spec.columns]])
    if duplicates:
        return file, duplicates
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
            fusion = gemeenten.fused_into(str(name))
            if fusion is not None and fusion.new in names:  # a row from before the 2025 fusions
                problems.append(Problem(
                    file, number, spec.municipality_column,
                    f"'{name}' is geen gemeente meer: {fusion.sentence()}",
                    f"vervang de rijen van {gemeenten.dutch_join(fusion.former)} door één rij "
                    f"'{fusion.new}' met de cijfers van de hele gemeente"))
                continue
            problems.append(Problem(file, number, spec.municipality_column,
                                    f"'{name}' is geen gemeente van de regio",
                                    f"gebruik een van: {', '.join(sorted(names))}"))
    return file, problems


def file_digest(path: Path) -> str:
    """SHA-256 of a file's bytes (for provenance and change detection)."""
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


# --- paths written in a params file ------------------------------------------------------------

KIND_WORDS = {".csv": "CSV-bestand", ".xlsx": "Excel-bestand", ".docx": "Word-document"}


def input_file(params_path: Path, value: str, doc: CommentedMap, loc: tuple,
               kinds: tuple[str, ...]) -> tuple[Path | None, Problem | None]:
    """Check a file path written in a params file, before any kernel starts.

    The path is relative to the params file; resolved (symlinks included) it must lie inside
    that file's folder or a subfolder, exist, be a file and end in one of ``kinds``. Returns the
    resolved path, or a Dutch problem with the line of the key.
    """
    import os
    from pathlib import PureWindowsPath

    field = ".".join(str(p) for p in loc)
    line = line_of(doc, loc)
    base = Path(params_path).parent.resolve()
    wanted = " of ".join(KIND_WORDS.get(k, k) + f" ({k})" for k in kinds)
    example = f"bv. '{Path(params_path).stem}/bestand{kinds[0]}'"

    def problem(message: str, hint: str) -> tuple[None, Problem]:
        return None, Problem(params_path, line, field, message, hint)

    text = str(value)
    if "\x00" in text or not text.strip():
        return problem("het pad is leeg of bevat een ongeldig teken", f"geef een {wanted} op, {example}")
    if Path(text).is_absolute() or PureWindowsPath(text).drive or text.startswith(("\\", "~")):
        return problem(f"'{text}' is een absoluut pad; igskit leest alleen bestanden uit de map van het "
                       f"params-bestand ({base})",
                       f"kopieer het bestand naar die map (of een submap) en schrijf het pad relatief, {example}")
    try:
        resolved = (base / text).resolve()
        resolved.stat()
    except FileNotFoundError:
        pass  # said below, once it is clear the path stays inside the folder
    except (OSError, RuntimeError) as exc:
        reason = os_reason(exc) if isinstance(exc, OSError) else "een lus van symbolische koppelingen"
        return problem(f"'{text}' kan niet gevolgd worden ({reason})", f"geef een gewoon {wanted} op, {example}")
    if not resolved.is_relative_to(base):
        how = "via een symbolische koppeling " if ".." not in Path(text).parts else ""
        return problem(f"'{text}' verwijst {how}naar een bestand buiten de map van het params-bestand ({base})",
                       f"kopieer het bestand naar {base} (of een submap) en verwijs ernaar zonder '..', {example}")
    if resolved.is_dir():
        return problem(f"'{text}' is een map, geen bestand", f"verwijs naar het bestand zelf, {example}")
    if not resolved.exists():
        return problem(f"het bestand '{text}' bestaat niet (gezocht als {resolved})",
                       f"controleer de naam; het pad is relatief t.o.v. het params-bestand, {example}")
    if resolved.suffix.lower() not in kinds:
        return problem(f"'{text}' is geen {wanted}", f"bewaar het als {wanted} en verwijs naar dat bestand")
    if not resolved.is_file():
        return problem(f"'{text}' is geen gewoon bestand", f"geef een {wanted} op")
    if not os.access(resolved, os.R_OK):
        return problem(f"igskit mag '{text}' niet lezen (geen leesrechten)",
                       "geef jezelf leesrechten op het bestand")
    return resolved, None


def duplicate_rows(rows: list[tuple[int, dict[str, Any]]], file: Path, column: str, what: str) -> list[Problem]:
    """A row whose ``column`` value already appeared on an earlier row (an id, a gemeente)."""
    first: dict[str, int] = {}
    problems = []
    for number, row in rows:
        value = row.get(column)
        if value in (None, ""):
            continue
        key = str(value).strip()
        if key in first:
            problems.append(Problem(file, number, f"kolom '{column}'", f"{what} '{key}' staat er twee keer in "
                                    f"(ook op regel {first[key]})", "laat elke " + what + " één keer voorkomen: "
                                    "verwijder of voeg de dubbele rij samen"))
        else:
            first[key] = number
    return problems


def non_finite_numbers(rows: list[tuple[int, dict[str, Any]]], file: Path, columns: list[str]) -> list[Problem]:
    """'inf', 'nan', 1e400: Python reads them as numbers, a table or figure cannot show them."""
    import math
    import re

    problems = []
    for number, row in rows:
        for column in columns:
            value = str(row.get(column) or "").strip().replace(" ", "")
            if not value or not re.search(r"(?i)inf|nan|e", value):
                continue
            try:
                finite = math.isfinite(float(value.replace(",", ".")))
            except ValueError:
                continue  # not a number at all: reported by check_indicator_file
            if not finite:
                problems.append(Problem(file, number, column, f"'{value[:40]}' is geen gewoon getal",
                                        "schrijf een gewoon getal (bv. 12.5) of laat de cel leeg als de waarde "
                                        "ontbreekt"))
    return problems
