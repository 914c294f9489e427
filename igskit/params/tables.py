"""Reading a table a params file points to (CSV or XLSX), as Excel users really save them.

Every failure is a :class:`~igskit.errors.ParamsError` naming the file, the line (CSV) or row
(XLSX) and what to do; nothing raises a Python traceback. A CSV is read in the encoding it was
saved in: UTF-8 (with or without BOM), UTF-16 with BOM (Excel's "Unicode-tekst", tab-separated)
and otherwise Windows-1252, which is what Excel writes as "CSV (gescheiden door lijstscheidingsteken)"
on a Belgian PC. The separator is the one the header line uses most: ``;``, ``,`` or tab.
"""

from __future__ import annotations

import codecs
import csv
import zipfile
from pathlib import Path
from typing import Any

from igskit.errors import ParamsError, Problem
from igskit.params.reading import os_reason

INPUT_MAX_BYTES = 20 * 1024 * 1024  # 20 MB for a CSV or XLSX file
XLSX_MAX_UNPACKED = 200 * 1024 * 1024  # an XLSX is a zip: what it unpacks to is bounded too
MAX_ROWS = 100_000
MAX_COLUMNS = 200
TITLE_SEARCH_ROWS = 10  # how far below row 1 a header is looked for when row 1 is not the header
_SAVE_AS = "bewaar het in Excel met 'Opslaan als' → 'CSV UTF-8 (door komma's gescheiden)' of als .xlsx"


def _error(file: Path, line: int | None, field: str, message: str, hint: str) -> ParamsError:
    return ParamsError([Problem(file, line, field, message, hint)])


def read_bytes(file: Path) -> bytes:
    """The bytes of an input file; a Dutch error when it is missing, a folder, unreadable, empty or too big."""
    try:
        is_dir, is_file = file.is_dir(), file.is_file()
    except OSError as exc:
        raise _error(file, None, "(bestand)", f"het bestand kan niet geopend worden ({os_reason(exc)})",
                     "controleer de naam en de map") from None
    if is_dir:
        raise _error(file, None, "(bestand)", "dit is een map, geen bestand", "verwijs naar het bestand zelf")
    if not is_file:
        raise _error(file, None, "(bestand)", "het bestand bestaat niet of is geen gewoon bestand",
                     "controleer de naam en de map")
    try:
        size = file.stat().st_size
        if size > INPUT_MAX_BYTES:
            raise _error(file, None, "(bestand)", f"het bestand is te groot ({size / 1_048_576:.1f} MB; hoogstens "
                         f"{INPUT_MAX_BYTES // 1_048_576} MB)", "verwijder wat niet bij de regio hoort, of splits "
                         "het bestand")
        with open(file, "rb") as handle:
            content = handle.read(INPUT_MAX_BYTES + 1)
    except PermissionError:
        raise _error(file, None, "(bestand)", "igskit mag dit bestand niet lezen (geen leesrechten)",
                     "geef jezelf leesrechten op het bestand of kopieer het naar de map van de regio") from None
    except OSError as exc:
        raise _error(file, None, "(bestand)", f"het bestand kan niet gelezen worden ({os_reason(exc)})",
                     "controleer of het bestand en de schijf bereikbaar zijn") from None
    if not content.strip():
        raise _error(file, 1, "(bestand)", "het bestand is leeg", "vul het in, met de kolomnamen op regel 1")
    return content


