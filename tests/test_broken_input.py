"""A corpus of broken and hostile input: every case is refused with a Dutch message, exit 2.

Each case is a mutation of the demo params file (or of an input file it points to, generated
here with openpyxl and the csv module) run through the real command line entry,
``igskit.cli.main(["check", ...])``; a sample also through ``["run", ...]``. For every case:
exit code 2, a Dutch message naming the file and a line, row or field, no Python traceback,
and the outputs folder untouched. No kernel starts for invalid input, so the corpus is fast.
"""

from __future__ import annotations

import contextlib
import copy
import csv
import io
import os
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from igskit import cli
from igskit.paths import PARAMS_DIR

from .conftest import copy_region

DEMO = PARAMS_DIR / "voorbeeldregio.yml"
DEMO_TEXT = DEMO.read_text(encoding="utf-8")
DEMO_DATA = yaml.load(DEMO_TEXT, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
STAKEHOLDER_COLUMNS = ["id", "naam", "categorie", "subsector", "gemeente", "betrokkenheid", "fasen",
                       "prioriteiten", "netwerkrol", "armoedepartner", "noden", "cultureel"]


class _NoAliases(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):
    def ignore_aliases(self, data):
        return True


def dump(data) -> str:
    return yaml.dump(data, Dumper=_NoAliases, allow_unicode=True, sort_keys=False, width=100)


@dataclass
class Case:
    id: str
    build: Callable[[Path], None]  # changes the region copied to the params file's folder
    expect: tuple[str, ...] = ()  # words the message must contain (a field, a file name, ...)
    file: str = "voorbeeldregio.yml"  # the file the message must name


CASES: list[Case] = []


def case(id_: str, build, *expect: str, file: str = "voorbeeldregio.yml") -> None:
    CASES.append(Case(id_, build, tuple(expect), file))


# --- how a case changes the region -----------------------------------------------------------

def text(old: str, new: str, count: int = 1):
    def build(path: Path):
        content = path.read_text(encoding="utf-8")
        assert old in content, old
        path.write_text(content.replace(old, new, count), encoding="utf-8")
    return build


def raw(change: Callable[[bytes], bytes]):
    def build(path: Path):
        path.write_bytes(change(path.read_bytes()))
    return build


def data(change: Callable[[dict], None]):
    def build(path: Path):
        plan = copy.deepcopy(DEMO_DATA)
        change(plan)
        path.write_text(dump(plan), encoding="utf-8")
    return build


def get(plan, loc):
    for part in loc:
        plan = plan[part]
    return plan


def setter(loc, value):
    def change(plan):
        get(plan, loc[:-1])[loc[-1]] = value
    return change


def deleter(loc):
    def change(plan):
        del get(plan, loc[:-1])[loc[-1]]
    return change


def field(loc) -> str:
    out = ""
    for part in loc:
        out += f"[{part + 1}]" if isinstance(part, int) else ("." if out else "") + str(part)
    return out


def stakeholder_file(name: str, rows: list[list] | None = None, *, title: str | None = None,
                     encoding: str = "utf-8", delimiter: str = ",", sheet: str | None = None,
                     writer: Callable[[Path], None] | None = None):
    """Point 'stakeholders' at a generated CSV/XLSX file next to the params file."""
    def build(path: Path):
        target = path.parent / "voorbeeldregio" / name
        if writer is not None:
            writer(target)
        else:
            table = rows if rows is not None else stakeholder_rows()
            if name.endswith(".xlsx"):
                write_xlsx(target, ([[title]] if title else []) + table)
            else:
                buffer = io.StringIO()
                if title:
                    buffer.write(title + "\n")
                csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows(table)
                target.write_bytes(buffer.getvalue().encode(encoding))
        plan = copy.deepcopy(DEMO_DATA)
        plan["stakeholders"] = {"bestand": f"voorbeeldregio/{name}", **({"blad": sheet} if sheet else {})}
        path.write_text(dump(plan), encoding="utf-8")
    return build


def cell(value):
    """A params value as a spreadsheet cell: lists joined, needs ({id, tekst}) as their text, ja for true."""
    if isinstance(value, list):
        return "; ".join(v["tekst"] if isinstance(v, dict) else str(v) for v in value) if any(
            isinstance(v, dict) for v in value) else ", ".join(value)
    return "ja" if value is True else value


def stakeholder_rows() -> list[list]:
    rows = [STAKEHOLDER_COLUMNS]
    for s in DEMO_DATA["stakeholders"]:
        rows.append([cell(s.get(c, "")) for c in STAKEHOLDER_COLUMNS])
    return rows


def write_xlsx(target: Path, rows: list[list], sheet: str = "Stakeholders") -> None:
    from openpyxl import Workbook

    book = Workbook()
    ws = book.active
    ws.title = sheet
    for row in rows:
        ws.append(row)
    book.save(target)


def indicator_csv(change: Callable[[str], str]):
    def build(path: Path):
        target = path.parent / "voorbeeldregio" / "indicatoren.csv"
        target.write_bytes(change(target.read_text(encoding="utf-8")).encode("utf-8"))
    return build


def both(*builds):
    def build(path: Path):
        for b in builds:
            b(path)
    return build


# --- 1. a required key deleted ------------------------------------------------------------------

REQUIRED = [("regio",), ("regio", "naam"), ("regio", "id"), ("regio", "referentieregio"), ("regio", "gemeenten"),
            ("regio", "gemeenten", 0, "naam"), ("regio", "gemeenten", 1, "inwoners"),
            ("regio", "gemeenten", 2, "contact"), ("regio", "gemeenten", 3, "contact", "email"),
            ("regio", "regiocoordinator", "naam"), ("planning", "fasen", 0, "fase"), ("planning", "fasen", 1, "van"),
            ("planning", "mijlpalen", 2, "datum"), ("stakeholders",), ("stakeholders", 0, "id"),
            ("stakeholders", 3, "naam"), ("stakeholders", 5, "categorie"), ("stakeholders", 7, "betrokkenheid"),
            ("omgevingsanalyse", "indicatoren", "bestand"), ("omgevingsanalyse", "indicatoren", "kolommen", 0, "bron"),
            ("swot", "sterktes", 0, "tekst"), ("swot", "kansen", 1, "bronnen", 0, "soort"), ("visie",),
            ("visie", "regierol"), ("prioriteiten",), ("prioriteiten", 1, "titel"), ("doelstellingen",),
            ("doelstellingen", 0, "titel"), ("doelstellingen", 1, "ods", 0, "id"),
            ("doelstellingen", 0, "ods", 0, "acties", 0, "titel"), ("begroting",), ("begroting", "regels"),
            ("begroting", "regels", "max_per_inwoner", "bron"), ("begroting", "gemeentelijke_bijdragen"),
            ("begroting", "personeel", 0, "vte"), ("begroting", "acties", 0, "actie")]
for _loc in REQUIRED:
    case(f"ontbreekt-{field(_loc)}", data(deleter(_loc)), str(_loc[-1]) if isinstance(_loc[-1], str) else "")


# --- 2. a group of fields where one value belongs: every kind of field in the demo -----------------

def leaf_paths(node, loc=(), norm=(), seen=None):
    seen = {} if seen is None else seen
    if isinstance(node, dict):
        for key, value in node.items():
            if isinstance(key, int):
                seen.setdefault(norm + ("jaar",), loc + (key,))
                break
            leaf_paths(value, loc + (key,), norm + (key,), seen)
    elif isinstance(node, list) and node and any(isinstance(v, (dict, list)) for v in node):
        for i, value in enumerate(node):
            leaf_paths(value, loc + (i,), norm + ("*",), seen)
    else:
        seen.setdefault(norm, loc)
    return seen


_names_seen: set[str] = set()
for _loc in leaf_paths(DEMO_DATA).values():
    _name = next(str(p) for p in reversed(_loc) if isinstance(p, str))
    if _name in _names_seen:
        continue  # one case per field name: 'naam' of a gemeente is tested, not of every contact
    _names_seen.add(_name)
    if len(_names_seen) % 2 == 0 and _loc[0] not in ("begroting", "nota"):
        continue  # every other one (speed), but every field of the budget and the nota
    case(f"geen-waarde-{field(_loc)}", data(setter(_loc, {"x": 1})), _name)


# --- 3. a value outside its vocabulary -------------------------------------------------------------

ENUMS = [(("stakeholders", 0, "categorie"), "kunst"), (("stakeholders", 0, "betrokkenheid"), "fan"),
         (("stakeholders", 0, "fasen"), ["voorbereiden", "nadenken"]), (("stakeholders", 0, "netwerkrol"), "baas"),
         (("stakeholders", 0, "subsector"), "ruimtevaart"), (("omgevingsanalyse", "vijf_b", 0, "dimensie"), "bemind"),
         (("swot", "zwaktes", 0, "bronnen", 0, "soort"), "roddel"),
         (("omgevingsanalyse", "indicatoren", "kolommen", 0, "aggregatie"), "mediaan"),
         (("planning", "fasen", 0, "fase"), "dromen"), (("nota", "formaten"), ["html", "odt"]),
         (("afsprakennota", "participatie"), ["deelnemen", "meedoen"]), (("begroting", "vlaamse_subsidie"), "veel"),
         (("doelstellingen", 0, "ods", 0, "acties", 0, "spreiding"), "sommige gemeenten"),
         (("regio", "id"), "Voorbeeld Regio!"), (("regio", "gemeenten", 0, "contact", "email"), "geen-adres"),
         (("regio", "gemeenten", 0, "inwoners"), -5), (("omgevingsanalyse", "vijf_b", 0, "score"), 9),
         (("begroting", "indexatie"), 0.9), (("begroting", "personeel", 0, "vte"), 0),
         (("regio", "subsidieperiode", "tot"), 2020), (("begroting", "werking", 0, "bedrag"), "9.000,50"),
         (("begroting", "werking", 1, "bedrag"), 12.345), (("stakeholders", 2, "cultureel"), "misschien")]
for _loc, _value in ENUMS:
    case(f"ongeldig-{field(_loc)}", data(setter(_loc, _value)), str(_loc[-1]))


# --- 4. broken YAML at several places --------------------------------------------------------------

case("yaml-aanhalingsteken-open", text("naam: Cultuurregio Wervelland", 'naam: "Cultuurregio Wervelland'), "regel")
case("yaml-inspringing-regio", text("  id: voorbeeldregio\n", "   id: voorbeeldregio\n"), "regel")
case("yaml-tab", text("  id: voorbeeldregio\n", "\tid: voorbeeldregio\n"), "regel")
case("yaml-haakje-open", text("fasen: [voorbereiden, verzamelen, verwerken, verspreiden]",
                              "fasen: [voorbereiden, verzamelen, verwerken, verspreiden"), "regel")
case("yaml-dubbele-sleutel", text("  id: voorbeeldregio\n", "  id: voorbeeldregio\n  id: nogeens\n"), "regel")
case("yaml-lijst-in-map", text("visie:\n", "visie:\n  - los\n"), "regel")
case("yaml-dubbelpunt-in-tekst", text("  titel: Cultuurnota 2027–2032", "  titel: Cultuurnota: 2027–2032"), "regel")
case("yaml-einde-kapot", raw(lambda b: b + b"\n  : : :\n- [\n"), "regel")
case("yaml-begin-kapot", raw(lambda b: b"]]\n" + b), "regel")
case("yaml-begroting-kapot", text("  indexatie: 0.02\n", "  indexatie: 0.02\n    regels: {\n"), "regel")
case("yaml-geen-map", raw(lambda b: b"- een\n- lijst\n"), "regel")
case("yaml-leeg", raw(lambda b: b""), "(bestand)")
case("yaml-alleen-commentaar", raw(lambda b: b"# niets\n"), "(bestand)")
case("yaml-tekst", raw(lambda b: b"gewoon een zin\n"), "(bestand)")


# --- 5. anchors, aliases and tags: refused before anything is built ---------------------------------

ANCHOR = "het bestand bevat een anker"
case("anker-en-verwijzing", text("  referentieregio: Referentieregio Beekland",
                                 "  referentieregio: &r Referentieregio Beekland\n  x: *r"), ANCHOR)
case("verwijzing-zonder-anker", text("    tot: 2032", "    tot: *einde"), "verwijzing")
case("merge-sleutel", text("  subsidieperiode:\n", "  subsidieperiode: &p\n"), ANCHOR)
case("tag-python-apply", text("naam: Cultuurregio Wervelland",
                              'naam: !!python/object/apply:os.system ["touch /tmp/gehackt"]'), "YAML-tag")
case("tag-python-name", text("naam: Cultuurregio Wervelland", "naam: !!python/name:os.system"), "YAML-tag")
case("tag-binary", text("naam: Cultuurregio Wervelland", "naam: !!binary aGFsbG8="), "YAML-tag")
case("tag-str", text("naam: Cultuurregio Wervelland", "naam: !!str Cultuurregio Wervelland"), "YAML-tag")
case("tag-eigen", text("naam: Cultuurregio Wervelland", "naam: !eigen Cultuurregio Wervelland"), "YAML-tag")
case("tag-op-sleutel", text("  fictief: true", "  !!str fictief: true"), "YAML-tag")
case("tag-directive", raw(lambda b: b"%TAG !e! tag:example.com,2000:\n---\n" + b.replace(
    b"\n  fictief: true", b"\n  fictief: !e!x true", 1)), "YAML-tag")
case("tag-timestamp", text("      van: 2025-05-19", "      van: !!timestamp 2025-05-19"), "YAML-tag")
case("tag-set", text("visie:\n", "visie: !!set\n"), "YAML-tag")


def alias_bomb(levels: int = 9) -> bytes:
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, levels + 1):
        lines.append(f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 9) + "]")
    return ("\n".join(lines) + "\n").encode()


