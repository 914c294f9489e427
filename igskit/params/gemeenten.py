"""The 285 Flemish gemeenten since the fusions of 2025, with their referentieregio (reference data).

Read once from ``igskit/params/data`` (see its README for the sources). Lookups ignore case,
accents, hyphens and extra spaces, so "sint martens latem" finds Sint-Martens-Latem; a name
of a gemeente that fused in 2025 finds the new gemeente, and an unknown name gets the closest
names as suggestions.
"""

from __future__ import annotations

import csv
import difflib
import functools
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"
GEMEENTEN_CSV = DATA_DIR / "gemeenten-vlaanderen.csv"
FUSIES_CSV = DATA_DIR / "fusies-2025.csv"
REFERENCE_YEAR = 2020


@dataclass(frozen=True)
class Gemeente:
    """One current Flemish gemeente."""

    nis: str
    name: str
    province: str
    reference_region: str
    inhabitants_2020: int


@dataclass(frozen=True)
class Fusion:
    """A fusion of 1 January 2025: the former gemeenten and the gemeente they form."""

    new: str
    former: tuple[str, ...]

    def sentence(self) -> str:
        """'Nazareth en De Pinte vormen sinds 2025 de gemeente Nazareth-De Pinte'."""
        return f"{dutch_join(self.former)} vormen sinds 2025 de gemeente {self.new}"


def dutch_join(names, word: str = "en") -> str:
    names = list(names)
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + f" {word} " + names[-1]


def normalize(name: str) -> str:
    """The form two spellings of one name share: lower case, no accents, '-' as a space."""
    text = unicodedata.normalize("NFKD", str(name)).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[\s\-‐–'’.]+", " ", text.lower()).strip()


@functools.cache
def all_gemeenten() -> tuple[Gemeente, ...]:
    with GEMEENTEN_CSV.open(encoding="utf-8", newline="") as handle:
        return tuple(Gemeente(r["nis"], r["gemeente"], r["provincie"], r["referentieregio"],
                              int(r["inwoners_2020"])) for r in csv.DictReader(handle))


@functools.cache
def _by_key() -> dict[str, Gemeente]:
    return {normalize(g.name): g for g in all_gemeenten()}


@functools.cache
def fusions() -> tuple[Fusion, ...]:
    groups: dict[str, list[str]] = {}
    with FUSIES_CSV.open(encoding="utf-8", newline="") as handle:
        for r in csv.DictReader(handle):
            groups.setdefault(r["gemeente_nieuw"], []).append(r["gemeente_oud"])
    result = []
    for new, former in groups.items():
        # in the order the new name spells them (Nazareth en De Pinte), the others after
        ordered = sorted(former, key=lambda old: (new.find(old) if old in new else len(new) + 1))
        result.append(Fusion(new, tuple(ordered)))
    return tuple(result)


@functools.cache
def _fusion_by_former() -> dict[str, Fusion]:
    return {normalize(old): f for f in fusions() for old in f.former}


def reference_regions() -> list[str]:
    return sorted({g.reference_region for g in all_gemeenten()})


def find(name: str) -> Gemeente | None:
    """The current gemeente of that name (case and accents ignored), or ``None``."""
    return _by_key().get(normalize(name))


def fused_into(name: str) -> Fusion | None:
    """The 2025 fusion a former gemeente of that name went into (``None`` for a current name)."""
    if find(name) is not None:
        return None  # Hasselt, Tielt, ... are former and current names at once
    return _fusion_by_former().get(normalize(name))


def suggestions(name: str, n: int = 3) -> list[str]:
    """The closest current names, best first."""
    keys = _by_key()
    close = difflib.get_close_matches(normalize(name), list(keys), n=n, cutoff=0.6)
    return [keys[k].name for k in close]


def complete(prefix: str) -> list[str]:
    """Current names that start with what was typed (for the terminal's Tab completion)."""
    start = normalize(prefix)
    return [g.name for g in all_gemeenten() if normalize(g.name).startswith(start)]


def unknown_name_advice(name: str) -> tuple[str, str]:
    """Why a name is not a current gemeente, and what to write instead (Dutch)."""
    fusion = fused_into(name)
    if fusion is not None:
        return (f"'{name}' is geen gemeente meer: {fusion.sentence()}",
                f"schrijf '{fusion.new}' (met het inwonertal van de hele gemeente)")
    close = suggestions(name)
    if close:
        return (f"'{name}' is geen Vlaamse gemeente", f"bedoel je {dutch_join([repr(c) for c in close], 'of')}?")
    return (f"'{name}' is geen Vlaamse gemeente",
            "schrijf de officiële naam van de gemeente sinds 2025, bv. 'Sint-Martens-Latem'")
