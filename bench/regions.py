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
    data["afsprakennota"]["doelstellingen"] = [sd["id"] for sd in data["doelstellingen"]]
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
    yaml = YAML()
    yaml.default_flow_style = False
    with target.open("w", encoding="utf-8") as fh:
        yaml.dump(_jsonable(data), fh)
    return target


def _jsonable(node):
    from decimal import Decimal

    if isinstance(node, dict):
        return {k: _jsonable(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_jsonable(v) for v in node]
    if isinstance(node, Decimal):
        return float(node)
    return node
