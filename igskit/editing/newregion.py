"""``igskit nieuw``: a new region's params file from its name and its gemeenten.

The gemeenten come from the reference data (NIS code, referentieregio, inhabitants on 1 January
2020 as a starting value); every other section is present with short Dutch guidance and the
placeholder 'IN TE VULLEN', which the nota shows as it is and the werkversie lists per step.
The file is valid at once, so ``igskit run`` makes a first draft straight away.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from igskit.errors import IgskitError, Problem
from igskit.params import gemeenten
from igskit.params import vocabulary as voc

THRESHOLD = 85_000
P = voc.PLACEHOLDER


class NewRegionError(IgskitError):
    """The new region cannot be made as asked (bad input: exit 2); nothing was written."""

    exit_code = 2

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        body = "\n".join(f"  - {p.render()}" for p in problems)
        super().__init__(f"de nieuwe regio is niet gemaakt:\n{body}\nEr is niets geschreven.")


@dataclass(frozen=True)
class NewRegion:
    params: Path
    indicators: Path
    total: int
    message: str


def slugify(name: str) -> str:
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii").lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")[:60].strip("-") or "regio"


def split_names(text: str) -> list[str]:
    return [n.strip() for n in re.split(r"[,;\n]", text) if n.strip()]


def resolve(names: list[str]) -> list[gemeenten.Gemeente]:
    """The gemeenten for the names typed; a NewRegionError with a fusion or suggestion per bad name."""
    problems, found = [], []
    for i, name in enumerate(names):
        g = gemeenten.find(name)
        if g is None:
            problems.append(Problem(None, None, f"--gemeenten [{i + 1}]", *gemeenten.unknown_name_advice(name)))
        elif g in found:
            problems.append(Problem(None, None, f"--gemeenten [{i + 1}]", f"'{g.name}' staat er twee keer in",
                                    "noem elke gemeente één keer"))
        else:
            found.append(g)
    if not found and not problems:
        problems.append(Problem(None, None, "--gemeenten", "er is geen enkele gemeente opgegeven",
                                "noem de deelnemende gemeenten, gescheiden door komma's"))
    if problems:
        raise NewRegionError(problems)
    return found


def dutch_int(number: int) -> str:
    return f"{number:,}".replace(",", ".")


def threshold_message(found: list[gemeenten.Gemeente]) -> str:
    total = sum(g.inhabitants_2020 for g in found)
    regions = sorted({g.reference_region for g in found})
    text = (f"Samen {dutch_int(total)} inwoners (Statbel, 1 januari {gemeenten.REFERENCE_YEAR}): "
            + ("boven" if total >= THRESHOLD else "ONDER")
            + f" de drempel van {dutch_int(THRESHOLD)} inwoners voor een IGS cultuur.")
    if total < THRESHOLD:
        text += " Breid de regio uit, of controleer met de recentste cijfers."
    if len(regions) > 1:
        by = {r: [g.name for g in found if g.reference_region == r] for r in regions}
        text += ("\nLet op: de gemeenten liggen in meer dan één referentieregio ("
                 + "; ".join(f"{r}: {', '.join(n)}" for r, n in by.items())
                 + "). Een IGS cultuur groepeert gemeenten uit één referentieregio; 'igskit check' blokkeert dit.")
    return text


def create(name: str, names: list[str], folder: Path) -> NewRegion:
    """Write ``folder/<id>.yml`` and ``folder/<id>/indicatoren.csv``; never overwrite."""
    name = name.strip()
    if not name:
        raise NewRegionError([Problem(None, None, "naam", "de regio heeft nog geen naam",
                                   "geef een naam, bv. igskit nieuw \"Cultuurregio Leie en Schelde\"")])
    found = resolve(names)
    slug = slugify(name)
    params = folder / f"{slug}.yml"
    indicators = folder / slug / "indicatoren.csv"
    for existing in (params, indicators):
        if existing.exists():
            raise NewRegionError([Problem(existing, None, "(bestand)", "dit bestand bestaat al; igskit nieuw "
                                       "overschrijft nooit een bestaand bestand",
                                       "kies een andere naam, of verplaats of verwijder het bestaande bestand")])
    folder.mkdir(parents=True, exist_ok=True)
    indicators.parent.mkdir(parents=True, exist_ok=True)
    indicators.write_text("gemeente,inwoners\n" + "".join(f"{g.name},{g.inhabitants_2020}\n" for g in found),
                          encoding="utf-8")
    params.write_text(params_text(name, slug, found), encoding="utf-8")
    total = sum(g.inhabitants_2020 for g in found)
    return NewRegion(params, indicators, total, threshold_message(found))


def ask(name: str = "", prompt: Callable[[str], str] = input,
        say: Callable[[str], None] = print) -> tuple[str, list[str]]:
    """Ask the region's name and its gemeenten on the terminal (Tab completes a gemeente's name)."""
    _enable_completion()
    while not name:
        name = prompt("Naam van de regio (bv. Cultuurregio Leie en Schelde): ").strip()
    say("Geef de deelnemende gemeenten, één per regel (Tab vult een naam aan); een lege regel om te stoppen.")
    names: list[str] = []
    while True:
        typed = prompt(f"Gemeente {len(names) + 1}: ").strip()
        if not typed:
            if names:
                return name, names
            continue
        g = gemeenten.find(typed)
        if g is None:
            message, hint = gemeenten.unknown_name_advice(typed)
            say(f"  {message}; {hint}")
            continue
        if g.name in names:
            say(f"  {g.name} staat er al in.")
            continue
        names.append(g.name)
        say(f"  {g.name}: NIS {g.nis}, {g.reference_region}, {dutch_int(g.inhabitants_2020)} inwoners (2020)")


def _enable_completion() -> None:
    try:
        import readline
    except ImportError:  # not every terminal has it; asking works without completion
        return

    def complete(text: str, state: int):
        options = gemeenten.complete(readline.get_line_buffer().strip() or text)
        return options[state] if state < len(options) else None

    readline.set_completer_delims("")
    readline.set_completer(complete)
    readline.parse_and_bind("tab: complete")


def _q(text: str) -> str:
    """A YAML scalar: quoted when plain YAML would read it differently."""
    if re.fullmatch(r"[A-Za-zÀ-ÿ][\wÀ-ÿ .,()'’/-]*", text) and ": " not in text and not text.endswith(":"):
        return text
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def params_text(name: str, slug: str, found: list[gemeenten.Gemeente]) -> str:
    today = dt.date.today().isoformat()
    regions = sorted({g.reference_region for g in found}, key=lambda r: -sum(g.reference_region == r for g in found))
    total = sum(g.inhabitants_2020 for g in found)
    out: list[str] = []
    add = out.append
    add(f"""# Params-bestand van {name}, gemaakt met 'igskit nieuw' op {today}.