case("aliasbom", raw(lambda b: alias_bomb()), ANCHOR)
case("aliasbom-onder-regio", raw(lambda b: b + b"\nextra:\n" + b"".join(
    b"  " + line + b"\n" for line in alias_bomb().splitlines())), ANCHOR)


# --- 6. huge values, deep nesting, many errors ------------------------------------------------------

case("bestand-te-groot", text("naam: Cultuurregio Wervelland", "naam: " + "x" * 2_200_000), "te groot")
case("enorme-ongeldige-waarde", text("    categorie: intern\n", "    categorie: " + "z" * 200_000 + "\n"), "categorie")
case("bedrag-oneindig", text("      bedrag: 9000", "      bedrag: .inf"), "begroting.werking[1].bedrag",
     "gewoon getal")
case("inwoners-nan", text("      inwoners: 34850", "      inwoners: .nan"), "regio.gemeenten[1].inwoners",
     "gewoon getal")
case("bedrag-40-cijfers", text("      bedrag: 9000", "      bedrag: " + "9" * 40), "te veel cijfers")
case("id-te-lang", text("  id: voorbeeldregio", "  id: " + "r" * 80), "regio.id", "te lang")
case("getal-5000-cijfers", text("      inwoners: 34850", "      inwoners: " + "9" * 5000), "regel")
case("diep-genest", text("  fictief: true", "  fictief: " + "[" * 200 + "]" * 200), "genest")
case("diep-ingesprongen", text("  fictief: true", "  fictief:\n" + "".join(
    "  " * (i + 2) + f"k{i}:\n" for i in range(60)) + "  " * 62 + "x"), "genest")
