"""Applications of several rounds: pandas, the store's cached counts and Dask give the same numbers."""

from __future__ import annotations

import json

import pandas as pd
import pytest
import test_scale
from test_stats_rounds import programme_tables

import followup_kit as fk
from followup_kit import scale
from followup_kit.cli import main
from followup_kit.data import parquet, schema
from followup_kit.stats import cache
from followup_kit.stats.compare import compare_from_counts, compare_questions
from followup_kit.stats.report import cohort_report_from_counts
from followup_kit.stats.tables import report_records

pytestmark = pytest.mark.cluster
#: The in-process cluster of the scale tests.
client = test_scale.client

AS_OF = "2026-09-15"


@pytest.fixture(scope="module")
def programme(tmp_path_factory):
    """A store and a Parquet dataset of the same candidates, applications of one to three rounds."""
    root = tmp_path_factory.mktemp("rounds")
    files = []
    for name, frame in zip(schema.ORDER, programme_tables(7, 40, ("2026-spring", "2026-summer",
                                                                 "2026-autumn")), strict=True):
        frame.to_csv(root / f"{name}.csv", index=False)
        files.append(root / f"{name}.csv")
    db = root / "programme.db"
    with fk.Store(db) as store:
        store.import_csv(*files)
        tables = store.tables()
    dataset = root / "dataset"
    parquet.write_parquet(dataset, tables, parts=3)
    return {"db": db, "dataset": dataset, "facts": fk.facts(*tables, as_of=AS_OF)}


def test_the_data_hold_applications_of_several_rounds(programme):
    f = programme["facts"]
    assert f["round"].max() == 3
    report = fk.cohort_report(f)
    assert (report["applications"] < report["interviews"]).all()
    assert (report["reached_later_round"] > 0).all()
    assert len(parquet.dataset_parts(programme["dataset"])) == 3


@pytest.mark.parametrize("by", ["cohort", "round"])
def test_the_report_is_the_same_from_facts_the_store_and_the_cluster(programme, client, by):
    expected = fk.cohort_report(programme["facts"], by=by)
    with fk.Store(programme["db"]) as store:
        stored = cache.cohort_report_from_store(store, AS_OF, by=by)
    counted = scale.cohort_counts_dask(programme["dataset"], AS_OF, client=client)
    on_cluster = cohort_report_from_counts(counted.by_round if by == "round" else counted.by_cohort)
    for got in (stored, on_cluster):
        pd.testing.assert_frame_equal(got, expected, check_exact=False, rtol=1e-12, atol=0)
    alone = scale.cohort_counts_parquet(programme["dataset"], AS_OF)
    pd.testing.assert_frame_equal(alone.by_round.groups, counted.by_round.groups, check_exact=True)
    pd.testing.assert_frame_equal(alone.by_round.days, counted.by_round.days, check_exact=True)


@pytest.mark.parametrize("by, groups, outcome", [
    ("round", (1, 2), "offer"),
    ("round", (1, [2, 3]), "no_response"),
    ("cohort", ("2026-spring", "2026-autumn"), "offer"),
])
def test_compare_groups_is_the_same_on_the_cluster(programme, client, by, groups, outcome):
    expected = fk.compare_groups(programme["facts"], by, groups, outcome=outcome)
    ddf = scale.facts_dask(programme["dataset"], AS_OF)
    counted = scale.count_dask(ddf, [by], compare_questions(outcome), client=client)
    got = compare_from_counts(counted, by, groups, outcome=outcome)
    pd.testing.assert_frame_equal(got, expected, check_exact=False, rtol=1e-12, atol=0)
    # Offers count applications: fewer trials than interviews.
    assert expected.loc[0, "trials_a"] + expected.loc[0, "trials_b"] < len(programme["facts"])


def test_the_report_command_by_round(programme, capsys):
    assert main(["report", "--db", str(programme["db"]), "--as-of", AS_OF, "--by", "round",
                 "--format", "json"]) == 0
    got = json.loads(capsys.readouterr().out)
    assert got == report_records(fk.cohort_report(programme["facts"], by="round"))
    assert [row["round"] for row in got] == [1, 2, 3]
    assert main(["report", "--parquet", str(programme["dataset"]), "--as-of", AS_OF, "--by", "round"]) == 0
    table = capsys.readouterr().out
    assert table.split()[0] == "round" and "rounds per application" in table
