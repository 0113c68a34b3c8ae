"""Money as integer cents, shown and read the Dutch way (partnerships.money), and the pure rules
of the budget (partnerships.finance.rules)."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from partnerships.finance import rules
from partnerships.money import EuroField, format_cents, hours_to_cents, parse_euros, plain_euros


@pytest.mark.parametrize(
    "text, cents",
    [
        ("1.234,56", 123456),
        ("1234.56", 123456),
        ("1234,5", 123450),
        ("€ 12", 1200),
        ("-3,10", -310),
        ("1.234", 123400),
        ("0,01", 1),
        (" 45 ", 4500),
    ],
)
def test_parse_euros(text, cents):
    assert parse_euros(text) == cents


@pytest.mark.parametrize("text", ["", "abc", "1,2,3", "12,345", "1.23.4", "--1"])
def test_parse_euros_refuses(text):
    with pytest.raises(ValueError):
        parse_euros(text)


def test_format_cents():
    assert format_cents(123456) == "€ 1.234,56"
    assert format_cents(-5) == "€ -0,05"
    assert format_cents(0) == "€ 0,00"
    assert format_cents(100, sign=True) == "€ +1,00"
    assert format_cents(None) == "—"


@given(st.integers(min_value=-(10**12), max_value=10**12))
def test_format_and_plain_read_back(cents):
    assert parse_euros(format_cents(cents)) == cents
    assert parse_euros(plain_euros(cents)) == cents


def test_hours_to_cents_rounds_half_up():
    assert hours_to_cents(Decimal("8.5"), 4500) == 38250
    assert hours_to_cents(Decimal("0.01"), 50) == 1  # 0.5 cent up
    assert hours_to_cents(3, 4499) == 13497


def test_euro_field():
    field = EuroField()
    assert field.clean("1.250,00") == 125000
    with pytest.raises(Exception, match="negatief|negative"):
        field.clean("-1")
    assert EuroField(min_cents=None).clean("-1") == -100
    assert EuroField(required=False).clean("") is None


def test_status_steps():
    assert rules.may_move("draft", "submitted")
    assert rules.may_move("submitted", "approved")
    assert rules.may_move("submitted", "rejected")
    assert rules.may_move("approved", "paid")
    for current, new in [("draft", "approved"), ("rejected", "paid"), ("paid", "approved")]:
        assert not rules.may_move(current, new)


@given(
    st.lists(
        st.tuples(st.sampled_from(["income", "cost"]), st.integers(0, 10**9), st.integers(0, 10**9))
    )
)
def test_totals_add_up(lines):
    figures = [rules.LineFigures(side, b, r) for side, b, r in lines]
    t = rules.totals(figures)
    assert t.income_budgeted + t.cost_budgeted == sum(f.budgeted for f in figures)
    assert t.income_realised + t.cost_realised == sum(f.realised for f in figures)
    assert t.balance_realised == t.income_realised - t.cost_realised
