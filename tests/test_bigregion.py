"""A region of 30 gemeenten, 400 stakeholders, 8 SDs and 150 actions: nothing dropped, all readable.

The region is generated with real-looking Dutch names (bench/regions.py), run once through the
real pipeline (papermill, pandoc, typst), and its nota read back.
"""

from __future__ import annotations

import html as html_lib
import re
import sys

import pytest

from igskit import load_plan
from igskit.paths import PROJECT_DIR
from igskit.planning import bollenschema, objectives
from igskit.planning.figures import MAX_FIGURE_HEIGHT_IN, TEXT_WIDTH_IN
from igskit.run import pipeline

from .test_stakeholders import check_bollenschema

sys.path.insert(0, str(PROJECT_DIR / "bench"))
from regions import dutch_region  # noqa: E402

TRUNCATIONS = (r"[Ee]erste \d+ van \d+", r"\ben \d+ andere\b", r"\+ ?\d+ andere", r"\d+ andere \(")


@pytest.fixture(scope="module")
def big(tmp_path_factory):
    root = tmp_path_factory.mktemp("grote-regio")
    params = dutch_region(root / "params", municipalities=30, stakeholders=400, objectives=8, actions=150)
    outputs = root / "outputs"
    result = pipeline.run(params, outputs=outputs, progress=pipeline.Progress(write=lambda _line: None))
    plan = load_plan(params).plan
    region = outputs / plan.region.slug
    raw = (region / "nota.html").read_text(encoding="utf-8")
    body = re.sub(r'data:image/png;base64,[A-Za-z0-9+/=]+', "", raw)
    text = html_lib.unescape(re.sub(r"<[^>]+>", " ", re.sub(r"<(script|style)\b.*?</\1>", " ", body, flags=re.S)))
    return {"plan": plan, "result": result, "region": region, "html": raw, "text": re.sub(r"\s+", " ", text)}


def test_the_region_has_the_size_asked(big):
    plan = big["plan"]
    assert len(plan.region.municipalities) == 30
    assert len(plan.stakeholder_list) == 400
    assert len(plan.objectives) == 8
    assert sum(1 for _ in objectives.iter_actions(plan)) == 150
    assert not any(re.search(r"\d", m.name) for m in plan.region.municipalities)  # names, not "Gemeente 01"


def test_every_action_is_in_the_timeline_figures(big):
    plan = big["plan"]
    figures = objectives.timeline_figures(plan)
    codes = [code for item in figures for code in item.codes]
    expected = [objectives.number(plan)[a.id].code for *_x, a in objectives.iter_actions(plan)]
    assert codes == expected  # every action once, in order
    for item in figures:
        labels = [t.get_text() for t in item.figure.axes[0].get_yticklabels()]
        assert [label.split()[0] for label in labels] == item.codes  # the figure shows what its data says
        assert len(item.codes) <= objectives.TIMELINE_ROWS_PER_FIGURE
        assert min(t.get_fontsize() for t in item.figure.axes[0].get_yticklabels()) >= 7
        assert item.figure.get_figwidth() == pytest.approx(TEXT_WIDTH_IN)  # printed 1:1
        assert item.figure.get_figheight() <= MAX_FIGURE_HEIGHT_IN  # one page
    assert len(figures) > 1
    shown = re.findall(r"Tijdlijn \(deel (\d+) van (\d+)\)", big["text"])
    assert len(shown) == len(figures) and {int(n) for _i, n in shown} == {len(figures)}


def test_bollenschema_is_readable_at_print_size_and_names_everyone(big):
    plan = big["plan"]
    figures = bollenschema.bollenschema_figures(plan)
    measured = check_bollenschema(plan, figures)
    assert measured["smallest"] >= 7.0, measured["smallest"]
    assert all(item.figure.get_figheight() <= MAX_FIGURE_HEIGHT_IN for item in figures)
    for place in [*plan.region.municipality_names, "bovenlokaal"]:
        shown = " ".join(measured["names"][place])
        above, below = bollenschema.bubble_names(plan, place)
        for name in [*above, *below]:
            assert all(word in shown for word in name.split()), name
    assert len(figures) > 1
    assert len(re.findall(r"Bollenschema \(deel \d+ van \d+\)", big["text"])) == len(figures)
    table = bollenschema.actors_per_place_table(plan)
    listed = " ; ".join(table["Culturele actoren"]) + " ; " + " ; ".join(table["Niet-culturele actoren"])
    assert all(s.name in listed for s in plan.stakeholder_list)


def test_every_stakeholder_is_named_in_the_nota(big):
    text = big["text"]
    missing = [s.name for s in big["plan"].stakeholder_list if s.name not in text]
    assert not missing, missing[:5]
    assert "Alle stakeholders" in text  # the long categories' appendix
    assert (big["result"].version.path / "bijlage-stakeholders.qmd").is_file()


def test_nothing_says_it_left_something_out(big):
    text = big["text"]
    for pattern in TRUNCATIONS:
        assert not re.search(pattern, text), re.search(pattern, text).group(0)
    assert "andere (volledige lijst" not in text
    assert "…" not in text
