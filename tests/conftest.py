"""Shared fixtures: copies of the demo and fixture regions that a test may change freely."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from ruamel.yaml.comments import CommentedMap

from igskit.params.reading import read_document, yaml_round_trip
from igskit.paths import PARAMS_DIR

FIXTURES = Path(__file__).parent / "fixtures"


def copy_region(source: Path, target_dir: Path) -> Path:
    """Copy a params file and its data folder (same stem) into ``target_dir``."""
    target_dir.mkdir(parents=True, exist_ok=True)
    target = target_dir / source.name
    shutil.copyfile(source, target)
    data = source.parent / source.stem
    if data.is_dir():
        shutil.copytree(data, target_dir / source.stem, dirs_exist_ok=True)
    return target


@pytest.fixture
def demo_params(tmp_path) -> Path:
    return copy_region(PARAMS_DIR / "voorbeeldregio.yml", tmp_path / "params")


@pytest.fixture
def small_params(tmp_path) -> Path:
    return copy_region(FIXTURES / "kleineregio.yml", tmp_path / "params")


def edit_params(path: Path, change) -> Path:
    """Apply ``change(doc)`` to a params file's ruamel document and write it back."""
    doc: CommentedMap = read_document(path)
    change(doc)
    with path.open("w", encoding="utf-8") as fh:
        yaml_round_trip().dump(doc, fh)
    return path
