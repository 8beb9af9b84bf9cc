"""The cohort app: set widget values as a lead would, and check what the app then shows."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest

from followup_kit import Store
from followup_kit.charts import VEGA_LITE
from followup_kit.errors import FollowupKitError
from followup_kit.playbook.interview_facts import facts
from followup_kit.widgets import cohort_app
from followup_kit.widgets import cohorts as app_module

DATA = Path(__file__).resolve().parent.parent / "data"
CSVS = [DATA / f"{name}.csv" for name in ("candidates", "interviews", "events")]
AS_OF = "2026-11-01"


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    path = tmp_path / "store.db"
    with Store(path) as store:
        store.import_csv(*CSVS)
    return path


@pytest.fixture
def expected_facts(store_path: Path):
    with Store(store_path, readonly=True) as store:
        return facts(*store.tables(), as_of=AS_OF)


def report_rows(parts: dict) -> dict[str, list]:
    """The report the app last showed, by cohort: [cohort, candidates, interviews, ...]."""
    report = parts["controller"].report
    return {row[0]: list(row) for row in report.astype("str").itertuples(index=False)}


def count_updates(parts: dict) -> list:
    """The choices after each change the controller's observers hear of."""
    calls: list = []
    c = parts["controller"]
    c.observe(lambda change: calls.append((c.cohorts, c.by, c.as_of)))
    return calls


def test_opens_with_every_cohort_in_the_facts_order(store_path, expected_facts):
    box, parts = cohort_app(store_path, as_of=AS_OF)
    order = tuple(expected_facts["cohort"].cat.categories)
    assert len(order) >= 3
    assert parts["cohorts"].options == order
    assert parts["cohorts"].value == order
    assert parts["compare_by"].value == "cohort"
    assert parts["as_of"].value == dt.date(2026, 11, 1)
    assert list(report_rows(parts)) == list(order)
    for part in ("cohorts", "compare_by", "as_of", "report", "plots"):
        assert parts[part] in _children(box)


def test_choosing_cohorts_redraws_the_report_with_only_those(store_path, expected_facts):
    _, parts = cohort_app(store_path, as_of=AS_OF)
    calls = count_updates(parts)
    chosen = parts["cohorts"].options[1::2]
    parts["cohorts"].value = chosen
    assert calls == [(chosen, "cohort", dt.date(2026, 11, 1))]
    rows = report_rows(parts)
    assert list(rows) == list(chosen)
    per_cohort = expected_facts.groupby("cohort", observed=False).agg(
        candidates=("candidate_id", "nunique"), interviews=("interview_id", "size"))
    for cohort, cells in rows.items():
        assert int(cells[1]) == per_cohort.loc[cohort, "candidates"]
        assert int(cells[2]) == per_cohort.loc[cohort, "interviews"]

    parts["cohorts"].value = ()
    assert len(calls) == 2
    assert parts["controller"].report is None and parts["controller"].charts == []
    assert parts["plots"].outputs == ()


def test_compare_by_thank_you_timing_regroups_the_pictures_not_the_report(store_path,
                                                                           monkeypatch):
    drawn = []

    def spy(draw):
        def inner(result, *args, **kwargs):
            drawn.append((draw.__name__, list(result.columns)))
            return draw(result, *args, **kwargs)
        return inner

    monkeypatch.setattr(app_module, "response_curve_chart", spy(app_module.response_curve_chart))
    monkeypatch.setattr(app_module, "outcome_rates_chart", spy(app_module.outcome_rates_chart))
    _, parts = cohort_app(store_path, as_of=AS_OF)
    assert all("cohort" in columns for _, columns in drawn)
    before = parts["report"].outputs
    facts_before = parts["controller"].all_facts
    calls = count_updates(parts)
    drawn.clear()

    parts["compare_by"].value = "thank_you_timing"
    assert len(calls) == 1
    assert [name for name, _ in drawn] == ["response_curve_chart", "outcome_rates_chart"]
    assert all("thank_you_timing" in columns and "cohort" not in columns
               for _, columns in drawn)
    assert parts["report"].outputs == before
    assert parts["controller"].all_facts is facts_before