case("tienduizend-fouten", data(lambda p: p.__setitem__("stakeholders", [
    {"id": f"s{i}", "naam": "x", "categorie": "fout", "betrokkenheid": "supporter"} for i in range(1000)])),
    "andere fouten")


# --- 7. bytes that are not UTF-8 text --------------------------------------------------------------

case("nul-byte-midden", raw(lambda b: b.replace(b"Wervelland", b"Werv\x00elland", 1)), "NUL")
case("nul-byte-begin", raw(lambda b: b"\x00" + b), "NUL")
case("utf16", raw(lambda b: b.decode("utf-8").encode("utf-16")), "UTF-16")
case("cp1252", raw(lambda b: b.decode("utf-8").encode("cp1252", errors="replace")), "UTF-8")
case("latin1-midden", raw(lambda b: b.replace("regiocoördinator".encode(), "regiocoördinator".encode("latin-1"), 1)),
     "UTF-8")
case("stuurteken", text("naam: Cultuurregio Wervelland", "naam: Cultuurregio\x05Wervelland"), "stuurteken",
     "U+0005")
case("pagina-einde", text("  referentieregio: Referentieregio Beekland", "  referentieregio: Referentie\x0cregio"),
     "stuurteken")
case("binair", raw(lambda b: bytes(range(256)) * 10), "regel")


