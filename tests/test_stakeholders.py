import sys

import pytest

from igskit import load_plan
from igskit.params import vocabulary as voc
from igskit.paths import PARAMS_DIR, PROJECT_DIR
from igskit.planning import bollenschema, stakeholders

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
    figures = bollenschema.bollenschema_figures(plan)
    texts = [t.get_text() for item in figures for ax in item.figure.axes for t in ax.texts]
    assert "(nog niemand)" in texts  # Ekelbeek's empty bubble
    assert any("Cultuurcentrum" in t or "cc" in t.lower() for t in texts)
    for item in figures:
        ax = item.figure.axes[0]
        for text in ax.texts:
            gid = text.get_gid() or ""
            if gid.startswith("naam:") and text.get_text() != "(nog niemand)":
                place = gid[5:]
                above, below = bollenschema.bubble_names(plan, place)
                _x, y = text.get_position()
                centre = next(p for p in ax.patches if p.get_gid() == f"bol:{place}").center[1]
                in_above = any(text.get_text() in n for n in above)
                if in_above != any(text.get_text() in n for n in below):  # a line unique to one half
                    assert (y > centre) == in_above, text.get_text()


def test_every_stakeholder_is_listed_in_the_chapter_or_the_appendix(tmp_path):
    from openpyxl import load_workbook

    plan = load_plan("params/voorbeeldregio.yml").plan
    members = [s for s in plan.stakeholder_list if s.category == "maatschappelijk"]
    assert len(stakeholders.category_table(plan, "maatschappelijk")) == len(members)
    assert stakeholders.appendix_markdown(plan) is None  # the demo's lists fit the chapter
    stakeholders.export_xlsx(plan, tmp_path / "stakeholders.xlsx")
    sheet = load_workbook(tmp_path / "stakeholders.xlsx")["Stakeholders"]
    assert sheet.max_row == len(plan.stakeholder_list) + 1
    assert [c.value for c in sheet[1]][:2] == ["Id", "Naam"]


def check_bollenschema(plan, figures) -> dict:
    """Measure the bollenschema's artists: every name whole and inside its bubble, every text on the
    page, the smallest printed font; returns the names found per place and the smallest size."""
    from igskit.planning.figures import printed_size

    found: dict[str, list[str]] = {}
    smallest = 99.0
    for item in figures:
        fig = item.figure
        ax = fig.axes[0]
        renderer = fig.canvas.get_renderer()
        width, height = fig.get_size_inches()
        bubbles = {p.get_gid()[4:]: p for p in ax.patches if (p.get_gid() or "").startswith("bol:")}
        for text in ax.texts:
            smallest = min(smallest, printed_size(text.get_fontsize(), width))
            box = text.get_window_extent(renderer).transformed(ax.transData.inverted())
            assert 0 <= box.x0 and box.x1 <= width and 0 <= box.y0 and box.y1 <= height, text.get_text()
            gid = text.get_gid() or ""
            if gid.startswith("naam:"):
                circle = bubbles[gid[5:]]
                (cx, cy), r = circle.center, circle.radius
                corners = [(box.x0, box.y0), (box.x0, box.y1), (box.x1, box.y0), (box.x1, box.y1)]
                assert all((x - cx) ** 2 + (y - cy) ** 2 <= r * r for x, y in corners), text.get_text()
                found.setdefault(gid[5:], []).append(text.get_text())
            assert "…" not in text.get_text() and "andere" not in text.get_text()
    return {"names": found, "smallest": smallest}


@pytest.mark.parametrize("size", ["demo", "groot"])
def test_bollenschema_names_stay_inside_their_bubble(size, tmp_path):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    if size == "demo":
        plan = load_plan("params/voorbeeldregio.yml").plan
    else:
        plan = load_plan(large_region(tmp_path, municipalities=30, stakeholders=600, actions=30)).plan
    figures = bollenschema.bollenschema_figures(plan)
    measured = check_bollenschema(plan, figures)
    assert measured["smallest"] >= 7.0
    for place in [*plan.region.municipality_names, "bovenlokaal"]:
        shown = " ".join(measured["names"].get(place, []))
        for name in [*bollenschema.bubble_names(plan, place)[0], *bollenschema.bubble_names(plan, place)[1]]:
            assert all(word in shown for word in name.split()), name
    assert sorted(p for item in figures for p in item.places) == sorted(
        [*plan.region.municipality_names, "bovenlokaal"])
    plt.close("all")


def test_network_roles_come_from_netwerkrol_and_the_network_partners_roles():
    plan = load_plan(PARAMS_DIR / "voorbeeldregio.yml").plan
    table = stakeholders.network_roles_table(plan).set_index("Rol")
    champions = table.loc[voc.NETWORK_ROLES["kampioen"], "Wie"]
    assert "Marc Declercq" in champions  # netwerkrol: kampioen
    assert "Het Schakelhuis, vereniging waar armen het woord nemen, Kapelhoven" in champions  # rollen: [.., kampioen]
