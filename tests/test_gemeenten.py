"""The reference data shipped in the package: its invariants and the lookups built on it."""

from __future__ import annotations

import csv

from igskit.params import gemeenten


def test_reference_data_invariants():
    rows = gemeenten.all_gemeenten()
    assert len(rows) == 285
    assert len({g.nis for g in rows}) == 285 and len({g.name for g in rows}) == 285
    assert len(gemeenten.reference_regions()) == 15
    assert "Regio Gent" in gemeenten.reference_regions() and "Vlaamse Ardennen" in gemeenten.reference_regions()
    assert sum(g.inhabitants_2020 for g in rows) == 6_629_143
    assert all(g.inhabitants_2020 > 0 and len(g.nis) == 5 for g in rows)


def test_fusions_of_2025():
    with gemeenten.FUSIES_CSV.open(encoding="utf-8") as handle:
        records = list(csv.DictReader(handle))
    assert len(records) == 28
    assert len(gemeenten.fusions()) == 13
    by_nis = {g.nis: g for g in gemeenten.all_gemeenten()}
    for r in records:  # every fusion target exists, with its new code
        assert by_nis[r["nis_nieuw"]].name == r["gemeente_nieuw"]
    assert 300 - sum(len(f.former) - 1 for f in gemeenten.fusions()) == 285


def test_lookups_ignore_case_accents_and_hyphens():
    assert gemeenten.find("sint martens latem").name == "Sint-Martens-Latem"
    assert gemeenten.find("  DEINZE ").nis == "44083"
    assert gemeenten.find("Nazareth") is None
    assert gemeenten.fused_into("Hasselt") is None  # former and current name at once
    assert gemeenten.fused_into("Kortessem").new == "Hasselt"


def test_fusion_sentence_and_suggestions():
    for name in ("Nazareth", "De Pinte", "de pinte"):
        message, hint = gemeenten.unknown_name_advice(name)
        assert "Nazareth en De Pinte vormen sinds 2025 de gemeente Nazareth-De Pinte" in message
        assert "Nazareth-De Pinte" in hint
    assert gemeenten.fused_into("Herne").sentence() == \
        "Galmaarden, Gooik en Herne vormen sinds 2025 de gemeente Pajottegem"
    message, hint = gemeenten.unknown_name_advice("Deinse")
    assert "geen Vlaamse gemeente" in message and "'Deinze'" in hint
    assert "Sint-Martens-Latem" in gemeenten.complete("sint-m")
    assert all(name.startswith("Sint-M") for name in gemeenten.complete("Sint-M"))