# --- 8. dates that do not exist ---------------------------------------------------------------------

case("datum-31-februari", text("      van: 2025-06-30", "      van: 2025-02-31"), "2025-02-31")
case("datum-maand-13", text("    - datum: 2025-05-19", "    - datum: 2025-13-19"), "2025-13-19")
case("datum-31-juni", text("      tot: 2025-10-10", "      tot: 2025-06-31"), "2025-06-31")
case("datum-tekst", text("    - datum: 2025-09-23", "    - datum: volgende week"), "datum")
case("datum-omgekeerd", text("      tot: 2025-06-27", "      tot: 2025-01-27"), "vóór")
case("datum-getal", text("    - datum: 2025-12-09", "    - datum: 20251209"), "datum")


# --- 9. paths in the params file ----------------------------------------------------------------------

IND = "bestand: voorbeeldregio/indicatoren.csv"


def symlink_out(name: str, target: str = "/etc/hostname"):
    def build(path: Path):
        (path.parent / "voorbeeldregio" / name).symlink_to(target)
    return build


def outside_csv(path: Path):
    (path.parent.parent / "buiten.csv").write_text("gemeente,inwoners\n", encoding="utf-8")


for _key, _line_old, _kind in [("indicatoren", IND, "csv"), ("stakeholders", None, "csv"),
                               ("referentiedocument", None, "docx")]:
    def _point(value, key=_key, line_old=_line_old):
        if key == "indicatoren":
            return text(line_old, f"bestand: {value}")
        if key == "stakeholders":
            return data(lambda p: p.__setitem__("stakeholders", {"bestand": value}))
        return data(lambda p: p["nota"].__setitem__("referentiedocument", value))
    _field = {"indicatoren": "omgevingsanalyse.indicatoren.bestand", "stakeholders": "stakeholders.bestand",
              "referentiedocument": "nota.referentiedocument"}[_key]
    case(f"pad-{_key}-etc-passwd", _point("/etc/passwd"), _field, "absoluut")
    case(f"pad-{_key}-omhoog", both(outside_csv, _point("../buiten.csv")), _field, "buiten de map")
    case(f"pad-{_key}-diep-omhoog", _point(f"voorbeeldregio/../../../../../../etc/x.{_kind}"), _field, "buiten")
    case(f"pad-{_key}-symlink-uit", both(symlink_out(f"link.{_kind}"), _point(f"voorbeeldregio/link.{_kind}")),
         _field, "symbolische koppeling")
    case(f"pad-{_key}-bestaat-niet", _point(f"voorbeeldregio/nergens.{_kind}"), _field, "bestaat niet")
    case(f"pad-{_key}-map", _point("voorbeeldregio"), _field, "map")
    case(f"pad-{_key}-verkeerde-soort", _point("voorbeeldregio.yml"), _field, "geen")
    case(f"pad-{_key}-thuismap", _point(f"~/x.{_kind}"), _field, "absoluut")
    case(f"pad-{_key}-windows", _point(f"C:\\Users\\x.{_kind}"), _field, "absoluut")
