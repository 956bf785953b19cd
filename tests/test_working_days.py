"""GEN-10: the working-day arithmetic is a pure function, tested without Odoo or a
database (loaded from its file, so no Odoo import happens)."""

import importlib.util
from datetime import date
from pathlib import Path

PATH = Path(__file__).resolve().parent.parent / "addons/sce_appeals/tools/working_days.py"
spec = importlib.util.spec_from_file_location("working_days", PATH)
working_days = importlib.util.module_from_spec(spec)
spec.loader.exec_module(working_days)

# January 2026: 1-8 holidays, 9 a transferred day off; 31.12.2025 too.
EXCEPTIONS = {date(2026, 1, d): False for d in range(1, 10)} | {date(2025, 12, 31): False}
IS_WORKING = working_days.working_day_predicate({0, 1, 2, 3, 4}, EXCEPTIONS)


def test_gen10_first_working_day_after_new_year():
    assert working_days.add_working_days(date(2025, 12, 30), 1, IS_WORKING) == date(2026, 1, 12)


def test_gen10_start_day_is_not_counted():
    assert working_days.add_working_days(date(2026, 2, 2), 1, IS_WORKING) == date(2026, 2, 3)


def test_gen10_fourteen_working_days_span_weekends():
    assert working_days.add_working_days(date(2026, 2, 2), 14, IS_WORKING) == date(2026, 2, 20)


def test_gen10_term_ending_on_a_day_off_moves_to_the_next_working_day():
    assert working_days.next_working_day(date(2026, 1, 3), IS_WORKING) == date(2026, 1, 12)
    assert working_days.next_working_day(date(2026, 1, 12), IS_WORKING) == date(2026, 1, 12)
    assert working_days.next_working_day(
        date(2026, 1, 12), IS_WORKING, include_start=False
    ) == date(2026, 1, 13)


def test_gen10_a_working_saturday_counts():
    is_working = working_days.working_day_predicate({0, 1, 2, 3, 4}, {date(2025, 11, 1): True})
    assert working_days.add_working_days(date(2025, 10, 31), 1, is_working) == date(2025, 11, 1)


def test_gen10_zero_days_is_the_same_working_day():
    assert working_days.add_working_days(date(2026, 1, 5), 0, IS_WORKING) == date(2026, 1, 12)