def test_compare_by_round_draws_a_curve_per_round(store_path):
    _, parts = cohort_app(store_path, as_of=AS_OF)
    assert "round" in dict(parts["compare_by"].options).values()
    parts["compare_by"].value = "round"
    assert parts["message"].value == ""
    curves, rates = parts["controller"].charts
    f = parts["controller"].facts
    rounds = sorted(f["round"].unique().tolist())
    assert curves["title"] and rates["title"]
    assert len(parts["plots"].outputs) == 2
    # One group per round the interviews reached, the applications in the row of their latest round.
    drawn = app_module.outcome_rates(f, by="round")
    assert drawn["round"].tolist() == rounds
    assert drawn["trials"].sum() == app_module.outcome_rates(f, by="cohort")["trials"].sum()


def test_an_earlier_day_rebuilds_the_facts_and_the_report(store_path):
    _, parts = cohort_app(store_path, as_of=AS_OF)
    calls = count_updates(parts)
    before = report_rows(parts)
    parts["as_of"].value = dt.date(2026, 6, 1)
    assert len(calls) == 1
    assert parts["controller"].as_of == dt.date(2026, 6, 1)
    after = report_rows(parts)
    assert list(after) == list(before)
    assert after != before

    parts["as_of"].value = None
    assert len(calls) == 1
    assert report_rows(parts) == after


def test_a_folder_of_csvs_gives_the_same_app_as_the_store(store_path):
    _, from_store = cohort_app(store_path, as_of=AS_OF)
    _, from_csvs = cohort_app(DATA, as_of=AS_OF)
    assert from_csvs["cohorts"].options == from_store["cohorts"].options
    assert from_csvs["controller"].report.equals(from_store["controller"].report)


def test_the_report_is_an_html_table_and_the_plot_area_holds_the_two_charts(store_path):
    _, parts = cohort_app(store_path, as_of=AS_OF)
    for cohorts in (parts["cohorts"].options[:1], parts["cohorts"].options, parts["cohorts"].options[1:]):
        parts["cohorts"].value = cohorts
        shown = parts["plots"].outputs
        assert [o["data"][VEGA_LITE] for o in shown] == parts["controller"].charts
        assert len(shown) == 2
        # Each chart draws the chosen cohorts, and no other.
        curves = {row["group"] for row in parts["controller"].charts[0]["datasets"]["curves"]}
        rates = [row["group"] for row in parts["controller"].charts[1]["datasets"]["rates"]]
        assert curves == set(cohorts) and rates == list(cohorts)
    (table,) = parts["report"].outputs
    assert "<table" in table["data"]["text/html"] and "<th>offer rate (95% CI)</th>" in table["data"]["text/html"]


def test_interview_dates_and_behaviour_filter_together(store_path, expected_facts):
    _, parts = cohort_app(store_path, as_of=AS_OF)
    calls = count_updates(parts)
    parts["held_from"].value = dt.date(2026, 1, 1)
    parts["held_to"].value = dt.date(2026, 6, 30)
    parts["compare_by"].value = "warned"
    assert len(calls) == 3
    held = expected_facts["interview_date"].between("2026-01-01", "2026-06-30")
    report = parts["controller"].report.set_index("cohort")
    assert report["interviews"].sum() == held.sum()
    rates = parts["controller"].charts[1]["datasets"]["rates"]
    # One row per value of the behaviour: with and without a warned follow-up.
    assert len(rates) == 2


def test_the_views_observe_the_controllers_choices(store_path):
    _, parts = cohort_app(store_path, as_of=AS_OF)
    controller = parts["controller"]
    latest = controller.cohorts[-2:]
    controller.cohorts = latest
    assert list(report_rows(parts)) == list(latest)
    assert {row["group"] for row in controller.charts[0]["datasets"]["curves"]} == set(latest)
    before, facts_before = report_rows(parts), controller.all_facts
    controller.as_of = pd.Timestamp("2026-06-01 15:30")
    assert controller.as_of == dt.date(2026, 6, 1) and type(controller.as_of) is dt.date
    assert controller.all_facts is not facts_before
    assert report_rows(parts) != before
    controller.by = "thank_you_timing"
    assert {row["group"] for row in controller.charts[0]["datasets"]["curves"]} == {
        "same day", "on time", "late", "none"}


def test_a_folder_without_the_csvs_says_what_is_missing(tmp_path):
    (tmp_path / "candidates.csv").write_text(CSVS[0].read_text())
    with pytest.raises(FollowupKitError, match="interviews.csv, events.csv"):
        cohort_app(tmp_path)


def _children(widget) -> list:
    out = [widget]
    for child in getattr(widget, "children", ()):
        out += _children(child)
    return out