case("pad-indicatoren-pijp", both(lambda p: os.mkfifo(p.parent / "voorbeeldregio" / "pijp.csv"),
                                  text(IND, "bestand: voorbeeldregio/pijp.csv")), "geen gewoon bestand")
case("params-is-pijp", lambda p: (p.unlink(), os.mkfifo(p)), "geen gewoon bestand")
case("pad-symlink-lus", both(lambda p: (p.parent / "voorbeeldregio" / "lus.csv").symlink_to("lus.csv"),
                             text(IND, "bestand: voorbeeldregio/lus.csv")), "omgevingsanalyse.indicatoren.bestand")


# --- 10. references that point to nothing -----------------------------------------------------------

REFS = [
    (("begroting", "gemeentelijke_bijdragen", "afwijkingen", 0, "gemeente"), "Kapelhovn", "geen gemeente"),
    (("omgevingsanalyse", "vijf_b", 5, "gemeente"), "Atlantis", "geen gemeente"),
    (("begroting", "andere_inkomsten", 0, "per_jaar"), {2026: 8000}, "buiten de subsidieperiode"),
    (("begroting", "werking", 0, "per_jaar"), {2033: 1}, "buiten de subsidieperiode"),
    (("begroting", "acties", 1, "per_jaar"), {2027: 1, 2040: 5}, "buiten de subsidieperiode"),
    (("begroting", "personeel", 0, "jaren"), [2027, 2035], "buiten de subsidieperiode"),
    (("begroting", "acties", 0, "actie"), "a-bestaat-niet", "bestaat niet"),
    (("begroting", "acties", 2, "actie"), "a-drempelscan", "al een budget"),
    (("swot", "sterktes", 0, "bronnen", 0, "verwijzing"), "cc-nergens", "bestaat niet"),
    (("swot", "bedreigingen", 0, "bronnen", 0, "verwijzing"), "geen_kolom", "indicator"),
    (("doelstellingen", 0, "ods", 0, "acties", 0, "partners"), ["cc-kapelhoven", "onbekend"], "bestaat niet"),
    (("doelstellingen", 0, "ods", 0, "zie_ook"), ["od-nergens"], "geen andere doelstelling"),
    (("doelstellingen", 0, "ods", 0, "acties", 0, "zie_ook"), ["a-nergens"], "geen andere doelstelling"),
    (("afsprakennota", "doelstellingen"), ["sd-participatie"], "bestaat niet meer"),  # replaced by 'netwerk: true'
    (("doelstellingen", 0, "ods", 0, "acties", 0, "trekker"), "niemand", "bestaat niet"),
    (("stakeholders", 1, "netwerkpartner", "overleg"), ["overleg-nergens"], "bestaat niet"),
    (("stakeholders", 1, "netwerkpartner", "voor_gemeenten"), ["Kapelhoven", "Atlantis"], "bestaat niet"),
    (("afsprakennota", "lokale_netwerken", 0, "gemeente"), "Atlantis", "bestaat niet"),
    (("stakeholders", 0, "prioriteiten"), ["prio-nergens"], "bestaat niet"),
    (("doelstellingen", 0, "prioriteit"), "prio-nergens", "bestaat niet"),
    (("stakeholders", 1, "id"), "igs-regiocoordinator", "al gebruikt"),
    (("doelstellingen", 0, "ods", 0, "acties", 1, "id"), "sd-participatie", "al gebruikt"),
    (("stakeholders", 2, "gemeente"), "Brussel", "geen gemeente"),
    (("doelstellingen", 0, "ods", 0, "acties", 0, "spreiding"), ["Kapelhoven", "Parijs"], "geen gemeente"),
    (("doelstellingen", 0, "ods", 0, "acties", 0, "jaren"), [2026, 2027], "buiten de subsidieperiode"),
]
for _loc, _value, _word in REFS:
    _change = setter(_loc, _value)
    if _loc[-1] == "per_jaar":
        _change = (lambda loc, value: lambda p: (get(p, loc[:-1]).pop("bedrag", None), setter(loc, value)(p)))(
            _loc, _value)
    case(f"verwijzing-{field(_loc)}", data(_change), _word)