#
# Uit dit ene bestand maakt 'igskit run params/{slug}.yml' de cultuurnota. Alles wat nog
# '{P}' is, toont de nota zo, en de werkversie somt het per planningsstap op; 'igskit check'
# zegt pas 'klaar' als er niets meer in te vullen is. params/voorbeeldregio.yml toont bij elke
# sleutel een uitgewerkt voorbeeld.
#
# Getallen schrijf je zonder duizendtalpunt en met een punt als decimaalteken: 76000, 9000.50.
# Een id (bv. prio-1, sd-1) schrijf je in kleine letters met '-' en verander je nooit meer.

# --- Regio -----------------------------------------------------------------------------------
regio:
  naam: {_q(name)}
  id: {slug}
  referentieregio: {regions[0]}
  subsidieperiode:
    van: 2027
    tot: 2032
  regiocoordinator:
    naam: {P}
    functie: regiocoördinator
    email: {P}
  # Inwoners: STARTWAARDE van Statbel op 1 januari {gemeenten.REFERENCE_YEAR} (bij een fusie van 2025 de som
  # van de vroegere gemeenten). Vervang ze door het recentste Statbel-cijfer, hier en in
  # {slug}/indicatoren.csv (beide moeten gelijk zijn). Samen nu {dutch_int(total)} inwoners;
  # de drempel voor een IGS cultuur is {dutch_int(THRESHOLD)}.
  # Per gemeente: één contactpersoon (komt in het zakelijk deel van de nota).
  gemeenten:""")
    for g in found:
        add(f"""    - naam: {_q(g.name)}
      nis: '{g.nis}'  # referentieregio {g.reference_region}, provincie {g.province}
      inwoners: {g.inhabitants_2020}  # startwaarde 1/1/{gemeenten.REFERENCE_YEAR}: vervang door het recentste cijfer
      contact:
        naam: {P}
        functie: {P}
        email: {P}""")
    add(f"""
