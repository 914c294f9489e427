import sys

import pytest

from igskit import load_plan
from igskit.paths import PROJECT_DIR
from igskit.planning import stakeholders

from .conftest import FIXTURES

sys.path.insert(0, str(PROJECT_DIR / "bench"))
from regions import large_region  # noqa: E402


def test_gaps_on_the_edge_case_region():
    plan = load_plan(FIXTURES / "kleineregio.yml").plan
    messages = [f.message for f in stakeholders.gaps(plan)]
    assert any("Expertise van buiten de regio" in m and m.startswith("Niemand") for m in messages)
    assert any("Gemeente Ekelbeek heeft nog geen partner" in m for m in messages)
    assert any("Geen OCMW" in m for m in messages)
    assert any("Geen Vereniging waar armen het woord nemen" in m for m in messages)


def test_demo_region_has_no_missing_category_or_poverty_partner():
    plan = load_plan("params/voorbeeldregio.yml").plan
    found = stakeholders.gaps(plan)
    assert not [f for f in found if f.status == "blokkerend"]


def test_priority_with_too_few_actors_is_flagged():
    plan = load_plan(FIXTURES / "kleineregio.yml").plan
    thin = [p for p in plan.priorities if sum(p.id in s.priorities for s in plan.stakeholder_list) < 3]
    messages = [f.message for f in stakeholders.gaps(plan)]
    for p in thin:
        assert any(p.title in m and "betrokken actor" in m for m in messages)


def test_relief_table_counts_every_stakeholder_once():
    plan = load_plan("params/voorbeeldregio.yml").plan
    table = stakeholders.relief_table(plan)
    assert table["Totaal"].sum() == len(plan.stakeholder_list)
    assert list(table["Zone"]) == ["Betrokken bij de besluitvorming",
                                   "Betrokken bij de visie- en strategieontwikkeling", "Informeren"]


def test_bollenschema_puts_cultural_actors_above():
    plan = load_plan(FIXTURES / "kleineregio.yml").plan
    fig = stakeholders.bollenschema_figure(plan)
    texts = [t.get_text() for ax in fig.axes for t in ax.texts]
    assert "(nog niemand)" in texts  # Ekelbeek's empty bubble
    assert any("Cultuurcentrum" in t or "cc" in t.lower() for t in texts)


def test_long_categories_are_cut_in_the_nota_but_complete_in_the_xlsx(tmp_path):
    from openpyxl import load_workbook

    plan = load_plan("params/voorbeeldregio.yml").plan
    table = stakeholders.category_table(plan, "maatschappelijk", limit=5)
    members = [s for s in plan.stakeholder_list if s.category == "maatschappelijk"]
    assert len(table) == 6 and table.iloc[-1]["Naam"].startswith(f"… en {len(members) - 5} andere")
    stakeholders.export_xlsx(plan, tmp_path / "stakeholders.xlsx")
    sheet = load_workbook(tmp_path / "stakeholders.xlsx")["Stakeholders"]
    assert sheet.max_row == len(plan.stakeholder_list) + 1
    assert [c.value for c in sheet[1]][:2] == ["Id", "Naam"]


@pytest.mark.parametrize("size", ["demo", "groot"])
def test_bollenschema_names_stay_inside_their_bubble(size, tmp_path):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    if size == "demo":
        plan = load_plan("params/voorbeeldregio.yml").plan
    else:
        plan = load_plan(large_region(tmp_path, municipalities=30, stakeholders=600, actions=30)).plan
    fig = stakeholders.bollenschema_figure(plan)
    renderer = fig.canvas.get_renderer()
    checked = 0
    for ax in fig.axes:
        for text in ax.texts:
            if text.get_transform() is not ax.transData:
                continue  # the place name above the bubble
            box = text.get_window_extent(renderer).transformed(ax.transData.inverted())
            corners = [(box.x0, box.y0), (box.x0, box.y1), (box.x1, box.y0), (box.x1, box.y1)]
            assert all(x * x + y * y <= 1.0 for x, y in corners), text.get_text()
            checked += 1
    plt.close(fig)
    assert checked == 2 * (len(plan.region.municipality_names) + 1)