case("verwijzing-swot-id-dubbel", data(lambda p: p["swot"]["kansen"][0].__setitem__(
    "id", p["swot"]["sterktes"][0]["id"])), "swot.kansen[1].id", "al gebruikt")
case("verwijzing-swot-id-is-stakeholder-id", data(lambda p: p["swot"]["kansen"][0].__setitem__(
    "id", p["stakeholders"][0]["id"])), "al gebruikt")
case("verwijzing-afwijking-dubbel", data(lambda p: p["begroting"]["gemeentelijke_bijdragen"]["afwijkingen"].append(
    {"gemeente": "Kapelhoven", "vast": 100})), "al een afwijking")


# --- 11. input files: CSV and XLSX as people really save them -------------------------------------

ROWS = stakeholder_rows()
case("csv-titelregel", stakeholder_file("lijst.csv", title="Stakeholders Wervelland (export 2025)"),
     "regel 1 is geen kolomkop", file="lijst.csv")
case("csv-twee-titelregels", stakeholder_file("lijst.csv", [["Export"], [""], *ROWS]), "geen kolomkop",
     file="lijst.csv")
case("xlsx-titelregel", stakeholder_file("lijst.xlsx", title="Stakeholders Wervelland"),
     "regel 1 is geen kolomkop", file="lijst.xlsx")
case("csv-nul-byte", both(stakeholder_file("lijst.csv"), lambda p: (p.parent / "voorbeeldregio/lijst.csv").write_bytes(
    (p.parent / "voorbeeldregio/lijst.csv").read_bytes().replace(b"intern", b"in\x00tern", 1))), "NUL",
    file="lijst.csv")
case("csv-leeg", stakeholder_file("lijst.csv", writer=lambda t: t.write_bytes(b"")), "leeg", file="lijst.csv")
case("csv-alleen-witruimte", stakeholder_file("lijst.csv", writer=lambda t: t.write_bytes(b"\r\n  \r\n")), "leeg",
     file="lijst.csv")
case("csv-kolom-ontbreekt", stakeholder_file("lijst.csv", [[c for c in r[:5]] for r in ROWS]), "betrokkenheid",
     file="lijst.csv")
case("csv-dubbele-rij", stakeholder_file("lijst.csv", [*ROWS, ROWS[3]]), "twee keer", file="lijst.csv")
case("csv-dubbel-id", stakeholder_file("lijst.csv", [*ROWS, [ROWS[1][0], "Iemand anders", *ROWS[2][2:]]]),
     "twee keer", file="lijst.csv")
case("csv-foute-categorie", stakeholder_file("lijst.csv", [ROWS[0], ["x-1", "X", "kunst", "", "", "supporter"]]),
     "categorie", file="lijst.csv")
case("csv-te-veel-cellen", stakeholder_file("lijst.csv", [ROWS[0], [*ROWS[1], "extra", "nog"]]), "cellen",
     file="lijst.csv")
case("csv-utf16-zonder-bom-beschadigd", stakeholder_file("lijst.csv", writer=lambda t: t.write_bytes(
    "id,naam\n".encode("utf-16-le") + b"\x00")), "UTF-16", file="lijst.csv")
case("csv-onbekende-tekenset", stakeholder_file("lijst.csv", writer=lambda t: t.write_bytes(
    b"id,naam\n\x81\x8d\x8f\x90\x9d,x\n")), "tekenset", file="lijst.csv")
case("csv-onbekende-gemeente", stakeholder_file("lijst.csv", [ROWS[0], ["x-1", "X", "intern", "team", "Atlantis",
                                                                       "supporter"]]), "Atlantis")