def decode_csv(content: bytes, file: Path) -> str:
    """A CSV file's text in the encoding it was saved in, or a Dutch error naming the encoding to use."""
    if content.startswith(codecs.BOM_UTF8):
        try:
            return content[len(codecs.BOM_UTF8):].decode("utf-8")
        except UnicodeDecodeError as exc:
            raise _error(file, content[:exc.start].count(b"\n") + 1, "(tekenset)", "het bestand begint als UTF-8 "
                         "maar bevat tekens in een andere tekenset", _SAVE_AS) from None
    if content.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return content.decode("utf-16")
        except UnicodeDecodeError:
            raise _error(file, None, "(tekenset)", "het bestand is als UTF-16 ('Unicode-tekst') bewaard maar is "
                         "onvolledig of beschadigd", _SAVE_AS) from None
    head = content[:400]
    if len(head) >= 4 and head[1::2].count(0) > len(head) // 4 and head[0::2].count(0) <= 1:
        return _utf16_without_bom(content, "utf-16-le", file)
    if len(head) >= 4 and head[0::2].count(0) > len(head) // 4 and head[1::2].count(0) <= 1:
        return _utf16_without_bom(content, "utf-16-be", file)
    nul = content.find(b"\x00")
    if nul >= 0:
        raise _error(file, content[:nul].count(b"\n") + 1, "(bestand)", "het bestand bevat een NUL-teken (byte 0): "
                     "het is geen tekstbestand of het is beschadigd", _SAVE_AS)
    try:
        return content.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return content.decode("cp1252")  # Excel's "CSV (gescheiden door lijstscheidingsteken)" on Windows
    except UnicodeDecodeError as exc:
        raise _error(file, content[:exc.start].count(b"\n") + 1, "(tekenset)", "de tekenset van het bestand is "
                     "onbekend (geen UTF-8, UTF-16 of Windows-1252)", _SAVE_AS) from None


def _utf16_without_bom(content: bytes, encoding: str, file: Path) -> str:
    try:
        return content.decode(encoding)
    except UnicodeDecodeError:
        raise _error(file, None, "(tekenset)", "het bestand lijkt UTF-16 zonder BOM maar is beschadigd",
                     _SAVE_AS) from None


