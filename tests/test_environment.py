import math

import pandas as pd
import pytest

from igskit import load_plan
from igskit.planning import environment

from .conftest import FIXTURES


def test_weighted_mean_skips_missing_values():
    values = pd.Series([10.0, math.nan, 20.0])
    weights = pd.Series([1000, 5000, 3000])
    assert environment.weighted_mean(values, weights) == (10 * 1000 + 20 * 3000) / 4000
    assert math.isnan(environment.weighted_mean(pd.Series([math.nan]), pd.Series([10])))


def test_missing_indicator_is_shown_missing_not_zero():
    loaded = load_plan(FIXTURES / "kleineregio.yml")
    table = environment.indicator_table(loaded)
    assert math.isnan(table.loc["Rietmolen", "leefloon_per_1000"])
    shown = environment.format_indicator_table(loaded).set_index("Gemeente")
    column = next(c for c in shown.columns if c.startswith("Leefloon"))
    assert shown.loc["Rietmolen", column] == "–"
    assert any("Rietmolen" in f.message and "niet als nul" in f.message for f in environment.missing_values(loaded))


def test_region_row_is_sum_or_population_weighted():
    loaded = load_plan("params/voorbeeldregio.yml")
    table = environment.indicator_table(loaded)
    frame = environment.load_indicators(loaded)
    for col in loaded.plan.environment.indicators.columns:
        region = table.loc[environment.REGION_ROW, col.column]
        if col.aggregation == "som":
            assert region == frame[col.column].sum()
        elif col.aggregation == "gewogen-gemiddelde":
            expected = (frame[col.column] * frame["inwoners"]).sum() / frame["inwoners"].sum()
            assert abs(region - expected) < 1e-9


def test_threshold_of_85000_inhabitants():
    assert environment.threshold_finding(load_plan("params/voorbeeldregio.yml").plan).ok
    small = environment.threshold_finding(load_plan(FIXTURES / "kleineregio.yml").plan)
    assert small.status == "blokkerend" and "85.000" in small.message


def test_swot_items_trace_to_their_source():
    plan = load_plan("params/voorbeeldregio.yml").plan
    table = environment.swot_table(plan)
    assert set(table["SWOT"]) == {"Sterktes", "Zwaktes", "Kansen", "Bedreigingen"}
    assert "geen bron" not in set(table["Bron"])
    names = {s.name for s in plan.stakeholder_list}
    stakeholder_sources = [b for b in table["Bron"] if b.startswith("Stakeholder: ")]
    assert stakeholder_sources and all(src.split(": ", 1)[1].split(";")[0] in names for src in stakeholder_sources)
    assert not environment.swot_trace(plan)


def test_swot_with_a_dangling_source_is_flagged(demo_params):
    from igskit import ParamsError

    from .conftest import edit_params

    edit_params(demo_params, lambda doc: doc["swot"]["sterktes"][0].__setitem__(
        "bronnen", [{"soort": "stakeholder", "verwijzing": "bestaat-niet"}]))
    with pytest.raises(ParamsError) as error:  # a source that points to nothing is an error
        load_plan(demo_params)
    assert error.value.problems[0].field == "swot.sterktes[1].bronnen[1].verwijzing"
    assert "bestaat-niet" in error.value.problems[0].message
    edit_params(demo_params, lambda doc: (doc["swot"]["sterktes"][0].__setitem__("bronnen", []),
                                          doc["swot"]["zwaktes"][0].__setitem__("bronnen", [])))
    found = environment.swot_trace(load_plan(demo_params).plan)
    assert any("heeft geen bron" in f.message for f in found)


def test_swot_figures_draw_every_item_readably_on_as_many_pages_as_needed():
    import matplotlib

    matplotlib.use("Agg")
    from igskit.params.schema import SwotItem
    from igskit.planning.figures import MAX_FIGURE_HEIGHT_IN, MIN_PRINTED_PT, printed_size

    plan = load_plan(FIXTURES.parent.parent / "params" / "voorbeeldregio.yml").plan
    many = {q: [SwotItem(id=f"{q}-{n}", tekst=f"{q} punt {n}: een punt dat de werkgroep lang genoeg beschreef "
                                                f"om over twee regels te lopen in het kwadrant")
                for n in range(1, 31)] for q in ("sterktes", "zwaktes", "kansen", "bedreigingen")}
    plan = plan.model_copy(update={"swot": plan.swot.model_copy(update={
        "strengths": many["sterktes"], "weaknesses": many["zwaktes"], "opportunities": many["kansen"],
        "threats": many["bedreigingen"]})})
    figures = environment.swot_figures(plan)
    assert len(figures) > 1
    drawn = []
    for fig in figures:
        width, height = fig.get_size_inches()
        assert height <= MAX_FIGURE_HEIGHT_IN + 0.2
        for text in fig.findobj(matplotlib.text.Text):
            if text.get_text().strip():
                assert printed_size(text.get_fontsize(), width) >= MIN_PRINTED_PT
                drawn.append(" ".join(text.get_text().split()))
    everything = " ".join(drawn)
    assert "andere" not in everything
    for items in many.values():
        for item in items:
            assert " ".join(f"• {item.text}".split()) in everything, item.id
