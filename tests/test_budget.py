from decimal import Decimal

import pytest

from igskit import ParamsError, load_plan
from igskit.planning import budget

from .conftest import FIXTURES, edit_params


def test_euro_format():
    assert budget.euro(12345678) == "123.456,78"
    assert budget.euro(-5) == "-0,05"
    assert budget.euro(100000, symbol=True) == "€ 1.000,00"


def test_per_inhabitant_maths_in_cents():
    plan = load_plan(FIXTURES / "kleineregio.yml").plan
    rate = plan.budget.contributions.per_inhabitant
    expected = {m.name: budget.to_cents(rate * m.inhabitants) for m in plan.region.municipalities}
    assert budget.contributions(plan) == expected
    assert budget.to_cents(Decimal("0.90") * 117_853) == 10_606_770  # 106.067,70 exactly


def test_flemish_amount_derivation_uses_minimum_below_threshold():
    small = budget.subsidy_derivation(load_plan(FIXTURES / "kleineregio.yml").plan)
    assert small.by_rate == budget.to_cents(Decimal("0.90") * 59_800)
    assert small.allowed == small.minimum == 10_000_000
    demo = load_plan("params/voorbeeldregio.yml").plan
    d = budget.subsidy_derivation(demo)
    assert d.allowed == budget.to_cents(Decimal("0.90") * demo.region.inhabitants)


def test_asking_more_than_the_rules_allow_is_flagged(small_params):
    edit_params(small_params, lambda doc: doc["begroting"].__setitem__("vlaamse_subsidie", 250000))
    found = budget.checks(load_plan(small_params).plan)
    assert any(f.status == "blokkerend" and "hoger dan wat de regels toelaten" in f.message for f in found)


def test_staff_indexation_compounds_per_year():
    plan = load_plan(FIXTURES / "kleineregio.yml").plan
    staff = next(line for line in budget.lines(plan) if line.group == "personeel")
    base = budget.to_cents(Decimal("70000") * Decimal("0.8"))
    assert staff.amounts[2027] == base
    assert staff.amounts[2028] == round(base * 1.02)
    assert staff.amounts[2032] == int((Decimal(base) * Decimal("1.02") ** 5).quantize(Decimal(1), "ROUND_HALF_UP"))


def test_totals_are_exact_in_cents():
    plan = load_plan("params/voorbeeldregio.yml").plan
    all_lines = budget.lines(plan)
    totals = budget.totals(plan)
    for year in plan.region.period.years:
        costs = sum(line.amounts.get(year, 0) for line in all_lines if line.side == budget.COSTS)
        assert totals.loc[year, "uitgaven"] == costs
        assert isinstance(costs, int)
    assert budget.grand_total_costs(plan) == sum(line.total() for line in all_lines if line.side == budget.COSTS)


def test_deficit_and_missing_action_and_cofinancing_are_flagged(small_params):
    def change(doc):
        doc["begroting"]["werking"][0]["bedrag"] = 500000
        doc["begroting"]["gemeentelijke_bijdragen"]["per_inwoner"] = 0.10
    edit_params(small_params, change)
    found = [f.message for f in budget.checks(load_plan(small_params).plan) if f.status == "blokkerend"]
    assert any(m.startswith("Tekort in 2027") for m in found)
    assert any("cofinanciering vraagt minstens" in m for m in found)
    # a budget for an action that does not exist is refused when the file is read
    edit_params(small_params, lambda doc: doc["begroting"]["acties"].append(
        {"actie": "a-bestaat-niet", "bedrag": 1000}))
    with pytest.raises(ParamsError, match="actie 'a-bestaat-niet' bestaat niet"):
        load_plan(small_params)


def test_action_costs_roll_up_per_sd():
    plan = load_plan(FIXTURES / "wijzigingen-v1.yml").plan
    per_sd = budget.cost_per_sd(plan).set_index("Doelstelling")["Totaal"]
    # SD1: kansenpas 6000 x 2 years + praatcafe 2000 x 1 year; SD2: kalender 4000 x 6 + coproductie 12000 x 2
    assert per_sd.iloc[0] == 1_400_000
    assert per_sd.iloc[1] == 4_800_000


def test_action_costs_roll_up_per_od():
    plan = load_plan(FIXTURES / "wijzigingen-v1.yml").plan
    per_od = budget.cost_per_od(plan).set_index("Code")["Kost over de periode"]
    assert per_od["SD1-OD1"] == "12.000,00"  # kansenpas 6.000 x 2 years
    assert per_od["SD1-OD2"] == "2.000,00"  # praatcafé, 1 year
    assert per_od["SD3-OD1"] == "0,00"