# --- Planningsproces (seed 000 §1.3) -----------------------------------------------------------
# De vier fasen voorbereiden, verzamelen, verwerken en verspreiden met hun data, bv.:
#   fasen:
#     - fase: voorbereiden
#       van: 2028-06-01
#       tot: 2028-07-15
planning:
  fasen: []
  mijlpalen: []

# --- Stap 1: stakeholders -----------------------------------------------------------------------
# Wie betrek je, in welke categorie en hoe sterk? Vul aan met culturele, maatschappelijke en
# externe actoren en de doelgroepen (ook een OCMW en een vereniging waar armen het woord nemen).
# Een lange lijst kan ook in Excel: stakeholders: {{bestand: stakeholders.xlsx}}.
stakeholders:
  - id: team
    naam: {_q('Team ' + name)}
    categorie: intern
    subsector: team
    betrokkenheid: interne-planner""")
    for g in found:
        add(f"""  - id: cbs-{slugify(g.name)}
    naam: {_q('College van burgemeester en schepenen ' + g.name)}
    categorie: lokale-overheid
    subsector: college van burgemeester en schepenen
    gemeente: {_q(g.name)}
    betrokkenheid: formele-beslisser""")
    add(f"""
# --- Stap 2: omgevingsanalyse en SWOT (seed 004 §1) ---------------------------------------------
omgevingsanalyse:
  # Cijfers per gemeente: voeg kolommen toe aan {slug}/indicatoren.csv en beschrijf ze hier
  # (label, eenheid, bron; 'armoede: true' voor de armoede-indicatoren van de afsprakennota).
  indicatoren:
    bestand: {slug}/indicatoren.csv
    gemeentekolom: gemeente
    bevolkingskolom: inwoners
    kolommen:
      - kolom: inwoners
        label: Inwoners
        eenheid: inwoners
        bron: "{P}: bron van het recentste cijfer (nu Statbel, 1 januari {gemeenten.REFERENCE_YEAR})"
        aggregatie: som
  # De leidende vragen van de drie stappen; beantwoord ze (een vraag zonder antwoord blokkeert).""")
    for key, title in voc.ANALYSIS_STEPS.items():
        add(f"  # {title}\n  {key}:")
        for question in voc.LEADING_QUESTIONS[key]:
            add(f"    - vraag: {_q(question)}\n      antwoord: {P}")
    add("  # De vijf B's van een toegankelijk aanbod: score 1 (zwak) tot 5 (sterk) en een toelichting.\n  vijf_b:")
    for b in voc.FIVE_BS:
        add(f"    - dimensie: {b}\n      toelichting: {P}")
    add("""
# Elk punt van de SWOT noemt zijn bron(nen): soort stakeholder, consultatie, indicator,
# interne-analyse, netwerkanalyse of document, met een verwijzing.
swot:""")
    for quadrant, prefix in (("sterktes", "st"), ("zwaktes", "zw"), ("kansen", "ka"), ("bedreigingen", "be")):
        add(f"  {quadrant}:\n    - id: {prefix}-1\n      tekst: {P}\n      bronnen: []")
    add(f"""
# --- Stap 3: visie, prioriteiten en doelstellingen (seed 003) -----------------------------------
visie:
  tekst: {P}
  regierol: {P}

# Drie tot vijf inhoudelijke prioriteiten.
prioriteiten:
  - id: prio-1
    titel: {P}
  - id: prio-2
    titel: {P}
  - id: prio-3
    titel: {P}

# Strategische doelstellingen (SD) met operationele doelstellingen (ods) en acties. De codes
# (SD1, SD1-OD1, ...) berekent igskit uit de volgorde; de id's blijven.
doelstellingen:
  - id: sd-1
    titel: {P}
    prioriteit: prio-1
    ods:
      - id: od-1
        titel: {P}
        acties:
          - id: actie-1
            titel: {P}
            regierol: {P}
            actorrol: {P}
            spreiding: alle gemeenten  # of een lijst, bv. [{', '.join(g.name for g in found[:2])}]
            jaren: [2027, 2028]

# --- Stap 4: begroting --------------------------------------------------------------------------
# Bedragen in euro, zonder duizendtalpunt (76000, niet 76.000). De regels zijn parameters met hun
# bron; 'bevestigd: false' blijft een aandachtspunt tot de waarde definitief is.
begroting:
  indexatie: 0.02
  regels:
    max_per_inwoner:
      waarde: 0.90
      bron: Decreet bovenlokale cultuurwerking
      bevestigd: true
    minimum_subsidie:
      waarde: 100000
      bron: Decreet bovenlokale cultuurwerking, ontwerp van uitvoeringsbesluit
      bevestigd: false
    min_cofinanciering:
      waarde: 0.75
      bron: Decreet bovenlokale cultuurwerking, ontwerp van uitvoeringsbesluit
      bevestigd: false
  vlaamse_subsidie: maximum
  # Wat elke gemeente per inwoner (en/of vast) bijdraagt; 0 tot de raad van bestuur beslist.
  gemeentelijke_bijdragen:
    per_inwoner: 0
  # Personeel, bv. - functie: Regiocoördinator / vte: 1 / kost_per_vte: 76000
  personeel: []
  # Werkingskosten, bv. - omschrijving: Kantoor en communicatie / bedrag: 15000
  werking: []
  # Budget per actie (id uit de doelstellingen), bv. - actie: actie-1 / bedrag: 5000
  acties: []

# --- Stap 5: de nota ----------------------------------------------------------------------------
nota:
  titel: Cultuurnota 2027–2032
  formaten: [html, docx, pdf]
  # true als het IGS ook een bovenlokaal netwerk vrijetijdsparticipatie start (afsprakennota).
  afsprakennota: false
  teksten:""")
    from igskit.params.schema import NotaTexts

    for field in NotaTexts.model_fields.values():
        add(f"    {field.alias}: {P}")
    add("""
# --- Afsprakennota vrijetijdsparticipatie (seed 004) -------------------------------------------
# Alleen als het IGS ook een bovenlokaal netwerk vrijetijdsparticipatie start: zet hierboven
# 'afsprakennota: true' en haal de '#' weg voor deze regels (params/voorbeeldregio.yml toont alles).
# Wat het netwerk doet, markeer je bij de gewone secties: 'netwerk: true' bij een SD, OD of actie
# (met 'trekker: <stakeholder-id>' per actie), bij een regel van andere_inkomsten, personeel of
# werking (de begroting van het netwerk, met de netwerksubsidie), 'soort: bereik | drempels |
# samenwerking' bij een indicator, en per partner bij 'stakeholders' een blok:
#     netwerkpartner:
#       brengt: IN TE VULLEN        # in de eigen woorden van de partner
#       engageert: IN TE VULLEN
#       rollen: [operator]          # operator, promotor, visiebewaker, creatieve denker, kampioen
#       overleg: [netwerkoverleg]   # ids uit afsprakennota.overleg of van werkgroepen
#       trekker: false
#       # voor_gemeenten: [A, B]    # optioneel: de gemeenten die een regionale partner dekt
# Elke deelnemende gemeente heeft een OCMW (of zijn sociale dienst) en een vereniging waar armen
# het woord nemen als netwerkpartner nodig (armoedepartner: ocmw / armoedevereniging).
# afsprakennota:
#   naam: IN TE VULLEN                # de naam van het netwerk (titelpagina)
#   gemeenten: alle gemeenten         # of een lijst van de deelnemende gemeenten
#   armoedeanalyse: IN TE VULLEN
#   drempels: IN TE VULLEN
#   bevragingen:                      # wat mensen in armoede vertelden
#     - wie: IN TE VULLEN
#       hoe: IN TE VULLEN
#       wat: IN TE VULLEN
#   visie: IN TE VULLEN
#   participatie: [deelnemen]         # deelnemen en/of deelhebben
#   visie_gedeeld: IN TE VULLEN       # hoe de visie met de partners gedeeld werd
#   overleg:
#     - id: netwerkoverleg
#       naam: Netwerkoverleg vrijetijdsparticipatie
#       frequentie: IN TE VULLEN
#   samenwerking:                     # Arrow Roots: per domein hoe de samenwerking het invult
#     contextanalyse: IN TE VULLEN    # ook: actorenanalyse, rol_en_taakverdeling, procesafspraken,
#                                     # communicatie, middelen, relaties_en_vertrouwen,
#                                     # legitimiteit, monitoring, duurzaamheid
#   lokale_netwerken: []              # bestaande lokale netwerken: naam, gemeente, integratie (≤ 2033)""")
    return "\n".join(out) + "\n"


def write_message(result: NewRegion) -> str:
    return (f"{result.params} en {result.indicators} gemaakt.\n{result.message}\n"
            f"Vul aan wat '{P}' is en maak de eerste versie met: igskit run {result.params}")
