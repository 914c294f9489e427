"""The fast reader gives exactly what ruamel gives, or leaves the file to ruamel."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from igskit.params import fastyaml
from igskit.params.load import load_plan
from igskit.params.reading import parse_document, to_plain
from igskit.paths import PARAMS_DIR, PROJECT_DIR

from .conftest import FIXTURES

sys.path.insert(0, str(PROJECT_DIR / "bench"))
from regions import large_region  # noqa: E402


def ruamel_plain(text: str):
    return to_plain(parse_document(text, Path("x.yml")))


@pytest.mark.parametrize("path", [PARAMS_DIR / "voorbeeldregio.yml", FIXTURES / "kleineregio.yml",
                                  FIXTURES / "wijzigingen-v1.yml", FIXTURES / "wijzigingen-v2.yml"])
def test_same_data_as_ruamel_for_the_shipped_files(path):
    text = path.read_text(encoding="utf-8")
    fast = fastyaml.load(text)
    assert fast is not None and to_plain(fast) == ruamel_plain(text)


def test_same_data_as_ruamel_for_a_large_generated_region(tmp_path):
    text = large_region(tmp_path, municipalities=8, stakeholders=300, actions=60).read_text(encoding="utf-8")
    assert to_plain(fastyaml.load(text)) == ruamel_plain(text)


# plain scalars YAML 1.1 and 1.2 disagree on, or that have several spellings
SAME = ["ja", "yes", "no", "on", "off", "y", "N", "true", "False", "12", "-3", "+4", "0", "2.50", "-0.5",
        "12:30", "2025-01-31", "null", "~", "", "'0123'", "\"1e3\"", "1.2.3",
        "3000 Leuven", "Cultuur & Co"]
UNSURE = ["0123", "1_000", "0x1F", "0o17", "0b101", "1e3", "1.5e3", ".5", "5.", ".inf", "-.inf", ".nan",
          "2025-01-31 10:00:00", "2025-1-3", "=", "<<"]


@pytest.mark.parametrize("scalar", SAME)
def test_scalars_read_as_ruamel_reads_them(scalar):
    text = f"waarde: {scalar}\nlijst: [{scalar}]\n"
    assert to_plain(fastyaml.load(text)) == ruamel_plain(text)


@pytest.mark.parametrize("scalar", UNSURE)
def test_unusual_number_forms_are_left_to_ruamel(scalar):
    assert fastyaml.load(f"waarde: {scalar}\n") is None


@pytest.mark.parametrize("text", ["a: 1\na: 2\n", "basis: &b {x: 1}\nander:\n  <<: *b\n", "%YAML 1.1\n---\na: yes\n",
                                  "a: !eigen 1\n", "a: [1, 2\n", "? [1, 2]\n: x\n"])
def test_duplicates_merges_directives_tags_and_errors_are_left_to_ruamel(text):
    assert fastyaml.load(text) is None


def test_an_invalid_file_still_gets_its_line_number(demo_params):
    from igskit.errors import ParamsError

    text = demo_params.read_text(encoding="utf-8").replace("inwoners: 34850", "inwoners: veel", 1)
    demo_params.write_text(text, encoding="utf-8")
    with pytest.raises(ParamsError) as error:
        load_plan(demo_params)
    line = next(i for i, row in enumerate(text.splitlines(), start=1) if "inwoners: veel" in row)
    assert error.value.problems[0].line == line
