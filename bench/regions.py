"""Generated regions for the benchmark: copies of the demo region, and one large region."""

from __future__ import annotations

import copy
import csv
import random
import shutil
from pathlib import Path

from ruamel.yaml import YAML

from igskit.params import vocabulary as voc
from igskit.params.reading import read_document, to_plain, yaml_round_trip
from igskit.paths import PARAMS_DIR

DEMO = PARAMS_DIR / "voorbeeldregio.yml"


def demo_copy(folder: Path, slug: str = "voorbeeldregio") -> Path:
    """The demo region under another id (its own outputs folder)."""
    folder.mkdir(parents=True, exist_ok=True)
    doc = read_document(DEMO)
    doc["regio"]["id"] = slug
    target = folder / f"{slug}.yml"
    with target.open("w", encoding="utf-8") as fh:
        yaml_round_trip().dump(doc, fh)
    shutil.copytree(DEMO.parent / DEMO.stem, folder / slug, dirs_exist_ok=True)
    doc["omgevingsanalyse"]["indicatoren"]["bestand"] = f"{slug}/indicatoren.csv"
    with target.open("w", encoding="utf-8") as fh:
        yaml_round_trip().dump(doc, fh)
    return target


def _process_for(data: dict, names: list[str], people: list[dict]) -> None:
    """Point the demo's stappenplan, working groups and reflections at the generated region."""
    roadmap = data.get("stappenplan", {})
    for step in roadmap.get("stappen", {}).values():
        step.pop("betrokken", None)
    if roadmap.get("gemeenten"):
        template = roadmap["gemeenten"][0]
        roadmap["gemeenten"] = [{**template, "gemeente": n} for n in names]
    for item in roadmap.get("samenwerkingen", []):
        item.pop("stakeholder", None)
        item.pop("gemeenten", None)
    for group in data.get("werkgroepen", []):
        members = [p["id"] for p in people if group["prioriteit"] in p["prioriteiten"]][:8]
        group["trekker"], group["leden"] = members[0], members
        group["voorgesteld"] = [od["id"] for sd in data["doelstellingen"] if sd.get("prioriteit") == group["prioriteit"]
                                for od in sd["ods"]]
    for moment in data.get("monitoring", {}).get("reflectiemomenten", []):
        moment.pop("met", None)


def _network_for(data: dict, sd_ids: list[str], names: list[str], people: list[dict]) -> None:
    """The network vrijetijdsparticipatie of a generated region: its SDs, its poverty partners as
    network partners, and the demo's afsprakennota without the demo's gemeenten."""
    for sd in data["doelstellingen"]:
        sd.pop("netwerk", None)
        if sd["id"] in sd_ids:
            sd["netwerk"] = True
        for od in sd.get("ods", []):
            od.pop("netwerk", None)
            for action in od.get("acties", []):
                action.pop("netwerk", None)
                action.pop("trekker", None)
    agreement = data["afsprakennota"]
    agreement["gemeenten"] = voc.ALL_MUNICIPALITIES
    for survey in agreement.get("bevragingen", []):
        survey.pop("gemeenten", None)
    agreement["lokale_netwerken"] = [{**n, "gemeente": names[0]} for n in agreement.get("lokale_netwerken", [])[:1]]
    meetings = [m["id"] for m in agreement.get("overleg", [])][:1]
    for person in people:
        if person.get("armoedepartner"):
            person["netwerkpartner"] = {"brengt": "Kennis van armoede in de eigen gemeente.",
                                        "engageert": "Neemt deel aan het netwerkoverleg en leidt toe.",
                                        "rollen": ["promotor"], "overleg": meetings}