def _delimiter(header_line: str) -> str:
    counts = {d: header_line.count(d) for d in (";", "\t", ",")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def csv_grid(file: Path, content: bytes) -> list[tuple[int, list[str]]]:
    """The CSV's rows as (line number, cells), blank lines left out."""
    text = decode_csv(content, file)
    if "\x00" in text:
        line = text[:text.index("\x00")].count("\n") + 1
        raise _error(file, line, "(bestand)", "het bestand bevat een NUL-teken (byte 0)", _SAVE_AS)
    lines = text.splitlines()
    first = next((ln for ln in lines if ln.strip()), "")
    reader = csv.reader(lines, delimiter=_delimiter(first))
    grid = []
    try:
        for cells in reader:
            if any(c.strip() for c in cells):
                grid.append((reader.line_num, [c.strip() for c in cells]))
    except csv.Error as exc:
        raise _error(file, reader.line_num, "(CSV)", f"de regel kan niet gelezen worden ({exc})",
                     "controleer de aanhalingstekens op die regel; " + _SAVE_AS) from None
    return grid


def xlsx_grid(file: Path, sheet: str = "") -> list[tuple[int, list[Any]]]:
    """The rows of one sheet as (row number, cells), blank rows left out."""
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    _refuse_zip_bomb(file)
    try:
        book = load_workbook(file, read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError, TypeError, EOFError, OSError):
        raise _error(file, None, "(bestand)", "dit is geen geldig Excel-bestand (.xlsx): het kan niet geopend "
                     "worden", "open het in Excel en bewaar het opnieuw als 'Excel-werkmap (.xlsx)', of bewaar "
                     "het als CSV en verwijs naar het .csv-bestand") from None
    try:
        if sheet and sheet not in book.sheetnames:
            raise _error(file, None, "blad", f"het werkblad '{sheet}' bestaat niet",
                         f"kies een van de bladen: {', '.join(book.sheetnames)}")
        ws = book[sheet] if sheet else book.worksheets[0]
        grid = []
        for number, row in enumerate(ws.iter_rows(values_only=True), start=1):
            if number > MAX_ROWS:
                raise _error(file, number, "(bestand)", f"het blad heeft meer dan {MAX_ROWS:,} rijen".replace(",", "."),
                             "houd alleen de rijen van de regio over")
            cells = [v.strip() if isinstance(v, str) else v for v in row[:MAX_COLUMNS]]
            if any(v not in (None, "") for v in cells):
                grid.append((number, cells))
    except ParamsError:
        raise
    except (zipfile.BadZipFile, KeyError, ValueError, TypeError, EOFError, OSError) as exc:
        raise _error(file, None, "(bestand)", f"het Excel-bestand is beschadigd ({str(exc)[:80]})",
                     "open het in Excel en bewaar het opnieuw als 'Excel-werkmap (.xlsx)'") from None
    finally:
        book.close()
    return grid


def read_rows(file: Path, sheet: str = "", required: tuple[str, ...] = ()) -> list[tuple[int, dict[str, Any]]]:
    """Rows of a CSV or XLSX file as (line/row number, {column: value}), with Dutch errors.

    ``required`` columns must be in the header; when row 1 lacks them but a row below has them,
    the error says row 1 is a title line to delete.
    """
    file = Path(file)
    content = read_bytes(file)
    grid_is_xlsx = file.suffix.lower() in (".xlsx", ".xlsm")
    if grid_is_xlsx:
        grid = xlsx_grid(file, sheet)
    else:
        grid = csv_grid(file, content)
    if not grid:
        raise _error(file, 1, "(bestand)", "het bestand bevat geen rijen", "zet de kolomnamen op regel 1")
    header_line, header = grid[0]
    names = [str(h).strip() if h is not None else "" for h in header]
    missing = [c for c in required if c not in names]
    if missing:
        _explain_missing_header(file, grid, header_line, missing, names, required)
    rows = []
    for number, cells in grid[1:]:
        if len(cells) > len(names) and any(c not in (None, "") for c in cells[len(names):]):
            raise _error(file, number, "(kolommen)", f"deze rij heeft {len(cells)} cellen, de kolomkop maar "
                         f"{len(names)}", "zet tekst met het scheidingsteken tussen aanhalingstekens, of voeg een "
                         "kolomnaam toe")
        empty = None if grid_is_xlsx else ""
        rows.append((number, {h: (cells[i] if i < len(cells) else empty) for i, h in enumerate(names) if h}))
    return rows


def _explain_missing_header(file, grid, header_line, missing, names, required) -> None:
    for line, cells in grid[1:TITLE_SEARCH_ROWS + 1]:
        if all(c in [str(v).strip() if v is not None else "" for v in cells] for c in required):
            lines = f"regel {header_line}" if line == header_line + 1 else f"regels {header_line}–{line - 1}"
            raise _error(file, header_line, "(kolomkop)", f"{lines} is geen kolomkop: de kolomnamen staan pas op "
                         f"regel {line}", "verwijder de titelregel(s) boven de kolomnamen, zodat de kolomnamen "
                         "op regel 1 staan")
    shown = ", ".join(n for n in names if n)[:300] or "(leeg)"
    raise _error(file, header_line, "(kolomkop)", f"kolom(men) {', '.join(repr(m) for m in missing)} ontbreken in "
                 f"de kolomkop (gevonden: {shown})", f"zet de kolomnamen {', '.join(required)} op regel 1")


def _refuse_zip_bomb(file: Path) -> None:
    """An XLSX of a few MB may unpack to gigabytes: refuse before openpyxl reads it."""
    try:
        with zipfile.ZipFile(file) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return  # not a zip at all: openpyxl's error is reported as "geen geldig Excel-bestand"
    if unpacked > XLSX_MAX_UNPACKED:
        raise _error(file, None, "(bestand)", f"het Excel-bestand is uitgepakt {unpacked / 1_048_576:.0f} MB groot "
                     f"(hoogstens {XLSX_MAX_UNPACKED // 1_048_576} MB)",
                     "houd alleen de gegevens van de regio over, of bewaar ze als CSV")