case("xlsx-is-csv", stakeholder_file("lijst.xlsx", writer=lambda t: t.write_text("id,naam\n")), "geen geldig Excel",
     file="lijst.xlsx")
case("xlsx-willekeurig", stakeholder_file("lijst.xlsx", writer=lambda t: t.write_bytes(os.urandom(3000))),
     "geen geldig Excel", file="lijst.xlsx")
case("xlsx-zip-zonder-werkboek", stakeholder_file("lijst.xlsx", writer=lambda t: __import__("zipfile").ZipFile(
    t, "w").writestr("iets.txt", "hallo")), "geen geldig Excel", file="lijst.xlsx")
case("xlsx-blad-bestaat-niet", stakeholder_file("lijst.xlsx", sheet="Blad9"), "stakeholders.blad", "Blad9",
     "lijst.xlsx", "kies een van de bladen: Stakeholders")
case("xlsx-leeg", stakeholder_file("lijst.xlsx", []), "geen rijen", file="lijst.xlsx")
case("xlsx-dubbel-id", stakeholder_file("lijst.xlsx", [*ROWS, ROWS[2]]), "twee keer", file="lijst.xlsx")
case("xlsx-foute-waarde", stakeholder_file("lijst.xlsx", [ROWS[0], ["x-1", "X", "intern", "team", "", "baas"]]),
     "betrokkenheid", file="lijst.xlsx")
case("indicatoren-gemeente-dubbel", indicator_csv(lambda t: t + t.splitlines()[1] + "\n"), "twee keer",
     file="indicatoren.csv")
case("indicatoren-titelregel", indicator_csv(lambda t: "Cijfers per gemeente (bron: Statbel)\n" + t),
     "regel 1 is geen kolomkop", file="indicatoren.csv")
case("indicatoren-nul-byte", indicator_csv(lambda t: t.replace("Wervelde", "Werv\x00elde", 1)), "NUL",
     file="indicatoren.csv")
case("indicatoren-leeg", indicator_csv(lambda t: ""), "leeg", file="indicatoren.csv")
case("indicatoren-alleen-kolomnamen", indicator_csv(lambda t: t.splitlines()[0] + "\n"), "geen gemeenten",
     file="indicatoren.csv")
case("indicatoren-gemeentekolom-weg", indicator_csv(lambda t: t.replace("gemeente,", "stad,", 1)), "gemeente",
     file="indicatoren.csv")
case("indicatoren-geen-getal", indicator_csv(lambda t: t.replace("19.4", "veel", 1)), "geen getal",
     file="indicatoren.csv")
case("indicatoren-oneindig", indicator_csv(lambda t: t.replace("19.4", "inf", 1)), "geen gewoon getal",
     file="indicatoren.csv")
case("indicatoren-nan", indicator_csv(lambda t: t.replace("19.4", "NaN", 1)), "geen gewoon getal",
     file="indicatoren.csv")
case("indicatoren-1e400", indicator_csv(lambda t: t.replace("19.4", "1e400", 1)), "geen gewoon getal",
     file="indicatoren.csv")
case("indicatoren-onbekende-gemeente", indicator_csv(lambda t: t.replace("Wervelde", "Wervelde-Oost", 1)),
     "geen gemeente", file="indicatoren.csv")
case("indicatoren-aanhalingsteken-open", indicator_csv(lambda t: t.replace("Wervelde", '"Wervelde', 1)), "regel",
     file="indicatoren.csv")


# --- the tests ------------------------------------------------------------------------------------------

@pytest.fixture
def outputs(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "outputs"
    (folder / "voorbeeldregio").mkdir(parents=True)
    (folder / "voorbeeldregio" / "nota.html").write_text("vorige versie", encoding="utf-8")
    monkeypatch.setenv("IGSKIT_OUTPUTS", str(folder))
    return folder


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() if p.is_file() else b"" for p in sorted(folder.rglob("*"))}


def run_cli(args: list[str]) -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli.main(args)
    return code, out.getvalue() + err.getvalue()


def build_case(c: Case, tmp_path: Path) -> Path:
    params = copy_region(DEMO, tmp_path / "regio")
    c.build(params)
    return params


def assert_refused(c: Case, code: int, output: str) -> None:
    assert code == 2, output[:2000]
    assert "Traceback" not in output
    assert output.startswith("igskit: Het params-bestand bevat"), output[:500]
    assert "Er is niets uitgevoerd en niets overschreven." in output
    assert c.file in output, output[:2000]
    assert any(w in output for w in ("regel ", "rij ", "veld '")), output[:2000]
    assert "→" in output  # what to do
    for word in c.expect:
        assert word in output, (word, output[:2000])
    assert len(output) < 20_000  # never the whole of a huge value