def large_region(folder: Path, municipalities: int = 30, stakeholders: int = 2000, actions: int = 300,
                 seed: int = 7) -> Path:
    """A region of the given size, built from the demo region's texts and rules."""
    rng = random.Random(seed)
    data = to_plain(read_document(DEMO))
    data = copy.deepcopy(data)
    names = [f"Gemeente {i:02d}" for i in range(1, municipalities + 1)]
    template = data["regio"]["gemeenten"][0]
    data["regio"]["id"] = "grote-regio"
    data["regio"]["naam"] = "Grote voorbeeldregio"
    data["regio"]["gemeenten"] = [{**copy.deepcopy(template), "naam": n, "inwoners": rng.randint(6000, 40000),
                                   "contact": {**template["contact"], "email": f"cultuur@gemeente{i}.example"}}
                                  for i, n in enumerate(names, start=1)]
    priorities = [p["id"] for p in data["prioriteiten"]]
    involvements = list(voc.INVOLVEMENTS)
    people = []
    for i in range(stakeholders):
        category = list(voc.CATEGORIES)[i % len(voc.CATEGORIES)]
        people.append({"id": f"actor-{i:04d}", "naam": f"Actor {i:04d}", "categorie": category,
                       "subsector": voc.SUBSECTORS[category][i % len(voc.SUBSECTORS[category])],
                       "gemeente": names[i % len(names)] if i % 7 else voc.BOVENLOKAAL,
                       "betrokkenheid": involvements[i % len(involvements)],
                       "fasen": ["verzamelen"] if i % 2 else ["verzamelen", "verwerken"],
                       "prioriteiten": [priorities[i % len(priorities)]],
                       **({"armoedepartner": "ocmw"} if i % 97 == 0 else {}),
                       **({"armoedepartner": "armoedevereniging"} if i % 101 == 0 else {})})
    data["stakeholders"] = people
    per_od = max(1, actions // (len(data["doelstellingen"]) * 5))
    count = 0
    for s, sd in enumerate(data["doelstellingen"]):
        sd["ods"] = []
        for o in range(5):
            od = {"id": f"od-{s}-{o}", "titel": f"Operationele doelstelling {s + 1}.{o + 1}", "acties": []}
            for a in range(per_od):
                if count >= actions:
                    break
                count += 1
                od["acties"].append({"id": f"a-{s}-{o}-{a}", "titel": f"Actie {count}",
                                     "regierol": "Partners bovenlokaal samenbrengen; gezamenlijke communicatie",
                                     "actorrol": "Lokaal uitvoeren", "spreiding": rng.sample(names, 3),
                                     "jaren": sorted(rng.sample(range(2027, 2033), 2) + [2027]),
                                     "partners": [f"actor-{rng.randrange(stakeholders):04d}"]})
            sd["ods"].append(od)
    data["begroting"]["acties"] = [{"actie": f"a-{s}-0-0", "bedrag": 1000} for s in range(len(data["doelstellingen"]))]
    data["swot"] = {q: [{**item, "bronnen": [b for b in item.get("bronnen", []) if b["soort"] != "stakeholder"]}
                        for item in items] for q, items in data["swot"].items()}
    _network_for(data, [sd["id"] for sd in data["doelstellingen"]], names, people)
    # the demo's gemeenten are not in this region: their budget exceptions and five-B scores go with them
    contributions = data["begroting"]["gemeentelijke_bijdragen"]
    contributions["afwijkingen"] = [{**a, "gemeente": names[0]} for a in contributions.get("afwijkingen", [])[:1]]
    data["omgevingsanalyse"]["vijf_b"] = [b for b in data["omgevingsanalyse"].get("vijf_b", [])
                                         if b.get("gemeente", voc.BOVENLOKAAL) == voc.BOVENLOKAAL]
    _process_for(data, names, people)
    if data.get("goedkeuring"):  # the demo's gemeenteraden are not in the generated region
        data["goedkeuring"]["gemeenteraden"] = []

    folder.mkdir(parents=True, exist_ok=True)
    (folder / "grote-regio").mkdir(exist_ok=True)
    columns = [c["kolom"] for c in data["omgevingsanalyse"]["indicatoren"]["kolommen"]]
    with (folder / "grote-regio" / "indicatoren.csv").open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        header = ["gemeente", *dict.fromkeys(["inwoners", *columns])]
        writer.writerow(header)
        for m in data["regio"]["gemeenten"]:
            writer.writerow([m["naam"], m["inwoners"], *[round(rng.uniform(1, 30), 1) for _ in header[2:]]])
    data["omgevingsanalyse"]["indicatoren"]["bestand"] = "grote-regio/indicatoren.csv"
    target = folder / "grote-regio.yml"
    _write_yaml(data, target)
    return target


def _write_yaml(data: dict, target: Path) -> None:
    """Write generated params without anchors or aliases (a params file may not hold them)."""
    yaml = YAML()
    yaml.default_flow_style = False
    yaml.representer.ignore_aliases = lambda *_args: True
    with target.open("w", encoding="utf-8") as fh:
        yaml.dump(_jsonable(data), fh)


def _leaves(node, change):
    """``node`` (dicts and lists of plain values) with ``change`` applied to every leaf."""
    if isinstance(node, dict):
        return {k: _leaves(v, change) for k, v in node.items()}
    if isinstance(node, list):
        return [_leaves(v, change) for v in node]
    return change(node)


def _jsonable(node):
    from decimal import Decimal

    return _leaves(node, lambda leaf: float(leaf) if isinstance(leaf, Decimal) else leaf)


# --- a large region with real-looking Dutch names (tests of "nothing dropped, everything readable") ---

_PLACE_HEADS = ("Wester", "Ooster", "Noorder", "Zuider", "Berken", "Linden", "Hazel", "Molen", "Rode", "Bree",
                "Kessel", "Heide", "Zand", "Eiken", "Vlasse", "Hulste", "Meer", "Steen", "Beuken", "Kapel")
_PLACE_TAILS = ("hoven", "dijk", "veld", "broek", "lo", "gem", "zele", "kerke", "rode", "beek", "donk", "straten")
_FIRST = ("An", "Bart", "Els", "Koen", "Lotte", "Mohamed", "Nele", "Pieter", "Sara", "Tom", "Yasmina", "Wim",
          "Hilde", "Jonas", "Fatima", "Stijn", "Lien", "Dirk", "Ines", "Ruben")
_LAST = ("Peeters", "Janssens", "Maes", "Jacobs", "Mertens", "Willems", "Claes", "Goossens", "Wouters",
         "De Smet", "Van den Broeck", "Vermeulen", "Dubois", "El Idrissi", "Vandamme", "Verhoeven")
# (category, subsector, name pattern); {g} is the gemeente, {n} a person
_ACTORS = (
    ("cultureel", "cultuurhuizen", "Cultuurcentrum {g}"),
    ("cultureel", "bibliotheken", "Openbare bibliotheek {g}"),
    ("cultureel", "amateurkunsten", "Koninklijke Harmonie Sint-Cecilia {g}"),
    ("cultureel", "amateurkunsten", "Toneelkring De Vrije Spelers {g}"),
    ("cultureel", "cultureel erfgoed", "Heemkundige kring {g} en omstreken"),
    ("cultureel", "professionele kunsten", "Kunstenwerkplaats Het Atelier {g}"),
    ("cultureel", "sociaal-cultureel", "Vormingplus-afdeling {g}"),
    ("cultureel", "cultuur- en vrijetijdsdiensten", "Academie voor Muziek, Woord en Dans {g}"),
    ("maatschappelijk", "welzijn", "OCMW {g}, sociale dienst"),
    ("maatschappelijk", "jeugd", "Jeugdhuis De Kelder {g}"),
    ("maatschappelijk", "sport", "Sportdienst {g}"),
    ("maatschappelijk", "onderwijs", "Basisschool De Regenboog {g}"),
    ("maatschappelijk", "toerisme", "Toeristische dienst {g}"),
    ("maatschappelijk", "welzijn", "Lokaal dienstencentrum {g}"),
    ("doelgroep", "kansengroepen", "Vereniging waar armen het woord nemen {g}"),
    ("doelgroep", "brugfiguren", "{n}, brugfiguur {g}"),
    ("doelgroep", "gemeenschappen", "Marokkaanse vrouwenvereniging {g}"),
    ("lokale-overheid", "college van burgemeester en schepenen", "College van burgemeester en schepenen {g}"),
    ("lokale-overheid", "adviesorgaan", "Cultuurraad {g}"),
    ("intern", "cultuur- en vrijetijdsdiensten", "Cultuur- en vrijetijdsdienst {g}"),
)
_REGIONAL = (
    ("extern", "steunpunten en expertisecentra", "Expertisecentrum vrijetijdsparticipatie, antenne {g}"),
    ("extern", "andere IGS'en cultuur", "IGS cultuur {g}land"),
    ("extern", "culturele bovenbouw", "Regionaal erfgoedcentrum {g}"),
    ("cultureel", "cultureel erfgoed", "Erfgoedcel {g}streek"),
    ("maatschappelijk", "welzijn", "CAW {g}streek, regio-onthaal"),
    ("intern", "team", "{n}, medewerker regiowerking"),
)
_SD_TITLES = ("Meer inwoners laten deelnemen aan cultuur", "Het aanbod in de regio afstemmen en versterken",
              "Samen met inwoners cultuur maken", "Het erfgoed van de regio zichtbaar maken",
              "Jongeren een eigen plek geven in het culturele leven", "Drempels voor mensen in armoede wegnemen",
              "De vrijwilligers van de verenigingen ondersteunen", "Cultuur en welzijn dichter bij elkaar brengen")
_ACTION_TEMPLATES = ("Een zomerfestival op het marktplein van {g}", "Een leesclub voor jongeren in {g}",
                     "Een verhalenwandeling langs het erfgoed van {g}", "Een gratis cultuurbus vanuit {g}",
                     "Workshops beeldende kunst in het dienstencentrum van {g}",
                     "Een vrijwilligersacademie voor de verenigingen van {g}",
                     "Een kansentarief voor het aanbod in {g}", "Een buurtvoorstelling met inwoners van {g}")


def dutch_region(folder: Path, municipalities: int = 30, stakeholders: int = 400, objectives: int = 8,
                 actions: int = 150, seed: int = 11) -> Path:
    """A region of the given size whose gemeenten, actors, SDs and actions have real-looking Dutch
    names (long ones too: "Academie voor Muziek, Woord en Dans Hulstebroek"), built on the demo."""
    rng = random.Random(seed)
    data = copy.deepcopy(to_plain(read_document(DEMO)))
    places = [h + t for h in _PLACE_HEADS for t in _PLACE_TAILS]
    rng.shuffle(places)
    names = sorted(places[:municipalities])
    template = data["regio"]["gemeenten"][0]
    data["regio"]["id"] = "grote-regio"
    data["regio"]["naam"] = "Cultuurregio Grote Beemden"
    data["regio"]["gemeenten"] = [{**copy.deepcopy(template), "naam": n, "inwoners": rng.randint(6000, 40000),
                                   "contact": {**template["contact"], "email": f"cultuur@{n.lower()}.example"}}
                                  for n in names]
    # the demo's references to its own gemeenten follow the new names
    demo_names = [m["naam"] for m in to_plain(read_document(DEMO))["regio"]["gemeenten"]]
    renamed = dict(zip(demo_names, names))
    for item in data["begroting"]["gemeentelijke_bijdragen"].get("afwijkingen", []):
        item["gemeente"] = renamed.get(item["gemeente"], item["gemeente"])
    for item in data["omgevingsanalyse"].get("vijf_b", []):
        if "gemeente" in item:
            item["gemeente"] = renamed.get(item["gemeente"], item["gemeente"])
    priorities = [p["id"] for p in data["prioriteiten"]]
    involvements = list(voc.INVOLVEMENTS)
    combos = [(cat, sub, pattern.format(g=g, n="{n}"), g) for pattern_set in (_ACTORS,)
              for g in names for cat, sub, pattern in pattern_set]
    rng.shuffle(combos)
    regional = [(cat, sub, pattern.format(g=g, n="{n}"), voc.BOVENLOKAAL)
                for g in ("Beemden", "Kempen", "Schelde") for cat, sub, pattern in _REGIONAL]
    chosen = regional + combos[: stakeholders - len(regional)]
    people, used = [], set()
    for i, (category, subsector, name, place) in enumerate(chosen):
        if "{n}" in name:
            name = name.format(n=f"{rng.choice(_FIRST)} {rng.choice(_LAST)}")
        while name in used:
            name += " (2)"
        used.add(name)
        people.append({"id": f"actor-{i:04d}", "naam": name, "categorie": category, "subsector": subsector,
                       "gemeente": place, "betrokkenheid": involvements[i % len(involvements)],
                       "fasen": ["verzamelen"] if i % 2 else ["verzamelen", "verwerken"],
                       "prioriteiten": [priorities[i % len(priorities)]],
                       **({"armoedepartner": "ocmw"} if name.startswith("OCMW") else {}),
                       **({"armoedepartner": "armoedevereniging"} if name.startswith("Vereniging waar") else {})})
    data["stakeholders"] = people
    sd_template = data["doelstellingen"][0]
    per_sd = [actions // objectives + (1 if s < actions % objectives else 0) for s in range(objectives)]
    count = 0
    data["doelstellingen"] = []
    for s in range(objectives):
        sd = {k: v for k, v in sd_template.items() if k not in ("ods",)}
        sd.update({"id": f"sd-{s + 1}", "titel": _SD_TITLES[s % len(_SD_TITLES)],
                   "prioriteit": priorities[s % len(priorities)], "ods": []})
        n_ods = 3
        for o in range(n_ods):
            od = {"id": f"od-{s + 1}-{o + 1}", "titel": f"{_SD_TITLES[s % len(_SD_TITLES)]}: spoor {o + 1}",
                  "acties": []}
            for _a in range(per_sd[s] // n_ods + (1 if o < per_sd[s] % n_ods else 0)):
                g = names[count % len(names)]
                title = _ACTION_TEMPLATES[(count + s) % len(_ACTION_TEMPLATES)].format(g=g)
                count += 1
                od["acties"].append({"id": f"a-{count:03d}", "titel": title,
                                     "regierol": "Partners bovenlokaal samenbrengen; gezamenlijke communicatie",
                                     "actorrol": "Lokaal uitvoeren", "spreiding": sorted(rng.sample(names, 3)),
                                     "jaren": sorted({2027, *rng.sample(range(2027, 2033), 2)}),
                                     "partners": [people[rng.randrange(len(people))]["id"]]})
            sd["ods"].append(od)
        data["doelstellingen"].append(sd)
    action_ids = [a["id"] for sd in data["doelstellingen"] for od in sd["ods"] for a in od["acties"]]
    data["begroting"]["acties"] = [{"actie": a, "bedrag": 1000 + 250 * (i % 7)} for i, a in enumerate(action_ids)]
    data["swot"] = {q: [{**item, "bronnen": [b for b in item.get("bronnen", []) if b["soort"] != "stakeholder"]}
                        for item in items] for q, items in data["swot"].items()}
    _network_for(data, [sd["id"] for sd in data["doelstellingen"][:2]], names, people)
    _process_for(data, names, people)
    if data.get("goedkeuring"):  # the demo's gemeenteraden are not in the generated region
        data["goedkeuring"]["gemeenteraden"] = []
    return _write_region(folder, data, rng)


def _write_region(folder: Path, data: dict, rng: random.Random) -> Path:
    slug = data["regio"]["id"]
    folder.mkdir(parents=True, exist_ok=True)
    (folder / slug).mkdir(exist_ok=True)
    columns = [c["kolom"] for c in data["omgevingsanalyse"]["indicatoren"]["kolommen"]]
    with (folder / slug / "indicatoren.csv").open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        header = ["gemeente", *dict.fromkeys(["inwoners", *columns])]
        writer.writerow(header)
        for m in data["regio"]["gemeenten"]:
            writer.writerow([m["naam"], m["inwoners"], *[round(rng.uniform(1, 30), 1) for _ in header[2:]]])
    data["omgevingsanalyse"]["indicatoren"]["bestand"] = f"{slug}/indicatoren.csv"
    target = folder / f"{slug}.yml"
    _write_yaml(data, target)
    return target


def renamed_region(folder: Path, names: list[str], slug: str = "netevallei",
                   title: str = "Cultuurregio Netevallei") -> Path:
    """The demo with its gemeenten renamed to ``names`` everywhere (stakeholders, actions, approvals):
    e.g. real gemeenten with long hyphenated names such as Sint-Katelijne-Waver."""
    data = copy.deepcopy(to_plain(read_document(DEMO)))
    old = [m["naam"] for m in data["regio"]["gemeenten"]]
    if len(names) != len(old):
        raise ValueError(f"the demo has {len(old)} gemeenten, not {len(names)}")
    renamed = dict(zip(old, names))

    def swap(leaf):
        if isinstance(leaf, str):
            for before, after in renamed.items():
                leaf = leaf.replace(before, after)
        return leaf

    data = _leaves(data, swap)
    data["regio"]["id"], data["regio"]["naam"] = slug, title
    return _write_region(folder, data, random.Random(3))