def test_the_corpus_is_large_enough():
    assert len(CASES) >= 150
    assert len({c.id for c in CASES}) == len(CASES)


@pytest.mark.parametrize("c", CASES, ids=[c.id for c in CASES])
def test_broken_input_is_refused_with_a_dutch_message(c: Case, tmp_path, outputs):
    params = build_case(c, tmp_path)
    before = snapshot(outputs)
    code, output = run_cli(["check", str(params)])
    assert_refused(c, code, output)
    assert snapshot(outputs) == before


SAMPLE = ["aliasbom", "tag-python-apply", "datum-31-februari", "pad-indicatoren-etc-passwd",
          "pad-referentiedocument-etc-passwd", "pad-stakeholders-symlink-uit", "csv-titelregel", "xlsx-is-csv",
          "verwijzing-begroting.acties[1].actie", "nul-byte-midden", "utf16", "ontbreekt-regio.naam"]


@pytest.mark.parametrize("name", SAMPLE)
def test_run_refuses_before_any_kernel_starts(name, tmp_path, outputs):
    c = next(c for c in CASES if c.id == name)
    params = build_case(c, tmp_path)
    before = snapshot(outputs)
    start = time.perf_counter()
    code, output = run_cli(["run", str(params)])
    assert_refused(c, code, output)
    assert snapshot(outputs) == before
    assert time.perf_counter() - start < 5  # refused up front: no kernel, no notebook ran


def test_an_alias_bomb_is_refused_at_once_with_bounded_memory(tmp_path):
    from igskit import ParamsError, load_plan

    params = tmp_path / "bom.yml"
    params.write_bytes(alias_bomb(levels=12))  # 9**12 strings if it were expanded
    tracemalloc.start()
    start = time.perf_counter()
    with pytest.raises(ParamsError) as error:
        load_plan(params)
    elapsed = time.perf_counter() - start
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert elapsed < 1.0
    assert peak < 10 * 1024 * 1024
    assert error.value.problems[0].line == 1 and "anker" in error.value.problems[0].message


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every file")
def test_an_unreadable_params_file(tmp_path, outputs):
    params = copy_region(DEMO, tmp_path / "regio")
    params.chmod(0)
    code, output = run_cli(["check", str(params)])
    assert code == 2 and "leesrechten" in output and "Traceback" not in output


def test_a_folder_instead_of_a_params_file(tmp_path, outputs):
    code, output = run_cli(["check", str(tmp_path)])
    assert code == 2 and "dit is een map" in output and "Traceback" not in output


# --- what Excel writes is read correctly -------------------------------------------------------------

@pytest.mark.parametrize("encoding,delimiter", [("utf-8", ","), ("utf-8-sig", ";"), ("cp1252", ";"),
                                                ("utf-16", "\t")])
def test_a_stakeholder_csv_as_excel_saves_it(encoding, delimiter, tmp_path):
    from igskit import load_plan

    params = copy_region(DEMO, tmp_path / "regio")
    stakeholder_file("lijst.csv", encoding=encoding, delimiter=delimiter)(params)
    loaded = load_plan(params)
    names = [s.name for s in loaded.plan.stakeholders]
    assert names == [s["naam"] for s in DEMO_DATA["stakeholders"]]
    assert any("ö" in n or "é" in n or "ë" in n for n in names)


def test_a_stakeholder_xlsx_loads(tmp_path):
    from igskit import load_plan

    params = copy_region(DEMO, tmp_path / "regio")
    stakeholder_file("lijst.xlsx")(params)
    assert len(load_plan(params).plan.stakeholders) == len(DEMO_DATA["stakeholders"])


def test_an_xlsx_that_unpacks_too_big_is_refused(tmp_path, monkeypatch):
    from igskit import ParamsError, load_plan
    from igskit.params import tables

    params = copy_region(DEMO, tmp_path / "regio")
    stakeholder_file("lijst.xlsx")(params)
    monkeypatch.setattr(tables, "XLSX_MAX_UNPACKED", 10_000)  # a real zip bomb would take a while to build
    with pytest.raises(ParamsError) as error:
        load_plan(params)
    assert error.value.problems[0].file.name == "lijst.xlsx" and "uitgepakt" in error.value.problems[0].message


def test_the_demo_and_the_fixtures_load():
    from igskit import load_plan

    from .conftest import FIXTURES

    for path in [DEMO, *sorted(FIXTURES.glob("*.yml"))]:
        load_plan(path)
